"""Background: a short summary made only of source sentences, chosen for centrality and for
covering the main actors, with near-duplicates across sources removed."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from briefer.analysis.actors import extract_actors
from briefer.models import Citation, Statement
from briefer.nlp import Corpus, Sentence
from briefer.sections import BuildOptions, SectionSpec
from briefer.text import content_words, similarity

# Sentences that lean on what came before them read badly out of context.
_DANGLING_START = re.compile(
    r"^(he|she|it|they|his|her|its|their|this|that|these|those|but|and|also|however|meanwhile"
    r"|instead|still|so|then|yet)\b",
    re.IGNORECASE,
)


def _auto_size(corpus: Corpus) -> int:
    return max(3, min(8, 2 + round(1.5 * math.sqrt(len(corpus.articles)))))


def usable(sentence: Sentence) -> bool:
    """A whole, self-standing sentence of prose: fit to be quoted on its own."""
    words = len(sentence.text.split())
    quoted = sum(e - s for s, e in sentence.quotes)
    return (
        not sentence.garbled
        and 8 <= words <= 50
        and sentence.text[-1:] in '.”"’'
        and quoted < 0.5 * len(sentence.text)
        and not sentence.text.endswith(":")
    )


@dataclass(frozen=True)
class RankedSentence:
    sentence: Sentence
    words: frozenset[str]  # content words, for similarity checks
    score: float  # centrality plus actor coverage; higher is more summary-worthy


def ranked_sentences(corpus: Corpus) -> list[RankedSentence]:
    """Usable sentences, most central first; cached on the corpus for other sections to use."""
    cached = corpus.cache.get("ranked_sentences")
    if cached is not None:
        return cached  # type: ignore[return-value]
    sentences = [s for s in corpus.sentences if usable(s)]
    words = [content_words(s.text) for s in sentences]
    document_frequency: Counter[str] = Counter(w for ws in words for w in ws)
    n = len(sentences)
    idf = {w: math.log((1 + n) / (1 + df)) + 1 for w, df in document_frequency.items()}
    centroid = Counter({w: df * idf[w] for w, df in document_frequency.items()})
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1

    leading = extract_actors(corpus.articles, corpus.sentences)
    top_actors = [a.name.lower() for a in leading[:8]]

    def score(i: int) -> float:
        s = sentences[i]
        weight = sum(idf[w] * centroid[w] for w in words[i])
        length = math.sqrt(sum(idf[w] ** 2 for w in words[i])) or 1
        central = weight / (length * norm)
        lower = s.text.lower()
        actors = sum(1 for a in top_actors if a.split()[-1] in lower)
        lead = 0.15 if s.position < 3 else 0.0
        dangling = 0.3 if _DANGLING_START.match(s.text) else 0.0
        return central + 0.05 * actors + lead - dangling

    scored = [RankedSentence(sentences[i], words[i], score(i)) for i in range(n)]
    ranked = sorted(scored, key=lambda r: -r.score)
    corpus.cache["ranked_sentences"] = ranked
    return ranked


def cited(sentence: Sentence) -> Statement:
    """The sentence as a statement citing itself, verbatim."""
    return Statement(sentence.text, (Citation(sentence.article.id, sentence.text),))


def build(corpus: Corpus, options: BuildOptions) -> tuple[Statement, ...]:
    """Central sentences read as a paragraph; what the key points already say is left out."""
    ranked = ranked_sentences(corpus)
    if "key_points" in options.sections:
        from briefer.sections import keypoints

        said = [content_words(s.text) for s in keypoints.build(corpus, options)]
        ranked = [r for r in ranked if all(similarity(r.words, w) < 0.5 for w in said)]
    size = options.background_size or _auto_size(corpus)
    chosen: list[RankedSentence] = []
    for candidate in ranked:
        if len(chosen) >= size:
            break
        if any(similarity(candidate.words, c.words) >= 0.5 for c in chosen):
            continue
        chosen.append(candidate)
    order = {a.id: k for k, a in enumerate(corpus.articles)}
    chosen.sort(key=lambda r: (order[r.sentence.article.id], r.sentence.position))
    return tuple(cited(r.sentence) for r in chosen)


SECTION = SectionSpec("background", "Background", "background", build, aliases=("summary",))
