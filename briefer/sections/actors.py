"""Key actors: people, organisations, places and groups, merged across mentions and sources.

The small model's labels are noisy (a person tagged as a place in some mentions), so an actor's
kind is decided by a vote over all its mentions plus evidence from the text around them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from briefer.analysis.sentence import Sentence
from briefer.models import Actor, Article, Citation, Quote
from briefer.sections import BuildOptions, SectionSpec

if TYPE_CHECKING:
    from briefer.analysis import Analysis

_LABEL_KIND = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "vice", "secretary", "ambassador", "senator", "sen", "rep", "representative",
    "gov", "governor", "mayor", "minister", "premier", "chancellor", "king", "queen", "prince",
    "princess", "pope", "general", "gen", "colonel", "col", "captain", "capt", "judge",
    "justice", "chairman", "chairwoman", "chair", "ceo", "director", "commissioner", "envoy",
    "spokesman", "spokeswoman", "spokesperson", "chief", "officer", "leader", "deputy",
    "sheikh", "rabbi", "bishop", "cardinal", "father", "sister", "brother", "speaker",
}  # fmt: skip
_PLACE_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "new", "upper", "lower", "greater", "great", "saint", "st", "san", "santa", "los", "las",
    "united", "republic", "city", "county", "state", "province", "region", "island", "islands",
}  # fmt: skip
_ORG_NOUNS = {
    "group", "organisation", "organization", "company", "firm", "party", "agency", "council",
    "committee", "coalition", "ministry", "department", "bank", "union", "network", "charity",
    "movement", "association", "institute", "university", "newspaper", "bureau", "court",
    "government", "administration", "body", "platform", "alliance", "board", "office",
}  # fmt: skip
# Words that make a multi-word name an institution: "House of Representatives", "United Nations".
_INSTITUTION_WORDS = _ORG_NOUNS | {
    "house", "senate", "congress", "parliament", "assembly", "nations", "embassy", "commission",
    "watch", "police", "army", "forces", "authority", "service", "fund", "foundation",
    "corporation", "inc", "ltd", "organisation", "organization", "department", "ministry",
}  # fmt: skip
_HUMAN_VERBS = {
    "say", "tell", "ask", "answer", "explain", "stress", "comment", "add", "call", "write",
    "accept", "appeal", "leave", "meet", "accompany", "visit", "speak", "return", "stand",
    "claim", "insist", "deny", "argue", "announce", "warn", "urge", "travel", "resign",
    "die", "testify", "vow", "promise", "pledge", "believe", "think", "want", "hope",
}  # fmt: skip
_SPEECH_VERBS = {
    "say", "tell", "ask", "answer", "explain", "stress", "comment", "add", "call", "write",
    "note", "warn", "insist", "argue", "declare", "state", "describe", "tweet", "reply",
    "announce", "acknowledge", "admit", "claim", "urge",
}  # fmt: skip
# Named in passing as a medium, not an actor in the story.
_PLATFORMS = {
    "twitter", "facebook", "youtube", "instagram", "tiktok", "wechat", "weibo", "whatsapp",
    "telegram", "linkedin", "reddit", "snapchat", "google", "x",
}  # fmt: skip
_COUNTRY_ALIASES = {
    "us": "United States", "u.s.": "United States", "usa": "United States",
    "u.s.a.": "United States", "america": "United States", "united states": "United States",
    "the united states": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
    "russia": "Russia", "south korea": "South Korea", "north korea": "North Korea",
    "iran": "Iran", "syria": "Syria", "vietnam": "Vietnam", "taiwan": "Taiwan",
    "the soviet union": "Soviet Union", "soviet union": "Soviet Union", "ussr": "Soviet Union",
    "kyrgyz republic": "Kyrgyzstan", "the kyrgyz republic": "Kyrgyzstan",
}  # fmt: skip
_MAX_ACTORS = 20
_TIMEZONE = re.compile(r"^(?:BST|GMT|UTC|CET|CEST|EST|EDT|PST|PDT|ET|PT)\b\s*")
_PLACE_NOUNS = {
    "capital", "city", "country", "state", "province", "region", "town", "village", "nation",
    "republic", "island", "county", "district", "port", "territory", "kingdom", "neighbour",
    "neighbor", "ally", "home", "birthplace", "hub", "centre", "center", "border", "area",
}  # fmt: skip
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof"}
# People who report the story rather than act in it.
_JOURNALISM = re.compile(
    r"\b(colleagues?|correspondents?|journalists?|reporters?|editors?|columnists?|bloggers?"
    r"|photographers?|contributors?|headline|column)\b",
    re.IGNORECASE,
)
_APPOSITIVE_NOUN = re.compile(r"^,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?([a-z]+)\b")


@cache
def _countries() -> dict[str, str]:
    """Lower-cased country names and codes mapped to one display name."""
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        for name in (country.name, getattr(country, "official_name", None), display):
            if name:
                table[name.lower()] = display
    table.update(_COUNTRY_ALIASES)
    return table


def country_name(name: str) -> str | None:
    """The display name if `name` is a country (or a common alias of one), else None."""
    key = name.lower().strip()
    return _countries().get(key) or _countries().get(re.sub(r"^the ", "", key))


_IRREGULAR_DEMONYMS = {
    "british": "United Kingdom", "english": "United Kingdom", "scottish": "United Kingdom",
    "welsh": "United Kingdom", "french": "France", "dutch": "Netherlands", "swiss": "Switzerland",
    "greek": "Greece", "american": "United States", "us": "United States", "u.s.": "United States",
    "irish": "Ireland", "danish": "Denmark", "swedish": "Sweden", "finnish": "Finland",
    "polish": "Poland", "turkish": "Turkey", "spanish": "Spain", "filipino": "Philippines",
    "thai": "Thailand", "soviet": "Soviet Union", "kyrgyz": "Kyrgyzstan",
}  # fmt: skip
_GOVERNMENT = re.compile(
    r"^(?:the\s+)?([A-Z][\w.]+)\s+(government|administration|authorities|regime|cabinet"
    r"|ministry of \w+|foreign ministry|embassy)$",
    re.IGNORECASE,
)


def country_of_demonym(word: str) -> str | None:
    """ "Chinese" → China, "Kazakhstani"/"Kazakh" → Kazakhstan, "Mexican" → Mexico."""
    key = word.lower()
    if key in _IRREGULAR_DEMONYMS:
        return _IRREGULAR_DEMONYMS[key]
    direct = country_name(word)
    if direct:
        return direct
    for suffix in ("stani", "ese", "ian", "ean", "an", "ish", "i", ""):
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            stem = key[: len(key) - len(suffix)]
            found = {
                display for name, display in _countries().items()
                if name.startswith(stem) and " " not in name
            }  # fmt: skip
            if len(found) == 1:
                return found.pop()
    return None


def government_of(name: str) -> str | None:
    """ "the Chinese Government" → "government of China", when the country is clear."""
    match = _GOVERNMENT.match(name)
    if not match:
        return None
    country = country_of_demonym(match.group(1))
    if not country:
        return None
    the = "the " if re.match(r"(United|Netherlands|Philippines|Soviet)", country) else ""
    return f"{match.group(2).lower()} of {the}{country}"


@dataclass
class _Mention:
    sentence: Sentence
    start: int  # token index in the sentence's doc
    end: int
    text: str
    label: str | None


@dataclass
class _Cluster:
    name: str
    mentions: list[_Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    votes: Counter[str] = field(default_factory=Counter)


def _normalise(text: str) -> str:
    text = re.sub(r"\s*\(.*$", "", text.strip())  # "World Health Organisation (WHO"
    text = re.sub(r"[’']s$", "", text)
    text = re.sub(r"^(the|The)\s+", "", text)
    text = _TIMEZONE.sub("", text)  # "1.23pm BST Tamiflu …" in live blogs
    words = text.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    text = " ".join(words).strip(" ,;:")
    return text if re.search(r"(?:\b[A-Z]\.)+$", text) else text.rstrip(".")


def _spelling_key(name: str) -> str:
    return re.sub(r"iz(e|ation|ing)", r"is\1", name.casefold().replace(".", ""))


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in {"of", "the"})


def _excluded_names(articles: Sequence[Article]) -> set[str]:
    """Publishers and authors of the sources: never actors of the story."""
    names = set()
    for article in articles:
        for value in (article.publisher, article.author):
            if value:
                for part in re.split(r",| and ", value):
                    part = _normalise(part).lower()
                    if part:
                        names.add(part)
                        names.add(re.sub(r"^the ", "", part))
    return names


def _collect_mentions(sentences: Sequence[Sentence]) -> list[_Mention]:
    mentions: list[_Mention] = []
    for sentence in sentences:
        doc = sentence.span
        for ent in doc.ents:
            if ent.label_ not in _LABEL_KIND:
                continue
            start, end = ent.start, ent.end
            # "RFE/RL": the model stops at the slash.
            while end + 1 < doc.end and doc.doc[end].text == "/" and doc.doc[end + 1].is_upper:
                end += 2
            # "Wells and Curtis" arrives as one entity.
            parts = re.split(r"\s+and\s+", doc.doc[start:end].text)
            if (
                ent.label_ in ("ORG", "PERSON")
                and len(parts) == 2
                and all(len(p.split()) == 1 and p[:1].isupper() for p in parts)
            ):
                first = doc.doc[start]
                last = doc.doc[end - 1]
                mentions.append(_Mention(sentence, first.i, first.i + 1, first.text, None))
                mentions.append(_Mention(sentence, last.i, last.i + 1, last.text, None))
                continue
            text = doc.doc[start:end].text
            root = doc.doc[end - 1]
            if end - start == 1 and root.dep_ == "pobj" and root.head.head.lower_ in _TITLES:
                continue  # "Secretary of State"
            if (
                (end - start == 1 or ent.label_ != "PERSON")
                and root.dep_ in ("amod", "compound", "nmod")
                and root.head.pos_ == "NOUN"
                and not country_name(text)
            ):
                continue  # a modifier ("Kazakh courts", "the Uygur issue"), not a mention
            mentions.append(_Mention(sentence, start, end, text, ent.label_))
    return mentions


def _cluster(mentions: list[_Mention], excluded: set[str]) -> list[_Cluster]:
    clusters: dict[str, _Cluster] = {}
    spellings: dict[str, str] = {}
    pending: list[tuple[str, _Mention]] = []
    for mention in mentions:
        name = _normalise(mention.text)
        if not name or not any(ch.isalpha() for ch in name):
            continue
        if name.lower() in excluded or name.lower() in _PLATFORMS | _PLACE_WORDS:
            continue  # "South" of "South and Central Asia" is a word of a name, not a place
        if mention.label == "NORP" and not _is_group_noun(mention):
            continue
        country = country_name(name)
        if country:
            name = country
        if len(name.split()) >= 2 or country:
            # One spelling per actor: "World Health Organization" and "…Organisation".
            name = spellings.setdefault(_spelling_key(name), name)
            clusters.setdefault(name, _Cluster(name)).mentions.append(mention)
            clusters[name].aliases.add(_normalise(mention.text))
        else:
            pending.append((name, mention))

    # Single words join the one multi-word actor they are the surname, first name or acronym of.
    index: dict[str, set[str]] = defaultdict(set)
    for name, cluster in clusters.items():
        words = name.split()
        if len(words) >= 2:
            index[_acronym(name).lower()].add(name)
            index[words[-1].lower()].add(name)
            if any(m.label == "PERSON" for m in cluster.mentions):
                if words[0].lower() not in _PLACE_WORDS:
                    index[words[0].lower()].add(name)
    in_article: dict[str, set[str]] = defaultdict(set)
    for name, cluster in clusters.items():
        for m in cluster.mentions:
            in_article[name].add(m.sentence.article.id)
    for name, mention in pending:
        owners = index.get(name.lower(), set())
        if len(owners) > 1:
            # "Johnson" in an article that names Alan Johnson, not Boris Johnson.
            owners = {o for o in owners if mention.sentence.article.id in in_article[o]}
            if not owners and name.isupper():
                # An acronym with no full form nearby: the most mentioned full form.
                owners = set(
                    sorted(index[name.lower()], key=lambda o: -len(clusters[o].mentions))[:1]
                )
        target = next(iter(owners)) if len(owners) == 1 else name
        cluster = clusters.setdefault(target, _Cluster(target))
        cluster.mentions.append(mention)
        cluster.aliases.add(name)
    return list(clusters.values())


def _is_group_noun(mention: _Mention) -> bool:
    """A nationality used as a noun ("ethnic Kazakhs", "Uygurs"), not as an adjective."""
    token = mention.sentence.span.doc[mention.end - 1]
    plural = token.text.endswith("s") and not token.text.endswith("ss")  # not "Congress"
    return token.tag_ in ("NNPS", "NNS") or (plural and token.pos_ == "PROPN")


def _add_untagged_mentions(sentences: Sequence[Sentence], clusters: list[_Cluster]) -> None:
    """Count one-word names the model missed ("Bilash has reportedly returned")."""
    taken = {
        (id(m.sentence), i) for c in clusters for m in c.mentions for i in range(m.start, m.end)
    }
    words: dict[str, _Cluster] = {}
    for cluster in clusters:
        for alias in {cluster.name, *cluster.aliases}:
            if len(alias.split()) == 1:
                words[alias] = cluster
        if len(cluster.name.split()) >= 2 and any(m.label == "PERSON" for m in cluster.mentions):
            words[cluster.name.split()[-1]] = cluster
    for sentence in sentences:
        for token in sentence.span:
            cluster = words.get(token.text)
            if cluster and (id(sentence), token.i) not in taken and token.pos_ == "PROPN":
                cluster.mentions.append(_Mention(sentence, token.i, token.i + 1, token.text, None))


def _common_words(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Words the corpus also writes in lower case: ordinary words, not names."""
    return frozenset(t.text for s in sentences for t in s.span if t.is_lower and t.is_alpha)


