"""Time `briefer build` in fresh processes, cold, the way a user runs it; print the figures.

    .venv/bin/python bench/bench_build.py                  # sources/, pdf and json, 3 runs each
    .venv/bin/python bench/bench_build.py --runs 5 --format json
    .venv/bin/python bench/bench_build.py --bbc            # 10, 50, 200, 500 BBC articles
    .venv/bin/python bench/bench_build.py --bbc 100 1000 2225 --format json
    .venv/bin/python bench/bench_build.py --profile 500    # cProfile one in-process build

Each build is a new process (`briefer` entry point, else `python -m briefer`), so the times
include start-up and loading the spaCy model. Stage times come from the moment each progress
line ("read …", "analysed …", "built X …", "rendered …") reaches stderr. `--bbc` copies the
first N articles (sorted paths) of ../shared/bench-corpus/bbc to a temporary folder and shows
how time grows with the corpus; it is skipped when ../shared is absent. No timing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sources"
BBC = ROOT.parent / "shared" / "bench-corpus" / "bbc"
DEFAULT_SIZES = (10, 50, 200, 500)
# Progress lines that end a stage: the stage is named after what the line reports.
_STAGE = re.compile(r"^briefer: (read|analysed|built [\w-]+|rendered \w+|analysis took)")


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    stages: dict[str, float] = field(default_factory=dict)  # stage → seconds it took


def briefer_command() -> list[str]:
    entry = Path(sys.executable).parent / "briefer"
    return [str(entry)] if entry.exists() else [sys.executable, "-m", "briefer"]


def run_build(sources: Path, fmt: str, workdir: Path) -> Run:
    """One cold build in a new process; raises if it fails."""
    output = workdir / f"bench.{fmt}"
    output.unlink(missing_ok=True)
    command = [*briefer_command(), "build", str(sources), "-o", str(output), "-f", fmt]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFER_")}
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    stages: dict[str, float] = {}
    last = started
    lines = []
    assert process.stderr is not None
    for line in process.stderr:
        lines.append(line)
        now = time.perf_counter()
        match = _STAGE.match(line)
        if match:
            name = match.group(1)
            if name != "analysis took":
                stages[name.split()[0] if name.startswith(("read", "analysed")) else name] = (
                    now - last
                )
                last = now
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or not output.is_file():
        sys.exit(f"build failed ({process.returncode}):\n{''.join(lines[-20:])}")
    stages["start-up + read"] = stages.pop("read", 0.0)
    stages["write + exit"] = seconds - (last - started)
    return Run(seconds, usage.ru_maxrss / 1024, stages)


def summary(runs: list[Run]) -> str:
    times = [r.seconds for r in runs]
    return (
        f"min {min(times):6.2f} s   median {statistics.median(times):6.2f} s   "
        f"max RSS {max(r.max_rss_mb for r in runs):5.0f} MB"
    )


def bench_samples(runs: int, formats: list[str]) -> None:
    print(f"briefer build on {SAMPLES.relative_to(ROOT)}/ ({runs} cold runs per format)")
    with tempfile.TemporaryDirectory(prefix="briefer-bench-") as tmp:
        for fmt in formats:
            results = [run_build(SAMPLES, fmt, Path(tmp)) for _ in range(runs)]
            print(f"  {fmt:<5} {summary(results)}")
            fastest = min(results, key=lambda r: r.seconds)
            print("        stages of the fastest run: " + stage_line(fastest))


def stage_line(run: Run) -> str:
    return ", ".join(f"{name} {seconds:.2f}" for name, seconds in run.stages.items())


def bbc_files(count: int) -> list[Path]:
    files = sorted(BBC.rglob("*.txt"))
    if count > len(files):
        sys.exit(f"the BBC corpus has {len(files)} articles, fewer than {count}")
    return files[:count]


def copy_articles(files: list[Path], folder: Path) -> Path:
    folder.mkdir()
    for path in files:
        shutil.copyfile(path, folder / f"{path.parent.name}-{path.name}")
    return folder


def bench_bbc(sizes: list[int], runs: int, fmt: str) -> None:
    if not BBC.is_dir():
        print(f"skipped: {BBC} is absent (the shared bench corpus is not beside the repo)")
        return
    print(f"briefer build -f {fmt} on the first N BBC articles ({runs} cold run(s) each)")
    print(f"  {'N':>5} {'seconds':>8} {'s/article':>10} {'x time':>7} {'x N':>5}  max RSS")
    previous: tuple[int, float] | None = None
    details = []
    with tempfile.TemporaryDirectory(prefix="briefer-bench-") as tmp:
        for size in sizes:
            sources = copy_articles(bbc_files(size), Path(tmp) / f"bbc-{size}")
            results = [run_build(sources, fmt, Path(tmp)) for _ in range(runs)]
            best = min(results, key=lambda r: r.seconds)
            growth = ""
            if previous:
                growth = f"{best.seconds / previous[1]:7.2f} {size / previous[0]:5.1f}"
            else:
                growth = f"{'':>7} {'':>5}"
            print(
                f"  {size:>5} {best.seconds:8.2f} {best.seconds / size:10.4f} {growth}  "
                f"{best.max_rss_mb:5.0f} MB",
                flush=True,
            )
            details.append((size, best))
            previous = (size, best.seconds)
    print("  stage seconds (fastest run of each N):")
    names = list(dict.fromkeys(name for _, run in details for name in run.stages))
    width = max(len(n) for n in names)
    print("  " + " " * width + "".join(f"{size:>9}" for size, _ in details))
    for name in names:
        cells = "".join(f"{run.stages.get(name, 0.0):9.2f}" for _, run in details)
        print(f"  {name:<{width}}{cells}")


def profile(size: int, fmt: str, top: int) -> None:
    """cProfile one in-process build of `size` BBC articles (the samples when size is 0)."""
    import cProfile
    import logging
    import pstats

    from briefer.config import BuildRequest
    from briefer.pipeline import build

    if size and not BBC.is_dir():
        print(f"skipped: {BBC} is absent")
        return
    logging.basicConfig(level=logging.INFO, format="briefer: %(message)s")
    with tempfile.TemporaryDirectory(prefix="briefer-profile-") as tmp:
        sources = copy_articles(bbc_files(size), Path(tmp) / "bbc") if size else SAMPLES
        profiler = cProfile.Profile()
        profiler.enable()
        build(BuildRequest(sources=sources, output=Path(tmp) / f"out.{fmt}", format=fmt))
        profiler.disable()
    stats_path = Path(tempfile.gettempdir()) / f"briefer-build-{size}.prof"
    profiler.dump_stats(stats_path)
    print(f"profile saved to {stats_path} (open with python -m pstats)")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="cold runs per case (3; bbc: 1)")
    parser.add_argument(
        "--format", choices=("pdf", "html", "json"), action="append", dest="formats"
    )
    parser.add_argument(
        "--bbc", type=int, nargs="*", metavar="N", help=f"corpus sizes (default {DEFAULT_SIZES})"
    )
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile a build of N articles")
    parser.add_argument("--top", type=int, default=25, help="functions to list with --profile")
    args = parser.parse_args()
    if args.profile is not None:
        profile(args.profile, (args.formats or ["json"])[0], args.top)
    elif args.bbc is not None:
        bench_bbc(args.bbc or list(DEFAULT_SIZES), args.runs or 1, (args.formats or ["json"])[0])
    else:
        bench_samples(args.runs or 3, args.formats or ["pdf", "json"])


if __name__ == "__main__":
    main()
