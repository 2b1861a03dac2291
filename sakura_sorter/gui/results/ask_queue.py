"""Which thumbnail to decode next: what the person looks at now, not what scrolled past a moment ago.

A view asks for the thumbnails of the cells it paints. Dragging the scroll bar through a folder of thousands of
photos paints hundreds of cells for an instant each; decoded first come, first served, the screen the person
stops at waits for all of them (600 12-MP photos: 7.8 s, ``benchmarks/thumbnail_scroll.py``). So asks are
grouped in *generations* (the owner starts a new one after each pass of its event loop, so one paint is one
generation): the newest generation is decoded first, in the order it asked (a screen fills from its top left),
an ask repeated moves to the newest generation, urgent asks (the review's large photo) go before all, and
beyond ``limit`` the oldest asks are forgotten (never the newest generation's): a view asks again when it
paints the cell again.

Plain Python and thread-safe: the GUI thread asks, decoding threads take.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

#: Asks kept waiting at most (more are forgotten, oldest first; the newest generation never is).
ASK_LIMIT = 256


class AskQueue(Generic[K]):
    """Keys asked for and not decoded yet, and the decoding workers that take them."""

    def __init__(self, limit: int = ASK_LIMIT, newest_first: bool = True):
        self.limit = limit
        #: False: first asked, first taken, nothing forgotten (how thumbnails were decoded before; for measuring).
        self.newest_first = newest_first
        self._lock = threading.Lock()
        self._waiting: dict[K, tuple[bool, int, int]] = {}  # key -> (urgent, generation, order of asking)
        self._taken: set[K] = set()  # being decoded
        self._generation = 0
        self._order = 0
        self._workers = 0

    def ask(self, key: K, urgent: bool = False) -> list[K]:
        """Ask for ``key`` (again); returns the keys forgotten to stay within the limit."""
        with self._lock:
            if key in self._taken:
                return []
            old = self._waiting.get(key)
            if old is not None and not self.newest_first:
                return []
            self._order += 1
            self._waiting[key] = (urgent or (old is not None and old[0]), self._generation, self._order)
            if not self.newest_first or len(self._waiting) <= self.limit:
                return []
            return self._forget_oldest()

    def _forget_oldest(self) -> list[K]:
        excess = len(self._waiting) - self.limit
        old = sorted(
            (k for k, (urgent, gen, _) in self._waiting.items() if not urgent and gen < self._generation),
            key=lambda k: self._waiting[k][1:],
        )[:excess]
        for key in old:
            del self._waiting[key]
        return old

    def next_generation(self) -> None:
        """Asks from now on are newer than every ask so far."""
        with self._lock:
            self._generation += 1

    def claim_worker(self, limit: int) -> bool:
        """True (and one more worker counted) when keys wait and fewer than ``limit`` workers take them."""
        with self._lock:
            if self._waiting and self._workers < limit:
                self._workers += 1
                return True
            return False

    def take(self) -> K | None:
        """The key to decode next, or None: then the calling worker is done (and no longer counted)."""
        with self._lock:
            if not self._waiting:
                self._workers -= 1
                return None
            if self.newest_first:
                key = max(self._waiting, key=lambda k: self._rank(self._waiting[k]))
            else:
                key = min(self._waiting, key=lambda k: (not self._waiting[k][0], self._waiting[k][2]))
            del self._waiting[key]
            self._taken.add(key)
            return key

    @staticmethod
    def _rank(entry: tuple[bool, int, int]) -> tuple[bool, int, int]:
        urgent, generation, order = entry
        return urgent, generation, -order

    def done(self, key: K) -> None:
        """``key`` was decoded (or failed): it may be asked for again."""
        with self._lock:
            self._taken.discard(key)

    def clear(self) -> None:
        """Forget every key not taken yet."""
        with self._lock:
            self._waiting.clear()

    def holds(self, key: K) -> bool:
        """``key`` waits or is being decoded."""
        with self._lock:
            return key in self._waiting or key in self._taken

    def __len__(self) -> int:
        with self._lock:
            return len(self._waiting)
