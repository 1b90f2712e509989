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


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
