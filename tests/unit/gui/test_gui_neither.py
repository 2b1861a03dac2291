"""The window's side of the "neither" outcome (issue 9, item 4) with a three-class model (cosmos, other,
sakura), and names that could be read as markup (a folder called ``<b>x&y</b>``)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gui_fakes import THREE, FakeJobs, apply_dialog_text, by_name, paint, run_folder, wait_job
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sakura_sorter.gui.widgets import PAGE_EMPTY
from sakura_sorter.gui.words import NEITHER_KIND, REVIEW
from sakura_sorter.jobs.suggesting import ROUND_COUNT
from sakura_sorter.vocabulary import NEITHER


def neither_folder(root: Path) -> None:
    """Two sakura, one cosmos, two photos of neither (a street, a dish), one uncertain."""
    paint(root, "s1.jpg", 0.97)
    paint(root, "s2.jpg", 0.98)
    paint(root, "c1.jpg", 0.02)
    paint(root, "street.jpg", 0.5, green=250)
    paint(root, "dish.jpg", 0.4, green=240)
    paint(root, "unsure.jpg", 0.6)


def test_neither_filter_count_and_no_class_for_other(qtbot, window, tmp_path: Path) -> None:
    neither_folder(tmp_path / "photos")
    win = window(FakeJobs(classes=THREE))
    run_folder(qtbot, win, tmp_path / "photos")
    counts = win.model.counts(win.classes)
    # "unsure" (sakura, below the threshold) counts under review only: a class counts what goes into it (issue 19)
    assert counts[NEITHER_KIND] == 2 and counts[REVIEW] == 1 and counts["sakura"] == 2 and counts["cosmos"] == 1
    assert NEITHER not in counts
    filters = win.filter_bar._buttons
    assert list(filters) == ["all", "cosmos", "sakura", NEITHER_KIND, REVIEW, "errors"]
    assert filters[NEITHER_KIND].text() == "Neither (2)"
    filters[NEITHER_KIND].click()
    assert sorted(win.model.results[r].path.name for r in win.proxy.source_rows()) == ["dish.jpg", "street.jpg"]
    assert [a.text() for a in win.label_menu.actions() if a.text()] == [
        "cosmos",
        "sakura",
        "&Neither: leave here",
        "Use the &model's label",
        f"Label &these {ROUND_COUNT} first",
        "&Undo last run…",  # what Ctrl+Z undoes (no labelling yet)
    ]
    assert [b.property("label") for b in win.review._class_buttons] == ["cosmos", "sakura"]
    row = by_name(win)["street.jpg"]
    assert win.model.data(win.model.index(row, 1)) == "Neither"  # the model's label "other", as shown


def test_x_marks_neither_in_review_and_grid_and_the_summary_counts_who_decided(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "photos"
    neither_folder(folder)
    win = window(FakeJobs(classes=THREE))
    run_folder(qtbot, win, folder)
    rows = by_name(win)
    win.start_review([rows["unsure.jpg"]])
    QTest.keyClick(win.review, Qt.Key.Key_X)  # in review: "neither / leave it here"
    assert win.model.results[rows["unsure.jpg"]].human_label == NEITHER
    QTest.keyClick(win.review, Qt.Key.Key_Escape)
    grid = win.grid
    grid.setCurrentIndex(win.proxy.mapFromSource(win.model.index(rows["s2.jpg"], 0)))
    QTest.keyClick(grid, Qt.Key.Key_X)  # in the grid: the same key
    assert win.model.results[rows["s2.jpg"]].human_label == NEITHER
    text = apply_dialog_text(qtbot, win, apply=True)
    assert "<b>2</b></td><td>stay here: neither cosmos nor sakura" in text
    assert "<b>2</b></td><td>stay here: you chose “neither / leave here”" in text
    assert "below" not in text  # the uncertain one was decided: nothing left for review
    assert sorted(p.name for p in (folder / "sakura").iterdir()) == ["s1.jpg"]
    assert not (folder / NEITHER).exists() and (folder / "street.jpg").is_file() and (folder / "s2.jpg").is_file()
    assert "2 stay here: neither class." in win.banner.text and "2 stay here: you chose" in win.banner.text


def test_names_are_escaped_wherever_rich_text_shows_them(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "<b>x&y</b>"
    empty = tmp_path / "<i>empty&more"
    empty.mkdir()
    paint(folder, "<img src=x>.jpg", 0.97)
    win = window()
    with wait_job(qtbot, win, "scan"):  # no photos: nothing to classify
        win.open_folder(empty)
    assert win.pages.currentIndex() == PAGE_EMPTY
    assert "&lt;i&gt;empty&amp;more" in win.empty_page.detail.text() and "<i>empty" not in win.empty_page.detail.text()
    run_folder(qtbot, win, folder)
    assert win.folder_label.text().endswith("<b>x&y</b>") and win.folder_label.textFormat() == Qt.TextFormat.PlainText
    text = apply_dialog_text(qtbot, win, apply=True)
    assert "&lt;b&gt;x&amp;y&lt;/b&gt;" in text and "<b>x&y</b>" not in text
    out = tmp_path / "<b>report</b>.csv"
    with wait_job(qtbot, win, "export"):
        win.export_csv(out)
    assert "&lt;b&gt;report&lt;/b&gt;.csv" in win.banner.text and out.is_file()
    row = 0
    win.start_review([row])
    assert win.review.name.text() == "<img src=x>.jpg" and win.review.name.textFormat() == Qt.TextFormat.PlainText
