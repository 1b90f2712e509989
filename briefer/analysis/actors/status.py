"""What became of an actor, as a source reports it: killed, resigned, arrested, freed, bankrupt.
Shown beside the role, so that a role the person no longer holds, or a bank that has failed,
is not read as the state of things at the latest source.

Only the syntax names whom it befell: the actor's own mention is the subject of the verb ("Hedi
Annabi was killed", "Mr Libby resigned", "X, who was arrested …"), bears the participle ("the
recently indicted Lewis Libby"), or owns the body found. A hedge, a negation or a quotation
tells nothing."""

from __future__ import annotations

from dataclasses import dataclass

from briefer.analysis.actors.mentions import Mention
from briefer.analysis.actors.roles import is_role_noun
from briefer.analysis.currency import tells_done, told_open
from briefer.analysis.parse import Token
from briefer.models import source_order

# Verbs whose passive subject it befell, and how the status reads.
_PASSIVE = {
    "kill": "killed",
    "murder": "killed",
    "assassinate": "killed",
    "execute": "executed",
    "oust": "ousted",
    "topple": "ousted",
    "overthrow": "ousted",
    "depose": "ousted",
    "sack": "dismissed",
    "fire": "dismissed",
    "dismiss": "dismissed",
    "arrest": "arrested",
    "detain": "detained",
    "kidnap": "kidnapped",
    "abduct": "kidnapped",
    "charge": "charged",
    "indict": "charged",
    "convict": "convicted",
    "sentence": "sentenced",
    "acquit": "acquitted",
    "release": "freed",
    "free": "freed",
    "nationalise": "nationalised",
    "nationalize": "nationalised",
    "jail": "jailed",
    "imprison": "jailed",
    "replace": "replaced",
}
# Verbs whose active subject it befell.
_ACTIVE = {"die": "dead", "resign": "resigned", "quit": "resigned", "collapse": "collapsed"}
# "stepped down", "filed for bankruptcy": a verb with its particle or object.
_PHRASAL = {("step", "down"): "stepped down", ("file", "bankruptcy"): "filed for bankruptcy"}
_BODY = frozenset("body remains".split())  # "Mr Annabi's body was recovered"
_FOUND = frozenset("find recover identify pull retrieve".split())
# Words that take the status back: "was nearly killed", "was not arrested".
_HEDGES = frozenset("not never nearly almost narrowly n't".split())
# A person's end: after it, nothing else befalls him.
FINAL = frozenset({"killed", "executed", "dead"})
# What lasts a while only: told in a sentence of a past year, it was then, not now ("Tony
# Martin was jailed for shooting a burglar in 1999", in 2005).
_PASSING = frozenset({"arrested", "detained", "kidnapped", "jailed"})


@dataclass(frozen=True)
class Status:
    """What befell an actor ("killed", "resigned") and the mention whose sentence reports it."""

    label: str
    mention: Mention


# What can befall an organisation; a state or a group ("Iraqis") has no status of its own.
_OF_ORGANISATIONS = frozenset({"filed for bankruptcy", "collapsed", "nationalised"})


def status_of(mentions: list[Mention], kind: str) -> Status | None:
    """The latest status the sources report of a person or an organisation (by publication,
    then text order); a death is final, whatever later sources say of the person's past, and
    cited from its first report."""
    if kind not in ("person", "organisation"):
        return None
    found = [
        s
        for m in mentions
        if (s := _reported(m)) is not None and (kind == "person") != (s.label in _OF_ORGANISATIONS)
    ]
    if not found:
        return None
    final = [s for s in found if s.label in FINAL]
    # A death is told from its first report on; any other status, as the latest tells it.
    return min(final, key=_when) if final else max(found, key=_when)


def _when(status: Status) -> tuple[tuple[int, int, int], tuple[str, int, str], int]:
    sentence = status.mention.sentence
    published = sentence.article.published
    return (
        published.sort_key() if published else (0, 0, 0),
        source_order(sentence.passage.source),
        sentence.passage.start,
    )


