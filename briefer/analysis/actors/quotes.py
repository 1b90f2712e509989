"""Direct quotations credited only where the syntax names their speaker: the subject of the
verb of saying that governs the quotation, or "he"/"she" when exactly one person is named
before it in the same paragraph. No quote is better than a wrong one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from briefer.analysis.actors.kinds import descriptions, kind_of
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import Cluster, SentenceKey, sentence_key
from briefer.analysis.parse import Token
from briefer.analysis.sentence import Sentence
from briefer.models import Citation, Quote

MIN_QUOTE_WORDS = 3  # shorter quotations are scare quotes or names, not statements
MAX_HOPS = 3  # from the quotation up to the verb of saying that governs it
MAX_TOKENS = 80  # a longer "sentence" is lines run together
_PRONOUNS = ("he", "she")
_OPENING_MARKS = frozenset({'"', "“", "‘", "'"})
_SENTENCE_ENDS = frozenset({".", "!", "?", "”", '"', "’", "'"})

TokenOwners = dict[tuple[SentenceKey, int], Cluster]
# A person the model names whom no actor took ("Clinton" beside Bill and Hillary Clinton):
# still someone "he" or "she" may be.
_SOMEONE = Cluster("")
Paragraph = tuple[str, int]  # article id, line


def attribute_quotes(
    sentences: Iterable[Sentence], clusters: Sequence[Cluster]
) -> dict[str, list[Quote]]:
    """The quotations of each person, by the person's listed name."""
    owners = _people_by_token(clusters)
    taken = {
        (sentence_key(m.sentence), i)
        for c in clusters
        for m in c.mentions
        for i in range(m.start, m.end)
    }
    out: dict[str, dict[Quote, None]] = defaultdict(dict)  # each speaker's, in order, once
    named: dict[Paragraph, list[Cluster]] = defaultdict(list)  # people named so far, in order
    for sentence in sentences:
        paragraph = (sentence.article.id, sentence.block)
        if len(sentence.span) > MAX_TOKENS:
            continue  # lines run together: who speaks is anyone's guess
        for start, end in sentence.quotes:
            text = sentence.text[start:end].strip('“”" ')
            if len(text.split()) < MIN_QUOTE_WORDS or _tail(sentence, start):
                continue
            speaker = _speaker(sentence, start, end, owners, named[paragraph], taken)
            if speaker is not None:
                quote = Quote(text, (Citation(sentence.article.id, sentence.text),))
                out[speaker.name].setdefault(quote)
        if not _ends_a_sentence(sentence):
            continue  # a caption run into the paragraph: who it names is not who "he" is
        for found in _named_outside_quotes(sentence, owners, len(sentence.text), taken):
            if all(found is not c for c in named[paragraph]):
                named[paragraph].append(found)
    return {name: list(quotes) for name, quotes in out.items()}


def _people_by_token(clusters: Sequence[Cluster]) -> TokenOwners:
    """The person each token of a person's name names."""
    owners: TokenOwners = {}
    for cluster in clusters:
        if kind_of(cluster) != "person":
            continue
        for m in cluster.mentions:
            for i in range(m.start, m.end):
                owners[(sentence_key(m.sentence), i)] = cluster
    return owners


def _tail(sentence: Sentence, start: int) -> bool:
    """A quotation opened in an earlier sentence ('and of course death," said Chan.'): its
    last words alone misquote the speaker."""
    return start == 0 and sentence.text[:1] not in _OPENING_MARKS


def _ends_a_sentence(sentence: Sentence) -> bool:
    """Whether the text ends as a sentence does, not as a caption or a headline ("Relatives
    say hope is fading for missing UN worker Ann Barnes")."""
    return sentence.text.rstrip()[-1:] in _SENTENCE_ENDS


