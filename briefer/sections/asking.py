"""Turning a source sentence into a question in its own words, from its parse: inverting an
auxiliary, asking whether a claim or a hedged report holds, or whether a plan will happen.
Each rewrite returns None when the parse does not give a clean question. An unnamed "the bill"
may be named in brackets from the sentence of the same article that introduced it, and a person
the briefing does not lead with is followed by their role in brackets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.introductions import Introduction, inserted_after, with_roles
from briefer.analysis.parse import Span, Token
from briefer.analysis.sentence import Sentence
from briefer.analysis.text import NUMERIC_ENTITIES


@dataclass(frozen=True)
class Asked:
    """A question rebuilt from a passage, with the parse it rests on, so that the selection can
    check what the question names and whether a later source answers it."""

    text: str
    verb: Token  # the verb whose outcome is asked
    subject: Token | None  # that verb's subject
    tokens: tuple[Token, ...]  # the passage's tokens that the question repeats
    future: bool = False  # asks whether something will happen
    speaker: Token | None = None  # who holds a claim ("as X says")
    awaited: bool = False  # a decision awaited ("awaits a vote"), not someone's plan
    resolved: frozenset[int] = frozenset()  # heads named by a bracketed insertion
    referents: tuple[Sentence, ...] = ()  # the earlier passages those insertions quote
    inserted: tuple[Token, ...] = ()  # the words inserted from them


Rewrite = Callable[[Sentence], Asked | None]

_CLAIM_VERBS = {"maintain", "claim", "insist", "say", "allege", "argue", "contend", "assert"}
_WISHES = {"never", "hopefully", "perhaps", "maybe", "surely", "presumably"}
_FUTURE_FRAMES = {"due", "expected", "set", "plan", "intend", "scheduled"}
_FRAME_DEPS = ("ROOT", "acomp", "ccomp", "conj")
_HEDGE_VERBS = {"report", "believe", "think", "say", "rumour", "rumor"}
_HEDGE_ADVERBS = ("reportedly", "allegedly")
_WH = {"whether", "if", "how", "why", "when", "who", "what", "where", "which"}
_SUBORDINATE = {"relcl", "acl", "advcl", "pcomp"}
_UNCLEAR_BEFORE = re.compile(
    r"(unclear|uncertain|not clear|not known|not sure|not yet certain)\W*$"
)
_AUXILIARIES = {
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "can",
    "could",
    "will",
    "would",
    "should",
    "may",
    "might",
    "must",
    "does",
    "do",
    "did",
}
# Subjects a reader cannot resolve outside the article.
_VAGUE_SUBJECTS = {"it", "this", "that", "there", "which", "who"}
_PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it"}
MAX_QUESTION_WORDS = 45


def _text(tokens: Iterable[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip(" ,;:.—–-")


def _lower_first(text: str, first: Token, sentence: Sentence) -> str:
    if first.pos_ == "PROPN" or (first.text.isupper() and len(first.text) > 1) or first.text == "I":
        return text
    if first.pos_ == "NOUN" and _written_as_name(first.text, sentence.article.text):
        return text  # "Euronext chief executive …": the tagger missed the name
    if first.ent_type_ and first.ent_type_ not in NUMERIC_ENTITIES and first.pos_ != "DET":
        return text  # "British troops", "Iraqi officials": names keep their capital
    if first.tag_ == "NN" and first.dep_.startswith("nsubj") and _child(first, "det") is None:
        return text  # "Curveball is …": a bare singular subject is a name the tagger missed
    return text[:1].lower() + text[1:]


def _written_as_name(word: str, text: str) -> bool:
    """Capitalised inside a sentence of the article and never written in lower case."""
    if not word[:1].isupper() or not word.isalpha():
        return False
    inside = re.search(rf"(?<=[a-z,] ){re.escape(word)}\b", text)
    return inside is not None and re.search(rf"\b{re.escape(word.lower())}\b", text) is None


def _clause_tokens(verb: Token, skip: Sequence[Token] = ()) -> list[Token]:
    """The verb's own clause: its subtree minus coordinated clauses, punctuation at the end
    and the tokens in `skip`."""
    stop = next((c.i for c in verb.children if c.dep_ in ("cc", "conj") and c.i > verb.i), None)
    skip_ids = {t.i for t in skip}
    tokens = [t for t in verb.subtree if (stop is None or t.i < stop) and t.i not in skip_ids]
    while tokens and tokens[-1].dep_ == "punct":
        tokens.pop()
    return tokens


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _subject_tokens(sentence: Sentence, subject: Token) -> list[Token]:
    doc = sentence.span.doc
    # Leave out a relative clause: "officials in China, where …, say" → "officials in China".
    inner = {t.i for c in subject.subtree if c.dep_ in ("relcl", "acl") for t in c.subtree}
    tokens = [t for t in doc[subject.left_edge.i : subject.right_edge.i + 1] if t.i not in inner]
    while len(tokens) > 1 and tokens[-1].text == "," and tokens[-2].text == ",":
        tokens.pop()
    if tokens[-1].text == "," and sum(t.text == "," for t in tokens) % 2:
        tokens.pop()  # the comma before a relative clause left out: "the summit, [hosted …],"
    return tokens


def _subject_text(sentence: Sentence, subject: Token) -> str:
    """The subject with its own punctuation: "the top diplomat, Mike Pompeo," ."""
    tokens = _subject_tokens(sentence, subject)
    text = _lower_first(_text(tokens), tokens[0], sentence)
    return text + "," if tokens[-1].text == "," else text


def _unquoted(sentence: Sentence) -> Iterable[Token]:
    return (t for t in sentence.span if not sentence.quoted(t.idx - sentence.span.start_char))


def _future_frame(token: Token) -> tuple[Token, Token] | None:
    """(verb, frame) when `token` makes a future: "will do", "is due to do", "plans to do",
    "has yet to do"."""
    # "Will Davies, a fellow at the IPPR, told …" is a name: a plan's "will" is lower case.
    if token.text == "will" and token.dep_ == "aux":
        return token.head, token
    if (token.lemma_ in _FUTURE_FRAMES and token.dep_ in _FRAME_DEPS) or _yet_to(token):
        verb = _child(token, "xcomp")
        if verb is not None and verb.tag_ == "VB":
            return verb, token
    return None


def _yet_to(frame: Token) -> bool:
    """ "The channel has yet to find an outlet", "is yet to decide": still awaited."""
    return frame.lemma_ in ("have", "be") and any(
        c.lower_ == "yet" and c.dep_ == "advmod" for c in frame.children
    )


def _future_subject(verb: Token, frame: Token, sentence: Span) -> Token | None:
    """Who will act: the subject of the frame ("X is due to …") or of the verb itself, or the
    one who says they will ("Britain said it will …")."""
    holder = frame.head if frame.dep_ == "acomp" else verb
    subject = _subject(holder) or _subject(verb) or _subject(frame)
    if subject is not None and subject.lower_ == "it":
        subject = _sayer(subject, verb, sentence) or subject
    if subject is None or subject.lower_ in _VAGUE_SUBJECTS:
        return None
    if any(t.dep_ == "mark" or t.pos_ == "SCONJ" for t in subject.subtree):
        return None  # "greed, since that, like lust, will …": a clause inside the subject
    return subject


# What a body, state or people says "it" will do is its own plan when the verb acts on
# something; "it will take years", "it will cost $5bn", "it will go on sale" tell of a thing.
_ITS_OWN = frozenset({"ORG", "GPE", "NORP"})
_SAYING = frozenset("indicate confirm signal pledge promise vow agree decide".split())
_A_THINGS_VERBS = frozenset("take cost need require last enter reach hit mean".split())
_MEASURES = frozenset({"MONEY", "QUANTITY", "DATE", "TIME", "CARDINAL", "PERCENT"})


def _sayer(pronoun: Token, verb: Token, sentence: Span) -> Token | None:
    """The named body, state or people whose words the plan is: "The UK has indicated it will
    reduce its force" is the UK's plan. Only "it", only for a verb that acts on something,
    and not when another such name comes before the pronoun. "He said he will …" is not
    resolved: a spokesman, lawyer or manager speaks of someone else as often as of himself."""
    said = verb.head
    if pronoun.lower_ != "it" or verb.dep_ != "ccomp" or verb.lemma_ in _A_THINGS_VERBS:
        return None
    if said.lemma_ not in lexicon().speech_verbs | _SAYING or not _acts_on_something(verb):
        return None
    sayer = _subject(said)
    if sayer is None or sayer.ent_type_ not in _ITS_OWN or sayer.tag_ == "NNPS":
        return None
    if any(
        e.label_ in _ITS_OWN
        and e.start < pronoun.i
        and not (sayer.left_edge.i <= e.start and e.end - 1 <= sayer.right_edge.i)
        for e in sentence.ents
    ):
        return None  # another it could stand for: "Sony said that after Nintendo's launch it …"
    return sayer


def _acts_on_something(verb: Token) -> bool:
    return any(
        c.dep_ == "dobj" and c.pos_ != "PRON" and c.ent_type_ not in _MEASURES
        for c in verb.children
    )


def _future_rest(verb: Token, subject: Token) -> list[Token]:
    """The predicate after "will": the verb's clause, keeping "be"/"have" between "will" and
    the verb ("will be made", "will have gone")."""
    skip = [t for t in verb.children if t.dep_ == "aux" and t.lower_ in ("will", "to", "'ll")]
    rest = [
        t
        for t in _clause_tokens(verb, skip)
        if t.i >= verb.i
        or (t.head.i == verb.i and t.dep_ in ("aux", "auxpass") and t.i > subject.i)
    ]
    return _without_addition(rest)


def _without_addition(tokens: list[Token]) -> list[Token]:
    """Without a closing "as well" or "too": it adds to something told before, which the
    question does not carry ("Will Y visit Aceh, as well?")."""
    words = [t.lower_ for t in tokens]
    for tail in (["as", "well"], ["too"], ["also"]):
        if len(words) > len(tail) + 1 and words[-len(tail) :] == tail:
            kept = tokens[: -len(tail)]
            while kept and kept[-1].is_bare_punct():
                kept = kept[:-1]
            return kept
    return tokens


def _object_relative(verb: Token) -> bool:
    """ "the case that the Supreme Court will hear": what the verb acts on is the noun the
    clause describes, and a question of the clause alone would lose it ("Will the Supreme
    Court hear this year?")."""
    subject = _subject(verb)
    return verb.dep_ == "relcl" and subject is not None and subject.tag_ not in ("WP", "WDT")


def _indirect_question(verb: Token, subject: Token) -> bool:
    """ "how good a prime minister Brown will make", "what the council will do": a question
    word before the subject asks how or what, and the plan's question would lose it."""
    return any(
        t.tag_ in ("WRB", "WP", "WDT", "WP$")
        for child in verb.children
        if child.i < subject.i and child.dep_ not in ("nsubj", "nsubjpass")
        for t in child.subtree
    )


_GUESSES = frozenset({"probably", "possibly", "perhaps", "maybe"})


def _guessed(rest: list[Token]) -> bool:
    """ "… attack Linux directly, probably with some secret funding": a guess inside the plan,
    which a question cannot ask."""
    return any(t.lower_ in _GUESSES for t in rest)


def _hedged_future(verb: Token) -> bool:
    """ "will never be found" (the negation would be lost), "will have lent weight" (a guess
    about the past) or "will hopefully benefit" (a wish): not a plan to ask about."""
    return any(
        c.dep_ == "neg"
        or c.lower_ in _WISHES
        or (c.dep_ == "aux" and c.lower_ == "have" and verb.tag_ == "VBN")
        for c in verb.children
    )


# Verbs that foretell a state, not something anyone will do: "will remain", "will be needed".
_STATE_VERBS = frozenset("be remain stay continue need seem".split())


def _foretold_state(verb: Token, subject: Token) -> bool:
    """ "An American presence will be needed", "the Haitians will continue to need support",
    "the Americans will be damned if they stay": a forecast of how things will be, or of what
    people will undergo, is no plan to ask about ("the single will be released" is one)."""
    if verb.lemma_ in _STATE_VERBS or (verb.dep_ == "xcomp" and verb.head.lemma_ in _STATE_VERBS):
        return True
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return passive and subject.ent_type_ in ("PERSON", "NORP")


def will_question(sentence: Sentence) -> Asked | None:
    """ "X will do Y", "X is due to do Y", "X plans to do Y", "X has yet to do Y" → "Will X do
    Y?"."""
    for token in _unquoted(sentence):
        found = _future_frame(token)
        if found is None:
            continue
        verb, frame = found
        if _hedged_future(verb) or _object_relative(verb):
            continue
        subject = _future_subject(verb, frame, sentence.span)
        if subject is not None and _indirect_question(verb, subject):
            continue
        rest = _future_rest(verb, subject) if subject is not None else []
        if subject is None or not rest or _foretold_state(verb, subject) or _guessed(rest):
            continue
        question = f"Will {_subject_text(sentence, subject)} {_text(rest)}?"
        if len(question.split()) > MAX_QUESTION_WORDS:
            return None
        tokens = (*_subject_tokens(sentence, subject), *rest)
        return Asked(question, verb, subject, tokens, future=True, awaited=_yet_to(frame))
    return None


_DEMANDING = frozenset({"call", "urge"})


def demand_question(sentence: Sentence) -> Asked | None:
    """ "X calls on Y to do Z", "X urged Y to do Z" → "Will Y do Z?": a demand awaits its
    answer."""
    for token in _unquoted(sentence):
        if token.pos_ != "VERB" or token.lemma_ not in _DEMANDING or _child(token, "neg"):
            continue
        addressee = _addressee(token)
        verb = _child(token, "xcomp")
        if addressee is None or verb is None or verb.tag_ != "VB" or verb.i < addressee.i:
            continue
        rest = [t for t in verb.subtree if not (t.dep_ == "aux" and t.lower_ == "to")]
        while rest and rest[-1].dep_ == "punct":
            rest.pop()
        question = f"Will {_subject_text(sentence, addressee)} {_text(rest)}?"
        if len(question.split()) > MAX_QUESTION_WORDS:
            return None
        tokens = (*_subject_tokens(sentence, addressee), *rest)
        return Asked(question, verb, addressee, tokens, future=True, awaited=True)
    return None


def _addressee(demand: Token) -> Token | None:
    """Whom a demand is made of, by name: "calls on Beijing", "urged Iran"; not advice to
    anyone ("urged people to avoid trams")."""
    if demand.lemma_ == "call":
        on = next((c for c in demand.children if c.dep_ == "prep" and c.lower_ == "on"), None)
        addressee = _child(on, "pobj") if on is not None else None
    else:
        addressee = _child(demand, "dobj")
    return addressee if addressee is not None and named(addressee) else None


def awaits_question(sentence: Sentence) -> Asked | None:
    """ "X awaits a vote in Y" → "Will X get a vote in Y?"."""
    for token in sentence.span:
        if token.lemma_ != "await" or token.pos_ != "VERB":
            continue
        subject, obj = _subject(token), _child(token, "dobj")
        if subject is None or obj is None:
            continue
        tail = [t for t in token.subtree if t.i >= obj.left_edge.i]
        cut = next(
            (i for i, t in enumerate(tail) if t.text in ",;" or t.dep_ == "relcl"), len(tail)
        )
        question = f"Will {_subject_text(sentence, subject)} get {_text(tail[:cut])}?"
        tokens = (*_subject_tokens(sentence, subject), *tail[:cut])
        return Asked(question, token, subject, tokens, future=True, awaited=True)
    return None


def _claim(sentence: Sentence, token: Token) -> tuple[Token, list[Token]] | None:
    """(speaker, claimed clause) of a claim verb whose speaker the reader can identify."""
    subject = _subject(token)
    complement = _child(token, "ccomp")
    if subject is None or complement is None or not _claimed_clause(sentence, token, complement):
        return None
    if token.dep_ in _SUBORDINATE or any(c.dep_ == "neg" or c.tag_ == "MD" for c in token.children):
        return None  # "as X insisted …", "no one can claim …": not a claim anyone holds
    if subject.lower_ in _PERSONAL_PRONOUNS | _VAGUE_SUBJECTS:
        return None  # "as he claimed", "as who claim": the reader cannot tell who
    if _a_stance(complement):
        return None
    body = [
        t
        for t in complement.subtree
        if not (t.dep_ == "mark" and t.head.i == complement.i) and t.i > token.i
    ]
    return (subject, body) if body else None


def _between_commas(token: Token) -> bool:
    """An apposition set off by a comma, not one in brackets ("Research (NIESR)")."""
    left = token.left_edge
    return token.dep_ == "appos" and left.i > 0 and left.doc[left.i - 1].text == ","


def _a_stance(verb: Token) -> bool:
    """ "insists that troops can not leave until …", "says that the port must close": what
    must or should be, or cannot be, is a stance, no fact to check; what can be done ("Iraq
    could deploy chemical weapons within 45 minutes") is a claim, and what will be a forecast."""
    modals = {c.lower_ for c in verb.children if c.tag_ == "MD"}
    negated = any(c.dep_ == "neg" for c in verb.children)
    return bool(modals & _DUTY_MODALS or (negated and modals & _ABILITY_MODALS))


_DUTY_MODALS = frozenset({"must", "should"})
_ABILITY_MODALS = frozenset({"can", "ca", "could"})


def _claimed_clause(sentence: Sentence, verb: Token, complement: Token) -> bool:
    """A clause after the claim verb, in the reporter's words, with its own subject (else the
    parse took that subject for the claim's object: "sources claimed 600 fighters were …")."""
    return (
        complement.i > verb.i
        and not sentence.quoted(complement.left_edge.idx - sentence.span.start_char)
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in complement.children)
    )


