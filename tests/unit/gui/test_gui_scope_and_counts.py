"""Issue 19, defects 1 and 3, in the window: "This folder only" says which photos of subfolders it leaves out
(near the scope choice and in the apply dialog), changing the scope classifies again, and the filter counts and
the status line say what Apply will do, in groups that add up to the photos shown."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_fakes import apply_dialog_text, make_folder, paint, run_folder, wait_job

from sakura_sorter.gui.window.layout import SCOPE_GATHER, SCOPE_TOP
from sakura_sorter.gui.words import ALL, ERRORS, NEITHER_KIND, REVIEW

pytestmark = pytest.mark.usefixtures("english")


def folder_with_subfolders(root: Path) -> Path:
    make_folder(root)
    for i in range(3):
        paint(root / "2024", f"y{i}.jpg", 0.97)
    paint(root / "2023" / "trip", "t.jpg", 0.03)
    paint(root / "sakura", "old.jpg", 0.97)  # already sorted: not left out
    return root


def test_this_folder_only_says_which_subfolders_it_leaves_out(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = folder_with_subfolders(tmp_path / "photos")
    win = window()
    win.scope_box.setCurrentIndex(win.scope_box.findData(SCOPE_TOP))
    run_folder(qtbot, win, folder)
    note = win.scope_note
    assert note.isVisibleTo(win)
    assert "4 photos in subfolders are left out" in note.text()
    assert "2024/" in note.text() and "(3)" in note.text() and "2023/" in note.text() and "(1)" in note.text()
    text = apply_dialog_text(qtbot, win, apply=False)
    assert "4 photos in subfolders are left out" in text and "2024/" in text and "2023/" in text


def test_changing_the_scope_after_a_run_classifies_again(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = folder_with_subfolders(tmp_path / "photos")
    win = window()
    win.scope_box.setCurrentIndex(win.scope_box.findData(SCOPE_TOP))
    run_folder(qtbot, win, folder)
    assert len(win.model.results) == 11
    with wait_job(qtbot, win, "classify"):
        win.scope_box.setCurrentIndex(win.scope_box.findData(SCOPE_GATHER))
    names = {r.path.name for r in win.model.results}
    assert {"y0.jpg", "y1.jpg", "y2.jpg", "t.jpg"} <= names and len(names) == 15
    assert not win.scope_note.isVisibleTo(win)
    with wait_job(qtbot, win, "classify"):
        win.scope_box.setCurrentIndex(win.scope_box.findData(SCOPE_TOP))
    assert len(win.model.results) == 11 and win.scope_note.isVisibleTo(win)


def test_filter_counts_and_status_line_say_what_apply_will_do(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_folder(tmp_path / "photos")  # 5 sakura, 3 cosmos, u1 (sakura, 62 %) and u2 (cosmos, 35 %) to review, 1 error
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    counts = win.model.counts(win.classes)
    assert counts == {ALL: 11, "sakura": 5, "cosmos": 3, REVIEW: 2, NEITHER_KIND: 0, ERRORS: 1}
    assert win.filter_bar.button("sakura").text() == "sakura (5)"
    win.filter_bar.button("sakura").click()
    assert sorted(win.model.results[r].path.name for r in win.proxy.source_rows()) == [f"s{i}.jpg" for i in range(5)]
    line = win.summary_label.text()
    assert "Move: 3 → cosmos · 5 → sakura" in line
    assert "2 stay for review" in line and "1 error" in line and "11 photos in all" in line
    text = apply_dialog_text(qtbot, win, apply=False)
    assert "Move 8 photos?" in text  # the apply dialog moves what the chips and the status line say
