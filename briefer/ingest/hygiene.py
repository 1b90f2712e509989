"""Text hygiene: captions, bylines, datelines, timestamps, speaker tags, reader comments and
archive lists, none of which is the story's own prose.

A line is either kept whole, kept without a leading prefix (what stays is still a verbatim
suffix of the line), or dropped. Every rule is about the shape of page furniture, never about
what a story is about; each verdict names its rule so that removals can be counted and audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE = rf"(?:{_WEEKDAY},? )?(?:\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}},? \d{{4}})"
_ZONE = r"(?:(?:UK|local) time|BST|GMT|UTC|CET|[ECMP][SD]?T)\b"
_CLOCK = r"\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\b\.?|[AP]M\b)?"
_TIME = rf"{_CLOCK}\s*{_ZONE}"
# A publication stamp: "Tuesday 4 January 2005 08.43 GMT", "October 13, 2008; 7:45 AM ET",
# "11:50 GMT, Friday, 29 January 2010". Prose says "at" before a time; a stamp does not.
_STAMP = re.compile(rf"(?:{_DATE}[,;]?\s*(?:-\s*)?{_TIME}|{_TIME},?\s*{_DATE})\s*")
# At a line's start a stamp may leave out the zone: "Tuesday, September 16, 2008; 4:30 PM ".
_BARE_STAMP = re.compile(
    rf"^{_DATE}[,;]\s*(?:\d{{1,2}}[.:]\d{{2}}\s*(?:[ap]\.?m\b\.?|[AP]M\b)|Page [A-Z]?\d+\b)\s*"
)
# A story's lead, unlike a caption, anchors itself in time or cites someone.
_STORY_WORDS = re.compile(r"\b(?:said|yesterday|today|tonight|last night)\b")
_UPDATED = re.compile(r"\bupdated (?:at|on)$", re.IGNORECASE)
# Words after which a date and time belong to the sentence ("struck on Tuesday 12 …").
_BINDING_WORDS = {
    "on",
    "at",
    "by",
    "from",
    "until",
    "till",
    "since",
    "before",
    "after",
    "of",
    "to",
    "and",
    "or",
    "between",
    "about",
    "around",
    "the",
    "that",
}

_CAPS_PLACE = r"[A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+){0,3}"
_NAME_WORD = r"[A-Z][\w'’.-]*"
_DASH = r"(?:--|—|–|-)"

_NAMED_CREDIT = re.compile(
    r"^(?:Photo|Photograph|Picture)s?:\s*(?:[^/\s][^/]{0,50}(?:/(?:[A-Z]{2,}\b|[A-Z][\w&.-]*"
    r"(?: (?:Images|Pictures|Photos)\b| [A-Z][\w.-]+(?= [A-Z\"“]|/))?))+"
    r"|[A-Z]{2,}|[A-Z][\w'’-]+ [A-Z][\w'’-]+)\s+(?=[\"“‘'A-Z])"
)

# Prefixes cut off a line when real prose follows; tried in turn until none applies.
_PREFIXES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "(AP Photo/Katsumi Kasahara) (Katsumi Kasahara - AP) ", with the caption it ends if any:
    # what follows is another caption, unless a dateline or a story's own words show otherwise.
    (
        "photo credit",
        re.compile(
            r"^(?:[^()]{0,400}?\s)?"
            r"\((?:[A-Z][\w.&-]*\s+)?(?:Photo|Photograph|Picture|Image)s?\b[^()]{0,80}\)"
            r"(?:\s*\([^()]{1,60}\))*\s*"
        ),
    ),
    # "(By Linda Davidson -- The Washington Post) ": the caption was before it, the story follows.
    ("credit", re.compile(rf"^\(By [^()]{{2,60}}\s{_DASH}\s[^()]{{2,60}}\)\s*")),
    # "Photograph: Jane Doe/AP ", "Photo: Jane Doe ": the caption was before it, the story follows.
    ("credit", _NAMED_CREDIT),
    # A pull-quote run into the standfirst: "'I feel I'm carrying the world' After her son …".
    # Prose closes a quote with punctuation, or goes on in lower case ("'Stop' was all he said").
    (
        "pull quote",
        re.compile(
            r"^(?:[\"“]\s?(?=(?:\S+\s+){2})[^.,;:!?\"“”]{8,150}?[A-Za-z0-9][\"”]"
            r"|['‘]\s?(?=(?:\S+\s+){2})[^.,;:!?\"“”‘]{8,150}?[A-Za-z0-9]['’])\s+(?=[A-Z])"
        ),
    ),
    # An embedded clip, its caption and its link label: "… on the outbreak Link to this audio ".
    (
        "media link",
        re.compile(
            r"^[^.!?]{0,300}?\bLink to (?:this )?(?:video|audio|gallery|interactive)"
            r"(?::\s*|\s+(?=[\"“A-Z]))"
        ),
    ),
    ("update tag", re.compile(r"^(?:NEW|UPDATED?|BREAKING(?: NEWS)?|CORRECTION)\s*:\s*")),
    # "Djerba, Tunisia (CNN) -- ", "WASHINGTON (Reuters) - ".
    (
        "dateline",
        re.compile(
            rf"^(?:{_NAME_WORD}(?:,?\s+{_NAME_WORD}){{0,5}},?\s*)?"
            rf"\({_NAME_WORD}(?: {_NAME_WORD}){{0,3}}\)\s*{_DASH}\s*(?=[\"“‘'A-Z])"
        ),
    ),
    # "BELTON, Mo., Oct. 20 -- ", "TOKYO, Oct. 17 -- ", "LONDON - ".
    (
        "dateline",
        re.compile(
            rf"^{_CAPS_PLACE}(?:, {_NAME_WORD}(?: {_NAME_WORD})*)*"
            rf"(?:,? {_MONTH} \d{{1,2}})?\s*{_DASH}\s+(?=[\"“‘'A-Z])"
        ),
    ),
    # "By the CNN Wire Staff", "By Staff Writers".
    (
        "byline",
        re.compile(
            r"^By (?:the )?(?:[A-Z][\w'’.-]*\s+){0,4}(?:Wire )?Staff"
            r"(?: Writers?| Reporters?)?\b[,.]?\s*"
        ),
    ),
    # A live-blog entry's time: "1.23pm BST ", "14:05 GMT: ", "Updated at 3.15pm ".
    (
        "live-blog time",
        re.compile(
            rf"^(?i:(?:last )?updated(?: at)?:?\s*)?\d{{1,2}}[.:]\d{{2}}\s*"
            rf"(?:(?:[ap]m|[AP]M)\b\s*(?:{_ZONE})?|{_ZONE}|(?=\s*[:–—-]))\s*[:–—-]?\s*"
            r"(?=[\"“‘'A-Z]|$)"
        ),
    ),
)

_DATED_DATELINE = re.compile(
    rf"(?<=\s){_CAPS_PLACE}(?:, {_NAME_WORD}(?: {_NAME_WORD})*)*, {_MONTH} \d{{1,2}}\s*{_DASH}\s+"
    r"(?=[\"“‘'A-Z])"
)

# Whole lines that are not the story's prose, tried on what is left after the prefixes.
_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "AP Apr. 21: An oil slick is seen …": agency, date, colon.
    (
        "caption",
        re.compile(
            rf"^[A-Z][\w&/-]{{1,15}}(?: [A-Z][\w&/-]+)? {_MONTH} \d{{1,2}}(?:, \d{{4}})?:\s"
        ),
    ),
    (
        "caption",
        re.compile(
            r"^(?:an? |the )?(?:still|frame|(?:screen|video) ?grab|image|photo(?:graph)?|picture)"
            r" (?:taken )?from (?:an? |the )?(?:undated |amateur |handout )?"
            r"(?:video|footage|film|broadcast)"
            r"|^(?:in )?this (?:(?:undated|handout|file) )*(?:photo(?:graph)?|image|picture)"
            r" (?:taken|released|provided|made available|obtained|shows|from)\b"
            r"|^(?:file|handout) (?:photo|picture|image)\b"
            r"|^(?:photo|photograph|picture|image)s? (?:no\.?|number) \d",
            re.IGNORECASE,
        ),
    ),
    # An agency caption gives the full date: "… in Tokyo, Thursday, Oct. 16, 2008."
    ("caption", re.compile(rf"\b{_WEEKDAY},? {_MONTH} \d{{1,2}}, \d{{4}}\b")),
    # "BLITZER: …", "UNIDENTIFIED MALE: …", "SIR TREVOR MCDONALD FOR TONIGHT: …".
    (
        "speaker tag",
        re.compile(r"^[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,5}(?: \([^()]{1,40}\))?:\s"),
    ),
    # "Olivier Garret: I believe …", a named turn in a chat or interview transcript.
    ("speaker tag", re.compile(r"^[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z'’-]+){1,2}:\s+[\"“A-Z]")),
    # A live-chat reader: "Portland, Ore.: …", "Washington, D.C.: …".
    (
        "reader comment",
        re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}, [A-Z][A-Za-z.]{0,5}:\s"),
    ),
    (
        "reader comment",
        re.compile(
            r"\b(?:report (?:abuse|this comment|offensive comments?)"
            r"|flag (?:as|this) (?:inappropriate|comment)|recommend(?:ed|s)? \(\d+\)"
            r"|\d+ (?:people )?recommend(?:ed|s)?\b|reply to this comment"
            r"|comment (?:no\.?|number) \d+|this comment (?:was|has been) (?:removed|deleted))"
            r"|\bwrote:\s*$|(?:\d{4}|\b[AaPp]\.?[Mm]\b\.?),? [^.:,]{1,40} wrote:",
            re.IGNORECASE,
        ),
    ),
    # "February 11, 2011 | By …", "| By …": a byline and its stamp.
    ("byline", re.compile(rf"^(?:{_DATE}\s*)?\|\s*By\s|\bBy [A-Z][^|]{{2,60}}\|")),
    (
        "contact",
        re.compile(
            r"\b[\w.+-]+@[\w-]+\.\w|\b(?:letters for publication|help using the site)\b"
            r"|\bcontact(?:ed)?\b.{0,80}\b(?:on|at) \(?\d[\d ()-]{7,}\d",
            re.I,
        ),
    ),
    # An archive list: "Obama meets Mubarak - February 1, 2011", "February 1, 2011: …".
    (
        "archive list",
        re.compile(rf"(?:\s[-–—|]\s*|\(){_DATE}\)?\.?$|^{_DATE}\s*[-–—|:]\s", re.IGNORECASE),
    ),
    ("furniture", re.compile(r"\bthis article (?:appeared|was published) (?:on|in) p\d", re.I)),
    ("furniture", re.compile(r"\bnot responsible for the content of external\b", re.I)),
    # A book extract's credit: "Extracted from One Woman's Army by …, published by … tomorrow."
    (
        "furniture",
        re.compile(
            r"^(?:this is an? (?:edited |abridged |shortened )?(?:extract|excerpt) from\b"
            r"|(?:extracted|excerpted|adapted) from\b.{0,200}\bpublished by\b)",
            re.I,
        ),
    ),
    # The page talking to its reader about the page: "Your browser's settings may be …".
    (
        "furniture",
        re.compile(
            r"^your (?:web )?browser(?:'s|’s)? (?:settings|does not|doesn't|may|is)\b"
            r"|\b(?:enable|turn on) javascript\b",
            re.I,
        ),
    ),
    # Another publisher's headline and its age: "Rescue teams arrive - 7 hrs ago Reuters".
    ("link list", re.compile(r"\s[-–—]\s\d{1,3} (?:hrs?|hours?|mins?|minutes?|days?) ago [A-Z]")),
    # A column's archive: "Delayed dispatches November 7, leader: …", "November 10, Jane Doe: …".
    (
        "archive list",
        re.compile(
            rf"\b{_MONTH} \d{{1,2}}, (?:leader|editorial|[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,2}}):\s"
        ),
    ),
)
# A comment thread's heading: everything after it, when it proves to be a thread, goes.
_COMMENT_HEADING = re.compile(
    r"^(?:\d+ )?(?:reader )?comments?(?: \(\d+\))?:?$|^(?:add|post|leave|have) (?:a |your )"
    r"(?:comment|say)\b|^comments? (?:are|is) (?:now )?closed|^(?:show|view|read) (?:all )?"
    r"(?:\d+ )?comments\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]{2,}")
# A caption right after a publication stamp tells what a picture shows, in the present and in
# one short sentence; a story's lead reports (a past, perfect or modal verb, a quote, a question).
_REPORTING = re.compile(
    r"\b(?:\w+ed|was|were|has|have|had|will|would|said|is|are|be|been|can|could|may|might"
    r"|must|should|did|does|do|told|went|came|took|made|gave|got|left|found|met|began|rose|fell"
    r"|won|lost|held|kept|sent|spent|struck|fought|brought|thought|became|saw|knew|ran|led|paid"
    r"|sold|built|broke|hit|put|set|cut|let|shot|fled|flew|stood|sat|wrote|spoke|chose)\b"
    r"|n't\b|[\"“”?:;]",
    re.IGNORECASE,
)
_CAPTION_WORDS = 30
_MIN_WORDS = 4


@dataclass(frozen=True)
class Verdict:
    """What becomes of one line: `kept` is a verbatim suffix of it (None: the line goes)."""

    kept: str | None
    removed: str | None = None
    rule: str | None = None


def _stamp_prefix(line: str) -> re.Match[str] | None:
    """A headline, standfirst or byline that ends in a publication stamp near the line's start."""
    for match in _STAMP.finditer(line[:400]):
        before = line[: match.start()].rstrip()
        words = before.split()
        if not words or words[-1].casefold() not in _BINDING_WORDS or _UPDATED.search(before):
            return match
    return _BARE_STAMP.match(line)


