"""States as actors: a capital that acts ("Beijing said …") speaks for its state; a country
the sources only write as the scene of events ("troops in Afghanistan") is a place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from briefer.analysis.actors.countries import country_of_demonym, state_of_capital
from briefer.analysis.actors.kinds import COUNTRY_VOTE, descriptions, kind_of
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import Cluster, Mention, acts


def assign_capitals(clusters: Sequence[Cluster]) -> list[Cluster]:
    """Move each mention of a capital that is the subject of a verb of saying or acting to
    its state (created if the text never names it); the capital's other mentions stay a
    place."""
    by_name = {c.name: c for c in clusters}
    out = list(clusters)
    for cluster in clusters:
        if kind_of(cluster) != "place":
            continue
        state = state_of_capital(cluster.name) or _capital_by_apposition(cluster)
        acting = [m for m in cluster.mentions if acts(m)]
        if state is None or not acting:
            continue
        target = by_name.get(state)
        if target is None:
            target = by_name[state] = Cluster(state, votes=Counter({"state": COUNTRY_VOTE}))
            out.append(target)
        target.mentions.extend(acting)
        target.aliases.add(cluster.name)
        cluster.mentions = [m for m in cluster.mentions if not acts(m)]
    return out


def _capital_by_apposition(cluster: Cluster) -> str | None:
    """ "Nur-Sultan, the Kazakh capital": the state the text makes it the capital of."""
    for mention in cluster.mentions:
        head = mention.sentence.span.doc[mention.end - 1]
        for desc in descriptions(head):
            if desc.lemma_.lower() != "capital":
                continue
            for child in desc.children:
                state = (
                    country_of_demonym(child.text) if child.dep_ in ("amod", "compound") else None
                )
                if state:
                    return state
    return None


# A state is a party where at least this share of its mentions write it as one (`as_a_party`);
# the rest write where things happen: "troops in Afghanistan", "flew in from Kuwait", "the
# Vietnam war".
PARTY_SHARE = 0.1


def without_scenes(clusters: Sequence[Cluster]) -> list[Cluster]:
    """`clusters` less the states that are only scenes: fewer than PARTY_SHARE of their
    mentions write them as a party. The state the sources name most is the story's own
    country, a party whatever the share ("the outbreak in Mexico")."""
    parties = {c.name: sum(1 for m in c.mentions if as_a_party(m)) for c in clusters}
    states = [c for c in clusters if kind_of(c) == "state"]
    own = max(states, key=lambda c: (len(c.mentions), parties[c.name], c.name), default=None)
    return [
        c
        for c in clusters
        if c is own or kind_of(c) != "state" or parties[c.name] >= PARTY_SHARE * len(c.mentions)
    ]


_ON_THE_WAY = frozenset({"representative", "trade"})


def as_a_party(mention: Mention) -> bool:
    """The name, or the first of a list it ends ("Syria and Iran announced"), is a subject, an
    owner ("Italy's foreign minister"), an agent ("condemned by France"), or names those who
    act for the state where they are one ("US officials said", "U.S. President Barack Obama
    said")."""
    token = mention.sentence.span.doc[mention.end - 1]
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    described = token
    words = lexicon()
    # Words a chain passes on its way to who acts: "US trade representative Robert Zoellick",
    # "US Army Sergeant John Smith".
    passing = words.titles | _ON_THE_WAY
    while described.dep_ in ("compound", "nmod") and described.head.i != described.i:
        described = described.head
        lemma = described.lemma_.lower()
        if lemma in words.state_agents or described.ent_type_ == "PERSON":
            token = described
        elif lemma not in passing:
            break  # "Kuwait war veteran John Smith": the chain names no one who acts for it
    if token.dep_ == "pobj":
        return token.head.lower_ == "by"
    return token.dep_ in ("nsubj", "nsubjpass", "poss")
