"""Progress: a bar on a terminal only, plain lines in logs, nothing for quick or empty work."""

from __future__ import annotations

import io

import pytest

from synthesis.progress import LineProgress, NoProgress, progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_log_gets_lines_without_carriage_returns():
    clock, log = Clock(), io.StringIO()
    bar = LineProgress(36, "ingest", "file", log, delay=1.0, interval=10.0, clock=clock)
    for _ in range(36):
        clock.now += 1.0
        bar.update(1)
    bar.close()
    text = log.getvalue()
    assert "\r" not in text
    lines = text.splitlines()
    assert lines[-1] == "ingest: 36/36 files"
    assert 2 <= len(lines) <= 6  # every 10 s, not one per file


def test_progress_quick_work_writes_nothing():
    clock, log = Clock(), io.StringIO()
    bar = LineProgress(36, "ingest", "file", log, delay=1.0, clock=clock)
    bar.update(36)
    clock.now = 0.2
    bar.close()
    assert log.getvalue() == ""


def test_progress_slow_work_gets_a_last_line_even_without_updates():
    clock, log = Clock(), io.StringIO()
    bar = LineProgress(1, "reports", "report", log, delay=1.0, clock=clock)
    clock.now = 5.0
    bar.update(1)
    bar.close()
    bar.close()
    assert log.getvalue() == "reports: 1/1 report\n"


@pytest.mark.parametrize("total, enabled", [(0, True), (36, False)])
def test_progress_nothing_to_show(total, enabled):
    log = FakeTerminal()
    bar = progress(total, "ingest", "file", enabled=enabled, stream=log)
    assert isinstance(bar, NoProgress)
    bar.update(3)
    bar.close()
    assert log.getvalue() == ""


def test_progress_terminal_gets_a_bar_and_a_log_does_not():
    from tqdm import tqdm

    terminal_bar = progress(5, "ingest", "file", stream=FakeTerminal(), delay=0)
    assert isinstance(terminal_bar, tqdm)
    terminal_bar.close()
    assert isinstance(progress(5, "ingest", "file", stream=io.StringIO()), LineProgress)


def test_progress_terminal_bar_waits_before_showing():
    terminal = FakeTerminal()
    with progress(36, "ingest", "file", stream=terminal, delay=30) as bar:
        bar.update(36)
    assert "ingest" not in terminal.getvalue()


def test_progress_doctests():
    import doctest

    import synthesis.progress

    assert doctest.testmod(synthesis.progress).failed == 0


def test_progress_ingest_with_nothing_changed_shows_no_bar_even_when_slow():
    from synthesis.progress import ChangesProgress

    import time

    for stream in (FakeTerminal(), io.StringIO()):
        bar = ChangesProgress(progress(36, "ingest", "file", stream=stream, delay=0.05))
        time.sleep(0.1)  # longer than the delay: still nothing, as nothing needed work
        bar.advance(32, changed=0)
        bar.advance(4, changed=0)
        bar.close()
        assert stream.getvalue() == ""


def test_progress_ingest_counts_every_file_once_one_changed():
    from synthesis.progress import ChangesProgress

    clock, log = Clock(), io.StringIO()
    bar = ChangesProgress(LineProgress(36, "ingest", "file", log, delay=1.0, clock=clock))
    clock.now = 2.0
    bar.advance(32, changed=0)
    bar.advance(4, changed=1)
    bar.close()
    assert log.getvalue() == "ingest: 36/36 files\n"


def test_progress_slow_run_without_work_writes_no_zero_line():
    clock, log = Clock(), io.StringIO()
    bar = LineProgress(36, "ingest", "file", log, delay=1.0, clock=clock)
    clock.now = 30.0
    bar.close()
    assert log.getvalue() == ""
