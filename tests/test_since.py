"""`briefer build --since PREVIOUS`: an earlier briefing (its JSON or its PDF) read back, the new
briefing's items marked against it, and the earlier questions the new sources answer — all
through the real pipeline on the sample articles."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES, write
from pypdf import PdfReader
from since_support import FIRST, MANIFEST, SECOND, alone, manifest_entry
from typer.testing import CliRunner

from briefer.cli import app
from briefer.config import BuildRequest
from briefer.pipeline import build
from briefer.render.json_output import content_digest
from briefer.render.pdf import read_embedded_json
from briefer.sections.compare import Comparison, SourceMap


def built(sources: Path, output: Path, since: Path | None = None) -> Path:
    """One build as the CLI does it, in-process: `--format` from the output's suffix."""
    fmt = output.suffix.lstrip(".")
    return build(BuildRequest(sources=sources, output=output, format=fmt, since=since))


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def briefings(tmp_path_factory) -> dict[str, Path]:
    """Each article alone (JSON and PDF), then both with --since the other one's briefing."""
    root = tmp_path_factory.mktemp("since")
    out: dict[str, Path] = {}
    for name in (FIRST, SECOND):
        sources = alone(root / f"only-{name}", name)
        out[f"{name}.json"] = built(sources, root / f"{name}.json")
        out[f"{name}.pdf"] = built(sources, root / f"{name}.pdf")
        out[f"both-since-{name}.json"] = built(
            SAMPLES, root / f"both-since-{name}.json", out[f"{name}.json"]
        )
    return out


# ------------------------------------------------------------------ what "new" means


