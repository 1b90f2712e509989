"""The layers of the package hold (import-linter, contracts in pyproject.toml), and the check
really fails when a module imports across them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def copy_of_package(tmp_path: Path) -> Path:
    """The package and its contracts, copied where a test may break them."""
    shutil.copytree(ROOT / "briefer", tmp_path / "briefer", ignore=shutil.ignore_patterns("*.pyc"))
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    linter = contracts["tool"]["importlinter"]
    lines = ["[tool.importlinter]"]
    lines += [f"{key} = {_toml(value)}" for key, value in linter.items() if key != "contracts"]
    for contract in linter["contracts"]:
        lines.append("\n[[tool.importlinter.contracts]]")
        lines += [f"{key} = {_toml(value)}" for key, value in contract.items()]
    (tmp_path / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_the_package_keeps_its_layers():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_the_copy_keeps_them_too(copy_of_package):
    result = _lint(copy_of_package)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "forbidden", "broken"),
    [
        ("render/html.py", "briefer.sections", "briefer.render is not allowed to import"),
        ("mail/message.py", "briefer.analysis", "briefer.mail is not allowed to import"),
        ("sections/sources.py", "briefer.render", "briefer.sections is not allowed to import"),
        ("sections/sources.py", "spacy", "briefer.sections is not allowed to import spacy"),
        ("models.py", "briefer.pipeline", "briefer.models is not allowed to import"),
        ("fetch/capture.py", "briefer.analysis", "briefer.fetch is not allowed to import"),
        ("fetch/http.py", "briefer.render", "briefer.fetch is not allowed to import"),
    ],
)
def test_a_forbidden_import_fails_the_check(copy_of_package, module, forbidden, broken):
    path = copy_of_package / "briefer" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\nimport {forbidden}\n", encoding="utf-8")
    result = _lint(copy_of_package)
    assert result.returncode != 0
    assert broken in result.stdout
