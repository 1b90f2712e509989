"""Score a briefing against gold annotations, so quality is a number a change cannot lower.

Two kinds of gold: a publisher's timeline (`gold_timeline.json`: days with sentences), scored as
in the timeline-summarisation literature (date F1, ROUGE-1/2 on matching days) beside the
same-data baselines PubCount and MentionCount; and a hand-made annotation of a small set
(`tests/gold/samples.toml`): persons with roles, actors, non-actors, dated events and open
points. Content checks count what no reader should see (fragment, reporter, duplicate and place
actors; captions, bylines, datelines and page furniture as items), with no gold at all.
"""

from __future__ import annotations

import json
import re
import time
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.analysis.text import content_words
from briefer.dates import tag_dates
from briefer.models import Article, Briefing, PartialDate

_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class TimelineScores:
    """Date precision/recall/F1 over days; ROUGE F-scores averaged over the gold days."""

    produced_days: int
    gold_days: int
    date_precision: float
    date_recall: float
    date_f1: float
    rouge1: float
    rouge2: float


@dataclass(frozen=True)
class SampleScores:
    """Each figure is a fraction of the gold items satisfied, except the two counts."""

    persons_found: float
    person_roles: float
    actors_found: float
    non_actors_listed: int
    events_found: float
    wrong_dates: int
    open_points_found: float
    answered_asked: int  # questions a later source already answers
    failures: tuple[str, ...]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ngrams(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_f(produced: str, gold: str, n: int = 1) -> float:
    """ROUGE-N F1 between two texts: lower-cased alphanumeric tokens, no stemming."""
    candidate, reference = _ngrams(produced, n), _ngrams(gold, n)
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    return _f1(overlap / sum(candidate.values()), overlap / sum(reference.values()))


def load_gold_timeline(path: Path) -> dict[str, str]:
    """`{"YYYY-MM-DD": "all gold sentences of that day"}` from a gold_timeline.json."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    days: dict[str, list[str]] = {}
    for entry in entries:
        days.setdefault(entry["date"], []).extend(entry["text"])
    return {day: " ".join(texts) for day, texts in days.items()}


def produced_days(briefing: dict[str, Any]) -> dict[str, str]:
    """Day-precision timeline entries of a JSON briefing, their texts joined per day.

    Month and year entries are not days: they count neither for nor against date F1."""
    days: dict[str, list[str]] = {}
    for event in briefing.get("timeline", []):
        if len(event["date"]) == 10:
            days.setdefault(event["date"], []).append(event["text"])
    return {day: " ".join(texts) for day, texts in days.items()}


def score_days(produced: dict[str, str], gold: dict[str, str]) -> TimelineScores:
    """Date P/R/F1 of the produced days against the gold days; ROUGE over the gold days."""
    hits = set(produced) & set(gold)
    precision = len(hits) / len(produced) if produced else 0.0
    recall = len(hits) / len(gold) if gold else 0.0
    rouge = [
        sum(rouge_f(produced[day], gold[day], n) for day in hits) / len(gold) if gold else 0.0
        for n in (1, 2)
    ]
    return TimelineScores(
        len(produced), len(gold), precision, recall, _f1(precision, recall), *rouge
    )


def score_timeline(briefing: dict[str, Any], gold: dict[str, str]) -> TimelineScores:
    return score_days(produced_days(briefing), gold)


# ------------------------------------------------------------------ hand-made sample gold


def _fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"^the\s+", "", text.strip().lower())


def _has(text: str, item: str) -> bool:
    """`item` ("a|b" means either) occurs in `text`, case- and quote-insensitively."""
    folded = _fold(text)
    return any(_fold(choice) in folded for choice in item.split("|"))


def _find_actor(actors: list[dict[str, Any]], names: list[str]) -> dict[str, Any] | None:
    wanted = {_fold(n) for n in names}
    for actor in actors:
        if {_fold(n) for n in [actor["name"], *actor.get("aliases", [])]} & wanted:
            return actor
    return None


@dataclass(frozen=True)
class _Tally:
    """Two counts of one part of the sample gold, and what failed."""

    counts: tuple[int, int]
    failures: list[str]


def _source_ids(briefing: dict[str, Any]) -> dict[str, str]:
    """File name → source id ("S1")."""
    return {Path(s["path"]).name: s["id"] for s in briefing.get("sources", [])}


def _score_persons(actors: list[dict[str, Any]], persons: list[dict[str, Any]]) -> _Tally:
    found = roles = 0
    failures: list[str] = []
    for person in persons:
        actor = _find_actor(actors, person["names"])
        if actor is None:
            failures.append(f"person missing: {person['names'][0]}")
            continue
        found += 1
        role = actor.get("role") or ""
        wanted = person.get("role", [])
        if (not role and person.get("role_optional")) or (
            role and all(_has(role, item) for item in wanted)
        ):
            roles += 1
        else:
            failures.append(f"role of {actor['name']}: {role!r}, expected {wanted}")
    return _Tally((found, roles), failures)


def _score_listed(
    actors: list[dict[str, Any]], others: list[dict[str, Any]], non_actors: list[dict[str, Any]]
) -> _Tally:
    """(gold actors found, gold non-actors listed all the same)."""
    found = listed = 0
    failures: list[str] = []
    for other in others:
        if _find_actor(actors, other["names"]) is None:
            failures.append(f"actor missing: {other['names'][0]}")
        else:
            found += 1
    for non_actor in non_actors:
        actor = _find_actor(actors, non_actor["names"])
        if actor is not None:
            listed += 1
            failures.append(f"not an actor, but listed: {actor['name']} ({non_actor['why']})")
    return _Tally((found, listed), failures)


def _mentions_all(text: str, citations: list[dict[str, str]], keywords: list[str]) -> bool:
    joined = " ".join([text, *(c["quote"] for c in citations)])
    return all(_has(joined, k) for k in keywords)


def _score_events(briefing: dict[str, Any], events: list[dict[str, Any]]) -> _Tally:
    """(events found on the right date, events found on a wrong date)."""
    ids = _source_ids(briefing)
    timeline = briefing.get("timeline", [])
    found = wrong = 0
    failures: list[str] = []
    for event in events:
        source = ids.get(event["source"], event["source"])
        matches = [
            entry
            for entry in timeline
            if any(c["source"] == source for c in entry["citations"])
            and _mentions_all(entry["text"], entry["citations"], event["keywords"])
        ]
        right = [
            m for m in matches if m["date"] == event["date"] and m.get("end") == event.get("end")
        ]
        if right:
            found += 1
        elif matches:
            wrong += 1
            failures.append(f"wrong date {matches[0]['date']} for {event['date']}: {event['what']}")
        else:
            failures.append(f"event missing ({event['date']}): {event['what']}")
    return _Tally((found, wrong), failures)


def _score_open_points(
    briefing: dict[str, Any], points: list[dict[str, Any]], answered: list[dict[str, Any]]
) -> _Tally:
    questions = briefing.get("open_questions", [])

    def asked(point: dict[str, Any]) -> bool:
        return any(
            _mentions_all(q["question"], q["citations"], point["keywords"]) for q in questions
        )

    failures = [f"open point missing: {p['what']}" for p in points if not asked(p)]
    stale = [f"answered, but asked: {p['what']}" for p in answered if asked(p)]
    return _Tally((len(points) - len(failures), len(stale)), failures + stale)


def _share(part: int, whole: list[Any]) -> float:
    return part / len(whole) if whole else 1.0


def score_samples(briefing: dict[str, Any], gold: dict[str, Any]) -> SampleScores:
    """Score a JSON briefing of the samples against `tests/gold/samples.toml`."""
    actors = briefing.get("actors", [])
    persons, others = gold.get("person", []), gold.get("actor", [])
    events, points = gold.get("event", []), gold.get("open_point", [])
    tallies = [
        _score_persons(actors, persons),
        _score_listed(actors, others, gold.get("non_actor", [])),
        _score_events(briefing, events),
        _score_open_points(briefing, points, gold.get("answered_point", [])),
    ]
    (found, roles), (others_found, listed), (events_found, wrong), (points_found, stale) = (
        t.counts for t in tallies
    )
    return SampleScores(
        persons_found=_share(found, persons),
        person_roles=_share(roles, persons),
        actors_found=_share(others_found, others),
        non_actors_listed=listed,
        events_found=_share(events_found, events),
        wrong_dates=wrong,
        open_points_found=_share(points_found, points),
        answered_asked=stale,
        failures=tuple(f for t in tallies for f in t.failures),
    )


def load_sample_gold(path: Path) -> dict[str, Any]:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ same-data baselines
# The classic baselines of the timeline-summarisation literature, on the set's own articles:
# PubCount takes the days with most articles published, MentionCount the days most often named by
# a day-precision date expression. Each chosen day is told by one central sentence.

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'’”)]))\s+(?=[\"'‘“(]?[A-Z0-9])")


def sentences_of(article: Article) -> list[str]:
    """The article's lines, each split after sentence-final punctuation."""
    return [
        part.strip()
        for line in article.blocks
        for part in _SENTENCE_END.split(line)
        if part.strip()
    ]


def central_sentence(candidates: Sequence[str]) -> str:
    """The candidate sharing most content words with the other candidates (ties: the first).

    Summing each word's count among the others equals summing the pairwise overlaps, in one pass."""
    words = [content_words(c) for c in candidates]
    frequency = Counter(w for ws in words for w in ws)
    scores = [sum(frequency[w] - 1 for w in ws) for ws in words]
    return candidates[scores.index(max(scores))]


def _top_days(counts: Counter[str], size: int) -> list[str]:
    """The `size` most counted days; ties go to the earlier day."""
    return sorted(counts, key=lambda day: (-counts[day], day))[:size]


def _told(days: list[str], candidates: dict[str, list[str]]) -> dict[str, str]:
    return {day: central_sentence(candidates[day]) for day in sorted(days) if candidates[day]}


def _day(date: PartialDate | None) -> str | None:
    return date.iso() if date is not None and date.day is not None else None


def _publication_days(articles: Sequence[Article]) -> tuple[Counter[str], dict[str, list[str]]]:
    """Articles published on each day, and their sentences."""
    counts: Counter[str] = Counter()
    candidates: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        if (day := _day(article.published)) is not None:
            counts[day] += 1
            candidates[day].extend(sentences_of(article))
    return counts, candidates


def _mentioned_days(articles: Sequence[Article]) -> tuple[Counter[str], dict[str, list[str]]]:
    """Day-precision date expressions naming each day (resolved per sentence against its
    article's publication date), and the sentences naming it."""
    counts: Counter[str] = Counter()
    candidates: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        for sentence in sentences_of(article):
            named = [_day(m.date) for m in tag_dates(sentence, article.published)]
            days = [day for day in named if day is not None]
            counts.update(days)
            for day in dict.fromkeys(days):
                candidates[day].append(sentence)
    return counts, candidates


def pub_count(articles: Sequence[Article], size: int) -> dict[str, str]:
    """The `size` days with most articles published, each told by its articles' central sentence."""
    counts, candidates = _publication_days(articles)
    return _told(_top_days(counts, size), candidates)


def mention_count(articles: Sequence[Article], size: int) -> dict[str, str]:
    """The `size` days most often named by a day-precision date expression, each told by the
    central sentence naming it."""
    counts, candidates = _mentioned_days(articles)
    return _told(_top_days(counts, size), candidates)


def expected_f1_ties_at_random(counts: Counter[str], size: int, gold: Iterable[str]) -> float:
    """Date F1 of the `size` most counted days, expected over every order of the ties. Where
    many days tie (a set with three articles every day), the earliest-first tie-break alone
    can decide a baseline's score; this is the score the counts themselves earn."""
    gold = set(gold)
    hits = taken = 0.0
    for count in sorted(set(counts.values()), reverse=True):
        tier = [day for day, n in counts.items() if n == count]
        room = min(len(tier), size - taken)
        if room <= 0:
            break
        hits += room * sum(day in gold for day in tier) / len(tier)
        taken += room
    precision = hits / taken if taken else 0.0
    recall = hits / len(gold) if gold else 0.0
    return _f1(precision, recall)


def baselines_ties_at_random(
    articles: Sequence[Article], size: int, gold: Iterable[str]
) -> dict[str, float]:
    """PubCount's and MentionCount's date F1 told `size` days, ties in any order (expected)."""
    days = list(gold)
    return {
        "PubCount": expected_f1_ties_at_random(_publication_days(articles)[0], size, days),
        "MentionCount": expected_f1_ties_at_random(_mentioned_days(articles)[0], size, days),
    }


def baseline_scores(
    articles: Sequence[Article], size: int, gold: dict[str, str]
) -> dict[str, TimelineScores]:
    """PubCount and MentionCount told `size` days, scored like a briefing's timeline."""
    return {
        "PubCount": score_days(pub_count(articles, size), gold),
        "MentionCount": score_days(mention_count(articles, size), gold),
    }


# ------------------------------------------------------------------ content checks
# General rules for entries a reader should never see: actors that are fragments, reporters,
# duplicates or places; items that are captions, bylines or datelines. Counts, not a verdict on
# each entry: the gate pins them so that no change makes them worse.

_NAME_JUNK = re.compile(r"[\"“”‘:;|()\[\]{}\d@#]|(?:^|\s)['’]|['’](?:\s|$)|\s[-–—]+\s")
_JOINING_WORDS = {"with", "by", "from", "for", "and", "of", "in", "on", "at", "to", "the", "a"}
# Lower-case words a real name may hold between its capitalised ones.
_NAME_PARTICLES = _JOINING_WORDS | {
    "de",
    "del",
    "della",
    "der",
    "den",
    "des",
    "di",
    "da",
    "du",
    "la",
    "le",
    "van",
    "von",
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "ben",
    "y",
    "e",
    "upon",
    "und",
    "ter",
    "dos",
    "das",
    "do",
}
_JOURNALISTS = re.compile(
    r"\b(?:reporters?|correspondents?|journalists?|columnists?|contributors?|anchors?|editors?"
    r"|interviewers?|presenters?|photographers?|bloggers?|commentators?|staff writers?"
    r"|wire staff|news ?desk)\b",
    re.IGNORECASE,
)
_BYLINE_NAME = re.compile(r"^(?:with|by|via|from|for)\s", re.IGNORECASE)
_LEGAL_SUFFIXES = {
    "plc",
    "inc",
    "ltd",
    "llc",
    "corp",
    "co",
    "corporation",
    "company",
    "limited",
    "group",
    "holdings",
    "sa",
    "ag",
    "nv",
    "ab",
    "spa",
}

_CALENDAR_WORDS = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December)"
)
_MONTH_ABBREVIATION = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_CAPTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("wire caption", re.compile(rf"^[A-Z]{{2,8}} {_MONTH_ABBREVIATION} \d{{1,2}}:")),
    (
        "photo credit",
        re.compile(
            r"\([^()]{0,40}\b(?:Photo|Photograph|Pictures?|Images?)\b[^()]{0,40}\)"
            r"|\b(?:Photo(?:graph)?s?|Picture|Image|Credit)\s*(?:credit)?\s*:"
            r"|\bPhoto(?:graph)?s? by\b|\bGetty Images\b|\bImage copyright\b",
            re.IGNORECASE,
        ),
    ),
    (
        "still",
        re.compile(
            r"(?:^|[.:|]\s|Staff\s)(?:A|An) (?:still|screen ?grab|file photo|video grab)"
            r" (?:from|of|taken|shows?|showing)\b"
        ),
    ),
    ("dated byline", re.compile(rf"^{_CALENDAR_WORDS}\.? \d{{1,2}},? \d{{4}}\s*\|")),
    (
        "byline",
        re.compile(
            rf"\|\s*By\b|^By (?!{_CALENDAR_WORDS}\b)(?:the )?[A-Z][\w.'’-]+ (?:[a-z]+ )?[A-Z]"
        ),
    ),
    # Agency photo captions date the picture in full: "on Wednesday, Oct. 15, 2008".
    (
        "photo caption",
        re.compile(
            r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? "
            rf"(?:{_CALENDAR_WORDS}|{_MONTH_ABBREVIATION}) \d{{1,2}},? \d{{4}}\b"
        ),
    ),
    ("dateline", re.compile(r"\((?:[A-Z][A-Za-z.]{1,15})\)\s*(?:--|—|–|-)\s")),
    ("dateline", re.compile(r"^[A-Z]{3,}(?:[ ,]+[A-Z][A-Za-z.]*){0,3}\s*(?:--|—|–)\s")),
)


_FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("reader comment", re.compile(r"^At \d{1,2}[:.]\d\d\s*[AaPp]\.?[Mm]\.?\b.{0,60}\bwrote:")),
    ("page furniture", re.compile(r"\b\d+ (?:hrs?|mins?) ago\b")),
)


def fold_name(name: str) -> str:
    """Accent-, case- and punctuation-folded name without a leading "the", for comparisons."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"[^\w\s-]", " ", plain).replace("-", " ")
    return re.sub(r"^the\s+", "", " ".join(plain.split()))


def _stray_lower_case(word: str) -> bool:
    """A word without a capital that is no name particle ("al-Maliki" has one)."""
    return word.islower() and word not in _NAME_PARTICLES


_NICKNAME = re.compile(r"(?<=\w) [\"“‘'][A-Z][\w-]+(?: [A-Z][\w-]+)?[\"”’'] (?=[A-Z])")


def is_fragment_name(name: str, other_names: Iterable[str] = ()) -> bool:
    """A name with quotes, colons, digits, brackets or a dash, one that opens or closes on a
    joining word, one with a lower-case word that is no name particle ("Jos Angel C rdova"), or
    two other entries' names run together ("CNN ... NATO", "Misrata Tripoli"). A nickname
    quoted inside a name ('Lewis "Scooter" Libby') is part of it."""
    name = _NICKNAME.sub(" ", name)
    words = name.split()
    if not words or _NAME_JUNK.search(name):
        return True
    if words[0] in _JOINING_WORDS or words[-1].lower() in _JOINING_WORDS:
        return True
    if any(_stray_lower_case(w) for w in words[1:]):
        return True
    known = {fold_name(n) for n in other_names} - {fold_name(name)}
    tokens = fold_name(name).split()
    starts = [i for i in range(1, len(tokens)) if " ".join(tokens[:i]) in known]
    ends = [j for j in range(1, len(tokens)) if " ".join(tokens[j:]) in known]
    return any(i <= j for i in starts for j in ends)


def is_reporter(name: str, role: str | None) -> bool:
    """A byline credit ("with CNN") or an entry whose name or role names a journalist."""
    return bool(_BYLINE_NAME.match(name) or _JOURNALISTS.search(f"{name} {role or ''}"))


def caption_kind(text: str) -> str | None:
    """Which caption, byline or dateline rule `text` matches, or None for ordinary prose."""
    return next((kind for kind, pattern in _CAPTIONS if pattern.search(text)), None)


def furniture_kind(text: str) -> str | None:
    """Which rule for a web page's furniture (reader comments, "7 hrs ago" link lists) `text`
    matches, or None."""
    return next((kind for kind, pattern in _FURNITURE if pattern.search(text)), None)


def _same_entity(short: dict[str, Any], long: dict[str, Any]) -> bool:
    """`short` names the entity `long` names: a folded name or alias in common, a person's
    surname or first name, a truncated last word ("Felipe Calder"), a legal suffix more ("BP
    PLC")."""
    a, b = _name_words(short["name"]), _name_words(long["name"])
    if a == b or _spellings(short) & _spellings(long) - {""}:
        return True
    if len(a) >= len(b) or not a:
        return len(a) == len(b) >= 2 and a[:-1] == b[:-1] and _truncated(a[-1], b[-1])
    if b[: len(a)] == a and all(t in _LEGAL_SUFFIXES for t in b[len(a) :]):
        return True
    person_part = b[: len(a)] == a or b[-len(a) :] == a
    return person_part and long.get("kind") == "person" and short.get("kind") != "place"


def _name_words(name: str) -> list[str]:
    return [w for w in fold_name(name).split() if w != "and"]


def _spellings(actor: dict[str, Any]) -> set[str]:
    """An entry's name and aliases, folded: two entries that share one name the same thing."""
    return {" ".join(_name_words(n)) for n in (actor["name"], *actor.get("aliases", []))}


def _truncated(short: str, long: str) -> bool:
    return len(short) >= 3 and len(long) > len(short) and long.startswith(short)


def duplicate_pairs(actors: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """(entry, the other entry it duplicates): each later or shorter entry is reported once."""
    pairs: list[tuple[str, str]] = []
    for index, actor in enumerate(actors):
        for other_index, other in enumerate(actors):
            if other_index == index:
                continue
            shorter = len(actor["name"]) < len(other["name"])
            later = len(actor["name"]) == len(other["name"]) and index > other_index
            if (shorter or later) and _same_entity(actor, other):
                pairs.append((actor["name"], other["name"]))
                break
    return pairs


@dataclass(frozen=True)
class ContentReport:
    """Entries no reader should see, by check; each lists the offending entries."""

    fragment_actors: tuple[str, ...]
    reporter_actors: tuple[str, ...]
    duplicate_actors: tuple[str, ...]
    place_actors: tuple[str, ...]
    caption_items: tuple[str, ...]
    furniture_items: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in self.__dataclass_fields__}


_ITEM_SECTIONS = (
    ("key_points", "key point"),
    ("background", "background"),
    ("timeline", "timeline"),
)


def _flagged(texts: list[tuple[str, str]], rule: Callable[[str], str | None]) -> tuple[str, ...]:
    return tuple(
        f"{label}: {text} [{kind}]" for label, text in texts if (kind := rule(text)) is not None
    )


def check_content(briefing: dict[str, Any]) -> ContentReport:
    """Run every content check on a JSON briefing."""
    actors = briefing.get("actors", [])
    # Names, not aliases: "George" (Galloway) and "Bush" do not make "George Bush" a fragment.
    names = [a["name"] for a in actors]
    texts = [(label, i["text"]) for key, label in _ITEM_SECTIONS for i in briefing.get(key, [])]
    return ContentReport(
        fragment_actors=tuple(
            a["name"]
            for i, a in enumerate(actors)
            if is_fragment_name(a["name"], names[:i] + names[i + 1 :])
        ),
        reporter_actors=tuple(a["name"] for a in actors if is_reporter(a["name"], a.get("role"))),
        duplicate_actors=tuple(f"{a} ~ {b}" for a, b in duplicate_pairs(actors)),
        place_actors=tuple(a["name"] for a in actors if a.get("kind") == "place"),
        caption_items=_flagged(texts, caption_kind),
        furniture_items=_flagged(texts, furniture_kind),
    )


# ------------------------------------------------------------------ building a dev set

CHECKED_SECTIONS = ("key_points", "background", "actors", "timeline")


@dataclass(frozen=True)
class DevBuild:
    """One set read and parsed once, built in both modes; `seconds` is read, parse and the
    automatic build (what a user waits for), `told_seconds` the second timeline alone."""

    articles: tuple[Article, ...]
    auto: dict[str, Any]
    told: dict[str, Any]
    seconds: float
    told_seconds: float


def build_modes(
    folder: Path, told_size: int, sections: Sequence[str] = CHECKED_SECTIONS
) -> DevBuild:
    """Build `sections` with the automatic timeline length, then the timeline alone told
    `told_size` days, on one parse of the articles. No `sections`: every section."""
    from briefer.analysis import analyse
    from briefer.ingest import read_sources
    from briefer.pipeline import build_sections
    from briefer.render import briefing_to_json
    from briefer.sections import BuildOptions, resolve_sections

    started = time.perf_counter()
    articles = read_sources(folder)
    analysis = analyse(articles)

    def build(names: Sequence[str], options: BuildOptions) -> dict[str, Any]:
        built = build_sections(analysis, resolve_sections(list(names)), options)
        return briefing_to_json(Briefing("evaluation", articles, built))

    auto = build(sections, BuildOptions())
    seconds = time.perf_counter() - started
    told = build(["timeline"], BuildOptions(timeline_size=told_size))
    return DevBuild(articles, auto, told, seconds, time.perf_counter() - started - seconds)


def dev_set_articles(folder: Path) -> Path:
    """A dev set keeps its articles in `articles/` beside `gold_timeline.json`."""
    return folder / "articles" if (folder / "articles").is_dir() else folder
