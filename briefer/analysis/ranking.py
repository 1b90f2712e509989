"""Which sentences of the sources say most about the story: centrality, actor coverage,
position and recency, over the sentences fit to be quoted on their own; and which of them a
later source has overtaken, so that no section presents them as the story's current state."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.currency import (
    StorySpan,
    announces_plan,
    awaits_occasion,
    is_plan,
    main_verbs,
    supersessions,
)
from briefer.analysis.figures import revised_figures
from briefer.analysis.parse import Token
from briefer.analysis.sentence import Sentence
from briefer.analysis.text import content_words
from briefer.models import Actor

# Sentences that lean on what came before them read badly out of context.
_DANGLING_START = re.compile(
    r"^(he|she|it|they|his|her|its|their|this|that|these|those|but|and|also|however|meanwhile"
    r"|instead|still|so|then(?!-)|yet)\b",
    re.IGNORECASE,
)
# "Both were part of …", "The latter said …": what they count was told before.
COUNTED_BEFORE = frozenset("both either neither each others former latter".split())
_POINTING_PRONOUNS = (
    frozenset("he she it they him her them his its their this that these those".split())
    | COUNTED_BEFORE
)
# A time told only against an earlier event the sentence does not name: "a few days later",
# "the next day", "later that week" ("two days after the vote" names its anchor).
_UNANCHORED_TIME = re.compile(
    r"\b(?:days?|weeks?|months?|years?|hours?|moments?|minutes?)\s+(?:later|earlier)\b"
    r"|\bthe\s+(?:next|following|previous|same)\s+(?:day|week|month|year|morning|afternoon"
    r"|evening|night)\b(?!\s+(?:of|after|before)\b)"
    r"|\b(?:later|earlier)\s+that\s+(?:day|week|month|year|morning|evening|night)\b",
    re.IGNORECASE,
)
# An opening that points back or follows on: "In this light", "Despite that", "As a result",
# "In the programme".
_POINTING_OPENER = re.compile(
    r"^(?:(?:in|by|for|on|at|under|with|despite|after|because of|given)\s+(?:this|that|these"
    r"|those|such)\b|(?:as a result|by contrast|in contrast|in turn|in addition|moreover"
    r"|furthermore|nevertheless|nonetheless|even so|otherwise|therefore|thus|hence|to do so"
    r"|in fact|indeed|similarly|likewise|on the other hand|just as \w+ly|(?:earlier|later)(?=,)"
    r"|then(?!-)|since then|meanwhile|instead|afterwards?|at the time(?!\s+of\b)"
    r"|in doing so|in so doing)\b"
    # "In the programme, …", "According to the report, …": a document told of before.
    r"|(?:in|according to) the (?:program(?:me)?|report|interview|letter|book|film|memo"
    r"|statement|speech|article|documentary|documents?|e-?mail|video|broadcast)\b)",
    re.IGNORECASE,
)
MIN_WORDS, MAX_WORDS = 8, 50
LEADING_ACTORS = 8  # the actors whose mention makes a sentence more summary-worthy
ACTOR_BONUS = 0.05
LEAD_BONUS = 0.15  # the first sentences of an article usually carry its news
LEAD_SENTENCES = 3
DANGLING_PENALTY = 0.3
# Newest developments weigh more: a sentence from the last day of the story gains this much over
# one from the first day, linearly between; an undated source sits in the middle (neutral).
RECENCY_WEIGHT = 0.1


@dataclass(frozen=True)
class LeadingActors:
    """The actors a story is mostly about, and whether a text names them: by the last word of
    their name as a whole word, so "States" is not found in "statesman"."""

    actors: tuple[Actor, ...]

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str], ...]:
        words = dict.fromkeys(a.name.split()[-1] for a in self.actors)
        return tuple(re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE) for w in words)

    def count_in(self, text: str) -> int:
        """How many of the leading actors `text` names."""
        return sum(1 for pattern in self._patterns if pattern.search(text))


def leading_actors(actors: Sequence[Actor]) -> LeadingActors:
    return LeadingActors(tuple(actors[:LEADING_ACTORS]))


@dataclass(frozen=True)
class RankedSentence:
    sentence: Sentence
    words: frozenset[str]  # content words, for similarity checks
    score: float  # centrality, actor coverage, position and recency; higher is more summary-worthy
    # A plan (future tense) from a source older than the latest: by the latest source it has
    # happened or not, so it is not the story's current state.
    stale_plan: bool = False
    overtaken_by: Sentence | None = None  # a later source's sentence that ends or fulfils it
    recency: float = 0.0  # the part of `score` owed to recency (RECENCY_WEIGHT at most)

    @property
    def current(self) -> bool:
        """Fit to be told as the story as it stands: neither a stale plan nor overtaken."""
        return not self.stale_plan and self.overtaken_by is None


def usable(sentence: Sentence) -> bool:
    """A whole, self-standing sentence of prose: fit to be quoted on its own. A line without a
    verb is a caption or a list entry ("Tony Blair at a Labor poster launch this morning.",
    "Lt Philip West, 32, of Budock Water"), not a statement; so is a name with only a relative
    clause ("Group Captain Al Lockwood, who was the military spokesman during the war.")."""
    words = len(sentence.text.split())
    quoted = sum(e - s for s, e in sentence.quotes)
    return (
        not sentence.garbled
        and MIN_WORDS <= words <= MAX_WORDS
        and sentence.text[-1:] in '.”"’'
        and quoted < 0.5 * len(sentence.text)
        and not sentence.text.endswith(":")
        and any(t.pos_ in ("VERB", "AUX") for t in sentence.span)
        and not _only_a_relative_clause(sentence)
    )


def _only_a_relative_clause(sentence: Sentence) -> bool:
    """A noun whose every verb is in the relative clause after its comma, which runs to the
    sentence's end: "Tamiflu, which will be used if swine flu breaks out in Britain."."""
    root = sentence.span.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return False
    words = [t for t in sentence.span if t.pos_ != "PUNCT"]
    verbs = [t for t in sentence.span if t.pos_ in ("VERB", "AUX")]
    for clause in (c for c in root.children if c.dep_ == "relcl"):
        first = clause.left_edge
        after_comma = first.i > 0 and first.doc[first.i - 1].text == ","
        inside = {t.i for t in clause.subtree}
        if after_comma and clause.right_edge.i == words[-1].i and all(v.i in inside for v in verbs):
            return True
    return False


