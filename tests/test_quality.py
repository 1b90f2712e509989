"""The quality gate: scores against gold annotations may not fall below the pinned baseline,
and the content checks may not find more junk than the pinned counts."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from briefer.evaluation import (
    DevBuild,
    build_modes,
    check_content,
    load_gold_timeline,
    load_sample_gold,
    score_samples,
    score_timeline,
)

ROOT = Path(__file__).resolve().parent.parent
BASELINE = tomllib.loads((ROOT / "tests" / "quality_baseline.toml").read_text(encoding="utf-8"))
DEV_EVAL = ROOT.parent / "shared" / "dev-eval"
DEV_SETS = ["h1n1_guardian", "finance_washingtonpost", "haiti_bbc", "iraq_guardian"]


def test_samples_meet_the_baseline(sample_json):
    scores = score_samples(sample_json, load_sample_gold(ROOT / "tests" / "gold" / "samples.toml"))
    floor = BASELINE["samples"]
    low = {
        name: getattr(scores, name)
        for name, minimum in floor.items()
        if not name.startswith("max_") and getattr(scores, name) < minimum
    }
    assert not low, f"below baseline: {low}; failures: {scores.failures}"
    assert scores.non_actors_listed <= floor["max_non_actors_listed"], scores.failures
    assert scores.wrong_dates <= floor["max_wrong_dates"], scores.failures
    assert scores.answered_asked <= floor["max_answered_asked"], scores.failures


@cache
def gold_of(name: str) -> dict[str, str]:
    folder = DEV_EVAL / name
    if not (folder / "gold_timeline.json").is_file():
        pytest.skip(f"{folder} is not available")
    return load_gold_timeline(folder / "gold_timeline.json")


@cache
def dev_build(name: str) -> DevBuild:
    """A dev set parsed once per test run: the checked sections with the automatic length, and
    the timeline told the gold's number of days."""
    return build_modes(DEV_EVAL / name / "articles", len(gold_of(name)))


@pytest.mark.parametrize("mode", ["auto", "told"])
@pytest.mark.parametrize("name", DEV_SETS)
def test_dev_eval_timeline_meets_the_baseline(name, mode):
    scores = score_timeline(getattr(dev_build(name), mode), gold_of(name))
    floor = BASELINE[name][mode]
    low = {
        measure: round(getattr(scores, measure), 3)
        for measure, minimum in floor.items()
        if getattr(scores, measure) < minimum
    }
    assert not low, f"{name} ({mode}) below baseline {floor}: {low}"


@pytest.mark.parametrize("name", DEV_SETS)
def test_dev_eval_content_checks_find_no_more_junk(name):
    report = check_content(dev_build(name).auto)
    ceiling = BASELINE[name]["content"]
    over = {
        check: getattr(report, check)
        for check, count in report.counts().items()
        if count > ceiling[f"max_{check}"]
    }
    assert not over, f"{name}: more than {ceiling}: {over}"


@pytest.mark.parametrize(
    ("name", "not_actors"),
    [
        # drugs, diseases, codes, a live blog's time zone, a county, a newspaper's "NHS" unit
        (
            "h1n1_guardian",
            {
                "Relenza",
                "Devon",
                "BST",
                "H1N1 Swine Flu",
                "Influenza A",
                "NHS Wiltshire",
                "BST Tamiflu",
            },
        ),
        ("finance_washingtonpost", {"Hoboken"}),
    ],
)
def test_dev_eval_lists_no_junk_actors(name, not_actors):
    actors = dev_build(name).auto["actors"]
    assert not {a["name"] for a in actors} & not_actors
    kinds = {a["name"]: a["kind"] for a in actors}
    assert kinds.get("Congress", "organisation") == "organisation"


def test_scoring_rewards_the_gold_and_punishes_noise():
    """The scorer itself: the gold scores 1, a timeline of wrong days scores 0."""
    gold = {"2009-04-24": "Mexico closes schools.", "2009-04-27": "WHO raises the alert."}
    perfect = {"timeline": [{"date": d, "text": t} for d, t in gold.items()]}
    wrong = {"timeline": [{"date": "2009-05-01", "text": "Mexico closes schools."}]}
    assert score_timeline(perfect, gold).date_f1 == 1.0
    assert score_timeline(perfect, gold).rouge1 == 1.0
    assert score_timeline(wrong, gold).date_f1 == 0.0
    assert score_timeline(wrong, gold).rouge1 == 0.0
