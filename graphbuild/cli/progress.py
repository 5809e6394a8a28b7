"""Progress of long commands on stderr: a bar with total, rate and ETA (rich, which Typer
brings) when stderr is a terminal; nothing otherwise, unless ``--progress`` asks for it, and
then a plain line every few seconds, fit for a log."""

from __future__ import annotations

import sys
import time

import typer

PROGRESS_HELP = "Show progress (default: only when stderr is a terminal)."


def progress_option():
    """``--progress/--no-progress``: None (the default) means "when stderr is a terminal"."""
    return typer.Option(None, "--progress/--no-progress", help=PROGRESS_HELP, show_default=False)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Progress:
    """The progress of one command: documents (``tick``), input bytes out of ``total``
    (``advance``) and later phases with their own count (``phase``, ``step``)."""

    EVERY = 2.0                         # seconds between two plain lines

    def __init__(self, what: str, *, total: int | None = None, show: bool | None = None,
                 quiet: bool = False, stream=None):
        self.stream = stream or sys.stderr
        terminal = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.enabled = not quiet and (terminal if show is None else show)
        self.what, self.total = what, total
        self.docs = self.chars = self.bytes = 0
        self.start = self.last = time.perf_counter()
        self.bar = self.task = None
        if self.enabled and terminal:
            self._start_bar()

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, Progress as Bar, TaskProgressColumn, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.bar = Bar(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                       TextColumn("{task.fields[detail]}"), TimeElapsedColumn(), TextColumn("ETA"),
                       TimeRemainingColumn(), console=Console(file=self.stream), transient=False)
        self.bar.start()
        self.task = self.bar.add_task(self.what, total=self.total, detail="")

    # -- counting ---------------------------------------------------------------------
    def tick(self, chars: int) -> None:
        """One more document of ``chars`` characters."""
        self.docs += 1
        self.chars += chars
        self._show()

    def advance(self, nbytes: int) -> None:
        """``nbytes`` more input bytes read."""
        self.bytes += nbytes
        self._show()

    def _show(self) -> None:
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(self.task, completed=self.bytes, detail=self.detail())
            return
        now = time.perf_counter()
        if now - self.last >= self.EVERY:
            self.last = now
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def detail(self) -> str:
        """Bytes of the total, rate, documents: what the bar shows beside itself."""
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        total = f"/{self.total / 1e6:,.1f}" if self.total else ""
        return f"{self.bytes / 1e6:,.1f}{total} MB, {self.bytes / elapsed / 1e6:.2f} MB/s, {self.docs:,} docs"

    def line(self, now: float | None = None) -> str:
        """The plain progress line: documents, bytes of the total, rate, ETA."""
        elapsed = max((now or time.perf_counter()) - self.start, 1e-9)
        rate = self.bytes / elapsed
        parts = [f"{self.what}: {self.docs:,} documents", f"{self.bytes / 1e6:,.1f}"
                 + (f"/{self.total / 1e6:,.1f} MB ({100 * self.bytes / self.total:.0f}%)" if self.total else " MB"),
                 f"{rate / 1e6:.2f} MB/s", f"{self.docs / elapsed:,.0f} docs/s", f"elapsed {_clock(elapsed)}"]
        if self.total and rate > 0:
            parts.append(f"ETA {_clock(max(self.total - self.bytes, 0) / rate)}")
        return ", ".join(parts)

    # -- phases after the reading (the exports of build) ------------------------------------
    def phase(self, name: str, total: int) -> None:
        """Start a phase of ``total`` steps (shown as its own bar, or lines)."""
        if self.enabled and self.bar is None:            # the reading's last line first
            self.stream.write(self.line() + "\n")
        self.phase_name, self.phase_total, self.phase_done = name, total, 0
        self.phase_start = time.perf_counter()
        if self.bar is not None:
            self.task = self.bar.add_task(name, total=total, detail=f"0/{total}")

    def step(self, label: str = "") -> None:
        """One step of the phase done (``label``: what it was)."""
        self.phase_done += 1
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(self.task, completed=self.phase_done, detail=f"{self.phase_done}/{self.phase_total} {label}")
            return
        elapsed = time.perf_counter() - self.phase_start
        eta = elapsed / self.phase_done * (self.phase_total - self.phase_done)
        self.stream.write(f"{self.phase_name}: {self.phase_done}/{self.phase_total} {label} "
                          f"elapsed {_clock(elapsed)}, ETA {_clock(eta)}\n")
        self.stream.flush()

    def done(self) -> None:
        """Stop the bar; a plain run ends with its last line."""
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        elif self.enabled and not hasattr(self, "phase_name"):
            self.stream.write(self.line() + "\n")
            self.stream.flush()


def counted(items, progress: Progress):
    """The raw input items, each one's bytes counted by ``progress`` as it is read."""
    for item in items:
        progress.advance(len(item.data))
        yield item
