"""`briefer fetch` against a real HTTP server on 127.0.0.1 (no other address is touched): pages,
RSS and Atom feeds, robots.txt, redirects, errors, slow and oversized answers, conditional
requests; then an offline build of what was captured."""

from __future__ import annotations

import gzip
import json
import tomllib
from pathlib import Path

import httpx
import pytest
from fetch_support import Route, Site, article, atom, rss, serving
from typer.testing import CliRunner

from briefer import __version__
from briefer.cli import app
from briefer.errors import ConfigError, OutputError, SourceError
from briefer.fetch import FetchOptions, NothingFetchedError, fetch_sources, read_url_file
from briefer.fetch.capture import FetchReport, _Run
from briefer.fetch.http import Addresses, Client, Validators, normalise_url
from briefer.fetch.store import RAW_FOLDER, STATE_NAME, SourcesFolder, locked
from briefer.ingest import read_sources
from briefer.ingest.manifest import load_manifest

pytestmark = pytest.mark.usefixtures("no_proxy")

FAST = FetchOptions(rate=500, timeout=2)
TOWNS = ("Northport", "Eastbay", "Westmere", "Southfield", "Kingsbridge", "Ashford", "Millbrook")


def story(n: int) -> list[str]:
    """Four paragraphs of an invented local news story, different for each `n`."""
    town = TOWNS[n % len(TOWNS)]
    return [
        f"The harbour authority of {town} announced on Tuesday that its main terminal would "
        f"close for {n + 2} weeks while engineers repair a damaged quay wall.",
        f"Officials said the closure will divert about {10 * n + 40} ships a week to the smaller "
        "terminal up the coast, where capacity is already stretched.",
        f"Maria Lindqvist, director of operations in {town}, told reporters that the repairs "
        "could not wait until the summer because inspections had found cracks.",
        "Shipping companies warned that delays could raise costs for importers of grain and "
        f"fuel, and the chamber of commerce of {town} asked the government for support.",
    ]


def page(n: int, **meta: str) -> Route:
    return Route(
        body=article(f"{TOWNS[n % len(TOWNS)]} terminal to close for repairs", story(n), meta)
    )


