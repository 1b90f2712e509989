"""Names in the text: mentions collected from the model's entities (plus one-word names it
missed), and the clusters of mentions that make one entity."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefer.analysis.actors.countries import country_name
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.parse import ParsedText, Span, Token
from briefer.analysis.sentence import Sentence
from briefer.models import Article

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
# Tokens no name runs across.
_SEPARATORS = frozenset(
    {",", ":", ";", "|", '"', "“", "”", "‘", "’", "'", "(", ")", "[", "]", "--"}
)
_DASHES = frozenset({"-", "—", "–"})
_LINKING_WORDS = frozenset({"and", "&", "the"})
_CREDIT_LINE = re.compile(
    r"\bcontributed (?:to )?(?:this (?:report|article|story)|reporting)\b"
    r"|^(?:additional )?(?:reporting|writing|editing|compiled) by\b",
    re.IGNORECASE,
)
# Letters and digits in turn, twice or more: a strain's, a model's or a part's code.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_CODE = re.compile(r"(?:[A-Za-z]+\d+){2,}[A-Za-z]*")
MIN_NAME_WORDS = 2  # a name of this many words founds an entity; shorter ones join one

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


def text_after(sentence: Sentence, token: Token, limit: int | None = None) -> str:
    """The text that follows `token` on its line (at most `limit` characters), read from the
    article, so the line's parse need not be turned back into text."""
    span = sentence.span
    lead = 0  # whitespace the passage left off the start of the sentence
    for first in span:
        if not first.text.isspace():
            break
        lead += len(first.text_with_ws)
    line_start = sentence.passage.start - span.start_char - lead
    begin = line_start + token.idx + len(token.text)
    line_end = sentence.article.text.find("\n", begin)
    end = len(sentence.article.text) if line_end < 0 else line_end
    if limit is not None:
        end = min(end, begin + limit)
    return sentence.article.text[begin:end]


def possessor(mention: Mention) -> Span | None:
    """The name a person is written as belonging to by a possessive in the same noun phrase:
    "Radio Nord" of "Radio Nord's Ann Lee", "Halvorsen" of "Halvorsen's Lars Petersen"; not a
    person's ("Berg's Ann Lee") nor a phrase the model tags as anything but a name."""
    doc = mention.sentence.span.doc
    left = doc[mention.end - 1].left_edge.i
    if left >= mention.start:
        return None
    prefix = [t for t in doc[left : mention.start] if t.dep_ not in ("det", "punct")]
    if (
        len(prefix) < 2  # a name and its "'s" at least
        or prefix[-1].dep_ != "case"
        or prefix[0].ent_type_ not in ("ORG", "")
        or any(t.ent_type_ == "PERSON" for t in prefix)
    ):
        return None
    return doc[prefix[0].i : prefix[-1].i]


_FUSED_WORD = re.compile(r"^(?:of|in|the|and|to|for|on|at|by|with|from)(?=[A-Z][a-z])")


def normalise(text: str) -> str:
    """The name without a trailing bracket, possessive, leading "the", time zone, title or
    legal form ("PLC")."""
    text = re.sub(r"\s*\(.*$", "", text.strip())  # "World Health Organisation (WHO"
    text = re.sub(r"[’']s$", "", text)
    text = re.sub(r"^(the|The)\s+", "", text)
    text = _FUSED_WORD.sub("", text)  # "ofNew Labour": a source that lost a space
    text = _TIMEZONE.sub("", text)  # "1.23pm BST Tamiflu …" in live blogs
    words = text.split()
    titles = lexicon().titles
    # A title before an institution's word is part of its name: "General Motors".
    institution = {w.lower() for w in words} & lexicon().institution_words
    while len(words) > 1 and words[0].lower().rstrip(".") in titles and not institution:
        words = words[1:]
    while len(words) > 1 and words[-1].lower().strip(".,") in lexicon().corporate_suffixes:
        words = words[:-1]  # "BP PLC", "Apple Inc."
    if len(words) > 1 and words[-1].lower().rstrip(".") in lexicon().honorifics:
        return ""  # "Said Mr" of "Said Mr Fogg: …": the name was cut off
    text = " ".join(words).strip(" ,;:")
    return text if re.search(r"(?:\b[A-Z]\.)+$", text) else text.rstrip(".")


def spelling_key(name: str) -> str:
    """One key for British and American spellings of a name ("Organisation"/"Organization"),
    for two transliterations of one Russian or Arabic word ("Alexei"/"Aleksey",
    "Yuganskneftegas"/"-gaz"), with or without "and" ("Disasters and Emergency Committee"),
    with or without the hyphen of a double-barrelled name ("Robert Kilroy Silk")."""
    key = re.sub(r"iz(e|ation|ing)", r"is\1", name.casefold().replace(".", ""))
    key = re.sub(r"(?<=\w)-(?=\w)", " ", key)
    words = [w for w in key.split() if w not in _LINKING_WORDS]
    shortest = MIN_TRANSLITERATED if len(words) > 1 else MIN_TRANSLITERATED_ALONE
    return " ".join(_transliterated(w, shortest) for w in words)


