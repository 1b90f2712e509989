"""An actor's role as the text states it: an apposition ("Alice Wells, principal deputy
assistant secretary …"), a title before the name ("U.S. Secretary of State Mike Pompeo") or a
descriptor ("the harbour master Petra Lind")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from briefer.analysis.actors.countries import government_of
from briefer.analysis.actors.kinds import descriptions
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import Mention, possessor, text_after
from briefer.analysis.parse import ParsedText, Span, Token
from briefer.analysis.sentence import Sentence
from briefer.models import PartialDate

MAX_ROLE_WORDS = 25  # an apposition longer than this is a clause, not a role
MAX_TEXT_APPOSITION_WORDS = 15  # the same, for an apposition read off the raw text
_APPOSITIVE_PHRASE = re.compile(r"^,\s+((?:the|a|an)\s+[^,;:()“”\"]{3,100}?)\s*(?=[,;.)]|$)")
_DESCRIPTOR_POS = ("NOUN", "PROPN", "ADJ")
_PLURAL_TAGS = ("NNS", "NNPS")
_MAX_ACRONYM = 4  # letters: a longer role in capitals is a headline ("PRESIDENT")
_RUN_TOGETHER = re.compile(r"\s[-–—|]\s|\s--\s|[:;“”\"]")
_ARTICLES = ("the", "a", "an")
_POSSESSIVE_OPENER = re.compile(r"(?:his|her|its|their|our|my|your|whose)\s", re.IGNORECASE)
# "then CIA chief, and his deputy, John McLaughlin, both": the role of two people.
_LIST = re.compile(r",\s+and\s+(?:his|her|its|their)\s")
_BARE_NOUN = re.compile(r"(?:the|a|an)\s+\w+", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"[\"“”‘]|(?<!s)['’](?!s\b)")  # not the possessive "Britain's"
_MIN_SUFFIXED_ROLE = 3  # letters: "man" and "ant" alone are not roles by their ending
_TIME_ADVERBS = frozenset({"then", "now", "formerly", "once", "previously"})
_OFFICE = 2  # `office_rank` of a role that names an office
_THEN = re.compile(r"(?:the\s+)?then\b", re.IGNORECASE)  # "then a Home Office minister"
_FORMER = re.compile(r"(?:the\s+|a\s+)?(?:former\b|ex-)", re.IGNORECASE)  # "ex-President"
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def role_of(mention: Mention, kind: str) -> str | None:
    """A role from apposition, a title before the name, or a possessive affiliation."""
    doc = mention.sentence.span.doc
    head = doc[mention.end - 1]
    parts = _prefix_roles(mention, kind)
    in_list = head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)
    if not in_list:
        parts.extend(_apposition_roles(mention, kind))
    if not parts and kind == "person":
        parts.extend(_set_off_affiliation(mention) or _installed_as(mention))
    if not parts and not in_list and kind in ("place", "state", "organisation"):
        parts.extend(_appositive_from_text(mention, head, kind))
    if not parts and kind == "organisation":
        linked = government_of(doc[mention.start : mention.end].text)
        if linked:
            parts.append(linked)
    return _joined(parts, kind)


# Verbs that give a person an office: "was confirmed as health secretary".
_INSTALLING = frozenset("appoint confirm name elect nominate choose install promote swear".split())


def _installed_as(mention: Mention) -> list[str]:
    """The office a sentence says the person took: "Kathleen Sebelius was confirmed as health
    secretary", "Brown became prime minister"; not one still to come ("will be named as …",
    "is expected to become …") or denied. Only an office: "became a symbol" is no role."""
    doc = mention.sentence.span.doc
    head = doc[mention.end - 1]
    verb = head.head
    hedged = any(c.dep_ in ("neg", "mark") or c.tag_ == "MD" for c in verb.children)
    if verb.i == head.i or verb.dep_ in ("xcomp", "csubj") or hedged or not _done(verb):
        return []  # "If Kerry is elected president", "Whether Brown is named chancellor …"
    office = _office_taken(head, verb)
    if office is None:
        return []
    text = _role_text(doc, *_cut(office.subtree))
    fits = office_rank(text) == _OFFICE and len(text.split()) <= MAX_ROLE_WORDS
    # "was named best director": an award, not an office
    return [text] if fits and text.split()[0].lower() not in _AWARDS else []


_AWARDS = frozenset({"best", "top", "worst"})


def _done(verb: Token) -> bool:
    """In the past: "became", "was elected", "has been confirmed"."""
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBD" or c.lower_ == "been")
        for c in verb.children
    )


def _office_taken(subject: Token, verb: Token) -> Token | None:
    """What `subject` became, or was appointed, elected … as (or, without "as", "was elected
    president")."""
    if verb.lemma_ == "become" and verb.tag_ == "VBD" and subject.dep_ == "nsubj":
        return _child(verb, "attr")
    if verb.lemma_ not in _INSTALLING or verb.tag_ != "VBN" or subject.dep_ != "nsubjpass":
        return None
    as_ = _child(verb, "prep", "as")
    office = _child(as_, "pobj") if as_ is not None else None
    return office or _child(verb, "oprd")


def _child(token: Token, dep: str, word: str | None = None) -> Token | None:
    return next(
        (c for c in token.children if c.dep_ == dep and (word is None or c.lower_ == word)), None
    )


def _set_off_affiliation(mention: Mention) -> list[str]:
    """ "Mike Hobday, of the League Against Cruel Sports, said": the organisation a person is
    set off by commas as being of or from, as "with" it."""
    doc = mention.sentence.span.doc
    end = mention.end
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("of", "from"):
        return []
    preposition = doc[end + 1]
    if preposition.head.i != mention.end - 1:
        return []
    objects = [c for c in preposition.children if c.dep_ == "pobj" and c.ent_type_ == "ORG"]
    if not objects:
        return []
    words = list(objects[0].subtree)
    after = words[-1].i + 1
    if after < len(doc) and doc[after].text not in (",", ";", ")"):
        return []  # the phrase goes on: not one set off by commas
    return [f"with {_span_text(doc, words[0].i, after)}"]


def _joined(parts: list[str], kind: str) -> str | None:
    """The roles found, cleaned and once each; for an organisation not a bare noun ("the
    agency"), which repeats the kind of actor it is instead of saying what it does."""
    cleaned = [_clean_role(part) for part in parts]
    if kind != "person":
        cleaned = [p for p in cleaned if p and not _BARE_NOUN.fullmatch(p)]
    kept = [p for p in dict.fromkeys(cleaned) if p and _says_something(p)]
    kept = _rejoined(kept)
    # A part inside another is the same role read twice ("vice" of "vice-president of research").
    whole = [p for p in kept if not any(_lesser_form(p, other, hyphens=False) for other in kept)]
    return ", ".join(whole) or None


def _rejoined(parts: list[str]) -> list[str]:
    """Parts the parser split at a hyphen made one again: "Google vice" and "vice-president of
    operations" are "Google vice-president of operations"."""
    out = list(parts)
    for part in parts:
        last = part.split()[-1]
        follow = next((p for p in out if p != part and p.startswith(f"{last}-")), None)
        if follow is not None and part in out:
            out[out.index(part)] = part[: -len(last)] + follow
            out.remove(follow)
    return out


@dataclass(frozen=True)
class ChosenRole:
    """The role shown, the mention cited for it, and when a source last stated it in any of
    its forms ("President" for "the US president"), if it is one that lapses."""

    role: str
    cited: Mention
    as_of: PartialDate | None


def choose_role(stated: dict[str, list[Mention]]) -> ChosenRole | None:
    """The role to show, from the roles stated (each with its mentions, in text order), and the
    mention to cite for it: an office before a listed role before a description (`office_rank`);
    of offices, which change, the one the latest source states; else the most stated, then the
    first. An office told of a past year only ("in 1998 brought together Treasury Secretary
    X") is no office now; a lesser form counts for the fuller one ("President" for "French
    President", "Fed chairman" for "former Fed chairman": the text says he no longer is); a
    role of the time told ("then a Home Office minister") comes after any other, and a former
    one ("ex-President") after any held now ("the UN special envoy")."""
    current = {
        r: ms
        for r, ms in stated.items()
        if office_rank(r) < _OFFICE or not all(_told_of_past_year(m) for m in ms)
    }
    forms = _folded(current)
    if not forms:
        return None

    def standing(role: str) -> tuple[bool, bool, int, tuple[int, int, int], int]:
        rank = office_rank(role)
        latest = max(_published(m) for m in forms[role]) if rank == _OFFICE else (0, 0, 0)
        return (not _THEN.match(role), not _FORMER.match(role), rank, latest, len(forms[role]))

    role = max(forms, key=standing)  # the first of equals
    cited = max(reversed(current[role]), key=_published)
    latest = max(reversed(forms[role]), key=_published).sentence.article.published
    return ChosenRole(role, cited, latest if lapses(role) else None)


_PAST_HOLDER = re.compile(r"(?:the\s+)?(?:deposed|ousted|toppled|late|once)\b", re.IGNORECASE)


def lapses(role: str) -> bool:
    """An office or a listed role held now, which may pass to another ("the defence
    secretary", "MP for Colchester"); not a description ("the writer and polemicist") nor
    one already past ("former chairman", "the deposed president", "then a minister")."""
    if _THEN.match(role) or _FORMER.match(role) or _PAST_HOLDER.match(role):
        return False
    return office_rank(role) >= 1


def _folded(stated: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """The roles stated with each lesser form's mentions counted for its fuller form: the same
    words in another case or order ("CDC acting director", "Acting CDC Director": the most
    stated form is kept), or a part of it ("President" of "French President", "Executive
    Director" of "the executive director of the agency"). The order of first statement is
    kept; forms that differ only in the case of a name are one (`_named_first`)."""
    cased: dict[str, list[str]] = {}
    for role in stated:
        cased.setdefault(role.casefold(), []).append(role)
    stated = {
        role: mentions
        for forms in cased.values()
        for role, mentions in _named_first(forms, stated).items()
    }
    groups: dict[frozenset[str], list[str]] = {}
    for role in stated:
        groups.setdefault(frozenset(_role_words(role, hyphens=False)), []).append(role)
    folded = {
        max(forms, key=lambda f: len(stated[f])): [m for f in forms for m in stated[f]]
        for forms in groups.values()
    }
    # Fewest words first, so that a form folded into a fuller one travels on with it.
    for role in sorted(folded, key=lambda r: len(_role_words(r))):
        fuller = [other for other in folded if _lesser_form(role, other)]
        if fuller:
            target = max(fuller, key=lambda f: len(folded[f]))
            folded[target].extend(folded.pop(role))
    return folded


def _named_first(forms: list[str], stated: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Forms of one role in several cases, as one capitalised form when their sources never
    write its first word in lower case ("Arsenal boss", lowered where a sentence opens on
    it); else as they are ("Deputy Prime Minister" and "deputy prime minister")."""
    capital = max(forms, key=lambda f: sum(c.isupper() for c in f))
    first = re.escape(capital.split()[0].split("-")[0].lower())
    texts = {m.sentence.article.text for f in forms for m in stated[f]}
    if len(forms) == 1 or any(re.search(rf"\b{first}\b", text) for text in texts):
        return {f: stated[f] for f in forms}
    return {capital: [m for f in forms for m in stated[f]]}


def _role_words(role: str, hyphens: bool = True) -> list[str]:
    """The role's words in lower case, without articles and end stops; "vice-president" one
    word unless `hyphens` is False."""
    text = role.casefold() if hyphens else re.sub(r"[-‐–]", " ", role.casefold())
    words = [w.strip(".,") for w in text.split()]
    return [w for w in words if w and w not in _ARTICLES]


def _lesser_form(role: str, other: str, hyphens: bool = True) -> bool:
    """ "President" of "French President", "former President" or "the president of the
    republic": its words in a row inside the other's longer run."""
    words, others = _role_words(role, hyphens), _role_words(other, hyphens)
    if not words or len(words) >= len(others):
        return False
    size = len(words)
    return any(others[i : i + size] == words for i in range(len(others) - size + 1))


def _published(mention: Mention) -> tuple[int, int, int]:
    """When the mention's source was published; an undated source counts as the earliest."""
    date = mention.sentence.article.published
    return date.sort_key() if date is not None else (0, 0, 0)


def _told_of_past_year(mention: Mention) -> bool:
    """A clause that opens on a year before its source's ("In early 1989, Secretary of State X
    visited …"), or whose verb, done by the person, "in" or "during" such a year dates
    ("President X decided in 2002 not to …"): what it calls someone is what he was then (and
    may be still: the role is then left unsaid rather than risked). A year later in the
    sentence may date something else ("X, the director, was a minister from 1977 to 1981",
    "has ruled since 1981", "defended the 2009 law")."""
    published = mention.sentence.article.published
    if published is None:
        return False
    doc = mention.sentence.span.doc
    span = mention.sentence.span
    head = doc[mention.end - 1]
    clause = _clause_verb(head)

    def past_year(t: Token) -> bool:
        return (
            t.ent_type_ == "DATE"
            and _YEAR.fullmatch(t.text) is not None
            and int(t.text) < published.year
        )

    if any(past_year(t) and _clause_verb(t) == clause for t in doc[span.start : mention.start]):
        return True
    if head.dep_ != "nsubj" or head.head.i != clause or doc[clause].lemma_ == "be":
        return False
    return any(
        past_year(t) and t.head.lower_ in ("in", "during") and t.head.head.i == clause
        for t in doc[mention.end : span.end]
    )


def _clause_verb(token: Token) -> int:
    """The index of the verb whose clause holds the token (the root's, if none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token.i


def office_rank(role: str) -> int:
    """2 for a role that names an office ("deputy health minister"), 1 for a listed role ("the
    MP", "a member of …"), 0 for a description only ("the rival claimant to the throne")."""
    lex = lexicon()
    words = {w.lower().strip(".,") for w in re.split(r"[\s-]+", role)}
    if words & (lex.titles - lex.honorifics):
        return 2
    return 1 if words & lex.role_nouns else 0


def _says_something(role: str) -> bool:
    """Not a bare article or initial ("the", "D"), nor a nickname cut at its quotation mark
    ("Colonel Herbert 'H")."""
    if _QUOTE_MARK.search(role):
        return False
    return any(len(w) > 1 and w.lower() not in _ARTICLES for w in re.findall(r"[^\W\d_]+", role))


def _prefix_roles(mention: Mention, kind: str) -> list[str]:
    """A title inside the same noun phrase: "U.S. Secretary of State Mike Pompeo"."""
    doc = mention.sentence.span.doc
    left = _with_name_start(doc, _with_hyphened_start(doc, doc[mention.end - 1].left_edge.i))
    prefix = [t for t in doc[left : mention.start] if t.dep_ != "punct" and not _article(t)]
    if not prefix:
        return []
    if kind == "organisation":
        return _described_before(doc, prefix, lexicon().org_nouns.__contains__, mention.sentence)
    prefix = _after_another_person(prefix)
    if kind != "person" or not prefix or _another_name(prefix):
        return []
    owner = possessor(mention)
    if owner is not None:
        return [f"with {owner.text}"]  # "Goldman's Blankfein"
    if prefix[-1].dep_ == "case" or _opens_relative_clause(doc, left, mention.end):
        return []
    # The model may take a rank into the name: "Assistant Chief [Constable David Warcup]".
    prefix += _offices_inside(mention)
    if _is_descriptor(prefix, doc[left]):
        return [_span_text(doc, prefix[0].i, prefix[-1].i + 1)]
    if _is_title(prefix):
        prefix = _from_title(prefix)
        return [_span_text(doc, prefix[0].i, prefix[-1].i + 1)]
    return _described_before(doc, prefix, is_role_noun, mention.sentence)


def _with_hyphened_start(doc: ParsedText, left: int) -> int:
    """Back over the first half of a hyphenated word the parser left outside the name's
    phrase: "vice-" of "Arsenal vice-chairman David Dein"."""
    while (
        left >= 2
        and doc[left - 1].text in ("-", "‐")
        and not doc[left - 1].whitespace_
        and not doc[left - 2].whitespace_
        and doc[left - 2].is_alpha
    ):
        left -= 2
    return left


def _with_name_start(doc: ParsedText, left: int) -> int:
    """Back over the head of a name the parser left outside the phrase: "Association of" of
    "Association of Chief Police Officers president Chris Fox"."""
    while left >= 2 and _of_inside_a_name(doc[left - 1]):
        left -= 1
        while left >= 1 and doc[left - 1].is_title and doc[left - 1].pos_ in ("PROPN", "NOUN"):
            left -= 1
    return left


def _after_another_person(prefix: list[Token]) -> list[Token]:
    """The words after another person's name and "and" ("George Clooney and Haiti-born
    rapper"): the ones that describe this person; not an "and" inside a title ("Trade and
    Industry Secretary")."""
    for i in range(len(prefix) - 1, 0, -1):
        if prefix[i].lower_ in ("and", "or") and any(t.ent_type_ == "PERSON" for t in prefix[:i]):
            return prefix[i + 1 :]
    return prefix


def _offices_inside(mention: Mention) -> list[Token]:
    """The office words the mention's own words open with ("Constable" of "Constable David
    Warcup"): the name itself is what follows them."""
    lex = lexicon()
    offices = lex.titles - lex.honorifics
    out = []
    for token in mention.sentence.span.doc[mention.start : mention.end - 1]:
        if token.lower_.rstrip(".") not in offices:
            break
        out.append(token)
    return out


MAX_DESCRIPTION_WORDS = 4


def _described_before(
    doc: ParsedText, prefix: list[Token], names_kind: Callable[[str], bool], sentence: Sentence
) -> list[str]:
    """A description written before the name, its last noun saying what the actor is
    (`names_kind`): "Sunday Telegraph journalist Robert Peston", "Chelsea boss Jose
    Mourinho", "online retailer Amazon", "Internet giant Yahoo"; words of a noun phrase only."""
    last = prefix[-1]
    # "Tory MP Michael Mates": the model calls a capitalised office a name.
    acronym = last.is_upper and last.lower_ in lexicon().role_nouns
    if (
        len(prefix) > MAX_DESCRIPTION_WORDS
        or (not acronym and (last.pos_ != "NOUN" or last.tag_ != "NN"))
        or not names_kind(last.lemma_.lower())
        or not all(t.pos_ in _DESCRIPTOR_POS or _hyphened(t) for t in prefix)
    ):
        return []
    text = _span_text(doc, prefix[0].i, last.i + 1)
    opening = not any(t.is_alpha for t in doc[sentence.span.tokens[0].i : prefix[0].i])
    if opening and prefix[0].pos_ != "PROPN" and not prefix[0].ent_type_:
        if not _capitalised_inside(sentence.article.text, prefix[0].text):
            text = text[:1].lower() + text[1:]  # "Online retailer Amazon" opening a sentence
    return [text]


def _capitalised_inside(text: str, word: str) -> bool:
    """The article writes `word` capitalised on its own after another word ("… in Arsenal's";
    not "World Health Organisation") and never in lower case: a name the model did not tag
    at a sentence's start ("Arsenal boss Arsene Wenger")."""
    name = re.escape(word)
    return (
        word[:1].isupper()
        and re.search(rf"[a-z,] {name}\b(?! [A-Z])", text) is not None
        and re.search(rf"\b{name.lower()}\b", text) is None
    )


def _hyphened(token: Token) -> bool:
    """The second half of a hyphenated word ("Haiti-born", "London-based")."""
    before = token.doc[token.i - 1] if token.i else None
    return before is not None and before.text in ("-", "‐") and not before.whitespace_


def _article(token: Token) -> bool:
    """A determiner that is no word of a name: "the", not the "All" of "All Blacks captain"."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else token
    return token.dep_ == "det" and not (token.text == "All" and following.is_title)


def _opens_relative_clause(doc: ParsedText, left: int, end: int) -> bool:
    """After a preposition, the name followed by a finite verb opens a relative clause whose
    object is the words before it ("confidence by the impact manager Jose Mourinho has had"):
    they are no title of his. The parser shows it by a preposition without an object or a
    verb without a subject; "the priority for Finance Minister X is" has both."""
    if left == 0 or end >= len(doc) or doc[left - 1].pos_ != "ADP" or doc[end].tag_ not in _FINITE:
        return False
    verb = doc[end].head if doc[end].dep_ in ("aux", "auxpass") else doc[end]
    return not any(c.dep_ in ("pobj", "pcomp") for c in doc[left - 1].children) or not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    )


def _another_name(prefix: list[Token]) -> bool:
    """ "Obama President Bush": another name before this one, not a title."""
    return any(t.ent_type_ == "PERSON" for t in prefix) or _ends_in_name(prefix)


def _ends_in_name(prefix: list[Token]) -> bool:
    """ "Sergeant Simon" of "Sergeant Simon Hamilton-Jewell": a first name the mention left
    out, so the title may be another bearer's of the surname ("Secretary of State" ends in a
    word of the title)."""
    last = prefix[-1]
    titles = lexicon().titles
    after_of = len(prefix) > 1 and prefix[-2].lower_ == "of"
    return (
        (last.is_title and last.lower_.rstrip(".") not in titles and last.pos_ == "PROPN")
        and not after_of
        and len(prefix) > 1
        and prefix[-2].lower_.rstrip(".") in titles
    )


def _from_title(prefix: list[Token]) -> list[Token]:
    """Without the words of the clause before the title: "… 25 cents Dr Arthur Silverstein",
    "on Wednesday Prime Minister X", "among them German Chancellor X"; and without a
    description before a capitalised title ("political rival Chancellor X"), though with a
    word that qualifies it ("former Defence Secretary")."""
    titles = lexicon().titles
    first = next((i for i, t in enumerate(prefix) if t.lower_.rstrip(".") in titles), 0)
    cut = [i for i, t in enumerate(prefix[:first]) if _ends_a_clause(t)]
    if cut:  # not "of" in "Secretary of State", nor "for" in "Minister for Europe"
        prefix = prefix[cut[-1] + 1 :]
    if len(prefix) > 1 and _predicative(prefix[0]):
        return _without_description(prefix[1:])
    while prefix[0].pos_ in ("NOUN", "NUM") and not (
        prefix[0].is_title or prefix[0].is_upper or prefix[0].lower_.rstrip(".") in titles
    ):
        prefix = prefix[1:]
    return _without_description(prefix)


def _predicative(token: Token) -> bool:
    """ "he was confident shadow home secretary Mr Davis would …": an adjective straight
    after "be" says how the subject is, not what the named person is."""
    before = token.doc[token.i - 1] if token.i else None
    return (
        token.pos_ == "ADJ"
        and token.lower_ not in _QUALIFIERS
        and before is not None
        and before.lemma_ == "be"
    )


def _without_description(prefix: list[Token]) -> list[Token]:
    """From the capitalised title on when only lower-case words that do not qualify it come
    before: "political rival Chancellor" → "Chancellor"; "former Defence Secretary" stays."""
    titles = lexicon().titles
    capitalised = next(
        (i for i, t in enumerate(prefix) if t.is_title and t.lower_.rstrip(".") in titles), None
    )
    if not capitalised:
        return prefix
    before = prefix[:capitalised]
    if all(t.is_lower and t.lower_ not in titles | _QUALIFIERS for t in before):
        return prefix[capitalised:]
    return prefix


def _ends_a_clause(token: Token) -> bool:
    """A word the title cannot follow inside its own phrase: a preposition, a verb, a time ("on
    Wednesday"), an object pronoun ("among them"; not "his", nor "WHO"), a conjunction after a
    common word ("helicopter - and"; not "Oil and Natural Gas"); not "of" inside a name ("Bank
    of England governor")."""
    if token.ent_type_ in _WHEN:
        return True
    if token.pos_ == "ADP":
        return not _of_inside_a_name(token)
    if token.pos_ in ("VERB", "AUX") and not _hyphened(token) and token.lower_ not in _QUALIFIERS:
        return True  # "… and thanked director X": the clause's verb, not a word of the title
    if token.pos_ == "PRON":
        return token.is_lower and token.dep_ != "poss"
    before = token.doc[token.i - 1] if token.i else None
    return token.pos_ == "CCONJ" and (before is None or not before.is_title)


def _of_inside_a_name(token: Token) -> bool:
    """ "of" inside a body's name ("Bank of England", "Association of Chief Police Officers"):
    a proper noun before it, a capitalised word after it, and not a title the person's name
    follows ("Supporters of President Hugo Chavez", "the Office of President Mahmoud Abbas")."""
    doc = token.doc
    if token.lower_ != "of" or not 0 < token.i < len(doc) - 2:
        return False
    before, after, then = doc[token.i - 1], doc[token.i + 1], doc[token.i + 2]
    if before.pos_ != "PROPN" or not after.is_title or token.ent_type_ not in _BODIES:
        return False
    return not (after.lower_ in lexicon().titles and then.ent_type_ == "PERSON")


_BODIES = frozenset({"ORG", "FAC", "GPE"})  # what a name with "of" inside may be


def _is_title(prefix: list[Token]) -> bool:
    """ "U.S. Secretary of State", "Health Secretary"; not "Queen's Lancashire", nor an
    honorific after a word of another sort ("a jubilant Mr", "72-year-old Mr")."""
    lex = lexicon()
    offices = lex.titles - lex.honorifics
    return any(t.lower_.rstrip(".") in offices for t in prefix) and not any(
        t.dep_ == "case" for t in prefix
    )


def _is_descriptor(prefix: list[Token], first: Token) -> bool:
    """ "the harbour master Petra Lind": a role written before the name."""
    return (
        first.lower_ == "the"
        and all(t.is_lower and t.pos_ in _DESCRIPTOR_POS for t in prefix)
        and prefix[-1].pos_ == "NOUN"  # not "the unfortunate Dunne"
        and is_role_noun(prefix[-1].lemma_)
    )


def _apposition_roles(mention: Mention, kind: str) -> list[str]:
    """Nouns in apposition to the name, each cut to the phrase that describes it."""
    doc = mention.sentence.span.doc
    head = doc[mention.end - 1]
    roles = []
    for desc in descriptions(head):
        if not _describes(desc, kind) or (kind == "person" and _bare_adjective(desc)):
            continue
        tokens = [t for t in desc.subtree if not (mention.start <= t.i < mention.end)]
        if desc.i == head.head.i:  # "the top diplomat, Mike Pompeo": the name is inside
            tokens = _next_to_name(tokens, head)
        if not tokens:
            continue
        start, end = _widened(doc, *_cut(tokens))
        if kind == "person" and _lists_others(doc[start:end]):
            continue
        text = _role_text(doc, start, end)
        if text and len(text.split()) <= MAX_ROLE_WORDS:
            roles.append(text)
    return roles


_UNTIL = frozenset({"until", "till"})
_WHEN = frozenset({"DATE", "TIME"})
# Words that qualify a title rather than describe its bearer: "former Defence Secretary".
_QUALIFIERS = frozenset(
    "acting assistant co ex former incoming interim joint junior new outgoing senior shadow"
    " then".split()
)
_SENTENCE_STOP = re.compile(r"(?:\w{5,}|\w*\d\w*)\.$")  # "1500m.", "research.", not "Jr."


def _role_text(doc: ParsedText, start: int, end: int) -> str:
    """The description's words without a leading "a"; a role told with when it ended ("the
    American pro consul in Baghdad until June last year") is a former one."""
    ended = next((t.i for t in doc[start:end] if t.lower_ in _UNTIL and t.i > start), None)
    end = ended if ended is not None else end
    text = _span_text(doc, start, end)
    text = re.sub(r"^(a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^The\s+", "the ", text)
    if end < len(doc) and doc[end].lower_ in _UNTIL and not _FORMER.match(text):
        text = "former " + re.sub(r"^the\s+", "", text)
    return text


def _widened(doc: ParsedText, start: int, end: int) -> tuple[int, int]:
    """The role's range with the start of a word the parser split at its hyphen ("vice-" of
    "vice-president") and a word that dates it ("then chief executive of Y": the role he had at
    the time told)."""
    while start > 0 and not doc[start - 1].whitespace_ and _word_part(doc[start - 1]):
        start -= 1
    if start > 0 and doc[start - 1].lower_ in _TIME_ADVERBS:
        start -= 1
    return start, end


def _describes(desc: Token, kind: str) -> bool:
    """Whether a noun in apposition can describe an actor of this kind."""
    if desc.pos_ not in ("NOUN", "PROPN") or desc.ent_type_ == "PERSON":
        return False
    # A state or organisation is described by what it is ("the Kazakh capital", "the group
    # that …"), a person by a word for a role; anything else in apposition is usually a list
    # or a misparse ("the Poodle", "Minutes", "his father").
    lemma = desc.lemma_.lower()
    if kind in ("place", "state"):
        return lemma in lexicon().place_nouns
    if kind == "organisation":
        return lemma in lexicon().org_nouns
    if desc.tag_ in _PLURAL_TAGS:
        return False
    if desc.pos_ == "PROPN" and lemma not in lexicon().titles | lexicon().role_nouns:
        return False
    return is_role_noun(lemma)


def _bare_adjective(desc: Token) -> bool:
    """ "said Mr Omran, indignant": one word after the name, with no article or modifier of
    its own, that only its ending makes a role noun; an adjective the parser took for one."""
    lex = lexicon()
    listed = desc.lemma_.lower() in lex.titles | lex.role_nouns
    return not listed and not any(True for _ in desc.children)


def _word_part(token: Token) -> bool:
    return token.is_alpha or token.text in ("-", "‐")


def is_role_noun(word: str) -> bool:
    """A word for what a person is or does: a title ("secretary"), a listed role noun
    ("diplomat") or a noun formed like one ("founder", "economist", "spokesman")."""
    word = word.lower()
    lex = lexicon()
    if word in lex.kin_nouns or word in lex.not_role_nouns:
        return False
    if word in lex.titles or word in lex.role_nouns:
        return True
    return len(word) > _MIN_SUFFIXED_ROLE and word.endswith(lex.role_suffixes)


def _lists_others(phrase: Span) -> bool:
    """ "the president and his appointees", "the Queen and the Duke of Edinburgh" (a name with
    its own article), "India's oil minister Mr Aiyar and Russian energy minister" (another
    person's name): a list of other people, not one person's role."""
    return any(_another_persons_name(t) or _listed_beside(t) for t in phrase)


def _another_persons_name(token: Token) -> bool:
    """A person's name set beside a role noun, with "and" or "or" after it: a list began
    before this name ("minister Mr Aiyar and …"); not a name a preposition takes ("an aide to
    Hillary Clinton and a former journalist")."""
    lex = lexicon()
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.ent_type_ == "PERSON"
        and token.dep_ in ("appos", "conj")
        and token.lower_.rstrip(".") not in lex.titles | lex.honorifics
        and after is not None
        and after.lower_ in ("and", "or")
    )


def _listed_beside(token: Token) -> bool:
    return token.dep_ == "conj" and (
        token.tag_ in _PLURAL_TAGS
        or token.ent_type_ == "PERSON"
        or token.lemma_.lower() in lexicon().kin_nouns
        or (token.is_title and any(c.dep_ == "det" for c in token.children))
    )


def _next_to_name(tokens: list[Token], head: Token) -> list[Token]:
    """The words before the name, from the last comma on: "the new ferry link, the mayor,
    Tomas Berg" → "the mayor"."""
    tokens = [t for t in tokens if t.i < head.left_edge.i]
    commas = [t.i for t in tokens if t.text == "," and t.i < tokens[-1].i]
    if commas:
        tokens = [t for t in tokens if t.i > commas[-1]]
    return tokens


def _span_text(doc: ParsedText, start: int, end: int) -> str:
    return doc[start:end].text.strip(" ,;:—–-")


def _cut(tokens: Iterable[Token]) -> tuple[int, int]:
    """Token range of a description, cut before a parenthesis or a relative clause."""
    tokens = list(tokens)
    start, end = tokens[0].i, tokens[-1].i + 1
    for token in tokens:
        if token.text in ("(", "—", "–") or (token.dep_ == "relcl" and token.i > start):
            end = min(end, token.left_edge.i if token.dep_ == "relcl" else token.i)
    return start, end


def _appositive_from_text(mention: Mention, head: Token, kind: str) -> list[str]:
    """ "Nur-Sultan, the Kazakh capital, …" read off the text when the parse misses it."""
    after = text_after(mention.sentence, head)
    match = _APPOSITIVE_PHRASE.match(after)
    if not match:
        return []
    phrase = match.group(1)
    if _a_clause(head, match.start(1), match.end(1)):
        return []  # "Yukos, a Houston court has been told, …"
    nouns = lexicon().org_nouns if kind == "organisation" else lexicon().place_nouns
    words = [w.strip("’'s") for w in phrase.split()[1:5] if w.islower()]
    if any(w in nouns for w in words) and len(phrase.split()) <= MAX_TEXT_APPOSITION_WORDS:
        return [phrase]
    return []


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_RELATIVES = frozenset({"that", "which", "who", "whose", "where"})


def _a_clause(head: Token, start: int, end: int) -> bool:
    """The words from `start` to `end` characters after `head` hold a finite verb of their own,
    not of a relative clause ("the group that gathered …"): a clause, not an apposition."""
    base = head.idx + len(head.text)
    words = [t for t in head.doc if base + start <= t.idx < base + end]
    for token in words:
        if token.lower_ in _RELATIVES:
            return False
        if token.tag_ in _FINITE:
            return True
    return False


def _clean_role(text: str) -> str | None:
    """Drop honorifics ("Dr", "Sir"), roles relative to someone else ("his deputy", "its
    director general", "whose firm": whose, the table cannot say), lists of people ("X, and
    his deputy, Y"), unbalanced brackets and a dangling preposition."""
    if text.lower().rstrip(".") in lexicon().honorifics or _POSSESSIVE_OPENER.match(text):
        return None
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "").strip()
    if (
        _RUN_TOGETHER.search(text)
        or _LIST.search(text)
        or (text.isupper() and len(text) > _MAX_ACRONYM)
    ):
        return None  # "… tent villages - 18 hrs ago Guardian": a headline list, not a role
    text = re.sub(r"\s+(of|for|at|with|to|in|on|from|by|and|or|but|&)$", "", text)
    # "… at Gartner and someone [who has followed Yahoo]": the clause cut off was that word's.
    last = re.search(r"\s+(?:and|or)\s+([a-z]+)$", text)
    if last and not is_role_noun(last.group(1)):
        text = text[: last.start()]
    text = re.sub(r"^(?:another|other)\s+", "", text, flags=re.IGNORECASE)  # "Another UN worker"
    text = re.sub(r"^now\s+(?=former\b|ex-)", "", text, flags=re.IGNORECASE)  # "(now former) X"
    words = text.split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in lexicon().honorifics:
        words.pop()  # "WHO Director General Dr" of "WHO Director General Dr Margaret Chan"
    if words and _SENTENCE_STOP.search(words[-1]):
        words[-1] = words[-1][:-1]  # the sentence's full stop, not an abbreviation's ("Inc.")
    return " ".join(words) or None