@pytest.fixture
def site():
    site = Site()
    site.routes["/robots.txt"] = Route(
        body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    for n in range(4):
        site.routes[f"/news/{n}"] = page(n)
    with serving(site):
        yield site


def entries(folder: Path) -> dict[str, dict[str, str]]:
    return tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- one page


def test_a_page_is_named_by_host_and_path_without_its_file_extension(site, tmp_path):
    site.routes["/world/story.html"] = page(1)
    report = fetch_sources(tmp_path, [site.url("/world/story.html")], options=FAST)
    assert report.fetched[site.url("/world/story.html")] == "127-0-0-1-world-story.txt"


def test_a_page_is_kept_as_served_as_text_and_in_the_manifest(site, tmp_path):
    site.routes["/news/9"] = page(
        2,
        author="Jane Roe",
        **{"article:published_time": "2024-02-27", "og:site_name": "The Gazette"},
    )
    report = fetch_sources(tmp_path, [site.url("/news/9")], options=FAST)

    name = report.fetched[site.url("/news/9")]
    assert name.endswith(".txt")
    stem = name.removesuffix(".txt")
    assert (tmp_path / RAW_FOLDER / f"{stem}.html").read_bytes() == site.routes["/news/9"].body
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert text.startswith("Westmere terminal to close for repairs\n\n")
    assert "Maria Lindqvist, director of operations in Westmere" in text
    assert "Contact us" not in text  # the page's furniture stays in the .html
    assert entries(tmp_path)[name] == {
        "title": "Westmere terminal to close for repairs",
        "author": "Jane Roe",
        "publisher": "The Gazette",
        "published": "2024-02-27",
        "url": site.url("/news/9"),
    }
    # The build reads the text once, with the manifest's facts; the .raw folder is skipped.
    (article_read,) = read_sources(tmp_path)
    assert article_read.path == tmp_path / name
    assert article_read.author == "Jane Roe"
    assert article_read.url == site.url("/news/9")
    assert article_read.published is not None
    assert article_read.published.iso() == "2024-02-27"
    assert not article_read.text.startswith("Westmere terminal")  # the headline is the title


def test_the_manifest_is_merged_never_replaced(site, tmp_path):
    (tmp_path / "own.txt").write_text("My own notes\n\nSomething someone said.\n", "utf-8")
    mine = '# kept as I wrote it\n["own.txt"]\ntitle = "My own notes"\npublished = 2024-01-05\n'
    (tmp_path / "sources.toml").write_text(mine, encoding="utf-8")

    fetch_sources(tmp_path, [site.url("/news/0")], options=FAST)
    fetch_sources(tmp_path, [site.url("/news/1")], options=FAST)

    text = (tmp_path / "sources.toml").read_text(encoding="utf-8")
    assert text.startswith(mine)
    manifest = load_manifest(tmp_path)
    assert manifest["own.txt"].title == "My own notes"
    assert len(manifest) == 3
    assert {e.url for e in manifest.values()} == {None, site.url("/news/0"), site.url("/news/1")}
    assert not list(tmp_path.glob(".*.part"))  # written through a temporary file, renamed


def test_a_malformed_manifest_stops_before_any_request(site, tmp_path):
    (tmp_path / "sources.toml").write_text('["a.txt"\ntitle = "x"\n', encoding="utf-8")
    with pytest.raises(SourceError, match="not valid TOML"):
        fetch_sources(tmp_path, [site.url("/news/0")], options=FAST)
    assert site.log == []
    assert (tmp_path / "sources.toml").read_text(encoding="utf-8") == '["a.txt"\ntitle = "x"\n'


def test_the_user_agent_names_briefer_its_version_and_the_contact(site, tmp_path):
    options = FetchOptions(rate=500, contact="mailto:desk@example.org")
    fetch_sources(tmp_path, [site.url("/news/0")], options=options)
    agents = {r.headers["User-Agent"] for r in site.log}
    assert len(agents) == 1
    (agent,) = agents
    assert agent.startswith(f"briefer/{__version__} ")
    assert "mailto:desk@example.org" in agent


# ---------------------------------------------------------------- robots.txt


def test_robots_txt_is_obeyed_and_read_once_per_host(site, tmp_path):
    site.routes["/private/memo"] = page(3)
    urls = [site.url("/news/0"), site.url("/private/memo"), site.url("/news/1")]
    report = fetch_sources(tmp_path, urls, options=FAST)

    assert site.paths() == ["/robots.txt", "/news/0", "/news/1"]
    assert report.skipped[site.url("/private/memo")].kind == "robots.txt"
    assert len(report.fetched) == 2


@pytest.mark.parametrize(
    ("status", "fetched"),
    [(404, True), (403, True), (500, False), (503, False)],
)
def test_an_absent_robots_txt_allows_all_an_unreachable_one_nothing(
    site, tmp_path, status, fetched
):
    """RFC 9309: a 4xx answer means no rules; a 5xx answer means the site may not be crawled."""
    site.routes["/robots.txt"] = Route(status, b"", "text/plain")
    if fetched:
        report = fetch_sources(tmp_path, [site.url("/news/0")], options=FAST)
        assert list(report.fetched) == [site.url("/news/0")]
    else:
        with pytest.raises(NothingFetchedError, match="robots.txt 1"):
            fetch_sources(tmp_path, [site.url("/news/0")], options=FAST)
        assert site.paths() == ["/robots.txt"]


def test_a_crawl_delay_spaces_the_requests(site, tmp_path):
    site.routes["/robots.txt"] = Route(body=b"User-agent: *\nCrawl-delay: 1\n")
    fetch_sources(tmp_path, [site.url("/news/0"), site.url("/news/1")], options=FAST)
    times = [r.at for r in site.log]
    assert len(times) == 3
    assert all(later - earlier >= 0.9 for earlier, later in zip(times, times[1:], strict=False))


def test_the_rate_limit_spaces_requests_to_one_host(site, tmp_path):
    urls = [site.url(f"/news/{n}") for n in range(4)]
    fetch_sources(tmp_path, urls, options=FetchOptions(rate=5))
    times = [r.at for r in site.log]
    assert len(times) == 5  # robots.txt and four pages
    # A lower bound only: a loaded machine makes the gaps longer, never shorter.
    assert all(later - earlier >= 0.18 for earlier, later in zip(times, times[1:], strict=False))


# ---------------------------------------------------------------- redirects


def test_a_redirect_is_followed_and_the_final_url_kept(site, tmp_path):
    site.routes["/old"] = Route(301, headers={"Location": "/news/2"})
    report = fetch_sources(tmp_path, [site.url("/old")], options=FAST)
    name = report.fetched[site.url("/old")]
    assert entries(tmp_path)[name]["url"] == site.url("/news/2")
    # Both addresses now lead to the capture: neither is fetched again.
    again = fetch_sources(tmp_path, [site.url("/old"), site.url("/news/2")], options=FAST)
    assert set(again.unchanged) == {site.url("/old"), site.url("/news/2")}
    assert site.paths() == ["/robots.txt", "/old", "/news/2"]  # the second run asked nothing


@pytest.mark.parametrize(
    ("routes", "message"),
    [
        ({"/r": "/r"}, "redirect loop"),
        ({"/r": "/s", "/s": "/r"}, "redirect loop"),
        (
            {"/r": "/r1", "/r1": "/r2", "/r2": "/r3", "/r3": "/r4", "/r4": "/r5", "/r5": "/r6"},
            "more than 5 redirects",
        ),
        ({"/r": "/private/memo"}, "disallows"),
        ({"/r": "file:///etc/passwd"}, "only http and https"),
        ({"/r": "ftp://127.0.0.1/x"}, "only http and https"),
    ],
)
def test_bad_redirects_are_refused(site, tmp_path, briefer_log, routes, message):
    site.routes["/private/memo"] = page(3)
    for path, location in routes.items():
        site.routes[path] = Route(302, headers={"Location": location})
    with pytest.raises(NothingFetchedError):
        fetch_sources(tmp_path, [site.url("/r")], options=FAST)
    assert message in briefer_log.text
    assert "/private/memo" not in site.paths()
    assert len(site.log) <= 7  # robots.txt and at most six hops


# ---------------------------------------------------------------- failures


def test_only_http_and_https_urls_are_fetched(site, tmp_path):
    urls = ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)", "not a url"]
    with pytest.raises(NothingFetchedError) as caught:
        fetch_sources(tmp_path, urls, options=FAST)
    assert "skipped 4" in str(caught.value)
    assert site.log == []