# Nouns that stand for something said before: "The promise came after …", "The move …".
SHELL_NOUNS = frozenset(
    "move decision promise announcement statement remarks comments step news development claim"
    " pledge offer comment call warning plan effort allegation issue matter incident affair"
    " proposal report milestone".split()
)
# As a sentence's subject these need the sentence before, too ("The revelation came as …");
# as an object ("signed the deal") the timeline judges them by how widely the story names them.
SUBJECT_SHELLS = SHELL_NOUNS | frozenset(
    "revelation disclosure admission deal talk meeting visit launch scandal row dispute".split()
)
# What makes "the effort" a particular one: "the effort to save the bank", "the rescue effort".
IDENTIFYING = frozenset({"compound", "amod", "poss", "prep", "relcl", "appos", "nmod", "nummod"})


def _leans_on_context(sentence: Sentence) -> bool:
    """Opens on a word that points back ("But", "This"), or its main clause's subject is a
    pronoun ("Four years later, he was killed") or a bare "the effort", "the move": it needs
    the sentence before it."""
    if _DANGLING_START.match(sentence.text):
        return True
    return any(
        child.dep_ in ("nsubj", "nsubjpass") and _points_back(child)
        for verb in main_verbs(sentence.span)
        for child in verb.children
    )


def _points_back(subject: Token) -> bool:
    """A subject that names no one by itself: a pronoun, a bare shell noun, an age, or a
    pronoun's relation ("her son")."""
    return subject.lower_ in _POINTING_PRONOUNS or told_by_reference(subject)


def told_by_reference(subject: Token) -> bool:
    """A noun phrase that refers to what was told before without saying what: a bare shell
    ("the move"), one dated but not named ("Yesterday's report"), an age ("the 53-year-old"),
    a number ("the two men"), an office ("The MP, elected in May, said"), its place among
    things told ("The latest cases came as …") or a pronoun's relation ("her son")."""
    return (
        bare_shell(subject)
        or dated_shell(subject)
        or by_age(subject)
        or by_number(subject)
        or by_office(subject)
        or by_order(subject)
        or of_someone_told_before(subject)
    )


