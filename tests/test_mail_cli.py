"""`briefer send` and `briefer build --email` through the real CLI, against aiosmtpd."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from mail_support import (
    PASSWORD,
    USER,
    Recorder,
    attachment_bytes,
    check_login,
    free_port,
    silent_server,
    smtp_server,
)
from typer.testing import CliRunner

from briefer.cli import app
from briefer.mail import DELIVERY_LOG, read_deliveries

ROOT = Path(__file__).resolve().parent.parent
AUTH_WITHOUT_TLS = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No SMTP settings or password from the machine running the tests; no ./briefer.toml."""
    for name in ("HOST", "PORT", "SECURITY", "USER", "TIMEOUT", "PASSWORD"):
        monkeypatch.delenv(f"BRIEFER_SMTP_{name}", raising=False)
    monkeypatch.delenv("BRIEFER_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def pdf(sample_pdf, tmp_path) -> Path:
    target = tmp_path / "out" / "briefing.pdf"
    target.parent.mkdir()
    shutil.copy(sample_pdf, target)
    return target


def write_config(
    folder: Path, port: int, smtp: str = "", email: str = "", timeout: float = 5
) -> Path:
    path = folder / "briefer.toml"
    path.write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\ntimeout = {timeout}\n'
        f"retry_delay = 0.01\n{smtp}\n"
        f'[email]\nfrom = "Briefing Desk <desk@example.org>"\nto = ["chief@example.org"]\n{email}',
        encoding="utf-8",
    )
    return path