def _is_thing(name: str, common: frozenset[str]) -> bool:
    """A capitalised common noun phrase or code ("H1N1 Swine Flu", "Influenza A"), not an actor:
    every word is a lower-case word elsewhere in the corpus, a code or a letter."""
    words = name.split()
    if len(words) < 2 or country_name(name) or {w.lower() for w in words} & _INSTITUTION_WORDS:
        return False
    return all(w.lower() in common or any(c.isdigit() for c in w) or len(w) == 1 for w in words)


def _vote(cluster: _Cluster, common: frozenset[str]) -> None:
    votes: Counter[str] = Counter()
    if country_name(cluster.name):
        votes["place"] += 100
    words = cluster.name.split()
    labelled = Counter(_LABEL_KIND[m.label] for m in cluster.mentions if m.label)
    for mention in cluster.mentions:
        if mention.label:
            votes[_LABEL_KIND[mention.label]] += 1
        doc = mention.sentence.span.doc
        head = doc[mention.end - 1]
        before = doc[mention.start - 1] if mention.start > 0 else None
        if before is not None and before.lower_.rstrip(".") in _TITLES and before.is_title:
            votes["person"] += 2
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in _HUMAN_VERBS:
            votes["person"] += 1
        described = {noun.lemma_.lower() for noun in _descriptions(head)}
        # The parser sometimes misses the apposition: read "X, the group …" off the text too.
        after = doc.text[head.idx + len(head) : head.idx + len(head) + 60]
        described.update(m.group(1).lower() for m in _APPOSITIVE_NOUN.finditer(after))
        if described & _ORG_NOUNS:
            votes["organisation"] += 3
        if mention.label == "NORP" or _is_group_noun(mention) and mention.label != "PERSON":
            votes["group"] += 2
        if head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "across", "near", "inside"):
            votes["place"] += 1
    if {w.lower() for w in words} & _INSTITUTION_WORDS:
        votes["organisation"] += 3
    # A two-word name whose last word is used alone later reads as a person's name.
    if len(words) >= 2 and words[0].lower() not in _PLACE_WORDS and words[0][:1].isupper():
        if any(m.text == words[-1] for m in cluster.mentions) and not country_name(cluster.name):
            votes["person"] += 2
    # Ordinary words ("Swine Flu", "Comment"), codes ("H1N1") and acronyms are not people's names.
    if (
        all(w.lower() in common for w in words)
        or any(ch.isdigit() for ch in cluster.name)
        or any(len(w) > 1 and w.isupper() for w in words)  # "NHS Wiltshire": acronyms
    ):
        votes["person"] = 0
    elif labelled["person"] == 0 and votes["person"] < 3:
        votes["person"] = 0
    elif len(words) == 1 and votes["person"] - labelled["person"] < 2:
        # News introduces people by full name: a lone word that only the model calls a person,
        # with no title and no human verb ("Relenza", "Devon"), is not one.
        votes["person"] = 0
        if not +votes:
            cluster.votes = Counter()
            return
    cluster.votes = votes if +votes else Counter({"organisation": 1})


