"""A real HTTP server on 127.0.0.1 for the fetch tests: routes set per test, and a log of every
request it answered (path, headers, arrival time) for the tests to assert on."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    length: bool = True  # send Content-Length (else the body ends when the connection does)
    etag: str | None = None  # answer 304 to a matching If-None-Match
    last_modified: str | None = None  # answer 304 to an equal If-Modified-Since


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float
    status: int


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def paths(self) -> list[str]:
        return [r.path for r in self.log]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            route = site.routes.get(self.path) or Route(404, b"not found", "text/plain")
            status = route.status
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                status = 304
            if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                status = 304
            site.log.append(Request(self.path, dict(self.headers), time.monotonic(), status))
            if route.delay:
                time.sleep(route.delay)
            try:
                self._answer(route, status)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should have

        def _answer(self, route: Route, status: int) -> None:
            self.send_response(status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            body = b"" if status == 304 else route.body
            if route.length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for start in range(0, len(body), 65536):
                self.wfile.write(body[start : start + 65536])

    return Handler


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    """`site` served on 127.0.0.1 (a free port) for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    server.block_on_close = False
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def article(title: str, paragraphs: list[str], meta: dict[str, str] | None = None) -> bytes:
    """An HTML news page with navigation around the article, as sites serve them."""
    heads = "".join(
        f'<meta name="{name}" content="{value}">'
        if not name.startswith("og:")
        else f'<meta property="{name}" content="{value}">'
        for name, value in (meta or {}).items()
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>{heads}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Contact us</footer></body></html>"
    ).encode()


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    entries = "".join(
        "<item>" + "".join(f"<{key}>{value}</{key}>" for key, value in item.items()) + "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><description>d</description>"
        f"{entries}</channel></rss>"
    ).encode()


def atom(title: str, entries: list[dict[str, str]]) -> bytes:
    body = "".join(
        "<entry>"
        f'<title>{e["title"]}</title><link href="{e["link"]}"/>'
        f"<id>{e['link']}</id><updated>{e['updated']}</updated>"
        + (f"<author><name>{e['author']}</name></author>" if "author" in e else "")
        + "</entry>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>"
        f"{body}</feed>"
    ).encode()