def _citations(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "source" in value and "quote" in value:
            yield value
        for inner in value.values():
            yield from _citations(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _citations(inner)


def _supported_by(item: dict[str, Any], key: str) -> set[str]:
    """The sources an item's JSON says it rests on: every citation in it, an actor's list of
    sources, a source entry itself."""
    ids = {c["source"] for c in _citations(item)} | set(item.get("sources", []))
    if key == "sources":
        ids.add(item["id"])
    return ids


def _items(briefing: dict[str, Any]) -> Iterator[tuple[str, int, dict[str, Any]]]:
    for key, value in briefing.items():
        if key == "since" or not isinstance(value, list):
            continue
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield key, index, item


@pytest.mark.parametrize("first", [SECOND, FIRST], ids=["second-then-both", "first-then-both"])
def test_exactly_the_items_only_the_added_source_supports_are_new(briefings, first):
    """The target: build one article alone, then both `--since` that briefing; the items marked
    new are exactly those whose citations all come from the article added."""
    previous = load(briefings[f"{first}.json"])
    after = load(briefings[f"both-since-{first}.json"])
    before_urls = {s["url"] for s in previous["sources"]}
    added = {s["id"] for s in after["sources"] if s["url"] not in before_urls}
    assert len(added) == 1

    expected, marked, changed, total = set(), set(), set(), 0
    for key, index, item in _items(after):
        total += 1
        assert "since" in item, (key, index)
        support = _supported_by(item, key)
        if support and support <= added:
            expected.add((key, index))
        if item["since"] == "new":
            marked.add((key, index))
        elif item["since"] == "changed":
            changed.add((key, index))
    by_section = {k: sum(1 for m in marked if m[0] == k) for k, _, _ in _items(after)}
    summary = (
        f"--since {first} alone, then both: {total} items, {len(expected)} supported only by "
        f"the added source, {len(marked)} marked new, {len(changed)} marked changed; "
        f"new by section: {by_section}"
    )
    sys.stdout.write(f"\n{summary}\n")  # the target's figures, shown with -s
    assert marked == expected, summary
    assert expected, "the added article brings items of its own"
    assert not marked & changed
    # Every changed item existed before: it cites at least one source the first briefing had.
    assert all(_supported_by(after[k][i], k) - added for k, i in changed)


def test_the_json_says_what_it_was_compared_with(briefings):
    path = briefings[f"{FIRST}.json"]
    previous = load(path)
    after = load(briefings[f"both-since-{FIRST}.json"])
    assert after["sections"][0] == "since"
    compared = after["since"][0]
    assert compared["kind"] == "compared"
    assert compared["title"] == previous["title"]
    assert compared["path"] == str(path)
    assert compared["digest"] == content_digest(previous)
    assert compared["sources"] == 1
    assert compared["latest_source"] == previous["sources"][0]["published"]
    assert compared["new_sources"] == ["S2"]
    assert compared["dropped_sources"] == 0
    new = sum(c["new"] for c in compared["marked"].values())
    assert new == sum(1 for _, _, item in _items(after) if item["since"] == "new")


def test_every_line_of_the_since_section_is_a_cited_source_sentence(briefings):
    after = load(briefings[f"both-since-{FIRST}.json"])
    texts = {a: (SAMPLES / a).read_text(encoding="utf-8") for a in MANIFEST}
    by_id = {s["id"]: Path(s["path"]).name for s in after["sources"]}
    lines = [i for i in after["since"] if i["kind"] != "compared"]
    assert lines
    for line in lines:
        for citation in _citations(line):
            assert " ".join(citation["quote"].split()) in " ".join(
                texts[by_id[citation["source"]]].split()
            )
        if line["kind"] == "new":
            assert line["citations"]
            marked = [
                item
                for item in after[line["section"]]
                if item["text"] == line["text"] and item["since"] == "new"
            ]
            assert marked, line["text"]


def test_earlier_questions_the_new_source_answers_are_listed(briefings):
    """The first article announces Pompeo's trip; its briefing asks whether he will raise the
    internment with his counterparts there. The second reports his recent visit: that answers
    it, by the open-questions section's own test, and the new briefing no longer asks it."""
    previous = load(briefings[f"{FIRST}.json"])
    after = load(briefings[f"both-since-{FIRST}.json"])
    answered = [i for i in after["since"] if i["kind"] == "answered"]
    sys.stdout.write(f"\nanswered: {len(answered)} of {len(previous['open_questions'])}\n")
    assert len(answered) == 1
    (item,) = answered
    asked = {q["question"]: q for q in previous["open_questions"]}
    assert item["question"] in asked
    assert asked[item["question"]]["kind"] == "plan"
    assert "Pompeo" in item["question"]
    assert {c["source"] for c in item["citations"]} == {"S1"}
    assert {c["source"] for c in item["answer"]["citations"]} == {"S2"}
    assert "recent visit" in item["answer"]["text"]
    assert item["question"] not in {q["question"] for q in after["open_questions"]}


def test_no_question_is_answered_by_an_earlier_source(briefings):
    """Built the other way round, the added article is the older one: it answers nothing the
    later article left open."""
    after = load(briefings[f"both-since-{SECOND}.json"])
    assert [i for i in after["since"] if i["kind"] == "answered"] == []


def test_since_a_pdf_is_the_same_as_since_its_json(briefings, tmp_path):
    pdf = briefings[f"{FIRST}.pdf"]
    assert read_embedded_json(pdf) == load(briefings[f"{FIRST}.json"])
    out = tmp_path / "from-pdf.json"
    result = CliRunner().invoke(
        app, ["-q", "build", str(SAMPLES), "-o", str(out), "-f", "json", "--since", str(pdf)]
    )
    assert result.exit_code == 0, result.output
    from_pdf = load(out)
    from_json = load(briefings[f"both-since-{FIRST}.json"])
    assert from_pdf["since"][0].pop("path") == str(pdf)
    from_json["since"][0].pop("path")
    assert from_pdf == from_json


def test_the_pdf_shows_the_marks_and_the_section(briefings, tmp_path):
    pdf = built(SAMPLES, tmp_path / "since.pdf", briefings[f"{FIRST}.pdf"])
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    after = read_embedded_json(pdf)
    assert after is not None
    assert "Since the last briefing" in text
    assert "Earlier open questions the new sources answer" in text
    marks = [item["since"] for _, _, item in _items(after)]
    assert text.count("CHANGED") == marks.count("changed")
    developments = sum(1 for i in after["since"] if i["kind"] == "new")
    assert text.count("NEW") == marks.count("new") + developments
    # Without --since the same sources give a briefing with no trace of a comparison.
    plain = read_embedded_json(built(SAMPLES, tmp_path / "plain.pdf"))
    assert plain is not None
    assert "since" not in plain
    assert "since" not in plain["sections"]
    assert all("since" not in item for _, _, item in _items(plain))
    assert content_digest(plain) == content_digest(after)


# ------------------------------------------------------------------ what is not a briefing


def _error(*args: str | Path) -> str:
    result = CliRunner().invoke(app, ["-q", "build", *[str(a) for a in args]])
    assert result.exit_code == 3, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_a_file_that_is_not_a_briefing_is_one_line(tmp_path):
    import weasyprint

    foreign = tmp_path / "foreign.pdf"
    weasyprint.HTML(string="<p>Not a briefing</p>").write_pdf(foreign)
    cases = {
        write(tmp_path, "notes.txt", "yesterday's notes"): "not JSON",
        write(tmp_path, "other.json", '{"schema": 1, "rows": []}'): "no title",
        write(tmp_path, "list.json", "[1, 2]"): "not a JSON object",
        write(tmp_path, "newer.json", '{"schema": 9, "title": "x"}'): "schema 9",
        foreign: "no briefing embedded",
        write(tmp_path, "broken.pdf", b"%PDF-1.7\n garbage"): "no briefing embedded",
        tmp_path / "missing.json": "cannot read",
    }
    for path, says in cases.items():
        line = _error(SAMPLES, "-o", tmp_path / "out.json", "--since", path)
        assert line.startswith("error: --since: "), line
        assert says in line, line
    assert not (tmp_path / "out.json").exists()


def test_the_since_section_alone_needs_since(tmp_path):
    line = _error(SAMPLES, "-o", tmp_path / "out.json", "--sections", "since")
    assert "--since" in line


# ------------------------------------------------------------------ identity, on JSON alone


def _cite(source: str, quote: str) -> dict[str, str]:
    return {"source": source, "quote": quote}


def test_identity_survives_renumbered_sources_and_sees_changes():
    """S1 of the earlier briefing is S2 now: the same passage is the same item; a finer date,
    a new role or one more source is a change; a source the earlier briefing had is never new."""
    sources = SourceMap({"S1": "S2"}, frozenset({"S1"}))
    event = {"date": "2020-01", "text": "Talks began.", "citations": [_cite("S1", "Talks began.")]}
    finer = {**event, "date": "2020-01-07", "citations": [_cite("S2", "Talks began.")]}
    same = {**event, "citations": [_cite("S2", "Talks  began.")]}
    other_day = {**finer, "date": "2020-02-07"}
    timeline = Comparison(sources, [event])
    assert timeline.mark(same) is None
    assert timeline.mark(finer) == "changed"
    assert timeline.mark(other_day) is None  # not the same entry; an old source's, not new
    assert timeline.mark({**other_day, "citations": [_cite("S1", "New talks began.")]}) == "new"

    said = "Delegates from Kazakhstan and Uzbekistan met in Tashkent on Monday."
    recut = {"text": said, "citations": [_cite("S2", said)]}
    statements = Comparison(
        sources, [{"text": said, "citations": [_cite("S1", "Earlier: " + said)]}]
    )
    assert statements.mark(recut) == "changed"  # the same words, its passage re-cut
    story = {"text": "Kazakhstan and Uzbekistan face a crisis.", "citations": [_cite("S1", "x")]}
    assert Comparison(sources, [story]).mark(recut) is None  # a few shared words: not the same

    actor = {"name": "Alice Wells", "kind": "person", "role": None, "aliases": [], "sources": []}
    earlier = {**actor, "aliases": ["Wells"], "sources": ["S1"], "mentions": 2}
    actors = Comparison(sources, [earlier])
    assert actors.mark({**actor, "sources": ["S2"], "mentions": 3}) is None
    assert actors.mark({**actor, "name": "Wells", "sources": ["S2"]}) is None
    assert actors.mark({**actor, "role": "Ambassador", "sources": ["S2"]}) == "changed"
    assert actors.mark({**actor, "sources": ["S1", "S2"]}) == "changed"
    assert actors.mark({**actor, "name": "Lisa Curtis", "sources": ["S1"]}) == "new"


def test_digest_is_the_same_for_a_pdf_its_json_and_a_briefing_since_another(briefings, tmp_path):
    runner = CliRunner()
    digests = {
        name: runner.invoke(app, ["digest", str(briefings[name])])
        for name in (f"{FIRST}.pdf", f"{FIRST}.json", f"both-since-{FIRST}.json")
    }
    assert all(r.exit_code == 0 for r in digests.values()), digests
    shown = {name: r.stdout.strip() for name, r in digests.items()}
    assert (
        shown[f"{FIRST}.pdf"]
        == shown[f"{FIRST}.json"]
        == content_digest(load(briefings[f"{FIRST}.json"]))
    )
    plain = load(built(SAMPLES, tmp_path / "plain.json"))
    assert shown[f"both-since-{FIRST}.json"] == content_digest(plain)
    bad = runner.invoke(app, ["digest", str(write(tmp_path, "x.json", "{}"))])
    assert bad.exit_code == 3
    assert bad.stderr.splitlines() == [bad.stderr.strip()]
    assert bad.stderr.startswith("error: digest: ")


def test_an_odd_but_valid_earlier_briefing_is_compared_without_failing(tmp_path):
    """A JSON file that passes for a briefing but holds odd values (hand-edited, or from a
    later briefer) marks what it can and never fails the build."""
    earlier = {
        "schema": 1,
        "title": "Edited by hand",
        "sections": ["actors", "open_questions"],
        "sources": [{"id": "S9", "title": 7, "url": None, "published": ["x"]}],
        "actors": [{"name": None, "kind": 3}, "not an item", {"name": "Mike Pompeo", "kind": "x"}],
        "open_questions": [{"question": 5, "citations": "S9"}, {"citations": [{"source": 1}]}],
        "timeline": {"not": "a list"},
        "key_points": [{"text": None, "citations": [{"source": "S9", "quote": None}]}],
    }
    path = write(tmp_path, "odd.json", json.dumps(earlier))
    after = load(built(SAMPLES, tmp_path / "after.json", path))
    assert after["since"][0]["new_sources"] == ["S1", "S2"]
    assert after["since"][0]["dropped_sources"] == 1
    pompeo = next(a for a in after["actors"] if a["name"] == "Mike Pompeo")
    assert pompeo["since"] == "changed"  # the same name; another kind and sources


# ------------------------------------------------------------------ PDF sources


def _as_pdf(folder: Path, name: str) -> None:
    """A sample article set as a PDF on small pages (so it runs over several), with the sample
    manifest's facts under the PDF's name."""
    from html import escape

    import weasyprint

    lines = (SAMPLES / name).read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{escape(line)}</p>" for line in lines if line.strip())
    style = "@page { size: A6; margin: 10mm } body { font: 9pt serif }"
    html = f"<!DOCTYPE html><html lang='en'><style>{style}</style><body>{body}</body></html>"
    pdf = name.replace(".txt", ".pdf")
    folder.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(string=html).write_pdf(folder / pdf)
    manifest = folder / "sources.toml"
    before = manifest.read_text(encoding="utf-8") + "\n" if manifest.exists() else ""
    entry = manifest_entry(name).replace(f'["{name}"]', f'["{pdf}"]')
    manifest.write_text(before + entry, encoding="utf-8")


def test_citations_of_the_since_section_give_the_page_of_a_pdf_source(tmp_path):
    """The earlier questions a new source answers are cited after the other sections are
    built; their citations, and the answers', name the page as every other citation does."""
    first, both = tmp_path / "first", tmp_path / "both"
    _as_pdf(first, FIRST)
    _as_pdf(both, FIRST)
    _as_pdf(both, SECOND)
    after = load(built(both, tmp_path / "after.json", built(first, tmp_path / "first.json")))

    (answered,) = [i for i in after["since"] if i["kind"] == "answered"]
    cited = [*answered["citations"], *answered["answer"]["citations"]]
    assert {c["source"] for c in cited} == {"S1", "S2"}
    pages = {
        s["id"]: [
            re.sub(r"[^a-z]", "", p.extract_text().casefold()) for p in PdfReader(s["path"]).pages
        ]
        for s in after["sources"]
    }
    assert all(len(p) > 1 for p in pages.values())
    for citation in cited:
        opening = re.sub(r"[^a-z]", "", citation["quote"].casefold())[:30]
        assert opening in pages[citation["source"]][citation["page"] - 1], citation
    # And every other citation of the briefing, in whatever section, has its page too.
    assert all("page" in c for c in _citations(after))
