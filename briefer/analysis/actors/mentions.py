"""Names in the text, and the entities they refer to: mentions collected from the model's
entities (plus one-word names it missed) and clustered across spellings, surnames and acronyms."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefer.analysis.actors.countries import country_name
from briefer.analysis.actors.lexicon import lexicon
from briefer.models import Article
from briefer.nlp import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Span

# The model's entity labels that can name an actor, and the kind each one votes for.
LABEL_KIND = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
_TIMEZONE = re.compile(r"^(?:BST|GMT|UTC|CET|CEST|EST|EDT|PST|PDT|ET|PT)\b\s*")
_MIN_NAME_WORDS = 2  # a name of this many words founds an entity; shorter ones join one

SentenceKey = tuple[str, int]


def sentence_key(sentence: Sentence) -> SentenceKey:
    """Where a sentence stands: its source and its first character."""
    return (sentence.passage.source, sentence.passage.start)


@dataclass
class Mention:
    """One occurrence of a name: a token range of the sentence's document."""

    sentence: Sentence
    start: int  # token index in the sentence's doc
    end: int
    text: str
    label: str | None  # the model's entity label; None for a name it did not tag


@dataclass
class Cluster:
    """The mentions of one entity, under the name it is listed by."""

    name: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    votes: Counter[str] = field(default_factory=Counter)

    def named_by_model_as(self, label: str) -> bool:
        return any(m.label == label for m in self.mentions)


def normalise(text: str) -> str:
    """The name without a trailing bracket, possessive, leading "the", time zone or title."""
    text = re.sub(r"\s*\(.*$", "", text.strip())  # "World Health Organisation (WHO"
    text = re.sub(r"[’']s$", "", text)
    text = re.sub(r"^(the|The)\s+", "", text)
    text = _TIMEZONE.sub("", text)  # "1.23pm BST Tamiflu …" in live blogs
    words = text.split()
    titles = lexicon().titles
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    text = " ".join(words).strip(" ,;:")
    return text if re.search(r"(?:\b[A-Z]\.)+$", text) else text.rstrip(".")


def spelling_key(name: str) -> str:
    """One key for British and American spellings of a name ("Organisation"/"Organization")."""
    return re.sub(r"iz(e|ation|ing)", r"is\1", name.casefold().replace(".", ""))