MIN_TRANSLITERATED = 6  # shorter words differing so are other words ("Lexi", "Lexy")
# A word alone is a surname as often as not, and surnames of two peoples differ so
# ("Fernandez" and "Fernandes", "Sanchez" and "Sanches"); a long one is a compound name.
MIN_TRANSLITERATED_ALONE = 10


def _transliterated(word: str, shortest: int) -> str:
    """The letters that transliterations of one name trade for one another, made one: x and
    ks, z and s, y and i after the first letter. A long word that differs from another only
    so is the same name; two real names seldom do."""
    if len(word) < shortest:
        return word
    return word[0] + word[1:].replace("x", "ks").replace("z", "s").replace("y", "i")


def acronym(name: str) -> str:
    """ "World Health Organization" → "WHO"; a short word in capitals is kept whole: "UK
    Independence Party" → "UKIP"."""
    return "".join(
        w if w.isupper() and len(w) <= 3 else w[0]
        for w in name.split()
        if w[:1].isupper() and w.lower() not in {"of", "the"}
    )


def excluded_names(articles: Iterable[Article]) -> set[str]:
    """Publishers (also by their last word) and authors of the sources, lower-cased: never
    actors of the story."""
    names = set()
    for article in articles:
        for value in (article.publisher, article.author):
            for part in re.split(r",| and ", value or ""):
                part = normalise(part).lower()
                if part:
                    names.add(part)
                    names.add(re.sub(r"^the ", "", part))
                    if value == article.publisher:
                        names.add(part.split()[-1])  # "the Post" of The Washington Post
    return names


def collect_mentions(sentences: Iterable[Sentence]) -> list[Mention]:
    """Every entity the model tags with a kind of actor, repaired where it is known to err;
    none from bylines and credit lines, whose names report the story."""
    mentions: list[Mention] = []
    for sentence in sentences:
        if is_credit_line(sentence):
            continue
        for ent in sentence.span.ents:
            if ent.label_ in LABEL_KIND:
                mentions.extend(_entity_mentions(sentence, ent))
    return mentions


def is_credit_line(sentence: Sentence) -> bool:
    """ "By Marie Arana | October 13", "Staff writer X contributed to this report"."""
    if _CREDIT_LINE.search(sentence.text):
        return True
    span = sentence.span
    return span.doc[span.start].text == "By" and any(
        ent.label_ == "PERSON" and ent.start == span.start + 1 for ent in span.ents
    )


def _entity_mentions(sentence: Sentence, ent: Span) -> list[Mention]:
    span = sentence.span
    doc = span.doc
    start, end = ent.start, ent.end
    # "RFE/RL": the model stops at the slash.
    while end + 1 < span.end and doc[end].text == "/" and doc[end + 1].is_upper:
        end += 2
    if _NICKNAMED.fullmatch(doc[start:end].text):
        return [Mention(sentence, start, end, doc[start:end].text, "PERSON")]
    if _crosses_punctuation(doc, start, end) or _ragged(doc, start, end):
        return []  # "NATO Al-Obeidy: '", "White House - George W Bush", "Bashar al -"
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
    if _is_modifier(sentence, start, end, ent.label_, text) or _a_unit(doc, start):
        return []
    return [Mention(sentence, start, end, text, ent.label_)]


# A person's name with a nickname quoted inside: 'Lewis "Scooter" Libby' (tagged anything).
_NICKNAMED = re.compile(
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)? [\"“‘'][A-Z][\w-]+(?: [A-Z][\w-]+)?[\"”’'] "
    r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?"
)


def _a_unit(doc: ParsedText, start: int) -> bool:
    """Written onto a number, the word is its unit ("6GB", "30mph"), not a name."""
    before = doc[start - 1] if start > 0 else None
    return (
        before is not None and _NUMBER.fullmatch(before.text) is not None and not before.whitespace_
    )


