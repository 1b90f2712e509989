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
from briefer.analysis.currency import tells_done
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
    label = _befell(subject) or _attributed(head)
    if label is None or (label in _PASSING and _retells(mention)):
        return None
    return Status(label, mention)


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


def _attributed(name: Token) -> str | None:
    """ "the recently indicted Lewis Libby", "the ousted president, Saddam Hussein": a participle
    on the name, or on the role it stands beside, says what befell the person."""
    nouns = [name, name.head] if name.dep_ == "appos" else [name]
    for noun in nouns:
        for child in noun.children:
            hedged = any(c.lower_ in _HEDGES for c in child.children)
            if child.dep_ == "amod" and not hedged and (label := _PASSIVE.get(_verb_of(child))):
                return label
    return None


def _retells(mention: Mention) -> bool:
    """The sentence names a year before its source's: what it tells befell the person may have
    ended since ("in April 2002 … the kidnapped Chávez was returned to power")."""
    published = mention.sentence.article.published
    return published is not None and any(
        t.ent_type_ == "DATE"
        and t.text.isdigit()
        and len(t.text) == 4
        and int(t.text) < published.year
        for t in mention.sentence.span
    )


def _verb_of(participle: Token) -> str:
    """The verb a participle is made from, also where the model calls it an adjective
    ("ousted", "jailed")."""
    if participle.tag_ == "VBN":
        return participle.lemma_.lower()
    word = participle.lower_
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
    label = _phrasal(verb) or _ACTIVE.get(lemma)
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
