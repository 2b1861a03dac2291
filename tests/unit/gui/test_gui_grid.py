"""The photo grid and the keyboard: multi-select and one key to label them all, large previews on demand,
the list kept as an option, menus with shortcuts, Tab that leaves the views, the icon and About."""

from __future__ import annotations

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
