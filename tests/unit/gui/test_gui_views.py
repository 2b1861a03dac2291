"""Issue 19, the grid and the list on a real shoot: chips that say the class and fit, a sentence in an empty
filter, the place kept after the large view and a filter change, what an apply did shown on each photo,
compact rows, a grid that flows with a thumbnail size, and filter shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_fakes import accept_apply, by_name, make_folder, paint, run_folder, select, wait_job
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from sakura_sorter.gui.results.grid import cell_chip
from sakura_sorter.gui.widgets import PAGE_RESULTS, PAGE_REVIEW
from sakura_sorter.gui.window.menus import VIEW_GRID, VIEW_LIST
from sakura_sorter.gui.words import ALL, ERRORS, REVIEW, class_title
from sakura_sorter.vocabulary import NEITHER


def _chip(win, name: str) -> str:  # type: ignore[no-untyped-def]
    row = by_name(win)[name]
    return cell_chip(win.proxy.mapFromSource(win.model.index(row, 0)))


def test_review_chips_say_the_class_the_model_leans_to(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    assert _chip(win, "u1.jpg") == class_title("sakura") + "? 61.6 %"  # 62 % sakura
    assert _chip(win, "u2.jpg").startswith(class_title("cosmos") + "?")  # 35 % sakura: leans to cosmos
    assert "%" in _chip(win, "u1.jpg") and "review" not in _chip(win, "u1.jpg")


def test_every_chip_shows_its_whole_text_at_the_default_size(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    metrics = QFontMetrics(win.grid.font())
    room = win.grid.gridSize().width() - 6 - 8 - 14  # the cell less its margins and the chip's padding
    texts = []
    for label in ("sakura", "cosmos", NEITHER, None):
        select(win, ["u1.jpg", "s0.jpg"])
        win.label_selected(label)
        texts += [_chip(win, n) for n in ("u1.jpg", "s0.jpg", "u2.jpg", "c0.jpg", "broken.jpg")]
    for text in texts:
        assert metrics.horizontalAdvance(text) <= room, text


def _visible_sentences(win) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in win.results_page.findChildren(QLabel) if label.isVisible() and label.text()]


def test_an_empty_filter_says_so(qtbot, window, tmp_path: Path) -> None:
    for name in ("s0.jpg", "s1.jpg"):
        paint(tmp_path / "photos", name, 0.98)
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    assert not any("nothing" in t.lower() for t in _visible_sentences(win))
    win.filter_bar.select(ERRORS)
    assert win.proxy.rowCount() == 0
    assert any("could be read" in t and "nothing to fix" in t for t in _visible_sentences(win))
    win.filter_bar.select("cosmos")
    assert any("No photo" in t for t in _visible_sentences(win))
    win.filter_bar.select(ALL)
    assert not any("No photo" in t for t in _visible_sentences(win))


def _shown(view, index) -> bool:  # type: ignore[no-untyped-def]
    return view.viewport().rect().intersects(view.visualRect(index))


def test_esc_from_the_large_view_keeps_the_place_in_the_grid(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    for i in range(30):
        paint(folder, f"p{i:02}.jpg", 0.98 if i % 2 else 0.02)
    win = window()
    win.resize(520, 480)
    run_folder(qtbot, win, folder)
    select(win, ["p00.jpg"])
    QTest.keyClick(win.grid, Qt.Key.Key_Return)
    assert win.pages.currentIndex() == PAGE_REVIEW
    for _ in range(25):
        QTest.keyClick(win.review, Qt.Key.Key_Right)
    last = win.review.current_row
    assert win.model.results[last].path.name == "p25.jpg"
    QTest.keyClick(win.review, Qt.Key.Key_Escape)
    assert win.pages.currentIndex() == PAGE_RESULTS
    assert win.selected_rows() == [last]
    index = win.proxy.mapFromSource(win.model.index(last, 0))
    assert win.grid.currentIndex().row() == index.row()
    qtbot.waitUntil(lambda: _shown(win.grid, index), timeout=3000)


def test_switching_filters_does_not_keep_a_stale_scroll_position(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    for i in range(30):
        paint(folder, f"p{i:02}.jpg", 0.98 if i < 20 else 0.02)
    win = window()
    win.resize(520, 480)
    run_folder(qtbot, win, folder)
    win.grid.scrollToBottom()
    assert win.grid.verticalScrollBar().value() > 0
    win.grid.selectionModel().clearSelection()
    win.grid.setCurrentIndex(win.proxy.index(-1, 0))
    win.filter_bar.select("cosmos")  # nothing current: back to the top
    assert win.grid.verticalScrollBar().value() == 0
    win.filter_bar.select(ALL)
    select(win, ["p28.jpg"])
    win.grid.setCurrentIndex(win.proxy.mapFromSource(win.model.index(by_name(win)["p28.jpg"], 0)))
    win.grid.scrollToTop()
    win.filter_bar.select("cosmos")  # the current photo is in the new filter: it is shown
    index = win.proxy.mapFromSource(win.model.index(by_name(win)["p28.jpg"], 0))
    qtbot.waitUntil(lambda: _shown(win.grid, index), timeout=3000)


def test_after_apply_each_photo_says_what_happened_until_undone(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    accept_apply(win)
    with wait_job(qtbot, win, "apply"):
        win.start_apply()
    assert "sakura/" in _chip(win, "s0.jpg") and "cosmos/" in _chip(win, "c0.jpg")
    row = by_name(win)["s0.jpg"]
    assert "sakura/" in win.model.index(row, 4).data()  # the list's status column too
    with wait_job(qtbot, win, "undo"):
        win.start_undo()
    assert "sakura/" not in _chip(win, "s0.jpg") and "/" not in win.model.index(row, 4).data()


def test_compact_list_rows(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    win.set_view(VIEW_LIST)
    assert 32 <= win.table.iconSize().height() <= 40
    assert win.table.rowHeight(0) <= 48


def _columns(win) -> int:  # type: ignore[no-untyped-def]
    tops = [win.grid.visualRect(win.proxy.index(r, 0)).top() for r in range(win.proxy.rowCount())]
    return tops.count(tops[0])


def test_the_grid_flows_with_the_width_and_has_a_thumbnail_size(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    for i in range(30):
        paint(folder, f"p{i:02}.jpg", 0.98)
    win = window()
    win.resize(900, 700)
    run_folder(qtbot, win, folder)
    qtbot.waitUntil(lambda: _columns(win) >= 3, timeout=3000)
    narrow = _columns(win)
    win.resize(1600, 700)
    qtbot.waitUntil(lambda: _columns(win) > narrow, timeout=3000)
    wide, cell = _columns(win), win.grid.gridSize().width()
    QTest.keySequence(win, QKeySequence("Ctrl+-"))
    assert win.grid.gridSize().width() < cell
    qtbot.waitUntil(lambda: _columns(win) > wide, timeout=3000)
    QTest.keySequence(win, QKeySequence("Ctrl+="))
    QTest.keySequence(win, QKeySequence("Ctrl+="))
    larger = win.grid.gridSize().width()
    assert larger > cell
    win.ctl.session.ask_before_discarding = False
    win.close()
    again = window()
    assert again.grid.gridSize().width() == larger  # remembered


def test_filter_shortcuts_and_the_view_shortcuts_still_work(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    kinds = [ALL, "cosmos", "sakura", "neither", REVIEW, ERRORS]
    for number, kind in enumerate(kinds, start=1):
        QTest.keySequence(win, QKeySequence(f"Alt+{number}"))
        assert win.filter_bar.current == kind and win.proxy.kind == kind
    QTest.keySequence(win, QKeySequence("Ctrl+2"))
    assert win.views.currentIndex() == VIEW_LIST
    QTest.keySequence(win, QKeySequence("Ctrl+1"))
    assert win.views.currentIndex() == VIEW_GRID
