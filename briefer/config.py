"""Settings from a TOML file (`briefer.toml` in the working folder, or --config) and the
environment. Flags given on the command line win over both."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from briefer.analysis.nlp import DEFAULT_MODEL
from briefer.errors import ConfigError

CONFIG_NAME = "briefer.toml"


@dataclass(frozen=True)
class BuildSettings:
    """The `[build]` table."""

    model: str = DEFAULT_MODEL
    title: str | None = None
    sections: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    timeline_size: int | None = None
    background_size: int | None = None
    templates: str | None = None
    # The front page and print settings (see briefer.render.document.DocumentOptions).
    org: str | None = None
    author: str | None = None
    marking: str | None = None
    topic: str | None = None
    paper: str | None = None
    pdf_variant: str | None = None


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed config file; `{}` when none is given and `briefer.toml` is absent."""
    if path is None:
        path = Path(CONFIG_NAME)
        if not path.is_file():
            return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None


def build_settings(config: dict[str, Any]) -> BuildSettings:
    table = config.get("build", {})
    if not isinstance(table, dict):
        raise ConfigError("[build] in the config file must be a table")
    known = {f.name for f in fields(BuildSettings)}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"unknown keys in [build]: {', '.join(sorted(unknown))}")
    values = dict(table)
    for key, value in table.items():
        if key in ("sections", "exclude"):
            names = value.split(",") if isinstance(value, str) else value
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ConfigError(f"[build] {key} must be a list of section names")
            values[key] = tuple(names)
        elif key in ("timeline_size", "background_size"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"[build] {key} must be a whole number of at least 1")
        elif not isinstance(value, str):
            raise ConfigError(f"[build] {key} must be a string")
    if os.environ.get("BRIEFER_MODEL"):
        values["model"] = os.environ["BRIEFER_MODEL"]
    return BuildSettings(**values)
