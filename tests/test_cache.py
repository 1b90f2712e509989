"""The parse cache and parallel parsing: real builds with the real model, counted by the
"parsed N of M article(s)" line each build logs, and compared byte for byte."""

from __future__ import annotations

import json
import marshal
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, write
from typer.testing import CliRunner

from briefer.analysis import nlp
from briefer.analysis.cache import FILE_NAME, RENDERS, TRIM_TO, ParseCache, decode, encode
from briefer.cli import app
from briefer.errors import ModelError
from briefer.models import Article

TEMPLATES = ROOT / "templates"
PARSED = re.compile(r"parsed (\d+) of (\d+) article\(s\), (\d+) from the cache")
EXTRA = (
    "Lawmakers in Brussels approved the budget on Tuesday after a long debate.\n\n"
    "The finance minister, Anna Berg, said the vote was a relief for the coalition.\n"
)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def sources(tmp_path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(SAMPLES, target)
    return target


def build(sources: Path, output: Path, *args: str) -> tuple[int, int, int, str]:
    """One CLI build to JSON: (articles parsed, articles in all, from the cache, stderr)."""
    result = CliRunner().invoke(
        app, ["build", str(sources), "-f", "json", "-o", str(output), *args]
    )
    assert result.exit_code == 0, result.output
    found = PARSED.search(result.stderr)
    assert found, result.stderr
    parsed, total, cached = map(int, found.groups())
    return parsed, total, cached, result.stderr


def test_second_build_parses_nothing_and_writes_the_same_bytes(sources, cache_dir, tmp_path):
    assert build(sources, tmp_path / "a.json")[:3] == (2, 2, 0)
    assert (cache_dir / FILE_NAME).is_file()
    assert build(sources, tmp_path / "b.json", "--title", "Another title")[:3] == (0, 2, 2)
    assert build(sources, tmp_path / "c.json")[:3] == (0, 2, 2)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "c.json").read_bytes()


def test_output_is_the_same_without_the_cache(sources, cache_dir, tmp_path):
    build(sources, tmp_path / "cached-cold.json")
    build(sources, tmp_path / "cached-warm.json")
    assert build(sources, tmp_path / "none.json", "--no-cache")[:3] == (2, 2, 0)
    warm = (tmp_path / "cached-warm.json").read_bytes()
    assert warm == (tmp_path / "none.json").read_bytes()
    assert warm == (tmp_path / "cached-cold.json").read_bytes()


def test_no_cache_parses_everything_and_stores_nothing(sources, cache_dir, tmp_path):
    assert build(sources, tmp_path / "a.json", "--no-cache")[:3] == (2, 2, 0)
    assert not (cache_dir / FILE_NAME).exists()


def test_an_added_article_is_the_only_one_parsed(sources, cache_dir, tmp_path):
    build(sources, tmp_path / "a.json")
    write(sources, "new.txt", EXTRA)
    assert build(sources, tmp_path / "b.json")[:3] == (1, 3, 2)
    assert build(sources, tmp_path / "c.json")[:3] == (0, 3, 3)
    fresh = build(sources, tmp_path / "d.json", "--no-cache")
    assert fresh[:3] == (3, 3, 0)
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "d.json").read_bytes()