@pytest.mark.parametrize("status", [404, 500, 410])
def test_an_http_error_skips_the_url_and_the_others_go_on(site, tmp_path, status):
    site.routes["/gone"] = Route(status, b"no")
    report = fetch_sources(tmp_path, [site.url("/gone"), site.url("/news/0")], options=FAST)
    assert report.skipped[site.url("/gone")].kind == f"HTTP {status}"
    assert list(report.fetched) == [site.url("/news/0")]
    assert f"HTTP {status} 1" in report.summary()


def test_a_slow_server_times_out(site, tmp_path):
    site.routes["/slow"] = page(1)
    site.routes["/slow"].delay = 3
    options = FetchOptions(rate=500, timeout=0.5)
    report = fetch_sources(tmp_path, [site.url("/slow"), site.url("/news/0")], options=options)
    assert report.skipped[site.url("/slow")].kind == "timeout"
    assert list(report.fetched) == [site.url("/news/0")]


@pytest.mark.parametrize("length", [True, False])
def test_an_oversized_page_is_refused_while_streaming(site, tmp_path, length):
    big = article("Big", story(1)) + b"<!--" + b"x" * 300_000 + b"-->"
    site.routes["/big"] = Route(body=big, length=length)
    options = FetchOptions(rate=500, max_bytes=100_000)
    with pytest.raises(NothingFetchedError, match="too large 1"):
        fetch_sources(tmp_path, [site.url("/big")], options=options)
    assert not (tmp_path / RAW_FOLDER).exists() or not any((tmp_path / RAW_FOLDER).iterdir())