def _reported(mention: Mention) -> Status | None:
    sentence = mention.sentence
    head = sentence.span.doc[mention.end - 1]
    if sentence.quoted(head.idx - sentence.span.start_char):
        return None
    subject = head
    while subject.dep_ == "conj" and subject.head.i != subject.i:
        subject = subject.head  # "Annabi and his deputy were killed"
    # "The deposed dictator, Saddam Hussein, was executed": the role's verb before its epithet.
    role = _role_of(subject)
    described = _befell(role) if role is not None else None
    label = (
        _befell(subject)
        or described
        or _attributed(head)
        or _after_doing(subject)
        or _body_named(subject)
    )
    if label is None or (label in _PASSING and _retells(mention, label)):
        return None
    return Status(label, mention)


def _role_of(name: Token) -> Token | None:
    """The role a name stands beside ("the deposed dictator, Saddam Hussein"); not one that
    names another ("the killer of the minister, Anna Berg", where the name may be either)."""
    role = name.head
    if name.dep_ != "appos" or any(_of_someone(c) for c in role.children if c.dep_ == "prep"):
        return None
    return role


def _of_someone(preposition: Token) -> bool:
    """ "of the minister", "of Anna Berg": a person the role is held towards, whom the name
    beside may be ("the former prime minister of Pakistan" is no one)."""
    return any(
        o.ent_type_ == "PERSON" or is_role_noun(o.lemma_)
        for o in preposition.children
        if o.dep_ == "pobj"
    )


def _befell(subject: Token) -> str | None:
    verb = subject.head
    if subject.dep_ == "poss" and verb.lemma_ in _BODY:
        body = verb
        verb = body.head
        found = body.dep_ in ("nsubjpass", "dobj") and verb.lemma_ in _FOUND
        return "dead" if found and _told_done(verb) else None
    relative = [c for c in subject.children if c.dep_ == "relcl"]
    for clause in relative:  # "X, who was killed in 2004"
        whom = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if whom and whom[0].lower_ in ("who", "that") and (label := _label(whom[0], clause)):
            return label
    return _label(subject, verb)


def _body_named(name: Token) -> str | None:
    """ "The body … has been identified as that of Briton Ann Barnes": found dead."""
    of = name.head
    that = of.head
    verb = that.head.head
    if name.dep_ != "pobj" or of.lower_ != "of" or that.lower_ not in ("that", "those"):
        return None
    if that.dep_ != "pobj" or that.head.lower_ != "as" or verb.lemma_ not in _FOUND:
        return None
    body = any(c.dep_ == "nsubjpass" and c.lemma_ in _BODY for c in verb.children)
    return "dead" if body and _told_done(verb) else None


