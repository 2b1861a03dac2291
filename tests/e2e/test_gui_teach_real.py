"""Teaching from the window with the real model on real photos (the window's version of test_teach_real.py).

Plum and peach blossom that the bundled model would move into ``sakura/`` are labelled "neither" by key (X) in
the grid and in the review; the model is taught from the window and the person switches to it. After the
switch the folder is classified again: those photos stay where they are (the person's label wins, also for one
renamed meanwhile), similar photos the person did not label (mirrored, cropped copies made here) move towards
neither, sakura and cosmos still go to their folders, the bundled model's files are unchanged, and "Reset to
the bundled model" brings back the bundled model's own labels.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from sakura_sorter.digest import sha256_of
from sakura_sorter.gui.widgets import PAGE_REVIEW
from sakura_sorter.gui.window.main_window import MainWindow
from sakura_sorter.gui.words import NEITHER_KIND, REVIEW
from sakura_sorter.jobs import Jobs, Options
from sakura_sorter.model import registry
from sakura_sorter.model.bundle import bundled_model_dir
from sakura_sorter.model.teaching import TeachingSet
from sakura_sorter.vocabulary import NEITHER

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("english")]  # English plural forms
LONG = 900_000  # ms: the first classification runs VGG16 on 2 cores


def state(win: MainWindow) -> dict[str, tuple[str, str | None, float, str | None]]:
    """Per photo: what the window would do (a class, neither, review), the model's label, its sakura score, and
    the person's label."""
    model = win.model
    return {
        r.path.name: (model.kind_of(row), r.label, r.scores.get("sakura", 0.0), r.human_label)
        for row, r in enumerate(model.results)
        if r.ok
    }


def classify(qtbot, win: MainWindow, start) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(win.jobDone, timeout=LONG, check_params_cb=lambda kind, _how: kind == "classify"):
        start()


def test_neither_labels_given_in_the_window_teach_the_model(  # type: ignore[no-untyped-def]
    qtbot, extractor, weights_path: Path, spring_folder: tuple[Path, list[str]], tmp_path: Path
) -> None:
    bundled = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_model_dir().iterdir()}
    folder, blossoms = spring_folder
    options = Options(weights=str(weights_path), precision="float32", feature_cache=str(tmp_path / "features.db"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sakura_sorter_test", "teach")
    win = MainWindow(Jobs(options, extractor=extractor), settings)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w.ctl.session, "ask_before_discarding", False))
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    classify(qtbot, win, lambda: win.open_folder(folder))
    before = state(win)
    wrong = [n for n in blossoms if before[n][0] == "sakura"]  # would be moved into sakura/
    assert len(wrong) >= 4, {n: before[n] for n in blossoms}

    # The person labels them "neither" by key: half in the grid (selected, X), half in the review (X each).
    rows = {r.path.name: row for row, r in enumerate(win.model.results)}
    in_grid, in_review = wrong[: len(wrong) // 2], wrong[len(wrong) // 2 :]
    selection = win.grid.selectionModel()
    selection.clearSelection()
    for name in in_grid:
        index = win.proxy.mapFromSource(win.model.index(rows[name], 0))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)
    win.grid.setFocus()
    QTest.keyClick(win.grid, Qt.Key.Key_X)
    win.start_review([rows[n] for n in in_review])
    assert win.pages.currentIndex() == PAGE_REVIEW
    for _name in in_review:
        QTest.keyClick(win.review, Qt.Key.Key_X)
    QTest.keyClick(win.review, Qt.Key.Key_Escape)
    assert {n: win.model.results[rows[n]].human_label for n in wrong} == dict.fromkeys(wrong, NEITHER)
    qtbot.waitUntil(lambda: win.ctl.session.keeper.idle, timeout=60000)
    with TeachingSet() as store:  # kept at once, by content: closing the window now would lose nothing
        assert store.labels([sha256_of(folder / n) for n in wrong]) == {sha256_of(folder / n): NEITHER for n in wrong}
    assert win.teach_button.isVisible() and str(len(wrong)) in win.teach_button.text()
    (folder / wrong[0]).rename(folder / "renamed.jpg")  # moved meanwhile: found again by its content

    # Teach from the window, read the comparison, switch.
    with qtbot.waitSignal(win.jobDone, timeout=LONG, check_params_cb=lambda kind, _how: kind == "teach"):
        win.teach_button.click()
    models = win.ctl.models
    qtbot.waitUntil(lambda: models.teach_dialog is not None and models.teach_dialog.isVisible(), timeout=10000)
    dialog = win.ctl.models.teach_dialog
    shown = "\n".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"{len(wrong)} labels (Neither {len(wrong)})" in shown and "Now: bundled" in shown, shown
    # what the new model itself learnt of the labelled photos: the current one labelled them all sakura
    learnt = re.search(
        r"Of the (\d+) photos you labelled in this folder, the new model itself labels (\d+) as you did "
        r"\(the current model: (\d+)\)",
        shown,
    )
    assert learnt, shown
    assert int(learnt[1]) == len(wrong) and int(learnt[3]) == 0 and 1 <= int(learnt[2]) <= len(wrong), learnt[0]
    dialog.name_edit.setText("no plums")
    classify(qtbot, win, dialog.switch_button.click)
    assert registry.active_name() == "no-plums" and win.model_label.text() == "Model: no-plums"
    assert "Now using the model" in win.banner.text and win.ctl.session.keeper.untaught == 0
    after = state(win)

    # The person's labels win wherever the photos are, renamed too.
    for name in ["renamed.jpg", *wrong[1:]]:
        assert after[name][0] == NEITHER_KIND and after[name][3] == NEITHER, (name, after[name])
    # Similar photos nobody labelled move towards neither.
    similar = [f"similar_{n}" for n in wrong]
    assert sum(after[n][2] for n in similar) < sum(before[n][2] for n in similar)
    assert any(after[n][0] in (NEITHER_KIND, REVIEW) for n in similar), {n: after[n] for n in similar}
    # Sakura and cosmos still go to their folders.
    for name, (kind, label, _score, _mine) in after.items():
        if not name.startswith(("pixabay", "similar_", "renamed")):
            assert label in ("sakura", "cosmos") and kind in (label, REVIEW), (name, after[name])

    # One click back to the bundled model: its own labels come back; the person's labels stay theirs.
    classify(qtbot, win, win.models.reset_action.trigger)
    reset = state(win)
    assert registry.active_name() == "bundled" and win.model_label.text() == "Model: bundled"
    assert {n: reset[n][1] for n in similar} == {n: before[n][1] for n in similar}
    assert reset["renamed.jpg"][3] == NEITHER
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_model_dir().iterdir()} == bundled
