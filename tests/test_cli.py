"""The command line, driven through Typer's CliRunner and, once, as a real process."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES, write
from pypdf import PdfReader
from typer.testing import CliRunner

from briefer import __version__
from briefer.cli import app
from briefer.pipeline import slug
from briefer.render.pdf import read_embedded_json
from briefer.sections import BuildOptions, SectionSpec, registry

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TITLE = "Xinjiang: the US turns to Central Asia"


def run(*args: str | Path):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    return result


def fails(code: int, *args: str | Path) -> str:
    """Run quietly and check the error contract: exactly one "error:" line, last on stderr, after
    at most some warnings; returns that line."""
    result = run("-q", *args)
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("error: ")] == lines[-1:], lines
    assert all(line.startswith("briefer: ") for line in lines[:-1]), lines
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return lines[-1]


def copy_samples(folder: Path) -> Path:
    target = folder / "sources"
    shutil.copytree(SAMPLES, target)
    return target


# ---------------------------------------------------------------- basics


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"briefer {__version__}"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help(flag):
    result = run(flag)
    assert result.exit_code == 0
    for command in ("build", "sections"):
        assert command in result.stdout
    build_help = run("build", flag)
    assert build_help.exit_code == 0
    for option in ("--output", "--sections", "--exclude", "--title", "--format"):
        assert option in build_help.stdout


def test_no_arguments_shows_help():
    result = run()
    assert "build" in result.output
    assert "sections" in result.output


def test_sections_lists_the_registry_in_print_order():
    result = run("sections")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == list(registry())
    for name in ("background", "actors", "timeline", "questions", "sources"):
        assert name in listed
    for spec in registry().values():
        assert spec.title in result.stdout


# ---------------------------------------------------------------- builds


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The samples built once per format with the same title: PDF, HTML and JSON."""
    folder = tmp_path_factory.mktemp("built")
    logger = logging.getLogger("briefer")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    paths = {}
    for fmt in ("json", "html", "pdf"):
        target = folder / f"briefing.{fmt}"
        result = CliRunner().invoke(
            app, ["-q", "build", str(SAMPLES), "-o", str(target), "-f", fmt, "--title", TITLE]
        )
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == str(target)
        paths[fmt] = target
    logger.handlers[:] = saved[0]
    logger.setLevel(saved[1])
    logger.propagate = saved[2]
    return paths


@pytest.fixture(scope="module")
def built_json(built):
    return json.loads(built["json"].read_text(encoding="utf-8"))


def _plain_build() -> dict[str, SectionSpec]:
    """The sections a build without options has: all but those on condition (`since`)."""
    return {name: spec for name, spec in registry().items() if spec.applies(BuildOptions())}


def test_build_writes_every_section_and_the_title(built_json):
    assert built_json["title"] == TITLE
    assert built_json["sections"] == list(_plain_build())
    for name, spec in _plain_build().items():
        if name != "sources":
            assert spec.json_key in built_json
    assert [s["id"] for s in built_json["sources"]] == ["S1", "S2"]


def test_pdf_carries_the_same_content_as_the_json(built, built_json):
    data = built["pdf"].read_bytes()
    assert data.startswith(b"%PDF-")
    assert read_embedded_json(built["pdf"]) == built_json


def test_pdf_text_has_the_same_sections_and_actors(built, built_json):
    from pypdf import PdfReader

    reader = PdfReader(built["pdf"])
    text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    for spec in _plain_build().values():
        assert spec.title in text
    for actor in built_json["actors"]:
        assert " ".join(actor["name"].split()) in text, actor["name"]
    assert reader.metadata.title == TITLE


def test_html_carries_the_same_content_as_the_json(built, built_json):
    from lxml import html as lxml_html

    from briefer.models import PartialDate

    page = lxml_html.fromstring(built["html"].read_bytes())
    text = " ".join(page.text_content().split())
    assert page.findtext(".//title") == TITLE
    sections = [s for s in page.iter("section") if s.get("id") in registry()]
    assert [s.get("id") for s in sections] == built_json["sections"]
    for section in sections:
        heading = section.find(".//h2")
        assert heading is not None
        assert heading.text_content().strip() == registry()[section.get("id")].title
    for actor in built_json["actors"]:
        assert actor["name"] in text
    for event in built_json["timeline"]:
        assert PartialDate.parse(event["date"]).human() in text, event["date"]
        assert " ".join(event["text"].split()) in text
    for statement in built_json["background"]:
        assert " ".join(statement["text"].split()) in text
    for question in built_json["open_questions"]:
        assert " ".join(question["question"].split()) in text
    for source in built_json["sources"]:
        assert source["title"] in text


