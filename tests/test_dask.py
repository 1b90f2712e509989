"""Parsing on a real Dask cluster (a LocalCluster of two worker processes on 127.0.0.1)."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from conftest import SAMPLES, write
from typer.testing import CliRunner

from briefer.cli import app

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    """dask://… of a cluster whose workers are separate processes, as on a real cluster."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address.replace("tcp://", "dask://")


@pytest.fixture
def sources(tmp_path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(SAMPLES, target)
    write(
        target, "extra.txt", "The council met on Monday.\n\nIt approved the plan, Ana Ruiz said.\n"
    )
    return target


def build(*args: str | Path):
    result = CliRunner().invoke(app, ["build", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def test_the_cluster_builds_the_same_json_as_this_machine(sources, tmp_path, scheduler):
    local = tmp_path / "local.json"
    remote = tmp_path / "remote.json"
    build(sources, "-f", "json", "-o", local, "--no-cache")
    done = build(sources, "-f", "json", "-o", remote, "--no-cache", "--scheduler", scheduler)
    assert f"parsed 3 of 3 article(s), 0 from the cache, on {scheduler}" in done.stderr
    assert remote.read_bytes() == local.read_bytes()


def test_cluster_parses_fill_the_cache(sources, tmp_path, scheduler, monkeypatch):
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "cache"))
    build(sources, "-f", "json", "-o", tmp_path / "a.json", "--scheduler", scheduler)
    again = build(sources, "-f", "json", "-o", tmp_path / "b.json")
    assert "parsed 0 of 3 article(s), 3 from the cache" in again.stderr
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_the_scheduler_from_the_config_file(tmp_path):
    from briefer.config import BuildFlags, resolve

    config = write(tmp_path, "briefer.toml", '[build]\nscheduler = "dask://10.0.0.5:8786"\n')
    assert resolve(BuildFlags(), config, {}).scheduler == "dask://10.0.0.5:8786"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("http://example.org", "not a Dask scheduler address"),
        ("dask://", "not a Dask scheduler address"),
        (None, "cannot reach the Dask scheduler"),
    ],
)
def test_a_bad_scheduler_is_one_line(sources, tmp_path, address, expected):
    address = address or f"dask://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(
        app, ["-q", "build", str(sources), "-o", str(tmp_path / "a.json"), "--scheduler", address]
    )
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("error: ")
    assert expected in result.stderr
    assert len(result.stderr.splitlines()) == 1
