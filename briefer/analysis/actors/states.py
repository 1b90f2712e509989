"""States as actors: a capital that acts ("Beijing said …") speaks for its state."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from briefer.analysis.actors.countries import country_of_demonym, state_of_capital
from briefer.analysis.actors.kinds import COUNTRY_VOTE, descriptions, kind_of
from briefer.analysis.actors.mentions import Cluster, acts


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