def claim_question(sentence: Sentence) -> Asked | None:
    """ "X maintains that Y" → "Is it true, as X maintains, that Y?"."""
    for token in sentence.span:
        if token.lemma_ not in _CLAIM_VERBS or token.pos_ != "VERB":
            continue
        found = _claim(sentence, token)
        if found is None:
            continue
        speaker, body = found
        who = _subject_text(sentence, speaker).rstrip(",")
        if any(_between_commas(c) for c in speaker.children):
            who += ","  # an apposition closes: "as Jack Keane, the former vice chief, claimed"
        claim = _lower_first(_text(body), body[0], sentence)
        question = f"Is it true, as {who} {token.text}, that {claim}?"
        claimed = _child(token, "ccomp") or token
        tokens = (*_subject_tokens(sentence, speaker), *body)
        return Asked(question, claimed, _subject(claimed), tokens, speaker=speaker)
    return None


def _hedged_adverb(sentence: Sentence, token: Token) -> Asked | None:
    """ "X has reportedly done Y" → "Is it confirmed that X has done Y?"; not what someone
    "has reportedly said" after the words ("Y, the minister has reportedly said"), which
    would end the question on the attribution."""
    verb = token.head
    if verb.dep_ in _SUBORDINATE:
        return None
    if any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    subject = _subject(verb)
    if subject is None or subject.lower_ in ("it", "this", "that", "which", "who"):
        return None
    clause = _clause_tokens(verb, [token])
    if not clause or _cut_short(sentence, clause[-1]):
        return None
    question = f"Is it confirmed that {_lower_first(_text(clause), clause[0], sentence)}?"
    return Asked(question, verb, subject, tuple(clause))