def _descriptions(token):  # noqa: ANN001, ANN202 - spaCy tokens
    """Nouns in apposition to `token` or predicated of it ("Atajurt, the group that …")."""
    for child in token.children:
        if child.dep_ == "appos":
            yield child
    if token.dep_ == "appos":
        yield token.head


def _span_text(doc, start: int, end: int) -> str:  # noqa: ANN001 - spaCy doc
    return doc[start:end].text.strip(" ,;:—–-")


def _cut(tokens) -> tuple[int, int]:  # noqa: ANN001
    """Token range of a description, cut before a parenthesis or a relative clause."""
    tokens = list(tokens)
    start, end = tokens[0].i, tokens[-1].i + 1
    for token in tokens:
        if token.text in ("(", "—", "–") or (token.dep_ == "relcl" and token.i > start):
            end = min(end, token.left_edge.i if token.dep_ == "relcl" else token.i)
    return start, end


def _role_of(mention: _Mention, kind: str) -> str | None:
    """A role from apposition, a title before the name, or a possessive affiliation."""
    doc = mention.sentence.span.doc
    head = doc[mention.end - 1]
    parts: list[str] = []
    # Title inside the same noun phrase: "U.S. Secretary of State Mike Pompeo".
    left = head.left_edge.i
    if left < mention.start:
        prefix = [t for t in doc[left : mention.start] if t.dep_ not in ("det", "punct")]
        if prefix and prefix[-1].dep_ == "case" and prefix[0].ent_type_ in ("ORG", ""):
            org = doc[prefix[0].i : prefix[-1].i].text
            parts.append(f"with {org}")
        elif prefix and any(t.lower_.rstrip(".") in _TITLES for t in prefix):
            parts.append(_span_text(doc, prefix[0].i, prefix[-1].i + 1))
        elif (
            kind == "person"
            and prefix
            and all(t.is_lower and t.pos_ in ("NOUN", "PROPN", "ADJ") for t in prefix)
            and doc[left].lower_ == "the"
        ):  # "the harbour master Petra Lind": a descriptor written before the name
            parts.append(_span_text(doc, prefix[0].i, prefix[-1].i + 1))
    in_list = head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)
    for desc in _descriptions(head):
        if in_list or desc.pos_ not in ("NOUN", "PROPN") or desc.ent_type_ == "PERSON":
            continue
        # A place or organisation is described by what it is ("the Kazakh capital", "the
        # group that …"); anything else in apposition is usually a list or a misparse.
        if kind == "place" and desc.lemma_.lower() not in _PLACE_NOUNS:
            continue
        if kind == "organisation" and desc.lemma_.lower() not in _ORG_NOUNS:
            continue
        tokens = [t for t in desc.subtree if not (mention.start <= t.i < mention.end)]
        if desc.i == head.head.i:  # "the top diplomat, Mike Pompeo": the name is inside
            tokens = [t for t in tokens if t.i < head.left_edge.i]
            # "the new ferry link, the mayor, Tomas Berg": only the phrase next to the name.
            commas = [t.i for t in tokens if t.text == "," and t.i < tokens[-1].i]
            if commas:
                tokens = [t for t in tokens if t.i > commas[-1]]
        if not tokens:
            continue
        start, end = _cut(tokens)
        text = _span_text(doc, start, end)
        text = re.sub(r"^(a|an)\s+", "", text, flags=re.IGNORECASE)
        text = re.sub(r"^The\s+", "the ", text)
        if text and len(text.split()) <= 25:
            parts.append(text)
    if not parts and not in_list and kind in ("place", "organisation"):
        parts.extend(_appositive_from_text(doc, head, kind))
    if not parts and kind == "organisation":
        linked = government_of(doc[mention.start : mention.end].text)
        if linked:
            parts.append(linked)
    cleaned = [_clean_role(part) for part in parts]
    return ", ".join(dict.fromkeys(p for p in cleaned if p)) or None


