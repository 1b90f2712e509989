"""Settings: the TOML file checked key by key, flags over environment over file over defaults,
and the one-call Python API (`config.resolve` + `pipeline.build` / `build_and_send`)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from conftest import SAMPLES, write
from mail_support import Recorder, attachment_bytes, free_port, smtp_server
from typer.testing import CliRunner

from briefer.analysis import DEFAULT_MODEL
from briefer.cli import app
from briefer.config import (
    BuildFlags,
    BuildRequest,
    EmailFlags,
    SendFlags,
    load,
    resolve,
    resolve_send,
)
from briefer.errors import ConfigError, MailError
from briefer.mail import DELIVERY_LOG, read_deliveries
from briefer.sections import BuildOptions


@pytest.fixture(autouse=True)
def _no_stray_settings(monkeypatch, tmp_path):
    """No ./briefer.toml and no BRIEFER_* variables from the machine running the tests."""
    for name in (
        "MODEL",
        "DEBUG",
        "SMTP_HOST",
        "SMTP_PORT",
        "SMTP_SECURITY",
        "SMTP_USER",
        "SMTP_TIMEOUT",
        "SMTP_PASSWORD",
    ):
        monkeypatch.delenv(f"BRIEFER_{name}", raising=False)
    monkeypatch.chdir(tmp_path)
    logger = logging.getLogger("briefer")
    saved = (list(logger.handlers), logger.level, logger.propagate)
    yield
    logger.handlers[:] = saved[0]
    logger.setLevel(saved[1])
    logger.propagate = saved[2]


def config_file(folder: Path, text: str) -> Path:
    """A config in a subfolder of the current folder (`folder`), named as a user would name
    it, so messages must show its path as given, not just its name."""
    write(folder / "conf", "briefer.toml", text)
    return Path("conf", "briefer.toml")


def error_line(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["-q", *(str(a) for a in args)])
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert result.stdout == ""
    return result.exit_code, lines[0]


# ---------------------------------------------------------------- the file, checked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[biuld]\nmarking = "SECRET - internal"\n',
            "conf/briefer.toml: unknown table [biuld] (known: build, email, limits, smtp)",
        ),
        ('[smpt]\nhost = "mail.example.org"\n', "conf/briefer.toml: unknown table [smpt]"),
        ('[emial]\nto = "a@example.org"\n', "conf/briefer.toml: unknown table [emial]"),
        (
            'marking = "SECRET - internal"\n',
            "conf/briefer.toml: unknown key 'marking' outside any table; it belongs in [build]",
        ),
        (
            '[build]\nmarking2 = "x"\n',
            "conf/briefer.toml: [build] unknown key 'marking2'; did you mean 'marking'?",
        ),
        ('[smtp]\nhots = "x"\n', "conf/briefer.toml: [smtp] unknown key 'hots'"),
        ('[email]\nreply_to = "x@example.org"\n', "conf/briefer.toml: [email] unknown key"),
        (
            '[build]\ntimeline_size = "ten"\n',
            'conf/briefer.toml: [build] timeline_size must be a whole number, not "ten"',
        ),
        ("[build]\ntimeline_size = true\n", "[build] timeline_size must be a number, not true"),
        ("[build]\nbackground_size = 0\n", "[build] background_size must be at least 1, not 0"),
        ("[build]\npaper = 4\n", "conf/briefer.toml: [build] paper must be a string, not 4"),
        ('[build]\npaper = "a5"\n', '[build] paper must be one of: a4, letter, not "a5"'),
        ("[build]\nsections = [1, 2]\n", "[build] sections must be a list of section names"),
        ('[smtp]\nport = "smtp"\n', '[smtp] port must be a whole number, not "smtp"'),
        ("[smtp]\nport = 70000\n", "[smtp] port must be at most 65535, not 70000"),
        ("[smtp]\ntimeout = nan\n", "[smtp] timeout must be a finite number"),
        ('[smtp]\nsecurity = "tls"\n', "[smtp] security must be one of 'starttls', 'ssl' or"),
        ('[smtp]\nca_file = "missing.pem"\n', "[smtp] ca_file names a file that is not found"),
        ("[email]\nto = 5\n", "[email] to must be a string or a list of strings, not 5"),
        ('[email]\nto = "nobody@"\n', "[email] to must hold e-mail addresses: 'nobody@' is"),
        ('[email]\nmax_size = "lots"\n', "[email] max_size must be a positive size such as"),
        ('email = "x"\n', "conf/briefer.toml: [email] must be a table"),
    ],
)
def test_the_file_is_checked_key_by_key(tmp_path, text, expected):
    """Each mistake is one line naming the file, the table and the key; exit 3, before work."""
    config = config_file(tmp_path, text)
    code, line = error_line("build", "no-sources", "-o", tmp_path / "o.pdf", "--config", config)
    assert code == ConfigError.exit_code
    assert line.startswith("error: conf/briefer.toml: "), line
    assert expected in line
    assert not (tmp_path / "o.pdf").exists()


def test_send_checks_the_file_the_same_way(tmp_path):
    config = config_file(tmp_path, '[smpt]\nhost = "127.0.0.1"\n')
    code, line = error_line("send", tmp_path / "missing.pdf", "--config", config)
    assert (code, line) == (
        3,
        "error: conf/briefer.toml: unknown table [smpt] (known: build, email, limits, smtp)",
    )


def test_a_password_in_the_file_is_refused_without_showing_it(tmp_path):
    config = config_file(tmp_path, '[smtp]\npassword = "hunter2"\n')
    with pytest.raises(ConfigError) as caught:
        load(config, {})
    assert "BRIEFER_SMTP_PASSWORD" in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_a_bad_environment_value_names_the_variable(tmp_path):
    config = config_file(tmp_path, "[smtp]\nport = 25\n")
    with pytest.raises(ConfigError, match=r'^BRIEFER_SMTP_PORT must be at most 65535, not "99999"'):
        load(config, {"BRIEFER_SMTP_PORT": "99999"})
    with pytest.raises(ConfigError, match="^BRIEFER_SMTP_TIMEOUT must be a finite number"):
        load(config, {"BRIEFER_SMTP_TIMEOUT": "inf"})


def test_several_problems_are_counted(tmp_path):
    config = config_file(tmp_path, "[build]\nfoo = 1\nbar = 2\n")
    with pytest.raises(ConfigError, match=r"and 1 more problem"):
        load(config, {})


# ---------------------------------------------------------------- resolve


def test_defaults_without_file_flags_or_environment():
    request = resolve(BuildFlags(), None, {})
    assert request == BuildRequest()
    assert (request.sources, request.output, request.format) == (Path("sources"), None, "pdf")
    assert (request.sections, request.exclude, request.model) == ((), (), DEFAULT_MODEL)
    assert request.options == BuildOptions()
    assert (request.document.paper, request.document.marking) == ("a4", None)
    assert request.mail is None


def test_the_default_file_is_read_from_the_current_folder(tmp_path):
    write(tmp_path, "briefer.toml", '[build]\nmarking = "Restricted"\ntitle = "T"\n')
    request = resolve(BuildFlags(), None, {})
    assert (request.document.marking, request.title) == ("Restricted", "T")


def test_flags_beat_the_environment_which_beats_the_file(tmp_path):
    config = config_file(
        tmp_path,
        '[build]\nmodel = "from_file"\nmarking = "File"\n'
        'paper = "LETTER"\ntimeline_size = 7\n'
        '[smtp]\nhost = "file.example.org"\nport = 2525\n',
    )
    env = {"BRIEFER_MODEL": "from_env", "BRIEFER_SMTP_HOST": "env.example.org"}
    assert resolve(BuildFlags(), config, {}).model == "from_file"
    assert resolve(BuildFlags(), config, env).model == "from_env"
    assert resolve(BuildFlags(model="from_flag"), config, env).model == "from_flag"

    request = resolve(BuildFlags(marking="Flag", background_size=3), config, env)
    assert (request.document.marking, request.document.paper) == ("Flag", "letter")
    assert request.options == BuildOptions(timeline_size=7, background_size=3)
    assert resolve(BuildFlags(timeline_size=2), config, env).options.timeline_size == 2

    smtp = load(config, env).smtp
    assert (smtp.host, smtp.port) == ("env.example.org", 2525)  # the rest stays from the file


def test_relative_paths_are_read_from_the_config_files_folder(tmp_path):
    (tmp_path / "conf" / "look").mkdir(parents=True)
    write(tmp_path / "conf", "ca.pem", "x")
    config = config_file(
        tmp_path,
        '[build]\ntemplates = "look"\n[smtp]\nca_file = "ca.pem"\n'
        '[email]\nlist = ["team.txt", "/abs/other.txt"]\n',
    )
    folder = config.resolve().parent
    settings = load(config, {})
    assert settings.build.templates == folder / "look"
    assert settings.smtp.ca_file == folder / "ca.pem"
    assert settings.email.lists == (folder / "team.txt", Path("/abs/other.txt"))
    # a flag is relative to where the command runs, as any path on a command line
    assert resolve(BuildFlags(templates=Path("mine")), config, {}).templates == Path("mine")


def test_sections_as_a_list_or_a_comma_string_and_checked_early(tmp_path):
    config = config_file(tmp_path, '[build]\nsections = "timeline, actors"\nexclude = []\n')
    assert resolve(BuildFlags(), config, {}).sections == ("timeline", "actors")
    assert resolve(BuildFlags(sections=("sources",)), config, {}).sections == ("sources",)
    with pytest.raises(ConfigError, match="unknown section 'actorz'"):
        resolve(BuildFlags(exclude=("actorz",)), config, {})
    typo = config_file(tmp_path, '[build]\nsections = ["timelien"]\n')
    with pytest.raises(ConfigError, match="timelien"):
        resolve(BuildFlags(), typo, {})


def test_mail_settings_from_file_then_environment_then_flags(tmp_path):
    write(tmp_path / "conf", "team.txt", "team@example.org\n")
    config = config_file(
        tmp_path,
        '[smtp]\nhost = "mail.example.org"\nsecurity = "SSL"\n'
        'user = "me"\ntimeout = 12\nretries = 1\nretry_delay = 0.5\n'
        '[email]\nfrom = "Desk <desk@example.org>"\n'
        'to = ["a@example.org", "b@example.org; c@example.org"]\n'
        'cc = "\\"Doe, Jane\\" <jane@example.org>"\nlist = "team.txt"\n'
        'subject = "Daily"\nmax_size = "2MB"\n',
    )
    plain = resolve_send(SendFlags(Path("b.pdf")), config, {}).mail.settings
    assert (plain.smtp.host, plain.smtp.security, plain.smtp.effective_port) == (
        "mail.example.org",
        "ssl",
        465,
    )
    assert (plain.smtp.timeout, plain.smtp.retries, plain.smtp.retry_delay) == (12.0, 1, 0.5)
    assert plain.email.to == ("a@example.org", "b@example.org", "c@example.org")
    assert plain.email.cc == ('"Doe, Jane" <jane@example.org>',)
    assert plain.email.lists == (config.resolve().parent / "team.txt",)
    assert (plain.email.sender, plain.email.subject, plain.email.max_size) == (
        "Desk <desk@example.org>",
        "Daily",
        2_000_000,
    )

    env = {
        "BRIEFER_SMTP_HOST": "relay.local",
        "BRIEFER_SMTP_PORT": "587",
        "BRIEFER_SMTP_SECURITY": "STARTTLS",
        "BRIEFER_SMTP_TIMEOUT": "3.5",
    }
    flags = EmailFlags(
        to=("x@example.org, y@example.org",), subject="Flash", dry_run=True, sender="y@example.org"
    )
    request = resolve_send(SendFlags(Path("b.pdf"), flags), config, env)
    mail = request.mail.settings
    assert (mail.smtp.host, mail.smtp.port, mail.smtp.security, mail.smtp.timeout) == (
        "relay.local",
        587,
        "starttls",
        3.5,
    )
    # a recipient flag replaces every configured recipient, lists included
    assert (mail.email.to, mail.email.cc, mail.email.lists) == (
        ("x@example.org", "y@example.org"),
        (),
        (),
    )
    assert (mail.email.subject, mail.email.sender) == ("Flash", "y@example.org")
    assert request.mail.dry_run


def test_email_problems_fail_in_resolve_before_any_build(tmp_path):
    config = config_file(tmp_path, '[email]\nfrom = "desk@example.org"\n')
    with pytest.raises(MailError, match="no recipients"):
        resolve(BuildFlags(email=True), config, {})
    with pytest.raises(MailError, match="--to address: 'nobody@' is not a valid e-mail"):
        resolve(BuildFlags(email=True, mail=EmailFlags(to=("nobody@",))), config, {})
    to = EmailFlags(to=("a@example.org",))
    with pytest.raises(ConfigError, match="no SMTP host"):
        resolve(BuildFlags(email=True, mail=to), config, {})
    dry = EmailFlags(to=("a@example.org",), dry_run=True)
    assert resolve(BuildFlags(email=True, mail=dry), config, {}).mail is not None
    with pytest.raises(ConfigError, match="need --email"):
        resolve(BuildFlags(mail=dry), config, {})
    with pytest.raises(ConfigError, match="--email sends a PDF"):
        resolve(BuildFlags(email=True, mail=dry, format="json"), config, {})


# ---------------------------------------------------------------- a key changes the build


def test_a_key_in_the_file_changes_the_build_and_a_misspelt_table_stops_it(tmp_path):
    """Issue 12 #9: `[biuld]` used to be ignored, exit 0, and the marking was missing."""
    out = tmp_path / "b.html"
    args = ["build", str(SAMPLES), "-o", str(out), "-f", "html", "-s", "sources"]
    good = config_file(
        tmp_path, '[build]\nmarking = "SECRET - internal"\ntitle = "Told by the file"\n'
    )
    result = CliRunner().invoke(app, ["-q", *args, "--config", str(good)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "SECRET - internal" in page
    assert "<title>Told by the file</title>" in page

    result = CliRunner().invoke(app, ["-q", *args, "--config", str(good), "--title", "Flag"])
    assert result.exit_code == 0, result.output
    assert "<title>Flag</title>" in out.read_text(encoding="utf-8")

    out.unlink()
    misspelt = config_file(tmp_path, '[biuld]\nmarking = "SECRET - internal"\n')
    code, line = error_line(*args, "--config", misspelt)
    assert (code, line) == (
        3,
        "error: conf/briefer.toml: unknown table [biuld] (known: build, email, limits, smtp)",
    )
    assert not out.exists()


# ---------------------------------------------------------------- one call from Python


def test_python_builds_json_in_one_call(tmp_path):
    from briefer.pipeline import build

    out = tmp_path / "b.json"
    flags = BuildFlags(
        sources=SAMPLES, output=out, format="json", sections=("sources",), title="From Python"
    )
    assert build(resolve(flags, None, {})) == out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["title"], data["sections"]) == ("From Python", ["sources"])


def test_python_builds_and_sends_in_one_call(tmp_path):
    from briefer.pipeline import build_and_send, send

    handler = Recorder()
    out = tmp_path / "out" / "b.pdf"
    with smtp_server(handler) as port:
        config = config_file(
            tmp_path,
            f'[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
            'security = "none"\ntimeout = 5\n'
            '[email]\nfrom = "desk@example.org"\nto = "chief@example.org"\n'
            '[build]\nsections = ["key_points", "sources"]\n',
        )
        flags = BuildFlags(
            sources=SAMPLES, output=out, email=True, mail=EmailFlags(subject="From Python")
        )
        seen: list[Path] = []
        path, report = build_and_send(resolve(flags, config, {}), built=seen.append)
        again = send(resolve_send(SendFlags(path), config, {}))
    assert path == out
    assert seen == [out]  # told before sending, so a caller can show it whatever happens next
    assert report.result is not None
    assert report.result.outcome == "delivered"
    assert [m.rcpt_tos for m in handler.messages] == [["chief@example.org"]] * 2
    parsed = handler.messages[0].parsed()
    assert parsed["Subject"] == "From Python"
    assert parsed["Message-ID"] == report.message.message_id
    assert attachment_bytes(parsed)[2] == out.read_bytes()
    assert again.message.message_id != report.message.message_id
    assert [r.outcome for r in read_deliveries(out.parent / DELIVERY_LOG)] == ["delivered"] * 2


def test_build_and_send_refuses_a_request_without_mail(tmp_path):
    from briefer.pipeline import build_and_send

    with pytest.raises(ConfigError, match="e-mail part"):
        build_and_send(BuildRequest(sources=SAMPLES, output=tmp_path / "b.pdf"))
    assert not (tmp_path / "b.pdf").exists()


def test_a_send_failure_after_the_build_keeps_the_pdf_and_its_path_on_stdout(tmp_path):
    out = tmp_path / "b.pdf"
    config = config_file(
        tmp_path,
        f'[smtp]\nhost = "127.0.0.1"\nport = {free_port()}\n'
        'security = "none"\ntimeout = 2\n'
        '[email]\nfrom = "desk@example.org"\nto = "chief@example.org"\n',
    )
    result = CliRunner().invoke(
        app,
        [
            "-q",
            "build",
            str(SAMPLES),
            "-o",
            str(out),
            "-s",
            "sources",
            "--config",
            str(config),
            "--email",
        ],
    )
    assert result.exit_code == 12, result.output
    assert result.stdout.strip() == str(out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert result.stderr.startswith("error: connection to the SMTP server")
