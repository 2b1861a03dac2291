"""The loupe in the window: Z in review opens the photo shown at 100%, the title names it, Page Down / Up step
through the review's photos there (the arrows pan at 100%), a label key labels and moves on, Esc comes back to
the same photo in review."""

from __future__ import annotations

from pathlib import Path

from gui_fakes import by_name, make_folder, run_folder
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sakura_sorter.gui.widgets import PAGE_REVIEW


def test_z_in_review_opens_the_loupe_at_100_percent_and_esc_comes_back(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    rows = by_name(win)
    order = [rows["s1.jpg"], rows["c0.jpg"], rows["u1.jpg"]]
    win.start_review(order)
    review = win.review
    assert win.pages.currentIndex() == PAGE_REVIEW and review.current_row == order[0]

    QTest.keyClick(review, Qt.Key.Key_Z)
    loupe = review.loupe
    assert loupe is not None and loupe.isVisible() and loupe.geometry() == win.rect()  # fills the window
    assert loupe.photo is not None and loupe.photo.path.name == "s1.jpg"
    assert loupe.canvas.scale == 1.0 and not loupe.canvas.fitted  # 100%: one photo pixel per screen pixel
    assert "s1.jpg" in win.windowTitle() and "100%" in win.windowTitle()

    QTest.keyClick(loupe, Qt.Key.Key_Right)  # at 100% the arrows pan: the same photo
    assert review.current_row == order[0] and loupe.photo.path.name == "s1.jpg"
    QTest.keyClick(loupe, Qt.Key.Key_PageDown)  # the next photo of the review, in the loupe
    assert review.current_row == order[1] and loupe.photo.path.name == "c0.jpg"
    assert "c0.jpg" in win.windowTitle()
    QTest.keyClick(loupe, Qt.Key.Key_S)  # the window's label key works in the loupe: c0 is a sakura, next
    assert win.model.results[order[1]].human_label == "sakura"
    assert review.current_row == order[2] and loupe.photo.path.name == "u1.jpg"

    QTest.keyClick(loupe, Qt.Key.Key_Escape)
    assert not loupe.isVisible() and win.pages.currentIndex() == PAGE_REVIEW
    assert review.current_row == order[2]  # the place in review is kept
    assert "u1.jpg" not in win.windowTitle() and "100%" not in win.windowTitle()
