"""The story as it stands at the latest source: when each sentence was published within the
story's span, which sentences state a plan, and which an earlier source's statement a later one
has overtaken ("remains in office" -> "resigned"; "will visit" -> "met").

Every rule reads grammar and dates only (tense, subject, a closed list of English verbs that
report a change of state), never a topic's own words.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from briefer.analysis.parse import Span, Token
from briefer.analysis.sentence import Sentence, verb_tense
from briefer.analysis.text import content_words, similarity
from briefer.models import PartialDate

# Verbs whose past tense ends the state of their subject ("he resigned", "the talks
# collapsed") or, given an object or a passive subject, of that ("troops freed him", "he was
# released"). They overtake an earlier "remains", "is held", "leads".
SUBJECT_ENDINGS = frozenset("resign quit retire die flee collapse".split())
OBJECT_ENDINGS = frozenset(
    "release free kill oust topple overthrow depose defeat replace sack fire arrest"
    " detain capture end halt stop suspend cancel postpone withdraw abandon reject veto repeal"
    " overturn lift close".split()
)
ENDING_VERBS = SUBJECT_ENDINGS | OBJECT_ENDINGS
# Verbs whose past tense reports that a planned thing took place: they overtake a plan.
DOING_VERBS = frozenset(
    "visit meet travel arrive hold sign complete finish begin start launch open pass approve"
    " adopt ratify elect appoint vote".split()
)
# Present-tense verbs that assert a continuing state: the kind of statement a later ending
# overtakes; so does a present passive ("is held", "are detained").
STATE_VERBS = frozenset("be remain stay continue keep lead run head control".split())
_SUBJECTS = ("nsubj", "nsubjpass")
PERFECT_AUX = frozenset({"have", "has", "had", "'ve", "'s", "'d"})


def day_number(published: PartialDate | None) -> int | None:
    """A publication date as a day count; a month or year alone counts from its first day."""
    if published is None:
        return None
    return date(published.year, published.month or 1, published.day or 1).toordinal()


def ahead_of(date: PartialDate, published: PartialDate | None) -> int | None:
    """1, 0 or -1 as `date` lies after, on or before `published`, compared at the coarser of
    their precisions (the day, or the month for a month date); None without a publication."""
    if published is None:
        return None
    depth = min(_precision(date), _precision(published))
    own, theirs = date.sort_key()[:depth], published.sort_key()[:depth]
    return (own > theirs) - (own < theirs)


def _precision(date: PartialDate) -> int:
    return 3 if date.day is not None else 2 if date.month is not None else 1


@dataclass(frozen=True)
class StorySpan:
    """First and last publication day of the dated sources."""

    first: int | None
    last: int | None

    @classmethod
    def of(cls, dates: Iterable[PartialDate | None]) -> StorySpan:
        days = [d for d in map(day_number, dates) if d is not None]
        return cls(min(days, default=None), max(days, default=None))

    def recency(self, published: PartialDate | None) -> float | None:
        """0 for the first day of the story, 1 for the last; None when undated or one day."""
        day = day_number(published)
        if day is None or self.first is None or self.last is None or self.last == self.first:
            return None
        return (day - self.first) / (self.last - self.first)

    def is_latest(
        self, published: PartialDate | None, window: float, most_days: float = math.inf
    ) -> bool:
        """Whether `published` falls in the last `window` share of the span, and within
        `most_days` of its end (at least its last day): the sources that tell the story as it
        stands now."""
        day = day_number(published)
        if day is None or self.last is None or self.first is None:
            return False
        return day >= self.last - max(0.0, min(window * (self.last - self.first), most_days))

    def later_exists(self, published: PartialDate | None) -> bool:
        """Whether some dated source was published after `published`."""
        day = day_number(published)
        return day is not None and self.last is not None and day < self.last


def main_verbs(span: Span) -> list[Token]:
    """The verbs that carry what a sentence asserts: its root and, when the root reports speech
    ("X will go, an official said"), the reported clause; a headline's "X to do Y" counts."""
    root = span.root
    verbs = [root] if root.pos_ in ("VERB", "AUX") else []
    for child in root.children:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
            verbs.append(child)
        elif (
            root.pos_ in ("NOUN", "PROPN") and child.dep_ in ("relcl", "acl") and _infinitive(child)
        ):
            verbs.append(child)  # headline grammar: "Minister to visit capital"
    return verbs


