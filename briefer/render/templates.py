"""Where templates come from: a user's folder first, then the built-in ones."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def builtin_templates() -> Path:
    """`templates/` at the project root in a checkout; the copy bundled in the wheel otherwise."""
    for candidate in (_PACKAGE.parent / "templates", _PACKAGE / "_templates"):
        if (candidate / "briefing.html.j2").is_file():
            return candidate
    raise FileNotFoundError("briefer's templates are missing from this installation")


def template_dirs(user_dir: str | Path | None = None) -> list[Path]:
    dirs = [builtin_templates()]
    if user_dir is not None:
        dirs.insert(0, Path(user_dir).resolve())
    return dirs
