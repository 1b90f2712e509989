"""A sentence of an article with its parse, and what every section asks of one: is it prose,
what tense governs a word, is a word quoted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from briefer.analysis.parse import Span, Token
from briefer.dates import Tense, names_a_day
from briefer.models import Article, Passage

# A photo credit or a dateline inside a line: "(By Ricky Carioti -- The Washington Post)",
# "BELTON, Mo., Oct. 20 --".
_INLINE_FURNITURE = re.compile(
    r"\(By [^)]{2,80}\)|\b[A-Z]{3,}(?:, [A-Z][\w.]*)*, \w+\.? \d{1,2} --"
)
# A closing quotation mark glued to a capital: the line break after a headline was lost
# ("… seen as 'crusader state'Read the document here The …"). The quotation must have been
# opened after a space: names glue an apostrophe inside a word ("Sant'Egidio", "Dall'Oglio").
_GLUED_QUOTE = re.compile(r"(?:^|\s)['‘\"“][^'’\"”]*[a-z]{2,}['’\"”][A-Z][a-z]")
# A columnist's standfirst run into the piece: "Richard Gott on a man at war with the White
# House Hugo Chávez … is a genial fellow", "Ed Harriman on the extraordinary scandal of …".
_STANDFIRST = re.compile(
    r"^(?:[A-Z][\w'’-]+ ){1,2}[A-Z][\w'’-]+ on (?!the other hand\b)"
    r"(?:a|an|the|how|why|what|whether|his|her|their|its)\b"
)
# A press review's attribution of the passage it quotes: "Daily Mirror Editorial, May 18 "…",
# "Herald Editorial, Scotland, May 18 "…".
_PRESS_REVIEW = re.compile(
    r"^(?:[A-Z][\w.&'’-]* ){1,4}(?:Editorial|Leader|Comment|Opinion),(?: [A-Z][a-z]+,?){0,2} "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b"
)
_TIMESTAMP = re.compile(
    r"\b\d{1,2}[.:]\d{2}\s*(?:BST|GMT|UTC|[ECMP][SD]T|CET)\b|\b\d{1,2}:\d{2}\s*[AP]M\b"
)
# A capitalised function word after a lower-case word: "… pandemic fears Up to 70 dead".
_FUNCTION_POS = {"ADP", "DET", "SCONJ", "CCONJ", "ADV", "AUX", "VERB", "PART"}
_OPENER_POS = {"ADP", "DET", "SCONJ"}
# Words that open a subject and are never part of a name: "… the quake Many people are …",
# "… on streets Thousands of people have …".
_QUANTIFIERS = {"many", "most", "some", "several", "few", "more", "all", "both", "each"}
_NUMBER_WORDS = {
    *"one two three four five six seven eight nine ten eleven twelve twenty thirty forty".split(),
    *"fifty sixty seventy eighty ninety dozen dozens hundred hundreds thousand thousands".split(),
    *"million millions billion billions".split(),
}
_NUMERIC_ENTITIES = {"CARDINAL", "DATE", "MONEY", "PERCENT", "QUANTITY", "TIME"}
_SENTENCE_ENDS = frozenset({".", "!", "?", "”", '"', "’", "'"})
MAX_PROSE_TOKENS = 80  # longer "sentences" are run-together lines, not prose
_FUTURE_AUXILIARIES = {"will", "shall", "'ll", "wo"}
_PLACES = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True)
class Casing:
    """How the articles write their words: `lower`, those written in lower case; `named`, those
    capitalised inside a sentence more than once, so names however often also written in
    lower case ("US Marines")."""

    lower: frozenset[str]
    named: frozenset[str]

    def common(self, word: str) -> bool:
        """A word the articles use as a common word, not a name."""
        return word in self.lower and word not in self.named


# Words whose "to" infinitive is still to come: "is expected to meet", "plans to visit".
PLANNING_HEADS = {"plan", "expect", "schedule", "due", "set", "go", "intend", "hope", "aim"}


@dataclass(frozen=True, eq=False)
class Sentence:
    """One sentence: its verbatim passage, its parse, and where it stands in its article."""

    article: Article
    passage: Passage
    span: Span
    position: int  # index of the sentence within its article
    block: int  # index of the line (paragraph) it came from
    quotes: tuple[tuple[int, int], ...] = ()  # char ranges inside quotes, sentence-relative
    headline: bool = False  # a headline or caption run into the lead, split off it

    @property
    def text(self) -> str:
        return self.passage.text

    def quoted(self, offset: int) -> bool:
        """Whether the character at `offset` (relative to the sentence) lies inside a quotation."""
        return any(s <= offset < e for s, e in self.quotes)

    @cached_property
    def garbled(self) -> bool:
        """Headline, standfirst and body run together, or a timestamp: not usable as prose."""
        if self.headline or _TIMESTAMP.search(self.text) or _INLINE_FURNITURE.search(self.text):
            return True
        if _GLUED_QUOTE.search(self.text):
            return True
        if _STANDFIRST.match(self.text) or _PRESS_REVIEW.match(self.text):
            return True
        tokens = list(self.span)
        return (
            len(tokens) > MAX_PROSE_TOKENS
            or _headline_case(tokens, self.span.start)
            or _run_on_clause(tokens)
        )

    def tense_at(self, offset: int) -> Tense:
        """Tense of the verb that governs the token at `offset` (relative to the sentence)."""
        token = self.span.char_span(offset, offset + 1)
        if token is None or len(token) == 0:
            return "past"
        return verb_tense(token[0])


def _headline_case(tokens: list[Token], start: int) -> bool:
    """Title-case words inside a sentence where prose has none: a run-in headline."""
    pairs = list(zip(tokens, tokens[1:], strict=False))
    # "Fed Has Giant, and Opaque, Role …": a capitalised verb inside is a headline.
    if any(
        t.is_title and t.pos_ in ("AUX", "VERB") and not t.ent_type_ and prev.is_alpha
        for prev, t in pairs
    ):
        return True
    # "A Quiet Windfall For U.S. Banks The …": a capitalised preposition inside a run of
    # capitalised words is headline case.
    if any(_capitalised_preposition(prev, t, start) for prev, t in pairs):
        return True
    return any(
        _capitalised_function_word(prev, t, nxt)
        for prev, t, nxt in zip(tokens, tokens[1:], tokens[2:], strict=False)
    )


MIN_LEAD_TOKENS = 6  # a lead split off a run-in headline is at least this long


def run_in_start(span: Span) -> int | None:
    """Where the lead begins after a headline run into it ("Treating the victims of the flood
    Between 100 and 200 people …" → "Between"), if it ends like a sentence: the index of its
    first token in the document; None when no such headline opens `span`."""
    tokens = list(span)
    if len(tokens) < 2 + MIN_LEAD_TOKENS or tokens[-1].text not in _SENTENCE_ENDS:
        return None
    for prev, token, nxt in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if _capitalised_function_word(prev, token, nxt, article=True):
            lead = span.end - token.i
            fits = lead >= MIN_LEAD_TOKENS and token.i - span.start >= 2
            return token.i if fits and _opens_lead(prev, token, nxt) else None
    return None


def name_led_run_in(span: Span) -> int | None:
    """Where a lead that opens on a name begins after a headline run into it ("… pro-US
    stories in global media President Bush conceded yesterday …" → "President"): a name
    straight after a lower-case word that ends a phrase (not a role: "US marine Matthew
    Bogdanos"), the subject of a verb in the past right after it (a caption's is in the
    present) that no verb before reports, after words that read as a clause of their own.
    Only for an opening line: in prose a clause may follow unjoined ("the number Mr Wilson
    needed"). The index of the name's first token in the document, or None."""
    tokens = list(span)
    if len(tokens) < 2 + MIN_LEAD_TOKENS or tokens[-1].text not in _SENTENCE_ENDS:
        return None
    for k in range(2, len(tokens) - MIN_LEAD_TOKENS):
        if _name_opens_lead(tokens, k) and any(_finite_or_headline(t, tokens) for t in tokens[:k]):
            return tokens[k].i
    return None


def _name_opens_lead(tokens: list[Token], k: int) -> bool:
    """A name at `k`, after a phrase's last word, that is the subject of the verb in the past
    right after it, which no verb of saying before governs."""
    prev, name = tokens[k - 1], tokens[k]
    if not (prev.is_alpha and prev.is_lower and prev.pos_ in _PHRASE_ENDS):
        return False  # "… Strain of Financial Crisis Jonathan Gordon had …": a name goes on
    if not (name.is_title and name.pos_ == "PROPN"):
        return False
    if prev.dep_ == "compound" and prev.head.i >= name.i:
        return False  # a role: "US marine Matthew Bogdanos"
    end = k
    while end < len(tokens) and tokens[end].is_title and tokens[end].pos_ == "PROPN":
        end += 1
    return end < len(tokens) and _reports_in_the_past(tokens[end], name)


def _reports_in_the_past(verb: Token, name: Token) -> bool:
    """`verb` is in the past with the name at `name` in its subject, a clause of its own or
    beside another, not one a verb of saying reports ("told … Britain had")."""
    subject = _subject(verb)
    return (
        verb.tag_ == "VBD"
        and subject is not None
        and name.i <= subject.i < verb.i
        and verb.dep_ in ("ROOT", "conj", "ccomp")
        and verb.head.lemma_ not in _speech_verbs()
    )


_PHRASE_ENDS = frozenset({"NOUN", "ADJ", "ADV", "NUM"})


def _finite_or_headline(token: Token, tokens: list[Token]) -> bool:
    """A finite verb, or headline grammar's "to" and a verb ("Pentagon to plant stories")."""
    if token.tag_ in _FINITE_TAGS:
        return True
    at = token.i - tokens[0].i
    return token.tag_ == "VB" and at > 0 and tokens[at - 1].lower_ == "to"


# Words after which a capital is a name or a title: "the Fed", "at Harvard", "visited Haiti".
_BEFORE_A_NAME = {"DET", "ADP", "AUX", "VERB", "PART", "CCONJ", "SCONJ", "PRON"}


def caption_run_in(span: Span, casing: Casing, opening: bool) -> bool:
    """A common word capitalised after a lower-case word or a place, which only a new sentence
    explains ("… hampered by blockages Makeshift camps are …"): a headline or caption run
    into the lead, or a caption into a paragraph. `casing`: how the articles write their words
    elsewhere. Outside the `opening` line, the seams that prose has too (a nationality, a
    present after a name: "the day American troops took …") are not taken for one."""
    tokens = list(span)
    for k, (prev, token, nxt) in enumerate(zip(tokens, tokens[1:], tokens[2:], strict=False)):
        # Two clauses: a verb before ("… hampered by blockages"), and one whose subject the
        # capital opens after ("Makeshift camps are …"); not "the annual Secrets sale".
        if (
            _seam(prev, token, nxt, casing, opening)
            and any(t.pos_ in ("VERB", "AUX") for t in tokens[:k])
            and _clause_opens(tokens[k + 1 :])
        ):
            return True
    return opening and any(
        _subjectless(prev, token) for prev, token in zip(tokens, tokens[1:], strict=False)
    )


_QUOTES = {"'", "’", "‘", "”", "“", '"'}


def repeats_a_phrase(span: Span) -> bool:
    """Two content words in a row that come twice: in an opening line, the headline and the
    lead that it sums up ("Red Cross van stolen in London Red Cross workers …"), which a lead
    on its own does not do (none of 321 BBC leads does)."""
    words = [t for t in span if t.pos_ != "PUNCT"]
    pairs = [
        (a.lower_, b.lower_)
        for a, b in zip(words, words[1:], strict=False)
        if a.is_alpha and b.is_alpha and not (a.is_stop or b.is_stop)
    ]
    return len(set(pairs)) < len(pairs)


_OPENING_QUOTES = frozenset({'"', "“"})
ATTRIBUTION_TOKENS = 20  # "…," Delfin Rodriguez, the rescue commander from …, told AFP
# Words after which a quotation is a name or a phrase used, not a new sentence.
_NAMING = frozenset("call name dub title label term as of the a an so-called".split())


def quote_run_in(span: Span) -> int | None:
    """Where a quoted sentence begins that runs on from a sentence whose full stop was lost
    ("… what we want to do "Our biggest problem is insecurity," Rodriguez told AFP"): an
    opening mark right after a lower-case word, a capital, and the quotation closed and
    attributed ("," then a verb of saying). The index of the opening mark in the document."""
    tokens = list(span)
    for k in range(2, len(tokens) - MIN_LEAD_TOKENS):
        prev, mark, first = tokens[k - 1], tokens[k], tokens[k + 1]
        if mark.text not in _OPENING_QUOTES or not (prev.is_alpha and prev.is_lower):
            continue
        if prev.pos_ not in ("VERB", "NOUN", "ADV", "ADJ"):
            continue  # "called it "A Quiet Windfall …""
        saying = _speech_verbs()
        if prev.lemma_ in _NAMING or prev.lemma_ in saying or not first.is_title:
            continue
        if _attributed(tokens[k + 1 :], saying):
            return mark.i
    return None


def _speech_verbs() -> frozenset[str]:
    # Imported here: the actors package imports this module.
    from briefer.analysis.actors.lexicon import lexicon

    return lexicon().speech_verbs


def _attributed(tokens: list[Token], saying: frozenset[str]) -> bool:
    """A quotation that closes on "," and a verb of `saying` within ATTRIBUTION_TOKENS after."""
    for n, token in enumerate(tokens[:-1]):
        if token.text in _QUOTES and n > 0 and tokens[n - 1].text == ",":
            return any(t.lemma_ in saying for t in tokens[n + 1 : n + 1 + ATTRIBUTION_TOKENS])
    return False


def quoted_headline_end(span: Span) -> int | None:
    """Where the lead begins after a headline that ends on a quotation ("A Conversion in
    'This Storm' Treasury Secretary Henry Paulson had …" → "Treasury"): a capital right after
    the closing mark, opening a clause. The index of its first token in the document."""
    tokens = list(span)
    for k in range(3, len(tokens) - MIN_LEAD_TOKENS):
        # After a quoted word, only an article or a pronoun opens the lead: '… was
        # "inspirational" The prime minister has …', not '… called it "unfair" Tuesday …'.
        words = 1 if tokens[k].pos_ in ("DET", "PRON") else 2
        # A name described between commas opens a lead only after a headline with a verb:
        # "After the collapse of 'Northern Rock' Alistair Darling, the chancellor, …" is one
        # sentence.
        headline = any(t.tag_ in _FINITE_TAGS for t in tokens[:k])
        if (
            tokens[k].is_title
            and _quoted_title_ends(tokens[:k], words)
            and _clause_opens(tokens[k:], apposition=headline)
        ):
            return tokens[k].i
    return None


def _quoted_title_ends(tokens: list[Token], words: int = 2) -> bool:
    """`tokens` end on a quotation of `words` words or more that closes right after a word
    ("… in 'This Storm'"), not after a comma ("'…,' he said") nor on a possessive. The mark
    that opens it is told by its spacing, as a reader tells it: the parser may take the
    "'" of "claim that islanders 'rule the harbour by proxy'" for a possessive."""
    if len(tokens) < 4 or tokens[-1].text not in _QUOTES or not tokens[-2].is_alpha:
        return False
    marks = [k for k, t in enumerate(tokens[:-1]) if t.text in _QUOTES]
    if not marks or marks[-1] >= len(tokens) - 1 - words:
        return False
    k = marks[-1]
    return (k == 0 or bool(tokens[k - 1].whitespace_)) and not tokens[k].whitespace_


def _subjectless(prev: Token, verb: Token) -> bool:
    """A present-tense verb right after a name, heading a clause of its own that has no
    subject: the name was its subject before a caption, in the present as captions are, ran
    into it ("… invasion of Iraq George Galloway testifies to …")."""
    return (
        verb.tag_ in ("VBZ", "VBP")
        and verb.dep_ in ("ccomp", "advcl")
        and prev.pos_ == "PROPN"
        and _subject(verb) is None
        and not any(c.dep_ == "expl" for c in verb.children)
    )


def _seam(prev: Token, token: Token, nxt: Token, casing: Casing, opening: bool) -> bool:
    """A capital at `token` that neither a name nor a title after `prev` explains; in an
    `opening` line, a nationality too."""
    if not (token.is_title and prev.is_alpha) or len(token) == 1:
        return False  # "type A influenza", "Plan B"
    if _article_after_a_participle(prev, token):
        return True
    if nxt.is_title or nxt.is_upper or nxt.pos_ == "PROPN":
        return False
    if not prev.is_lower:
        return _seam_after_a_place(prev, token, casing)
    if not token.ent_type_ and casing.common(token.lower_) and prev.pos_ not in _BEFORE_A_NAME:
        return True
    # "… affected by the earthquake Scottish charities are …": a nationality after a noun
    # that ends its phrase; not "senior Iraqi officials", "a one-person American agency".
    # Not inside an article, where prose writes "the day American troops took the city".
    return opening and token.ent_type_ == "NORP" and prev.pos_ == "NOUN" and prev.head.i < prev.i


def _article_after_a_participle(prev: Token, token: Token) -> bool:
    """ "… have been flattened The World Food Programme is …": a capitalised article after a
    passive participle, which takes no object, opens a new sentence; not after one that names
    ("was named The Best Film") nor after an active one ("have told The Observer that …")."""
    return (
        token.lower_ in ("the", "an")
        and prev.is_lower
        and prev.tag_ == "VBN"
        and any(c.dep_ == "auxpass" for c in prev.children)
        and prev.lemma_ not in _NAMING | {"rename"}
    )


def _seam_after_a_place(prev: Token, token: Token, casing: Casing) -> bool:
    """ "… survivors in Haiti Criminals are using …": after a place, a plural or a word written
    in lower case elsewhere, that no entity takes in and no sentence capitalises elsewhere
    ("US Marines")."""
    return (
        prev.is_title
        and prev.ent_type_ in _PLACES
        and not token.ent_type_
        and token.lower_ not in casing.named
        and (token.lower_ in casing.lower or token.tag_ in ("NNS", "NNPS"))
    )


def _clause_opens(tokens: list[Token], apposition: bool = False) -> bool:
    """A finite verb within a subject's length, with no punctuation before it (a hyphen inside
    a word, "23-month-old", is none). With `apposition`, a name may first be described between
    commas ("Mahathir Mohamad, Malaysia's founding father, denounced …")."""
    for n, token in enumerate(tokens[:SUBJECT_TOKENS]):
        if apposition and token.text == "," and n and all(t.pos_ == "PROPN" for t in tokens[:n]):
            closing = [
                k for k, t in enumerate(tokens[n + 1 : n + 1 + APPOSITION_TOKENS]) if t.text == ","
            ]
            return bool(closing) and _clause_opens(tokens[n + 2 + closing[0] :])
        if token.pos_ == "PUNCT" and token.tag_ != "HYPH":
            return False
        if token.tag_ in _FINITE_TAGS:
            return True
    return False


APPOSITION_TOKENS = 15


SUBJECT_TOKENS = 8
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _opens_lead(prev: Token, token: Token, nxt: Token) -> bool:
    """A word that can only open a new sentence there: an article or a subordinator before a
    word ("The UN has …", "When Casey …"; not "No 10"), "A" opening a subject, a pronoun or a
    quantifier ("There are …", "Many people …"), or the first word of a number ("Between
    100,000 and …"). Other capitalised words leave the whole line unusable."""
    if _numeric_start(prev, token):
        return True
    if token.pos_ == "ADP":
        return nxt.pos_ == "NUM" or names_a_day(nxt.text)
    if token.pos_ == "PRON" or token.lower_ in _QUANTIFIERS:
        return True
    if token.lower_ == "a":  # "… the quake A team of rescuers is …", not "type A influenza"
        subject = token.head
        return subject.dep_ in ("nsubj", "nsubjpass") and subject.head.i > subject.i
    return token.pos_ in ("DET", "SCONJ") and nxt.pos_ != "NUM"


def _run_on_clause(tokens: list[Token]) -> bool:
    """A clause with its own subject joined to the one before by nothing at all, neither a
    conjunction nor punctuation: a headline or caption run into the lead ("… to deliver aid
    UK aid efforts are underway …", "Survivors sleep on streets Thousands of people have …")."""
    if any(_unjoined_conjunct(token, tokens) for token in tokens):
        return True
    by_index = {t.i: t for t in tokens}
    for token in tokens:
        gap = _unjoined_gap(token)
        if gap is None or not _opens_sentence(by_index.get(gap[1]), token.dep_ == "conj"):
            continue
        if all(i in by_index and not _joins(by_index[i]) for i in range(gap[0] + 1, gap[1])):
            return True
    return False


def _unjoined_conjunct(verb: Token, tokens: list[Token]) -> bool:
    """A finite verb the parser coordinates with an earlier one though nothing joins them (no
    conjunction, punctuation or subordinator between), across a capital that no word before
    explains (after a noun or a name, not "against Iraq"): the
    parser's reading of a caption run into the lead ("… end Haiti's government has made …",
    "… reach #46m British funds have been used …")."""
    head = verb.head
    if verb.dep_ != "conj" or not tokens[0].i <= head.i < verb.i:
        return False
    if not (_finite(verb) and _finite(head)):
        return False
    gap = [t for t in tokens if head.i < t.i < verb.i]
    inside = {t.i for t in gap}
    if any(_joins_clauses(t, inside) for t in gap):
        return False
    return any(
        token.is_title
        and prev.is_alpha
        and prev.pos_ not in _BEFORE_A_NAME
        and token.ent_type_ not in ("DATE", "TIME")
        for prev, token in zip(tokens, tokens[1:], strict=False)
        if token.i in inside
    )


def _finite(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and (
        verb.tag_ in _FINITE_TAGS
        or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in verb.children)
    )


_SUBORDINATORS = {
    *"as after before while when until since because if than though although whether".split(),
    *"once unless".split(),
}


def _joins_clauses(token: Token, gap: set[int]) -> bool:
    """Whether `token` may join two clauses. A conjunction between two modifiers inside the
    gap ("dead or missing") joins none, nor does a subordinator of a clause inside it ("… as
    rescue efforts come to an end …")."""
    head = token.head
    if token.dep_ == "cc" or token.pos_ == "CCONJ":
        pair = head.i in gap and any(c.dep_ == "conj" and c.i in gap for c in head.children)
        return not (pair and head.pos_ in ("ADJ", "ADV"))
    if token.dep_ == "mark" and head.i in gap and head.pos_ in ("VERB", "AUX"):
        return False
    return _joins(token) or token.tag_ in ("WDT", "WP", "WRB") or token.lower_ in _SUBORDINATORS


def _opens_sentence(token: Token | None, names: bool = False) -> bool:
    """A capitalised common word ("The", "A", "It", "Thousands") where nothing but the start of
    a new sentence explains the capital. A name counts only with `names`, for a clause set
    beside another verb's: a clause reported or relative ("… an argument Mr Libby took …")
    may begin with a name inside prose."""
    if token is None or not (token.is_title or token.is_upper) or token.lower_ == "i":
        return False
    return token.pos_ in ("DET", "PRON", "NUM", "NOUN", "ADJ") or (names and token.pos_ == "PROPN")


def _unjoined_gap(token: Token) -> tuple[int, int] | None:
    """For a verb heading a clause of its own beside another, the token indexes (exclusive)
    between the two clauses: from the first clause's verb to the second clause's subject."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("conj", "ccomp"):
        return None
    subject = _subject(token)
    if subject is None:
        return None
    if token.dep_ == "conj":
        return (token.head.i, subject.left_edge.i) if token.head.i < token.i else None
    # The reported clause before the main subject: in prose a comma or a quote closes it
    # ("Prices fell, he said").
    main = _subject(token.head)
    if main is None or not token.i < main.i < token.head.i:
        return None
    return token.i, main.left_edge.i


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _joins(token: Token) -> bool:
    return token.pos_ in ("PUNCT", "CCONJ", "SCONJ") or token.dep_ in ("cc", "mark", "punct")


def _capitalised_preposition(prev: Token, token: Token, start: int) -> bool:
    return (
        token.is_title
        and token.pos_ == "ADP"
        and len(token) > 1
        and prev.is_title
        and prev.is_alpha
        and prev.i > start
        and not token.ent_type_
    )


def _capitalised_function_word(
    prev: Token, token: Token, nxt: Token, article: bool = False
) -> bool:
    """ "… pandemic fears Up to 70 dead", "… to Britain When Casey Sheehan joined …", "… the
    earthquake Between 100,000 and …": a function word capitalised after a word (a name too)
    with no punctuation between, where only a new sentence explains the capital. `article`:
    "A" counts too, where the lead must then read as a whole sentence."""
    if not (token.is_title and prev.is_alpha and _function_word(prev, token, article)):
        return False
    if prev.is_lower:
        return _after_a_word(prev, token, nxt)
    # After a name, only a word that opens a clause or a phrase ("The", "When", "In", "Many"),
    # or a number of something ("… Halabja One year ago …"; not "BBC One at 8pm").
    counts = token.lower_ in _NUMBER_WORDS and (nxt.lower_ == "of" or nxt.pos_ == "NOUN")
    opens = token.pos_ in _OPENER_POS or token.lower_ in _QUANTIFIERS or counts
    return prev.pos_ == "PROPN" and opens and nxt.pos_ != "PUNCT"


def _after_a_word(prev: Token, token: Token, nxt: Token) -> bool:
    """ "… read The Times": a title may follow; "… their families The UN has begun …": an
    article opening the subject of what follows, after a noun, is a new sentence, and so is a
    preposition before a day ("… days in rubble On Friday an 84-year-old woman …"). "A"
    before a capital that is no name opens a title ("film A Very Long Engagement")."""
    if token.pos_ == "ADP" and names_a_day(nxt.text):
        return True
    titled = nxt.is_title or nxt.is_upper
    named = token.lower_ != "a" or nxt.pos_ == "PROPN"
    return not titled or named and _opens_subject(prev, token)


def _function_word(prev: Token, token: Token, article: bool) -> bool:
    """A word of a closed class, which a name or title cannot explain capitalised: articles
    ("A" only with `article`: "type A influenza"), pronouns but "I", quantifiers, and the
    opening word of a number."""
    # An entity may take in the article that opens it ("… to Haiti A Red Cross van …").
    entity_start = token.pos_ == "DET" and prev.ent_type_ != token.ent_type_
    if token.ent_type_ and not (_numeric_start(prev, token) or entity_start):
        return False
    if token.pos_ == "PRON":  # "… the earthquake There are …"; not "are You", "I"
        return token.lower_ != "i" and prev.pos_ not in ("AUX", "VERB")
    if token.lower_ in _QUANTIFIERS or token.lower_ in _NUMBER_WORDS:
        return True
    return token.pos_ in _FUNCTION_POS and (len(token) > 1 or article and token.lower_ == "a")


def _numeric_start(prev: Token, token: Token) -> bool:
    """A number's entity may take in the word that opens it ("Between 100,000 and 200,000")."""
    return token.ent_type_ in _NUMERIC_ENTITIES and prev.ent_type_ != token.ent_type_


def _opens_subject(prev: Token, token: Token) -> bool:
    """An article after a noun ("families The UN has begun"), opening the subject of a verb to
    its right; not after "that" or "as", where a quoted title may be a subject ("that The
    Tiger and the Snow was …")."""
    subject = token.head
    return (
        token.pos_ == "DET"
        and prev.pos_ == "NOUN"
        and subject.dep_ in ("nsubj", "nsubjpass")
        and subject.head.i > subject.i
    )


def governing_verb(token: Token, steps: int = 12) -> Token:
    """The nearest verb above `token` (itself included) that is not an auxiliary."""
    node = token
    for _ in range(steps):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            break
        if node.head is node:
            break
        node = node.head
    return node


def verb_tense(token: Token) -> Tense:
    """Future if the governing verb carries will/shall/'ll or is going to; past otherwise."""
    node = governing_verb(token)
    words = {child.lower_ for child in node.children if child.dep_ in ("aux", "auxpass")}
    if words & _FUTURE_AUXILIARIES:
        return "future"
    if is_to_infinitive(node) and node.head.lemma_ in PLANNING_HEADS:
        return "future"
    return "past"


def is_to_infinitive(verb: Token) -> bool:
    """ "to meet": a bare verb with its "to"."""
    return verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children)


_QUOTE_PAIRS = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted speech; an unclosed quote runs to the end of the text."""
    return [m.span() for m in _QUOTE_PAIRS.finditer(text)]
