"""The story's subject as most sources name it, for a title when no source has a headline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from briefer.analysis.parse import Token
from briefer.analysis.sentence import Sentence
from briefer.analysis.text import NUMERIC_ENTITIES

_CONTENT_POS = ("NOUN", "PROPN", "ADJ")
# A phrase one source in this many uses names the story: "Haiti earthquake" is in 17 of 60 BBC
# articles, "Iraq war" in 37 of 119 Guardian ones, each the most used phrase of its set.
SUBJECT_SHARE = 4


def main_subject(sentences: Sequence[Sentence], article_count: int) -> str | None:
    """The noun phrase of two or more content words that most sources use ("swine flu")."""
    sources: dict[str, set[str]] = defaultdict(set)
    uses: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for chunk in sentence.span.noun_chunks:
            words = [t for t in chunk if t.pos_ in _CONTENT_POS and not t.is_stop]
            if len(words) < 2 or any(t.ent_type_ in NUMERIC_ENTITIES for t in words):
                continue
            # Every ending counts too: "the new ferry link" also speaks of "ferry link".
            for start in range(len(words) - 1):
                written = _written(sentence, words[start], words[-1])
                if " " not in written:
                    continue  # one hyphenated name ("Port-au-Prince") is no phrase
                key = " ".join(t.lower_ for t in words[start:])
                sources[key].add(sentence.article.id)
                uses[key] += 1
                spellings[key][written] += 1
    if not uses:
        return None
    best = max(uses, key=lambda k: (len(sources[k]) * uses[k], k))
    if len(sources[best]) < max(2, article_count // SUBJECT_SHARE):
        return None
    text = spellings[best].most_common(1)[0][0]
    return text[:1].upper() + text[1:]


def _written(sentence: Sentence, first: Token, last: Token) -> str:
    """The words from `first` to `last` as the sentence writes them ("Port-au-Prince")."""
    base = sentence.span.start_char
    return " ".join(sentence.text[first.idx - base : last.idx + len(last.text) - base].split())