_APPOSITIVE_PHRASE = re.compile(r"^,\s+((?:the|a|an)\s+[^,;:()“”\"]{3,100}?)\s*(?=[,;.)]|$)")


def _appositive_from_text(doc, head, kind: str) -> list[str]:  # noqa: ANN001 - spaCy
    """ "Nur-Sultan, the Kazakh capital, …" read off the text when the parse misses it."""
    after = doc.text[head.idx + len(head) :]
    match = _APPOSITIVE_PHRASE.match(after)
    if not match:
        return []
    phrase = match.group(1)
    nouns = _PLACE_NOUNS if kind == "place" else _ORG_NOUNS
    words = [w.strip("’'s") for w in phrase.split()[1:5] if w.islower()]
    if any(w in nouns for w in words) and len(phrase.split()) <= 15:
        return [phrase]
    return []


def _clean_role(text: str) -> str | None:
    """Drop honorifics ("Dr", "Sir"), unbalanced brackets and a dangling preposition."""
    if text.lower().rstrip(".") in _HONORIFICS:
        return None
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "").strip()
    text = re.sub(r"\s+(of|for|at|with|to|in|on|from|by)$", "", text)
    return text or None


def _quotes(sentences: Sequence[Sentence], clusters: list[_Cluster]) -> dict[str, list[Quote]]:
    """Direct quotations whose speaker is the subject of a speech verb, or "he"/"she" for the
    last person named in the article."""
    by_token: dict[tuple[int, int], _Cluster] = {}
    for cluster in clusters:
        for m in cluster.mentions:
            for i in range(m.start, m.end):
                by_token[(id(m.sentence), i)] = cluster
    out: dict[str, list[Quote]] = defaultdict(list)
    last_person: dict[str, _Cluster] = {}
    for sentence in sentences:
        doc = sentence.span.doc
        speaker = None
        if sentence.quotes:
            for token in sentence.span:
                if token.dep_ not in ("nsubj",) or token.head.lemma_ not in _SPEECH_VERBS:
                    continue
                if sentence.quoted(token.idx - sentence.span.start_char):
                    continue
                found = by_token.get((id(sentence), token.i))
                if found is None and token.lower_ in ("he", "she"):
                    found = last_person.get(sentence.article.id)
                if found is not None and found.votes.most_common(1)[0][0] == "person":
                    speaker = found
                    break
        if speaker is not None:
            for start, end in sentence.quotes:
                text = sentence.text[start:end].strip('“”" ')
                if len(text.split()) >= 3:
                    citation = Citation(sentence.article.id, sentence.text)
                    out[speaker.name].append(Quote(text, (citation,)))
        for token in sentence.span:
            found = by_token.get((id(sentence), token.i))
            if found is not None and found.votes.most_common(1)[0][0] == "person":
                last_person[sentence.article.id] = found
        del doc
    return out


