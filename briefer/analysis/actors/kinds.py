"""What kind of actor an entity is (person, organisation, state, group, or a place, which is
no actor), by a vote over its mentions and the text around them.

The small model's labels are noisy (a person tagged as a place in some mentions), so each
mention's label is one vote among others that read the syntax: a title before the name, a verb
only people do, a noun in apposition, a preposition of place.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator

from briefer.analysis.actors.countries import country_name, country_of_demonym, names_a_country
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import (
    LABEL_KIND,
    MIN_NAME_WORDS,
    Cluster,
    Mention,
    is_group_noun,
    text_after,
)
from briefer.analysis.parse import ParsedText, Token

# Weights of the evidence. A country's name settles the kind (a state) whatever the model says.
COUNTRY_VOTE = 100  # the only vote of a country
LABEL_VOTE = 1  # per mention the model labels
TITLE_VOTE = 2  # "President Obama"
HUMAN_VERB_VOTE = 1  # subject of "say", "resign", "meet" …
DESCRIBED_ORG_VOTE = 3  # "Atajurt, the group that …"
GROUP_NOUN_VOTE = 2  # "ethnic Kazakhs"
PLACE_PREPOSITION_VOTE = 1  # "in Almaty"
INSTITUTION_WORD_VOTE = 3  # "House of Representatives"
SURNAME_REUSE_VOTE = 2  # "Serikzhan Bilash" … "Bilash"
ITSELF_VOTE = 3  # "Euronext said it would …", "Smith said he would …"
OFFICE_GROUP_VOTE = 4  # "Labour MPs", "Tory ministers": more than a label and a title
ITSELF_WINDOW = 60
# A name used as a plural this often is a people's (one use may be the parser's slip).
MIN_PLURAL_USES = 2
MIN_SINGULAR = 3  # letters of a people's singular ("Kazakh" of "Kazakhs")
# A person needs this much evidence when the model never labels the entity a person.
UNLABELLED_PERSON_MIN = 3
# A one-word person needs this much evidence beyond the model's labels.
LONE_WORD_PERSON_MIN = 2
# How far after a name an apposition is read off the raw text when the parse misses it.
APPOSITION_WINDOW = 60
# A name that takes an article this often ("the original Bretton Woods", "a new X") and is never
# used as a person's (a title, a verb of a person, a stated role) names a thing or an event.
MIN_DETERMINED_USES = 3
# A name the text calls a company, a party or another organisation this often, and never gives
# a title, is not a person's whatever the model says (it took "Yukos" for one 144 times).
MIN_ORG_DESCRIPTIONS = 2
# A name the text calls a drug, a product, a treaty or a prize this often, and never an
# organisation, names a thing: "Two drugs, Tamiflu and Relenza".
MIN_THING_DESCRIPTIONS = 2

_APPOSITIVE_NOUN = re.compile(r"^,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?([a-z]+)\b")
_PLURAL_QUANTIFIERS = frozenset({"many", "most", "some", "several", "few", "all", "these", "those"})
_PLACE_PREPOSITIONS = ("in", "at", "across", "near", "inside")
_ARTICLES = frozenset({"the", "a", "an"})
_LISTING = frozenset({"and", "or", ","})
_HELD_IN = frozenset({"share", "stake", "stock"})  # "a stake in X", not "a board in Geneva"


def descriptions(token: Token) -> Iterator[Token]:
    """Nouns in apposition to `token` or predicated of it ("Atajurt, the group that …")."""
    for child in token.children:
        if child.dep_ == "appos":
            yield child
    if token.dep_ == "appos":
        yield token.head


def kind_of(cluster: Cluster) -> str:
    """The winning kind of a voted cluster (the first to reach the top count on a tie)."""
    return cluster.votes.most_common(1)[0][0]


def vote(cluster: Cluster, common: frozenset[str]) -> None:
    """Set `cluster.votes`; left empty when nothing says the entity is an actor at all."""
    if country_name(cluster.name):
        cluster.votes = Counter({"state": COUNTRY_VOTE})  # a country's name is a state
        return
    votes: Counter[str] = Counter()
    # A person's full name ("Christopher Hitchens") is read as a people only where the text
    # uses it as a plural; a lone word in -s ("Uygurs") is a people wherever it is a noun.
    full_name = len(cluster.name.split()) >= MIN_NAME_WORDS and cluster.named_by_model_as("PERSON")
    for mention in cluster.mentions:
        _vote_mention(votes, mention, full_name)
    if _described_as_thing(cluster):
        cluster.votes = Counter()  # a drug, a product, a treaty: it never acts
        return
    words = cluster.name.split()
    if {w.lower() for w in words} & lexicon().institution_words:
        votes["organisation"] += INSTITUTION_WORD_VOTE
    if _surname_reused(cluster, words):
        votes["person"] += SURNAME_REUSE_VOTE
    if _called_an_organisation(cluster):
        votes["person"] = 0  # "oil firm Yukos", "companies such as Yukos": not a person
        votes["organisation"] += DESCRIBED_ORG_VOTE
    if not _check_person(votes, cluster, common):
        cluster.votes = Counter()
        return
    cluster.votes = votes if +votes else Counter({"organisation": 1})


def _vote_mention(votes: Counter[str], mention: Mention, full_name: bool) -> None:
    """The votes of one mention, in a fixed order (the first kind to reach a tie wins)."""
    if mention.label:
        votes[LABEL_KIND[mention.label]] += LABEL_VOTE
    doc = mention.sentence.span.doc
    head = doc[mention.end - 1]
    if titled(mention):
        votes["person"] += TITLE_VOTE
    itself = self_reference(mention)
    if itself:
        votes[itself] += ITSELF_VOTE
    elif head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in lexicon().human_verbs:
        votes["person"] += HUMAN_VERB_VOTE
    described = _described_nouns(mention, head)
    if described & lexicon().org_nouns:
        votes["organisation"] += DESCRIBED_ORG_VOTE
    elif described & (lexicon().titles - lexicon().honorifics):
        votes["person"] += TITLE_VOTE  # "Barbara Fox Mason, the preschool's director"
    if company_context(head):
        votes["organisation"] += DESCRIBED_ORG_VOTE  # "shares of X", "X's chief executive"
    if mention.label == "NORP" or _plural_noun(mention, full_name) and mention.label != "PERSON":
        votes["group"] += GROUP_NOUN_VOTE
    if _plural_office(mention.text):
        votes["group"] += OFFICE_GROUP_VOTE  # "Labour MPs": however the model labels it
    if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPOSITIONS:
        votes["place"] += PLACE_PREPOSITION_VOTE


# "X said it would …", "X says its profits …", "X said he …": what the speaker calls itself.
_SAYS_OF_ITSELF = re.compile(
    r"^\s+(?:has\s+|had\s+)?(?:said|says|added|announced|confirmed|stated|warned|insisted)"
    r"\s+(?:that\s+)?(?:(?P<owner>its|his|her)\b|(?P<pronoun>it|he|she)\s+(?P<verb>[\w']+)"
    r"\s+(?:not\s+)?(?P<next>\w+))",
    re.IGNORECASE,
)
_AUXILIARIES = frozenset("would will could might may should can did does has had is was".split())
# After which "it" is no one: "it was a good day", "it would take time", "it seems".
_EMPTY_IT = frozenset(
    "'s be been seem seems seemed appear appears appeared take takes took make makes made"
    " matter matters mean means remain remains remained".split()
)


def self_reference(mention: Mention) -> str | None:
    """What a speaker calls itself in what it says: "organisation" for "it" ("Euronext said it
    could not guarantee an offer", "Yukos said its assets …"), "person" for "he" or "she";
    None where it says neither, or "it" is no one ("it was a good day", "it would take time")."""
    head = mention.sentence.span.doc[mention.end - 1]
    said = _SAYS_OF_ITSELF.match(text_after(mention.sentence, head, ITSELF_WINDOW))
    if said is None:
        return None
    word = (said["owner"] or said["pronoun"]).lower()
    if word != "it":
        return "organisation" if word == "its" else "person"
    verb, following = said["verb"].lower(), said["next"].lower()
    if verb in _EMPTY_IT:
        return None
    if verb in ("is", "was"):  # "it was not planning", not "it was a good day"
        return "organisation" if following.endswith("ing") else None
    if verb in _AUXILIARIES and following in _EMPTY_IT:
        return None
    return "organisation"


def company_context(head: Token) -> bool:
    """What only a company has: "X's chief executive", "X's shareholders", "X shares", "shares
    of X", "a stake in X"."""
    nouns = lexicon().company_nouns
    if head.dep_ in ("poss", "compound"):  # "X's shareholders", "X shares closed at 270p"
        return head.head.lemma_.lower() in nouns and head.head.pos_ == "NOUN"
    of, noun = head.head, head.head.head.lemma_.lower()
    if head.dep_ != "pobj" or noun not in nouns:
        return False
    return of.lower_ == "of" or (of.lower_ == "in" and noun in _HELD_IN)


def _plural_noun(mention: Mention, full_name: bool) -> bool:
    """A people's name: a name in -s used as a plural ("many Shias", "Shias are"), or one
    shaped as a plural (not a person's surname: "Uygurs", not "Hitchens") whose singular is a
    known demonym ("Briton") or one the article also writes ("the Uygur issue"). "Reuters",
    "Texas" and "Lehman Brothers" end in -s but have no singular: a company's or a place's."""
    token = mention.sentence.span.doc[mention.end - 1]
    if is_plural_use(mention):
        return True
    shaped = token.tag_ in ("NNPS", "NNS") or (not full_name and is_group_noun(mention))
    if not shaped:
        return False
    singular = mention.text.split()[-1][:-1]
    return bool(country_of_demonym(singular)) or _singular_written(
        mention.sentence.article.text, singular
    )


def _plural_office(name: str) -> bool:
    """A name ending in the plural of an office ("Labour MPs", "Tory ministers"): holders of
    it, a group, not one person."""
    last = name.split()[-1]
    if not (last.islower() or re.fullmatch(r"[A-Z]{2,}s", last)):
        return False  # "James Masters" is a surname
    lex = lexicon()
    offices = (lex.titles - lex.honorifics) | lex.role_nouns
    lower = last.lower()
    singulars = {lower[:-1], lower[:-2], lower[:-3] + "y"} if lower.endswith("s") else set()
    return bool(singulars & offices)  # "MPs", "bosses", "deputies"


def _singular_written(text: str, singular: str) -> bool:
    """Whether `text` writes a people's singular inside a sentence ("the Uygur issue", "Kazakh
    courts"), not as a sentence's first word."""
    if len(singular) < MIN_SINGULAR or not singular[:1].isupper():
        return False
    pattern = rf"(?<![.!?\"“”]\s)(?<!^)\b{re.escape(singular)}\b(?![’'-]?s\b)"
    return re.search(pattern, text, flags=re.MULTILINE) is not None


def _described_nouns(mention: Mention, head: Token) -> set[str]:
    """Lemmas of the nouns in apposition to the name, from the parse and from the text."""
    described = {noun.lemma_.lower() for noun in descriptions(head)}
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":  # "X are a debt-free company"
        described.update(
            c.lemma_.lower() for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"
        )
    # The parser sometimes misses the apposition: read "X, the group …" off the text too.
    after = text_after(mention.sentence, head, APPOSITION_WINDOW)
    described.update(m.group(1).lower() for m in _APPOSITIVE_NOUN.finditer(after))
    return described


def _described_as_thing(cluster: Cluster) -> bool:
    """Called a drug, a product, a treaty or a prize at least twice and never an organisation:
    a thing, whatever the model's label ("Two drugs, Tamiflu and Relenza")."""
    things = 0
    for mention in cluster.mentions:
        described = _described_nouns(mention, mention.sentence.span.doc[mention.end - 1])
        if described & lexicon().institution_words:
            return False
        things += bool(described & lexicon().thing_nouns)
    return things >= MIN_THING_DESCRIPTIONS


def titled(mention: Mention) -> bool:
    """A title just before the name, or an honorific opening the model's span of it ("Dr
    Curtis"; not "General Motors")."""
    doc = mention.sentence.span.doc
    if mention.start > 0 and _is_title(doc[mention.start - 1]):
        return True
    first = doc[mention.start]
    honorific = first.lower_.rstrip(".") in lexicon().honorifics
    return mention.end - mention.start > 1 and honorific and _is_title(first)


def _is_title(token: Token) -> bool:
    return token.is_title and token.lower_.rstrip(".") in lexicon().titles


def _person_like_uses(cluster: Cluster) -> int:
    """Mentions used as only a person's name is: after a title, or the subject of a verb of a
    person ("said", "resigned")."""
    uses = 0
    for mention in cluster.mentions:
        head = mention.sentence.span.doc[mention.end - 1]
        acts = head.dep_ == "nsubj" and head.head.lemma_ in lexicon().human_verbs
        uses += titled(mention) or acts
    return uses


def _determined_uses(cluster: Cluster) -> int:
    """Mentions that take an article of their own: "the original Bretton Woods", "a new X"."""
    uses = 0
    for mention in cluster.mentions:
        head = mention.sentence.span.doc[mention.end - 1]
        uses += any(
            child.dep_ == "det" and child.lower_ in _ARTICLES and child.i < mention.start
            for child in head.children
        )
    return uses


def _called_an_organisation(cluster: Cluster) -> bool:
    """The text calls it an organisation MIN_ORG_DESCRIPTIONS times (or in half its mentions),
    by a noun just before the name ("oil firm Yukos", "firms like Yukos", "companies such as
    Swiss Re and Munich Re", "rivals Arsenal") or in apposition ("Yukos, the company that …"),
    and never gives it a title: however often the model calls it a person."""
    if any(titled(m) for m in cluster.mentions):
        return False
    org_nouns = lexicon().org_nouns
    calls = 0
    for mention in cluster.mentions:
        head = mention.sentence.span.doc[mention.end - 1]
        calls += _org_noun_before(mention) or bool(_described_nouns(mention, head) & org_nouns)
    return calls >= min(MIN_ORG_DESCRIPTIONS, math.ceil(len(cluster.mentions) / 2))


def _org_noun_before(mention: Mention) -> bool:
    """An organisation's noun just before the name or the first of the names it is listed
    with ("firm Yukos", "firms like Yukos", "companies such as Yukos and Sibneft"), or a plural
    noun before it alone: one name standing for many ("auditors Arthur Andersen", "rivals
    Arsenal"), as a person's name never does."""
    doc = mention.sentence.span.doc
    start = _first_listed(doc, mention.start, mention.sentence.span.tokens[0].i)
    before = doc[max(0, start - 3) : start]
    lemmas = [t.lemma_.lower() for t in before]
    org_nouns = lexicon().org_nouns
    if (lemmas[-2:-1] and lemmas[-1] == "like" and lemmas[-2] in org_nouns) or (
        lemmas[-3:-2] and lemmas[-2:] == ["such", "as"] and lemmas[-3] in org_nouns
    ):
        return True
    if not lemmas or not before[-1].is_lower:
        return False
    if lemmas[-1] in org_nouns:
        return True
    listed = start < mention.start or (
        mention.end < len(doc) and doc[mention.end].lower_ in _LISTING
    )
    return before[-1].tag_ == "NNS" and doc[mention.end - 1].tag_ == "NNP" and not listed


def _first_listed(doc: ParsedText, start: int, sentence_start: int) -> int:
    """Where the list of names that ends with the one at `start` begins ("Swiss Re and Munich
    Re"): read off the words, as the parser often breaks such lists."""
    while start - 2 >= sentence_start and doc[start - 1].lower_ in _LISTING:
        if not doc[start - 2].is_title:
            break
        start -= 2
        while start > sentence_start and doc[start - 1].is_title:
            start -= 1
    return start


def _surname_reused(cluster: Cluster, words: list[str]) -> bool:
    """A two-word name whose last word is used alone later reads as a person's name."""
    if len(words) < 2 or words[0].lower() in lexicon().place_words or not words[0][:1].isupper():
        return False
    return any(m.text == words[-1] for m in cluster.mentions)


def _check_person(votes: Counter[str], cluster: Cluster, common: frozenset[str]) -> bool:
    """Withdraw the person vote where a name cannot be a person's; False when no vote is left
    for a lone word that only the model called a person."""
    words = cluster.name.split()
    labelled = sum(1 for m in cluster.mentions if m.label and LABEL_KIND[m.label] == "person")
    # Initials are a person's only where the text says so too: "Mr McManus", "he said".
    initials = _personal(cluster)
    if not _could_be_personal_name(words, common, initials) or _names_no_person(
        cluster, labelled, votes
    ):
        votes["person"] = 0
        if words[0].lower() in lexicon().place_words and not +votes:
            return False  # "San Luis Potosi" that the model calls a person: a place
    elif _determined_uses(cluster) >= MIN_DETERMINED_USES and not _person_like_uses(cluster):
        # "the original Bretton Woods", "a new Bretton Woods summit": a thing or an event.
        votes["person"] = 0
        return bool(+votes)
    elif labelled == 0 and votes["person"] < UNLABELLED_PERSON_MIN:
        votes["person"] = 0
    elif len(words) == 1:
        return _check_lone_word(votes, labelled, initials)
    return True


def _check_lone_word(votes: Counter[str], labelled: int, personal: bool) -> bool:
    """`_check_person` for a one-word name, `personal` when a mention has a title or says
    "he" or "she" of itself."""
    if votes["organisation"] and not personal:
        # Never titled nor called "he" or "she", it calls itself "it": not a person, whatever
        # the model says ("Euronext said it would bid").
        votes["person"] = 0
    elif votes["person"] - labelled < LONE_WORD_PERSON_MIN:
        # News introduces people by full name: a lone word that only the model calls a person,
        # with no title and no human verb ("Relenza", "Devon"), is not one.
        votes["person"] = 0
        return bool(+votes)
    return True


def _personal(cluster: Cluster) -> bool:
    """Some mention has a title or speaks of itself as "he" or "she"."""
    return any(titled(m) or self_reference(m) == "person" for m in cluster.mentions)


def _names_no_person(cluster: Cluster, labelled: int, votes: Counter[str]) -> bool:
    """A name ending in a country ("Yele Haiti") or its people used as a place ("in Cap
    Haitian") that the model seldom calls a person is a charity's or a town's; a name the text
    uses as a plural ("Shias compose", "many Shias") is a people's."""
    last = cluster.name.split()[-1]
    # A surname can be a people's adjective ("English said"): then only a place's syntax counts.
    nation = country_name(last) or (
        names_a_country(last) and votes["place"] > 0 and not _speaks(cluster)
    )
    if nation and 2 * labelled < len(cluster.mentions):
        return True
    return sum(1 for m in cluster.mentions if is_plural_use(m)) >= MIN_PLURAL_USES


def _speaks(cluster: Cluster) -> bool:
    """Some mention is the subject of a speech verb: "English said"."""
    speech = lexicon().speech_verbs
    for mention in cluster.mentions:
        head = mention.sentence.span.doc[mention.end - 1]
        if head.dep_ == "nsubj" and head.head.lemma_ in speech:
            return True
    return False


def is_plural_use(mention: Mention) -> bool:
    """ "Shias compose the majority", "many Shias": a name ending in -s that
    governs a plural verb ("are", not "is") or takes a quantifier ("many") is a people."""
    token = mention.sentence.span.doc[mention.end - 1]
    if not token.text.endswith("s") or token.text.endswith("ss"):
        return False
    if token.dep_ == "conj" or any(child.dep_ == "conj" for child in token.children):
        return False  # "neither Hitchens nor Galloway are": the verb agrees with the pair
    if token.dep_ == "nsubj" and token.head.tag_ == "VBP":
        return True
    return any(child.lower_ in _PLURAL_QUANTIFIERS for child in token.children)


def _could_be_personal_name(
    words: list[str], common: frozenset[str], initials: bool = False
) -> bool:
    """Ordinary words ("Swine Flu", "Comment"), codes ("H1N1"), acronyms ("NHS Wiltshire")
    and names that open with a place's word ("San Luis Potosi", "New Jersey") are not
    people's names; with `initials`, two capitals before a surname are a person's ("JP
    McManus")."""
    return not (
        all(w.lower() in common for w in words)
        or (len(words) > 1 and words[0].lower() in lexicon().place_words)
        or any(ch.isdigit() for w in words for ch in w)
        or any(
            len(w.rstrip(".")) > 1 and w.isupper() and not (initials and _initials(words, i))
            for i, w in enumerate(words)
        )
    )


def _initials(words: list[str], index: int) -> bool:
    """ "JP" of "JP McManus": two capitals opening a two-word name whose second is a word."""
    word = words[index]
    return (
        index == 0
        and len(words) == 2
        and len(word) == 2
        and words[1][:1].isupper()
        and words[1][1:2].islower()
    )