def _infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)


def _future(verb: Token) -> bool:
    """Future tense, or headline grammar for a plan: an infinitive as the main verb ("Minister
    to visit capital") or hung on the headline's noun ("Top diplomat Smith to raise issue")."""
    if verb_tense(verb) == "future":
        return True
    if not _infinitive(verb):
        return False
    return verb.dep_ == "ROOT" or (verb.head.pos_ in ("NOUN", "PROPN") and verb.dep_ != "xcomp")


def _past(verb: Token) -> bool:
    """Past or present perfect: something that happened."""
    if verb.tag_ == "VBD":
        return True
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBN" and bool(auxiliaries & (PERFECT_AUX | {"was", "were"}))


_CONDITIONS = frozenset({"if", "unless"})
_PAST_AUX = frozenset({"did", "had", "was", "were"})
# Participles that put what they govern ahead: "results expected later today", "is scheduled".
EXPECTING = frozenset("expect due set schedule".split())
# Verbs of going whose present progressive is an arrangement: "is travelling there on Saturday".
GOING = frozenset("travel go head fly leave return come visit".split())
# Verbs that report a journey done: "is travelling to Haiti on Saturday" -> "arrived on a
# Coast Guard plane".
ARRIVING = frozenset("arrive land reach visit".split())


def tells_done(verb: Token, bare_participle: bool) -> bool:
    """The verb tells what it dates as done: a simple past outside a condition ("if it won")
    that does not announce something to come ("said on Monday that he will …"), a past
    auxiliary ("did not sign", "has met", "was held", "had been preparing"), or, when
    `bare_participle` is allowed, a participle without one ("the campaign launched today";
    not "the book, published tomorrow", where the date says it is still to come)."""
    if verb.lemma_ in EXPECTING or told_open(verb):
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & (_MODALS | {"will", "shall", "'ll", "to"}):
        return False
    if verb.tag_ == "VBD" or aux & _PAST_AUX:
        return True
    if verb.tag_ != "VBN":
        return False
    return bool(aux & PERFECT_AUX - {"'s"}) or (bare_participle and not aux)


def told_open(verb: Token) -> bool:
    """A condition ("if it won …") or an announcement of something to come ("said … that he
    will …"): the verb does not tell its own clause as done."""
    return announces_future(verb) or any(
        c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in verb.children
    )


def announces_future(verb: Token) -> bool:
    """The verb announces something to come ("said … that he will …", "confirmed that they
    will not lead …")."""
    return any(c.dep_ == "ccomp" and _future(c) for c in verb.children)


def arranged(verb: Token) -> bool:
    """An expectation ("are expected today", "results expected later today") or a going under
    way in the present progressive ("is travelling to the capital on Saturday")."""
    if verb.lemma_ in EXPECTING and verb.tag_ == "VBN":
        return True
    present = {c.lower_ for c in verb.children if c.dep_ == "aux"} & {
        "is",
        "are",
        "am",
        "'s",
        "'re",
    }
    return verb.tag_ == "VBG" and verb.lemma_ in GOING and bool(present)


def is_plan(sentence: Sentence) -> bool:
    """The sentence asserts something still to come: a main verb in the future tense, or a
    headline's "X to do Y"."""
    return states_plan(sentence.span)


def states_plan(span: Span) -> bool:
    """`is_plan` for any parsed text, such as a headline."""
    return any(_future(v) for v in main_verbs(span))


# Verbs whose infinitive is still to come when they are told: "agreed to hold a conference",
# "announced plans to host a summit".
_COMMITTING = frozenset("agree pledge promise vow plan intend decide announce unveil".split())