def extract_actors(
    articles: Sequence[Article], sentences: Sequence[Sentence]
) -> tuple[Actor, ...]:
    """All actors, most salient first."""
    clusters = _cluster(_collect_mentions(sentences), _excluded_names(articles))
    _add_untagged_mentions(sentences, clusters)
    common = _common_words(sentences)
    clusters = [c for c in clusters if not _is_thing(c.name, common)]
    for cluster in clusters:
        _vote(cluster, common)
    clusters = [c for c in clusters if c.votes]
    quotes = _quotes(sentences, clusters)
    actors = []
    for cluster in clusters:
        kind = cluster.votes.most_common(1)[0][0]
        mentions = sorted(cluster.mentions, key=lambda m: (m.sentence.passage.source, m.start))
        role, role_citation = None, None
        if kind in ("person", "place", "organisation"):
            for m in mentions:
                role = _role_of(m, kind)
                if role:
                    role_citation = Citation(m.sentence.article.id, m.sentence.text)
                    break
        sources = tuple(dict.fromkeys(m.sentence.article.id for m in mentions))
        citations: list[Citation] = [role_citation] if role_citation else []
        for m in mentions:
            citation = Citation(m.sentence.article.id, m.sentence.text)
            if citation not in citations:
                citations.append(citation)
        actors.append(
            Actor(
                name=cluster.name,
                kind=kind,
                role=role,
                aliases=tuple(sorted(a for a in cluster.aliases if a != cluster.name)),
                mentions=len(mentions),
                citations=tuple(citations[:3]),
                sources=sources,
                quotes=tuple(quotes.get(cluster.name, ())),
                passages=tuple(
                    dict.fromkeys(
                        f"{m.sentence.passage.source}:{m.sentence.passage.start}" for m in mentions
                    )
                ),
            )
        )
    ranked = sorted(actors, key=lambda a: (-_salience(a, len(articles)), a.name))
    return tuple(ranked)


