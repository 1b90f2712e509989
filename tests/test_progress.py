"""What a build shows on stderr: a bar on a terminal, plain lines on a pipe, nothing with -q."""

from __future__ import annotations

import logging
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES
from typer.testing import CliRunner

from briefer.cli import app
from briefer.progress import Bar

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def sources(tmp_path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(SAMPLES, target)
    return target


def test_a_pipe_gets_plain_lines(sources, tmp_path):
    output = tmp_path / "b.json"
    result = CliRunner().invoke(app, ["build", str(sources), "-f", "json", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{output}\n"
    lines = result.stderr.splitlines()
    assert all(line.startswith("briefer: ") for line in lines), lines
    assert not ANSI.search(result.stderr)  # no bar, no colour
    for stage in ("read 2 article(s)", "parsed ", "analysed ", "built timeline", "rendered JSON"):
        assert any(stage in line for line in lines), stage


@pytest.mark.parametrize("where", [["-q", "build"], ["build", "-q"], ["build", "--quiet"]], ids=str)
def test_quiet_prints_nothing_but_the_result(sources, tmp_path, where):
    output = tmp_path / "b.json"
    result = CliRunner().invoke(app, [*where, str(sources), "-f", "json", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == f"{output}\n"


def test_quiet_still_prints_errors(tmp_path):
    result = CliRunner().invoke(app, ["build", str(tmp_path / "missing"), "-q"])
    assert result.exit_code != 0
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1


def test_a_terminal_gets_a_bar_with_the_lines_above_it(sources, tmp_path):
    """A real pseudo-terminal on stderr: the bar counts the articles, the log lines still
    print, stdout carries only the path, and the cursor is given back at the end."""
    output = tmp_path / "b.json"
    command = [sys.executable, "-m", "briefer", "build", str(sources), "-f", "json"]
    stdout, shown = run_on_a_terminal([*command, "-o", str(output)])
    assert stdout == f"{output}\n"
    plain = ANSI.sub("", shown)
    assert "analysing" in plain
    assert re.search(r"analysing\W+2/2", plain), plain[-2000:]
    assert "briefer: read 2 article(s)" in plain
    assert "briefer: rendered JSON" in plain
    assert "\x1b[?25h" in shown  # the cursor, hidden while drawing, is shown again


def test_a_terminal_with_quiet_gets_nothing(sources, tmp_path):
    output = tmp_path / "b.json"
    command = [sys.executable, "-m", "briefer", "build", "-q", str(sources), "-f", "json"]
    stdout, shown = run_on_a_terminal([*command, "-o", str(output)])
    assert stdout == f"{output}\n"
    assert shown == ""


def run_on_a_terminal(command: list[str]) -> tuple[str, str]:
    """Run `command` with stderr on a pseudo-terminal: (stdout, all it drew on stderr)."""
    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=child, env=env)
    os.close(child)
    drawn = bytearray()
    while True:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:  # the child closed its end
                break
            if not data:
                break
            drawn += data
        elif process.poll() is not None:
            break
    assert process.stdout is not None
    stdout = process.stdout.read().decode()
    assert process.wait(timeout=600) == 0, drawn.decode(errors="replace")[-2000:]
    os.close(main)
    return stdout, drawn.decode(errors="replace")


def test_the_bar_gives_the_log_handlers_back(tmp_path):
    logger = logging.getLogger("briefer")
    before = list(logger.handlers)
    with (tmp_path / "out.txt").open("w", encoding="utf-8") as stream, Bar(stream) as bar:
        bar.stage("analysing", total=3)
        assert logger.handlers != before  # lines go through the bar's console meanwhile
        bar.advance(3)
    assert logger.handlers == before
