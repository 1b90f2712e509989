"""Hostile input, hostile servers and other people's folders (issue 12), each attack reproduced
with real parts: real files, FIFOs and symlinks, a real socket server on 127.0.0.1, and the real
CLI in a child process whose time is bounded by a timeout and whose memory by RLIMIT_AS."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write

TIMEOUT = 90  # seconds; every attack here is refused in a few when it is handled
MEMORY = 3 * 1024**3  # bytes of address space: an unbounded expansion dies well before this
BODY = (
    "The harbour council approved the new ferry link on Monday. "
    "The mayor said the link would open next spring.\n"
)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def briefer(*args: str | Path, cwd: Path, env: dict[str, str] | None = None):
    """The real CLI as a child process; fails the test if it outlives TIMEOUT."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env.pop("BRIEFER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "briefer", "-q", *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )


def refused(result, code: int) -> str:
    """The one error line of a run that had to stop with `code`, checked for the contract."""
    assert result.returncode == code, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines, result
    assert lines[-1].startswith("error: "), lines
    return lines[-1]


# ---------------------------------------------------------------- item 1: YAML alias bomb

ALIAS_BOMB = (
    "---\n"
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
        for a, b in zip("abcdefghi", "bcdefghij", strict=False)
    )
    + "title: *j\n---\n"
    + BODY
)


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    write(tmp_path / "in", "bomb.md", ALIAS_BOMB)
    assert len(ALIAS_BOMB.encode()) < 1000
    line = refused(briefer("build", "in", "-o", "out.json", "--format", "json", cwd=tmp_path), 2)
    assert "bomb.md" in line
    assert "alias" in line
    assert not (tmp_path / "out.json").exists()


def test_yaml_anchors_without_aliases_are_fine(tmp_path):
    from briefer.ingest import read_sources

    write(tmp_path, "a.md", "---\ntitle: &t Ferry link approved\n---\n" + BODY)
    (article,) = read_sources(tmp_path)
    assert article.title == "Ferry link approved"


def test_oversized_front_matter_is_refused(tmp_path):
    from briefer.errors import SourceError
    from briefer.ingest import read_sources

    filler = "".join(f"k{i}: {'x' * 60}\n" for i in range(2000))
    write(tmp_path, "a.md", "---\ntitle: Ferry\n" + filler + "---\n" + BODY)
    with pytest.raises(SourceError, match=r"a\.md: front matter is over 64 KB"):
        read_sources(tmp_path)


# ---------------------------------------------------------------- item 13: exit 2, not 70


def test_deeply_nested_front_matter_is_a_source_error(tmp_path):
    write(tmp_path / "in", "deep.md", "---\ntitle: " + "[" * 20_000 + "\n---\n" + BODY)
    line = refused(briefer("build", "in", "-o", "out.json", "--format", "json", cwd=tmp_path), 2)
    assert "deep.md" in line
    assert "nested" in line


def test_deeply_nested_manifest_is_a_source_error(tmp_path):
    write(tmp_path / "in", "a.txt", BODY)
    write(tmp_path / "in", "sources.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    line = refused(briefer("build", "in", "-o", "out.json", "--format", "json", cwd=tmp_path), 2)
    assert "sources.toml" in line
    assert "nested" in line


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_manifest_date_at_the_edge_of_the_calendar_is_a_source_error(tmp_path, published):
    write(tmp_path / "in", "a.txt", "The council met yesterday and will meet again tomorrow.\n")
    write(tmp_path / "in", "sources.toml", f'["a.txt"]\npublished = "{published}"\n')
    line = refused(briefer("build", "in", "-o", "out.json", "--format", "json", cwd=tmp_path), 2)
    assert published in line
    assert "sources.toml" in line


def test_front_matter_date_at_the_edge_of_the_calendar_is_unknown(tmp_path, briefer_log):
    from briefer.ingest import read_sources

    write(tmp_path, "a.md", "---\npublished: 0001-01-01\n---\n" + BODY)
    (article,) = read_sources(tmp_path)
    assert article.published is None
    assert any("0001-01-01" in r.getMessage() for r in briefer_log.records)
