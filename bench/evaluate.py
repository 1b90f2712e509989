"""Build the JSON briefing for each annotated set and print its quality scores.

    .venv/bin/python bench/evaluate.py          # the samples and every set in ../shared/dev-eval
    .venv/bin/python bench/evaluate.py SET...   # each SET: articles/ + gold_timeline.json

The samples are scored against tests/gold/samples.toml. A timeline set is built once and scored
in two modes, the automatic length and told the gold's number of days, against the publisher's
gold_timeline.json (date P/R/F1 over days, ROUGE-1/2 F over the gold days), beside the same-data
baselines PubCount and MentionCount told the same number of days (and their F1 expected with
ties broken at random, as many days tie in a densely covered story); then the content checks
(fragment, reporter, duplicate and place actors; captions, bylines and datelines as items).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from briefer.evaluation import (
    ContentReport,
    TimelineScores,
    baseline_scores,
    baselines_ties_at_random,
    build_modes,
    check_content,
    dev_set_articles,
    load_gold_timeline,
    load_sample_gold,
    score_samples,
    score_timeline,
)
from briefer.pipeline import build_briefing
from briefer.render import briefing_to_json
from briefer.sections import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
DEV_EVAL = ROOT.parent / "shared" / "dev-eval"
MODES = ("auto", "told")
EXAMPLES = 3


@dataclass(frozen=True)
class SetResult:
    """One set's figures: per mode, ours and each baseline's scores told as many days."""

    name: str
    articles: int
    seconds: float
    scores: dict[str, dict[str, TimelineScores]]  # mode -> "ours" / baseline name -> scores
    content: ContentReport
    ties_at_random: dict[str, dict[str, float]]  # mode -> baseline name -> expected date F1


def evaluate_samples(timeline_size: int | None) -> None:
    started = time.perf_counter()
    briefing = briefing_to_json(
        build_briefing(ROOT / "sources", options=BuildOptions(timeline_size=timeline_size))
    )
    seconds = time.perf_counter() - started
    scores = score_samples(briefing, load_sample_gold(ROOT / "tests" / "gold" / "samples.toml"))
    print(f"samples ({seconds:.1f} s, {len(briefing['sources'])} articles)")
    for name in (
        "persons_found",
        "person_roles",
        "actors_found",
        "non_actors_listed",
        "events_found",
        "wrong_dates",
        "open_points_found",
        "answered_asked",
    ):
        print(f"  {name:<18} {getattr(scores, name):.2f}")
    for failure in scores.failures:
        print(f"  - {failure}")
    print_content(check_content(briefing))


def evaluate_set(folder: Path) -> SetResult:
    gold = load_gold_timeline(folder / "gold_timeline.json")
    built = build_modes(dev_set_articles(folder), len(gold), sections=())
    scores: dict[str, dict[str, TimelineScores]] = {}
    ties: dict[str, dict[str, float]] = {}
    for mode, briefing in zip(MODES, (built.auto, built.told), strict=True):
        ours = score_timeline(briefing, gold)
        # The baselines are told the mode's length: ours in the automatic mode, else the gold's.
        size = ours.produced_days if mode == "auto" else ours.gold_days
        scores[mode] = {"ours": ours, **baseline_scores(built.articles, size, gold)}
        ties[mode] = baselines_ties_at_random(built.articles, size, gold)
    return SetResult(
        folder.name, len(built.articles), built.seconds, scores, check_content(built.auto), ties
    )


def print_set(result: SetResult) -> None:
    told = result.scores["told"]["ours"]
    print(
        f"\n{result.name} ({result.seconds:.1f} s, {result.articles} articles, "
        f"{told.gold_days} gold days)"
    )
    for mode in MODES:
        for who, s in result.scores[mode].items():
            ties = result.ties_at_random[mode].get(who, 0.0)
            print(
                f"  {mode:<4} {who:<12} days {s.produced_days:>3}  date P {s.date_precision:.2f} "
                f"R {s.date_recall:.2f} F1 {s.date_f1:.3f}  "
                f"ROUGE-1 {s.rouge1:.3f} ROUGE-2 {s.rouge2:.3f}"
                + (f"  (ties at random: F1 {ties:.3f})" if who != "ours" else "")
            )
    print_content(result.content)


def print_content(report: ContentReport) -> None:
    for check, count in report.counts().items():
        examples = "; ".join(e[:90] for e in getattr(report, check)[:EXAMPLES])
        print(f"  {check:<17} {count:>3}" + (f"  e.g. {examples}" if examples else ""))


def print_table(results: list[SetResult]) -> None:
    """Ours beside both baselines, both modes, one line per set and mode: N is the number of days
    the baselines were told (ours' in the automatic mode, the gold's when told), days ours gave;
    in brackets, a baseline's F1 expected with its ties in any order."""
    print(
        "\n| set | articles | s | mode | N | days | F1 ours | F1 PubCount | F1 MentionCount "
        "| R-1 ours | R-1 PubCount | R-1 MentionCount |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for result in results:
        for mode in MODES:
            s = result.scores[mode]
            ours, pub, mention = s["ours"], s["PubCount"], s["MentionCount"]
            ties = result.ties_at_random[mode]
            told = ours.produced_days if mode == "auto" else ours.gold_days
            print(
                f"| {result.name} | {result.articles} | {result.seconds:.0f} | {mode} | {told} "
                f"| {ours.produced_days} | {ours.date_f1:.3f} | {pub.date_f1:.3f} "
                f"({ties['PubCount']:.3f}) | {mention.date_f1:.3f} ({ties['MentionCount']:.3f}) "
                f"| {ours.rouge1:.3f} | {pub.rouge1:.3f} "
                f"| {mention.rouge1:.3f} |"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="timeline sets (default: all)")
    args = parser.parse_args()
    logging.getLogger("briefer").setLevel(logging.WARNING)
    folders = list(args.sets)
    if not folders:
        evaluate_samples(None)
        if not DEV_EVAL.is_dir():
            print(f"({DEV_EVAL} not found: timeline sets skipped)", file=sys.stderr)
            return 0
        folders = sorted(p for p in DEV_EVAL.iterdir() if (p / "gold_timeline.json").is_file())
    missing = [f for f in folders if not (f / "gold_timeline.json").is_file()]
    if missing:
        print(f"error: no gold_timeline.json in {missing[0]}", file=sys.stderr)
        return 2
    results = []
    for folder in folders:
        results.append(evaluate_set(folder))
        print_set(results[-1])
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
