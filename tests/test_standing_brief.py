"""contrib/standing-brief.sh, the daily cycle, run as cron would run it against a real SMTP
server (aiosmtpd on 127.0.0.1): a briefing is sent once, a day without news sends nothing, a
failed send loses nothing and is made good by the next run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write
from mail_support import Recorder, attachment_bytes, free_port, smtp_server
from since_support import FIRST, SECOND, add, alone

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
