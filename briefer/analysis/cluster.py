"""Parsing on a Dask cluster the user already runs (`--scheduler dask://HOST:PORT`).

Articles go out in chunks; each task parses its chunk on a worker with the same code as a local
build (`briefer.analysis.nlp.parse_texts`) and sends back the parses in the cache's encoding,
with the identity of the model that made them: a worker whose model or spaCy version differs
from this machine's is refused, so the cache never files one model's parse under another's
name. The workers need briefer and the model installed; `distributed` is an optional extra.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from typing import Any

from briefer.analysis.cache import Entry, decode
from briefer.errors import ConfigError

CHUNK = 16  # articles per task: enough to amortise a round trip, small enough to spread
CONNECT_SECONDS = 10
SCHEMES = ("dask://", "tcp://", "tls://")


def address_of(scheduler: str) -> str:
    """The scheduler address `distributed` expects; ConfigError for anything else."""
    if not scheduler.startswith(SCHEMES) or not scheduler.split("://", 1)[1]:
        raise ConfigError(
            f"--scheduler {scheduler!r} is not a Dask scheduler address; use dask://HOST:PORT"
        )
    return scheduler.replace("dask://", "tcp://", 1)


def parse_on_cluster(
    texts: Sequence[str], ids: Sequence[int], model: str, scheduler: str
) -> Iterator[tuple[int, Entry]]:
    """(id, entry) for each text, chunk by chunk as the cluster delivers them."""
    from briefer.analysis.nlp import model_identity, parse_texts

    client = _connect(scheduler)
    try:
        chunks = [range(s, min(s + CHUNK, len(texts))) for s in range(0, len(texts), CHUNK)]
        futures = {
            client.submit(parse_texts, [texts[k] for k in chunk], model, pure=False): chunk
            for chunk in chunks
        }
        expected = model_identity(model)
        for future in futures:  # in order: all run at once, the first is the first needed
            identity, blobs = _result(future, scheduler)
            if identity != expected:
                raise ConfigError(
                    f"the Dask workers at {scheduler} parse with {identity}, this machine "
                    f"with {expected}: install the same model and spaCy on both"
                )
            for k, blob in zip(futures[future], blobs, strict=True):
                yield ids[k], decode(blob)
    finally:
        client.close()


def _connect(scheduler: str) -> Any:
    address = address_of(scheduler)
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise ConfigError(
            "--scheduler needs Dask's `distributed` package: pip install 'briefer[dask]'"
        ) from None
    try:
        return distributed.Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from None


def _result(future: Any, scheduler: str) -> tuple[str, list[bytes]]:
    """A task's result; a worker that cannot import briefer is a setup problem, said so."""
    try:
        identity, blobs = future.result()
    except (ImportError, AttributeError) as exc:
        raise ConfigError(
            f"the Dask workers at {scheduler} cannot run briefer's parser ({exc}); "
            "install this version of briefer and its model on every worker"
        ) from None
    return str(identity), list(blobs)