def _dateline_inside(line: str) -> re.Match[str] | None:
    """A dated dateline after a run-together headline or caption ("… PARIS, Dec. 4 --")."""
    match = _DATED_DATELINE.search(line[:400])
    return match if match and match.start() > 0 else None


def _cut_prefix(line: str) -> tuple[str, str] | None:
    """(rule, prefix) of the first leading piece of furniture on the line, if any."""
    for rule, pattern in _PREFIXES:
        match = pattern.match(line)
        if match and match.end() > 0:
            return rule, line[: match.end()]
    stamp = _stamp_prefix(line)
    if stamp:
        return "timestamp", line[: stamp.end()]
    dateline = _dateline_inside(line)
    if dateline:
        return "dateline", line[: dateline.end()]
    return None


def _line_rule(line: str) -> str | None:
    return next((rule for rule, pattern in _LINES if pattern.search(line)), None)


def _stamped_caption(text: str) -> bool:
    return (
        len(text.split()) <= _CAPTION_WORDS and text.endswith(".") and not _REPORTING.search(text)
    )


def _rule_after(rules: list[str], rest: str) -> str | None:
    """Why what is left after the cut prefixes goes too (None: it stays)."""
    if not rules:
        return None
    if rules[-1] == "photo credit" and not _STORY_WORDS.search(rest):
        return "caption"
    if rules[-1] == "timestamp" and _stamped_caption(rest):
        return "caption"
    return rules[0] if len(_WORD.findall(rest)) < _MIN_WORDS else None