def _hedged_passive(sentence: Sentence, token: Token) -> Asked | str | None:
    """ "X are reported to have done Y" → "Is it confirmed that X have done Y?"; "" when the
    report cannot be asked at all ("is believed to be …" would need a conjugated verb)."""
    infinitive = _child(token, "xcomp")
    subject = _subject(token)
    if infinitive is None or subject is None or subject.lower_ in ("it", "which", "who"):
        return None
    rest = [t for t in _clause_tokens(infinitive) if not (t.dep_ == "aux" and t.lower_ == "to")]
    if not rest:
        return None
    if _cut_short(sentence, rest[-1]):
        return ""
    if rest[0].lower_ == "be":
        return ""
    who = _subject_text(sentence, subject).rstrip(",")
    body = _text(rest)
    one = subject.tag_ in ("NN", "NNP") and not any(c.dep_ == "conj" for c in subject.children)
    if one and rest[0].tag_ == "VB":
        # "China is thought to extend" → "China extends"; "X and Y are said to have" keep it.
        body = third_person(rest[0].text) + body[len(rest[0].text) :]
    tokens = (*_subject_tokens(sentence, subject), *rest)
    return Asked(f"Is it confirmed that {who} {body}?", infinitive, subject, tokens)


def third_person(verb: str) -> str:
    """The present tense of a verb for one subject: "has", "goes", "carries", "extends"."""
    if verb == "have":
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _cut_short(sentence: Sentence, last: Token) -> bool:
    """The clause asked about ends where the sentence goes on without a break ("… with 1.5
    million Haitians | now believed to be homeless"): the parse cut a phrase in two."""
    following = last.i + 1
    if following >= sentence.span.end:
        return False
    after = sentence.span.doc[following]
    return not (after.pos_ in ("PUNCT", "CCONJ") or after.dep_ in ("cc", "punct"))


