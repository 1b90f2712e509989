"""robots.txt, read once per host and run, and interpreted as RFC 9309 says: no robots.txt
(a 4xx answer) allows everything; an unreachable one (a 5xx answer) allows nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser


@dataclass(frozen=True)
class Rules:
    """What one host's robots.txt lets `agent` fetch."""

    parser: RobotFileParser
    agent: str
    crawl_delay: float | None = None

    def allows(self, url: str) -> bool:
        return self.parser.can_fetch(self.agent, url)


_NOTHING = ["User-agent: *", "Disallow: /"]


def _rules(status: int, body: bytes, agent: str) -> Rules:
    parser = RobotFileParser()
    if status == 200:
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
    elif 400 <= status < 500:
        parser.parse([])  # no rules: everything allowed
    else:
        parser.parse(_NOTHING)
    if status != 200:
        return Rules(parser, agent)
    delay = float(parser.crawl_delay(agent) or 0)
    rate = parser.request_rate(agent)
    if rate is not None and rate.requests > 0:
        delay = max(delay, rate.seconds / rate.requests)
    return Rules(parser, agent, delay or None)


class RobotsCache:
    """Each host's rules, fetched with `fetch(url) -> (status, body)` on first need. A host
    whose robots.txt could not be fetched at all (refused, timed out) fails the same way for
    every URL on it, without being asked again."""

    def __init__(self, fetch: Callable[[str], tuple[int, bytes]], agent: str) -> None:
        self._fetch = fetch
        self._agent = agent
        self._rules: dict[str, Rules | Exception] = {}

    def rules(self, host: str) -> Rules:
        """The rules of `host` ("scheme://host:port")."""
        if host not in self._rules:
            try:
                status, body = self._fetch(f"{host}/robots.txt")
                self._rules[host] = _rules(status, body, self._agent)
            except Exception as exc:  # kept and raised again for each URL of the host
                self._rules[host] = exc
        found = self._rules[host]
        if isinstance(found, Exception):
            raise found
        return found
