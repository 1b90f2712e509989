"""contrib/standing-brief.sh, the daily cycle, run as cron would run it against a real SMTP
server (aiosmtpd on 127.0.0.1): a briefing is sent once, a day without news sends nothing, a
failed send loses nothing and is made good by the next run."""

from __future__ import annotations

import os
import subprocess
import sys
from html import escape
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, write
from mail_support import Recorder, attachment_bytes, free_port, smtp_server
from since_support import FIRST, MANIFEST, SECOND, add, alone

from briefer.render.json_output import content_digest
from briefer.render.pdf import read_embedded_json

SCRIPT = ROOT / "contrib" / "standing-brief.sh"


def cycle(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BRIEFER_SMTP_") and key != "BRIEFER_DEBUG"
    }
    env |= {"BRIEFER": f"{sys.executable} -m briefer", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        ["sh", str(SCRIPT), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def configure(folder: Path, port: int) -> None:
    write(
        folder,
        "briefer.toml",
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\ntimeout = 5\n'
        'retry_delay = 0.01\n[email]\nfrom = "Briefing Desk <desk@example.org>"\n'
        'to = ["chief@example.org"]\n',
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_the_cycle_sends_once_and_never_loses_the_previous_briefing(tmp_path):
    folder = tmp_path / "story"
    alone(folder / "sources", FIRST)
    handler = Recorder()
    with smtp_server(handler) as port:
        configure(folder, port)
        first = cycle(folder)
        assert first.returncode == 0, first.stderr
        assert len(handler.messages) == 1
        sent = (folder / "latest.pdf").resolve()
        assert sent.parent == (folder / "briefings").resolve()
        _, _, attached = attachment_bytes(handler.messages[0].parsed())
        assert attached == sent.read_bytes()
        embedded = read_embedded_json(sent)
        assert (folder / "sent.digest").read_text().strip() == content_digest(embedded)

        again = cycle(folder)  # no new sources: the same briefing, not sent twice
        assert again.returncode == 0, again.stderr
        assert "nothing new" in again.stdout
        assert len(handler.messages) == 1
        assert sorted((folder / "briefings").glob("*.pdf")) == [sent]

    add(folder / "sources", SECOND)
    configure(folder, free_port())  # nobody listens there: the send fails
    failed = cycle(folder)
    assert failed.returncode == 12, (failed.stdout, failed.stderr)
    assert (folder / "latest.pdf").resolve() == sent  # the last one sent is still the latest
    assert (folder / "sent.digest").read_text().strip() == content_digest(embedded)
    assert len(list((folder / "briefings").glob("*.pdf"))) == 2  # the unsent one is kept

    with smtp_server(handler) as port:
        configure(folder, port)
        news = cycle(folder)
        assert news.returncode == 0, news.stderr
    assert len(handler.messages) == 2
    latest = (folder / "latest.pdf").resolve()
    assert latest != sent
    assert sent.is_file()
    content = read_embedded_json(latest)
    assert content is not None
    compared = content["since"][0]
    assert compared["digest"] == content_digest(embedded)
    assert compared["new_sources"] == ["S2"]
    assert any(item["kind"] == "answered" for item in content["since"])


def _page(name: str) -> bytes:
    from fetch_support import article

    text = (SAMPLES / name).read_text(encoding="utf-8")
    paragraphs = [escape(p.strip()) for p in text.split("\n\n") if p.strip()]
    return article(escape(str(MANIFEST[name]["title"])), paragraphs)


def _feed(site: Any, names: list[str]) -> Any:
    from fetch_support import Route, rss

    dates = {FIRST: "Tue, 31 Dec 2019 08:00:00 GMT", SECOND: "Sat, 01 Feb 2020 08:00:00 GMT"}
    items = [
        {"title": escape(str(MANIFEST[n]["title"])), "link": site.url(f"/{n}"), "pubDate": dates[n]}
        for n in names
    ]
    body = rss("The Wire", items)
    return Route(body=body, content_type="application/rss+xml", etag=f'"v{len(names)}"')


@pytest.mark.usefixtures("no_proxy")
def test_the_cycle_fetches_its_feeds_and_sends_only_what_is_new(tmp_path):
    """With `briefer fetch` (issue 14, item 2): a feed's first item is captured and sent; the
    feed unchanged, nothing is fetched or sent; a second item is fetched, briefed --since the
    first briefing and sent."""
    pytest.importorskip("briefer.fetch")
    fetch_support = pytest.importorskip("fetch_support")
    folder = tmp_path / "story"
    site = fetch_support.Site()
    handler = Recorder()
    with fetch_support.serving(site), smtp_server(handler) as port:
        site.routes[f"/{FIRST}"] = fetch_support.Route(body=_page(FIRST))
        site.routes[f"/{SECOND}"] = fetch_support.Route(body=_page(SECOND))
        site.routes["/rss"] = _feed(site, [FIRST])
        write(folder, "feeds.txt", f"# the story's feeds\n{site.url('/rss')}\n")
        configure(folder, port)
        runs = [cycle(folder)]
        site.log.clear()
        runs.append(cycle(folder))
        unchanged = list(site.paths())
        site.routes["/rss"] = _feed(site, [FIRST, SECOND])
        runs.append(cycle(folder))
    assert [r.returncode for r in runs] == [0, 0, 0], [r.stderr for r in runs]
    assert f"/{FIRST}" not in unchanged  # the feed answered 304: no page was asked for again
    assert "nothing new" in runs[1].stdout
    assert len(handler.messages) == 2
    content = read_embedded_json((folder / "latest.pdf").resolve())
    assert content is not None
    compared = content["since"][0]
    (added,) = compared["new_sources"]
    source = next(s for s in content["sources"] if s["id"] == added)
    assert source["url"] == site.url(f"/{SECOND}")