def _after_doing(subject: Token) -> str | None:
    """ "(A day) after filing for bankruptcy, Lehman Brothers is heading into court", "X returned
    home after being freed": what the subject did or underwent before its verb's deed, unless
    that deed is still to come or in doubt ("will sell … after filing", "if she returns after
    …"). Only what lasts: a verb may undo what passes ("was cleared a year after being
    charged", "escaped days after being kidnapped"), or a return may undo a resignation."""
    verb = subject.head
    if subject.dep_ not in ("nsubj", "nsubjpass") or told_open(verb) or _undoes(verb):
        return None
    if any(c.tag_ == "MD" for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return None
    deeds = (_deed(deed) for deed in _done_before(verb))
    return next((label for label in deeds if label and label.split(" as ")[0] in _LASTING), None)


# What an "after …" clause may tell as the subject's status: a state that does not pass of
# itself ("freed" ends only by a new capture, which is a status of its own).
_LASTING = frozenset(
    {"resigned", "stepped down", "filed for bankruptcy", "collapsed", "nationalised", "freed"}
    | {"dead", "killed", "executed", "convicted", "sentenced"}
)
# Main verbs that take back what the "after …" clause told.
_UNDOING = frozenset(
    "reinstate restore rejoin re-elect reelect reappoint rehire clear pardon exonerate escape"
    " overturn quash recapture".split()
)
_OFFICE = frozenset(
    "power office post job government helm presidency premiership cabinet parliament".split()
)


def _undoes(verb: Token) -> bool:
    """ "was cleared …", "returned to power …": the main verb undoes a status."""
    lemma = verb.lemma_.lower()
    again = verb.lower_.removeprefix("re-").removeprefix("re")  # "rearrested", "re-jailed"
    if lemma in _UNDOING or (again != verb.lower_ and _stem(again) in _PASSIVE):
        return True
    back_to = [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"]
    return lemma == "return" and any(o.lemma_ in _OFFICE for p in back_to for o in p.children)


def _done_before(verb: Token) -> list[Token]:
    """The gerunds of "after …" on the verb, or on its measure of time ("a day after …")."""
    anchors = [verb, *(c for c in verb.children if c.dep_ == "npadvmod")]
    afters = [c for a in anchors for c in a.children if c.dep_ == "prep" and c.lower_ == "after"]
    return [c for after in afters for c in after.children if c.dep_ == "pcomp"]


def _deed(gerund: Token) -> str | None:
    """What a gerund ("filing for bankruptcy", "being freed") says befell its subject."""
    if any(c.lower_ in _HEDGES for c in gerund.children):
        return None
    lemma = gerund.lemma_.lower()
    if any(c.dep_ == "auxpass" for c in gerund.children):
        if any(_another_verb(lemma, p) for p in gerund.children if p.dep_ == "prep"):
            return None  # "after being released from hospital"
        return _PASSIVE.get(lemma)
    return _with_office(_phrasal(gerund) or _ACTIVE.get(lemma), gerund)


def _attributed(name: Token) -> str | None:
    """ "the recently indicted Lewis Libby", "the ousted president, Saddam Hussein": a participle
    on the name, or on the role it stands beside, says what befell the person; not a state that
    may be past ("the once jailed Mandela"), nor a word that also describes ("a fired-up
    Obama", "a visibly charged Sarkozy")."""
    nouns = [name, *filter(None, [_role_of(name)])]
    for noun in nouns:
        for child in noun.children:
            if child.dep_ != "amod" or _hedged_epithet(child):
                continue
            verb = _verb_of(child)
            if verb in _EPITHETS:
                return _PASSIVE[verb]
    return None


# Verbs whose participle before a name says what befell the person ("the deposed president").
_EPITHETS = frozenset(
    {
        *"assassinate murder execute oust topple overthrow depose".split(),
        *"sack indict convict jail imprison".split(),
    }
)
_ONCE = frozenset("once formerly previously former".split())


def _hedged_epithet(participle: Token) -> bool:
    """ "the once jailed", "the formerly imprisoned", "fired-up": no status now."""
    doc, i = participle.doc, participle.i
    before = {c.lower_ for c in participle.children} | ({doc[i - 1].lower_} if i > 0 else set())
    hyphened = i + 1 < len(doc) and doc[i + 1].text == "-"
    return hyphened or bool(before & (_HEDGES | _ONCE))


def _retells(mention: Mention, label: str) -> bool:
    """A year before its source's dates the verb that tells the status ("was jailed in 1999",
    in 2005): it may have ended since. Not a year of something else in the sentence ("for the
    killing of Jackson, who died in June 2009"), nor one it has lasted since ("detained since
    2006")."""
    published = mention.sentence.article.published
    if published is None:
        return False
    span = mention.sentence.span
    verbs = {t.i for t in span if label in (_PASSIVE.get(t.lemma_), _ACTIVE.get(t.lemma_))}
    # "In 2005, the jailed X won …": the epithet is dated by the verb its name is part of.
    verbs.add(_governing_verb(span.doc[mention.end - 1]).i)
    for year in span:
        if not (year.ent_type_ == "DATE" and year.text.isdigit() and len(year.text) == 4):
            continue
        if int(year.text) >= published.year:
            continue
        phrase = _dated_phrase(year)
        preposition = phrase.head
        if phrase.dep_ == "pobj" and preposition.lower_ != "since" and preposition.head.i in verbs:
            return True
    return False


def _dated_phrase(year: Token) -> Token:
    """The phrase a year dates: "June 2009", "in a 2009 raid" (not "over the 2009 murder",
    which dates the murder)."""
    phrase = year
    while phrase.head.ent_type_ == "DATE" and phrase.head.i != phrase.i:
        phrase = phrase.head
    if phrase.dep_ in _MODIFIER and phrase.head.dep_ == "pobj":
        if phrase.head.head.lower_ in ("in", "during"):
            phrase = phrase.head
    return phrase


def _governing_verb(token: Token) -> Token:
    """The nearest verb above the token, or the root of its sentence."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


_MODIFIER = frozenset({"compound", "nmod", "amod", "nummod"})


def _verb_of(participle: Token) -> str:
    """The verb a participle is made from, also where the model calls it an adjective
    ("ousted", "jailed")."""
    return participle.lemma_.lower() if participle.tag_ == "VBN" else _stem(participle.lower_)


def _stem(word: str) -> str:
    """The status verb a past participle is made from ("jailed" → "jail"), or ""."""
    stems = (word[:-2], word[:-1]) if word.endswith("ed") else ()
    return next((stem for stem in stems if stem in _PASSIVE), "")


def _label(subject: Token, verb: Token) -> str | None:
    if not _told_done(verb):
        return None
    lemma = verb.lemma_.lower()
    if subject.dep_ == "nsubjpass":
        if lemma in ("confirm", "find") and any(c.lower_ == "dead" for c in verb.children):
            return "dead"
        if any(_another_verb(lemma, p) for p in verb.children if p.dep_ == "prep"):
            return None
        return _PASSIVE.get(lemma)
    if subject.dep_ != "nsubj":
        return None
    return _with_office(_phrasal(verb) or _ACTIVE.get(lemma), verb)


def _with_office(label: str | None, verb: Token) -> str | None:
    """ "stepped down as president": a leaving says what was left."""
    leaving = label in ("resigned", "stepped down")
    return f"{label} {office}" if leaving and (office := _as_office(verb)) else label


def _as_office(verb: Token) -> str | None:
    """ "as president" in "stepped down as president": the office left, which may not be the
    one the actor holds at the latest source."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            words = [t for o in child.children if o.dep_ == "pobj" for t in o.subtree]
            if words:
                return "as " + " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    return None


def _phrasal(verb: Token) -> str | None:
    """ "stepped down", "filed for bankruptcy"."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        particle = [child.lower_] if child.dep_ in ("prt", "advmod") else []
        objects = [o.lemma_ for o in child.children] if child.dep_ == "prep" else []
        for word in particle + objects:
            if (lemma, word) in _PHRASAL:
                return _PHRASAL[(lemma, word)]
    return None


def _told_done(verb: Token) -> bool:
    """Told as done, without a hedge ("was nearly killed") or a modal."""
    if any(c.lower_ in _HEDGES for c in verb.children if c.dep_ in ("neg", "advmod")):
        return False
    return tells_done(verb, bare_participle=False)


def _another_verb(lemma: str, preposition: Token) -> bool:
    """ "released from hospital", "fired on": not a captive freed, not a dismissal."""
    if lemma == "fire":
        return preposition.lower_ in ("on", "upon", "at")
    objects = {o.lemma_.lower() for o in preposition.children}
    return lemma == "release" and preposition.lower_ == "from" and "hospital" in objects
