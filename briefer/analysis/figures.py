"""Running counts a story keeps revising (the dead, the cases, the injured, the homeless): a
figure a later source revises is no longer the story as it stands."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.analysis.currency import PERFECT_AUX, day_number
from briefer.analysis.parse import Token
from briefer.analysis.sentence import Sentence

# What a running count counts, by the words that name it.
MEASURES = {
    "dead": frozenset("die death dead kill toll fatality".split()),
    "cases": frozenset("case infect infection".split()),
    "injured": frozenset("injure wound injury".split()),
    "homeless": frozenset("homeless displace evacuate".split()),
}
# A count that runs ("has killed", "the toll rose to", "so far"), not one incident's ("a bomb
# killed 20 people"): only those are revised by a later count.
_RUNNING_VERBS = frozenset("rise climb reach increase jump stand grow top pass".split())
_RUNNING_WORDS = frozenset("toll total tally".split())
_RUNNING_PHRASES = ("so far", "to date", "in all", "in total")
# An estimate: "Hundreds are feared dead", "… are believed to have died".
_ESTIMATE_VERBS = frozenset("fear believe presume estimate think".split())
# A count in words that says only its order of size: "Hundreds of people are feared dead".
_VAGUE_COUNTS = frozenset("dozens scores hundreds thousands tens millions".split())
_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"})
_PLACES = frozenset({"GPE", "LOC"})


# Words that make a number an increment ("two more cases") rather than the count itself.
_INCREMENTS = frozenset("more new further additional another other extra".split())
# What any count of a measure counts; another noun ("37 members of the mission") is a count of
# its own.
_ANYONE = frozenset("people person death case life body toll victim".split())


@dataclass(frozen=True)
class Figure:
    """A running count in a sentence: what it counts (the measure, and whom if not anyone),
    the number as written, and where."""

    measure: str
    counted: str
    numbers: frozenset[str]  # one, or the two ends of a range ("between 100,000 and 200,000")
    places: frozenset[str]

    def revises(self, earlier: Figure) -> bool:
        """The same count of the same place, with other numbers; an order of size alone
        ("thousands have died") revises nothing, though a later count revises it."""
        same_place = self.places == earlier.places or bool(self.places & earlier.places)
        return (
            not self.numbers <= _VAGUE_COUNTS
            and (self.measure, self.counted) == (earlier.measure, earlier.counted)
            and same_place
            and not self.numbers & earlier.numbers
        )


def figures(sentence: Sentence) -> list[Figure]:
    """The running counts `sentence` states."""
    span = sentence.span
    places = frozenset(e.text.lower() for e in span.ents if e.label_ in _PLACES)
    running_phrase = any(p in sentence.text.lower() for p in _RUNNING_PHRASES)
    numbers: dict[tuple[str, str, frozenset[str]], set[str]] = defaultdict(set)
    for token in span:
        if _a_count(token) and (key := _count_of(token, running_phrase)) is not None:
            measure, whom, own_places = key
            numbers[measure, whom, own_places or places].add(_as_written(token))
    # More than a range is a list ("2,000 in Mexico, 51 in the US and 15 elsewhere").
    return [Figure(m, w, frozenset(n), p) for (m, w, p), n in numbers.items() if len(n) <= 2]


def _count_of(number: Token, running_phrase: bool) -> tuple[str, str, frozenset[str]] | None:
    """What a number is a running count of (measure, whom, its own places), if it is one."""
    # "between 100,000 and 200,000": the second end counts what the first does.
    first = number.head if number.dep_ == "conj" and number.head.pos_ == "NUM" else number
    counted, verb, words = _counted(first)
    measure = next((m for m, names in MEASURES.items() if words & names), None)
    if measure is None or not (
        running_phrase or _running(verb, words) or (_vague(first) and _estimated(verb))
    ):
        return None
    whom = "" if counted in _ANYONE or counted in MEASURES[measure] else counted
    return measure, whom, _own_places(first)


_NUMBER = re.compile(r"[1-9]\d{0,2}(?:,\d{3})*(?:\.\d+)?|[A-Za-z]+")


def _a_count(token: Token) -> bool:
    if _vague(token):
        return True
    return (
        token.pos_ == "NUM"
        and token.ent_type_ not in _NOT_COUNTS
        and _NUMBER.fullmatch(token.text) is not None
        and not _increment(token)
    )


def _vague(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lower_ in _VAGUE_COUNTS


def _as_written(token: Token) -> str:
    return token.lower_ if _vague(token) else token.text


def _own_places(number: Token) -> frozenset[str]:
    """The places a number itself is told of ("51 in the US")."""
    return frozenset(t.text.lower() for t in number.subtree if t.ent_type_ in _PLACES)


def _increment(number: Token) -> bool:
    """ "two more cases", "three new cases", "five of these": not a count of them all ("more
    than 100" is one)."""
    near = [*number.children, *(number.head.children if number.head is not number else ())]
    return any(t.lemma_.lower() in _INCREMENTS and t.i > number.i for t in near) or any(
        c.dep_ == "prep" and c.lower_ == "of" for c in number.children
    )


def _counted(number: Token) -> tuple[str, Token | None, set[str]]:
    """What a number counts (its noun, "" when it stands alone), the verb it hangs on, and the
    words that say what it is: its noun, the verb and the verb's subject ("the death toll …
    rose to more than 100"). A number inside another noun ("a 7.0-magnitude quake") has none."""
    node, counted = number.head, ""
    if _vague(number):  # "Hundreds of people": the noun after "of" is what it counts
        counted = next(
            (o.lemma_.lower() for c in number.children if c.lower_ == "of" for o in c.children),
            "",
        )
        if f"{counted}s" in _VAGUE_COUNTS:
            counted = ""  # "Tens of thousands are feared dead"
    elif node.pos_ in ("NOUN", "PROPN", "ADJ"):
        counted, node = node.lemma_.lower(), node.head
    if node.pos_ == "ADP":  # "rose to (more than) 100 (people)"
        node = node.head
    words = {counted}
    if node.pos_ not in ("VERB", "AUX"):
        return counted, None, words if counted in _ALL_NAMES else set()
    words.add(node.lemma_.lower())
    for child in node.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words |= {t.lemma_.lower() for t in child.subtree}
        elif child.dep_ in ("oprd", "acomp", "xcomp"):  # "are feared dead", "… to have died"
            words.add(child.lemma_.lower())
    return counted, node, words


_ALL_NAMES = frozenset().union(*MEASURES.values())


def _running(verb: Token | None, words: set[str]) -> bool:
    if words & _RUNNING_WORDS:
        return True
    if verb is None:
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & PERFECT_AUX) and verb.lemma_ != "be" or verb.lemma_ in _RUNNING_VERBS


def _estimated(verb: Token | None) -> bool:
    """ "are feared (dead)", "are thought (to have died)": an estimate, which for an order of
    size is the count as it stands ("Two fishermen are feared dead" is one incident's)."""
    return (
        verb is not None
        and verb.lemma_ in _ESTIMATE_VERBS
        and any(c.dep_ == "auxpass" for c in verb.children)
    )


def revised_figures(sentences: Sequence[Sentence]) -> dict[int, Sentence]:
    """For each sentence stating a running count that a later source revises, keyed by
    `id(sentence)`, the latest sentence that revises it."""
    dated = [
        (day, s, f)
        for s in sentences
        if (day := day_number(s.article.published)) is not None and (f := figures(s))
    ]
    found: dict[int, Sentence] = {}
    for day, sentence, own in dated:
        later = [
            (later_day, other)
            for later_day, other, theirs in dated
            if later_day > day and any(t.revises(f) for t in theirs for f in own)
        ]
        if later:
            found[id(sentence)] = max(later, key=lambda pair: pair[0])[1]
    return found
