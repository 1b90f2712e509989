"""What a long build shows while it works: stages, and a count of articles where there is one.

`Progress` itself shows nothing: the log lines ("briefer: read 3 article(s) …") carry a build's
story when stderr is a file or a pipe, and `-q` silences both. `Bar` draws a Rich progress bar
on a terminal, with the log lines printed above it. Rich is imported only when a bar is drawn.
"""

from __future__ import annotations

import logging
from types import TracebackType
from typing import IO, Any

log = logging.getLogger("briefer")


class Progress:
    """The interface the pipeline reports to; this one ignores every report."""

    def stage(self, name: str, total: int | None = None) -> None:
        """A new stage begins: `total` steps, or an unknown number when None."""

    def advance(self, steps: int = 1) -> None:
        """`steps` more of the current stage are done."""

    def close(self) -> None:
        """The build is over (or failed): stop drawing."""

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class Bar(Progress):
    """A Rich progress bar on `stream` (a terminal); the "briefer" log lines print above it."""

    def __init__(self, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self.console = Console(file=stream, stderr=True)
        self.bar = RichProgress(
            SpinnerColumn(),
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task: Any = None
        self._handler = _ConsoleHandler(self.console)
        self._saved: list[logging.Handler] = []

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is None:
            self._saved = list(log.handlers)
            log.handlers[:] = [self._handler]
            self.bar.start()
        else:  # draw the stage finished, however fast it went, then make way for the next
            self.bar.update(self.task, completed=self.bar.tasks[-1].total or 1)
            self.bar.refresh()
            self.bar.update(self.task, visible=False)
        self.task = self.bar.add_task(name, total=total)

    def advance(self, steps: int = 1) -> None:
        if self.task is not None:
            self.bar.advance(self.task, steps)

    def close(self) -> None:
        if self.task is not None:
            self.bar.stop()
            log.handlers[:] = self._saved
            self.task = None


class _ConsoleHandler(logging.Handler):
    """Log lines through the console, so they scroll above the bar instead of through it."""

    def __init__(self, console: Any) -> None:
        super().__init__()
        self.console = console
        self.setFormatter(logging.Formatter("briefer: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.console.print(self.format(record), markup=False, highlight=False)
        except Exception:  # logging must never break the build
            self.handleError(record)
