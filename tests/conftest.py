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