def run(*args: str, env: dict[str, str] | None = None):  # click's Result
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def one_error_line(result, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return errors[0]


def test_send_delivers_and_prints_the_message_id(pdf, tmp_path):
    handler = Recorder()
    with smtp_server(handler) as port:
        config = write_config(tmp_path, port, email='cc = "deputy@example.org"\n')
        result = run("send", pdf, "--config", config)
    assert result.exit_code == 0, result.stderr
    [received] = handler.messages
    parsed = received.parsed()
    assert result.stdout.strip() == parsed["Message-ID"]
    assert received.rcpt_tos == ["chief@example.org", "deputy@example.org"]
    assert attachment_bytes(parsed) == ("application/pdf", "briefing.pdf", pdf.read_bytes())
    assert "delivered to chief@example.org, deputy@example.org" in result.stderr
    [record] = read_deliveries(pdf.parent / DELIVERY_LOG)
    assert record.pdf_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert record.outcome == "delivered"


def test_flags_replace_configured_recipients_and_lists_are_read(pdf, tmp_path):
    team = tmp_path / "team.txt"
    team.write_text("# the desk\nann@example.org  # editor\nbcc: boss@example.org\n")
    handler = Recorder()
    with smtp_server(handler) as port:
        config = write_config(tmp_path, port)
        result = run(
            "send",
            pdf,
            "--config",
            config,
            "--to",
            "x@example.org,y@example.org",
            "--list",
            team,
            "--subject",
            "Morning brief – Zürich",
            "--from",
            "Ops <ops@example.org>",
        )
    assert result.exit_code == 0, result.stderr
    [received] = handler.messages
    assert received.rcpt_tos == [
        "x@example.org",
        "y@example.org",
        "ann@example.org",
        "boss@example.org",
    ]
    parsed = received.parsed()
    assert parsed["Subject"] == "Morning brief – Zürich"
    assert parsed["From"].addresses[0].addr_spec == "ops@example.org"
    assert "boss@example.org" not in received.data.decode("ascii")  # Bcc stays hidden


def test_environment_overrides_the_config_file(pdf, tmp_path):
    handler = Recorder()
    with smtp_server(handler) as port:
        config = write_config(tmp_path, free_port(), smtp="")  # the file names a dead port
        env = {
            "BRIEFER_SMTP_HOST": "127.0.0.1",
            "BRIEFER_SMTP_PORT": str(port),
            "BRIEFER_SMTP_SECURITY": "none",
            "BRIEFER_SMTP_TIMEOUT": "4",
        }
        result = run("send", pdf, "--config", config, env=env)
    assert result.exit_code == 0, result.stderr
    assert len(handler.messages) == 1


def test_a_refused_recipient_exits_16_and_keeps_the_pdf(pdf, tmp_path):
    before = pdf.read_bytes()
    handler = Recorder(refuse={"ghost@example.org"})
    with smtp_server(handler) as port:
        config = write_config(tmp_path, port)
        result = run(
            "send", pdf, "--config", config, "--to", "a@example.org", "--to", "ghost@example.org"
        )
    line = one_error_line(result, 16)
    assert "ghost@example.org (550" in line
    assert "delivered to a@example.org" in line
    assert [m.rcpt_tos for m in handler.messages] == [["a@example.org"]]
    assert pdf.read_bytes() == before


def test_a_server_that_is_down_exits_12(pdf, tmp_path):
    config = write_config(tmp_path, free_port())
    line = one_error_line(run("send", pdf, "--config", config), 12)
    assert "refused" in line
    assert pdf.is_file()


def test_a_server_that_hangs_exits_13(pdf, tmp_path):
    with silent_server() as listener:
        config = write_config(tmp_path, listener.getsockname()[1], timeout=0.3)
        line = one_error_line(run("send", pdf, "--config", config), 13)
    assert "did not answer" in line


def test_an_oversize_message_exits_11_before_connecting(pdf, tmp_path):
    config = write_config(tmp_path, free_port(), email='max_size = "50kB"\n')  # dead port
    line = one_error_line(run("send", pdf, "--config", config), 11)
    assert "over the limit" in line
    assert not (pdf.parent / DELIVERY_LOG).exists()  # it never tried


@pytest.mark.parametrize(
    "flags",
    [
        ["--subject", "Hi\r\nBcc: everyone@example.org"],
        ["--from", "Desk\n <desk@example.org>"],
        ["--to", "Eve <eve@example.org>\r\nX-Evil: 1"],
    ],
)
def test_hostile_header_values_exit_10_and_send_nothing(pdf, tmp_path, flags):
    handler = Recorder()
    with smtp_server(handler) as port:
        config = write_config(tmp_path, port)
        line = one_error_line(run("send", pdf, "--config", config, *flags), 10)
    assert "line break" in line
    assert handler.messages == []


def test_invalid_addresses_exit_10(pdf, tmp_path):
    config = write_config(tmp_path, free_port())
    line = one_error_line(run("send", pdf, "--config", config, "--to", "nobody@"), 10)
    assert "not a valid e-mail address" in line


def test_dry_run_writes_the_eml_and_needs_no_server(pdf, tmp_path):
    config = tmp_path / "briefer.toml"
    config.write_text('[email]\nfrom = "desk@example.org"\n')
    result = run("send", pdf, "--config", config, "--to", "a@example.org", "--dry-run")
    assert result.exit_code == 0, result.stderr
    eml = Path(result.stdout.strip())
    assert eml == pdf.with_suffix(".eml")
    from email import message_from_bytes, policy

    parsed = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert attachment_bytes(parsed)[2] == pdf.read_bytes()
    assert not (pdf.parent / DELIVERY_LOG).exists()


def test_missing_pdf_and_missing_host(tmp_path, pdf):
    config = tmp_path / "briefer.toml"
    config.write_text('[email]\nfrom = "desk@example.org"\nto = "a@example.org"\n')
    missing = run("send", tmp_path / "no.pdf", "--config", config)
    assert "PDF not found" in one_error_line(missing, 2)
    assert "no SMTP host" in one_error_line(run("send", pdf, "--config", config), 3)


@AUTH_WITHOUT_TLS
def test_login_password_comes_from_the_environment_and_is_never_shown(pdf, tmp_path):
    handler = Recorder()
    with smtp_server(
        handler, authenticator=check_login, auth_required=True, auth_require_tls=False
    ) as port:
        config = write_config(tmp_path, port, smtp=f'user = "{USER}"')
        wrong = "not-the-Pässword-123"
        bad = run("send", pdf, "--config", config, env={"BRIEFER_SMTP_PASSWORD": wrong})
        good = run("send", pdf, "--config", config, env={"BRIEFER_SMTP_PASSWORD": PASSWORD})
        without = run("send", pdf, "--config", config)  # no variable, no terminal
    assert "refused the login" in one_error_line(bad, 15)
    assert good.exit_code == 0, good.stderr
    assert "BRIEFER_SMTP_PASSWORD" in one_error_line(without, 15)
    assert len(handler.messages) == 1
    assert handler.messages[0].authenticated
    log = (pdf.parent / DELIVERY_LOG).read_text(encoding="utf-8")
    for result in (bad, good, without):
        for secret in (wrong, PASSWORD):
            assert secret not in result.stdout
            assert secret not in result.stderr
            assert secret not in log


def test_password_is_not_an_option(pdf, tmp_path):
    result = run("send", pdf, "--password", "hunter2")
    assert result.exit_code == 2
    assert "hunter2" not in result.stdout


def test_send_help_lists_the_shared_options():
    for command in ("send", "build"):
        result = run(command, "--help")
        for option in ("--to", "--cc", "--bcc", "--list", "--subject", "--from", "--dry-run"):
            assert option in result.stdout


def test_build_email_refuses_bad_input_before_building(tmp_path):
    sources = tmp_path / "none"  # no sources: the address error must come first
    output = tmp_path / "b.pdf"
    result = run(
        "build",
        sources,
        "-o",
        output,
        "--email",
        "--to",
        "bad address",
        "--from",
        "desk@example.org",
    )
    assert "not a valid e-mail address" in one_error_line(result, 10)
    result = run(
        "build",
        sources,
        "-o",
        output,
        "--email",
        "--format",
        "html",
        "--to",
        "a@example.org",
        "--from",
        "desk@example.org",
    )
    assert "--email sends a PDF" in one_error_line(result, 3)
    result = run("build", sources, "-o", output, "--to", "a@example.org")  # no --email
    assert "need --email" in one_error_line(result, 3)
    assert not output.exists()


def test_build_email_builds_then_sends(tmp_path):
    handler = Recorder()
    output = tmp_path / "out" / "fresh.pdf"
    with smtp_server(handler) as port:
        config = write_config(tmp_path, port)
        result = run(
            "build",
            ROOT / "sources",
            "-o",
            output,
            "--config",
            config,
            "--email",
            "--subject",
            "Fresh briefing",
        )
    assert result.exit_code == 0, result.stderr
    path_line, message_id = result.stdout.strip().splitlines()
    assert Path(path_line) == output
    [received] = handler.messages
    parsed = received.parsed()
    assert parsed["Message-ID"] == message_id
    assert parsed["Subject"] == "Fresh briefing"
    assert attachment_bytes(parsed)[2] == output.read_bytes()
    assert read_deliveries(output.parent / DELIVERY_LOG)[0].outcome == "delivered"