def bare_shell(subject: Token) -> bool:
    """ "The effort, outlined by the president, was …": a shell noun nothing identifies ("the
    decision to end the rescue" is identified)."""
    children = list(subject.children)
    return (
        subject.lemma_.lower() in SUBJECT_SHELLS
        and _with_the(children)
        and not any(c.dep_ in IDENTIFYING or _says_what(c) for c in children)
    )


def _says_what(clause: Token) -> bool:
    """A clause on the noun that is no aside after a comma: "the decision to end the rescue"."""
    first = clause.left_edge
    return clause.dep_ == "acl" and (first.i == 0 or first.doc[first.i - 1].text != ",")


def _with_the(children: list[Token]) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children)


def dated_shell(subject: Token) -> bool:
    """ "Yesterday's report also stated …": a day says when, not which report."""
    children = list(subject.children)
    return (
        subject.lemma_.lower() in SUBJECT_SHELLS
        and any(c.dep_ == "poss" for c in children)
        and all(c.dep_ != "poss" or c.ent_type_ in ("DATE", "TIME") for c in children)
        and not any(c.dep_ in IDENTIFYING - {"poss"} for c in children)
    )


def of_someone_told_before(subject: Token) -> bool:
    """ "Her son said …", "His lawyers argued …": a person told by a pronoun's relation, whom
    neither a name beside ("His wife, Jane Berg, said") nor one earlier in the sentence ("After
    Cindy Sheehan's son died, her protest …") identifies."""
    children = list(subject.children)
    pronoun = _possessive_on(subject)
    if pronoun is None or any(c.dep_ in ("appos", "compound") for c in children):
        return False
    root = subject
    while root.head is not root:
        root = root.head
    end = max(pronoun.i, subject.i)
    return not any(subject.doc[i].pos_ == "PROPN" for i in range(root.left_edge.i, end))


def _possessive_on(noun: Token) -> Token | None:
    """A possessive pronoun on the noun or down its chain of prepositions ("Worries about its
    stability"); not one in a clause or a conjunct that has its own referent in the subject
    ("A man who stabbed his wife", "the bank and its insurance arm")."""
    frontier = [noun]
    while frontier:
        node = frontier.pop()
        for child in node.children:
            if child.dep_ == "poss" and child.lower_ in _POSSESSIVES:
                return child
            if child.dep_ in ("prep", "pobj"):
                frontier.append(child)
    return None


# What says which ones "the two men" are: "the two men, Ali and Omar", "the two men killed".
_SAYS_WHICH = frozenset({"poss", "prep", "relcl", "acl", "appos", "nmod"})


def by_number(subject: Token) -> bool:
    """ "The two rhetorical heavyweights clashed …", "The three men were freed": ones named
    before, told by their number alone."""
    children = list(subject.children)
    return (
        subject.tag_ == "NNS"
        and not subject.ent_type_  # "the past 20 years have provided …" is a time
        and _with_the(children)
        and any(c.dep_ == "nummod" for c in children)
        and not any(c.dep_ in _SAYS_WHICH for c in children)
    )


# Adjectives that place a thing among others told before: "the latest cases", "the other
# side"; not "the new rules", which may be news.
_ORDER_WORDS = frozenset({"latest", "other", "same", "previous", "remaining"})


def by_order(subject: Token) -> bool:
    """ "The latest cases came as …": things told before, placed among them but not said."""
    children = list(subject.children)
    return (
        _with_the(children)
        and any(c.dep_ == "amod" and c.lower_ in _ORDER_WORDS for c in children)
        and not any(c.dep_ in _SAYS_WHICH for c in children)
    )


# A clause on an office holder describes, it does not name: "The MP, elected in May, …".
_NARROWS_AN_OFFICE = frozenset({"poss", "prep", "appos", "nmod", "amod", "compound"})


def by_office(subject: Token) -> bool:
    """ "The MP, elected to parliament on May 5, said …": a person named before, told by an
    office that nothing names or narrows to one holder ("the head of the UN", "Britain's
    envoy", "the prime minister", "The MP, George Galloway, …" do)."""
    words = lexicon()
    children = list(subject.children)
    return (
        subject.tag_ in ("NN", "NNP")  # "The MP"
        and subject.lower_ in words.titles | words.role_nouns
        and _with_the(children)
        and not any(c.dep_ in _NARROWS_AN_OFFICE for c in children)
    )


