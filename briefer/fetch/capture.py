"""One capture run: each feed's items and each URL fetched once, politely, into a sources
folder, so that every later build of that folder is offline and gives the same briefing."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefer.errors import BrieferError, ConfigError
from briefer.fetch.feeds import Item, parse_feed
from briefer.fetch.http import (
    PDF_TYPES,
    Client,
    FetchFailed,
    FetchOptions,
    Response,
    Validators,
    check_url,
)
from briefer.fetch.store import SourcesFolder, clean_field, locked, text_digest
from briefer.files import write_atomic
from briefer.ingest import limits, parse_published
from briefer.ingest.clean import clean_text
from briefer.ingest.decode import NotTextError
from briefer.ingest.manifest import ManifestEntry
from briefer.ingest.readers import RawDocument, read_html

log = logging.getLogger("briefer")

HTML_TYPES = ("text/html", "application/xhtml+xml")
UNTYPED = ("", "application/octet-stream", "binary/octet-stream")  # the body says what it is
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,application/pdf;q=0.8,*/*;q=0.1"
FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
)
MAX_URL_FILE_BYTES = 1_000_000


class NothingFetchedError(BrieferError):
    """Not one URL or feed could be fetched (each one's reason was reported)."""

    exit_code = 6


@dataclass
class FetchReport:
    """What a run did, URL by URL: captured (URL → file), unchanged, or skipped with a reason;
    and the feeds read (feed URL → number of items)."""

    fetched: dict[str, str] = field(default_factory=dict)
    unchanged: dict[str, str] = field(default_factory=dict)  # URL -> why
    skipped: dict[str, FetchFailed] = field(default_factory=dict)
    feeds: dict[str, int] = field(default_factory=dict)
    requests: int = 0

    @property
    def anything(self) -> bool:
        """Some URL or feed answered: a run where everything was already captured counts."""
        return bool(self.fetched or self.unchanged or self.feeds)

    def summary(self) -> str:
        reasons = Counter(failure.kind for failure in self.skipped.values())
        detail = ", ".join(f"{kind} {n}" for kind, n in sorted(reasons.items()))
        skipped = f"skipped {len(self.skipped)}" + (f" ({detail})" if detail else "")
        feeds = f"; {len(self.feeds)} feed{'' if len(self.feeds) == 1 else 's'} read"
        return f"fetched {len(self.fetched)}, unchanged {len(self.unchanged)}, {skipped}" + (
            feeds if self.feeds else ""
        )


def read_url_file(path: Path) -> list[str]:
    """The URLs of a file, one a line; blank lines and text after `#` are ignored."""
    try:
        if path.stat().st_size > MAX_URL_FILE_BYTES:
            raise ConfigError(f"{path} is over 1 MB; a URL list is one URL a line")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read URL list {path}: {exc}") from None
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def fetch_sources(
    into: Path | str,
    urls: Sequence[str] = (),
    feeds: Sequence[str] = (),
    options: FetchOptions | None = None,
) -> FetchReport:
    """Capture `urls` and every item of `feeds` into the folder `into`. A URL that fails is
    reported (log line and report) and skipped; NothingFetchedError if none could be fetched."""
    if not urls and not feeds:
        raise ConfigError("nothing to fetch: give URLs, --from FILE or --feed URL")
    options = options or FetchOptions()
    if not options.rate > 0:
        raise ConfigError("--rate must be above 0 requests per second")
    report = FetchReport()
    with locked(Path(into)), Client(options) as client:
        run = _Run(client, SourcesFolder(Path(into)), report)
        for feed in feeds:
            run.feed(feed)
        for url in urls:
            run.page(url, None)
        report.requests = client.requests
    if not report.anything:
        raise NothingFetchedError(f"nothing could be fetched ({report.summary()})")
    return report


@dataclass
class _Run:
    client: Client
    folder: SourcesFolder
    report: FetchReport

    def feed(self, url: str) -> None:
        try:
            response = self.client.get(url, FEED_ACCEPT, self.folder.validators(url))
            if response.status == 304:
                self._unchanged(url, "feed not modified since the last run")
                return
            feed = parse_feed(response.body, response.url, response.content_type)
        except FetchFailed as failure:
            self._skip(url, failure)
            return
        log.info("feed %s: %d items", url, len(feed.items))
        self.report.feeds[url] = len(feed.items)
        failures = len(self.report.skipped)
        for item in feed.items:
            self.page(item.link, item, origin=url)
        if len(self.report.skipped) == failures:
            # Only now: a run cut short, or an item that failed, must be tried again next time.
            self.folder.remember(url, Validators(response.etag, response.last_modified))

    def page(self, url: str, item: Item | None, origin: str | None = None) -> None:
        if url in self.report.fetched or url in self.report.unchanged or url in self.report.skipped:
            return  # listed twice (in a feed and on the command line, say): once is enough
        known = self.folder.captured(url)
        if known is not None:
            self._unchanged(url, f"already captured as {known}")
            return
        try:
            response = self.client.get(url, HTML_ACCEPT, origin=origin)
            self._capture(url, response, item)
        except FetchFailed as failure:
            self._skip(url, failure)

    def _capture(self, url: str, response: Response, item: Item | None) -> None:
        known = self.folder.captured(response.url)
        if known is not None:  # a redirect to a page already captured
            self.folder.alias([url], known)
            self._unchanged(url, f"already captured as {known}")
            return
        if _is_pdf(response):
            name = self._capture_pdf(url, response, item)
        elif _is_html(response):
            name = self._capture_html(url, response, item)
        else:
            kind = response.content_type or "untyped"
            raise FetchFailed("not HTML or PDF", f"{url} is {kind}")
        self.report.fetched[url] = name
        log.info("fetched %s -> %s", url, name)

    def _capture_html(self, url: str, response: Response, item: Item | None) -> str:
        """The page as served into .raw, its text as NAME.txt; returns the name."""
        stem = self.folder.new_stem(response.url)
        raw = self.folder.raw_path(stem)
        write_atomic(response.body, raw)
        try:
            doc = _extract(url, raw)
            digest = text_digest(doc.text)
            self._no_twin(digest, [url, response.url])
        except BaseException:
            raw.unlink(missing_ok=True)
            raise
        entry = _entry(doc, item, response.url)
        return self.folder.add(stem, doc.text, entry, [url, response.url], digest)

    def _capture_pdf(self, url: str, response: Response, item: Item | None) -> str:
        """The PDF as served, as NAME.pdf, once the build's reader finds text in it."""
        doc = _read_pdf(url, response.body)
        digest = text_digest(doc.text)
        self._no_twin(digest, [url, response.url])
        name = f"{self.folder.new_stem(response.url)}.pdf"
        entry = _pdf_entry(item, response.url)
        return self.folder.add_file(name, response.body, entry, [url, response.url], digest)

    def _no_twin(self, digest: str, urls: list[str]) -> None:
        """FetchFailed if an article with the same text was captured (its URLs then lead to
        that one, so that they are not fetched again)."""
        twin = self.folder.same_text(digest)
        if twin is not None:
            self.folder.alias(urls, twin)
            raise FetchFailed("duplicate", f"{urls[0]} has the same text as {twin}")

    def _unchanged(self, url: str, why: str) -> None:
        self.report.unchanged[url] = why
        log.info("unchanged %s: %s", url, why)

    def _skip(self, url: str, failure: FetchFailed) -> None:
        self.report.skipped[url] = failure
        log.warning("skipped %s: %s", url, failure)


def _is_pdf(response: Response) -> bool:
    if response.content_type in PDF_TYPES:
        return True
    # A PDF may start with up to 1024 bytes of anything before its header.
    return response.content_type in UNTYPED and b"%PDF-" in response.body[:1024]


def _is_html(response: Response) -> bool:
    if response.content_type:
        return response.content_type in HTML_TYPES
    start = response.body[:1024].lstrip().lower()  # no type given: only markup will do
    return start.startswith((b"<!doctype html", b"<html"))


def _extract(url: str, raw: Path) -> RawDocument:
    """The article text and metadata of a captured page, as `briefer build` would read it."""
    try:
        doc = read_html(raw)
    except limits.TooSlowError as exc:
        raise FetchFailed("no text", f"extracting the text of {url} {exc}") from None
    except NotTextError:
        raise FetchFailed("not HTML", f"{url} is not text") from None
    except Exception as exc:  # the extractor failing on one page must not end the run
        raise FetchFailed("no text", f"cannot extract the text of {url}: {exc}") from None
    return _with_text(doc, url)


def _read_pdf(url: str, body: bytes) -> RawDocument:
    """A downloaded PDF as `briefer build` would read it; FetchFailed if the build would find
    no text in it (a scan, a locked or damaged file, too many pages)."""
    from briefer.ingest.pdf import read_pdf

    try:
        doc = read_pdf(url, body)
    except NotTextError as exc:
        raise FetchFailed("no text", f"{url}: {exc}") from None
    except limits.TooSlowError as exc:
        raise FetchFailed("no text", f"reading the PDF at {url} {exc}") from None
    except Exception as exc:  # the reader failing on one file must not end the run
        raise FetchFailed("no text", f"cannot read the PDF at {url}: {exc}") from None
    return _with_text(doc, f"the PDF at {url}")


def _with_text(doc: RawDocument, where: str) -> RawDocument:
    """`doc`, unless the build, with the same cleaning, would skip it as empty: then it is not
    worth keeping either."""
    if not clean_text(doc.text, title=doc.title, author=doc.author).text.strip():
        raise FetchFailed("no text", f"no article text found in {where}")
    return doc


def _entry(doc: RawDocument, item: Item | None, url: str) -> ManifestEntry:
    """The page's own facts first, the feed's where the page has none."""
    hint = item or Item(link=url)
    return ManifestEntry(
        title=clean_field(doc.title or hint.title),
        author=clean_field(doc.author or hint.author),
        publisher=clean_field(doc.publisher or hint.publisher),
        published=_date(doc.published) or _date(hint.published),
        url=url,
    )


def _pdf_entry(item: Item | None, url: str) -> ManifestEntry:
    """The URL, and what the feed says of the PDF. The PDF's own title, author and date are
    read at build time, where the manifest's win: a feed's title and date are the publisher's,
    a PDF's are often a file name, a user name and the day the file was made."""
    hint = item or Item(link=url)
    return ManifestEntry(
        title=clean_field(hint.title),
        author=clean_field(hint.author),
        publisher=clean_field(hint.publisher),
        published=_date(hint.published),
        url=url,
    )


def _date(value: str | None) -> str | None:
    """A date the build accepts (YYYY, YYYY-MM or YYYY-MM-DD), else None: a bad date in the
    manifest would stop every build of the folder."""
    try:
        parsed = parse_published(value)
    except ValueError:
        return None
    return parsed.iso() if parsed is not None else None


__all__ = [
    "FetchReport",
    "NothingFetchedError",
    "check_url",
    "fetch_sources",
    "read_url_file",
]