def test_the_default_cap_is_the_html_limit_of_the_build(site, tmp_path):
    site.routes["/huge"] = Route(body=b"<html>" + b"x" * 5_200_000, length=False)
    with pytest.raises(NothingFetchedError, match="too large 1"):
        fetch_sources(tmp_path, [site.url("/huge")], options=FAST)


@pytest.mark.parametrize("content_type", ["image/png", "application/json", "text/plain"])
def test_a_page_that_is_not_html_or_pdf_is_skipped(site, tmp_path, content_type):
    site.routes["/file"] = Route(body=b"%PDF-1.7 ...", content_type=content_type)
    with pytest.raises(NothingFetchedError, match="not HTML or PDF 1"):
        fetch_sources(tmp_path, [site.url("/file")], options=FAST)


def test_a_refused_connection_is_one_skipped_url(tmp_path):
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens on it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(NothingFetchedError, match="connection 1"):
        fetch_sources(tmp_path, [f"http://127.0.0.1:{port}/x"], options=FAST)


def test_a_page_without_article_text_is_not_kept(site, tmp_path):
    site.routes["/empty"] = Route(body=b"<html><body><nav>Home</nav></body></html>")
    with pytest.raises(NothingFetchedError, match="no text 1"):
        fetch_sources(tmp_path, [site.url("/empty")], options=FAST)
    assert not list(tmp_path.glob("*.txt"))
    assert not any((tmp_path / RAW_FOLDER).iterdir())


# ---------------------------------------------------------------- duplicates


def test_the_same_url_is_fetched_once(site, tmp_path):
    urls = [
        site.url("/news/0"),
        site.url("/news/0#comments"),
        site.url("/news/0?utm_source=feed&utm_medium=rss"),
        site.url("/news/0").replace("http://", "HTTP://"),
    ]
    report = fetch_sources(tmp_path, urls, options=FAST)
    assert site.paths() == ["/robots.txt", "/news/0"]
    assert len(report.fetched) == 1
    assert len(list(tmp_path.glob("*.txt"))) == 1


def test_the_same_text_at_another_url_is_skipped(site, tmp_path):
    site.routes["/copy"] = page(0)
    report = fetch_sources(tmp_path, [site.url("/news/0"), site.url("/copy")], options=FAST)
    assert report.skipped[site.url("/copy")].kind == "duplicate"
    assert len(list(tmp_path.glob("*.txt"))) == 1
    assert len(list((tmp_path / RAW_FOLDER).iterdir())) == 1
    fetch_sources(tmp_path, [site.url("/copy")], options=FAST)
    assert site.paths().count("/copy") == 1  # known as a copy: not fetched again


def test_url_normalisation():
    assert normalise_url("HTTP://Example.ORG:80/a?b=1&utm_campaign=x#top") == (
        "http://example.org/a?b=1"
    )
    assert normalise_url("https://example.org") == "https://example.org/"
    assert normalise_url("https://example.org:8443/a") == "https://example.org:8443/a"
    assert normalise_url("http://[::1]:8080/a") == "http://[::1]:8080/a"
    assert normalise_url("https://example.org/a?id=2") != normalise_url(
        "https://example.org/a?id=3"
    )


# ---------------------------------------------------------------- feeds


def feed_items(site: Site, numbers: list[int]) -> list[dict[str, str]]:
    return [
        {
            "title": f"Feed headline {n}",
            "link": site.url(f"/news/{n}"),
            "author": f"desk{n}@example.org (Reporter {TOWNS[n]})",
            "pubDate": f"Tue, 0{n + 1} Oct 2024 08:00:00 GMT",
        }
        for n in numbers
    ]