def _cut_from_a_name(token: Token) -> bool:
    """The word modifies the capitalised name right after it, which the model left out."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        after is not None
        and after.is_title
        and after.pos_ == "PROPN"
        and token.dep_ in ("compound", "amod", "nmod")
        and token.head.i > token.i
        and token.head.pos_ == "PROPN"
    )


def _ragged(doc: ParsedText, start: int, end: int) -> bool:
    """A name cut off inside a phrase: ending in a lower-case word ("Bashar al -" aside, a
    part joined by a hyphen ends a name: "Ban Ki-moon") or in punctuation."""
    last = doc[end - 1]
    joined = end - start > 2 and all(doc[i].text_with_ws == doc[i].text for i in (end - 3, end - 2))
    hyphenated = joined and doc[end - 2].text == "-"
    return (last.is_lower and not hyphenated) or not (
        last.text[-1:].isalnum() or last.text.endswith(".")
    )


def _crosses_punctuation(doc: ParsedText, start: int, end: int) -> bool:
    """Whether a name runs across a colon, quotation mark, bracket or spaced dash."""
    for i in range(start + 1, end):
        token = doc[i]
        if token.text in _SEPARATORS:
            return True
        spaced = doc[i - 1].text_with_ws.endswith(" ") and token.text_with_ws.endswith(" ")
        if token.text in _DASHES and spaced:
            return True
    return False


def _is_modifier(sentence: Sentence, start: int, end: int, label: str, text: str) -> bool:
    """A word of a title ("Secretary of State") or a modifier ("Kazakh courts", "the Uygur
    issue"), not a mention of an actor."""
    root = sentence.span.doc[end - 1]
    if end - start == 1 and root.dep_ == "pobj" and root.head.head.lower_ in lexicon().titles:
        return True
    if end - start == 1 and label != "PERSON" and _cut_from_a_name(root) and not country_name(text):
        return True  # "Home" of "Home Secretary", "Liberal" of "Liberal Democrat"
    return (
        (end - start == 1 or label != "PERSON")
        and root.dep_ in ("amod", "compound", "nmod")
        and root.head.pos_ == "NOUN"
        and not country_name(text)
    )


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
    words = _one_word_names(clusters)
    for sentence in sentences:
        key = sentence_key(sentence)
        for token in sentence.span:
            found = words.get(token.text)
            if found is None or (key, token.i) in taken or token.pos_ != "PROPN":
                continue
            if _another_use(token, found, sentence.span.start):
                continue
            if names_a_government(token) and not _named_in_full(found, sentence.article.text):
                continue  # "the Clinton administration", in an article not naming Hillary
            # The model may miss a name, but a people, a language or a region it found is no
            # person ("in measured English" is not Jane English), nor is a word after "the"
            # ("the influence of the West" is not Robin West).
            if not (_person(found) and _not_a_surname(token, sentence.span.start)):
                found.mentions.append(Mention(sentence, token.i, token.i + 1, token.text, None))


_GOVERNMENTS = frozenset("administration presidency era government regime cabinet years".split())


def names_a_government(word: Token) -> bool:
    """ "the Clinton administration", "the Blair years": a head of government's, perhaps
    another bearer of the surname than the one the story names."""
    return word.dep_ in ("compound", "poss", "nmod") and word.head.lemma_ in _GOVERNMENTS


def _named_in_full(cluster: Cluster, text: str) -> bool:
    full = [n for n in (cluster.name, *cluster.aliases) if len(n.split()) >= MIN_NAME_WORDS]
    return any(name in text for name in full)


def _not_a_surname(token: Token, first: int) -> bool:
    if token.ent_type_ in ("NORP", "LANGUAGE"):
        return True
    # "the Bush administration", "the West family", "the Tarantino-directed episode" name
    # him still: the word modifies what follows, whatever region the model takes it for.
    if token.dep_ in _MODIFIERS:
        return False
    determined = token.i > first and token.doc[token.i - 1].lower_ == "the"
    return determined or token.ent_type_ == "LOC"


_MODIFIERS = frozenset({"compound", "npadvmod", "amod", "nmod"})


def follows_another_name(token: Token, owners: Iterable[str], first: int = 0) -> bool:
    """The word before `token` (from token index `first`, its sentence's start) is a name the
    model left out of the mention ("Swiss Re", "Jonathan Thomas", "Northern Ireland") that
    none of the `owners`' names has, nor its initial ("G Gregan"): the word is part of
    another entity's name, not a short form of theirs. A title ("Chancellor Brown") is no
    such name."""
    if token.i <= first:
        return False
    before = token.doc[token.i - 1]
    if not before.text[:1].isupper() or before.lower_.rstrip(".") in lexicon().titles:
        return False
    if before.pos_ != "PROPN" and before.ent_type_ != "NORP":
        return False
    national = before.ent_type_ == "NORP" or (
        before.ent_type_ == "GPE" and country_name(before.text)
    )
    if national and token.text.isupper():
        return False  # "US CDC", "Brazilian UN peacekeepers": an acronym's body, of a nation
    initial = before.text.rstrip(".")
    return all(
        before.text not in words and not (len(initial) == 1 and words[0].startswith(initial))
        for words in (owner.split() for owner in owners)
    )


def _another_use(token: Token, found: Cluster, first: int) -> bool:
    """`found`'s one-word name used for something else: part of another name ("Sony
    Ericsson"), a unit, a month ("in May", not Robert May) or a rank ("Major Paul Hackett", not
    John Major)."""
    owners = [found.name, *found.aliases]
    return (
        follows_another_name(token, owners, first)
        or token.ent_type_ in ("DATE", "TIME")
        or _heads_another_name(token, owners, _person(found))
        or _a_unit(token.doc, token.i)
    )


def _heads_another_name(token: Token, owners: Iterable[str], person: bool) -> bool:
    """The word after `token` is a name that none of the `owners`' names has: `token` is a
    title or the first word of another name ("Major Paul Hackett", "Sony Ericsson", "FA
    Cup"). After a body's name, an office is its own ("CDC Director Richard Besser")."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is None or not after.text[:1].isupper() or after.pos_ != "PROPN":
        return False
    if not person and after.lower_.rstrip(".") in lexicon().titles:
        return False
    return all(after.text not in owner.split() for owner in owners)


def _person(cluster: Cluster) -> bool:
    """A person named in full: several words, the model calls it a person."""
    return len(cluster.name.split()) >= MIN_NAME_WORDS and cluster.named_by_model_as("PERSON")


def _one_word_names(clusters: Sequence[Cluster]) -> dict[str, Cluster]:
    """One-word aliases, and the surname of the one person who bears it; not a first name or
    surname several people share ("Clinton", "George"): which one is not clear."""
    words: dict[str, Cluster] = {}
    surnames: dict[str, list[Cluster]] = {}
    shared: Counter[str] = Counter()  # people's first and last words
    for cluster in clusters:
        for alias in {cluster.name, *cluster.aliases}:
            if len(alias.split()) == 1:
                words[alias] = cluster
        if _person(cluster):
            name = cluster.name.split()
            surnames.setdefault(name[-1], []).append(cluster)
            shared.update({name[0], name[-1]})
    for last, bearers in surnames.items():
        # Not a country's name ("Yele Haiti").
        if len(bearers) == 1 and not country_name(last):
            words[last] = bearers[0]
    return {word: c for word, c in words.items() if shared[word] < 2}


def common_words(sentences: Iterable[Sentence]) -> frozenset[str]:
    """Words the corpus also writes in lower case: ordinary words, not names."""
    return frozenset(t.text for s in sentences for t in s.span if t.is_lower and t.is_alpha)


def is_thing(cluster: Cluster, common: frozenset[str]) -> bool:
    """A capitalised common noun phrase or code ("H1N1 Swine Flu", "Influenza A"), not an actor:
    every word is a lower-case word elsewhere in the corpus, a code or a letter, no mention
    labelled an organisation acts ("the Federal Reserve said") and the text never names it by
    its acronym; or one word of letters and digits in turn, a code ("H5N1", "X7B2"); or the
    name of an occasion or a document (`names_an_occasion`)."""
    name = cluster.name
    words = name.split()
    if _CODE.fullmatch(name) or names_an_occasion(cluster):
        return True
    if (
        len(words) < MIN_NAME_WORDS
        or country_name(name)
        or {w.lower() for w in words} & lexicon().institution_words
    ):
        return False
    if any(m.label == "ORG" and acts(m) for m in cluster.mentions):
        return False
    if acronym(name) in cluster.aliases:
        return False  # "World Economic Forum", also "WEF": a body its own acronym names
    return all(w.lower() in common or any(c.isdigit() for c in w) or len(w) == 1 for w in words)


_OF_WORDS = frozenset({"of", "on", "for"})


def names_an_occasion(cluster: Cluster) -> bool:
    """The name's head, its last word or the one before "of", "on" or "for", is an occasion's or
    a document's ("Consumer Electronics Show", "Treaty on European Union"; not "Bank of
    England"), and the model never calls it a person ("Alan Budget")."""
    words = cluster.name.split()
    head = next((k for k, w in enumerate(words) if w in _OF_WORDS), len(words)) - 1
    # An acronym is a body's name of its own: "the CUP said".
    if head < 0 or words[head].isupper() or cluster.named_by_model_as("PERSON"):
        return False
    word, after = words[head].lower(), words[head + 1] if head + 1 < len(words) else None
    if word == "convention":
        return after in _TREATY_OF
    return word in lexicon().occasion_heads or word == "conventions"


# A convention is a treaty when "on" or "for" follows ("European Convention on Human Rights");
# else it may be a body ("Southern Baptist Convention", "Convention of Scottish Local
# Authorities"). "Geneva Conventions": treaties.
_TREATY_OF = frozenset({"on", "for"})


def acts(mention: Mention) -> bool:
    """ "Beijing rejected …", "the Federal Reserve said …": the subject of a verb of saying or
    acting."""
    head = mention.sentence.span.doc[mention.end - 1]
    return head.dep_ == "nsubj" and head.head.lemma_ in lexicon().state_verbs