_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_BY_AGE = re.compile(r"the \d+-year-old\b", re.IGNORECASE)


def by_age(subject: Token) -> bool:
    """ "The 53-year-old's face was …", "The 24-year-old was freed …": a person named before,
    told by age alone."""
    words = [t.text_with_ws for t in subject.subtree if t.i <= subject.i]
    return _BY_AGE.match("".join(words)) is not None


CUT_QUOTE_WORDS = 3  # a quotation opened this close to the end was cut off by the split


def quote_cut_off(text: str) -> bool:
    """A quotation the sentence opens and does not close where that loses what it says: one
    the sentence opens on (its speaker is named further on: '"We made some mistakes at the
    Nou Camp.'), or one opened in its last few words ('… boast about their role: "White
    Phosphorous.'). A quotation that runs on after a speaker and a full clause is fine."""
    stripped = text.strip()
    start = _unclosed_quote(stripped)
    if start is None:
        return False
    return start == 0 or len(stripped[start + 1 :].split()) <= CUT_QUOTE_WORDS


def continues_a_quotation(sentence: Sentence) -> bool:
    """The tail of someone's words: it closes at its end a quotation it never opens, which an
    earlier sentence of its article left open ("… even higher than last.'"). A stray mark
    after the writer's own sentence, with no quotation open before it, is no tail."""
    text = sentence.text.strip()
    tail = _QUOTE_TAIL.search(text)
    if tail is None or _QUOTE_OPENS.search(text):
        return False
    marks = '"“”' if tail.group(1) in '"”' else "'‘’"
    start = sentence.passage.start
    return _left_open(sentence.article.text[max(0, start - QUOTE_LOOKBACK) : start], marks)


QUOTE_LOOKBACK = 2000  # characters before a sentence in which its quotation may have opened
_QUOTE_TAIL = re.compile(r"[.!?,]([\"”'’])$")
_QUOTE_OPENS = re.compile(r"(?:^|[\s(\[—–:-])[\"“'‘](?=\S)|“|‘")


def _left_open(before: str, marks: str) -> bool:
    """The last of these quotation `marks` in `before` opens a quotation (an apostrophe inside
    a word, "don't", is none of them)."""
    for i in range(len(before) - 1, -1, -1):
        if before[i] not in marks:
            continue
        after = before[i + 1] if i + 1 < len(before) else " "
        if i and before[i - 1].isalpha() and after.isalpha():
            continue
        return before[i] in "“‘" or (before[i] in "\"'" and _opens_here(before, i))
    return False


def _unclosed_quote(text: str) -> int | None:
    """Where the quotation that `text` leaves open begins, if it leaves one open. A straight
    mark opens only where a reader sees it open, at the start or after a space or a bracket
    and before a word; any other closes ('… later," Mr Greenspan said.', '… time".')."""
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "“" or (ch == '"' and _opens_here(text, i) and open_at is None):
            open_at = i
        elif ch in ('"', "”"):
            open_at = None
    return open_at


def _opens_here(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def points_back(text: str) -> bool:
    """Opens on words that point at what came before ("Despite that, …", "To do so, …", "In
    the programme, …")."""
    return _POINTING_OPENER.match(text) is not None


def dates_against_untold(text: str) -> bool:
    """ "Four days earlier, …", "the next day": a time told against an event not named."""
    return _UNANCHORED_TIME.search(text) is not None


def needs_context(sentence: Sentence) -> bool:
    """Cannot stand alone: it leans on the sentence before (`_leans_on_context`) or on the one
    after (`_teases`), a clause of it has a pointing pronoun for subject ("…, but this was his
    most …"), it points at a thing told before ("that confab"), or it dates itself against
    something untold ("a few days later", "the next day", "later that week")."""
    text = sentence.text
    if _leans_on_context(sentence) or dates_against_untold(text) or _POINTING_OPENER.match(text):
        return True
    if _teases(sentence):
        return True
    if quote_cut_off(text) or continues_a_quotation(sentence):
        return True
    tokens = list(sentence.span)
    return points_at_untold(sentence) or any(
        token.lower_ in _POINTING_PRONOUNS
        and (_subject_of_a_conjunct(token) or _of_a_subject(token))
        for token in tokens
    )


def _subject_of_a_conjunct(token: Token) -> bool:
    """ "…, but this was his most …"."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "conj"


def _of_a_subject(token: Token) -> bool:
    """ "The impact of this can not be confined …": the subject is a part of what came before;
    not "The families of those killed …", whose pronoun says whom it means."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ == "of"
        and preposition.head.dep_ in ("nsubj", "nsubjpass")
        and not any(True for _ in token.children)
    )