def test_rss_items_are_captured_with_the_feeds_facts_where_the_page_has_none(site, tmp_path):
    site.routes["/news/3"] = page(3, author="Page Author")
    site.routes["/rss"] = Route(
        body=rss("The Gazette", feed_items(site, [0, 3])), content_type="application/rss+xml"
    )
    report = fetch_sources(tmp_path, feeds=[site.url("/rss")], options=FAST)

    assert report.feeds == {site.url("/rss"): 2}
    manifest = entries(tmp_path)
    first = manifest[report.fetched[site.url("/news/0")]]
    assert first["author"] == "Reporter Northport"  # from the feed: the page names nobody
    assert first["published"] == "2024-10-01"
    assert first["publisher"] == "The Gazette"
    assert first["title"] == "Northport terminal to close for repairs"  # the page's own
    assert manifest[report.fetched[site.url("/news/3")]]["author"] == "Page Author"


def test_atom_entries_are_captured(site, tmp_path):
    body = atom(
        "Wire",
        [
            {"title": "One", "link": "/news/1", "updated": "2024-03-05T10:00:00Z", "author": "A B"},
            {"title": "Two", "link": "/news/2", "updated": "2024-03-06T10:00:00Z"},
        ],
    )
    site.routes["/atom"] = Route(body=body, content_type="application/atom+xml")
    report = fetch_sources(tmp_path, feeds=[site.url("/atom")], options=FAST)
    assert set(report.fetched) == {site.url("/news/1"), site.url("/news/2")}  # relative links
    manifest = entries(tmp_path)
    assert manifest[report.fetched[site.url("/news/1")]]["author"] == "A B"
    assert manifest[report.fetched[site.url("/news/2")]]["published"] == "2024-03-06"


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_a_second_fetch_of_an_unchanged_feed_downloads_nothing(site, tmp_path, validator):
    route = Route(body=rss("G", feed_items(site, [0, 1, 2])), content_type="application/rss+xml")
    if validator == "etag":
        route.etag = '"feed-v1"'
    else:
        route.last_modified = "Tue, 01 Oct 2024 09:00:00 GMT"
    site.routes["/rss"] = route
    first = fetch_sources(tmp_path, feeds=[site.url("/rss")], options=FAST)
    assert len(first.fetched) == 3
    site.log.clear()

    second = fetch_sources(tmp_path, feeds=[site.url("/rss")], options=FAST)

    assert site.paths() == ["/robots.txt", "/rss"]  # no page is downloaded
    (feed_request,) = site.requests("/rss")
    assert feed_request.status == 304
    header = "If-None-Match" if validator == "etag" else "If-Modified-Since"
    assert feed_request.headers[header] == (route.etag or route.last_modified)
    assert second.fetched == {}
    assert second.summary() == "fetched 0, unchanged 1, skipped 0"


def test_a_feed_without_validators_fetches_only_its_new_items(site, tmp_path):
    site.routes["/rss"] = Route(body=rss("G", feed_items(site, [0, 1])))
    fetch_sources(tmp_path, feeds=[site.url("/rss")], options=FAST)
    site.routes["/rss"] = Route(body=rss("G", feed_items(site, [0, 1, 2])))
    site.log.clear()

    report = fetch_sources(tmp_path, feeds=[site.url("/rss")], options=FAST)

    assert site.paths() == ["/robots.txt", "/rss", "/news/2"]
    assert list(report.fetched) == [site.url("/news/2")]
    assert set(report.unchanged) == {site.url("/news/0"), site.url("/news/1")}


def test_an_item_that_failed_is_tried_again_next_run(site, tmp_path):
    site.routes["/news/1"] = Route(503, b"busy")
    route = Route(body=rss("G", feed_items(site, [0, 1])), etag='"v1"')
    site.routes["/rss"] = route
    fetch_sources(tmp_path, feeds=[site.url("/rss")], options=FAST)
    site.routes["/news/1"] = page(1)
    site.log.clear()

    report = fetch_sources(tmp_path, feeds=[site.url("/rss")], options=FAST)

    assert "If-None-Match" not in site.requests("/rss")[0].headers  # not kept after a failure
    assert list(report.fetched) == [site.url("/news/1")]
    assert "/news/0" not in site.paths()


