"""Writing results: never half a file at the final path, and a check that fails before slow work
when the file could never be written. A base module: the pipeline and mail both use it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from briefer.errors import OutputError


def write_atomic(data: bytes, target: Path) -> Path:
    """Write to a temporary file beside `target`, then rename: never half a file."""
    target = Path(target)
    if target.is_dir():
        raise OutputError(f"output {target} is a folder; give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def check_writable(target: Path) -> None:
    """Raise OutputError unless `target` could be written: not a folder, under a folder (or one
    that can be created) that this user may write to."""
    if target.is_dir():
        raise OutputError(f"output {target} is a folder; give a file name")
    folder = target.parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write to {folder}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to {folder}: permission denied")
