"""Open questions: what the sources leave unresolved, each tied to the passage raising it.

Questions are rebuilt only from the passage's own words — inverting an auxiliary, asking
whether a disputed or hedged claim holds, or whether something pending will happen. Where a
rewrite would garble the sentence, the point is quoted verbatim and marked instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from briefer.models import Citation, OpenQuestion
from briefer.nlp import Corpus, Sentence
from briefer.sections import BuildOptions, SectionSpec
from briefer.text import content_words, similarity

_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("pending", re.compile(
        r"\b(awaits?|awaiting|(?:is|are|remains?) pending|pending (?:approval|review|a|the)"
        r"|ha(?:s|ve) yet to|not yet|to be decided|undecided"
        r"|under review|under consideration|remains? to be seen|(?:is|are) expected to"
        r"|(?:is|are) due to|will decide|will vote)\b", re.I)),
    ("disputed", re.compile(
        r"\b(maintains? that|claims?|claimed|insists?|denials?|disputed?|alleged(?:ly)?|accused"
        r"|(?:denie[sd]|deny|rejects?|rejected) (?:that|the (?:claims?|allegations?|reports?"
        r"|accusations?))|ha(?:ve|s) not persuaded|derided|contested|challenged)\b", re.I)),
    ("uncertain", re.compile(
        r"\b(unclear|uncertain|not clear|unknown|not known|not sure|may have|might have"
        r"|could not be (?:confirmed|verified)|unconfirmed|reportedly|(?:is|are) (?:believed"
        r"|thought|said|reported) to)\b", re.I)),
    ("plan", re.compile(
        r"\b(will|plans? to|intends? to|promised?|pledged?|vowed?|(?:is|are) set to)\b", re.I)),
]  # fmt: skip
_PRIORITY = {"disagreement": 0, "pending": 1, "disputed": 2, "uncertain": 3, "plan": 4}
_LABELS = {"pending": "Pending", "uncertain": "Unconfirmed", "disputed": "Disputed"}
_CLAIM_VERBS = {"maintain", "claim", "insist", "say", "allege", "argue", "contend", "assert"}
_FUTURE_FRAMES = {"due", "expected", "set", "plan", "intend", "scheduled"}
_HEDGE_VERBS = {"report", "believe", "think", "say", "rumour", "rumor"}
_WH = {"whether", "if", "how", "why", "when", "who", "what", "where", "which"}
_MAX_QUESTIONS = 8
_MAX_FIGURES = 60
_SUBORDINATE = {"relcl", "acl", "advcl", "pcomp"}
_VAGUE_END = re.compile(r"\b(it|this|that|them|so)\?$", re.I)
# "Is it the same strain …?": a pronoun the reader cannot resolve outside its article.
_VAGUE_START = re.compile(
    r"^\w+ (it|this|that|they|these|those|he|she|him|her|his|its|their|we|our|you|i)\b"
    r"(?! true\b| confirmed\b|,)",
    re.I,
)
_AUXILIARIES = {
    "is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would",
    "should", "may", "might", "must", "does", "do", "did",
}  # fmt: skip


def _text(tokens) -> str:  # noqa: ANN001 - spaCy tokens in document order
    return "".join(t.text_with_ws for t in tokens).strip(" ,;:.—–-")


def _lower_first(text: str, first) -> str:  # noqa: ANN001 - spaCy token
    if first.pos_ == "PROPN" or (first.text.isupper() and len(first.text) > 1) or first.text == "I":
        return text
    return text[:1].lower() + text[1:]


def _clause_tokens(verb, skip=()) -> list:  # noqa: ANN001, ANN202
    """The verb's own clause: its subtree minus coordinated clauses, punctuation at the end
    and the tokens in `skip`."""
    stop = next((c.i for c in verb.children if c.dep_ in ("cc", "conj") and c.i > verb.i), None)
    skip_ids = {t.i for t in skip}
    tokens = [t for t in verb.subtree if (stop is None or t.i < stop) and t.i not in skip_ids]
    while tokens and tokens[-1].dep_ == "punct":
        tokens.pop()
    return tokens


def _subject(verb):  # noqa: ANN001, ANN202
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _subject_text(sentence: Sentence, subject, until: int) -> str:  # noqa: ANN001
    """The subject with its own punctuation: "the top diplomat, Mike Pompeo," ."""
    doc = sentence.span.doc
    # Leave out a relative clause: "officials in China, where …, say" → "officials in China".
    inner = {t.i for c in subject.subtree if c.dep_ in ("relcl", "acl") for t in c.subtree}
    tokens = [t for t in doc[subject.left_edge.i : until] if t.i not in inner]
    while len(tokens) > 1 and tokens[-1].text == "," and tokens[-2].text == ",":
        tokens.pop()
    text = _lower_first(_text(tokens), tokens[0])
    return text + "," if tokens[-1].text == "," else text


def _will_question(sentence: Sentence) -> str | None:
    """ "X will do Y", "X is due to do Y", "X plans to do Y" → "Will X do Y?"."""
    for token in sentence.span:
        if sentence.quoted(token.idx - sentence.span.start_char):
            continue
        if token.lower_ == "will" and token.dep_ == "aux":
            verb, frame = token.head, token
        elif token.lemma_ in _FUTURE_FRAMES and token.dep_ in ("ROOT", "acomp", "ccomp", "conj"):
            verb = next((c for c in token.children if c.dep_ == "xcomp"), None)
            frame = token
            if verb is None or verb.tag_ != "VB":
                continue
        else:
            continue
        holder = frame.head if frame.dep_ == "acomp" else (frame if frame is not token else verb)
        subject = _subject(holder) or _subject(verb)
        if subject is None or subject.lower_ in ("it", "this", "that", "there", "which", "who"):
            continue
        if any(t.dep_ == "mark" or t.pos_ == "SCONJ" for t in subject.subtree):
            continue  # "greed, since that, like lust, will …": a clause inside the subject
        skip = [t for t in verb.children if t.dep_ == "aux" and t.lower_ in ("will", "to", "'ll")]
        # Keep "be"/"have" between "will" and the verb: "will be made", "will have gone".
        rest = [
            t for t in _clause_tokens(verb, skip)
            if t.i >= verb.i or (t.head.i == verb.i and t.dep_ in ("aux", "auxpass")
                                 and t.i > subject.i)
        ]  # fmt: skip
        if not rest:
            continue
        question = (
            f"Will {_subject_text(sentence, subject, subject.right_edge.i + 1)} {_text(rest)}?"
        )
        return question if len(question.split()) <= 45 else None
    return None


def _awaits_question(sentence: Sentence) -> str | None:
    """ "X awaits a vote in Y" → "Will X get a vote in Y?"."""
    for token in sentence.span:
        if token.lemma_ != "await" or token.pos_ != "VERB":
            continue
        subject, obj = _subject(token), next((c for c in token.children if c.dep_ == "dobj"), None)
        if subject is None or obj is None:
            continue
        tail = [t for t in token.subtree if t.i >= obj.left_edge.i]
        cut = next(
            (i for i, t in enumerate(tail) if t.text in ",;" or t.dep_ == "relcl"), len(tail)
        )
        who = _subject_text(sentence, subject, subject.right_edge.i + 1)
        return f"Will {who} get {_text(tail[:cut])}?"
    return None


def _claim_question(sentence: Sentence) -> str | None:
    """ "X maintains that Y" → "Is it true, as X maintains, that Y?"."""
    for token in sentence.span:
        if token.lemma_ not in _CLAIM_VERBS or token.pos_ != "VERB":
            continue
        subject = _subject(token)
        complement = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if subject is None or complement is None or complement.i < token.i:
            continue
        if sentence.quoted(complement.left_edge.idx - sentence.span.start_char):
            continue
        if subject.lower_ in ("he", "she", "they", "we", "i", "you", "it"):
            continue  # "as he claimed": the reader cannot tell who
        body = [
            t for t in complement.subtree
            if not (t.dep_ == "mark" and t.head.i == complement.i) and t.i > token.i
        ]  # fmt: skip
        if not body:
            continue
        who = _subject_text(sentence, subject, subject.right_edge.i + 1).rstrip(",")
        return f"Is it true, as {who} {token.text}, that {_lower_first(_text(body), body[0])}?"
    return None


def _hedged_question(sentence: Sentence) -> str | None:
    """ "X has reportedly done Y" / "X are reported to have done Y" → "Is it confirmed that X
    has done Y?"."""
    for token in sentence.span:
        if token.lower_ in ("reportedly", "allegedly") and token.dep_ == "advmod":
            verb = token.head
            if verb.dep_ in _SUBORDINATE:
                continue
            subject = _subject(verb)
            if subject is None or subject.lower_ in ("it", "this", "that", "which", "who"):
                continue
            clause = _clause_tokens(verb, [token])
            return f"Is it confirmed that {_lower_first(_text(clause), clause[0])}?"
        if token.lemma_ in _HEDGE_VERBS and token.tag_ == "VBN" and token.dep_ not in _SUBORDINATE:
            infinitive = next((c for c in token.children if c.dep_ == "xcomp"), None)
            subject = _subject(token)
            if infinitive is None or subject is None or subject.lower_ in ("it", "which", "who"):
                continue
            rest = [
                t for t in _clause_tokens(infinitive)
                if not (t.dep_ == "aux" and t.lower_ == "to")
            ]  # fmt: skip
            if rest and rest[0].lower_ == "be":
                return None  # "is believed to be …" would need a conjugated verb
            who = _subject_text(sentence, subject, subject.right_edge.i + 1).rstrip(",")
            body = _text(rest)
            if rest[0].lower_ == "have" and subject.tag_ in ("NN", "NNP"):
                body = "has" + body[4:]  # "is believed to have" → "has", for one subject
            return f"Is it confirmed that {who} {body}?"
    return None