# What someone says, named without saying it: "had a stern message for the managers".
_CONTENT_NOUNS = frozenset("message warning advice".split())
# Verbs that deliver it; "issued a tornado warning", "lodged an appeal" are events told whole.
_DELIVERING = frozenset("have give deliver send carry bring".split())
# What says what the content is ("a warning that …", "the message: …", "a profit warning") or
# what it is about ("advice on coping"); "no advice" gives none to wait for.
_SAYS_WHAT = frozenset({"ccomp", "acl", "relcl", "appos", "compound"})
_ABOUT = frozenset({"about", "on", "over", "of", "against", "no"})


def _teases(sentence: Sentence) -> bool:
    """The main verb delivers something said that the sentence does not give ("Paulson had a
    stern message for more than two dozen hedge fund managers"): the next sentence tells it,
    and alone this one tells nothing."""
    root = sentence.span.root
    return root.lemma_.lower() in _DELIVERING and any(
        o.dep_ == "dobj"
        and o.lemma_.lower() in _CONTENT_NOUNS
        and not any(c.dep_ in _SAYS_WHAT or c.lower_ in _ABOUT for c in o.children)
        and ":" not in sentence.text[o.idx - sentence.span.start_char :]
        for o in root.children
    )


def points_at_untold(sentence: Sentence) -> bool:
    """Points, in its own words (not a quotation's), at a thing told before that the sentence
    has not named: "since that confab at Bretton Woods", "said such a move would be illegal"."""
    tokens = list(sentence.span)
    start = sentence.span.start_char
    return any(
        (_told_before(token, tokens[:k]) or _relation_without_its_term(token))
        and not sentence.quoted(token.idx - start)
        for k, token in enumerate(tokens)
    )


# Nouns that name a relation to something else: "a factor" is a factor in something.
_RELATIONS = frozenset("factor reason part result consequence".split())
# What can say what the relation is to, on the noun or on the verb: "a factor in the riots",
# "the deciding factor [in the election]", "reason for the Americans to stall".
_TERMS = frozenset("prep acl relcl advcl ccomp xcomp poss compound".split())


def _relation_without_its_term(token: Token) -> bool:
    """ "Independent sources said the war was clearly a factor": a factor in what? A relation
    said of the subject (after "be") with nothing on the noun or the verb to say what it
    relates to; not "there was a reason" (the reason itself is the news)."""
    if token.dep_ != "attr" or token.lemma_.lower() not in _RELATIONS:
        return False
    verb = token.head
    if verb.lemma_ not in ("be", "become", "remain"):
        return False
    if any(c.dep_ == "expl" for c in verb.children):
        return False
    return not any(c.dep_ in _TERMS for c in (*token.children, *verb.children))


def _told_before(token: Token, before: list[Token]) -> bool:
    """A demonstrative or "such" on a thing the sentence has not named ("that confab", "this
    late-September drama"; not "… fixed policy … around that policy", "countries such as
    France", "such a storm that …", "this week"; "that day" is told before)."""
    if token.lower_ == "such":
        noun = token.head
        said = any(t.lower_ in ("as", "that") and t.i > noun.i for t in noun.subtree)
        if noun.pos_ != "NOUN" or said:
            return False
    elif token.dep_ != "det" or token.lower_ not in ("that", "those", "this", "these"):
        return False
    elif token.lower_ in ("this", "these") and not _this_points_back(token):
        return False
    return all(t.lemma_ != token.head.lemma_ for t in before)