def _named_outside_quotes(
    sentence: Sentence, owners: TokenOwners, before: int, taken: set[tuple[SentenceKey, int]]
) -> list[Cluster]:
    """People named in the sentence before character `before`, outside quotations: a name
    quoted from someone else ("… when Mr Blair said …," he said) is not who "he" is. A
    person's name no actor took counts as someone."""
    key = sentence_key(sentence)
    people: list[Cluster] = []
    for token in sentence.span:
        offset = _offset(sentence, token)
        if offset >= before:
            break
        found = owners.get((key, token.i))
        if found is None and token.ent_type_ == "PERSON" and (key, token.i) not in taken:
            found = _SOMEONE
        if found is not None and not sentence.quoted(offset):
            if all(found is not c for c in people):
                people.append(found)
    return people


def _gender(cluster: Cluster) -> str | None:
    """ "he" or "she" when an honorific before the name says which ("Ms Barnes", "Mr Ban")."""
    said: set[str] = set()
    for mention in cluster.mentions:
        doc = mention.sentence.span.doc
        words = [doc[mention.start]] + ([doc[mention.start - 1]] if mention.start > 0 else [])
        for word in words:
            title = word.lower_.rstrip(".")
            if title in lexicon().male_honorifics:
                said.add("he")
            elif title in lexicon().female_honorifics:
                said.add("she")
    return said.pop() if len(said) == 1 else None


def _speaker(
    sentence: Sentence,
    start: int,
    end: int,
    owners: TokenOwners,
    before: list[Cluster],
    taken: set[tuple[SentenceKey, int]],
) -> Cluster | None:
    """The person named as the subject of the verb of saying that governs the quotation."""
    for verb in _speech_verbs(sentence, start, end):
        for subject in verb.children:
            if subject.dep_ != "nsubj" or sentence.quoted(_offset(sentence, subject)):
                continue
            found = _person(sentence, subject, owners)
            if found is None and subject.lower_ in _PRONOUNS:
                found = _only_person_before(sentence, subject, owners, before, taken)
            return found
    return None


def _speech_verbs(sentence: Sentence, start: int, end: int) -> Iterator[Token]:
    """Verbs of saying outside the quotation that govern it ("…," he said) or hang from it."""
    speech = lexicon().speech_verbs
    inside = [t for t in sentence.span if start <= _offset(sentence, t) < end]
    seen: set[int] = set()
    for token in inside:
        node = token.head
        for _ in range(MAX_HOPS):
            outside = not start <= _offset(sentence, node) < end
            if outside and node.lemma_ in speech and node.i not in seen:
                seen.add(node.i)
                yield node
                break
            if node.head.i == node.i:
                break
            node = node.head
        for child in token.children:
            outside = not start <= _offset(sentence, child) < end
            if outside and child.lemma_ in speech and child.i not in seen:
                seen.add(child.i)
                yield child


def _offset(sentence: Sentence, token: Token) -> int:
    return token.idx - sentence.span.start_char


def _person(sentence: Sentence, subject: Token, owners: TokenOwners) -> Cluster | None:
    """The person the subject names, itself or in apposition ("the spokesman, Gregory
    Hartl, said")."""
    key = sentence_key(sentence)
    for token in (subject, *descriptions(subject)):
        found = owners.get((key, token.i))
        if found is not None:
            return found
    return None


def _only_person_before(
    sentence: Sentence,
    pronoun: Token,
    owners: TokenOwners,
    before: list[Cluster],
    taken: set[tuple[SentenceKey, int]],
) -> Cluster | None:
    """The one person named in the paragraph before the pronoun; None if none or several."""
    people = list(before)
    for found in _named_outside_quotes(sentence, owners, _offset(sentence, pronoun), taken):
        if all(found is not c for c in people):
            people.append(found)
    # "he" is not Ms Barnes: people whose honorific says otherwise are left out.
    people = [p for p in people if _gender(p) in (None, pronoun.lower_)]
    return people[0] if len(people) == 1 and people[0] is not _SOMEONE else None