def _unclear_question(sentence: Sentence) -> str | None:
    """ "It is not clear whether X is Y" → "Is X Y?", inverting the auxiliary of the clause."""
    for token in sentence.span:
        if token.lower_ not in _WH or token.dep_ != "mark":
            continue
        before = sentence.text[: token.idx - sentence.span.start_char].lower()
        if not re.search(
            r"(unclear|uncertain|not clear|not known|not sure|not yet certain)\W*$", before
        ):
            continue
        verb = token.head
        subject = _subject(verb)
        aux = next(
            (c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ in _AUXILIARIES),
            verb if verb.lower_ in _AUXILIARIES else None,
        )
        if subject is None or aux is None or subject.i > aux.i:
            continue
        clause = [t for t in _clause_tokens(verb, [token, aux]) if t.i > token.i]
        if not clause:
            continue
        body = _text(clause)
        return f"{aux.text.capitalize()} {_lower_first(body, clause[0])}?"
    return None


_REWRITES = {
    "pending": (_awaits_question, _will_question),
    "disputed": (_claim_question,),
    "uncertain": (_unclear_question, _hedged_question),
    "plan": (_will_question,),
}


def _question(kind: str, sentence: Sentence) -> tuple[str, bool]:
    """The question and whether it was rewritten (True) or quoted as a marked point."""
    own = _REWRITES.get(kind, ())
    others = [_unclear_question, _hedged_question, _will_question]
    for rewrite in dict.fromkeys([*own, *others]):
        question = rewrite(sentence)
        if (
            question
            and _balanced(question)
            and not _VAGUE_END.search(question)
            and not _VAGUE_START.match(question)
        ):
            return question, True
    # British nesting when the passage has double quotes of its own: ‘… “…” …’.
    left, right = ("‘", "’") if "“" in sentence.text else ("“", "”")
    return f"{_LABELS.get(kind, 'Unresolved')}: {left}{sentence.text}{right}", False