def hedged_question(sentence: Sentence) -> Asked | None:
    """A hedged report asked as a question of confirmation."""
    for token in sentence.span:
        question: Asked | str | None
        if token.lower_ in _HEDGE_ADVERBS and token.dep_ == "advmod":
            question = _hedged_adverb(sentence, token)
        elif token.lemma_ in _HEDGE_VERBS and token.tag_ == "VBN":
            question = None if token.dep_ in _SUBORDINATE else _hedged_passive(sentence, token)
        else:
            continue
        if question is not None:
            return question if isinstance(question, Asked) else None
    return None


def _inverted(token: Token) -> tuple[Token, list[Token]] | None:
    """(auxiliary, rest of the clause) of the clause that `token` ("whether") opens."""
    verb = token.head
    subject = _subject(verb)
    aux = next(
        (c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ in _AUXILIARIES),
        verb if verb.lower_ in _AUXILIARIES else None,
    )
    if subject is None or aux is None or subject.i > aux.i:
        return None
    clause = [t for t in _clause_tokens(verb, [token, aux]) if t.i > token.i]
    return (aux, clause) if clause else None


def unclear_question(sentence: Sentence) -> Asked | None:
    """ "It is not clear whether X is Y" → "Is X Y?", inverting the auxiliary of the clause."""
    for token in sentence.span:
        if token.lower_ not in _WH or token.dep_ != "mark":
            continue
        before = sentence.text[: token.idx - sentence.span.start_char].lower()
        found = _inverted(token) if _UNCLEAR_BEFORE.search(before) else None
        if found is None:
            continue
        aux, clause = found
        question = f"{aux.text.capitalize()} {_lower_first(_text(clause), clause[0], sentence)}?"
        verb = token.head
        future = aux.lower_ == "will"
        return Asked(question, verb, _subject(verb), tuple(clause), future=future)
    return None