def tidy_line(line: str) -> Verdict:
    """Keep, trim or drop one stripped line. After a photo credit comes a caption unless a
    dateline or a story's words follow; a line with too little prose left is dropped whole."""
    rest, rules = line, []
    while (cut := _cut_prefix(rest)) is not None:
        rules.append(cut[0])
        rest = rest[len(cut[1]) :]
    rule = _line_rule(rest) or _rule_after(rules, rest)
    if rule is not None:
        return Verdict(None, line, rule)
    if rules:
        return Verdict(rest, line[: len(line) - len(rest)].rstrip(), rules[0])
    return Verdict(line)


# A reader answering the piece: "I agree with Frederick Forsyth", "An interesting article".
_RESPONSE = re.compile(
    r"^(?:I (?:\w+ )?(?:agree|disagree)\b|(?:an?|what an?|a very) (?:interesting|excellent|great"
    r"|good|thoughtful|brilliant) (?:article|piece|read|view)\b|well said\b)",
    re.IGNORECASE,
)
MIN_RESPONSES = 3  # one "I agree" may be a writer's own; three openings on it are readers'
RESPONSE_WINDOW = 12  # lines: readers' answers follow one another


def comment_thread_start(lines: list[str]) -> int | None:
    """Index of the line where a reader-comment thread begins: a comment heading or marker
    followed by at least two comment markers, or the first of MIN_RESPONSES or more lines
    within RESPONSE_WINDOW lines that open by answering the piece ("I agree with …"), signed
    or not. None when the text has no such thread."""
    marks = [i for i, line in enumerate(lines) if tidy_line(line).rule == "reader comment"]
    heads = [i for i, line in enumerate(lines) if _COMMENT_HEADING.match(line)]
    for start in sorted({*heads, *marks}):
        if sum(1 for i in marks if i >= start) >= 2 + (start in marks):
            return start
    responses = [i for i, line in enumerate(lines) if _RESPONSE.match(line)]
    for first in responses:
        near = [i for i in responses if first <= i <= first + RESPONSE_WINDOW]
        if len(near) >= MIN_RESPONSES:
            return first
    return None