def _balanced(text: str) -> bool:
    """A rewrite that cut a quotation or a parenthesis in half is garbled."""
    return (
        text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
        and text.count("(") == text.count(")")
    )


def _kind(sentence: Sentence) -> str | None:
    unquoted = "".join(" " if sentence.quoted(i) else ch for i, ch in enumerate(sentence.text))
    for kind, pattern in _CUES:
        if pattern.search(unquoted):
            return kind
    return None


# Quantities that sources report and can disagree on: "81 deaths", "more than 900 cases".
_QUANTITY = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?)\s+(?:suspected\s+|confirmed\s+|new\s+)?"
    r"(deaths|dead|cases|people|casualties|victims|injured|troops|protesters|arrests)\b",
    re.I,
)


@dataclass(frozen=True)
class _Figure:
    value: str
    noun: str
    sentence: Sentence
    words: frozenset[str]


def _disagreements(corpus: Corpus) -> list[OpenQuestion]:
    """Sources published on the same day that give different figures for the same thing."""
    figures: dict[tuple[str, str], list[_Figure]] = defaultdict(list)
    for sentence in corpus.sentences:
        if sentence.garbled:
            continue
        day = sentence.article.published.iso() if sentence.article.published else "?"
        for match in _QUANTITY.finditer(sentence.text):
            noun = match.group(2).lower()
            words = content_words(sentence.text) - {noun}
            figures[(day, noun)].append(_Figure(match.group(1), noun, sentence, words))
    out = []
    for (_, noun), found in sorted(figures.items()):
        found = found[:_MAX_FIGURES]  # the comparison is pairwise: keep it bounded
        for i, a in enumerate(found):
            rival = next(
                (
                    b for b in found[i + 1 :]
                    if b.sentence.article.id != a.sentence.article.id and b.value != a.value
                    and similarity(a.words, b.words) >= 0.5
                ),
                None,
            )  # fmt: skip
            if rival is not None:
                first, second = a.sentence.article.id, rival.sentence.article.id
                question = (
                    f"Sources differ on the number of {noun}: {a.value} ({first}) "
                    f"against {rival.value} ({second})."
                )
                citations = (
                    Citation(a.sentence.article.id, a.sentence.text),
                    Citation(rival.sentence.article.id, rival.sentence.text),
                )
                out.append(OpenQuestion(question, citations, "disagreement"))
                break
    return out[:3]


