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


# ---------------------------------------------------------------- items 3 and 10: templates

SAMPLE_TEXT = (
    "Ferry link approved\n\n"
    "The harbour council approved the new ferry link on Monday, 3 May 2021. "
    "Mayor Ana Ruiz said the link would open in 2023. "
    "The council voted nine to two after a long debate.\n"
)


def _build_html(tmp_path: Path, templates: Path):
    write(tmp_path / "in", "a.txt", SAMPLE_TEXT)
    return briefer(
        "build", "in", "-f", "html", "-o", "out.html", "--templates", templates, cwd=tmp_path
    )


def test_template_cannot_run_code(tmp_path):
    marker = tmp_path / "pwned"
    templates = tmp_path / "tpl"
    payload = f"{{{{ lipsum.__globals__['os'].system('touch {marker}') }}}}"
    write(templates, "sections/key_points.html.j2", payload)
    line = refused(_build_html(tmp_path, templates), 3)
    assert "unsafe" in line
    assert not marker.exists()


def test_config_in_the_current_folder_cannot_run_code_through_custom_css(tmp_path):
    """`briefer build` in someone else's folder: their briefer.toml names their templates."""
    marker = tmp_path / "pwned"
    write(tmp_path, "briefer.toml", '[build]\ntemplates = "tpl"\n')
    write(
        tmp_path / "tpl",
        "custom.css",
        f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}",
    )
    write(tmp_path / "in", "a.txt", SAMPLE_TEXT)
    result = briefer("build", "in", "-f", "html", "-o", "out.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert "cycler.__init__" in (tmp_path / "out.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("via", ["include", "custom.css"])
def test_symlink_out_of_the_templates_folder_is_refused(tmp_path, via):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE\n", encoding="utf-8")
    templates = tmp_path / "tpl"
    templates.mkdir()
    if via == "include":
        (templates / "leak.txt").symlink_to(secret)
        write(templates, "sections/key_points.html.j2", '{% include "leak.txt" %}')
    else:
        (templates / "custom.css").symlink_to(secret)
    line = refused(_build_html(tmp_path, templates), 3)
    assert "outside" in line
    assert not (tmp_path / "out.html").exists()


def test_symlink_inside_the_templates_folder_is_followed(tmp_path):
    templates = tmp_path / "tpl"
    write(templates, "mine.css", "h1 { color: rgb(1, 2, 3); }\n")
    (templates / "custom.css").symlink_to(templates / "mine.css")
    assert _build_html(tmp_path, templates).returncode == 0
    assert "rgb(1, 2, 3)" in (tmp_path / "out.html").read_text(encoding="utf-8")


def test_parent_folder_in_an_include_is_not_found(tmp_path):
    (tmp_path / "secret.txt").write_text("TOP-SECRET-LINE\n", encoding="utf-8")
    templates = tmp_path / "tpl"
    write(templates, "sections/key_points.html.j2", '{% include "../secret.txt" %}')
    refused(_build_html(tmp_path, templates), 3)


@pytest.mark.parametrize(
    "css",
    [
        "@media print{#contents{display:none}}\n",
        "@media print{#x{display:none}}\nh1{color:rgb(4,5,6)} /* #} */\n",
        "h1::after { content: '</style><script>alert(1)</script>'; }\n",
    ],
)
def test_custom_css_is_css_not_a_template(tmp_path, css):
    templates = tmp_path / "tpl"
    write(templates, "custom.css", css)
    result = _build_html(tmp_path, templates)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert css.replace("</", "<\\/") in html
    assert "</style><script>" not in html
