"""Build the JSON briefing for each annotated set and print its quality scores.

    .venv/bin/python bench/evaluate.py                 # the samples and every set in dev-eval
    .venv/bin/python bench/evaluate.py SET...  # each SET: articles/ + gold_timeline.json

The samples are scored against tests/gold/samples.toml; a timeline set against the publisher's
gold_timeline.json (date P/R/F1 over days, ROUGE-1/2 F averaged over gold days).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from briefer.evaluation import load_gold_timeline, load_sample_gold, score_samples, score_timeline
from briefer.pipeline import build_briefing
from briefer.render import briefing_to_json
from briefer.sections import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
DEV_EVAL = ROOT.parent / "shared" / "dev-eval"


def build_json(folder: Path, timeline_size: int | None) -> tuple[dict, float]:
    started = time.perf_counter()
    briefing = build_briefing(folder, options=BuildOptions(timeline_size=timeline_size))
    return briefing_to_json(briefing), time.perf_counter() - started


def evaluate_samples(timeline_size: int | None) -> None:
    briefing, seconds = build_json(ROOT / "sources", timeline_size)
    scores = score_samples(briefing, load_sample_gold(ROOT / "tests" / "gold" / "samples.toml"))
    print(f"samples ({seconds:.1f} s)")
    for name in (
        "persons_found", "person_roles", "actors_found", "non_actors_listed",
        "events_found", "wrong_dates", "open_points_found",
    ):  # fmt: skip
        print(f"  {name:<18} {getattr(scores, name):.2f}")
    for failure in scores.failures:
        print(f"  - {failure}")


def evaluate_timeline_set(folder: Path, timeline_size: int | None) -> None:
    articles = folder / "articles" if (folder / "articles").is_dir() else folder
    briefing, seconds = build_json(articles, timeline_size)
    s = score_timeline(briefing, load_gold_timeline(folder / "gold_timeline.json"))
    print(
        f"{folder.name} ({seconds:.1f} s, {len(briefing['sources'])} articles): "
        f"days {s.produced_days} vs gold {s.gold_days}  "
        f"date P {s.date_precision:.2f} R {s.date_recall:.2f} F1 {s.date_f1:.2f}  "
        f"ROUGE-1 {s.rouge1:.3f} ROUGE-2 {s.rouge2:.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="timeline sets (default: all)")
    parser.add_argument("--timeline-size", type=int, default=None, help="default: automatic")
    args = parser.parse_args()
    logging.getLogger("briefer").setLevel(logging.WARNING)
    if args.sets:
        for folder in args.sets:
            evaluate_timeline_set(folder, args.timeline_size)
        return 0
    evaluate_samples(args.timeline_size)
    if not DEV_EVAL.is_dir():
        print(f"({DEV_EVAL} not found: timeline sets skipped)", file=sys.stderr)
        return 0
    for folder in sorted(p for p in DEV_EVAL.iterdir() if (p / "gold_timeline.json").is_file()):
        evaluate_timeline_set(folder, args.timeline_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