def test_a_page_given_as_a_feed_is_not_a_feed(site, tmp_path):
    with pytest.raises(NothingFetchedError, match="not a feed 1"):
        fetch_sources(tmp_path, feeds=[site.url("/news/0")], options=FAST)


def test_a_damaged_state_file_is_set_aside(site, tmp_path, briefer_log):
    fetch_sources(tmp_path, [site.url("/news/0")], options=FAST)
    (tmp_path / STATE_NAME).write_text("{not json", encoding="utf-8")
    report = fetch_sources(tmp_path, [site.url("/news/0"), site.url("/news/1")], options=FAST)
    assert "starting afresh" in briefer_log.text
    assert list(report.unchanged) == [site.url("/news/0")]  # the manifest still knows it
    assert json.loads((tmp_path / STATE_NAME).read_text(encoding="utf-8"))["format"] == 1


# ---------------------------------------------------------------- the command


def run(*args: str):
    return CliRunner().invoke(app, ["fetch", *args])


def test_the_command_captures_and_prints_a_summary(site, tmp_path):
    listed = tmp_path / "urls.txt"
    listed.write_text(
        f"# morning list\n{site.url('/news/1')}  # the port story\n\n{site.url('/nope')}\n",
        encoding="utf-8",
    )
    result = run(
        site.url("/news/0"), "--from", str(listed), "--into", str(tmp_path / "s"), "--rate", "100"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == (
        "fetched 2, unchanged 0, skipped 1 (HTTP 404 1)"
    )
    assert f"skipped {site.url('/nope')}: " in result.stderr
    assert "Traceback" not in result.output


def test_the_command_fails_in_one_line_when_nothing_could_be_fetched(site, tmp_path):
    result = run(site.url("/nope"), "ftp://127.0.0.1/x", "--into", str(tmp_path), "--rate", "100")
    assert result.exit_code == NothingFetchedError.exit_code == 6
    assert result.stderr.strip().splitlines()[-1].startswith("error: nothing could be fetched")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "code"),
    [([], ConfigError.exit_code), (["http://127.0.0.1:9/", "--rate", "0"], 2)],
)
def test_bad_usage_exits_non_zero_without_a_request(tmp_path, args, code):
    result = run(*args, "--into", str(tmp_path))
    assert result.exit_code == code
    assert "Traceback" not in result.output


