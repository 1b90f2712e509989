"""Background: a short summary made only of source sentences, chosen for centrality and for
covering the main actors, with near-duplicates across sources removed."""

from __future__ import annotations

import math
import re
from collections import Counter

from briefer.models import Citation, Statement
from briefer.nlp import Corpus, Sentence
from briefer.sections import BuildOptions, SectionSpec
from briefer.sections.actors import extract_actors
from briefer.text import content_words, similarity

# Sentences that lean on what came before them read badly out of context.
_DANGLING_START = re.compile(
    r"^(he|she|it|they|his|her|its|their|this|that|these|those|but|and|also|however|meanwhile"
    r"|instead|still|so|then|yet)\b",
    re.IGNORECASE,
)


def _auto_size(corpus: Corpus) -> int:
    return max(3, min(8, 2 + round(1.5 * math.sqrt(len(corpus.articles)))))


def _usable(sentence: Sentence) -> bool:
    words = len(sentence.text.split())
    quoted = sum(e - s for s, e in sentence.quotes)
    return (
        not sentence.garbled
        and 8 <= words <= 50
        and sentence.text[-1:] in '.”"’'
        and quoted < 0.5 * len(sentence.text)
        and not sentence.text.endswith(":")
    )


def build(corpus: Corpus, options: BuildOptions) -> tuple[Statement, ...]:
    sentences = [s for s in corpus.sentences if _usable(s)]
    if not sentences:
        return ()
    words = [content_words(s.text) for s in sentences]
    document_frequency: Counter[str] = Counter(w for ws in words for w in ws)
    n = len(sentences)
    idf = {w: math.log((1 + n) / (1 + df)) + 1 for w, df in document_frequency.items()}
    centroid = Counter({w: df * idf[w] for w, df in document_frequency.items()})
    norm = math.sqrt(sum(v * v for v in centroid.values()))

    top_actors = [a.name.lower() for a in extract_actors(corpus)[:8]]

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

    size = options.background_size or _auto_size(corpus)
    ranked = sorted(range(n), key=lambda i: -score(i))
    chosen: list[int] = []
    for i in ranked:
        if len(chosen) >= size:
            break
        if any(similarity(words[i], words[j]) >= 0.5 for j in chosen):
            continue
        chosen.append(i)
    order = {a.id: k for k, a in enumerate(corpus.articles)}
    chosen.sort(key=lambda i: (order[sentences[i].article.id], sentences[i].position))
    return tuple(
        Statement(sentences[i].text, (Citation(sentences[i].article.id, sentences[i].text),))
        for i in chosen
    )


SECTION = SectionSpec("background", "Background", "background", build, aliases=("summary",))