REWRITES: dict[str, tuple[Rewrite, ...]] = {
    "pending": (awaits_question, demand_question, will_question),
    "disputed": (claim_question,),
    "uncertain": (unclear_question, hedged_question),
    "plan": (will_question,),
}
FALLBACKS: tuple[Rewrite, ...] = (unclear_question, hedged_question, will_question)


# ------------------------------------------------------------------ fit to ask
# A question stands alone in the briefing: the reader has neither the article nor the day.

MIN_QUESTION_WORDS = 6
_NAMING_VERBS = {"call", "name", "dub", "label", "term", "title"}
_HIS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_ITS = {"it", "its", "itself", "they", "them", "their", "theirs", "themselves"}
MIN_CONTENT_WORDS = 4
_NUMERIC = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_VAGUE_DETERMINERS = {"any", "such"}  # "any decision", "such data": of what?
_DEFINITE = {"the", "this", "that", "these", "those"}
_FIRST_SECOND = {"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
# Time words that only make sense on the day the article was written.
_ON_THE_DAY = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|soon|now|currently|at present"
    r"|(?:this|last|next|later this|earlier this) (?:morning|afternoon|evening|week|weekend|month)"
    r"|(?:last|tomorrow) night|in the (?:coming|next|past) (?:hours|days|weeks)"
    r"|at \d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\w+ (?:days?|weeks?|months?) ago"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?![\w’'])",
    re.I,
)
_CAPS_PREFIX = re.compile(r"\b[A-Z]{2,}:")
# A closing single quote run into a capitalised word: "… sparked plot' Security chiefs …".
_RUN_IN_QUOTE = re.compile(r"[a-z][’'] [A-Z]")


def named(token: Token) -> bool:
    """A proper name or a number: words that pick out one thing."""
    return token.pos_ in ("PROPN", "NUM") or token.ent_type_ in _NAMED


def core(phrase: Token) -> list[Token]:
    """The words that say who or what a phrase is: its head, compounds, possessor and
    appositions; not its modifiers ("the plan [of the UN]")."""
    kept = ("compound", "appos", "poss", "flat", "amod")
    return [phrase] + [t for c in phrase.children if c.dep_ in kept for t in c.subtree]


def names_someone(phrase: Token) -> bool:
    """The phrase is a person, a body or a place by name, not a date or a number."""
    return any(
        (t.pos_ == "PROPN" or t.ent_type_ in _NAMED) and t.ent_type_ not in _NUMERIC
        for t in core(phrase)
    )


def identifies(
    head: Token, known: frozenset[str] = frozenset(), kept: frozenset[int] | None = None
) -> bool:
    """Whether a noun phrase tells the reader which thing it is without its article: a name, a
    number, an indefinite or quantified phrase, or a definite one with a naming modifier ("the
    bill on X's Y", "the bill that …"). "the bill", "the spill", "it" do not; `known` holds the
    story's own subject words, which the reader of the briefing has."""
    if head.lower_ in _FIRST_SECOND or head.tag_ in ("PRP", "PRP$", "WDT", "WP"):
        return False
    if head.lower_ in _VAGUE_SUBJECTS:
        return False
    if named(head) or head.lower_ in known:
        return True
    if _unnamed_owner(head, known, kept):
        return False
    det = _child(head, "det")
    if det is None or det.lower_ not in _DEFINITE | _VAGUE_DETERMINERS:
        return True
    return any(_naming(c) for c in head.children if c is not det and (kept is None or c.i in kept))


def _unnamed_owner(head: Token, known: frozenset[str], kept: frozenset[int] | None) -> bool:
    """ "the party's sums": which party? Unless the head is named beside it ("the party's
    leader, Michael Howard")."""
    owner = _child(head, "poss")
    if owner is None or owner.pos_ != "NOUN" or identifies(owner, known, kept):
        return False
    return not any(
        c.dep_ == "appos" and _naming(c) for c in head.children if kept is None or c.i in kept
    )


def _naming(modifier: Token) -> bool:
    """A modifier that names: it holds a name or a number, calls the thing something, or says
    what kind it is ("the campaign of repression"; not "the end of the talks")."""
    if modifier.lower_ == "of" and any(_bare_noun(o) for o in modifier.children):
        return True
    if modifier.dep_ == "nummod" and modifier.is_alpha:
        return False  # "the two leaders": which two?
    return any(
        named(t) or (t.lemma_ in _NAMING_VERBS and t.pos_ == "VERB") for t in modifier.subtree
    )


def _bare_noun(noun: Token) -> bool:
    return (
        noun.dep_ == "pobj"
        and noun.pos_ == "NOUN"
        and not any(c.dep_ in ("det", "poss") for c in noun.children)
    )


def _balanced_single(text: str) -> bool:
    opened = len(re.findall(r"(?:^|[\s(“\"])[‘'](?=\w)", text))
    closed = len(re.findall(r"(?<=[^\Ws])[’'](?=[\s,.;:?!)]|$)", text))
    return opened == closed


def _garbled(text: str) -> bool:
    return bool(
        _CAPS_PREFIX.search(text)
        or ": " in text
        or _RUN_IN_QUOTE.search(text)
        or not _balanced_single(text)
        or text.count("“") != text.count("”")
        or text.count('"') % 2
        or text.count("(") != text.count(")")
        or len(re.findall(r" (?:-|–|—|--) ", text)) % 2
    )


def _pronoun_left(asked: Asked) -> bool:
    """A pronoun the question cannot resolve: first or second person anywhere (someone's own
    words), a demonstrative standing for a noun, "it" as a subject, or a third person before
    any name in the question it could stand for."""
    people = things = False
    for token in asked.tokens:
        word = token.lower_
        # "US" the country is no "us".
        first_second = word in _FIRST_SECOND and token.pos_ == "PRON"
        if first_second or (word in _DEFINITE and token.dep_ != "det"):
            return True
        if (word in _HIS and not people) or (word in _ITS and not things):
            return True
        people = (
            people or token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and not token.ent_type_)
        )
        things = things or token.ent_type_ in _NAMED - {"PERSON"}
    return False


