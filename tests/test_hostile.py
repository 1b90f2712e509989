"""Hostile input, hostile servers and other people's folders (issue 12), each attack reproduced
with real parts: real files, FIFOs and symlinks, a real socket server on 127.0.0.1, and the real
CLI in a child process whose time is bounded by a timeout and whose memory by RLIMIT_AS."""

from __future__ import annotations

import contextlib
import email
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email import policy
from pathlib import Path

import pytest
from conftest import ROOT, write

from briefer.mail import DELIVERY_LOG, read_deliveries

TIMEOUT = 90  # seconds; every attack here is refused in a few when it is handled
MEMORY = 3 * 1024**3  # bytes of address space: an unbounded expansion dies well before this
BODY = (
    "The harbour council approved the new ferry link on Monday. "
    "The mayor said the link would open next spring.\n"
)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def briefer(*args: str | Path, cwd: Path, env: dict[str, str] | None = None):
    """The real CLI as a child process; fails the test if it outlives TIMEOUT."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env.pop("BRIEFER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "briefer", "-q", *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )


def refused(result, code: int) -> str:
    """The one error line of a run that had to stop with `code`, checked for the contract."""
    assert result.returncode == code, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines, result
    assert lines[-1].startswith("error: "), lines
    return lines[-1]


# ---------------------------------------------------------------- item 1: YAML alias bomb

ALIAS_BOMB = (
    "---\n"
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
        for a, b in zip("abcdefghi", "bcdefghij", strict=False)
    )
    + "title: *j\n---\n"
    + BODY
)


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    write(tmp_path / "in", "bomb.md", ALIAS_BOMB)
    assert len(ALIAS_BOMB.encode()) < 1000
    line = refused(briefer("build", "in", "-o", "out.json", "--format", "json", cwd=tmp_path), 2)
    assert "bomb.md" in line
    assert "alias" in line
    assert not (tmp_path / "out.json").exists()


def test_yaml_anchors_without_aliases_are_fine(tmp_path):
    from briefer.ingest import read_sources

    write(tmp_path, "a.md", "---\ntitle: &t Ferry link approved\n---\n" + BODY)
    (article,) = read_sources(tmp_path)
    assert article.title == "Ferry link approved"


def test_oversized_front_matter_is_refused(tmp_path):
    from briefer.errors import SourceError
    from briefer.ingest import read_sources

    filler = "".join(f"k{i}: {'x' * 60}\n" for i in range(2000))
    write(tmp_path, "a.md", "---\ntitle: Ferry\n" + filler + "---\n" + BODY)
    with pytest.raises(SourceError, match=r"a\.md: front matter is over 64 KB"):
        read_sources(tmp_path)


# ---------------------------------------------------------------- item 13: exit 2, not 70


def test_deeply_nested_front_matter_is_a_source_error(tmp_path):
    write(tmp_path / "in", "deep.md", "---\ntitle: " + "[" * 20_000 + "\n---\n" + BODY)
    line = refused(briefer("build", "in", "-o", "out.json", "--format", "json", cwd=tmp_path), 2)
    assert "deep.md" in line
    assert "nested" in line


def test_deeply_nested_manifest_is_a_source_error(tmp_path):
    write(tmp_path / "in", "a.txt", BODY)
    write(tmp_path / "in", "sources.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    line = refused(briefer("build", "in", "-o", "out.json", "--format", "json", cwd=tmp_path), 2)
    assert "sources.toml" in line
    assert "nested" in line


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_manifest_date_at_the_edge_of_the_calendar_is_a_source_error(tmp_path, published):
    write(tmp_path / "in", "a.txt", "The council met yesterday and will meet again tomorrow.\n")
    write(tmp_path / "in", "sources.toml", f'["a.txt"]\npublished = "{published}"\n')
    line = refused(briefer("build", "in", "-o", "out.json", "--format", "json", cwd=tmp_path), 2)
    assert published in line
    assert "sources.toml" in line


def test_front_matter_date_at_the_edge_of_the_calendar_is_unknown(tmp_path, briefer_log):
    from briefer.ingest import read_sources

    write(tmp_path, "a.md", "---\npublished: 0001-01-01\n---\n" + BODY)
    (article,) = read_sources(tmp_path)
    assert article.published is None
    assert any("0001-01-01" in r.getMessage() for r in briefer_log.records)


# ---------------------------------------------------------------- items 3 and 10: templates

SAMPLE_TEXT = (
    "Ferry link approved\n\n"
    "The harbour council approved the new ferry link on Monday, 3 May 2021. "
    "Mayor Ana Ruiz said the link would open in 2023. "
    "The council voted nine to two after a long debate.\n"
)


def _build_html(tmp_path: Path, templates: Path):
    write(tmp_path / "in", "a.txt", SAMPLE_TEXT)
    return briefer(
        "build", "in", "-f", "html", "-o", "out.html", "--templates", templates, cwd=tmp_path
    )


def test_template_cannot_run_code(tmp_path):
    marker = tmp_path / "pwned"
    templates = tmp_path / "tpl"
    payload = f"{{{{ lipsum.__globals__['os'].system('touch {marker}') }}}}"
    write(templates, "sections/key_points.html.j2", payload)
    line = refused(_build_html(tmp_path, templates), 3)
    assert "unsafe" in line
    assert not marker.exists()


def test_config_in_the_current_folder_cannot_run_code_through_custom_css(tmp_path):
    """`briefer build` in someone else's folder: their briefer.toml names their templates."""
    marker = tmp_path / "pwned"
    write(tmp_path, "briefer.toml", '[build]\ntemplates = "tpl"\n')
    write(
        tmp_path / "tpl",
        "custom.css",
        f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}",
    )
    write(tmp_path / "in", "a.txt", SAMPLE_TEXT)
    result = briefer("build", "in", "-f", "html", "-o", "out.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert "cycler.__init__" in (tmp_path / "out.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("via", ["include", "custom.css"])
def test_symlink_out_of_the_templates_folder_is_refused(tmp_path, via):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE\n", encoding="utf-8")
    templates = tmp_path / "tpl"
    templates.mkdir()
    if via == "include":
        (templates / "leak.txt").symlink_to(secret)
        write(templates, "sections/key_points.html.j2", '{% include "leak.txt" %}')
    else:
        (templates / "custom.css").symlink_to(secret)
    line = refused(_build_html(tmp_path, templates), 3)
    assert "outside" in line
    assert not (tmp_path / "out.html").exists()


def test_symlink_inside_the_templates_folder_is_followed(tmp_path):
    templates = tmp_path / "tpl"
    write(templates, "mine.css", "h1 { color: rgb(1, 2, 3); }\n")
    (templates / "custom.css").symlink_to(templates / "mine.css")
    assert _build_html(tmp_path, templates).returncode == 0
    assert "rgb(1, 2, 3)" in (tmp_path / "out.html").read_text(encoding="utf-8")


def test_parent_folder_in_an_include_is_not_found(tmp_path):
    (tmp_path / "secret.txt").write_text("TOP-SECRET-LINE\n", encoding="utf-8")
    templates = tmp_path / "tpl"
    write(templates, "sections/key_points.html.j2", '{% include "../secret.txt" %}')
    refused(_build_html(tmp_path, templates), 3)


@pytest.mark.parametrize(
    "css",
    [
        "@media print{#contents{display:none}}\n",
        "@media print{#x{display:none}}\nh1{color:rgb(4,5,6)} /* #} */\n",
        "h1::after { content: '</style><script>alert(1)</script>'; }\n",
    ],
)
def test_custom_css_is_css_not_a_template(tmp_path, css):
    templates = tmp_path / "tpl"
    write(templates, "custom.css", css)
    result = _build_html(tmp_path, templates)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert css.replace("</", "<\\/") in html
    assert "</style><script>" not in html


# ---------------------------------------------------------------- items 2 and 11: SMTP faults


def _read_line(conn: socket.socket) -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        chunk = conn.recv(1)
        if not chunk:
            raise ConnectionError("client left")
        line += chunk
    return line


def _smtp_until_data(conn: socket.socket) -> None:
    """A plain SMTP server up to the 354 that invites the message."""
    conn.sendall(b"220 faulty.example ESMTP\r\n")
    replies = {b"EHLO": b"250-faulty.example\r\n250 8BITMIME\r\n", b"DATA": b"354 go ahead\r\n"}
    while True:
        verb = _read_line(conn).split()[0].upper()
        conn.sendall(replies.get(verb, b"250 OK\r\n"))
        if verb == b"DATA":
            return


def flood(conn: socket.socket) -> None:
    while True:
        conn.sendall(b"220-" + b"x" * 996 + b"\r\n")


def drip(conn: socket.socket) -> None:
    while True:
        conn.sendall(b"220-still here\r\n")
        time.sleep(0.5)


def drop_mid_data(conn: socket.socket) -> None:
    _smtp_until_data(conn)
    conn.recv(1024)  # then hang up with the rest unread: the final dot never arrives


def drop_after_data(conn: socket.socket) -> None:
    _smtp_until_data(conn)
    received = b""
    while not received.endswith(b"\r\n.\r\n"):
        chunk = conn.recv(65536)
        if not chunk:
            return
        received += chunk


@contextmanager
def fault_server(behaviour: Callable[[socket.socket], None]) -> Iterator[int]:
    """A TCP server on 127.0.0.1 that treats every client with `behaviour`; yields its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn, contextlib.suppress(OSError):
                behaviour(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()


def _send(tmp_path: Path, port: int, pdf_size: int = 2000):
    pdf = tmp_path / "out" / "brief.pdf"
    pdf.parent.mkdir(exist_ok=True)
    pdf.write_bytes(b"%PDF-1.4\n" + os.urandom(pdf_size))
    env = {
        "BRIEFER_SMTP_HOST": "127.0.0.1",
        "BRIEFER_SMTP_PORT": str(port),
        "BRIEFER_SMTP_SECURITY": "none",
        "BRIEFER_SMTP_TIMEOUT": "1",
    }
    args = ("send", pdf, "--to", "chief@example.org", "--from", "desk@example.org")
    result = briefer(*args, cwd=tmp_path, env=env)
    return result, read_deliveries(pdf.parent / DELIVERY_LOG)


def test_smtp_greeting_flood_is_cut_off(tmp_path):
    with fault_server(flood) as port:
        result, log = _send(tmp_path, port)
    assert "100 lines" in refused(result, 12)
    assert [entry.outcome for entry in log] == ["failed"]


def test_smtp_server_dripping_lines_meets_the_deadline(tmp_path):
    """Each line comes well inside the 1 s timeout; the exchange as a whole may not last."""
    with fault_server(drip) as port:
        result, log = _send(tmp_path, port)
    assert "did not finish within 5 s" in refused(result, 13)
    assert [entry.outcome for entry in log] == ["failed"]


def test_connection_dropped_before_the_final_dot_is_not_sent(tmp_path):
    # Larger than the socket buffers on both sides, so the client is still sending at the drop.
    with fault_server(drop_mid_data) as port:
        result, log = _send(tmp_path, port, pdf_size=6_000_000)
    line = refused(result, 12)
    assert "not sent" in line
    assert "may have" not in line
    assert [(entry.outcome, entry.accepted) for entry in log] == [("failed", ())]


def test_connection_dropped_after_the_final_dot_may_have_delivered(tmp_path):
    with fault_server(drop_after_data) as port:
        result, log = _send(tmp_path, port)
    assert "may have reached chief@example.org" in refused(result, 18)
    assert [(entry.outcome, entry.unconfirmed) for entry in log] == [
        ("uncertain", ("chief@example.org",))
    ]


# ---------------------------------------------------------------- items 4, 5, 15: the output


def _build_json(tmp_path: Path, output: Path):
    write(tmp_path / "in", "a.txt", SAMPLE_TEXT)
    return briefer("build", "in", "-f", "json", "-o", output, cwd=tmp_path)


def _odd_outputs(tmp_path: Path) -> list[tuple[str, Path]]:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    stdout_link = tmp_path / "stdout.json"
    stdout_link.symlink_to("/proc/self/fd/1")
    odd = [("FIFO", fifo), ("symbolic link", stdout_link)]
    if os.geteuid() == 0:  # only root can make a device node
        device = tmp_path / "null.json"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        odd.append(("device", device))
    return odd


def test_outputs_that_are_not_regular_files_are_refused_untouched(tmp_path):
    for kind, target in _odd_outputs(tmp_path):
        before = target.lstat()
        line = refused(_build_json(tmp_path, target), 4)
        assert str(target) in line, kind
        after = target.lstat()
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), kind


def test_dry_run_eml_is_not_written_through_a_symlink(tmp_path):
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + os.urandom(100))
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "brief.eml").symlink_to(victim)
    args = ("send", pdf, "--to", "chief@example.org", "--from", "desk@example.org", "--dry-run")
    assert "symbolic link" in refused(briefer(*args, cwd=tmp_path), 4)
    assert (tmp_path / "brief.eml").is_symlink()
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def _with_umask(mask: int) -> Callable[[], None]:
    def setup() -> None:
        _limit_memory()
        os.umask(mask)

    return setup


def test_output_mode_follows_the_umask(tmp_path):
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + os.urandom(100))
    pdf.chmod(0o600)
    args = ("send", pdf, "--to", "chief@example.org", "--from", "desk@example.org", "--dry-run")
    result = subprocess.run(
        [sys.executable, "-m", "briefer", "-q", *map(str, args)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_with_umask(0o077),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "brief.eml").stat().st_mode) == 0o600


def test_a_rewritten_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path):
    from briefer.files import write_atomic

    saved = os.umask(0o027)
    try:
        fresh = write_atomic(b"new", tmp_path / "fresh.bin")
        kept = tmp_path / "kept.bin"
        kept.write_bytes(b"old")
        kept.chmod(0o600)
        write_atomic(b"new", kept)
    finally:
        os.umask(saved)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept.read_bytes() == b"new"


STUCK_WRITER = """
import os, sys, time
import briefer.files
os.replace = lambda *args: time.sleep(600)  # stop between the write and the rename
briefer.files.write_atomic(b"half", __import__("pathlib").Path(sys.argv[1]))
"""


def _stuck_writer(target: Path) -> subprocess.Popen[bytes]:
    """A real writer stopped between writing its temporary file and renaming it."""
    child = subprocess.Popen(
        [sys.executable, "-c", STUCK_WRITER, str(target)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    for _ in range(600):
        if list(target.parent.glob(f".{target.name}.{child.pid}.*.part")):
            return child
        time.sleep(0.05)
    child.kill()
    raise AssertionError("the writer never wrote its temporary file")


def test_leftover_of_a_killed_write_is_removed_by_the_next_write(tmp_path):
    from briefer.files import write_atomic

    target = tmp_path / "brief.pdf"
    killed = _stuck_writer(target)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    running = _stuck_writer(target)
    try:
        write_atomic(b"whole", target)
        left = sorted(p.name for p in tmp_path.glob(".brief.pdf.*.part"))
        assert left == [p.name for p in tmp_path.glob(f".brief.pdf.{running.pid}.*.part")]
        assert len(left) == 1  # the running writer's file is not touched
    finally:
        running.kill()
        running.wait()
    assert target.read_bytes() == b"whole"


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
def test_data_is_flushed_to_disk_before_the_rename(tmp_path):
    script = (
        "import sys, pathlib, briefer.files as f; "
        "f.write_atomic(b'x' * 9999, pathlib.Path(sys.argv[1]))"
    )
    trace = tmp_path / "trace"
    calls = "trace=fsync,fdatasync,rename,renameat,renameat2"
    result = subprocess.run(
        [
            "strace",
            "-f",
            "-o",
            str(trace),
            "-e",
            calls,
            sys.executable,
            "-c",
            script,
            str(tmp_path / "out.bin"),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"strace cannot run here: {result.stderr[-200:]!r}")
    calls = [
        line.split("(")[0].split()[-1] for line in trace.read_text().splitlines() if "(" in line
    ]
    renames = [i for i, call in enumerate(calls) if call.startswith("rename")]
    assert renames, calls
    assert any(call in ("fsync", "fdatasync") for call in calls[: renames[0]]), calls


# ---------------------------------------------------------------- item 8: the delivery log


def test_delivery_log_does_not_follow_a_symlink(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / DELIVERY_LOG).symlink_to(victim)
    with fault_server(drop_after_data) as port:
        result, _ = _send(tmp_path, port)
    refused(result, 18)
    assert "symbolic link" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"


# ---------------------------------------------------------------- item 12: the subject


def test_control_characters_of_a_headline_do_not_reach_the_subject(tmp_path):
    import json

    from pypdf import PdfWriter

    title = "Ferry\x1b[31m link\x00 approved\x07\x7f\x9b now"
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_attachment("briefing.json", json.dumps({"title": title, "sources": []}).encode())
    pdf = tmp_path / "brief.pdf"
    with pdf.open("wb") as handle:
        writer.write(handle)
    args = ("send", pdf, "--to", "chief@example.org", "--from", "desk@example.org", "--dry-run")
    result = briefer(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    message = email.message_from_bytes((tmp_path / "brief.eml").read_bytes(), policy=policy.SMTP)
    subject = str(message["Subject"])
    assert subject.startswith("Ferry [31m link approved now ("), subject
    assert not any(unicodedata.category(c) == "Cc" for c in subject)


# ---------------------------------------------------------------- item 7: sizes and costs


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # Markdown whose every "*" and "[" opens a span that never closes: 80 KB on one line.
        ("stars.md", "Stars without end\n\n" + ("*a [b " * 14_000)[:80_000] + "\n"),
        # 300 KB on one line with no sentence end at all.
        ("words.txt", "Words without end\n\n" + " ".join(f"w{i % 997}" for i in range(60_000))),
    ],
)
def test_long_lines_finish_in_bounded_time_and_memory(tmp_path, name, text):
    write(tmp_path / "in", name, text + "\n\n" + SAMPLE_TEXT)
    result = briefer("build", "in", "-f", "json", "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_twenty_thousand_files_are_refused_at_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(20_000):
        (folder / f"{i:05d}.txt").write_text(f"Item {i} was filed today.\n", encoding="utf-8")
    line = refused(briefer("build", "in", "-f", "json", "-o", "out.json", cwd=tmp_path), 2)
    assert "20000 articles" in line
    assert "limit of 1000" in line


def test_a_file_over_the_size_limit_is_skipped_with_a_warning(tmp_path, briefer_log):
    from briefer.ingest import read_sources

    write(tmp_path, "a.txt", SAMPLE_TEXT)
    write(tmp_path, "huge.txt", "The vote was close. " * 110_000)  # 2.2 MB
    (article,) = read_sources(tmp_path)
    assert article.path.name == "a.txt"
    assert any(
        "huge.txt" in r.getMessage() and "over the limit" in r.getMessage()
        for r in briefer_log.records
    )


def test_too_much_input_in_all_stops_the_build(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):  # sparse files: the size is checked before anything is read
        with (folder / f"{i}.txt").open("wb") as handle:
            handle.truncate(1_900_000)
    line = refused(briefer("build", "in", "-f", "json", "-o", "out.json", cwd=tmp_path), 2)
    assert "over 50.0 MB" in line


def test_a_page_that_takes_too_long_to_extract_is_skipped(tmp_path, briefer_log):
    from briefer.ingest import limits, read_sources

    paragraph = "<p>The harbour council met again on Monday and the ferry question came up.</p>\n"
    write(
        tmp_path, "slow.html", f"<html><body><article>{paragraph * 12_000}</article></body></html>"
    )
    write(tmp_path, "a.txt", SAMPLE_TEXT)
    # The page takes about a second.
    (article,) = read_sources(tmp_path, limits.Limits(html_seconds=0.05))
    assert article.path.name == "a.txt"
    assert any(
        "slow.html" in r.getMessage() and "took over" in r.getMessage() for r in briefer_log.records
    )


# ---------------------------------------------------------------- the limits, from [limits]


def test_limits_come_from_the_config_file(tmp_path):
    from briefer.config import BuildFlags, resolve
    from briefer.ingest.limits import Limits

    config = write(
        tmp_path,
        "briefer.toml",
        '[limits]\ntext_file_size = "1MB"\nhtml_file_size = 300000\ntotal_size = "20 MB"\n'
        "files = 50\nline_length = 2000\nhtml_seconds = 5\n",
    )
    request = resolve(BuildFlags(), config, env={})
    assert request.limits == Limits(1_000_000, 300_000, 20_000_000, 50, 2000, 5.0)
    assert resolve(BuildFlags(), None, env={}).limits == Limits()


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("[limits]\nfiles = 0\n", "[limits] files must be at least 1"),
        ('[limits]\ntext_file_size = "huge"\n', "[limits] text_file_size must be a positive size"),
        ("[limits]\nline_length = 10\n", "[limits] line_length must be at least 100"),
        ("[limits]\nhtml_seconds = 0\n", "[limits] html_seconds must be more than 0"),
        ("[limits]\nfile = 3\n", "[limits] unknown key 'file'; did you mean 'files'?"),
        ("[limts]\nfiles = 3\n", "unknown table [limts]"),
    ],
)
def test_bad_limits_are_one_line_config_errors(tmp_path, table, expected):
    from briefer.config import BuildFlags, resolve
    from briefer.errors import ConfigError

    config = write(tmp_path, "briefer.toml", table)
    with pytest.raises(ConfigError) as caught:
        resolve(BuildFlags(), config, env={})
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_configured_limits_bound_what_is_read(tmp_path, briefer_log):
    from briefer.errors import SourceError
    from briefer.ingest import read_sources
    from briefer.ingest.limits import Limits

    write(tmp_path, "a.txt", SAMPLE_TEXT)
    write(tmp_path, "b.txt", "Words " + "without end " * 400 + "\n")
    with pytest.raises(SourceError, match="over the limit of 1 for one briefing"):
        read_sources(tmp_path, Limits(files=1))
    (article,) = read_sources(tmp_path, Limits(text_file_size=len(SAMPLE_TEXT.encode()) + 1))
    assert article.path.name == "a.txt"
    assert any("b.txt" in r.getMessage() for r in briefer_log.records)
    long = next(
        a for a in read_sources(tmp_path, Limits(line_length=200)) if a.path.name == "b.txt"
    )
    assert max(len(line) for line in long.text.split("\n")) <= 200
    assert max(len(line) for line in read_sources(tmp_path)[1].text.split("\n")) > 200


def test_the_cli_applies_limits_from_briefer_toml(tmp_path):
    write(tmp_path, "in/a.txt", SAMPLE_TEXT)
    write(tmp_path, "in/b.txt", SAMPLE_TEXT)
    write(tmp_path, "briefer.toml", "[limits]\nfiles = 1\n")
    line = refused(briefer("build", "in", "-f", "json", "-o", "out.json", cwd=tmp_path), 2)
    assert "2 articles" in line
    assert "limit of 1 " in line


def test_a_title_that_is_not_utf8_is_a_config_error(tmp_path):
    """Bytes that are not UTF-8 on the command line arrive as surrogates: one line, exit 3."""
    import subprocess
    import sys

    out = tmp_path / "b.json"
    title = b"Bad \xff title".decode("utf-8", "surrogateescape")
    result = subprocess.run(
        [sys.executable, "-m", "briefer", "build", "--title", title, "-f", "json", "-o", str(out)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 3
    assert result.stderr.decode().strip() == "error: --title is not valid UTF-8 text"
    assert not out.exists()
