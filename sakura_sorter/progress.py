"""One meter for rate and time left, shared by the command line and the window.

The rate is measured from the first batch on, so a one-off start-up (loading the model) does not distort it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import TypeVar

S = TypeVar("S")
R = TypeVar("R")


class RateMeter:
    """Steady items-per-second and seconds left, from the first update on."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._first: tuple[float, int] | None = None
        self.rate: float | None = None
        self.eta: float | None = None

    def update(self, done: int, total: int) -> None:
        """Record that ``done`` of ``total`` items are finished now."""
        now = self._clock()
        if self._first is None:
            self._first = (now, done)
            return
        start, start_done = self._first
        if now > start and done > start_done:
            self.rate = (done - start_done) / (now - start)
            self.eta = max(0.0, (total - done) / self.rate)


def format_duration(seconds: float) -> str:
    """``mm:ss``, or ``h:mm:ss`` from one hour on."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def drain(steps: Generator[S, None, R], on_step: Callable[[S], object] | None = None) -> R:
    """Run a job generator to its end, passing each step to ``on_step``; returns the job's result."""
    while True:
        try:
            step = next(steps)
        except StopIteration as stop:
            result: R = stop.value
            return result
        if on_step is not None:
            on_step(step)
