"""The sample articles one at a time, for the tests of `--since` and the standing brief."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from conftest import SAMPLES, write

MANIFEST = tomllib.loads((SAMPLES / "sources.toml").read_text(encoding="utf-8"))
FIRST, SECOND = sorted(MANIFEST)  # file names, in the order the samples are numbered


def manifest_entry(name: str) -> str:
    """The sample manifest's entry for one article, as TOML."""
    lines = "\n".join(f"{key} = {json.dumps(value)}" for key, value in MANIFEST[name].items())
    return f"[{json.dumps(name)}]\n{lines}\n"


def add(folder: Path, name: str) -> Path:
    """Put one sample article and its manifest entry into a sources folder."""
    write(folder, name, (SAMPLES / name).read_text(encoding="utf-8"))
    manifest = folder / "sources.toml"
    before = manifest.read_text(encoding="utf-8") + "\n" if manifest.exists() else ""
    write(folder, "sources.toml", before + manifest_entry(name))
    return folder


def alone(folder: Path, name: str) -> Path:
    """A sources folder holding one sample article and its manifest entry."""
    return add(folder, name)
