from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sources"


@pytest.fixture(scope="session")
def sample_briefing():
    from briefer.pipeline import build_briefing

    return build_briefing(SAMPLES)


@pytest.fixture(scope="session")
def sample_json(sample_briefing):
    from briefer.render import briefing_to_json

    return briefing_to_json(sample_briefing)


@pytest.fixture(scope="session")
def sample_pdf(sample_briefing, tmp_path_factory) -> Path:
    """The sample briefing rendered once as a PDF file, through the same path as `build`."""
    from briefer.files import write_atomic
    from briefer.render import render_bytes

    target = tmp_path_factory.mktemp("sample_pdf") / "briefing.pdf"
    return write_atomic(render_bytes(sample_briefing, "pdf"), target)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _restore_briefer_logger():
    """The CLI points the "briefer" logger at the runner's stderr; undo that after each test."""
    import logging

    logger = logging.getLogger("briefer")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:] = saved[0]
    logger.setLevel(saved[1])
    logger.propagate = saved[2]


@pytest.fixture
def briefer_log(caplog):
    """Captures the "briefer" logger's records even after the CLI stopped it propagating."""
    import logging

    logger = logging.getLogger("briefer")
    saved = (logger.level, logger.propagate)
    logger.addHandler(caplog.handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the root logger has caplog's handler too: count records once
    yield caplog
    logger.removeHandler(caplog.handler)
    logger.setLevel(saved[0])
    logger.propagate = saved[1]


@pytest.fixture(autouse=True, scope="session")
def _private_parse_cache(tmp_path_factory):
    """Builds in tests (in-process and child processes) keep parses in a folder of their own,
    never in the user's cache folder."""
    import os

    folder = tmp_path_factory.mktemp("parse-cache")
    saved = {name: os.environ.get(name) for name in ("BRIEFER_CACHE_DIR", "XDG_CACHE_HOME")}
    os.environ["BRIEFER_CACHE_DIR"] = str(folder / "briefer")
    os.environ["XDG_CACHE_HOME"] = str(folder / "xdg")  # for children that drop BRIEFER_*
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def no_proxy(monkeypatch):
    """A proxy from the environment would take requests for 127.0.0.1 elsewhere."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
