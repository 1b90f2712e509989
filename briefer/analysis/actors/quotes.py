"""Direct quotations credited to the person the syntax names as their speaker."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from briefer.analysis.actors.kinds import kind_of
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import Cluster, SentenceKey, sentence_key
from briefer.models import Citation, Quote
from briefer.nlp import Sentence

MIN_QUOTE_WORDS = 3  # shorter quotations are scare quotes or names, not statements
_PRONOUNS = ("he", "she")

TokenOwners = dict[tuple[SentenceKey, int], Cluster]


def attribute_quotes(
    sentences: Iterable[Sentence], clusters: Sequence[Cluster]
) -> dict[str, list[Quote]]:
    """Direct quotations whose speaker is the subject of a speech verb, or "he"/"she" for the
    last person named in the article; by the speaker's listed name."""
    owners: TokenOwners = {}
    for cluster in clusters:
        for m in cluster.mentions:
            for i in range(m.start, m.end):
                owners[(sentence_key(m.sentence), i)] = cluster
    out: dict[str, list[Quote]] = defaultdict(list)
    last_person: dict[str, Cluster] = {}
    for sentence in sentences:
        speaker = _speaker(sentence, owners, last_person) if sentence.quotes else None
        if speaker is not None:
            out[speaker.name].extend(_quotations(sentence))
        for token in sentence.span:
            found = owners.get((sentence_key(sentence), token.i))
            if found is not None and kind_of(found) == "person":
                last_person[sentence.article.id] = found
    return out


def _speaker(
    sentence: Sentence, owners: TokenOwners, last_person: dict[str, Cluster]
) -> Cluster | None:
    """The person who is the subject of a speech verb outside the quotation."""
    key = sentence_key(sentence)
    for token in sentence.span:
        if token.dep_ != "nsubj" or token.head.lemma_ not in lexicon().speech_verbs:
            continue
        if sentence.quoted(token.idx - sentence.span.start_char):
            continue
        found = owners.get((key, token.i))
        if found is None and token.lower_ in _PRONOUNS:
            found = last_person.get(sentence.article.id)
        if found is not None and kind_of(found) == "person":
            return found
    return None


def _quotations(sentence: Sentence) -> list[Quote]:
    out = []
    for start, end in sentence.quotes:
        text = sentence.text[start:end].strip('“”" ')
        if len(text.split()) >= MIN_QUOTE_WORDS:
            out.append(Quote(text, (Citation(sentence.article.id, sentence.text),)))
    return out