def build(corpus: Corpus, options: BuildOptions) -> tuple[OpenQuestion, ...]:
    """Disagreements first, then questions asked in the sources' words (pending decisions,
    disputed and hedged claims, plans), then marked quotes for the rest."""
    from briefer.analysis.actors import extract_actors

    leading = extract_actors(corpus.articles, corpus.sentences)
    top = [a.name.split()[-1].lower() for a in leading[:10]]
    candidates = []
    for sentence in corpus.sentences:
        if len(sentence.text.split()) < 8 or sentence.garbled:
            continue
        kind = _kind(sentence)
        if kind is not None:
            actors = sum(1 for name in top if name in sentence.text.lower())
            candidates.append(
                ((_PRIORITY[kind], -min(actors, 3), sentence.position), kind, sentence)
            )
    candidates.sort(key=lambda c: c[0])

    asked: list[OpenQuestion] = list(_disagreements(corpus))
    quoted: list[OpenQuestion] = []
    taken: list[frozenset[str]] = []
    for _, kind, sentence in candidates:
        if len(asked) >= _MAX_QUESTIONS:
            break
        words = content_words(sentence.text)
        if any(similarity(words, other) >= 0.6 for other in taken):
            continue
        question, rewritten = _question(kind, sentence)
        if not rewritten and (kind == "plan" or len(quoted) >= _MAX_QUESTIONS):
            continue  # a plain future statement is not an open question unless askable
        citation = Citation(sentence.article.id, sentence.text)
        (asked if rewritten else quoted).append(OpenQuestion(question, (citation,), kind))
        taken.append(words)
    # Quoted points fill at most half of the list.
    room = max(_MAX_QUESTIONS // 2, _MAX_QUESTIONS - len(asked))
    return tuple((asked + quoted[:room])[:_MAX_QUESTIONS])


SECTION = SectionSpec(
    "questions", "Open questions", "open_questions", build, aliases=("open_questions",)
)