def _this_points_back(token: Token) -> bool:
    """ "this drama", "these measures": a thing told before. Not a time ("this week", "this
    May", "at this stage"), the writer's own country, government or paper ("this country",
    "these pages"), a title ("This Land Is Their Land"), or a thing the sentence tells there
    and then ("this former head of Goldman Sachs", "this new intelligence which suggests …",
    "put it this way: …")."""
    noun = token.head
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in _TIME_UNITS | _THE_WRITERS:
        return False
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if token.text[0].isupper() and previous is not None and previous.text not in _OPENERS:
        return False  # capitalised inside a sentence: a title
    following = token.doc[noun.i + 1] if noun.i + 1 < len(token.doc) else None
    told_here = any(
        c.dep_ in ("relcl", "acl", "appos") or (c.dep_ == "prep" and c.lower_ == "of")
        for c in noun.children
    )
    return not told_here and (following is None or following.text != ":")


_TIME_UNITS = frozenset(
    "time moment hour day night morning afternoon evening week weekend month year season"
    " spring summer autumn fall winter quarter decade century term session era point stage"
    " period juncture".split()
)
# What a writer calls "this" of their own: the country, government or paper they write in.
_THE_WRITERS = frozenset(
    "country nation government newspaper paper page story blog article column programme"
    " world".split()
)
_OPENERS = frozenset(". ! ? : ; \" “ ” ‘ ’ ' ( —".split())  # what may stand before a sentence


def inverse_document_frequency(documents: Sequence[frozenset[str]]) -> dict[str, float]:
    """Smoothed IDF of each word over `documents` (sets of words)."""
    frequency: Counter[str] = Counter(w for words in documents for w in words)
    n = len(documents)
    return {w: math.log((1 + n) / (1 + df)) + 1 for w, df in frequency.items()}


def rank_sentences(
    sentences: Sequence[Sentence], leading: LeadingActors
) -> tuple[RankedSentence, ...]:
    """Usable sentences, most central first: cosine to the TF-IDF centroid of all of them, with
    bonuses for naming leading actors, opening an article and being recent."""
    chosen = [s for s in sentences if usable(s)]
    span = StorySpan.of(s.article.published for s in chosen)
    # A later figure ("the toll rose to 150") overtakes an earlier one as a change does.
    overtaken = revised_figures(chosen) | supersessions(chosen)
    words = [content_words(s.text) for s in chosen]
    idf = inverse_document_frequency(words)
    document_frequency: Counter[str] = Counter(w for ws in words for w in ws)
    centroid = {w: df * idf[w] for w, df in document_frequency.items()}
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1

    def score(sentence: Sentence, own: frozenset[str]) -> float:
        weight = sum(idf[w] * centroid[w] for w in own)
        length = math.sqrt(sum(idf[w] ** 2 for w in own)) or 1
        central = weight / (length * norm)
        named = leading.count_in(sentence.text)
        lead = LEAD_BONUS if sentence.position < LEAD_SENTENCES else 0.0
        dangling = DANGLING_PENALTY if _leans_on_context(sentence) else 0.0
        return central + ACTOR_BONUS * named + lead - dangling + recent(sentence)

    def recent(sentence: Sentence) -> float:
        recency = span.recency(sentence.article.published)
        return RECENCY_WEIGHT * (recency - 0.5) if recency is not None else 0.0

    def stale(sentence: Sentence) -> bool:
        planned = is_plan(sentence) or announces_plan(sentence) or awaits_occasion(sentence)
        return planned and span.later_exists(sentence.article.published)

    scored = [
        RankedSentence(s, w, score(s, w), stale(s), overtaken.get(id(s)), recent(s))
        for s, w in zip(chosen, words, strict=True)
    ]
    return tuple(sorted(scored, key=lambda r: -r.score))


def as_it_stands(ranked: Sequence[RankedSentence]) -> list[RankedSentence]:
    """`ranked` with each overtaken sentence replaced by the later one that overtakes it (at the
    higher of their two scores, once), most summary-worthy first: what a section may tell."""
    own = {id(r.sentence): r for r in ranked}
    best: dict[int, RankedSentence] = {}
    for r in ranked:
        taken = r if r.overtaken_by is None else own.get(id(r.overtaken_by))
        if taken is None or taken.overtaken_by is not None:
            continue  # the later sentence is not fit to quote, or is itself overtaken
        key = id(taken.sentence)
        if key not in best or best[key].score < r.score:
            best[key] = replace(taken, score=max(taken.score, r.score))
    return sorted(best.values(), key=lambda r: -r.score)
