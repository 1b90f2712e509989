"""An honest HTTP client: it names itself, obeys robots.txt, waits its turn on each host, gives
up on slow or oversized answers and follows a bounded number of redirects, each checked anew."""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx

from briefer import __version__
from briefer.fetch.robots import RobotsCache, Rules
from briefer.ingest.limits import MAX_HTML_BYTES, MAX_PDF_BYTES

log = logging.getLogger("briefer")

SCHEMES = ("http", "https")
PDF_TYPES = ("application/pdf", "application/x-pdf")
MAX_URL_LENGTH = 2048
# Query parameters that only say where a reader came from: the same page without them.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how patiently to fetch; the defaults suit a news site."""

    rate: float = 1.0  # requests per second to one host (robots.txt may ask for fewer)
    timeout: float = 20.0  # seconds to connect, and between two reads
    deadline: float = 60.0  # seconds for one whole response, however it trickles in
    max_bytes: int = MAX_HTML_BYTES  # one response, after decompression
    max_pdf_bytes: int = MAX_PDF_BYTES  # one response served as a PDF
    max_redirects: int = 5
    contact: str | None = None  # a URL or e-mail address for site owners, in the User-Agent
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay is obeyed up to this

    def cap(self, content_type: str) -> int:
        """The most bytes taken of a response of this type: the build's limit for its file."""
        return self.max_pdf_bytes if content_type in PDF_TYPES else self.max_bytes

    @property
    def user_agent(self) -> str:
        contact = f"; +{self.contact}" if self.contact else ""
        return f"briefer/{__version__} (news briefing capture; obeys robots.txt{contact})"


class FetchFailed(Exception):
    """One URL could not be fetched; `kind` names the reason in the run's summary."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional request whose resource has not changed
    body: bytes
    content_type: str  # the media type alone, lower case; "" when the server gave none
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # where a redirect points


@dataclass(frozen=True)
class Validators:
    """What a server said about a resource, to ask it next time whether it changed."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        """The conditional-request headers; a value a header cannot carry is left out."""
        wanted = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in wanted.items() if value and _header_safe(value)}


def _header_safe(value: str) -> bool:
    return value.isascii() and value.isprintable() and len(value) <= 1024


def check_url(url: str) -> str:
    """`url` without its fragment, if it is an http(s) URL with a host; else FetchFailed."""
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise FetchFailed("bad URL", f"URL longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise FetchFailed("bad URL", f"not a URL: {exc}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchFailed("not http(s)", f"only http and https URLs are fetched, not {url!r}")
    if not parts.hostname:
        raise FetchFailed("bad URL", f"no host in {url!r}")
    return urlunsplit(parts._replace(fragment=""))


def normalise_url(url: str) -> str:
    """One spelling per page, to tell duplicates: lower-case scheme and host, no default port,
    no fragment, no tracking parameters, "/" for an empty path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING)
    ]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def host_key(url: str) -> str:
    """The host a rate and a robots.txt belong to: scheme, host and port."""
    parts = urlsplit(normalise_url(url))
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class HostClock:
    """At most `rate` requests a second to each host: a request waits for its host's turn."""

    rate: float
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)  # host -> when it was last asked
    _interval: dict[str, float] = field(default_factory=dict)

    def slow_down(self, host: str, seconds: float) -> None:
        """Space this host's requests at least `seconds` apart (a robots.txt Crawl-delay)."""
        self._interval[host] = max(seconds, self._interval.get(host, 0.0))

    def wait(self, host: str) -> None:
        interval = max(1.0 / self.rate, self._interval.get(host, 0.0))
        now = time.monotonic()
        last = self._last.get(host)
        start = now if last is None else max(now, last + interval)
        if start > now:
            self.sleep(start - now)
        self._last[host] = start


