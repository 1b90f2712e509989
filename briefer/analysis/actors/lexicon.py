"""The word lists the actor rules read, loaded once from the TOML files beside this module."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    """Lower-case word sets; see `lexicon/words.toml` for what each one is for."""

    titles: frozenset[str]
    honorifics: frozenset[str]
    male_honorifics: frozenset[str]
    female_honorifics: frozenset[str]
    place_words: frozenset[str]
    place_nouns: frozenset[str]
    org_nouns: frozenset[str]
    company_nouns: frozenset[str]
    institution_words: frozenset[str]  # includes org_nouns
    human_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    platforms: frozenset[str]
    publication_words: frozenset[str]
    medium_cues: frozenset[str]
    medium_verbs: frozenset[str]
    journalism_nouns: frozenset[str]
    corporate_suffixes: frozenset[str]  # and generational ones: "Jr"
    government_words: frozenset[str]
    state_agents: frozenset[str]  # includes government_words and institution_words
    state_verbs: frozenset[str]  # includes human_verbs and speech_verbs
    role_nouns: frozenset[str]
    role_suffixes: tuple[str, ...]
    not_role_nouns: frozenset[str]
    kin_nouns: frozenset[str]
    thing_nouns: frozenset[str]
    occasion_heads: frozenset[str]
    country_aliases: dict[str, str]
    demonyms: dict[str, str]
    capitals: dict[str, str]
    nicknames: dict[str, str]  # short form → full first name
    body_aliases: dict[str, str]  # another name of a body → its usual name ("Tories")


def _load(name: str) -> dict[str, object]:
    data = resources.files(__package__).joinpath("lexicon", name).read_text(encoding="utf-8")
    return tomllib.loads(data)


def _words(table: object, key: str) -> frozenset[str]:
    assert isinstance(table, dict)
    values = table[key]
    assert isinstance(values, list)
    return frozenset(str(v) for v in values)


def _mapping(table: dict[str, object], key: str) -> dict[str, str]:
    values = table[key]
    assert isinstance(values, dict)
    return {str(k): str(v) for k, v in values.items()}


@cache
def lexicon() -> Lexicon:
    """The word lists, read from the package data on first use."""
    words = _load("words.toml")
    countries = _load("countries.toml")
    names = _load("names.toml")
    org_nouns = _words(words, "org_nouns")
    human_verbs = _words(words, "human_verbs")
    speech_verbs = _words(words, "speech_verbs")
    institution_words = org_nouns | _words(words, "institution_words")
    government_words = _words(words, "government_words")
    return Lexicon(
        titles=_words(words, "titles"),
        honorifics=_words(words, "honorifics"),
        male_honorifics=_words(words, "male_honorifics"),
        female_honorifics=_words(words, "female_honorifics"),
        place_words=_words(words, "place_words"),
        place_nouns=_words(words, "place_nouns"),
        org_nouns=org_nouns,
        company_nouns=_words(words, "company_nouns"),
        institution_words=institution_words,
        human_verbs=human_verbs,
        speech_verbs=speech_verbs,
        platforms=_words(words, "platforms"),
        publication_words=_words(words, "publication_words"),
        medium_cues=_words(words, "medium_cues"),
        medium_verbs=_words(words, "medium_verbs"),
        journalism_nouns=_words(words, "journalism_nouns"),
        corporate_suffixes=_words(words, "corporate_suffixes") | _words(names["suffixes"], "words"),
        government_words=government_words,
        state_agents=_words(words, "state_agents") | government_words | institution_words,
        state_verbs=_words(words, "state_verbs") | human_verbs | speech_verbs,
        role_nouns=_words(words, "role_nouns"),
        role_suffixes=tuple(sorted(_words(words, "role_suffixes"))),
        not_role_nouns=_words(words, "not_role_nouns"),
        kin_nouns=_words(words, "kin_nouns"),
        thing_nouns=_words(words, "thing_nouns"),
        occasion_heads=_words(words, "occasion_heads"),
        country_aliases=_mapping(countries, "country_aliases"),
        demonyms=_mapping(countries, "demonyms"),
        capitals=_mapping(_load("capitals.toml"), "capitals"),
        nicknames=_mapping(names, "nicknames"),
        body_aliases=_mapping(names, "body_aliases"),
    )
