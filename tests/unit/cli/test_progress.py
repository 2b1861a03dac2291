"""One rate/ETA meter for every front end, the terminal progress line that shows it, and drain()."""

from __future__ import annotations

import io

import pytest

from sakura_sorter.cli.common import ProgressLine
from sakura_sorter.jobs import ClassifyStep, Notice
from sakura_sorter.jobs.events import PREPARING
from sakura_sorter.progress import RateMeter, drain, format_duration


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rate_excludes_start_up_and_eta_follows() -> None:
    clock = iter([100.0, 102.0, 104.0])  # first batch arrives after start-up; then 16 photos per 2 s
    meter = RateMeter(clock=lambda: next(clock))
    meter.update(16, 64)
    assert meter.rate is None and meter.eta is None
    meter.update(32, 64)
    assert meter.rate == pytest.approx(8.0) and meter.eta == pytest.approx(4.0)
    meter.update(48, 64)
    assert meter.eta == pytest.approx(2.0)


def test_progress_line_shows_the_meter_on_a_terminal() -> None:
    out = FakeTerminal()
    line = ProgressLine(out)
    line.update(Notice("Loading…"))  # notices are for the window; the terminal line waits for counts
    line.update(ClassifyStep([], 16, 64, None, None))
    line._last_draw = 0.0
    line.update(ClassifyStep([], 32, 64, 8.0, 4.0))
    line.close()
    assert not out.getvalue().startswith("Loading")
    frames = out.getvalue().split("\r")[1:]
    assert frames[0].startswith("Classifying 16/64") and "-.- photos/s" in frames[0] and "--:--" in frames[0]
    assert "32/64" in frames[1] and "8.0 photos/s" in frames[1] and "ETA 00:04" in frames[1]
    assert out.getvalue().endswith("\n")


def test_a_long_wait_before_the_first_batch_is_said_on_its_own_line() -> None:
    out = FakeTerminal()
    line = ProgressLine(out)
    line.update(Notice("Preparing the model for this computer…", PREPARING))
    line.update(ClassifyStep([], 16, 64, None, None))
    line.close()
    head, frame = out.getvalue().split("\r", 1)
    assert head == "Preparing the model for this computer…\n" and frame.startswith("Classifying 16/64")


def test_silent_when_not_a_terminal() -> None:
    out = io.StringIO()
    line = ProgressLine(out)
    line.update(ClassifyStep([], 1, 2, None, None))
    line.close()
    assert out.getvalue() == ""


def test_drain_passes_steps_and_returns_the_result() -> None:
    def job():  # type: ignore[no-untyped-def]
        yield 1
        yield 2
        return "done"

    seen: list[int] = []
    assert drain(job(), seen.append) == "done"
    assert seen == [1, 2]


def test_format_duration() -> None:
    assert format_duration(59.6) == "01:00"
    assert format_duration(3725) == "1:02:05"
