"""Open questions: what the sources leave unresolved, each tied to the passage raising it.

A question is only rewritten from the passage's own words (inverting "will", or asking whether
a disputed claim is true); where a rewrite would garble it, the point is quoted and marked.
"""

from __future__ import annotations

import re

from briefer.models import Citation, OpenQuestion
from briefer.nlp import Corpus, Sentence
from briefer.sections import BuildOptions, SectionSpec
from briefer.text import content_words, similarity

_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("pending", re.compile(
        r"\b(awaits?|awaiting|pending|ha(?:s|ve) yet to|not yet|to be decided|undecided"
        r"|under review|under consideration|remains? to be seen|is expected to|are expected to"
        r"|is due to|are due to|will decide|will vote)\b", re.I)),
    ("uncertain", re.compile(
        r"\b(unclear|uncertain|not clear|unknown|not known|whether|may have|might|could not"
        r" be (?:confirmed|verified)|unconfirmed|reportedly|is believed|are believed"
        r"|it is thought|likely)\b", re.I)),
    ("disputed", re.compile(
        r"\b(maintains? that|claims?|claimed|insists?|denials?|disputed?|alleged(?:ly)?|accused"
        r"|(?:denie[sd]|deny|rejects?|rejected) (?:that|the (?:claims?|allegations?|reports?"
        r"|accusations?))|ha(?:ve|s) not persuaded|derided|contested|challenged)\b", re.I)),
    ("plan", re.compile(
        r"\b(will|plans? to|planned|intends? to|promised?|pledged?|vowed?|is set to"
        r"|are set to|upcoming|seeks? to)\b", re.I)),
]  # fmt: skip
_CLAIM_VERBS = {"maintain", "claim", "insist", "say", "allege", "argue", "contend", "assert"}
_MAX_QUESTIONS = 10


def _tokens_text(tokens) -> str:  # noqa: ANN001 - spaCy tokens
    return "".join(t.text_with_ws for t in tokens).strip(" ,;:.")


def _lower_first(text: str, token) -> str:  # noqa: ANN001
    if token.pos_ == "PROPN" or token.text.isupper():
        return text
    return text[:1].lower() + text[1:]


def _will_question(sentence: Sentence) -> str | None:
    """ "X will do Y (, an official said)" → "Will X do Y?" from the clause's own tokens."""
    for token in sentence.span:
        if token.lower_ != "will" or token.dep_ != "aux":
            continue
        if sentence.quoted(token.idx - sentence.span.start_char):
            continue
        verb = token.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in ("it", "this", "that", "there"):
            continue
        subj_tokens = list(subject.subtree)
        after = [t for t in verb.subtree if t.i > subj_tokens[-1].i and t.i != token.i]
        # Stop before a coordinated clause: "… and will travel to …" is another question.
        stop = next((t.i for t in after if t.dep_ in ("cc", "conj") and t.head.i == verb.i), None)
        rest = [t for t in after if stop is None or t.i < stop]
        while rest and rest[0].dep_ == "punct":
            rest.pop(0)
        if not rest or rest[0].i != verb.i:
            continue
        # Keep the subject's own punctuation: "the top diplomat, Mike Pompeo, raise …".
        between = [t for t in sentence.span.doc[subj_tokens[0].i : verb.i] if t.i != token.i]
        subject_text = _lower_first(_tokens_text(between), subj_tokens[0])
        if between and between[-1].text == ",":
            subject_text += ","
        question = f"Will {subject_text} {_tokens_text(rest)}?"
        return question if len(question.split()) <= 45 else None
    return None


def _awaits_question(sentence: Sentence) -> str | None:
    """ "X awaits Y" → "Will X get Y?"."""
    for token in sentence.span:
        if token.lemma_ != "await" or token.pos_ != "VERB":
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if subject is None or obj is None:
            continue
        # The object and what follows it in the clause, up to a comma: "a vote in the Senate".
        tail = [t for t in token.subtree if t.i >= obj.left_edge.i]
        cut = next(
            (i for i, t in enumerate(tail) if t.text in ",;" or t.dep_ == "relcl"), len(tail)
        )
        subject_text = _lower_first(_tokens_text(subject.subtree), subject.left_edge)
        return f"Will {subject_text} get {_tokens_text(tail[:cut])}?"
    return None


def _claim_question(sentence: Sentence) -> str | None:
    """ "X maintains that Y" → "Is it true, as X maintains, that Y?"."""
    for token in sentence.span:
        if token.lemma_ not in _CLAIM_VERBS or token.pos_ != "VERB":
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        complement = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if subject is None or complement is None or complement.i < token.i:
            continue
        body = [
            t for t in complement.subtree if not (t.dep_ == "mark" and t.head.i == complement.i)
        ]
        verb_text = token.text
        subject_text = _lower_first(_tokens_text(subject.subtree), subject.left_edge)
        return f"Is it true, as {subject_text} {verb_text}, that {_tokens_text(body)}?"
    return None


def _question(kind: str, sentence: Sentence) -> str:
    rewrites = {
        "pending": (_awaits_question, _will_question),
        "disputed": (_claim_question,),
        "plan": (_will_question,),
    }.get(kind, ())
    for rewrite in rewrites:
        question = rewrite(sentence)
        if question:
            return question
    label = {"pending": "Pending", "uncertain": "Unconfirmed", "disputed": "Disputed"}.get(
        kind, "Unresolved"
    )
    return f"{label}: “{sentence.text}”"


def _kind(sentence: Sentence) -> str | None:
    unquoted = "".join(ch for i, ch in enumerate(sentence.text) if not sentence.quoted(i))
    for kind, pattern in _CUES:
        if pattern.search(unquoted):
            return kind
    return None


def build(corpus: Corpus, options: BuildOptions) -> tuple[OpenQuestion, ...]:
    found: list[tuple[int, OpenQuestion, frozenset[str]]] = []
    priority = {"pending": 0, "disputed": 1, "uncertain": 2, "plan": 3}
    for sentence in corpus.sentences:
        if len(sentence.text.split()) < 6:
            continue
        kind = _kind(sentence)
        if kind is None:
            continue
        words = content_words(sentence.text)
        if any(similarity(words, other) >= 0.6 for _, _, other in found):
            continue
        question = OpenQuestion(
            _question(kind, sentence), (Citation(sentence.article.id, sentence.text),), kind
        )
        found.append((priority[kind], question, words))
    found.sort(key=lambda f: f[0])
    return tuple(q for _, q, _ in found[:_MAX_QUESTIONS])


SECTION = SectionSpec(
    "questions", "Open questions", "open_questions", build, aliases=("open_questions",)
)