def test_sections_option_builds_only_those(tmp_path):
    target = tmp_path / "two.json"
    result = run(
        "-q", "build", SAMPLES, "-o", target, "-f", "json", "--sections", "timeline,actors"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["sections"] == ["actors", "timeline"]  # print order, not the order asked
    assert data["actors"]
    assert data["timeline"]
    for key in ("background", "open_questions", "key_points"):
        assert key not in data
    assert data["sources"]  # always listed: citations refer to it


def test_exclude_option_leaves_sections_out(tmp_path):
    target = tmp_path / "most.html"
    result = run(
        "-q", "build", SAMPLES, "-o", target, "-f", "html", "--exclude", "questions", "-x", "actors"
    )
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    ids = re.findall(r'<section class="section section-[\w-]+" id="([\w-]+)"', page)
    assert "questions" not in ids
    assert "actors" not in ids
    assert {"background", "timeline", "sources"} <= set(ids)
    assert registry()["questions"].title not in page
    assert registry()["actors"].title not in page


def test_default_output_is_named_after_the_title(tmp_path, monkeypatch):
    copy_samples(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("-q", "build", "-f", "json", "-t", TITLE)
    assert result.exit_code == 0, result.output
    printed = Path(result.stdout.strip())
    assert printed == Path("output") / "xinjiang-the-us-turns-to-central-asia.json"
    data = json.loads((tmp_path / printed).read_text(encoding="utf-8"))
    assert data["title"] == TITLE
    assert data["sources"][0]["path"] == "sources/000_379b809811c93afb.txt"
    assert list((tmp_path / "output").iterdir()) == [tmp_path / printed]


def test_slug():
    assert slug("Top US diplomat: Pompeo’s trip!") == "top-us-diplomat-pompeos-trip"
    assert slug("???") == "briefing"
    assert slug("Türkiye courts the élite") == "turkiye-courts-the-elite"
    assert slug("Η Ελλάδα και η Τουρκία") == "e-ellada-kai-e-tourkia"  # transliterated
    assert slug("word " * 40) == "-".join(["word"] * 12)  # 59 characters, whole words
    long_title = "Xinjiang: the US turns to Central Asia as Pompeo visits Kazakhstan with Beijing"
    assert slug(long_title) == "xinjiang-the-us-turns-to-central-asia-as-pompeo-visits"
    assert slug("a" * 70) == "a" * 60  # one word longer than the limit: cut, as nothing else fits


# ---------------------------------------------------------------- a real process


def test_python_m_briefer_version():
    done = subprocess.run(
        [sys.executable, "-m", "briefer", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"briefer {__version__}"


def test_real_build_in_a_fresh_process(tmp_path):
    """`briefer build` with no arguments, as the README says: sources/ in, output/….pdf out."""
    copy_samples(tmp_path)
    entry = Path(sys.executable).parent / "briefer"
    command = [str(entry)] if entry.exists() else [sys.executable, "-m", "briefer"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFER_")}
    done = subprocess.run(
        [*command, "build"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    printed = done.stdout.strip()
    assert "\n" not in printed
    path = tmp_path / printed
    assert printed.startswith("output/")
    assert printed.endswith(".pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    embedded = read_embedded_json(path)
    assert embedded is not None
    assert printed == f"output/{slug(embedded['title'])}.pdf"
    assert "briefer: " in done.stderr  # progress goes to stderr, never stdout
    assert not list((tmp_path / "output").glob("*.part"))


# ---------------------------------------------------------------- errors


def test_no_sources_folder(tmp_path):
    line = fails(2, "build", tmp_path / "missing", "-o", tmp_path / "out.pdf")
    assert "missing" in line


def test_default_sources_folder_missing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "sources" in fails(2, "build")


def test_empty_sources_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    fails(2, "build", tmp_path / "empty", "-o", tmp_path / "out.pdf")


def test_sources_with_only_empty_files(tmp_path):
    write(tmp_path / "src", "a.txt", "")
    result = run("-q", "build", tmp_path / "src", "-o", tmp_path / "out.pdf")
    assert fails(2, "build", tmp_path / "src", "-o", tmp_path / "out.pdf")
    assert "a.txt" in result.stderr  # the warning says which file was skipped


def test_a_file_that_gives_no_article_is_named_in_the_briefing(tmp_path):
    """The JSON lists it with why, the PDF's front block names it: the number of sources can
    be checked against the folder."""
    sources = copy_samples(tmp_path)
    write(sources, "blank.txt", "\n\n")
    target = tmp_path / "out.json"
    assert run("-q", "build", sources, "-o", target, "-f", "json").exit_code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["skipped"] == [{"file": "blank.txt", "reason": "no article text after cleaning"}]
    pdf = tmp_path / "out.pdf"
    assert run("-q", "build", sources, "-o", pdf, "--sections", "sources").exit_code == 0
    front = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "not used: blank.txt (no article text after cleaning)" in front
    clean = tmp_path / "clean.json"
    assert run("-q", "build", SAMPLES, "-o", clean, "-f", "json", "-x", "questions").exit_code == 0
    assert json.loads(clean.read_text(encoding="utf-8"))["skipped"] == []


def test_malformed_manifest(tmp_path):
    sources = copy_samples(tmp_path)
    write(sources, "sources.toml", '["000_379b809811c93afb.txt"\ntitle = "x"\n')
    assert "sources.toml" in fails(2, "build", sources, "-o", tmp_path / "out.pdf")


@pytest.mark.skipif(IS_ROOT, reason="root reads a file whatever its permissions")
def test_unreadable_file(tmp_path):
    sources = copy_samples(tmp_path)
    locked = sources / "000_379b809811c93afb.txt"
    locked.chmod(0)
    try:
        assert locked.name in fails(2, "build", sources, "-o", tmp_path / "out.pdf")
    finally:
        locked.chmod(0o644)


@pytest.mark.parametrize(
    "args",
    [
        ["--sections", "timeline,actorz"],
        ["--exclude", "nonsense"],
        ["-s", "background", "-x", "background"],
    ],
)
def test_unknown_or_no_section(tmp_path, args):
    fails(3, "build", SAMPLES, "-o", tmp_path / "out.pdf", *args)


def test_unknown_format(tmp_path):
    assert "docx" in fails(3, "build", SAMPLES, "-o", tmp_path / "out.docx", "-f", "docx")


def test_output_under_a_file(tmp_path):
    write(tmp_path, "file.txt", "I am a file")
    line = fails(4, "build", SAMPLES, "-o", tmp_path / "file.txt" / "out.pdf")
    assert "file.txt" in line


def test_output_under_a_file_fails_before_the_analysis(tmp_path):
    write(tmp_path, "file.txt", "I am a file")
    result = run("build", SAMPLES, "-o", tmp_path / "file.txt" / "sub" / "out.json", "-f", "json")
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-1].startswith("error: ")
    assert "analysed" not in result.stderr  # no progress: it failed before the slow part
    assert "read " not in result.stderr


@pytest.mark.skipif(IS_ROOT, reason="root writes into read-only folders")
def test_read_only_output_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run("build", SAMPLES, "-o", locked / "out.pdf")
        assert result.exit_code == 4
        assert len(result.stderr.splitlines()) == 1  # before any progress line
        assert result.stderr.startswith("error: ")
    finally:
        locked.chmod(0o755)


def test_output_is_a_folder(tmp_path):
    assert "folder" in fails(4, "build", SAMPLES, "-o", tmp_path)


def test_invalid_config_toml(tmp_path):
    config = write(tmp_path, "briefer.toml", "[build\nmodel = 1\n")
    line = fails(3, "build", SAMPLES, "-o", tmp_path / "o.pdf", "--config", config)
    assert "briefer.toml" in line


def test_unknown_config_key(tmp_path):
    config = write(tmp_path, "briefer.toml", '[build]\ncolour = "red"\n')
    assert "colour" in fails(3, "build", SAMPLES, "-o", tmp_path / "o.pdf", "--config", config)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("paper = 4", "paper"),
        ('timeline_size = "ten"', "timeline_size"),
        ("timeline_size = 0", "timeline_size"),
        ("sections = [1, 2]", "sections"),
    ],
)
def test_config_value_of_the_wrong_type(tmp_path, line, key):
    config = write(tmp_path, "briefer.toml", f"[build]\n{line}\n")
    assert key in fails(3, "build", SAMPLES, "-o", tmp_path / "o.pdf", "--config", config)


def test_missing_config_file(tmp_path):
    fails(3, "build", SAMPLES, "-o", tmp_path / "o.pdf", "--config", tmp_path / "none.toml")


def test_default_config_file_is_read(tmp_path, monkeypatch):
    write(tmp_path, "briefer.toml", '[build]\nsections = ["nonsense"]\n')
    monkeypatch.chdir(tmp_path)
    assert "nonsense" in fails(3, "build", SAMPLES, "-o", tmp_path / "o.pdf")


def test_unknown_model(tmp_path):
    line = fails(5, "build", SAMPLES, "-o", tmp_path / "o.pdf", "--model", "xx_no_such_model")
    assert "xx_no_such_model" in line


def test_unknown_model_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFER_MODEL", "xx_no_such_model")
    assert "xx_no_such_model" in fails(5, "build", SAMPLES, "-o", tmp_path / "o.pdf")


def test_missing_templates_folder(tmp_path):
    line = fails(3, "build", SAMPLES, "-o", tmp_path / "o.pdf", "--templates", tmp_path / "nope")
    assert "nope" in line


# ---------------------------------------------------------------- atomic output

OLD = b"%PDF-1.7 the previous briefing, which must survive a failed build\n"


def test_failed_render_leaves_the_old_output_intact(tmp_path):
    target = write(tmp_path, "out.pdf", OLD)
    templates = tmp_path / "broken"
    write(templates, "briefing.html.j2", "<html><body>{{ undefined_variable }}</body></html>\n")
    line = fails(3, "build", SAMPLES, "-o", target, "--templates", templates)
    assert "undefined_variable" in line
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "out.pdf"]


def test_template_syntax_error_is_reported_with_its_place(tmp_path):
    templates = tmp_path / "broken"
    write(templates, "briefing.html.j2", "<html>\n{% if %}\n</html>\n")
    line = fails(
        3, "build", SAMPLES, "-o", tmp_path / "o.html", "-f", "html", "--templates", templates
    )
    assert "briefing.html.j2" in line
    assert "line 2" in line


def test_failed_build_leaves_the_old_output_intact(tmp_path):
    target = write(tmp_path, "out.json", OLD)
    fails(5, "build", SAMPLES, "-o", target, "-f", "json", "--model", "xx_no_such_model")
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_successful_build_replaces_the_old_output(tmp_path):
    target = write(tmp_path, "out.json", OLD)
    result = run("-q", "build", SAMPLES, "-o", target, "-f", "json", "-s", "sources")
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["sections"] == ["sources"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no .part file left behind


def test_library_build_fails_fast_on_unwritable_output(tmp_path, briefer_log):
    from briefer.config import BuildRequest
    from briefer.errors import OutputError
    from briefer.pipeline import build

    write(tmp_path, "file.txt", "I am a file")
    with pytest.raises(OutputError):
        build(BuildRequest(sources=SAMPLES, output=tmp_path / "file.txt" / "out.pdf"))
    said = [r.getMessage() for r in briefer_log.records]
    assert not [m for m in said if m.startswith(("read ", "analys"))], said


# ---------------------------------------------------------------- fast start

HEAVY = ("spacy", "weasyprint", "trafilatura", "jinja2", "dateparser", "rich.markdown", "thinc")


def imported_modules(*args: str) -> set[str]:
    """The modules a fresh `python -m briefer ARGS` imports, as `-X importtime` lists them."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefer", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize("args", [("--help",), ("build", "--help"), ("--version",), ("sections",)])
def test_quick_commands_import_nothing_heavy(args):
    modules = imported_modules(*args)
    assert "briefer.cli" in modules  # the listing is real
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY)
    assert heavy == [], heavy


def test_help_does_not_import_pydantic():
    """pydantic costs ~50 ms; Typer imports it only to run a command, never for help."""
    assert not any(m.split(".")[0] == "pydantic" for m in imported_modules("--help"))
