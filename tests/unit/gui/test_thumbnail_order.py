"""Thumbnails are decoded in the order a person needs them: the screen they stopped at first, not the cells a
scroll passed over (``sakura_sorter.gui.results.ask_queue``; ``benchmarks/thumbnail_scroll.py`` measures it)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication

from sakura_sorter.gui.results.ask_queue import AskQueue
from sakura_sorter.gui.results.grid import PhotoGrid
from sakura_sorter.gui.results.model import GridPixmapRole, ResultsModel
from sakura_sorter.gui.results.thumbnails import ThumbnailLoader
from sakura_sorter.results import PhotoResult


def drain(queue: AskQueue[str]) -> list[str]:
    assert queue.claim_worker(1)
    taken = []
    while (key := queue.take()) is not None:
        taken.append(key)
        queue.done(key)
    return taken


def test_the_newest_generation_comes_first_in_the_order_it_asked() -> None:
    queue: AskQueue[str] = AskQueue()
    for key in ("a1", "a2", "a3"):
        queue.ask(key)
    queue.next_generation()
    for key in ("b1", "b2"):
        queue.ask(key)
    assert drain(queue) == ["b1", "b2", "a1", "a2", "a3"]


def test_an_ask_repeated_moves_to_the_newest_generation_and_urgent_asks_go_first() -> None:
    queue: AskQueue[str] = AskQueue()
    queue.ask("old")
    queue.ask("big photo", urgent=True)
    queue.ask("passed")
    queue.next_generation()
    queue.ask("new")
    queue.ask("old")  # still on screen: painted again
    assert drain(queue) == ["big photo", "new", "old", "passed"]


def test_first_asked_first_taken_when_newest_first_is_off() -> None:
    queue: AskQueue[str] = AskQueue(newest_first=False)
    queue.ask("a")
    queue.next_generation()
    queue.ask("b")
    queue.ask("a")
    queue.ask("urgent", urgent=True)
    assert drain(queue) == ["urgent", "a", "b"]


def test_beyond_the_limit_the_oldest_asks_are_forgotten_but_never_the_newest_generation() -> None:
    queue: AskQueue[str] = AskQueue(limit=3)
    assert queue.ask("a") == [] and queue.ask("b") == []
    queue.next_generation()
    assert queue.ask("c") == [] and queue.ask("d") == ["a"]
    for key in ("e", "f", "g"):  # one generation bigger than the limit: kept whole
        queue.ask(key)
    assert sorted(drain(queue)) == ["c", "d", "e", "f", "g"]
    assert queue.ask("a") == [] and drain(queue) == ["a"]  # a forgotten key can be asked for again


def test_a_key_being_decoded_is_not_asked_twice_and_can_be_asked_again_when_done() -> None:
    queue: AskQueue[str] = AskQueue()
    queue.ask("a")
    assert queue.claim_worker(2)
    assert queue.take() == "a"
    queue.ask("a")
    assert len(queue) == 0 and queue.holds("a")
    queue.done("a")
    assert not queue.holds("a")
    queue.ask("a")
    assert queue.take() == "a"


def test_workers_are_counted_and_none_is_left_behind_by_a_late_ask() -> None:
    queue: AskQueue[int] = AskQueue()
    assert not queue.claim_worker(2)  # nothing asked: no worker
    for i in range(3):
        queue.ask(i)
    assert queue.claim_worker(2) and queue.claim_worker(2) and not queue.claim_worker(2)
    seen: list[int] = []

    def work() -> None:
        while (key := queue.take()) is not None:
            seen.append(key)
            queue.done(key)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert sorted(seen) == [0, 1, 2]
    queue.ask(9)  # both workers gone: the next ask gets one
    assert queue.claim_worker(2)


@pytest.fixture
def slow_decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every thumbnail decode takes 15 ms more; the names decoded, in order."""
    import sakura_sorter.vision.photos as photos

    real = photos.load_thumbnail
    order: list[str] = []

    def slow(path: Path, size: int) -> Image.Image:
        time.sleep(0.015)
        order.append(path.name)
        return real(path, size)

    monkeypatch.setattr(photos, "load_thumbnail", slow)
    return order


@pytest.mark.parametrize("last_asked_first", [True, False], ids=["as-now", "first-asked-first"])
def test_after_a_scroll_to_the_end_the_cells_on_screen_are_decoded_before_the_ones_passed(
    qtbot, tmp_path: Path, slow_decodes: list[str], last_asked_first: bool
) -> None:  # type: ignore[no-untyped-def]
    paths = []
    for i in range(240):
        path = tmp_path / f"p{i:03d}.jpg"
        Image.new("RGB", (96, 64), (i, 120, 200)).save(path)
        paths.append(path)
    loader = ThumbnailLoader()
    loader.last_asked_first = last_asked_first
    model = ResultsModel(loader)
    model.reset(tmp_path, paths)
    model.append([PhotoResult(path=p, label="sakura", confidence=0.9) for p in paths])
    grid = PhotoGrid()
    qtbot.addWidget(grid)
    grid.setModel(model)
    grid.resize(700, 500)
    grid.show()
    qtbot.waitExposed(grid)
    bar = grid.verticalScrollBar()
    for step in range(1, 11):  # a quick drag from the top to the end: each step paints other cells
        bar.setValue(bar.maximum() * step // 10)
        QCoreApplication.processEvents()
        qtbot.wait(5)
    grid.viewport().repaint()  # the screen it stopped at is painted (asked for) now
    before = len(slow_decodes)
    on_screen = [
        r for r in range(model.rowCount()) if grid.visualRect(model.index(r, 0)).intersects(grid.viewport().rect())
    ]
    assert on_screen and on_screen[-1] == len(paths) - 1
    qtbot.waitUntil(
        lambda: all(model.data(model.index(r, 0), GridPixmapRole) is not None for r in on_screen), timeout=20000
    )
    after_the_drag = slow_decodes[before:]
    shown = {paths[r].name for r in on_screen}
    last_of_screen = max(i for i, name in enumerate(after_the_drag) if name in shown)
    passed = [name for name in after_the_drag[:last_of_screen] if name not in shown]
    if last_asked_first:  # at most the decodes under way when the drag ended (two threads) come first
        assert len(passed) <= 2, passed
    else:  # how it was: the screen waited for the cells scrolled past
        assert len(passed) > 3 * len(shown), passed
    loader.clear_queue()
    loader.wait()