def _aside(asked: Asked) -> bool:
    """The question comes from a parenthesis: an aside, not the point of the passage."""
    edge = min((t.i for t in asked.tokens), default=0)
    return edge > 0 and asked.verb.doc[edge - 1].text == "("


def _thin(asked: Asked) -> bool:
    """Too few words of substance to stand alone: "Will a smoking gun be found?"."""
    content = {t.lower_ for t in (*asked.tokens, *asked.inserted) if t.is_alpha and not t.is_stop}
    return len(content) < MIN_CONTENT_WORDS


def speaker_named(speaker: Token) -> bool:
    """A speaker the reader can identify: a name, or a plain or definite phrase that names
    ("regional officials", "the Chinese government"); not "a recent article", "no one"."""
    det = _child(speaker, "det")
    if det is not None and det.lower_ in ("a", "an", "no", "some", "any"):
        return False
    described = any(c.dep_ in ("amod", "compound") for c in speaker.children)
    return names_someone(speaker) or (det is None and speaker.tag_ == "NNS" and described)


def _unfinished_comparison(asked: Asked) -> bool:
    """A comparison whose other term is outside the question ("announce something more
    eye-catching"): no "than" says what it is measured against."""
    tokens = asked.tokens
    return all(t.lower_ != "than" for t in tokens) and any(_compared(t) for t in tokens)