def test_an_edited_article_is_parsed_again(sources, cache_dir, tmp_path):
    build(sources, tmp_path / "a.json")
    first = sorted(sources.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build(sources, tmp_path / "b.json")[:3] == (1, 2, 1)


def test_another_parse_version_never_reads_old_entries(sources, cache_dir, tmp_path, monkeypatch):
    build(sources, tmp_path / "a.json")
    monkeypatch.setattr(nlp, "PARSE_VERSION", nlp.PARSE_VERSION + 1)
    assert build(sources, tmp_path / "b.json")[:3] == (2, 2, 0)


def test_another_model_version_never_reads_old_entries(sources, cache_dir, tmp_path):
    """A copy of the model as a folder: after its meta.json says another version, every
    article is parsed again."""
    installed = nlp.find_spec(nlp.DEFAULT_MODEL)
    assert installed is not None
    assert installed.submodule_search_locations
    package = Path(next(iter(installed.submodule_search_locations)))
    data = next(p for p in package.iterdir() if p.is_dir() and (p / "config.cfg").is_file())
    model = tmp_path / "model"
    shutil.copytree(data, model)
    try:
        assert build(sources, tmp_path / "a.json", "--model", str(model))[:3] == (2, 2, 0)
        assert build(sources, tmp_path / "b.json", "--model", str(model))[:3] == (0, 2, 2)
        meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
        meta["version"] += "-retrained"
        (model / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        nlp.model_identity.cache_clear()  # a new process would read meta.json afresh
        assert build(sources, tmp_path / "c.json", "--model", str(model))[:3] == (2, 2, 0)
    finally:
        nlp.model_identity.cache_clear()
        nlp.load_pipeline.cache_clear()


def test_model_identity_matches_the_loaded_pipeline():
    meta = nlp.load_pipeline(nlp.DEFAULT_MODEL).meta
    identity = nlp.model_identity(nlp.DEFAULT_MODEL)
    assert identity.startswith(f"{meta['lang']}_{meta['name']}-{meta['version']} spacy-")


def test_keys_differ_by_text_and_model():
    key = nlp.cache_key("Some text.", nlp.DEFAULT_MODEL)
    assert key == nlp.cache_key("Some text.", nlp.DEFAULT_MODEL)
    assert key != nlp.cache_key("Some text!", nlp.DEFAULT_MODEL)
    with pytest.raises(ModelError):  # no key for a model that is not there
        nlp.cache_key("Some text.", "no_such_model_installed")


def test_a_corrupt_database_is_replaced_with_a_warning(sources, cache_dir, tmp_path):
    build(sources, tmp_path / "a.json")
    (cache_dir / FILE_NAME).write_bytes(b"this is not a database" * 200)
    for suffix in ("-wal", "-shm"):
        Path(f"{cache_dir / FILE_NAME}{suffix}").unlink(missing_ok=True)
    parsed, total, cached, stderr = build(sources, tmp_path / "b.json")
    assert (parsed, cached) == (2, 0)
    assert "parse cache" in stderr
    assert "unreadable" in stderr
    assert build(sources, tmp_path / "c.json")[:3] == (0, 2, 2)  # the new file works
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "c.json").read_bytes()


def test_a_corrupt_entry_is_ignored_and_replaced(sources, cache_dir, tmp_path):
    build(sources, tmp_path / "a.json")
    with sqlite3.connect(cache_dir / FILE_NAME) as db:
        db.execute("UPDATE parses SET value = ? WHERE rowid = 1", (b"\x78\x9c garbage",))
    db.close()
    parsed, _, cached, stderr = build(sources, tmp_path / "b.json")
    assert (parsed, cached) == (1, 1)
    assert "damaged parse cache entry" in stderr
    assert build(sources, tmp_path / "c.json")[:3] == (0, 2, 2)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_an_unusable_cache_folder_only_warns(sources, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(blocker / "cache"))
    parsed, _, cached, stderr = build(sources, tmp_path / "a.json")
    assert (parsed, cached) == (2, 0)
    assert "parse cache unavailable" in stderr


def test_entries_round_trip():
    article = Article("a", Path("a.txt"), "Alice met Bob in Paris.\n\n---\n\nThey talked.")
    entries = nlp._parse_all((article,), nlp.DEFAULT_MODEL, nlp.ParseOptions(jobs=1))
    entry = entries[0]
    assert entry[1] is None  # "---" has no letter: not parsed
    assert decode(encode(entry)) == entry
    with pytest.raises(ValueError, match=r".+"):
        decode(b"not zlib at all")
    with pytest.raises(ValueError, match="not a tuple of parsed lines"):
        decode(zlib.compress(marshal.dumps((("a line", "not a column"),))))


def test_cache_info_and_clear(sources, cache_dir, tmp_path):
    runner = CliRunner()
    empty = runner.invoke(app, ["cache", "info"])
    assert empty.exit_code == 0, empty.output
    assert "entries  0" in empty.stdout
    build(sources, tmp_path / "a.json")
    info = runner.invoke(app, ["cache", "info"])
    assert str(cache_dir / FILE_NAME) in info.stdout
    assert "entries  2" in info.stdout
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0, cleared.output
    assert "removed 2 entries" in cleared.stdout
    assert "entries  0" in runner.invoke(app, ["cache", "info"]).stdout
    assert build(sources, tmp_path / "b.json")[:3] == (2, 2, 0)


def test_concurrent_writers_keep_every_entry(tmp_path):
    """Two connections writing interleaved transactions (as two builds would) lose nothing."""
    with ParseCache(tmp_path) as one, ParseCache(tmp_path) as two:
        for n in range(20):
            (one if n % 2 else two).put_many([(f"k{n}", encode(()))])
        assert len(one.get_many([f"k{n}" for n in range(20)])) == 20


# ---------------------------------------------------------------- parallel parsing


def sample_lines() -> list[str]:
    return [
        line
        for path in sorted(SAMPLES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip()
    ]


def test_two_processes_parse_exactly_as_one():
    """Small batches, so that both worker processes really get lines."""
    lines = sample_lines()
    assert len(lines) > 4 * 8
    alone = list(nlp.parse_lines(lines, nlp.DEFAULT_MODEL, jobs=1, batch_size=8))
    shared = list(nlp.parse_lines(lines, nlp.DEFAULT_MODEL, jobs=2, batch_size=8))
    assert shared == alone


def test_jobs_do_not_change_the_json(sources, tmp_path, monkeypatch):
    """The samples are too small to be worth a second process: the threshold is lowered so
    that `--jobs 2` really forks two."""
    monkeypatch.setattr(nlp, "MIN_LINES_PER_JOB", 8)
    one = build(sources, tmp_path / "one.json", "--no-cache", "--jobs", "1")
    two = build(sources, tmp_path / "two.json", "--no-cache", "--jobs", "2")
    assert "in 1 process(es)" in one[3]
    assert "in 2 process(es)" in two[3]
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_small_builds_stay_in_one_process(sources, tmp_path):
    assert "in 1 process(es)" in build(sources, tmp_path / "a.json", "--no-cache", "-j", "2")[3]


def test_jobs_must_be_positive(sources, tmp_path):
    result = CliRunner().invoke(app, ["build", str(sources), "--jobs", "0"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_jobs_from_the_config_file(tmp_path):
    from briefer.config import BuildFlags, resolve

    config = write(tmp_path, "briefer.toml", "[build]\njobs = 3\ncache = false\n")
    request = resolve(BuildFlags(), config, {})
    assert (request.jobs, request.cache) == (3, False)
    assert resolve(BuildFlags(jobs=1), config, {}).jobs == 1
    assert resolve(BuildFlags(), None, {"BRIEFER_CACHE_DIR": str(tmp_path)}).cache_dir == tmp_path
    assert resolve(BuildFlags(cache=False), None, {}).cache is False
    bad = write(tmp_path, "bad.toml", "[build]\njobs = 0\n")
    with pytest.raises(Exception, match="jobs must be at least 1"):
        resolve(BuildFlags(), bad, {})


def test_default_jobs_are_the_cores_this_process_may_use():
    import os

    assert nlp.default_jobs() == len(os.sched_getaffinity(0))


# ---------------------------------------------------------------- rendered PDFs


def build_pdf(sources: Path, output: Path, *args: str) -> str:
    """One CLI build to PDF; its stderr (INFO lines included)."""
    result = CliRunner().invoke(app, ["build", str(sources), "-o", str(output), *args])
    assert result.exit_code == 0, result.output
    return result.stderr


FROM_CACHE = "PDF from the cache"


def test_a_cached_pdf_is_the_same_bytes_and_weasyprint_is_not_imported(
    sources, cache_dir, tmp_path
):
    assert FROM_CACHE not in build_pdf(sources, tmp_path / "cold.pdf", "--no-cache")
    assert FROM_CACHE not in build_pdf(sources, tmp_path / "first.pdf")
    assert FROM_CACHE in build_pdf(sources, tmp_path / "again.pdf")
    cold = (tmp_path / "cold.pdf").read_bytes()
    assert cold == (tmp_path / "first.pdf").read_bytes() == (tmp_path / "again.pdf").read_bytes()
    # A fresh process served from the cache loads neither WeasyPrint nor spaCy.
    script = (
        "import sys; from briefer.cli import main; sys.argv[1:] = sys.argv[2:]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(sorted(m for m in ('weasyprint', 'spacy') if m in sys.modules))"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, "-", "build", str(sources), "-o", str(tmp_path / "c.pdf")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    assert child.stdout.splitlines()[-1] == "[]", child.stderr
    assert (tmp_path / "c.pdf").read_bytes() == cold


def test_a_changed_template_or_flag_renders_again(sources, cache_dir, tmp_path):
    build_pdf(sources, tmp_path / "a.pdf")
    templates = tmp_path / "templates"
    write(templates, "style.css", (TEMPLATES / "style.css").read_text(encoding="utf-8") + "\n")
    # The same HTML (the style sheet is inlined, so it changed) from another folder: rendered.
    assert FROM_CACHE not in build_pdf(sources, tmp_path / "b.pdf", "--templates", str(templates))
    # A font only the template folder holds (WeasyPrint reads it, the HTML does not say so).
    write(templates, "fonts/extra.bin", b"\x00")
    assert FROM_CACHE not in build_pdf(sources, tmp_path / "c.pdf", "--templates", str(templates))
    assert FROM_CACHE in build_pdf(sources, tmp_path / "d.pdf", "--templates", str(templates))
    stderr = build_pdf(
        sources, tmp_path / "e.pdf", "--templates", str(templates), "--paper", "letter"
    )
    assert FROM_CACHE not in stderr
    assert (tmp_path / "e.pdf").read_bytes() != (tmp_path / "d.pdf").read_bytes()


def test_pdf_keys_cover_html_settings_and_assets(tmp_path):
    from briefer.render.pdf import render_key

    key = render_key(("<p>a</p>", "pdf/ua-1"))
    assert key == render_key(("<p>a</p>", "pdf/ua-1"))
    assert key != render_key(("<p>b</p>", "pdf/ua-1"))
    assert key != render_key(("<p>a</p>", "pdf/a-3b"))
    assert key != render_key(("<p>a</p>pdf/ua-1",))  # parts are delimited
    write(tmp_path, "logo.svg", "<svg/>")
    with_user = render_key(("<p>a</p>", "pdf/ua-1"), tmp_path)
    assert with_user != key
    write(tmp_path, "logo.svg", "<svg></svg>")
    assert render_key(("<p>a</p>", "pdf/ua-1"), tmp_path) != with_user


def test_no_cache_stores_no_pdf_and_clear_removes_them(sources, cache_dir, tmp_path):
    build_pdf(sources, tmp_path / "a.pdf", "--no-cache")
    assert not (cache_dir / FILE_NAME).exists()
    build_pdf(sources, tmp_path / "b.pdf")
    with ParseCache(cache_dir) as store:
        assert store.info().renders == 1
    assert "removed" in CliRunner().invoke(app, ["cache", "clear"]).stdout
    with ParseCache(cache_dir) as store:
        assert store.info().renders == 0
    assert FROM_CACHE not in build_pdf(sources, tmp_path / "c.pdf")


# ---------------------------------------------------------------- the size cap


def test_trim_drops_the_least_recently_used_down_to_the_cap(tmp_path):
    with ParseCache(tmp_path) as store:
        for n in range(10):
            store.put_many([(f"p{n}", bytes(1000))])
            time.sleep(0.002)  # distinct times of use
        store.put_many([("pdf", bytes(1000))], RENDERS)
        store.get_many(["p0", "p1"])  # read again: now the most recently used
        assert store.stored_bytes() == 11_000
        assert store.trim(20_000) == 0
        removed = store.trim(5_000)
        assert store.stored_bytes() <= 5_000 * TRIM_TO
        assert removed == 11 - 4  # the four most recently used stay: p0, p1, the PDF, p9
        assert set(store.get_many([f"p{n}" for n in range(10)])) == {"p0", "p1", "p9"}
        assert store.get_many(["pdf"], RENDERS)
        assert store.info().size < 200_000  # the space went back to the file system


def test_a_build_holds_the_cache_under_its_cap(sources, cache_dir, tmp_path):
    with ParseCache(cache_dir) as store:
        store.put_many([(f"old{n}", os.urandom(100_000)) for n in range(30)])
        assert store.stored_bytes() == 3_000_000
    config = write(tmp_path, "briefer.toml", "[build]\ncache_mb = 1\n")
    first = build(sources, tmp_path / "a.json", "--config", str(config))
    assert first[:3] == (2, 2, 0)
    with ParseCache(cache_dir) as store:
        assert store.stored_bytes() <= 1_000_000
        assert store.info().entries < 30
    # This build's own entries were the last used: they stay.
    assert build(sources, tmp_path / "b.json", "--config", str(config))[:3] == (0, 2, 2)
