"""The window's "Label these N first" with the real VGG16 weights and the bundled model on real photos: the
queue it reviews is the same list, in the same order, as ``sakura-sorter suggest`` gives for those photos
(skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings

from sakura_sorter.gui.widgets import PAGE_REVIEW
from sakura_sorter.gui.window.main_window import MainWindow
from sakura_sorter.jobs import Jobs, Options

pytestmark = pytest.mark.e2e
COUNT = 6


def test_label_these_first_reviews_the_suggestions_of_the_real_model(
    qtbot, weights_path: Path, real_photo_folder, tmp_path: Path
) -> None:
    folder, _truth = real_photo_folder({"sakura": 6, "cosmos": 6, "other": 4}, seed=5)
    jobs = Jobs(Options(weights=str(weights_path), precision="float32", feature_cache="off"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sakura_sorter_test", "e2e")
    win = MainWindow(jobs, settings, preload=False)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w.ctl.session, "ask_before_discarding", False))
    win.show()
    win.ctl.suggestions.count = COUNT
    with qtbot.waitSignal(win.jobDone, timeout=300_000, check_params_cb=lambda k, _h: k == "classify"):
        win.open_folder(folder)
    with qtbot.waitSignal(win.jobDone, timeout=60_000, check_params_cb=lambda k, _h: k == "suggest"):
        win.label_first_action.trigger()
    expected = [s.result.path for s in jobs.suggest(win.model.results, COUNT)]  # what the CLI's suggest ranks
    assert len(expected) == COUNT
    assert win.pages.currentIndex() == PAGE_REVIEW
    assert [win.model.results[row].path for row in win.review.rows] == expected
