"""Writing results: never half a file at the final path, and a check that fails before slow work
when the file could never be written. A base module: the pipeline and mail both use it."""

from __future__ import annotations

import os
import re
import secrets
import stat
import time
from pathlib import Path

from briefer.errors import OutputError

_PART = re.compile(r"\.(?P<pid>\d+)\.[0-9a-f]+\.part")
_STALE = 3600  # seconds


def _refuse_odd_target(target: Path) -> int | None:
    """An existing output must be a regular file: a device, a FIFO or a symlink (to
    /proc/self/fd/1, say) would be replaced by a file, or written through, not updated.
    Returns the existing file's permission bits, None when there is none."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"output {target} is a folder; give a file name")
    if stat.S_ISLNK(mode):
        raise OutputError(
            f"output {target} is a symbolic link; name the file itself or remove the link"
        )
    if not stat.S_ISREG(mode):
        raise OutputError(f"output {target} is not a regular file (a device, FIFO or socket)")
    return stat.S_IMODE(mode)


def _remove_leftovers(folder: Path, name: str) -> None:
    """Temporary files of this target that a killed run left behind: its process is gone (or,
    for a name without a process id, from older versions, it is over an hour old)."""
    prefix = f".{name}."
    with os.scandir(folder) as entries:
        leftovers = [e for e in entries if e.name.startswith(prefix) and e.name.endswith(".part")]
    for entry in leftovers:
        match = _PART.fullmatch(entry.name[len(prefix) - 1 :])
        try:
            if match is not None and _alive(int(match["pid"])):
                continue
            if match is None and time.time() - entry.stat().st_mtime < _STALE:
                continue
            os.unlink(entry.path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or not a pid at all: leave its file alone
    return True


def write_atomic(data: bytes, target: Path) -> Path:
    """Write to a temporary file beside `target`, flush it to disk, then rename: never half a
    file, even after a crash. A new file's mode follows the umask, as any program's would; a
    file written again keeps its mode."""
    target = Path(target)
    existing_mode = _refuse_odd_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(folder, target.name)
        tmp = folder / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(tmp, flags, 0o666)  # the umask takes its bits off, as for open()
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if existing_mode is not None:
                os.fchmod(handle.fileno(), existing_mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _refuse_odd_target(target)  # again: it may have changed during the slow work
        os.replace(tmp, target)
        _sync_folder(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every file system lets a folder be synced."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_writable(target: Path) -> None:
    """Raise OutputError unless `target` could be written: a regular file or none yet, under a
    folder (or one that can be created) that this user may write to."""
    _refuse_odd_target(target)
    folder = target.parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write to {folder}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to {folder}: permission denied")
