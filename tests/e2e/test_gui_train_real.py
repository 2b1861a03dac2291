""" "Train a model from labelled folders…" in the window with the real VGG16 weights on real photos.

The person points the dialog at a folder with ``sakura/``, ``cosmos/`` and ``other/`` subfolders; the window reads
them with the real extractor, shows acc/val_acc, cross-validation, the confusion matrix and the PCA picture, and
makes the model the active one. That model then labels photos it was not trained on (``evaluate`` on a held-out
labelled folder, and the window's own classification), and its card says what it was trained on.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings

from sakura_sorter.gui.dialogs.train import RESULT
from sakura_sorter.gui.window.main_window import MainWindow
from sakura_sorter.jobs import Jobs, Options
from sakura_sorter.model import registry
from sakura_sorter.model.bundle import bundled_model_dir
from sakura_sorter.progress import drain
from sakura_sorter.vocabulary import NEITHER

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("english")]  # English plural forms
LONG = 900_000  # ms: VGG16 on 2 cores


def split(files: list[Path], train: int, test: int, seed: int) -> tuple[list[Path], list[Path]]:
    chosen = random.Random(seed).sample(sorted(files), train + test)
    return chosen[:train], chosen[train:]


def labelled_folders(photos_dir: Path, root: Path) -> tuple[Path, Path]:
    """A training folder and a held-out folder, each with sakura/, cosmos/ and other/ (no photo in both)."""
    everyday = photos_dir.parent / "everyday"
    if not everyday.is_dir():
        pytest.fail(f"{everyday} is missing beside {photos_dir}")
    sources = {
        "sakura": (sorted((photos_dir / "sakura").glob("*.jpg")), 10, 3),
        "cosmos": (sorted((photos_dir / "cosmos").glob("*.jpg")), 8, 3),
        "other": (sorted(everyday.glob("*/*.jpg")) + sorted((photos_dir / "other").glob("*.jpg")), 12, 4),
    }
    train_dir, test_dir = root / "garden", root / "held-out"
    for label, (files, n_train, n_test) in sources.items():
        for folder, chosen in zip((train_dir, test_dir), split(files, n_train, n_test, seed=7)):
            (folder / label).mkdir(parents=True, exist_ok=True)
            for photo in chosen:
                shutil.copy2(photo, folder / label / photo.name)
    return train_dir, test_dir


def test_training_in_the_window_on_real_photos_makes_a_model_that_sorts(  # type: ignore[no-untyped-def]
    qtbot, extractor, weights_path: Path, photos_dir: Path, tmp_path: Path
) -> None:
    bundled = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_model_dir().iterdir()}
    train_dir, test_dir = labelled_folders(photos_dir, tmp_path)
    options = Options(weights=str(weights_path), precision="float32", feature_cache=str(tmp_path / "features.db"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sakura_sorter_test", "train")
    jobs = Jobs(options, extractor=extractor)
    win = MainWindow(jobs, settings)
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w.ctl.session, "ask_before_discarding", False))
    win.show()

    win.models.train_action.trigger()
    dialog = win.ctl.models.train_dialog
    dialog.folder_edit.setText(str(train_dir))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    found = dialog.found.text()
    assert "10 photos of sakura" in found and "8 photos of cosmos" in found, found
    assert "12 photos of neither class" in found, found
    with qtbot.waitSignal(win.jobDone, timeout=LONG, check_params_cb=lambda kind, _how: kind == "train"):
        dialog.train_button.click()
    assert dialog.pages.currentIndex() == RESULT, dialog.found.text()
    result = dialog.result_view
    assert "trained on 30 photos" in result.headline.text(), result.headline.text()
    figures = {name: label.text() for name, label in result.figures.items()}
    assert set(figures) == {"acc", "val_acc", "cv"} and all("%" in text for text in figures.values()), figures
    cells = [[int(result.confusion.item(i, j).text()) for j in range(3)] for i in range(3)]
    assert sum(map(sum, cells)) == 10  # the recipe's held-out third of 30 photos
    assert not result.pca.pixmap().isNull()

    dialog.result_name.setText("my garden")
    with qtbot.waitSignal(win.jobDone, timeout=60000, check_params_cb=lambda kind, _how: kind == "adopt_trained"):
        dialog.adopt_button.click()
    assert registry.active_name() == "my-garden" and win.model_label.text() == "Model: my-garden"
    card = json.loads((registry.model_dir("my-garden") / "model.json").read_text(encoding="utf-8"))
    assert sorted(card["classes"]) == ["cosmos", NEITHER, "sakura"] and card["name"] == "my-garden"
    assert card["training_data"]["counts"] == {"sakura": 10, "cosmos": 8, NEITHER: 12}
    assert card["metrics"] and card["versions"] and card["created"], card

    # The model it made labels photos it never saw: the held-out folder, through evaluate ...
    evaluated = drain(jobs.evaluate(test_dir))
    truth = {p.name: p.parent.name for p in test_dir.rglob("*.jpg")}
    assert evaluated.evaluation.total == len(truth) == 10
    flowers_right = {m.path.name for m in evaluated.evaluation.mistakes if truth[m.path.name] != NEITHER}
    assert not flowers_right, evaluated.evaluation.mistakes
    assert evaluated.evaluation.accuracy >= 0.8, evaluated.evaluation.mistakes

    # ... and in the window, which now classifies with it.
    flat = tmp_path / "to-sort"
    flat.mkdir()
    for photo in test_dir.rglob("*.jpg"):
        shutil.copy2(photo, flat / photo.name)
    with qtbot.waitSignal(win.jobDone, timeout=LONG, check_params_cb=lambda kind, _how: kind == "classify"):
        win.open_folder(flat)
    labels = {r.path.name: r.label for r in win.model.results}
    assert {n: labels[n] for n, t in truth.items() if t != NEITHER} == {n: t for n, t in truth.items() if t != NEITHER}
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundled_model_dir().iterdir()} == bundled
