"""The one place where briefing sections are registered, in the order they are printed.

A section is an analysis module exposing `SECTION` plus a partial
`templates/sections/<name>.html.j2`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer.errors import ConfigError

if TYPE_CHECKING:
    from briefer.nlp import Corpus


@dataclass(frozen=True)
class BuildOptions:
    """Knobs the sections read; None means "choose from the material"."""

    timeline_size: int | None = None
    background_size: int | None = None
    sections: tuple[str, ...] = ()  # the sections being built, so one can defer to another


@dataclass(frozen=True)
class SectionSpec:
    name: str
    title: str
    json_key: str
    build: Callable[[Corpus, BuildOptions], tuple[object, ...]]
    aliases: tuple[str, ...] = ()


def _registry() -> dict[str, SectionSpec]:
    from briefer.sections import actors, background, keypoints, questions, sources, timeline

    specs = [keypoints.SECTION, background.SECTION, actors.SECTION, timeline.SECTION,
             questions.SECTION, sources.SECTION]  # fmt: skip
    return {spec.name: spec for spec in specs}


def registry() -> dict[str, SectionSpec]:
    """All sections by name, in print order."""
    return _registry()


def resolve_sections(
    include: list[str] | None = None, exclude: list[str] | None = None
) -> list[SectionSpec]:
    """The chosen sections in print order; ConfigError names any unknown one."""
    specs = registry()
    lookup = {alias: spec.name for spec in specs.values() for alias in (spec.name, *spec.aliases)}

    def names(values: list[str] | None) -> set[str]:
        out = set()
        for value in values or []:
            key = value.strip().lower().replace("-", "_")
            if not key:
                continue
            if key not in lookup:
                raise ConfigError(f"unknown section {value!r}; choose from: {', '.join(specs)}")
            out.add(lookup[key])
        return out

    chosen = names(include) or set(specs)
    chosen -= names(exclude)
    if not chosen:
        raise ConfigError("no sections left to build; check --sections and --exclude")
    return [spec for name, spec in specs.items() if name in chosen]
