"""The terminal progress line: count, steady rate and ETA on a terminal, nothing when piped."""

from __future__ import annotations

import io

import pytest

from sakura_sorter.commands import common
from sakura_sorter.commands.common import ProgressLine, format_duration


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rate_excludes_start_up_and_eta_follows(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([100.0, 102.0, 104.0])  # first batch arrives after start-up; then 16 photos per 2 s
    monkeypatch.setattr(common.time, "monotonic", lambda: next(clock))
    out = FakeTerminal()
    line = ProgressLine(out)
    line.update(16, 64)
    line.update(32, 64)
    line.update(48, 64)
    line.close()
    frames = out.getvalue().split("\r")[1:]
    assert frames[0].startswith("Classifying 16/64") and "-.- photos/s" in frames[0] and "--:--" in frames[0]
    assert "32/64" in frames[1] and "8.0 photos/s" in frames[1] and "ETA 00:04" in frames[1]
    assert "48/64" in frames[2] and "ETA 00:02" in frames[2]
    assert out.getvalue().endswith("\n")


def test_silent_when_not_a_terminal() -> None:
    out = io.StringIO()
    line = ProgressLine(out)
    line.update(1, 2)
    line.close()
    assert out.getvalue() == ""


def test_format_duration() -> None:
    assert format_duration(59.6) == "01:00"
    assert format_duration(3725) == "1:02:05"