def announces_plan(sentence: Sentence) -> bool:
    """The sentence tells, in the past, that someone committed to something still to come then
    ("Bush announced plans yesterday to host a summit", "the ministers agreed to hold …"): by a
    later source, that plan has happened or not."""
    return any(
        _past(verb)
        and verb.lemma_ in _COMMITTING
        and any(c.dep_ == "xcomp" and _infinitive(c) for c in verb.children)
        for verb in main_verbs(sentence.span)
    )


@dataclass(frozen=True)
class Party:
    """The content words of one party to a verb, and which of them are names."""

    words: frozenset[str]
    names: frozenset[str]

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> Party:
        words = content_words(" ".join(t.text for t in tokens))
        names = content_words(" ".join(t.text for t in tokens if t.pos_ == "PROPN"))
        return cls(words, names & words)

    def matches(self, other: Party, named: bool = True) -> bool:
        """Most of the smaller party's words shared, and a name among them whenever both
        parties have names (or `named` asks for one), more than half the names of the one with
        fewer: "Mike Pompeo" is "Pompeo", "minister Lars Holm" is not "minister Anna Berg",
        the "Bank of Korea" is not the "Bank of England", and "people" is nobody in particular."""
        shared = self.words & other.words
        if not shared or len(shared) / min(len(self.words), len(other.words)) < SAME_PARTY:
            return False
        if self.names and other.names:
            fewer = min(len(self.names), len(other.names))
            return len(shared & self.names & other.names) > SAME_PARTY * fewer
        if named:
            return bool(shared & self.names & other.names)
        return True


_NOBODY = Party(frozenset(), frozenset())


_NAMING = ("compound", "appos", "amod", "flat", "nmod", "nummod")
_COPULAS = frozenset({"be", "have", "become", "seem"})


def _name_of(head: Token) -> list[Token]:
    """A noun phrase without its modifiers: the head, its compounds and appositions, not "in
    Haiti" or "of the group", so a party is who it is and not what it is near; but a name's
    own "of" is its name ("the Bank of Korea" is not "the Bank of England")."""
    out = [head]
    for child in head.children:
        if child.dep_ in _NAMING:
            out.extend(_name_of(child))
        elif head.pos_ == "PROPN" and child.dep_ == "prep" and child.lower_ == "of":
            out.extend(t for o in child.children if o.pos_ == "PROPN" for t in _name_of(o))
    return out


@dataclass(frozen=True)
class Act:
    """One main verb of a sentence: its lemma, tense, and who does it and to whom."""

    lemma: str
    agent: Party  # the active subject
    patient: Party  # the object, or the passive subject
    state: bool  # present tense of a state verb or present passive: "remains", "is held"
    plan: bool  # future: "will visit", headline "to visit"
    done: bool  # past tense or present perfect

    @classmethod
    def of(cls, verb: Token) -> Act:
        def party(deps: tuple[str, ...]) -> Party:
            tokens = [t for c in verb.children if c.dep_ in deps for t in _name_of(c)]
            return Party.of(tokens) if tokens else _NOBODY

        passive = [c for c in verb.children if c.dep_ == "auxpass"]
        present_passive = any(c.tag_ in ("VBZ", "VBP") for c in passive)
        return cls(
            verb.lemma_,
            party(("nsubj",)),
            party(("nsubjpass", "dobj")),
            (verb.tag_ in ("VBZ", "VBP") and verb.lemma_ in STATE_VERBS) or present_passive,
            _future(verb) and verb.lemma_ not in _COPULAS,
            _past(verb) and verb.lemma_ not in _COPULAS,
        )

    def affected(self) -> Party:
        """Whose state an ending verb ends."""
        if self.lemma in SUBJECT_ENDINGS or not self.patient.words:
            return self.agent
        return self.patient

    def ends(self, state: Act) -> bool:
        """This later act ends `state`: an ending verb in the past whose affected party is the
        state's subject."""
        subject = state.agent if state.agent.words else state.patient
        return self.done and self.lemma in ENDING_VERBS and self.affected().matches(subject)

    def fulfils(self, plan: Act) -> bool:
        """This later act reports `plan` done or called off: a verb of doing or ending in the
        past by the same named agent, or the very verb of the plan on the same agent (else,
        without an agent, the same patient: "will launch an appeal" -> "launched an appeal")."""
        if not self.done:
            return False
        if self.lemma == plan.lemma:
            if plan.agent.words or self.agent.words:
                return self.agent.matches(plan.agent, named=False)
            return self.patient.matches(plan.patient, named=False)
        return self.lemma in DOING_VERBS | ENDING_VERBS and self.agent.matches(plan.agent)


