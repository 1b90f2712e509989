"""Media named as where the news came from ("Reuters reported", "told the BBC", "according to
AFP", "the Mexican paper X says"): sources of the story, not actors in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefer.analysis.actors.countries import country_name
from briefer.analysis.actors.kinds import company_context, kind_of, titled
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import (
    Cluster,
    Mention,
    normalise,
    possessor,
    sentence_key,
)

# How many words before a name a cue may stand: "told the Observer", "told news agency AFP",
# "a correspondent for the Observer".
_CUE_WINDOW = 3
# A name is a medium when at least this share of its mentions cite it as one.
_MEDIUM_SHARE = 0.5
# A platform ("posted on Twitter") is an actor only where the text makes it act this often and
# in this share of its mentions.
MIN_ACTING = 2
_ACTING_SHARE = 0.25
# What a journalist does to someone else: "RFE/RL's Ann Lee asked the minister about …".
_ASKING_VERBS = frozenset({"ask", "interview", "question"})


def is_medium(cluster: Cluster) -> bool:
    """A newspaper, agency or broadcaster the text cites as where something was said or
    reported, never as an actor of the story, or a platform it does not make act (`_acts`): a
    name ending in a newspaper's word ("the Herald") with one such use; any other name whose
    uses are mostly such ("Reuters reported", "told AFP news agency"), one at least more than a
    subject of "report", unless it names a state, an institution ("the WHO reported") or a
    titled person ("Dr Gupta told")."""
    words = cluster.name.split()
    if cluster.name.lower() in lexicon().platforms:
        return not _acts(cluster)
    cited = [m for m in cluster.mentions if _cited_as_medium(m)]
    if words[-1].lower() in lexicon().publication_words and cited:
        return True
    if _no_medium(cluster):
        return False
    # A subject of "report" alone is no medium: "the clinic reported a death" is the clinic's.
    named_as_medium = any(not _reports(m) for m in cited)
    return named_as_medium and len(cited) >= _MEDIUM_SHARE * len(cluster.mentions)


def _acts(cluster: Cluster) -> bool:
    """The text makes the platform act, MIN_ACTING times and in a share of its mentions
    ("Google said", "Twitter suspended his account", "Google's shares"): the story is about
    it, not posted on it."""
    acting = 0
    for mention in cluster.mentions:
        head = mention.sentence.span.doc[mention.end - 1]
        acting += head.dep_ in ("nsubj", "nsubjpass", "poss") or company_context(head)
    return acting >= max(MIN_ACTING, _ACTING_SHARE * len(cluster.mentions))


def _no_medium(cluster: Cluster) -> bool:
    """A state, an institution ("the WHO reported") or a titled person ("Dr Gupta told")."""
    words = {w.lower() for w in cluster.name.split()}
    return bool(
        country_name(cluster.name)
        or words & lexicon().institution_words
        or any(titled(m) for m in cluster.mentions)
    )


def _cited_as_medium(mention: Mention, according: bool = True) -> bool:
    """ "told Reuters", "according to AFP" (unless `according` is False), "Reuters reported",
    "the BBC's correspondent", "a Reuters reporter", "the Mexican paper La Jornada"."""
    lex = lexicon()
    doc = mention.sentence.span.doc
    head = doc[mention.end - 1]
    before = doc[max(mention.sentence.span.start, mention.start - _CUE_WINDOW) : mention.start]
    cues = {t.lower_ for t in before} | {t.lemma_.lower() for t in before}
    if mention.label == "PERSON" or not according:
        cues.discard("according")  # "according to Richard Fontaine, McCain's adviser"
    if cues & lex.medium_cues or _reports(mention):
        return True
    if head.dep_ in ("poss", "compound") and head.head.lemma_.lower() in lex.journalism_nouns:
        return True
    # "the Reuters news agency", "AFP news agency reported"
    after = doc[mention.end : min(mention.sentence.span.end, mention.end + 2)]
    return head.dep_ == "compound" and any(t.lower_ == "news" for t in after)


def _reports(mention: Mention) -> bool:
    """ "Reuters reported …", "AFP reports …": the subject of a verb of publishing."""
    head = mention.sentence.span.doc[mention.end - 1]
    return head.dep_ == "nsubj" and head.head.lemma_ in lexicon().medium_verbs


@dataclass(frozen=True)
class Employers:
    """Lower-case names a person may be written as belonging to ("the BBC's Ann Lee")."""

    media: frozenset[str]  # publishers of the sources and media the text cites
    others: frozenset[str]  # companies, institutions, states: never a journalist's employer

    @classmethod
    def of(cls, clusters: Sequence[Cluster], publishers: set[str]) -> Employers:
        """Media: the publishers and every name the text cites as a medium once at least
        ("told the BBC", "the BBC's correspondent") other than as the subject of "report" or
        after "according to" (a bank's analysts and a ministry are cited so too). Others:
        states, institutions, titled people and companies ("X's shares")."""
        media, others = set(publishers), set()
        for cluster in clusters:
            names = {n.lower() for n in (cluster.name, *cluster.aliases)}
            heads = [m.sentence.span.doc[m.end - 1] for m in cluster.mentions]
            if _no_medium(cluster) or any(company_context(h) for h in heads):
                others |= names
            elif is_medium(cluster) or any(
                _cited_as_medium(m, according=False) and not _reports(m) for m in cluster.mentions
            ):
                media |= names
        return cls(frozenset(media), frozenset(others - media))


def without_journalists(clusters: list[Cluster], employers: Employers) -> list[Cluster]:
    """The clusters less the journalists (`is_journalist`) and the names only ever written as
    their employers ("RFE/RL" of "RFE/RL's Ann Lee asked …"). Each cluster must have its votes."""
    journalists = {
        id(c) for c in clusters if kind_of(c) == "person" and is_journalist(c, employers)
    }
    desks = {
        (sentence_key(m.sentence), owner.start)
        for c in clusters
        if id(c) in journalists
        for m in c.mentions
        if (owner := possessor(m)) is not None
    }
    return [
        c
        for c in clusters
        if id(c) not in journalists
        and not all((sentence_key(m.sentence), m.start) in desks for m in c.mentions)
    ]


def is_journalist(cluster: Cluster, employers: Employers) -> bool:
    """A person the text places at a news medium by a possessive ("the Herald's Ann Lee",
    "Radio Nord's Ann Lee"), or at an organisation of no known sort while asking or
    interviewing someone ("Nord's Ann Lee asked the minister"): who reports the story, not an
    actor in it. Never a person with a title ("Nord's chairman Bo Dahl")."""
    if any(titled(m) for m in cluster.mentions):
        return False
    return any(_journalist_mention(m, employers) for m in cluster.mentions)


def _journalist_mention(mention: Mention, employers: Employers) -> bool:
    owner = possessor(mention)
    if owner is None:
        return False
    name = normalise(owner.text).lower()
    lex = lexicon()
    if name in employers.media or name.split()[-1] in lex.publication_words | lex.journalism_nouns:
        return True
    head = mention.sentence.span.doc[mention.end - 1]
    asks = head.dep_ == "nsubj" and head.head.lemma_.lower() in _ASKING_VERBS
    return asks and name not in employers.others
