""" "Train a model from labelled folders…" in the window: what the folder holds, progress and Stop, the result page
(acc, val_acc, cross-validation, the confusion matrix and the sorting figures as tables, the PCA plot as a
picture), and making the model the active one. The real training code runs, on fake wide features."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from fake_features import WideExtractor, paint_class
from gui_fakes import FakeJobs, wait_job

from sakura_sorter.gui.dialogs.train import PROGRESS, RESULT, SETUP
from sakura_sorter.model import registry
from sakura_sorter.model.bundle import bundled_model_dir

pytestmark = pytest.mark.usefixtures("english")  # English plural forms, as the program loads them


class TrainJobs(FakeJobs):
    """The window's fake model for classifying; real training on wide fake features."""

    def __init__(self, delay: float = 0.0, batch_size: int = 8):
        super().__init__(batch_size=batch_size)
        self._extractor = WideExtractor(delay)  # type: ignore[assignment]

    def settings(self):  # type: ignore[no-untyped-def]
        return types.SimpleNamespace(precision="float32")

    def loading_notice(self):  # type: ignore[no-untyped-def]
        return None

    def adopt_trained(self, trained, name=""):  # type: ignore[no-untyped-def]
        entry = super().adopt_trained(trained, name)
        self.model_entry = entry.name  # (the fake bundle() does not load it)
        return entry


def training_folder(root: Path, count: int = 9) -> Path:
    paint_class(root / "red", "r", (220, 40, 40), count)
    paint_class(root / "blue", "b", (40, 40, 220), count, seed=1)
    paint_class(root / "other", "o", (40, 200, 40), count, seed=2)
    return root


def open_dialog(qtbot, window, jobs: FakeJobs):  # type: ignore[no-untyped-def]
    win = window(jobs)
    win.models.train_action.trigger()
    dialog = win.ctl.models.train_dialog
    assert dialog is not None and dialog.isVisible() and dialog.pages.currentIndex() == SETUP
    return win, dialog


def test_train_from_folders_shows_the_figures_and_makes_the_model_active(qtbot, window, tmp_path: Path) -> None:
    folder = training_folder(tmp_path / "flowers")
    win, dialog = open_dialog(qtbot, window, TrainJobs())
    assert not dialog.train_button.isEnabled()
    dialog.folder_edit.setText(str(folder))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    found = dialog.found.text()
    assert "9 photos of red" in found and "9 photos of blue" in found and "9 photos of neither class" in found
    assert dialog.train_button.isEnabled() and dialog.name() == "flowers"
    steps = []
    with wait_job(qtbot, win, "train", timeout=60000):
        dialog.train_button.click()
        assert dialog.pages.currentIndex() == PROGRESS and "27 photos" in dialog.progress_title.text()
        win.ctl.session.job.yielded.connect(steps.append)
    assert dialog.pages.currentIndex() == RESULT, dialog.found.text()
    result = dialog.result_view
    assert "trained on 27 photos" in result.headline.text()
    assert set(result.figures) == {"acc", "val_acc", "cv"} and result.figures["cv"].text().count("%") == 1
    assert result.confusion.rowCount() == 3 and result.confusion.columnCount() == 3
    names = [result.confusion.horizontalHeaderItem(i).text() for i in range(3)]
    assert names == ["blue", "red", "Neither"]
    total = sum(int(result.confusion.item(i, j).text()) for i in range(3) for j in range(3))
    assert total == 9  # the held-out third of 27
    assert result.sorting.rowCount() == 3
    assert not result.pca.pixmap().isNull() and result.pca.pixmap().width() > 200
    assert win.settings.value("train_dir") == str(folder)

    dialog.result_name.setText("my flowers")
    with wait_job(qtbot, win, "adopt_trained"):
        dialog.adopt_button.click()
    assert not dialog.isVisible() and win.ctl.models.train_dialog is None
    assert registry.active_name() == "my-flowers" and (registry.models_dir() / "my-flowers" / "model.json").is_file()
    assert win.model_label.text() == "Model: my-flowers"
    assert "my-flowers" in win.banner.text
    win.models.refresh()
    assert win.models.model_actions["my-flowers"].isChecked()
    assert bundled_model_dir().is_dir()


def test_a_folder_that_cannot_be_trained_on_says_why(qtbot, window, tmp_path: Path) -> None:
    paint_class(tmp_path / "only" / "tulip", "t", (200, 200, 40), 3)
    _win, dialog = open_dialog(qtbot, window, TrainJobs())
    dialog.folder_edit.setText(str(tmp_path / "only"))
    qtbot.waitUntil(lambda: "two or more classes" in dialog.found.text(), timeout=5000)
    assert "Add a subfolder per class" in dialog.found.text() and not dialog.train_button.isEnabled()
    dialog.folder_edit.setText(str(tmp_path / "nowhere"))
    qtbot.waitUntil(lambda: "Not a folder" in dialog.found.text(), timeout=5000)
    dialog.reject()
    assert not dialog.isVisible()


def test_stop_while_reading_makes_no_model(qtbot, window, tmp_path: Path) -> None:
    folder = training_folder(tmp_path / "flowers", count=6)
    win, dialog = open_dialog(qtbot, window, TrainJobs(delay=0.3, batch_size=2))
    dialog.folder_edit.setText(str(folder))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    with wait_job(qtbot, win, "train", timeout=30000) as blocker:
        dialog.train_button.click()
        qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=10000)
        dialog.reject()  # Esc while training: stops it (the dialog stays to say so)
        assert dialog.isVisible() and "Stopping" in dialog.progress_text.text()
    assert blocker.args == ["train", "aborted"]
    assert dialog.pages.currentIndex() == SETUP and "Stopped: no model was made." in dialog.found.text()
    assert win.ctl.error_dialog is None  # a stop is not an error
    assert registry.active_name() == "bundled" and not registry.models_dir().exists()
    assert dialog.train_button.isEnabled()  # the folder is still there to train again
