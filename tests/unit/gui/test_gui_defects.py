"""Regression tests for the defects of issue 11, found in real use of the window (one section per defect).

Each test failed on the window as it was before the fix (commit 611cfa9, or its closest equivalent there).
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_fakes import (
    accept_apply,
    apply_dialog_text,
    by_name,
    click_button,
    make_folder,
    paint,
    run_folder,
    wait_job,
    when_modal,
)
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog

from sakura_sorter.gui.dialogs.common import explain
from sakura_sorter.gui.results.model import Column
from sakura_sorter.gui.widgets import PAGE_RESULTS, PAGE_REVIEW
from sakura_sorter.gui.window.menus import VIEW_LIST


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {Path(r["path"]).name: r for r in csv.DictReader(handle)}


def apply_all(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    accept_apply(win)
    with wait_job(qtbot, win, "apply"):
        win.start_apply()


# --- 1. "Review uncertain (N)" opened nothing -------------------------------------------------------------


def test_1_review_uncertain_button_opens_the_review(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    assert "(2)" in win.review_button.text()
    win.review_button.click()  # clicked(bool) once landed in start_review's ``rows``
    assert win.pages.currentIndex() == PAGE_REVIEW
    assert sorted(win.model.results[r].path.name for r in win.review.rows) == ["u1.jpg", "u2.jpg"]


# --- 2. review decisions were lost on close, without a warning ---------------------------------------------
# (Since issue 10 the labels are kept in the teaching set: closing asks about labels not taught or not applied,
# and classifying again brings them back instead of losing them.)


def test_2_closing_with_unapplied_labels_asks_first(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    rows = by_name(win)
    win.model.set_human_label(rows["u1.jpg"], "cosmos")
    qtbot.waitUntil(lambda: win.ctl.session.keeper.idle, timeout=5000)
    defaults: list[str] = []

    def cancel(dialog) -> None:  # type: ignore[no-untyped-def]
        defaults.append(dialog.defaultButton().text())
        click_button("Cancel")(dialog)

    when_modal(cancel)
    win.close()
    assert defaults == ["Cancel"]  # Return keeps the window open
    assert win.isVisible() and win.model.results[rows["u1.jpg"]].human_label == "cosmos"
    with wait_job(qtbot, win, "classify"):
        win.ctl.start_run()  # no question: the label is kept, and comes back
    assert win.model.results[by_name(win)["u1.jpg"]].human_label == "cosmos"
    when_modal(click_button("Later"))
    win.close()
    assert not win.isVisible()


# --- 3. "Include subfolders" flattened without saying so ----------------------------------------------------


def subfolder_tree(root: Path) -> None:
    paint(root, "top.jpg", 0.97)
    paint(root / "2024", "spring.jpg", 0.98)
    paint(root / "2024", "autumn.jpg", 0.03)
    paint(root / "2024" / "sakura", "done.jpg", 0.99)  # sorted by an earlier run of 2024/


def planned_tree(qtbot, window, root: Path, scope: str):  # type: ignore[no-untyped-def]
    """The subfolder tree in ``root`` classified with the scope ``scope``: the window and its apply dialog's text."""
    subfolder_tree(root)
    win = window()
    win.scope_box.setCurrentIndex(win.scope_box.findData(scope))
    run_folder(qtbot, win, root)
    return win, apply_dialog_text(qtbot, win, apply=False)


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".sakura" not in str(p))


def test_3_subfolders_each_sorted_in_place_says_so_and_does_it(qtbot, window, tmp_path: Path) -> None:
    root = tmp_path / "pics"
    win, text = planned_tree(qtbot, window, root, "each")
    assert "<b>2024/</b>" in text and "inside their own subfolder" in text and "<b>2024/cosmos/</b>" in text
    apply_all(qtbot, win)
    assert files(root) == ["2024/cosmos/autumn.jpg", "2024/sakura/done.jpg", "2024/sakura/spring.jpg", "sakura/top.jpg"]