def _compared(token: Token) -> bool:
    """ "more eye-catching", "something bigger": a quality measured against something said
    before; not an amount or a set phrase ("more money", "higher taxes", "a higher court")."""
    if token.tag_ == "RBR" and token.head.pos_ == "ADJ":
        return True
    return token.tag_ == "JJR" and token.head.lower_ in ("something", "anything", "nothing")


def _dangling_possessive(asked: Asked) -> bool:
    """ "the Department of Health's to encourage": a possessive with nothing possessed."""
    doc = asked.verb.doc
    return any(
        t.tag_ == "POS"
        and t.i + 1 < len(doc)
        and doc[t.i + 1].pos_ in ("PART", "VERB", "AUX", "ADP")
        for t in asked.tokens
    )


def unresolved(asked: Asked, known: frozenset[str] = frozenset()) -> list[Token]:
    """The subject, speaker or object the question does not identify ("the bill")."""
    heads = [asked.subject, asked.speaker, _child(asked.verb, "dobj")]
    kept = frozenset(t.i for t in asked.tokens)
    return [
        h
        for h in heads
        if h is not None and h.i not in asked.resolved and not identifies(h, known, kept)
    ]


def unfit(asked: Asked, known: frozenset[str] = frozenset()) -> str | None:
    """Why a rewritten question cannot be asked as it stands, or None when it can."""
    if len(asked.text.split()) < MIN_QUESTION_WORDS or asked.verb.pos_ not in ("VERB", "AUX"):
        return "fragment"
    if _thin(asked):
        return "fragment"
    if _garbled(asked.text):
        return "garbled"
    if _ON_THE_DAY.search(asked.text):
        return "dated"
    if _pronoun_left(asked):
        return "pronoun"
    if asked.future and _indefinite(asked.subject):
        return "unresolved"  # "Will a 512MB card store 30 minutes of video?": which card?
    if _aside(asked) or _dangling_possessive(asked):
        return "garbled"
    if _unfinished_comparison(asked):
        return "unresolved"  # "something more eye-catching": than what?
    if unresolved(asked, known):
        return "unresolved"
    if asked.speaker is not None and not speaker_named(asked.speaker):
        return "unresolved"
    return None


# ------------------------------------------------------------------ naming "the bill"
# "The bill awaits a vote" after "… approved legislation that would …": the article introduced
# the thing a sentence or three before. The question then names it in an editorial insertion,
# "the bill [legislation that would …]", quoting the earlier passage and citing it too.

# Nouns that a later definite phrase may take up under another name: a small lexicon of kinds
# of thing, none a topic's own word. The same noun always matches.
_KINDS = (
    frozenset({"legislation", "bill", "law", "measure", "act", "statute"}),
    frozenset({"treaty", "agreement", "deal", "accord", "pact"}),
    frozenset({"plan", "proposal", "scheme"}),
    frozenset({"vote", "ballot", "referendum"}),
    frozenset({"spill", "leak"}),
    frozenset({"attack", "bombing", "assault"}),
    frozenset({"inquiry", "investigation", "probe"}),
    frozenset({"ruling", "verdict", "judgment", "judgement"}),
    frozenset({"lawsuit", "suit"}),
)
REFERENT_SENTENCES = 3  # how far back the referent may stand
MAX_INSERTION_WORDS = 14
MIN_INSERTION_CONTENT = 3  # content words an insertion needs to say which thing it is
_INDEFINITE = {"a", "an"}
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "oprd"}
_PREMODIFIERS = {"det", "amod", "compound", "nummod", "advmod"}


def _indefinite(subject: Token | None) -> bool:
    """A subject that names no particular thing: "a 512MB card", "an own-brand program";
    not one a phrase after it specifies ("a final decision on the new ferry link")."""
    if subject is None:
        return False
    children = list(subject.children)
    return any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in children) and not any(
        c.dep_ in _SPECIFYING for c in children
    )


