"""The photo grid and the keyboard: multi-select and one key to label them all, large previews on demand,
the list kept as an option, menus with shortcuts, Tab that leaves the views, the icon and About."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_fakes import make_folder, run_folder, select, wait_job, when_modal
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from sakura_sorter.gui.widgets import PAGE_RESULTS, PAGE_REVIEW
from sakura_sorter.gui.window.menus import VIEW_GRID, VIEW_LIST
from sakura_sorter.vocabulary import NEITHER


def test_grid_is_the_default_and_one_key_labels_every_selected_photo(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    assert win.views.currentIndex() == VIEW_GRID and win.grid.isVisible()
    rows = select(win, ["u1.jpg", "u2.jpg", "c0.jpg"])
    QTest.keyClick(win.grid, Qt.Key.Key_S)
    assert [win.model.results[r].human_label for r in rows] == ["sakura"] * 3
    assert "3 photo" in win.statusBar().currentMessage()
    QTest.keyClick(win.grid, Qt.Key.Key_X)
    assert [win.model.results[r].human_label for r in rows] == [NEITHER] * 3
    QTest.keyClick(win.grid, Qt.Key.Key_Backspace)
    assert [win.model.results[r].human_label for r in rows] == [None] * 3
    QTest.keyClick(win.grid, Qt.Key.Key_2)  # digits work too: 2 = the second class (sakura)
    assert [win.model.results[r].human_label for r in rows] == ["sakura"] * 3
    broken = select(win, ["broken.jpg"])
    QTest.keyClick(win.grid, Qt.Key.Key_C)
    assert win.model.results[broken[0]].human_label is None  # an unreadable photo takes no label


def test_space_or_enter_shows_the_selection_large(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    rows = select(win, ["s1.jpg", "c2.jpg"])
    QTest.keyClick(win.grid, Qt.Key.Key_Space)
    assert win.pages.currentIndex() == PAGE_REVIEW and sorted(win.review.rows) == sorted(rows)
    qtbot.waitUntil(
        lambda: win.review.image.pixmap() is not None and not win.review.image.pixmap().isNull(), timeout=5000
    )
    QTest.keyClick(win.review, Qt.Key.Key_Escape)
    assert win.pages.currentIndex() == PAGE_RESULTS
    select(win, ["c1.jpg"])
    QTest.keyClick(win.grid, Qt.Key.Key_Return)
    assert win.pages.currentIndex() == PAGE_REVIEW
    assert win.model.results[win.review.current_row].path.name == "c1.jpg" and len(win.review.rows) == 11


def test_the_list_is_kept_as_an_option_and_remembered(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    rows = select(win, ["s0.jpg", "s3.jpg"])
    QTest.keySequence(win, QKeySequence("Ctrl+2"))
    assert win.views.currentIndex() == VIEW_LIST and win.list_action.isChecked()
    assert sorted(win.selected_rows()) == sorted(rows)  # the selection went along
    QTest.keyClick(win.table, Qt.Key.Key_C)
    assert {win.model.results[r].human_label for r in rows} == {"cosmos"}
    win.ctl.session.ask_before_discarding = False  # (closing with labels not applied asks first: test_gui_defects)
    win.close()
    again = window()
    assert again.views.currentIndex() == VIEW_LIST


def test_tab_leaves_the_table_and_the_grid(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    for which, view in ((VIEW_LIST, win.table), (VIEW_GRID, win.grid)):
        win.set_view(which)
        view.setFocus()
        view.setCurrentIndex(win.proxy.index(0, 0))
        QTest.keyClick(view, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not view


def test_every_command_is_an_action_in_a_menu_with_its_shortcut(qtbot, window, tmp_path: Path) -> None:
    win = window()
    expected = {
        win.open_action: "Ctrl+O",
        win.classify_action: "F5",
        win.apply_action: "Ctrl+Return",
        win.undo_action: "Ctrl+Z",
        win.export_action: "Ctrl+E",
        win.quit_action: "Ctrl+Q",
    }
    for action, keys in expected.items():
        assert QKeySequence(keys) in action.shortcuts(), action.text()
    in_menus = {a for menu in (win.file_menu, win.sort_menu, win.view_menu, win.help_menu) for a in menu.actions()}
    assert set(expected) <= in_menus and win.about_action in in_menus
    assert not win.apply_action.isEnabled() and not win.apply_button.isEnabled()  # buttons follow their actions
    make_folder(tmp_path / "photos")
    win.open_folder(tmp_path / "photos", start=False)
    with wait_job(qtbot, win, "classify"):
        QTest.keySequence(win, QKeySequence("F5"))
    assert win.apply_action.isEnabled() and win.apply_button.isEnabled() and win.apply_button.text() == "Move…"


def test_icon_and_about(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from gui_fakes import FakeJobs

    from sakura_sorter import __version__
    from sakura_sorter.gui.icon import draw_icon
    from sakura_sorter.gui.window.main_window import MainWindow

    image = draw_icon(64).toImage()
    centre, corner = image.pixelColor(32, 33), image.pixelColor(1, 1)
    assert corner.alpha() == 0 and centre.alpha() == 255  # drawn: a flower on a transparent ground
    assert image.pixelColor(32, 12).red() > 200  # a pink petal above the centre
    win = window(FakeJobs(card={"name": "garden & <spring>"}))
    assert not win.windowIcon().isNull()
    qtbot.waitUntil(lambda: "garden" in win.model_label.text(), timeout=5000)  # preloaded in the background
    assert (
        win.model_label.text() == "Model: garden & <spring>" and win.model_label.textFormat() != Qt.TextFormat.RichText
    )
    seen: list[str] = []

    def read(box: QMessageBox) -> None:  # type: ignore[no-untyped-def]
        seen.extend(label.text() for label in box.findChildren(QLabel))
        box.accept()

    when_modal(read)
    win.about_action.trigger()
    text = " ".join(seen)
    assert __version__ in text and "garden &amp; &lt;spring&gt;" in text
    assert isinstance(win, MainWindow)


def _ink_rows(image, top: int, bottom: int) -> int:  # type: ignore[no-untyped-def]
    """How many pixel rows in [top, bottom) of ``image`` hold dark (text) pixels."""
    rows = 0
    for y in range(max(top, 0), min(bottom, image.height())):
        if any(max(image.pixelColor(x, y).getRgb()[:3]) < 110 for x in range(image.width())):
            rows += 1
    return rows


def test_a_japanese_file_name_is_drawn_whole_under_its_thumbnail(qtbot, window, tmp_path: Path) -> None:
    """A name in a fallback font (Japanese) has a taller line than the window's font: nothing of it may be cut,
    not the underscore, not the descenders."""
    from gui_fakes import paint
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QFontDatabase, QImage, QPainter

    if not QFontDatabase.families(QFontDatabase.WritingSystem.Japanese):
        reason = "no font with Japanese on this machine: a fallback font's taller line cannot be drawn here"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, and CI must run this test (.ci/run installs fonts-noto-cjk)")
        pytest.skip(reason)
    name = "写真_1.jpg"
    paint(tmp_path / "photos", name, 0.98)
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    index = win.grid.model().index(0, 0)
    cell = win.grid.viewport().grab(win.grid.visualRect(index)).toImage()
    whole = QImage(400, 200, QImage.Format.Format_RGB32)
    whole.fill(QColor("white"))
    painter = QPainter(whole)
    painter.setFont(win.grid.font())
    painter.setPen(QColor("black"))
    painter.drawText(QPoint(10, 100), name)  # drawn at a point: never clipped
    painter.end()
    chip = QColor("#f8bbd0").getRgb()[:3]
    top = 3 + 6 + win.grid.delegate.thumb + 1  # the cell's margin, the thumbnail's, the thumbnail
    chip_top = next(y for y in range(top, cell.height()) if cell.pixelColor(cell.width() // 2, y).getRgb()[:3] == chip)
    assert _ink_rows(cell, top, chip_top) >= _ink_rows(whole, 0, whole.height())
