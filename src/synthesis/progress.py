"""Progress of long commands: a bar on a terminal, plain lines in a log, nothing when quick.

A bar redraws itself with carriage returns, which fill a log file or a CI log with one
line per update. So :func:`progress` draws a tqdm bar only when the stream is a terminal;
anywhere else it writes a plain line now and then (``ingest: 12/36 files``) and one at the
end. Neither shows anything for work that is over within ``delay`` seconds (an ``ingest``
that finds nothing changed, say), nor for nothing to do.

>>> import io
>>> log = io.StringIO()
>>> with progress(3, "ingest", "file", stream=log, delay=0) as bar:
...     bar.update(3)
>>> log.getvalue()
'ingest: 3/3 files\\n'
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class NoProgress:
    """What :func:`progress` returns when nothing is to be shown."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LineProgress(NoProgress):
    """Progress as whole lines (no carriage return): after ``delay`` seconds, then at most
    every ``interval`` seconds, and a last line at the end when any was written or the work
    took longer than ``delay``.

    >>> import io
    >>> log = io.StringIO()
    >>> bar = LineProgress(36, "ingest", "file", log, delay=60)
    >>> bar.update(36); bar.close()
    >>> log.getvalue()
    ''
    """

    def __init__(self, total: int, desc: str, unit: str, stream: TextIO, *,
                 delay: float = 1.0, interval: float = 10.0, clock=time.monotonic) -> None:
        self.total, self.desc, self.unit, self.stream = total, desc, unit, stream
        self.delay, self.interval, self.clock = delay, interval, clock
        self.started = clock()
        self.done = 0
        self.written_at: float | None = None
        self.closed = False

    def _line(self) -> str:
        unit = self.unit if self.total == 1 else self.unit + "s"
        return f"{self.desc}: {self.done}/{self.total} {unit}\n"

    def update(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if now - self.started < self.delay or self.done >= self.total:
            return  # too early, or the end: close() writes the last line
        if self.written_at is None or now - self.written_at >= self.interval:
            self.stream.write(self._line())
            self.stream.flush()
            self.written_at = now

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.written_at is not None or (self.done and self.clock() - self.started >= self.delay):
            self.stream.write(self._line())
            self.stream.flush()


def is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is an interactive terminal (where a redrawn bar belongs).

    >>> import io
    >>> is_terminal(io.StringIO())
    False
    """
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def progress(total: int, desc: str, unit: str = "item", *, enabled: bool = True,
             stream: TextIO | None = None, delay: float = 1.0):
    """A progress display for ``total`` steps of ``desc`` (``update(n)``, ``close()``, or
    use it as a context manager): a tqdm bar on a terminal, plain lines elsewhere, nothing
    when ``enabled`` is false, ``total`` is 0 or the work ends within ``delay`` seconds.

    >>> import io
    >>> type(progress(0, "ingest", "file", stream=io.StringIO())).__name__
    'NoProgress'
    """
    stream = sys.stderr if stream is None else stream
    if not enabled or total <= 0:
        return NoProgress()
    if is_terminal(stream):
        from tqdm import tqdm

        return tqdm(total=total, desc=desc, unit=unit, file=stream, leave=False, delay=delay,
                    dynamic_ncols=True)
    return LineProgress(total, desc, unit, stream, delay=delay)


class ChangesProgress:
    """Progress over items of which only some need work (an ingest over files most of which
    are unchanged): nothing is shown until an item that needed work is done, so a run that
    finds nothing to do shows no ``ingest 0/36``; from then on every item counts.

    >>> import io
    >>> log = io.StringIO()
    >>> bar = ChangesProgress(progress(36, "ingest", "file", stream=log, delay=0))
    >>> bar.advance(32, changed=0); bar.advance(4, changed=0); bar.close()
    >>> log.getvalue()
    ''
    """

    def __init__(self, bar) -> None:
        self.bar = bar
        self.pending = 0
        self.shown = False

    def advance(self, done: int, changed: int) -> None:
        """``done`` more items, ``changed`` of them needed work."""
        self.pending += done
        if (changed or self.shown) and self.pending:
            self.bar.update(self.pending)
            self.pending, self.shown = 0, True

    def close(self) -> None:
        self.bar.close()
