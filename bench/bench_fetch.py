"""Time `briefer fetch` of 100 pages on one local host at a per-host rate, then fetch again to
show that nothing new is downloaded; print the wall times and the server's request log.

    .venv/bin/python bench/bench_fetch.py              # 100 pages at 10 requests/s
    .venv/bin/python bench/bench_fetch.py --pages 50 --rate 5

Everything is served by a ThreadingHTTPServer on 127.0.0.1; nothing else is contacted. The
pages are listed in an RSS feed (with an ETag), and the run goes:
  1. the feed: robots.txt, the feed and every page are downloaded, at most RATE a second;
  2. the feed again: it answers 304 Not Modified, so no page is asked for;
  3. the pages by URL: all already captured, so not one request is made.
The first run should take about (pages + 1) / rate seconds (pages + 2 requests, the first at
once). No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fetch_support import Route, Site, article, rss, serving  # noqa: E402

from briefer.fetch import FetchOptions, fetch_sources  # noqa: E402


def paragraphs(n: int) -> list[str]:
    return [
        f"The council of district {n} voted on Monday to spend {n + 3} million on new bridges, "
        "after engineers said two of the old ones could no longer carry buses safely.",
        f"Residents of district {n} had asked for the repairs for {n % 9 + 2} years, and the "
        "mayor said work would start before the end of the summer.",
        f"Opposition members said the plan for district {n} left out the footpaths along the "
        "river, which flood every spring, and asked for a second vote next month.",
    ]


def counts(site: Site) -> str:
    kinds = Counter(
        "robots.txt"
        if r.path == "/robots.txt"
        else f"feed {r.status}"
        if r.path == "/feed"
        else "pages"
        for r in site.log
    )
    return ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())) or "no requests"


def run(label: str, site: Site, into: Path, options: FetchOptions, **what: list[str]) -> None:
    site.log.clear()
    started = time.perf_counter()
    report = fetch_sources(into, options=options, **what)
    wall = time.perf_counter() - started
    print(f"{label:<28} {wall:6.2f} s  {report.summary()}")
    print(f"{'':<28} server saw {len(site.log)} requests: {counts(site)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rate", type=float, default=10.0, help="requests/s to the host")
    args = parser.parse_args()
    logging.getLogger("briefer").setLevel(logging.WARNING)

    site = Site()
    site.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /private/\n")
    for n in range(args.pages):
        site.routes[f"/story/{n}"] = Route(body=article(f"District {n} bridges", paragraphs(n)))
    options = FetchOptions(rate=args.rate)
    with serving(site), tempfile.TemporaryDirectory() as tmp:
        urls = [site.url(f"/story/{n}") for n in range(args.pages)]
        items = [{"title": f"District {n}", "link": url} for n, url in enumerate(urls)]
        site.routes["/feed"] = Route(
            body=rss("District news", items), content_type="application/rss+xml", etag='"v1"'
        )
        into = Path(tmp) / "sources"
        print(
            f"{args.pages} pages on one host at {args.rate:g} requests/s "
            f"(expected about {(args.pages + 1) / args.rate:.1f} s)"
        )
        run("1. feed, first time", site, into, options, feeds=[site.url("/feed")])
        run("2. same feed again", site, into, options, feeds=[site.url("/feed")])
        run("3. the pages by URL", site, into, options, urls=urls)
        print(
            f"captured: {len(list(into.glob('*.txt')))} .txt, "
            f"{len(list((into / '.raw').glob('*.html')))} .raw/*.html"
        )


if __name__ == "__main__":
    main()
