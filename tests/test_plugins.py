"""A section is a plug-in: one module and one partial, and nothing else in briefer changes.

The test writes a new section module and its partial into temporary folders, points the
section package at the module's folder, and builds real briefings through the CLI."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

import briefer.sections
from briefer.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "sources"

MODULE = '''
"""Word counts: how long each source is, a section that exists only in this test."""

from dataclasses import dataclass

from briefer.models import Citation
from briefer.sections import SectionSpec


@dataclass(frozen=True)
class WordCount:
    source: str
    words: int
    citations: tuple[Citation, ...]

    def to_json(self):
        return {"source": self.source, "words": self.words}


def build(analysis, options):
    return tuple(
        WordCount(a.id, len(a.text.split()), (Citation(a.id, a.text.split("\\n")[0]),))
        for a in analysis.articles
    )


SECTION = SectionSpec("word_count", "Length of each source", "word_counts", build, order=85)
'''

PARTIAL = """
<ul class="word-count">
{% for item in section.items %}
  <li>{{ item.source }} runs to {{ item.words }} words{{ cite(item.citations) }}</li>
{% endfor %}
</ul>
"""


@pytest.fixture
def plugin(tmp_path, monkeypatch) -> Path:
    """A section module on the section package's path and a templates folder with its partial."""
    modules = tmp_path / "plugins"
    modules.mkdir()
    (modules / "word_count.py").write_text(textwrap.dedent(MODULE), encoding="utf-8")
    monkeypatch.setattr(briefer.sections, "__path__", [*briefer.sections.__path__, str(modules)])
    templates = tmp_path / "templates"
    (templates / "sections").mkdir(parents=True)
    (templates / "sections" / "word_count.html.j2").write_text(PARTIAL, encoding="utf-8")
    return templates


def test_a_new_module_is_a_registered_section(plugin):
    result = CliRunner().invoke(app, ["sections"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("word_count") and "Length of each source" in line for line in lines)
    # Its order puts it after the questions and before the sources list.
    names = [line.split()[0] for line in lines]
    assert names.index("questions") < names.index("word_count") < names.index("sources")


def test_the_new_section_reaches_the_json_and_the_pdf(plugin, tmp_path):
    out = tmp_path / "b.json"
    args = ["-q", "build", str(SAMPLES), "-s", "word_count,sources", "--templates", str(plugin)]
    result = CliRunner().invoke(app, [*args, "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["sections"] == ["word_count", "sources"]
    assert data["section_titles"]["word_count"] == "Length of each source"
    counts = {item["source"]: item["words"] for item in data["word_counts"]}
    assert set(counts) == {s["id"] for s in data["sources"]}
    assert all(n > 100 for n in counts.values())

    pdf = tmp_path / "b.pdf"
    result = CliRunner().invoke(app, [*args, "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Length of each source" in text
    assert f"S1 runs to {counts['S1']} words" in " ".join(text.split())


def test_without_its_module_the_section_is_unknown(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SAMPLES), "-s", "word_count"])
    assert result.exit_code == 3
    assert "unknown section 'word_count'" in result.output
