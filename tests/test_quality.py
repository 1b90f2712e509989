"""The quality gate: scores against gold annotations may not fall below the pinned baseline."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from briefer.evaluation import load_gold_timeline, load_sample_gold, score_samples, score_timeline

ROOT = Path(__file__).resolve().parent.parent
BASELINE = tomllib.loads((ROOT / "tests" / "quality_baseline.toml").read_text(encoding="utf-8"))
DEV_EVAL = ROOT.parent / "shared" / "dev-eval"


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


@cache
def dev_eval_json(name: str) -> dict:
    """The timeline and actors of a dev-eval set, built once per test run."""
    folder = DEV_EVAL / name
    if not (folder / "gold_timeline.json").is_file():
        pytest.skip(f"{folder} is not available")
    from briefer.pipeline import build_briefing
    from briefer.render import briefing_to_json

    return briefing_to_json(build_briefing(folder / "articles", sections=["timeline", "actors"]))


@pytest.mark.parametrize("name", ["h1n1_guardian", "finance_washingtonpost"])
def test_dev_eval_timeline_meets_the_baseline(name):
    briefing = dev_eval_json(name)
    gold = DEV_EVAL / name / "gold_timeline.json"
    scores = score_timeline(briefing, load_gold_timeline(gold))
    low = {
        measure: round(getattr(scores, measure), 3)
        for measure, minimum in BASELINE[name].items()
        if getattr(scores, measure) < minimum
    }
    assert not low, f"{name} below baseline {BASELINE[name]}: {low}"


@pytest.mark.parametrize(
    ("name", "not_actors"),
    [
        # drugs, diseases, codes, a live blog's time zone, a county, a newspaper's "NHS" unit
        ("h1n1_guardian", {"Relenza", "Devon", "BST", "H1N1 Swine Flu", "Influenza A",
                           "NHS Wiltshire", "BST Tamiflu"}),
        ("finance_washingtonpost", {"Hoboken"}),
    ],
)  # fmt: skip
def test_dev_eval_lists_no_junk_actors(name, not_actors):
    names = {a["name"] for a in dev_eval_json(name)["actors"]}
    assert not names & not_actors
    kinds = {a["name"]: a["kind"] for a in dev_eval_json(name)["actors"]}
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
