"""Briefing sections as plug-ins: every module of this package that defines `SECTION` is one.

A section is an analysis module exposing `SECTION = SectionSpec(...)` plus the partial its spec
names (`templates/sections/<name>.html.j2` by default). Nothing else lists the sections: the
registry finds them here and under the `briefer.sections` entry-point group, and orders them
by `SectionSpec.order`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from briefer.errors import ConfigError
from briefer.models import BriefingItem, PreviousBriefing, Section

if TYPE_CHECKING:
    from briefer.analysis import Analysis

ENTRY_POINT_GROUP = "briefer.sections"


@dataclass(frozen=True)
class BuildOptions:
    """Knobs the sections read; None means "choose from the material"."""

    timeline_size: int | None = None
    background_size: int | None = None
    sections: tuple[str, ...] = ()  # the sections being built, so one can defer to another
    previous: PreviousBriefing | None = None  # `--since`: the briefing to compare with


@dataclass(frozen=True)
class SectionSpec:
    """What a section declares about itself: how it is named, built, keyed and drawn."""

    name: str
    title: str
    json_key: str
    build: Callable[[Analysis, BuildOptions], Sequence[BriefingItem]]
    order: int  # print order: smaller first
    aliases: tuple[str, ...] = ()
    template: str = ""  # default: sections/<name>.html.j2
    # For a section made from the others: called once every section is built, it returns
    # them all again, its own filled in; it may mark the others' items (Section.marks) or
    # leave itself out. Sections without it never see the others.
    review: Callable[[Analysis, BuildOptions, tuple[Section, ...]], tuple[Section, ...]] | None = (
        None
    )
    # A section only some builds have (e.g. only with an earlier briefing): None means all.
    condition: Callable[[BuildOptions], bool] | None = None

    @property
    def partial(self) -> str:
        return self.template or f"sections/{self.name}.html.j2"

    def applies(self, options: BuildOptions) -> bool:
        """Whether a build with these options has this section at all (see `condition`)."""
        return self.condition is None or self.condition(options)


def _discovered() -> list[SectionSpec]:
    specs = []
    for module in pkgutil.iter_modules(__path__, f"{__name__}."):
        spec = getattr(importlib.import_module(module.name), "SECTION", None)
        if isinstance(spec, SectionSpec):
            specs.append(spec)
    for point in entry_points(group=ENTRY_POINT_GROUP):
        spec = point.load()
        if isinstance(spec, SectionSpec):
            specs.append(spec)
    return specs


def registry() -> dict[str, SectionSpec]:
    """All sections by name, in print order."""
    specs = sorted(_discovered(), key=lambda spec: (spec.order, spec.name))
    return {spec.name: spec for spec in specs}


def resolve_sections(
    include: Sequence[str] | None = None, exclude: Sequence[str] | None = None
) -> list[SectionSpec]:
    """The chosen sections in print order; ConfigError names any unknown one."""
    specs = registry()
    lookup = {alias: spec.name for spec in specs.values() for alias in (spec.name, *spec.aliases)}

    def names(values: Sequence[str] | None) -> set[str]:
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
