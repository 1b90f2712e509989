"""Country names, nationality adjectives and governments, resolved to one display name."""

from __future__ import annotations

import re
from functools import cache

from briefer.analysis.actors.lexicon import lexicon

# The shortest stem a nationality adjective is reduced to before it is looked up.
_MIN_DEMONYM_STEM = 4
_DEMONYM_SUFFIXES = ("stani", "ese", "ian", "ean", "an", "ish", "i", "")
_GOVERNMENT = re.compile(
    r"^(?:the\s+)?([A-Z][\w.]+)\s+(government|administration|authorities|regime|cabinet"
    r"|ministry of \w+|foreign ministry|embassy)$",
    re.IGNORECASE,
)


@cache
def _countries() -> dict[str, str]:
    """Lower-cased country names and codes mapped to one display name."""
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        for name in (country.name, getattr(country, "official_name", None), display):
            if name:
                table[name.lower()] = display
    table.update(lexicon().country_aliases)
    return table


def country_name(name: str) -> str | None:
    """The display name if `name` is a country (or a common alias of one), else None."""
    key = name.lower().strip()
    return _countries().get(key) or _countries().get(re.sub(r"^the ", "", key))


@cache  # a pure function of the word (the lexicon is fixed), asked again for every mention
def country_of_demonym(word: str) -> str | None:
    """ "Chinese" → China, "Kazakhstani"/"Kazakh" → Kazakhstan, "Mexican" → Mexico."""
    key = word.lower()
    irregular = lexicon().demonyms
    if key in irregular:
        return irregular[key]
    direct = country_name(word)
    if direct:
        return direct
    for suffix in _DEMONYM_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= _MIN_DEMONYM_STEM:
            stem = key[: len(key) - len(suffix)]
            found = {
                display
                for name, display in _countries().items()
                if name.startswith(stem) and " " not in name
            }
            if len(found) == 1:
                return found.pop()
    return None


def names_a_country(word: str) -> bool:
    """ "Haiti", "Haitian": a word that names a country or its people, no one's surname."""
    return (country_name(word) or country_of_demonym(word)) is not None


def government_of(name: str) -> str | None:
    """ "the Chinese Government" → "government of China", when the country is clear."""
    match = _GOVERNMENT.match(name)
    if not match:
        return None
    country = country_of_demonym(match.group(1))
    if not country:
        return None
    the = "the " if re.match(r"(United|Netherlands|Philippines|Soviet)", country) else ""
    return f"{match.group(2).lower()} of {the}{country}"


def state_of_government(name: str) -> str | None:
    """ "the Chinese Government", "US administration" → the state they stand for, else None."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).split()
    if len(words) < 2 or words[-1].lower() not in lexicon().government_words:
        return None
    return country_of_demonym(" ".join(words[:-1]))


def state_of_capital(name: str) -> str | None:
    """ "Beijing" → China: the state whose capital the name is, else None."""
    return lexicon().capitals.get(name.lower().strip())