class Addresses:
    """Which hosts are on a private network (loopback, private ranges, link-local, ...), so
    that a public page or feed cannot send briefer to this machine or its neighbours."""

    def __init__(self) -> None:
        self._known: dict[str, bool] = {}

    def private(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._known:
            self._known[host] = _private_host(host)
        return self._known[host]


def _private_host(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return False  # the request itself will fail, and say why
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    return any(not address.is_global for address in addresses)


class Client:
    """Fetches one URL at a time: robots.txt first (once per host), then the URL itself."""

    def __init__(self, options: FetchOptions, transport: httpx.BaseTransport | None = None):
        self.options = options
        self.requests = 0
        self._clock = HostClock(options.rate)
        self._http = httpx.Client(
            headers={"User-Agent": options.user_agent},
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,
            transport=transport,
        )
        self._robots = RobotsCache(self._robots_txt, "briefer")
        self._addresses = Addresses()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(
        self,
        url: str,
        accept: str,
        validators: Validators | None = None,
        origin: str | None = None,
    ) -> Response:
        """The resource at `url`, following redirects; FetchFailed says why not. With
        `validators`, a resource that has not changed comes back as status 304 and no body.
        `origin` is the URL the user gave that led here (a feed's, for its items): when it is
        on the public internet, no hop may lead into a private network."""
        url = check_url(url)
        headers = {"Accept": accept, **(validators.headers() if validators else {})}
        seen = {normalise_url(url)}
        guard = not self._addresses.private(origin or url)
        for _ in range(self.options.max_redirects + 1):
            if guard and self._addresses.private(url):
                raise FetchFailed(
                    "private address", f"{url} is on a private network, reached from the internet"
                )
            self._allowed(url)
            response = self._request(url, headers)
            if response.status not in (301, 302, 303, 307, 308):
                return _checked_status(response)
            url = self._next_hop(url, response, seen)
        raise FetchFailed(
            "redirects", f"more than {self.options.max_redirects} redirects, last to {url}"
        )

    def _next_hop(self, url: str, response: Response, seen: set[str]) -> str:
        location = response.location
        if not location:
            raise FetchFailed("redirects", f"HTTP {response.status} without a Location")
        target = check_url(urljoin(url, location))
        if normalise_url(target) in seen:
            raise FetchFailed("redirects", f"redirect loop back to {target}")
        seen.add(normalise_url(target))
        return target

    def _allowed(self, url: str) -> None:
        rules = self._robots.rules(host_key(url))
        if rules.crawl_delay:
            self._clock.slow_down(
                host_key(url), min(rules.crawl_delay, self.options.max_crawl_delay)
            )
        if not rules.allows(url):
            raise FetchFailed("robots.txt", f"robots.txt of {host_key(url)} disallows {url}")

    def _robots_txt(self, url: str) -> tuple[int, bytes]:
        """The status and body of a robots.txt, redirects followed within the same bounds."""
        seen = {normalise_url(url)}
        guard = not self._addresses.private(url)
        for _ in range(self.options.max_redirects + 1):
            if guard and self._addresses.private(url):
                return 404, b""  # not followed into a private network: as if there were none
            response = self._request(url, {"Accept": "text/plain"}, robots=True)
            if response.status not in (301, 302, 303, 307, 308):
                return response.status, response.body
            url = self._next_hop(url, response, seen)
        return 404, b""  # RFC 9309: too many redirects count as no robots.txt

    def _request(self, url: str, headers: dict[str, str], robots: bool = False) -> Response:
        """One GET, within the host's rate, the size cap and the deadline."""
        self._clock.wait(host_key(url))
        self.requests += 1
        try:
            with self._http.stream("GET", url, headers=headers) as answer:
                return self._read(url, answer, robots)
        except httpx.TimeoutException:
            raise FetchFailed(
                "timeout", f"no answer from {url} within {self.options.timeout:g} s"
            ) from None
        except (httpx.InvalidURL, UnicodeError) as exc:  # an impossible host name, say
            raise FetchFailed("bad URL", f"cannot fetch {url}: {_reason(exc)}") from None
        except (httpx.HTTPError, httpx.StreamError) as exc:
            raise FetchFailed("connection", f"cannot fetch {url}: {_reason(exc)}") from None

    def _read(self, url: str, answer: httpx.Response, robots: bool) -> Response:
        status = answer.status_code
        if status in (301, 302, 303, 307, 308):
            return Response(url, status, b"", "", location=answer.headers.get("Location"))
        content_type = answer.headers.get("Content-Type", "").split(";")[0].strip().lower()
        validators = {
            "etag": answer.headers.get("ETag"),
            "last_modified": answer.headers.get("Last-Modified"),
        }
        if status != 200:
            return Response(url, status, b"", content_type, **validators)
        cap = 500_000 if robots else self.options.cap(content_type)  # RFC 9309: 500 KiB
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap and not robots:
            raise FetchFailed("too large", f"{url} is {_mb(int(declared))}, over {_mb(cap)}")
        body = self._body(url, answer, cap, robots)
        return Response(url, status, body, content_type, **validators)

    def _body(self, url: str, answer: httpx.Response, cap: int, robots: bool) -> bytes:
        """The body, decompressed, stopping at `cap` bytes and at the deadline."""
        started = time.monotonic()
        chunks: list[bytes] = []
        size = 0
        for chunk in answer.iter_bytes():
            size += len(chunk)
            if size > cap:
                if robots:  # the first 500 KiB of a robots.txt are read, the rest ignored
                    chunks.append(chunk[: cap - size + len(chunk)])
                    break
                raise FetchFailed("too large", f"{url} is over {_mb(cap)}")
            chunks.append(chunk)
            if time.monotonic() - started > self.options.deadline:
                raise FetchFailed(
                    "timeout", f"{url} took over {self.options.deadline:g} s to arrive"
                )
        return b"".join(chunks)


def _checked_status(response: Response) -> Response:
    if response.status in (200, 304):
        return response
    raise FetchFailed(f"HTTP {response.status}", f"{response.url} answered HTTP {response.status}")


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


__all__ = [
    "Client",
    "FetchFailed",
    "FetchOptions",
    "PDF_TYPES",
    "Response",
    "Rules",
    "Validators",
    "check_url",
    "host_key",
    "normalise_url",
]