def transcript_start(lines: list[str]) -> int | None:
    """Index of the first speaker tag of an interview or broadcast transcript: tags of at least
    two different speakers ("TONIGHT: …", "PRESIDENT BUSH: …"). From there every line is
    someone's spoken turn, not the story's narration ("Well, today, no WMD, the war has cost
    …" is the interviewer's). None when the text has no such turns; a label repeated alone
    ("Subs Not Used: …" in a team sheet) is no conversation."""
    tags = [
        (i, line.split(":", 1)[0])
        for i, line in enumerate(lines)
        if tidy_line(line).rule == "speaker tag"
    ]
    if len({speaker for _, speaker in tags}) < 2:
        return None
    return tags[0][0]


_LIST_PIECE_WORDS = 12


def link_list_pieces(lines: list[str]) -> set[int]:
    """Indexes of short lines that a sentence splitter broke off a list of other publishers'
    headlines: right beside a link-list line, without a full stop to end them like prose."""
    lists = {i for i, line in enumerate(lines) if tidy_line(line).rule == "link list"}
    return {
        j
        for i in lists
        for j in (i - 1, i + 1)
        if 0 <= j < len(lines)
        and j not in lists
        and lines[j]
        and len(lines[j].split()) <= _LIST_PIECE_WORDS
        and not lines[j].rstrip("\"'”’").endswith(".")
    }


