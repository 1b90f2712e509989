"""The README tells the truth: its commands are the ones CI runs, its flags exist, and the JSON
contract it documents is what `--format json` writes."""

from __future__ import annotations

import re

import pytest
import typer.main
from conftest import ROOT
from typer.testing import CliRunner

from briefer.cli import app
from briefer.sections import registry

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_SCRIPT = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
# The options a reader needs most: each must be in `briefer build -h` and, in its long or short
# form, in the README.
MAIN_BUILD_OPTIONS = (
    "--output",
    "--sections",
    "--exclude",
    "--title",
    "--format",
    "--model",
    "--timeline-size",
    "--background-size",
    "--templates",
    "--config",
)
CORE_SECTIONS = ("background", "actors", "timeline", "questions", "sources")


def section(title: str) -> str:
    """The README text under the `## title` heading, up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def code_blocks(text: str, language: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(rf"```{language}\n(.*?)```", text, re.S)]


def ci_commands() -> list[str]:
    lines = [line.strip() for line in CI_SCRIPT.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def setup_commands() -> tuple[str, str]:
    blocks = code_blocks(section("Set up and try it (fresh machine, Python 3.11+)"), "sh")
    assert len(blocks) == 2, blocks
    return blocks[0], blocks[1]


# ---------------------------------------------------------------- the two commands


def test_readme_has_the_two_commands_verbatim(setup_commands):
    install, test = setup_commands
    assert install == (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[dev]' && .venv/bin/briefer build"
    )
    assert test == ".venv/bin/python -m pytest"


def test_ci_runs_the_readme_test_command_last(setup_commands):
    assert ci_commands()[-1] == setup_commands[1]


def test_ci_installs_as_the_readme_says(setup_commands):
    """CI runs the same steps (pip quietly, through python -m pip), in the same order."""
    steps = [step.strip() for step in setup_commands[0].split("&&")]
    commands = ci_commands()
    venv = commands.index(steps[0])  # python3 -m venv .venv, verbatim
    install = next(i for i, c in enumerate(commands) if "pip install" in c and "-e '.[dev]'" in c)
    assert venv < install
    assert commands[install].startswith(".venv/bin/")
    assert steps[1] == ".venv/bin/pip install -e '.[dev]'"
    assert steps[2] == ".venv/bin/briefer build"
    test = commands.index(setup_commands[1])
    assert install < test


def test_ci_lints_before_testing():
    commands = ci_commands()
    assert commands.index(".venv/bin/ruff check .") < commands.index(".venv/bin/python -m pytest")


def test_readme_build_uses_the_shipped_samples():
    assert (ROOT / "sources").is_dir()
    assert any((ROOT / "sources").glob("*.txt"))
    assert "`SOURCES` defaults to `sources/`" in README


# ---------------------------------------------------------------- flags


def help_text(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "-h"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.stdout


def documented_flags() -> set[str]:
    usage = section("Usage")
    usage = usage.split("## ")[0].split("From Python:")[0]
    return set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)\b", usage))


def command_options(*path: str) -> set[str]:
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    return {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}


def test_readme_usage_lists_flags():
    flags = documented_flags()
    assert {"--sections", "--exclude", "--format", "-o", "--version", "-h", "-q"} <= flags


def test_every_documented_flag_exists():
    build_help = help_text("build")
    top_help = help_text()
    known = command_options("build") | command_options() | {"-h", "--help", "-m"}
    for flag in documented_flags():
        assert flag in known, f"README documents {flag}, which the CLI does not have"
        if flag not in ("-m", "-h", "--help"):
            assert flag in build_help or flag in top_help, flag


@pytest.mark.parametrize("option", MAIN_BUILD_OPTIONS)
def test_main_build_options_are_in_help_and_readme(option):
    command = typer.main.get_command(app).commands["build"]
    param = next((p for p in command.params if option in p.opts), None)
    assert param is not None, f"briefer build has no {option}"
    build_help = help_text("build")
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", build_help), option
    assert set(param.opts) & documented_flags(), f"{option} is not documented in the README"


def test_every_section_is_documented():
    sections_line = re.search(r"Sections: (.*)", README)
    assert sections_line
    documented = re.findall(r"`(\w+)`", sections_line.group(1))
    assert set(CORE_SECTIONS) <= set(documented)
    assert set(documented) <= set(registry()), "README names a section that does not exist"
    order = [name for name in registry() if name in documented]
    assert documented == order, "README lists the sections out of print order"


def test_exit_codes_are_documented():
    from briefer import errors

    table = dict(re.findall(r"^\| (\d+) \| (.+) \|$", README, re.M))
    for error in (errors.SourceError, errors.ConfigError, errors.OutputError, errors.ModelError):
        assert str(error.exit_code) in table, error.__name__
    assert "0" in table
    assert "70" in table
    from briefer.cli import INTERNAL_ERROR

    assert INTERNAL_ERROR == 70


# ---------------------------------------------------------------- the JSON contract


def documented_json() -> dict[str, set[str]]:
    """Top-level key → the keys documented inside its value (empty for scalars)."""
    block = code_blocks(section("The JSON contract (`--format json`)"), "jsonc")
    assert len(block) == 1
    starts = list(re.finditer(r'^  "(\w+)":', block[0], re.M))
    assert starts, "no keys found in the README's JSON block"
    out = {}
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        body = block[0][match.end() : following.start() if following else None]
        out[match.group(1)] = set(re.findall(r'"(\w+)":', body))
    return out


def all_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in all_keys(v)}
    return set()


def test_documented_top_level_keys_exist(sample_json):
    documented = documented_json()
    assert {
        "schema",
        "title",
        "sections",
        "sources",
        "background",
        "actors",
        "timeline",
        "open_questions",
    } <= set(documented)
    for key in documented:
        assert key in sample_json, f"README documents {key!r}, the JSON has no such key"


def test_documented_item_keys_exist(sample_json):
    for key, inner in documented_json().items():
        if key == "skipped":
            continue  # the samples skip no file: tests/test_cli.py checks a skipped file's keys
        assert inner <= all_keys(sample_json[key]), (key, inner - all_keys(sample_json[key]))


def test_each_item_has_every_documented_key(sample_json):
    """Not just somewhere: every single item carries the keys, null when unknown."""
    documented = documented_json()
    for key in ("sources", "background", "actors", "timeline", "open_questions"):
        top = documented[key] - {"source", "quote"}  # those belong to nested citations
        if key == "actors":
            top.discard("text")  # the text of a quote, nested too
        for item in sample_json[key]:
            assert top <= set(item), (key, top - set(item))


def test_documented_enumerations_hold(sample_json):
    contract = code_blocks(section("The JSON contract (`--format json`)"), "jsonc")[0]

    def allowed(key: str) -> set[str]:
        match = re.search(rf'"{key}": "([\w|]+)"', contract)
        assert match, key
        return set(match.group(1).split("|"))

    assert {a["kind"] for a in sample_json["actors"]} <= allowed("kind")
    assert {e["certainty"] for e in sample_json["timeline"]} <= allowed("certainty")
    question_kinds = re.search(r'"question": "…", "kind": "([\w|]+)"', contract)
    assert question_kinds
    assert {q["kind"] for q in sample_json["open_questions"]} <= set(
        question_kinds.group(1).split("|")
    )
    assert sample_json["schema"] == 1
    assert re.search(r'"schema": 1\b', contract)


def test_documented_python_api_exists():
    import importlib

    python = code_blocks(section("Usage"), "python")
    assert python
    imports = re.findall(r"from (briefer\.\w+) import (.+)", python[0])
    assert {module for module, _ in imports} == {"briefer.config", "briefer.pipeline"}
    for module, names in imports:
        for name in names.split(","):
            assert hasattr(importlib.import_module(module), name.strip()), (module, name)
    called = set(re.findall(r"\b(\w+)\(", python[0]))
    assert {"resolve", "build", "build_and_send", "send", "resolve_send"} <= called