def acts(sentence: Sentence) -> tuple[Act, ...]:
    return tuple(Act.of(v) for v in main_verbs(sentence.span))


def overtakes(later: Sentence, earlier: Sentence) -> bool:
    """Whether `later` (from a later source) ends a state `earlier` asserts, or reports the
    outcome of a plan it announces, on the same matter."""
    return _overtakes(later, acts(later), earlier, acts(earlier))


def _overtakes(
    later: Sentence, later_acts: tuple[Act, ...], earlier: Sentence, own: tuple[Act, ...]
) -> bool:
    pairs = [(a, b) for a in own for b in later_acts]
    if not any((a.state and b.ends(a)) or (a.plan and b.fulfils(a)) for a, b in pairs):
        return False
    same_verb = any(a.lemma == b.lemma for a, b in pairs)
    overlap = similarity(content_words(earlier.text), content_words(later.text))
    return same_verb or overlap >= SAME_MATTER


def supersessions(sentences: Sequence[Sentence]) -> dict[int, Sentence]:
    """For each sentence a later source has overtaken, keyed by `id(sentence)`, the first later
    sentence that overtakes it (see `overtakes`)."""
    dated = [(day_number(s.article.published), s, acts(s)) for s in sentences]
    changes = [(d, s, a) for d, s, a in dated if d is not None and any(x.done for x in a)]
    # Overtaking needs a party of a later act to share a word with a party of the earlier one
    # (`Party.matches`): only the changes that share one are tried, in their order, so the first
    # found is the one a scan of every change would find, without comparing every pair.
    by_word = _changes_by_word([later_acts for _, _, later_acts in changes])
    found: dict[int, Sentence] = {}
    for day, sentence, own in dated:
        if day is None or not any(a.state or a.plan for a in own):
            continue
        tried = [changes[n] for n in _sharing_a_word(own, by_word)]
        later = _first_overtaking(day, sentence, own, tried)
        if later is not None:
            found[id(sentence)] = later
    return found


_Change = tuple[int | None, Sentence, tuple[Act, ...]]  # day, sentence, its acts


def _first_overtaking(
    day: int, sentence: Sentence, own: tuple[Act, ...], changes: Iterable[_Change]
) -> Sentence | None:
    for later_day, later, later_acts in changes:
        if later_day is not None and later_day > day:
            if _overtakes(later, later_acts, sentence, own):
                return later
    return None


def _changes_by_word(changes: Sequence[tuple[Act, ...]]) -> dict[str, list[int]]:
    """Word -> the positions of the changes one of whose parties has it, in order."""
    by_word: dict[str, list[int]] = defaultdict(list)
    for n, later_acts in enumerate(changes):
        for word in _party_words(later_acts):
            by_word[word].append(n)
    return by_word


def _sharing_a_word(own: tuple[Act, ...], by_word: dict[str, list[int]]) -> list[int]:
    """The positions, in order, of the changes a party of which shares a word with `own`'s."""
    return sorted({n for word in _party_words(own) for n in by_word.get(word, ())})


def _party_words(own: tuple[Act, ...]) -> set[str]:
    return {w for act in own for party in (act.agent, act.patient) for w in party.words}


SAME_PARTY = 0.5  # share of the smaller party's content words two parties share
SAME_MATTER = 0.25  # share of content words two sentences on the same matter share


# Occasions a plan hangs on and a later report looks back on: "his upcoming trip" -> "his
# recent visit". The nouns name an outing or a gathering, in general English.
OCCASIONS = frozenset("trip visit tour journey mission summit meeting talks".split())
_AHEAD = frozenset("upcoming forthcoming coming planned scheduled next".split())
_BEHIND = frozenset("recent last past previous earlier".split())