def _salience(actor: Actor, article_count: int) -> float:
    """Mentions, damped, times how widely the sources share the actor."""
    spread = len(actor.sources) / max(1, article_count)
    weight = 1.2 if actor.kind == "person" else 1.0
    return weight * math.log1p(actor.mentions) * (1 + 2 * spread) + 0.2 * min(3, len(actor.quotes))


def _is_reporter(actor: Actor, articles: Sequence[Article]) -> bool:
    if actor.kind != "person" or not actor.role:
        return False
    publishers = {re.sub(r"^The ", "", a.publisher) for a in articles if a.publisher}
    return bool(_JOURNALISM.search(actor.role)) or any(
        re.search(rf"\b{re.escape(p)}[’']s\b", actor.role) for p in publishers
    )


def build(analysis: Analysis, options: BuildOptions) -> tuple[Actor, ...]:
    """The most salient actors; every person whose role the sources state stays, up to a
    limit, and a small set also keeps every organisation and group named in it."""
    actors = [a for a in analysis.actors if not _is_reporter(a, analysis.articles)]
    small = len(analysis.articles) <= 3
    keep = actors[:_MAX_ACTORS]
    for actor in actors[_MAX_ACTORS:]:
        if len(keep) >= _MAX_ACTORS + 15:
            break
        if (actor.kind == "person" and (actor.role or small)) or (
            small
            and (
                actor.kind in ("organisation", "group")
                or (actor.mentions >= 2 and country_name(actor.name))
            )
        ):
            keep.append(actor)
    return tuple(keep)


SECTION = SectionSpec("actors", "Key actors", "actors", build, order=30, aliases=("key_actors",))