def test_a_url_list_file(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("\ufeff# c\nhttp://a.test/1\n  http://a.test/2 # two\n\n#x\n", encoding="utf-8")
    assert read_url_file(path) == ["http://a.test/1", "http://a.test/2"]
    with pytest.raises(ConfigError, match="cannot read"):
        read_url_file(tmp_path / "missing.txt")


# ---------------------------------------------------------------- then build offline


def test_a_captured_folder_builds_offline_and_cites_the_article(tmp_path):
    site = Site()
    site.routes["/robots.txt"] = Route(404)
    site.routes["/news/5"] = page(5, **{"og:site_name": "The Ashford Courier"})
    site.routes["/rss"] = Route(body=rss("Courier", feed_items(site, [5])))
    sources = tmp_path / "sources"
    with serving(site):
        site.routes["/rss"].body = rss("Courier", feed_items(site, [5]))
        result = run("--feed", site.url("/rss"), "--into", str(sources), "--rate", "100")
        url = site.url("/news/5")
    assert result.exit_code == 0, result.output
    # The server is gone: the build has only the folder.
    out = tmp_path / "briefing.json"
    built = CliRunner().invoke(
        app, ["build", str(sources), "-f", "json", "-o", str(out), "--no-cache", "-q"]
    )
    assert built.exit_code == 0, built.output
    data = json.loads(out.read_text(encoding="utf-8"))
    (source,) = data["sources"]
    assert source["url"] == url
    assert source["publisher"] == "The Ashford Courier"
    assert source["published"] == "2024-10-06"
    cited = {c["source"] for item in data["key_points"] for c in item["citations"]}
    assert cited == {source["id"]}


# ---------------------------------------------------------------- private networks


@pytest.mark.parametrize(
    ("url", "private"),
    [
        ("http://127.0.0.1:8080/a", True),
        ("http://localhost/a", True),
        ("http://10.1.2.3/", True),
        ("http://192.168.0.10/", True),
        ("http://169.254.169.254/latest/meta-data/", True),  # a cloud's metadata service
        ("http://[::1]/", True),
        ("http://[fd00::1]/", True),
        ("http://93.184.216.34/", False),
        ("http://[2606:2800:220:1::1]/", False),
    ],
)
def test_private_addresses_are_known_without_a_lookup(url, private):
    assert Addresses().private(url) is private


def test_a_public_feed_cannot_send_briefer_into_a_private_network(site, tmp_path):
    """The guard in use: a feed on a public address (served here through a transport, so that
    no packet leaves the machine) lists a link to 127.0.0.1, which is refused unasked."""
    feed = rss("Public", [{"title": "x", "link": site.url("/news/0")}])

    def public_site(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=feed, headers={"Content-Type": "application/rss+xml"})

    with Client(FAST, transport=httpx.MockTransport(public_site)) as client:
        report = FetchReport()
        _Run(client, SourcesFolder(tmp_path), report).feed("http://93.184.216.34/feed")
    assert report.feeds == {"http://93.184.216.34/feed": 1}
    assert report.skipped[site.url("/news/0")].kind == "private address"


def test_deleting_a_capture_lets_the_page_be_captured_anew(site, tmp_path):
    first = fetch_sources(tmp_path, [site.url("/news/0")], options=FAST)
    name = first.fetched[site.url("/news/0")]
    (tmp_path / name).unlink()
    (tmp_path / "sources.toml").unlink()
    again = fetch_sources(tmp_path, [site.url("/news/0")], options=FAST)
    assert again.fetched == {site.url("/news/0"): name}  # not a "duplicate" of the deleted file
    assert site.paths().count("/news/0") == 2


def test_a_validator_no_header_can_carry_is_not_sent():
    assert Validators('"é-tag"', "Tue, 01 Oct 2024 09:00:00 GMT").headers() == {
        "If-Modified-Since": "Tue, 01 Oct 2024 09:00:00 GMT"
    }
    assert Validators("a\r\nX-Injected: 1", None).headers() == {}


def test_one_capture_at_a_time_into_a_folder(site, tmp_path):
    with locked(tmp_path), pytest.raises(OutputError, match="another briefer fetch"):
        fetch_sources(tmp_path, [site.url("/news/0")], options=FAST)
    assert site.log == []
    fetch_sources(tmp_path, [site.url("/news/0")], options=FAST)  # free again afterwards


def test_into_a_file_is_one_line(site, tmp_path):
    result = run(site.url("/news/0"), "--into", str(write_file(tmp_path)))
    assert result.exit_code == 4
    assert "is a file" in result.stderr
    assert site.log == []


def write_file(folder: Path) -> Path:
    path = folder / "not-a-folder"
    path.write_text("x", encoding="utf-8")
    return path


def test_a_compressed_bomb_stops_at_the_cap(site, tmp_path):
    bomb = gzip.compress(b"<html><body>" + b" " * 20_000_000)
    assert len(bomb) < 100_000
    site.routes["/bomb"] = Route(body=bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(NothingFetchedError, match="too large 1"):
        fetch_sources(tmp_path, [site.url("/bomb")], options=FAST)


def test_a_failing_url_listed_twice_is_asked_once(site, tmp_path):
    site.routes["/rss"] = Route(body=rss("G", [{"title": "x", "link": site.url("/gone")}]))
    report = fetch_sources(tmp_path, [site.url("/gone")], [site.url("/rss")], options=FAST)
    assert site.paths().count("/gone") == 1
    assert report.skipped[site.url("/gone")].kind == "HTTP 404"
