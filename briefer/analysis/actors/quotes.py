"""Direct quotations credited only where the syntax names their speaker: the subject of the
verb of saying that governs the quotation, or "he"/"she" when exactly one person is named
before it in the same paragraph. No quote is better than a wrong one."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from difflib import SequenceMatcher

from briefer.analysis.actors.kinds import descriptions, kind_of
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import (
    MIN_NAME_WORDS,
    Cluster,
    Mention,
    SentenceKey,
    normalise,
    sentence_key,
)
from briefer.analysis.actors.roles import is_role_noun
from briefer.analysis.parse import Span, Token
from briefer.analysis.sentence import Sentence
from briefer.models import Citation, Quote

MIN_QUOTE_WORDS = 3  # shorter quotations are scare quotes or names, not statements
MAX_HOPS = 3  # from the quotation up to the verb of saying that governs it
MAX_TOKENS = 80  # a longer "sentence" is lines run together
_PRONOUNS = ("he", "she")
_OPENING_MARKS = frozenset({'"', "“", "‘", "'"})
_SENTENCE_ENDS = frozenset({".", "!", "?", "”", '"', "’", "'"})
_NAME_PARTS = frozenset({"compound", "flat"})  # the words of a name before its last
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Verbs that report their subject's words besides the verbs of saying: "expressed concern
# about '…'", "voiced fears of '…'".
_EXPRESSING = frozenset({"express", "voice"})

TokenKey = tuple[SentenceKey, int]
TokenOwners = dict[TokenKey, Cluster]
# Two versions of a quotation this alike (share of words in order) are the same words retold.
RETOLD = 0.9
# A person the model names whom no actor took ("Clinton" beside Bill and Hillary Clinton), or
# a surname a relative may share: still someone "he" or "she" may be, but no one to credit.
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
    # Each speaker's words in order, once, citing every source that reports them.
    out: dict[str, dict[str, dict[Citation, None]]] = defaultdict(dict)
    named: dict[Paragraph, list[Cluster]] = defaultdict(list)  # people named so far, in order
    for sentence in sentences:
        paragraph = (sentence.article.id, sentence.block)
        if len(sentence.span) > MAX_TOKENS:
            _someone_named(sentence, owners, taken, named[paragraph])
            continue  # lines run together: who speaks is anyone's guess
        for text, speaker in _credited(sentence, owners, named[paragraph], taken):
            citation = Citation(sentence.article.id, sentence.text)
            out[speaker.name].setdefault(text, {})[citation] = None
        if not _ends_a_sentence(sentence):
            # A caption run into the paragraph, or a sentence cut short: who it names is not
            # who "he" is, yet "he" may be one of them.
            _someone_named(sentence, owners, taken, named[paragraph])
            continue
        for found in _named_outside_quotes(sentence, owners, len(sentence.text), taken):
            if all(found is not c for c in named[paragraph]):
                named[paragraph].append(found)
    return {name: _quotes(said) for name, said in out.items()}


def _credited(
    sentence: Sentence, owners: TokenOwners, named: list[Cluster], taken: set[TokenKey]
) -> Iterator[tuple[str, Cluster]]:
    """The sentence's quotations fit to credit, each with its speaker (`_speaker`; `named`:
    the people named before in the paragraph)."""
    cut_short = False  # the first part of a quotation split by its attribution went
    for k, (start, end) in enumerate(sentence.quotes):
        text = sentence.text[start:end].strip('“”" ')
        # '"And if Reg wasn't standing," says Corrigan, "I wouldn't vote at all."': the
        # second part alone says what the first part makes conditional.
        went_on, cut_short = cut_short, False
        if not _creditable(sentence, start, end, text):
            # A clause the rest depends on, not a phrase ('"At that point in time," he
            # said, "I knew it was wrong"') nor a word ('"No," she said').
            cut_short = text.endswith(",") and _has_verb(sentence, start, end)
            continue
        speaker = None if went_on else _speaker(sentence, (start, end), owners, named, taken)
        if speaker is not None:
            yield _with_rest(sentence, k, text), speaker


def _with_rest(sentence: Sentence, k: int, text: str) -> str:
    """The `k`th quotation of the sentence, and its rest when the attribution splits it and
    the rest goes on with "but", "and" or "or" ('"Most firms have secured their e-mail
    gateway," said Mr Warner, "but the irony is …"'): alone, the first part may say the
    opposite of what was said. The attribution left out is marked "[…]"; the comma before
    it ('"…," she said') is not part of the words."""
    if k + 1 < len(sentence.quotes):
        start, end = sentence.quotes[k + 1]
        rest = sentence.text[start:end].strip('“”" ')
        between = sentence.span.char_span(sentence.quotes[k][1], start, alignment_mode="expand")
        attributed = between is not None and any(
            t.lemma_ in lexicon().speech_verbs for t in between
        )
        if attributed and rest.split()[:1] and rest.split()[0].lower() in _JOINING:
            return f"{text.rstrip(',')} […] {rest}"
    return text.rstrip(",")


def _someone_named(
    sentence: Sentence, owners: TokenOwners, taken: set[TokenKey], named: list[Cluster]
) -> None:
    """Count a person named in a line that is no whole sentence as someone "he" may be."""
    if _named_outside_quotes(sentence, owners, len(sentence.text), taken) and all(
        c is not _SOMEONE for c in named
    ):
        named.append(_SOMEONE)


def _quotes(said: dict[str, dict[Citation, None]]) -> list[Quote]:
    """Each quotation once: a later source's version of words already listed, a word or two
    apart ("and got its interests" / "and have got its interests"), adds nothing."""
    out: list[Quote] = []
    for text, cited in said.items():
        words = text.lower().split()
        if any(_retold(words, quote.text.lower().split()) for quote in out):
            continue
        out.append(Quote(text, tuple(cited)))
    return out


def _retold(words: list[str], other: list[str]) -> bool:
    match = SequenceMatcher(None, words, other, autojunk=False)
    return match.real_quick_ratio() >= RETOLD and match.ratio() >= RETOLD


def _people_by_token(clusters: Sequence[Cluster]) -> TokenOwners:
    """The person each token of a person's name names; someone, no one in particular, for a
    surname a relative may share (`_kin_surnames`)."""
    owners: TokenOwners = {}
    for cluster in clusters:
        if kind_of(cluster) != "person":
            continue
        unclear = _kin_surnames(cluster)
        for m in cluster.mentions:
            for i in range(m.start, m.end):
                key = (sentence_key(m.sentence), i)
                owners[key] = _SOMEONE if key in unclear else cluster
    return owners


def _kin_surnames(cluster: Cluster) -> set[TokenKey]:
    """The tokens of the surname alone ("Mr Ellis") in an article that also calls the person
    by the first name alone ("Tom"): an article tells people apart by first names when they
    share a surname, so "Mr Ellis" may be Tom's father."""
    words = cluster.name.split()
    if len(words) < MIN_NAME_WORDS:
        return set()
    by_form: dict[str, list[Mention]] = defaultdict(list)
    for m in cluster.mentions:
        by_form[normalise(m.text)].append(m)
    first_named = {m.sentence.article.id for m in by_form[words[0]]}
    return {
        (sentence_key(m.sentence), i)
        for m in by_form[words[-1]]
        if m.sentence.article.id in first_named
        for i in range(m.start, m.end)
    }


_JOINING = frozenset({"and", "but", "or"})


def _tail(sentence: Sentence, start: int, text: str) -> bool:
    """A quotation opened in an earlier sentence ('and of course death," said Chan.'), or one
    that opens on "and"/"but" ('"And if Reg wasn't standing,"'): the rest of words not quoted,
    which alone misquote the speaker."""
    opened_before = start == 0 and sentence.text[:1] not in _OPENING_MARKS
    return opened_before or text.split()[0].lower() in _JOINING


def _has_verb(sentence: Sentence, start: int, end: int) -> bool:
    words = sentence.span.char_span(start, end, alignment_mode="expand")
    return words is not None and any(t.pos_ in ("VERB", "AUX") for t in words)


def _creditable(sentence: Sentence, start: int, end: int, text: str) -> bool:
    """Words that say something on their own: long enough, not the rest of words not quoted
    (`_tail`), not trailing off, with a verb, not leaning on a "he" or "that" outside them,
    and a whole clause when they stop inside a sentence. A phrase alone ("significant combat
    operations", "on the table") means what the sentence around it makes of it, which the
    quote table does not show (Bush had declared those operations at an end)."""
    if len(text.split()) < MIN_QUOTE_WORDS or _tail(sentence, start, text):
        return False
    if text.rstrip(" \"”’'").endswith(("...", "…")):
        return False  # "This is a very murky area..." trails off: the point comes after it
    words = sentence.span.char_span(start, end, alignment_mode="expand")
    if words is None or not _has_verb(sentence, start, end) or _broken_off(words):
        return False
    if _leans_on_another(words):
        return False
    if text[:1].islower() and not _holds_its_subject(words):
        return False  # did "not believe that …", described it as "a natural disaster …"
    return text.rstrip()[-1:] in _CLOSING_PUNCTUATION or _whole_clause(sentence, words, end)


def _holds_its_subject(words: Span) -> bool:
    """Words taken up in mid-sentence are a clause of their own: their first verb holds its
    subject ("that adequate arrangements were not provided", "we are prepared to …"; not a
    relative pronoun: people "who have lost everything will get help"), or is a call to act
    (urged residents to "stay indoors", "should "stay calm""); not a verb whose subject is the
    reporter's ("never promoted Fannie Mae", "make an accounting decision?"), nor a phrase
    ("a natural disaster of unprecedented proportion")."""
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    verb = next((t for t in heads if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    return _a_call_to_act(verb) or any(
        c.dep_ in (*_SUBJECTS, "expl", "csubj") and c.i in inside and c.tag_ not in _RELATIVE
        for c in verb.children
    )


_RELATIVE = frozenset({"WP", "WDT", "WP$"})
_URGING = frozenset("urge call tell ask warn order advise appeal encourage implore".split())
_OUGHT = frozenset({"should", "must"})


def _a_call_to_act(verb: Token) -> bool:
    """A verb in its base form that the speaker urges: the "to" clause of "urge", "call on",
    "tell" …, or after "should" or "must" outside the quotation."""
    if verb.tag_ != "VB":
        return False
    urged = (
        verb.dep_ in ("xcomp", "ccomp", "pcomp")
        and not any(c.dep_ in _SUBJECTS for c in verb.children)  # not "asked whether X would"
        and (
            verb.head.lemma_.lower() in _URGING
            or (verb.head.pos_ == "ADP" and verb.head.head.lemma_.lower() in _URGING)
        )
    )
    return urged or any(c.dep_ == "aux" and c.lower_ in _OUGHT for c in verb.children)


_POINTING = frozenset("he she they him her them that".split())


def _leans_on_another(words: Span) -> bool:
    """Words that open on "he", "they" or "that" as their subject ('"He is a strong Labour
    Party member"', '"That, as a rule, is right"'): who or what is meant is outside them, and
    the quote table shows them alone."""
    first = next((t for t in words if not t.is_bare_punct()), None)
    return (
        first is not None
        and first.lower_ in _POINTING
        and first.dep_ in _SUBJECTS
        and not any(c.dep_ == "appos" for c in first.children)  # "They, the Tories, have …"
    )


def _broken_off(words: Span) -> bool:
    """Words that stop on an article or a possessive ('he was the "Father of the House"'): a
    quotation inside broke them off mid-phrase."""
    last = [t for t in words if not t.is_bare_punct()]
    return bool(last) and (last[-1].lower_ in ("the", "a", "an") or last[-1].tag_ == "PRP$")


_CLOSING_PUNCTUATION = frozenset(",.!?;:…")
_CONTINUING = re.compile(r"\W*(?:that|whether|to)\b", re.IGNORECASE)


def _whole_clause(sentence: Sentence, words: Span, end: int) -> bool:
    """Words quoted inside a sentence of the reporter's say something alone when they hold
    their clause's subject and the clause does not go on after them: not 100,000 "would seem
    a minimum", nor "it was not inevitable" that the outbreak would turn into a pandemic."""
    inside = {t.i for t in words}
    subject = any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.i in inside for t in words)
    return subject and _CONTINUING.match(sentence.text[end:]) is None


def _ends_a_sentence(sentence: Sentence) -> bool:
    """Whether the text ends as a sentence does, not as a caption or a headline ("Relatives
    say hope is fading for missing UN worker Ann Barnes")."""
    return sentence.text.rstrip()[-1:] in _SENTENCE_ENDS


def _named_outside_quotes(
    sentence: Sentence,
    owners: TokenOwners,
    before: int,
    taken: set[TokenKey],
    not_spoken_of: bool = False,
) -> list[Cluster]:
    """People named in the sentence before character `before`, outside quotations: a name
    quoted from someone else ("… when Mr Blair said …," he said) is not who "he" is. In the
    pronoun's own sentence (`not_spoken_of`) a name the quotation's words govern ("Why Mr
    Blair 'did so …'," he said) is left out, and one not a subject is someone else. A
    person's name no actor took counts as someone."""
    key = sentence_key(sentence)
    people: list[Cluster] = []
    for token in sentence.span:
        offset = _offset(sentence, token)
        if offset >= before:
            break
        if not_spoken_of and _spoken_of(sentence, token):
            continue
        found = _who(token, owners, key, taken)
        if found is not None and not_spoken_of and not _a_subject(token):
            found = _SOMEONE  # "Standing next to Mr Blair he added": not Mr Blair
        if found is not None and not sentence.quoted(offset):
            if all(found is not c for c in people):
                people.append(found)
    return people


def _who(
    token: Token, owners: TokenOwners, key: SentenceKey, taken: set[TokenKey]
) -> Cluster | None:
    """The person the token names: an actor, else someone (a name no actor took, a person
    described by a noun), else None."""
    found = owners.get((key, token.i))
    unnamed = token.ent_type_ == "PERSON" and (key, token.i) not in taken
    if found is None and (unnamed or _described_person(token, owners, key)):
        return _SOMEONE
    return found


def _a_subject(token: Token) -> bool:
    """The name the token is part of is a clause's subject ("When Mr Blair arrived, he said"),
    who a later "he" may be; a name as an object or in a phrase is not."""
    node = token
    while node.dep_ in _NAME_PARTS | {"punct"} and node.head.i != node.i:
        node = node.head  # from "Mr" or the hyphen of "Kilroy-Silk" to the name's last word
    return node.dep_ in _SUBJECTS


def _described_person(token: Token, owners: TokenOwners, key: SentenceKey) -> bool:
    """A person the sentence makes its subject by a noun, not by name ("His father spoke to
    reporters", "Ekberg's aide was angry"): someone "he" may be, too. Not a noun a person's
    name stands beside ("the aide, Tom Ekberg,"), who counts by name."""
    named = any(
        c.dep_ == "appos" and ((key, c.i) in owners or c.ent_type_ == "PERSON")
        for c in token.children
    )
    return (
        token.dep_ in _SUBJECTS
        and token.tag_ == "NN"
        and (token.lower_ in lexicon().kin_nouns or is_role_noun(token.lower_))
        and not named
    )


def _spoken_of(sentence: Sentence, token: Token) -> bool:
    """Whether the name the token is part of depends on a quoted word (the subject or object
    of the quotation's own verb, what the quotation says something of), or is what the
    speaker was asked about."""
    node = token
    while node.dep_ in _NAME_PARTS and node.head.i != node.i:
        node = node.head  # from "President" to "Blair"
    if node.head.i != node.i and sentence.quoted(_offset(sentence, node.head)):
        return True
    return _asked_about(node)


_ASKING = frozenset({"ask", "question"})


def _asked_about(node: Token) -> bool:
    """Inside what the speaker was asked ("Asked if Mr Blunkett could return, he replied"):
    the one asked about is not the one who replies."""
    while node.head.i != node.i:
        node = node.head
        if node.lemma_ in _ASKING and node.tag_ == "VBN" and node.dep_ == "advcl":
            return True
    return False


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
    quote: tuple[int, int],
    owners: TokenOwners,
    before: list[Cluster],
    taken: set[TokenKey],
) -> Cluster | None:
    """The person named as the subject of the verb of saying that governs the quotation; no
    one where the verb is denied ("did not say"), has several subjects ("X or anyone else
    will claim"), or reports the words of another person it names (`_said_by_another`)."""
    for verb, between in _speech_verbs(sentence, quote):
        for subject in verb.children:
            if subject.dep_ != "nsubj" or sentence.quoted(_offset(sentence, subject)):
                continue
            if _denied(verb) or _alleged(sentence, verb):
                return None
            if any(c.dep_ == "conj" for c in subject.children):
                return None
            found = _person(sentence, subject, owners)
            if found is None and subject.lower_ in _PRONOUNS:
                found = _only_person_before(sentence, subject, owners, before, taken)
                if _named_inside(sentence, quote, owners, found):
                    return None  # no one speaks of himself by name: "he" is someone else
            if found is None or _said_by_another(sentence, quote, between, found, owners):
                return None
            return None if found is _SOMEONE else found
    return None


_HEDGES = frozenset({"allegedly", "reportedly", "supposedly", "apparently"})
_CLAIMING = frozenset({"allege", "claim", "report", "rumour", "rumor", "say", "suggest", "believe"})


def _named_inside(
    sentence: Sentence, quote: tuple[int, int], owners: TokenOwners, person: Cluster | None
) -> bool:
    key = sentence_key(sentence)
    return person is not None and any(
        owners.get((key, t.i)) is person for t in sentence.span if _within(sentence, t, quote)
    )


def _alleged(sentence: Sentence, verb: Token) -> bool:
    """Words someone is said to have said: "Mr Peston's book claimed that Mr Brown told Mr
    Blair: …", "Mr Brown is alleged to have told …", "reportedly told": another's account,
    not words the speaker is known to have said."""
    if any(c.dep_ == "advmod" and c.lower_ in _HEDGES for c in verb.children):
        return True
    node = verb
    while node.dep_ in ("ccomp", "xcomp") and node.head.i != node.i:
        node = node.head
        if node.lemma_ in _CLAIMING and not sentence.quoted(_offset(sentence, node)):
            return True  # not the quotation's own verb: '"I believe we will win," he said'
    return False


def _speech_verbs(sentence: Sentence, quote: tuple[int, int]) -> Iterator[tuple[Token, set[int]]]:
    """Verbs of saying outside the quotation that govern it ("…," he said) or hang from it,
    each with the tokens between: the quotation's words and the heads climbed up to the verb."""
    speech = lexicon().speech_verbs
    inside = [t for t in sentence.span if _within(sentence, t, quote)]
    words = {t.i for t in inside}
    seen: set[int] = set()
    for token in inside:
        node = token.head
        climbed = {token.i}
        for _ in range(MAX_HOPS):
            outside = not _within(sentence, node, quote)
            if outside and node.lemma_ in speech and node.i not in seen:
                seen.add(node.i)
                yield node, words | climbed
                break
            if node.head.i == node.i:
                break
            climbed.add(node.i)
            node = node.head
        for child in token.children:
            outside = not _within(sentence, child, quote)
            if outside and child.lemma_ in speech and child.i not in seen:
                seen.add(child.i)
                yield child, words


def _within(sentence: Sentence, token: Token, quote: tuple[int, int]) -> bool:
    return quote[0] <= _offset(sentence, token) < quote[1]


def _offset(sentence: Sentence, token: Token) -> int:
    return token.idx - sentence.span.start_char


def _denied(verb: Token) -> bool:
    """ "did not say", "never claimed": the words are not the subject's."""
    return any(c.dep_ == "neg" for c in verb.children)


def _said_by_another(
    sentence: Sentence,
    quote: tuple[int, int],
    between: set[int],
    speaker: Cluster,
    owners: TokenOwners,
) -> bool:
    """Whether a verb of saying or expressing between the quotation and its governing verb has
    a person of its own as subject ("X told investigators that Y had expressed concern about
    '…'"): the words are the other's, as the speaker tells it, and crediting either may be
    wrong."""
    doc = sentence.span.doc
    reporting = lexicon().speech_verbs | _EXPRESSING
    for i in between:
        if doc[i].lemma_ not in reporting:
            continue
        for subject in doc[i].children:
            if subject.dep_ not in _SUBJECTS or _within(sentence, subject, quote):
                continue
            other = _person(sentence, subject, owners)
            if other is None and subject.ent_type_ == "PERSON":
                other = _SOMEONE  # a name no actor took
            if other is not None and other is not speaker:
                return True
    return False


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
    taken: set[TokenKey],
) -> Cluster | None:
    """The one person named in the paragraph before the pronoun; None if none or several.
    In the pronoun's own sentence, a person the quotation speaks of is not who speaks."""
    people = list(before)
    here = _named_outside_quotes(sentence, owners, _offset(sentence, pronoun), taken, True)
    for found in here:
        if all(found is not c for c in people):
            people.append(found)
    # "he" is not Ms Barnes: people whose honorific says otherwise are left out.
    people = [p for p in people if _gender(p) in (None, pronoun.lower_)]
    return people[0] if len(people) == 1 and people[0] is not _SOMEONE else None