def _occasion_nouns(span: Span, modifiers: frozenset[str] | None = None) -> set[str]:
    """Lemmas of occasion nouns in `span`; with `modifiers`, only those so qualified."""
    found = set()
    for token in span:
        if token.pos_ != "NOUN" or token.ent_type_:
            continue
        qualified = modifiers is None or any(
            c.dep_ == "amod" and c.lower_ in modifiers for c in token.children
        )
        if qualified and (token.lemma_ in OCCASIONS or modifiers is _AHEAD):
            found.add(token.lemma_)
    return found


_COMING_TIMES = frozenset("weekend week month tomorrow".split())


def awaits_occasion(sentence: Sentence) -> bool:
    """The sentence speaks of an outing or gathering still to come at its publication ("this
    weekend's meeting", "next week's summit", "the upcoming visit"): once a later source
    exists, what it says of it may have been overtaken by the occasion itself."""
    for token in sentence.span:
        if token.pos_ != "NOUN" or token.lemma_ not in OCCASIONS:
            continue
        for child in token.children:
            if child.dep_ == "amod" and child.lower_ in _AHEAD:
                return True
            if child.dep_ == "poss" and _coming(child):
                return True
    return False


def _coming(time: Token) -> bool:
    """ "tomorrow", "this weekend", "next week": a time still to come."""
    if time.lemma_ not in _COMING_TIMES:
        return False
    return time.lemma_ == "tomorrow" or any(
        c.lower_ in ("this", "next", "coming") for c in time.children
    )


def _owned_occasions(span: Span) -> set[str]:
    """Someone's occasion: "his visit", "Berg's trip" (not "after meetings in Bergen")."""
    return {
        t.lemma_
        for t in span
        if t.pos_ == "NOUN" and t.lemma_ in OCCASIONS and any(c.dep_ == "poss" for c in t.children)
    }


def _names(span: Span) -> set[str]:
    return {t.lower_ for t in span if t.pos_ == "PROPN"}


# Verbs of going somewhere: "will travel to Uzbekistan" plans an outing as much as "a trip".
_OUTINGS = frozenset("travel visit tour fly go meet".split())


def looks_back_on(later: Sentence, plan: Sentence) -> bool:
    """`later` speaks of an outing or gathering as past ("his recent visit") that `plan`
    looked ahead to: by an occasion noun and one shared name ("his upcoming trip", Pompeo),
    or by a verb of going and two shared names (Pompeo "will travel to Uzbekistan")."""
    if not _occasion_nouns(later.span, _BEHIND):
        return False
    shared = _names(plan.span) & _names(later.span)
    if _occasion_nouns(plan.span, _AHEAD) | _owned_occasions(plan.span):
        return len(shared) >= 1
    going = any(v.lemma_ in _OUTINGS and _future(v) for v in main_verbs(plan.span))
    return going and len(shared) >= 2


_MODALS = frozenset("may might could would should must".split())


def _planned_verbs(plan: Sentence) -> list[Token]:
    """The plan's own future verbs: not those inside a quotation, where the speaker's "will"
    is an opinion of the moment rather than a plan of the story."""
    start = plan.span.start_char
    return [v for v in main_verbs(plan.span) if _future(v) and not plan.quoted(v.idx - start)]


def _done_by(later: Sentence, lemmas: set[str]) -> bool:
    """`later` says, without hedging, that one of these verbs has happened."""
    return any(
        t.lemma_ in lemmas
        and _past(t)
        and not any(c.lower_ in _MODALS for c in t.children if c.dep_ == "aux")
        for t in later.span
    )