def acronym(name: str) -> str:
    """ "World Health Organization" → "WHO"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in {"of", "the"})


def excluded_names(articles: Iterable[Article]) -> set[str]:
    """Publishers and authors of the sources, lower-cased: never actors of the story."""
    names = set()
    for article in articles:
        for value in (article.publisher, article.author):
            for part in re.split(r",| and ", value or ""):
                part = normalise(part).lower()
                if part:
                    names.add(part)
                    names.add(re.sub(r"^the ", "", part))
    return names


def collect_mentions(sentences: Iterable[Sentence]) -> list[Mention]:
    """Every entity the model tags with a kind of actor, repaired where it is known to err."""
    mentions: list[Mention] = []
    for sentence in sentences:
        for ent in sentence.span.ents:
            if ent.label_ in LABEL_KIND:
                mentions.extend(_entity_mentions(sentence, ent))
    return mentions


def _entity_mentions(sentence: Sentence, ent: Span) -> list[Mention]:
    span = sentence.span
    doc = span.doc
    start, end = ent.start, ent.end
    # "RFE/RL": the model stops at the slash.
    while end + 1 < span.end and doc[end].text == "/" and doc[end + 1].is_upper:
        end += 2
    # "Wells and Curtis" arrives as one entity.
    parts = re.split(r"\s+and\s+", doc[start:end].text)
    if (
        ent.label_ in ("ORG", "PERSON")
        and len(parts) == 2
        and all(len(p.split()) == 1 and p[:1].isupper() for p in parts)
    ):
        first, last = doc[start], doc[end - 1]
        return [
            Mention(sentence, first.i, first.i + 1, first.text, None),
            Mention(sentence, last.i, last.i + 1, last.text, None),
        ]
    text = doc[start:end].text
    if _is_modifier(sentence, start, end, ent.label_, text):
        return []
    return [Mention(sentence, start, end, text, ent.label_)]


def _is_modifier(sentence: Sentence, start: int, end: int, label: str, text: str) -> bool:
    """A word of a title ("Secretary of State") or a modifier ("Kazakh courts", "the Uygur
    issue"), not a mention of an actor."""
    root = sentence.span.doc[end - 1]
    if end - start == 1 and root.dep_ == "pobj" and root.head.head.lower_ in lexicon().titles:
        return True
    return (
        (end - start == 1 or label != "PERSON")
        and root.dep_ in ("amod", "compound", "nmod")
        and root.head.pos_ == "NOUN"
        and not country_name(text)
    )


def cluster_mentions(mentions: Iterable[Mention], excluded: set[str]) -> list[Cluster]:
    """Multi-word names and countries found entities; single words join the one entity they
    are the surname, first name or acronym of, else stand alone."""
    clusters, pending = _found_entities(mentions, excluded)
    index = _short_name_index(clusters)
    in_article: dict[str, set[str]] = defaultdict(set)
    for name, cluster in clusters.items():
        for m in cluster.mentions:
            in_article[name].add(m.sentence.article.id)
    for name, mention in pending:
        target = _owner(name, mention, index, in_article, clusters)
        cluster = clusters.setdefault(target, Cluster(target))
        cluster.mentions.append(mention)
        cluster.aliases.add(name)
    return list(clusters.values())


def _found_entities(
    mentions: Iterable[Mention], excluded: set[str]
) -> tuple[dict[str, Cluster], list[tuple[str, Mention]]]:
    """Entities of the multi-word names and countries; the single words left for later."""
    clusters: dict[str, Cluster] = {}
    spellings: dict[str, str] = {}
    pending: list[tuple[str, Mention]] = []
    lex = lexicon()
    for mention in mentions:
        name = normalise(mention.text)
        if not name or not any(ch.isalpha() for ch in name):
            continue
        if name.lower() in excluded or name.lower() in lex.platforms | lex.place_words:
            continue  # "South" of "South and Central Asia" is a word of a name, not a place
        if mention.label == "NORP" and not is_group_noun(mention):
            continue
        country = country_name(name)
        if country:
            name = country
        if len(name.split()) >= _MIN_NAME_WORDS or country:
            # One spelling per actor: "World Health Organization" and "…Organisation".
            name = spellings.setdefault(spelling_key(name), name)
            clusters.setdefault(name, Cluster(name)).mentions.append(mention)
            clusters[name].aliases.add(normalise(mention.text))
        else:
            pending.append((name, mention))
    return clusters, pending


def _short_name_index(clusters: dict[str, Cluster]) -> dict[str, set[str]]:
    """Acronym, last word and (for people) first word of each multi-word name → its names."""
    index: dict[str, set[str]] = defaultdict(set)
    for name, cluster in clusters.items():
        words = name.split()
        if len(words) >= _MIN_NAME_WORDS:
            index[acronym(name).lower()].add(name)
            index[words[-1].lower()].add(name)
            if cluster.named_by_model_as("PERSON"):
                if words[0].lower() not in lexicon().place_words:
                    index[words[0].lower()].add(name)
    return index


def _owner(
    name: str,
    mention: Mention,
    index: dict[str, set[str]],
    in_article: dict[str, set[str]],
    clusters: dict[str, Cluster],
) -> str:
    """The entity a single word belongs to, or the word itself when that is not clear."""
    owners = index.get(name.lower(), set())
    if len(owners) > 1:
        # "Johnson" in an article that names Alan Johnson, not Boris Johnson.
        owners = {o for o in owners if mention.sentence.article.id in in_article[o]}
        if not owners and name.isupper():
            # An acronym with no full form nearby: the most mentioned full form.
            candidates = sorted(index[name.lower()], key=lambda o: (-len(clusters[o].mentions), o))
            owners = set(candidates[:1])
    return next(iter(owners)) if len(owners) == 1 else name


def is_group_noun(mention: Mention) -> bool:
    """A nationality used as a noun ("ethnic Kazakhs", "Uygurs"), not as an adjective."""
    token = mention.sentence.span.doc[mention.end - 1]
    plural = token.text.endswith("s") and not token.text.endswith("ss")  # not "Congress"
    return token.tag_ in ("NNPS", "NNS") or (plural and token.pos_ == "PROPN")


def add_untagged_mentions(sentences: Iterable[Sentence], clusters: Sequence[Cluster]) -> None:
    """Count one-word names the model missed ("Bilash has reportedly returned")."""
    taken = {
        (sentence_key(m.sentence), i)
        for c in clusters
        for m in c.mentions
        for i in range(m.start, m.end)
    }
    words: dict[str, Cluster] = {}
    for cluster in clusters:
        for alias in {cluster.name, *cluster.aliases}:
            if len(alias.split()) == 1:
                words[alias] = cluster
        if len(cluster.name.split()) >= _MIN_NAME_WORDS and cluster.named_by_model_as("PERSON"):
            words[cluster.name.split()[-1]] = cluster
    for sentence in sentences:
        key = sentence_key(sentence)
        for token in sentence.span:
            found = words.get(token.text)
            if found and (key, token.i) not in taken and token.pos_ == "PROPN":
                found.mentions.append(Mention(sentence, token.i, token.i + 1, token.text, None))


def common_words(sentences: Iterable[Sentence]) -> frozenset[str]:
    """Words the corpus also writes in lower case: ordinary words, not names."""
    return frozenset(t.text for s in sentences for t in s.span if t.is_lower and t.is_alpha)


def is_thing(name: str, common: frozenset[str]) -> bool:
    """A capitalised common noun phrase or code ("H1N1 Swine Flu", "Influenza A"), not an actor:
    every word is a lower-case word elsewhere in the corpus, a code or a letter."""
    words = name.split()
    if (
        len(words) < _MIN_NAME_WORDS
        or country_name(name)
        or {w.lower() for w in words} & lexicon().institution_words
    ):
        return False
    return all(w.lower() in common or any(c.isdigit() for c in w) or len(w) == 1 for w in words)
