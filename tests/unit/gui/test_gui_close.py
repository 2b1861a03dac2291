"""Issue 19, defect 7: the question before closing knows about a running classification (it says it stops it,
and the worker ends cleanly), and "leave here" labels are decisions, not photos waiting to be sorted."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_fakes import FakeJobs, by_name, click_button, make_folder, paint, run_folder, select, when_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from teach_fakes import TeachingJobs

pytestmark = pytest.mark.usefixtures("english")


def slow_folder(root: Path, count: int = 40) -> Path:
    for i in range(count):
        paint(root, f"p{i:02}.jpg", 0.97)
    return root


def start_classifying(qtbot, win, folder: Path) -> None:  # type: ignore[no-untyped-def]
    win.open_folder(folder)
    qtbot.waitUntil(lambda: win.session.job_kind == "classify" and len(win.model.results) > 0, timeout=20000)


def test_closing_while_classifying_asks_then_stops_the_worker(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window(FakeJobs(delay=0.05, batch_size=2))
    win.session.ask_before_discarding = True
    start_classifying(qtbot, win, slow_folder(tmp_path / "photos"))
    worker = win.session.job
    seen: list[str] = []

    def stop(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.extend([dialog.text(), dialog.informativeText()])
        click_button("Stop and close")(dialog)

    when_modal(stop)
    win.close()
    assert seen and "still classifying" in seen[0] and "stops it" in seen[1]
    assert not win.isVisible()
    assert worker is not None and worker.isFinished()  # stopped after its batch, waited for
    assert worker.abort_requested and len(win.model.results) < 40


def test_closing_while_classifying_can_be_cancelled(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window(FakeJobs(delay=0.02, batch_size=2))
    win.session.ask_before_discarding = True
    start_classifying(qtbot, win, slow_folder(tmp_path / "photos", 30))
    worker = win.session.job
    when_modal(click_button("Cancel"))
    win.close()
    assert win.isVisible() and worker is not None and not worker.abort_requested
    qtbot.waitUntil(lambda: len(win.model.results) == 30 and not win.session.busy, timeout=20000)


def test_leave_here_labels_are_not_counted_as_photos_to_sort(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_folder(tmp_path / "photos")
    win = window(TeachingJobs())
    run_folder(qtbot, win, tmp_path / "photos")
    select(win, ["s0.jpg", "s1.jpg"])
    QTest.keyClick(win.grid, Qt.Key.Key_X)  # "neither: leave here": decided, nothing to sort
    win.start_review([by_name(win)["u1.jpg"]])
    QTest.keyClick(win.review, Qt.Key.Key_C)  # one photo labelled with a class: it waits for Apply
    qtbot.waitUntil(lambda: win.ctl.session.keeper.idle, timeout=5000)
    win.session.ask_before_discarding = True
    seen: list[str] = []

    def read(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.extend([dialog.text(), dialog.informativeText()])
        click_button("Cancel")(dialog)

    when_modal(read)
    win.close()
    assert win.isVisible() and seen
    said = " ".join(seen)
    assert "1 labelled photo is not sorted yet" in said
    assert "3 labelled" not in said
    assert "2 photos you chose to leave here stay where they are" in said