@dataclass(frozen=True)
class PlanIndex:
    """Which sentences hold a word or name, and in how many sources a name stands: an outcome
    shares a name or a party's word with its plan (see `outcome`), so only the sentences
    sharing one are tried, in order, and the first found is the one a full scan finds."""

    sentences: Sequence[Sentence]
    words: dict[str, list[int]]
    name_sources: dict[str, int]

    @classmethod
    def of(cls, sentences: Sequence[Sentence]) -> PlanIndex:
        words: dict[str, list[int]] = defaultdict(list)
        sources: dict[str, set[str]] = defaultdict(set)
        for n, sentence in enumerate(sentences):
            # Parties' words come from tokens ("Ki - moon"), the text's from the text.
            tokens = content_words(" ".join(t.text for t in sentence.span))
            for word in content_words(sentence.text) | tokens | _names(sentence.span):
                words[word].append(n)
            for name in _whole_names(sentence.span):
                sources[name].add(sentence.article.id)
        return cls(sentences, words, {name: len(ids) for name, ids in sources.items()})

    def sharing(self, keys: Iterable[str]) -> list[Sentence]:
        positions = sorted({n for key in keys for n in self.words.get(key, ())})
        return [self.sentences[n] for n in positions]


@dataclass(frozen=True)
class _Dated:
    """What a timeline plan dates: the verb its date hangs on, that date, and the act."""

    verb: Token
    when: PartialDate
    event: Act


def outcome(
    plan: Sentence,
    index: PlanIndex,
    *,
    verb: Token | None = None,
    when: PartialDate | None = None,
) -> Sentence | None:
    """The first sentence of a later source (among `index`'s) that reports what `plan`
    announced as done: it
    looks back on the occasion the plan was for, or overtakes the plan with the same verb in
    the past, unhedged ("will arrive" -> "has arrived"); or, given the `verb` the plan's date
    `when` hangs on, a source published by then tells the same event done (`reports_event`)."""
    day = day_number(plan.article.published)
    lemmas = {v.lemma_ for v in _planned_verbs(plan)}
    dated = None
    if verb is not None and when is not None and not plan.quoted(verb.idx - plan.span.start_char):
        dated = _Dated(verb, when, _event_act(verb))  # a quoted "will" is an opinion
    if day is None or not (lemmas or dated):
        return None
    keys = _names(plan.span) | _party_words(acts(plan)) | _name_words(plan.span)
    if dated is not None:
        keys |= _party_words((dated.event,))
    for later in index.sharing(keys):
        later_day = day_number(later.article.published)
        if later_day is not None and later_day > day and not later.garbled:
            if _tells_outcome(later, plan, lemmas, dated, index):
                return later
    return None


def _tells_outcome(
    later: Sentence, plan: Sentence, lemmas: set[str], dated: _Dated | None, index: PlanIndex
) -> bool:
    if lemmas and (
        looks_back_on(later, plan) or (_done_by(later, lemmas) and overtakes(later, plan))
    ):
        return True
    if dated is None or ahead_of(dated.when, later.article.published) not in (0, -1):
        return False
    return reports_event(later, plan, dated.verb, dated.event, index)


# Verbs too general to name an event by themselves: "is having a fun day", "plans a concert".
_LIGHT = _COPULAS | frozenset(
    "plan take make do get give go hold prepare organise organize".split()
)
RARE_NAME_SOURCES = 3  # a name in at most this many sources is particular to what it names
RARE_NAMES_SHARED = 3  # so many such names shared tell the same occasion


def _event_act(verb: Token) -> Act:
    """The act a plan's date hangs on, its subject taken from the verb it completes when it
    has none ("the delegates agreed to hold a conference")."""
    act = Act.of(verb)
    node = verb
    while not act.agent.words and node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        node = node.head
        act = replace(act, agent=Act.of(node).agent)
    return act


def reports_event(
    later: Sentence, plan: Sentence, verb: Token, event: Act, index: PlanIndex
) -> bool:
    """`later` tells the planned event done: a verb told as done whose parties are the plan's
    (`_same_parties`); the plan's verb as a noun its subject owns, in a sentence telling
    something done ("will address the nation" -> "reacted to Bush's address"); or three names
    particular to the plan's event (found in few sources) in a sentence telling something done."""
    start = later.span.start_char
    done = [
        t
        for t in later.span
        if t.pos_ in ("VERB", "AUX")
        and tells_done(t, bare_participle=t.dep_ == "ROOT")  # "a line stretched" read VBN
        and not later.quoted(t.idx - start)
    ]
    if not done:
        return False
    if any(_same_parties(t, verb, event, later) for t in done):
        return True
    if not any(t in main_verbs(later.span) for t in done):
        return False
    return _named_occasion(later, event) or _rare_names_shared(later, plan, index)