_SPECIFYING = frozenset({"prep", "acl", "relcl", "appos"})


def _same_kind(definite: Token, earlier: Token) -> bool:
    if definite.tag_ != earlier.tag_:
        return False  # "the bills" does not take up "a bill"
    if definite.lemma_.lower() == earlier.lemma_.lower():
        return True
    return any({definite.lemma_.lower(), earlier.lemma_.lower()} <= kind for kind in _KINDS)


def _introduces(token: Token) -> bool:
    """An indefinite or bare noun phrase ("legislation that …", "a bill to …"): where an
    article brings a thing in, as against "the bill", "China's plan" or "no deal"."""
    if token.pos_ != "NOUN" or token.dep_ not in _ARGUMENTS:
        return False
    if any(t.i < token.i and t.dep_ not in _PREMODIFIERS for t in token.subtree):
        return False  # "In March, harbour council approved legislation": a bad parse
    det = _child(token, "det")
    return det is None or det.lower_ in _INDEFINITE


def _cut(words: list[Token]) -> int:
    """Where the insertion must stop: before a pronoun it cannot resolve, a semicolon or a
    bracket, and after MAX_INSERTION_WORDS words."""
    stops = (";", "(", ")", "[", "]")
    at = next(
        (i for i, t in enumerate(words) if t.tag_ in ("PRP", "PRP$") or t.text in stops), len(words)
    )
    return min(at, MAX_INSERTION_WORDS)


@dataclass(frozen=True)
class _Referent:
    sentence: Sentence
    words: list[Token]  # verbatim, in order
    whole: bool  # the words are the referent's whole phrase, not cut short

    @property
    def text(self) -> str:
        return _text(self.words) + ("" if self.whole else " …")


def _insertion(sentence: Sentence, referent: Token) -> _Referent | None:
    """The referent's own words, without its article, cut by `_cut`; None when they say too
    little to tell which thing it is."""
    words = [t for t in referent.subtree if t.i >= referent.i or t.dep_ != "det"]
    kept = words[: _cut(words)]
    while kept and (kept[-1].is_stop or not kept[-1].is_alpha) and kept[-1].i > referent.i:
        kept.pop()
    content = [t for t in kept if t.is_alpha and not t.is_stop]
    if len(content) < MIN_INSERTION_CONTENT:
        return None
    return _Referent(sentence, kept, len(kept) == len(words))


def _mentions(sentence: Sentence, head: Token) -> bool:
    return any(t.pos_ == "NOUN" and _same_kind(head, t) for t in sentence.span)


def _referent(head: Token, earlier: Sequence[Sentence]) -> _Referent | None:
    """The nearest earlier passage that introduces the same kind of thing, once, and as the
    article's first mention of it; None when none does, or when the nearest introduces two,
    or the article spoke of such a thing before (which one is meant?)."""
    for n, sentence in enumerate(earlier[:REFERENT_SENTENCES]):
        if sentence.garbled:
            continue
        found = [t for t in sentence.span if _introduces(t) and _same_kind(head, t)]
        if len(found) > 1 or (found and any(_mentions(s, head) for s in earlier[n + 1 :])):
            return None
        if found:
            return _insertion(sentence, found[0])
    return None


def _plain_phrase(asked: Asked, head: Token) -> list[Token]:
    """ "the bill", "the new bill" as the question has it: nothing after the noun, whose
    insertion would otherwise stand away from it; empty when it is not so plain."""
    kept = {t.i for t in asked.tokens}
    if any(t.i > head.i and t.i in kept for t in head.subtree):
        return []
    return [t for t in asked.tokens if head.left_edge.i <= t.i <= head.i]


def name_referents(
    asked: Asked, earlier: Sequence[Sentence], known: frozenset[str]
) -> Asked | None:
    """The question with each unnamed "the X" named, in brackets after it, from the passage
    nearest in `earlier` (the same article's preceding sentences, nearest first) that
    introduced it; None when one cannot be named."""
    speaker = asked.speaker.i if asked.speaker is not None else None
    for head in unresolved(asked, known):
        phrase = _plain_phrase(asked, head)
        if head.i == speaker or head.pos_ != "NOUN" or not phrase:
            return None
        found = _referent(head, earlier)
        text = inserted_after(asked.text, _text(phrase), found.text) if found is not None else None
        if found is None or text is None:
            return None
        asked = replace(
            asked,
            text=text,
            resolved=asked.resolved | {head.i},
            referents=(*asked.referents, found.sentence),
            inserted=(*asked.inserted, *found.words),
        )
    return asked


def introduce_people(asked: Asked, introductions: Mapping[str, Introduction]) -> Asked:
    """The question with each person it names and `introductions` knows followed by their role
    in brackets (`with_roles`): "as Barton [former senior weapons inspector in Iraq] claims". A
    reader cannot ask after someone the briefing never said was who."""
    text, stated = with_roles(asked.text, asked.tokens, introductions)
    return replace(asked, text=text, referents=(*asked.referents, *stated))