# A credit opening a line, and the next caption or the story after it: the caption it ends
# is on the lines before it ("… (AP Photo/X) (X - AP) A trader watches …").
_CREDIT_FIRST = re.compile(
    r"^\((?:[A-Z][\w.&-]*\s+)?(?:Photo|Photograph|Picture|Image)s?\b[^()]{0,80}\)"
    r"(?:\s*\([^()]{1,60}\))*\s*\S"
)
CAPTION_LINES = 3  # the most lines one caption runs to between two captions' marks
_ATTRIBUTED = re.compile(r"\b(?:said|says|told)\b|[\"“”]")


def caption_lines(lines: list[str]) -> set[int]:
    """Indexes of lines of a caption that a photo credit ends: a credit trails its caption,
    so the line before a line that opens with one and goes on is caption ("Japan's Nikkei
    index dropped … (AP Photo/…) (… - AP) A trader …"), and so is every line back to the
    previous caption's credit or dated caption when that is at most CAPTION_LINES lines up
    (a gallery), unless one of them quotes or names a speaker. A line that opens on a dateline
    opens the story, and no caption runs back past it; a credit alone on its line may be any
    picture's. A named credit ("Photograph: Jane Doe/AP The lead …") takes the line before it
    when that is one short sentence (`_one_sentence`)."""
    verdicts = [tidy_line(line) for line in lines]
    stops = {
        i
        for i, (line, verdict) in enumerate(zip(lines, verdicts, strict=True))
        if _CREDIT_FIRST.match(line) or verdict.rule in ("caption", "dateline")
    }
    out: set[int] = set()
    for i, line in enumerate(lines):
        if i > 0 and _CREDIT_FIRST.match(line):
            out.add(i - 1)
            out.update(_gallery_run(lines, stops, i))
        elif i > 0 and _NAMED_CREDIT.match(line) and _one_sentence(verdicts[i - 1].kept or ""):
            out.add(i - 1)
    return {i for i in out if i not in stops and lines[i]}


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")
NAMED_CAPTION_WORDS = 20  # a caption's length; a headline, standfirst and caption run on


def _one_sentence(text: str) -> bool:
    """A caption is one short sentence. A longer line, or one of several sentences, before a
    named credit ("Photograph: Jane Doe/AP The lead …") is a headline and standfirst that a
    caption ran into: not all caption."""
    return len(text.split()) <= NAMED_CAPTION_WORDS and _SENTENCE_BREAK.search(text) is None


def _gallery_run(lines: list[str], stops: set[int], credit: int) -> range:
    """The lines above the one before a credit, back to the previous caption's mark (or a
    dateline) at most CAPTION_LINES up; none when there is no mark or one of them is
    attributed."""
    before = [j for j in range(max(0, credit - 1 - CAPTION_LINES), credit - 1) if j in stops]
    run = range(max(before) + 1, credit - 1) if before else range(0)
    return range(0) if any(_ATTRIBUTED.search(lines[j]) for j in run) else run