def _same_parties(done: Token, verb: Token, event: Act, later: Sentence) -> bool:
    """The later act's subject is the event's, told in particular words (a name, or two words
    shared), with its object, place or distinctive verb (or an arrival, for a journey); or,
    when nobody else is its subject, the act's subject or object is the event's object, headed
    by the same noun and told in particular words ("the donors' conference", not "the
    conference")."""
    act = Act.of(done)
    if _particular(act.agent, event.agent):
        places = _place_names(verb) & _place_names(done)
        patient = bool(event.patient.words) and act.patient.matches(event.patient, named=False)
        arrived = event.lemma in GOING and act.lemma in ARRIVING
        same_act = act.lemma == event.lemma and act.lemma not in _LIGHT
        return patient or bool(places) or same_act or arrived
    if act.agent.words and event.agent.words and not act.agent.matches(event.patient, False):
        return False  # someone else did it
    if not _heads(verb, ("dobj", "nsubjpass")) & _heads(done, ("nsubj", "nsubjpass", "dobj")):
        return False
    thing = _thing(verb)
    shared = thing.words & content_words(later.text)
    if len(shared) < 2 and not shared & thing.names:
        return False
    return act.lemma == event.lemma or act.lemma in DOING_VERBS


def _particular(party: Party, other: Party) -> bool:
    """The same party, by a shared name or two shared words, not by "people" alone."""
    shared = party.words & other.words
    named = bool(shared & party.names & other.names)
    return party.matches(other, named=False) and (named or len(shared) > 1)


def _heads(verb: Token, deps: tuple[str, ...]) -> set[str]:
    return {c.lemma_ for c in verb.children if c.dep_ in deps and c.pos_ in ("NOUN", "PROPN")}


def _thing(verb: Token) -> Party:
    """The verb's object with its owner: "an international donors' conference"."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    tokens = [t for o in objects for t in _name_of(o)]
    tokens += [t for o in objects for c in o.children if c.dep_ == "poss" for t in c.subtree]
    return Party.of(tokens)


def _place_names(verb: Token) -> set[str]:
    """Names in the verb's objects and prepositional phrases: where or to whom it happens."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    objects += [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    return {t.lower_ for o in objects for t in _name_of(o) if t.pos_ == "PROPN"}


def _named_occasion(later: Sentence, event: Act) -> bool:
    if event.lemma in _LIGHT or not event.agent.names:
        return False
    return any(
        t.pos_ == "NOUN"
        and t.lemma_ == event.lemma
        and any(
            c.dep_ == "poss" and {x.lower_ for x in _name_of(c)} & event.agent.names
            for c in t.children
        )
        for t in later.span
    )


def _rare_names_shared(later: Sentence, plan: Sentence, index: PlanIndex) -> bool:
    shared = _whole_names(plan.span) & _whole_names(later.span)
    rare = [n for n in shared if index.name_sources.get(n, 0) <= RARE_NAME_SOURCES]
    return len(rare) >= RARE_NAMES_SHARED


def _name_words(span: Span) -> frozenset[str]:
    return content_words(" ".join(sorted(_whole_names(span))))


def _whole_names(span: Span) -> set[str]:
    """Each name of a place, body or event as a whole, lower-cased ("mason hall"); not a
    person's, whom a later source names without the event having taken place."""
    names = (" ".join(t.lower_ for t in e if t.pos_ != "DET") for e in span.ents)
    return {n for n, e in zip(names, span.ents, strict=True) if e.label_ in _EVENT_NAMES and n}


_EVENT_NAMES = frozenset("ORG GPE LOC FAC EVENT NORP WORK_OF_ART LAW".split())