def test_3_subfolders_gathered_at_the_top_says_so_and_does_it(qtbot, window, tmp_path: Path) -> None:
    root = tmp_path / "pics"
    win, text = planned_tree(qtbot, window, root, "gather")
    assert "<b>2024/</b>" in text and "gathered into the class folders at the top" in text
    assert "<b>pics/cosmos/</b>" in text
    apply_all(qtbot, win)
    assert files(root) == ["cosmos/autumn.jpg", "sakura/done.jpg", "sakura/spring.jpg", "sakura/top.jpg"]


# --- 4. stale results: photos moved outside the window -----------------------------------------------------


def test_4_photos_moved_outside_are_found_before_confirming(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    run_folder(qtbot, win, folder)
    (folder / "sakura").mkdir()
    for i in range(5):  # another window sorted the sakura photos meanwhile
        shutil.move(folder / f"s{i}.jpg", folder / "sakura" / f"s{i}.jpg")
    text = apply_dialog_text(qtbot, win, apply=False)
    assert "5 photo(s) are no longer where they were when classified" in text and "<b>s0.jpg</b>" in text
    apply_all(qtbot, win)
    assert win.banner.kind == "success", win.banner.text  # nothing failed
    assert sorted(p.name for p in (folder / "sakura").iterdir()) == [f"s{i}.jpg" for i in range(5)]
    out = tmp_path / "report.csv"
    with wait_job(qtbot, win, "export"):
        win.export_csv(out)
    assert not any("renamed" in r["note"] for r in read_rows(out).values())


# --- 5. export after undo said "sorted"; exports were 0600 in the photo folder ---------------------------


def test_5_export_after_undo_reads_planned(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    run_folder(qtbot, win, folder)
    apply_all(qtbot, win)
    with wait_job(qtbot, win, "undo"):
        win.start_undo()
    out = tmp_path / "after-undo.csv"
    with wait_job(qtbot, win, "export"):
        win.export_csv(out)
    rows = read_rows(out)
    assert rows["s0.jpg"]["status"] == "planned" and rows["s0.jpg"]["note"].startswith("dry run")
    assert "sorted" not in {r["status"] for r in rows.values()}


def test_5_a_mixed_report_says_what_was_applied_and_what_is_planned(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    run_folder(qtbot, win, folder)
    apply_all(qtbot, win)
    win.model.set_human_label(by_name(win)["u1.jpg"], "cosmos")  # decided after the run, not applied
    out = tmp_path / "mixed.csv"
    with wait_job(qtbot, win, "export"):
        win.export_csv(out)
    rows = read_rows(out)
    assert rows["s0.jpg"]["status"] == "sorted" and "/sakura/" in rows["s0.jpg"]["new_path"]
    assert rows["u1.jpg"]["status"] == "planned" and rows["u1.jpg"]["note"].startswith("not applied")
    assert len(rows) == 11


def test_5_export_has_normal_permissions_and_defaults_to_documents_then_last_folder(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "photos"
    make_folder(folder)
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    made = not documents.exists()
    documents.mkdir(parents=True, exist_ok=True)
    win = window()
    run_folder(qtbot, win, folder)
    asked: list[str] = []
    chosen = tmp_path / "reports" / "mine.csv"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (asked.append(args[2]), (str(chosen), ""))[1])
    old_umask = os.umask(0o022)
    try:
        with wait_job(qtbot, win, "export"):
            win.export_action.trigger()
    finally:
        os.umask(old_umask)
        if made:
            shutil.rmtree(documents, ignore_errors=True)
    assert Path(asked[0]).parent == documents and Path(asked[0]).name == "photos-sakura-sorter.csv"
    assert chosen.stat().st_mode & 0o777 == 0o644
    with wait_job(qtbot, win, "export"):
        win.export_action.trigger()
    assert Path(asked[1]).parent == chosen.parent  # the last folder used


# --- 6. read-only folder: internal paths in errors (the unprivileged run is in test_gui_readonly.py) -----


def test_6_errors_never_show_internal_file_names() -> None:
    message, hint = explain(PermissionError(13, "Permission denied", "/p/.sakura-sorter/.report.csv.x1.tmp"))
    assert ".tmp" not in message and ".sakura-sorter" not in message and "Permission denied" in message
    assert "allowed to change" in hint


# --- 7. small things seen in use -------------------------------------------------------------------------


def test_7_classify_again_keeps_the_order_the_header_shows(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    win.set_view(VIEW_LIST)
    run_folder(qtbot, win, tmp_path / "photos")
    win.table.sortByColumn(Column.CONFIDENCE, Qt.SortOrder.DescendingOrder)
    run_folder(qtbot, win, tmp_path / "photos")  # "Classify again"
    shown = [win.model.results[r].confidence or -1.0 for r in win.proxy.source_rows()]
    assert shown == sorted(shown, reverse=True)


def test_7_photo_column_widens_and_error_texts_are_cut_at_the_end(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    win.set_view(VIEW_LIST)
    run_folder(qtbot, win, tmp_path / "photos")
    header = win.table.horizontalHeader()
    win.resize(900, 600)
    qtbot.wait(50)
    narrow = header.sectionSize(Column.PHOTO)
    win.resize(1500, 600)
    qtbot.waitUntil(lambda: header.sectionSize(Column.PHOTO) > narrow + 300, timeout=3000)
    assert win.table.textElideMode() == Qt.TextElideMode.ElideRight  # "error: ..." keeps its start


def test_7_eta_uses_the_steady_rate(qtbot, window, tmp_path: Path) -> None:
    from sakura_sorter.jobs import ClassifyStep

    win = window()
    win.ctl.classify._progress(ClassifyStep([], 8, 64, None, None))  # first batch: model start-up, no rate yet
    assert "--:--" in win.progress_label.text()
    win.ctl.classify._progress(ClassifyStep([], 16, 64, 4.0, 12.0))
    assert "4.0" in win.progress_label.text() and "00:12" in win.progress_label.text()


def test_7_review_says_when_the_last_photo_is_reached(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    win.start_review()
    win.review.label_current("cosmos")
    assert not win.review.end_note.isVisible()
    win.review.label_current("sakura")  # the last one
    assert win.review.end_note.isVisible() and "last of 2 photos" in win.review.end_note.text()


def test_7_the_text_names_the_apply_command_as_its_button_reads(qtbot, window, tmp_path: Path) -> None:
    make_folder(tmp_path / "photos")
    win = window()
    run_folder(qtbot, win, tmp_path / "photos")
    assert win.apply_button.text() == "Move…"
    assert "<b>Move…</b>" in win.banner.text and "Ctrl+Return" in win.banner.text


def test_7_threshold_is_fine_enough_for_confident_mistakes(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    paint(folder, "a.png", 0.993)  # the model says sakura 99.2 % (253 / 255)
    paint(folder, "b.png", 0.999)
    win = window()
    run_folder(qtbot, win, folder)
    win.threshold_box.setValue(99.5)
    assert win.threshold == pytest.approx(0.995)
    assert [win.model.results[r].path.name for r in win.model.review_rows()] == ["a.png"]


def test_7_no_index_error_in_review_after_classifying_again(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    make_folder(folder)
    win = window()
    run_folder(qtbot, win, folder)
    win.start_review(list(range(len(win.model.results))), position=10)
    for name in ("s0.jpg", "s1.jpg", "s2.jpg", "broken.jpg"):
        (folder / name).unlink()
    run_folder(qtbot, win, folder)  # fewer photos now: row 10 is gone
    win.model.set_human_label(0, "cosmos")  # emits dataChanged: the review refreshes its text
    win.model.set_threshold(0.9)
    assert win.review.current_row is None and win.pages.currentIndex() in (PAGE_RESULTS, PAGE_REVIEW)
