"""The actor rules one by one, on constructed sentences parsed with the real model."""

from __future__ import annotations

from pathlib import Path

from briefer.analysis.actors import extract_actors
from briefer.analysis.actors.kinds import (
    COUNTRY_VOTE,
    DESCRIBED_ORG_VOTE,
    LABEL_VOTE,
    TITLE_VOTE,
    kind_of,
    vote,
)
from briefer.analysis.actors.mentions import (
    Cluster,
    add_untagged_mentions,
    cluster_mentions,
    collect_mentions,
    common_words,
    excluded_names,
)
from briefer.analysis.actors.roles import role_of
from briefer.models import Actor, Article
from briefer.nlp import Corpus, analyse


def _corpus(*texts: str) -> Corpus:
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i:03d}.txt"), text=text) for i, text in enumerate(texts, 1)
    )
    return analyse(articles)


def _actors(*texts: str) -> dict[str, Actor]:
    corpus = _corpus(*texts)
    return {a.name: a for a in extract_actors(corpus.articles, corpus.sentences)}


def _voted(*texts: str) -> dict[str, Cluster]:
    corpus = _corpus(*texts)
    mentions = collect_mentions(corpus.sentences)
    clusters = cluster_mentions(mentions, excluded_names(corpus.articles))
    add_untagged_mentions(corpus.sentences, clusters)
    common = common_words(corpus.sentences)
    for cluster in clusters:
        vote(cluster, common)
    return {c.name: c for c in clusters}


# ---------------------------------------------------------------- kinds


def test_a_title_before_a_name_votes_person():
    cluster = _voted("Colonel Ahmed Bani told the court the rebels had retreated.")["Ahmed Bani"]
    assert cluster.votes["person"] >= LABEL_VOTE + TITLE_VOTE
    assert kind_of(cluster) == "person"


def test_a_group_in_apposition_votes_organisation():
    text = "Amnesty International, the group that documents abuses, said the trial was unfair."
    cluster = _voted(text)["Amnesty International"]
    assert cluster.votes["organisation"] == LABEL_VOTE + DESCRIBED_ORG_VOTE
    assert kind_of(cluster) == "organisation"


def test_a_country_name_settles_the_kind():
    cluster = _voted("Kazakhstan said it would not extradite the refugees.")["Kazakhstan"]
    assert max(cluster.votes.values()) >= COUNTRY_VOTE
    assert kind_of(cluster) != "person"


def test_a_lone_word_only_the_model_calls_a_person_is_dropped():
    # No title, no verb of a person: "Relenza" is a drug, whatever the tagger says.
    clusters = _voted("Doctors prescribed Relenza to the patients in the ward.")
    assert "person" not in {kind_of(c) for c in clusters.values() if c.votes}


# ---------------------------------------------------------------- roles


def _role(text: str, name: str) -> str | None:
    cluster = _voted(text)[name]
    kind = kind_of(cluster)
    return next((r for m in cluster.mentions if (r := role_of(m, kind))), None)


def test_role_from_an_apposition():
    text = (
        "Ambassador Alice Wells, principal deputy assistant secretary for South and Central "
        "Asia, met the delegation on Tuesday."
    )
    role = _role(text, "Alice Wells")
    assert role is not None
    assert "principal deputy assistant secretary for South and Central Asia" in role


def test_role_from_a_title_before_the_name():
    role = _role("U.S. Secretary of State Mike Pompeo visited the capital.", "Mike Pompeo")
    assert role == "U.S. Secretary of State"


def test_role_from_a_descriptor_before_the_name():
    role = _role("The harbour master Petra Lind closed the port.", "Petra Lind")
    assert role == "harbour master"


def test_no_role_where_the_text_states_none():
    assert _role("Boris Johnson spoke in the city on Monday.", "Boris Johnson") is None


# ---------------------------------------------------------------- clustering


def test_a_surname_joins_the_full_name():
    actors = _actors(
        "Health Secretary Alan Johnson visited the hospital. Johnson said it was ready."
    )
    assert "Johnson" not in actors
    assert actors["Alan Johnson"].mentions == 2
    assert "Johnson" in actors["Alan Johnson"].aliases


def test_an_acronym_joins_its_full_form():
    actors = _actors(
        "The World Health Organization warned of a pandemic on Monday. "
        "The WHO said the virus was spreading."
    )
    assert "WHO" not in actors
    assert "WHO" in actors["World Health Organization"].aliases


def test_a_shared_surname_goes_to_the_person_named_in_the_same_article():
    actors = _actors(
        "Boris Johnson spoke in London on Monday.",
        "Health Secretary Alan Johnson visited the hospital. Johnson said it was ready.",
    )
    assert actors["Alan Johnson"].mentions == 2
    assert actors["Boris Johnson"].mentions == 1


# ---------------------------------------------------------------- quotes


def test_a_quote_goes_to_the_subject_of_the_speech_verb():
    actors = _actors(
        'The harbour master Petra Lind closed the port. "We cannot let ships in tonight," '
        "Lind said."
    )
    assert [q.text for q in actors["Petra Lind"].quotes] == ["We cannot let ships in tonight,"]


def test_he_said_goes_to_the_person_named_before():
    actors = _actors(
        'Mayor Tomas Berg opened the bridge on Friday. "This bridge will change the town for '
        'ever," he said.'
    )
    assert [q.text for q in actors["Tomas Berg"].quotes] == [
        "This bridge will change the town for ever,"
    ]
    (quote,) = actors["Tomas Berg"].quotes
    assert quote.citations[0].source == "S1"


def test_a_quote_without_a_named_speaker_is_not_attributed():
    actors = _actors('Mayor Tomas Berg opened the bridge. "It will change everything," one said.')
    assert all(not a.quotes for a in actors.values())
