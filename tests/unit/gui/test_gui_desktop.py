"""Photos handed to the desktop from the window: a right-click menu on the grid and the list (labels, large
preview, open in the person's viewer, show in the file manager, copy the paths). Nothing here changes a file."""

from __future__ import annotations

from pathlib import Path

from gui_fakes import by_name, make_folder, run_folder
from PySide6.QtCore import QItemSelectionModel, QPoint, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from sakura_sorter.gui import desktop


def test_the_file_manager_is_asked_as_each_system_asks_it(tmp_path: Path) -> None:
    photo = tmp_path / "写真 1.jpg"
    assert desktop.reveal_command(photo, "darwin") == ["open", "-R", str(photo)]
    assert desktop.reveal_command(photo, "win32") == ["explorer", f"/select,{photo}"]
    assert desktop.reveal_command(photo, "linux") is None  # D-Bus there

    ran: list[list[str]] = []
    opened: list[QUrl] = []
    desktop.show_in_folder([photo], "darwin", run=ran.append, open_url=opened.append)
    assert ran == [["open", "-R", str(photo)]] and not opened

    asked: list[list[Path]] = []
    other = tmp_path / "sub" / "b.jpg"
    desktop.show_in_folder([photo, other], "linux", show_items=lambda p: asked.append(list(p)) or True)
    assert asked == [[photo, other]]

    # No freedesktop file manager answers: the folders themselves are opened, each once.
    desktop.show_in_folder(
        [photo, tmp_path / "c.jpg", other], "linux", show_items=lambda p: False, open_url=opened.append
    )
    assert [u.toLocalFile() for u in opened] == [str(tmp_path), str(tmp_path / "sub")]


def test_a_right_click_offers_labels_preview_and_the_desktop_for_the_photo_under_it(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    run_folder(qtbot, win, folder)
    grid = win.grid
    index = win.proxy.mapFromSource(win.model.index(by_name(win)["s1.jpg"], 0))
    point = grid.visualRect(index).center()
    shown: list[str] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            shown.extend(a.text() for a in menu.actions() if not a.isSeparator())
            menu.close()
        else:
            QTimer.singleShot(20, read_menu)

    QTimer.singleShot(20, read_menu)
    grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    grid.customContextMenuRequested.emit(point)
    texts = [t.replace("&", "") for t in shown]
    assert texts[:2] == ["cosmos", "sakura"] and "Neither: leave here" in texts and "Use the model's label" in texts
    assert texts[-3:] == ["Open in viewer", "Show in folder", "Copy path"] and "Large preview" in texts
    shown.clear()
    QTimer.singleShot(200, lambda: shown.append("no menu") if not QApplication.activePopupWidget() else None)
    grid.customContextMenuRequested.emit(QPoint(grid.viewport().width() - 2, grid.viewport().height() - 2))
    qtbot.wait(250)
    assert shown == ["no menu"]  # a right-click beside the photos offers nothing

    # Copy path: the selected photos, one per line, as they are now; Open: each handed to the desktop.
    rows = [by_name(win)["s1.jpg"], by_name(win)["c0.jpg"]]
    selection = grid.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(win.proxy.mapFromSource(win.model.index(row, 0)), QItemSelectionModel.SelectionFlag.Select)
    copy, open_action = win.desktop_actions[2], win.desktop_actions[0]
    copy.trigger()
    expected = [
        str(win.model.current_path(r))
        for r in sorted(rows, key=lambda r: win.proxy.mapFromSource(win.model.index(r, 0)).row())
    ]
    assert QGuiApplication.clipboard().text().splitlines() == expected
    opened: list[str] = []
    monkeypatch.setattr(desktop, "_open_url", lambda url: opened.append(url.toLocalFile()) or True)
    open_action.trigger()
    assert opened == expected
