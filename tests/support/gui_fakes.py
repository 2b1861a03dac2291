"""Fakes and helpers for the window's tests: a model that reads a photo's colour, and window fixtures.

The fake extractor returns the mean red and green of a photo (0..1). The fake bundle's sakura score is the
red value, so a test decides the model's confidence by painting the photo; with the three-class bundle a
photo painted with green >= 0.9 is ``other`` (neither). Import the fixtures into a test module with
(``tests/unit/conftest.py`` makes the fixtures available; ``tests/support`` is on the path: pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from fake_features import FakeExtractor
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from sakura_sorter.gui.window.main_window import MainWindow
from sakura_sorter.jobs import Jobs, Options

CLASSES = ["cosmos", "sakura"]
THREE = ["cosmos", "other", "sakura"]


class FakeBundle:
    def __init__(self, classes: list[str] = CLASSES, card: dict | None = None):
        self.classes = list(classes)
        self.card = card or {}

    def predict(self, features: np.ndarray):  # type: ignore[no-untyped-def]
        p = np.clip(features[:, 0], 0.0, 1.0)
        if self.classes == CLASSES:
            scores = np.stack([1.0 - p, p], axis=1)
        else:
            other = np.where(features[:, 1] >= 0.9, 0.97, 0.01)
            scores = np.stack([(1.0 - p) * (1 - other), other, p * (1 - other)], axis=1)
        best = scores.argmax(axis=1)
        return [self.classes[i] for i in best], scores[np.arange(len(best)), best], scores


class FakeJobs(Jobs):
    def __init__(
        self,
        delay: float = 0.0,
        error: Exception | None = None,
        batch_size: int = 16,
        classes: list[str] = CLASSES,
        card: dict | None = None,
    ):
        super().__init__(Options(batch_size=batch_size), extractor=FakeExtractor(delay))  # type: ignore[arg-type]
        self.error = error
        self.fake_bundle = FakeBundle(classes, card)

    def bundle(self):  # type: ignore[no-untyped-def]
        return self.fake_bundle

    def settings(self):  # type: ignore[no-untyped-def]
        if self.error is not None:
            raise self.error
        return None

    def extractor(self):  # type: ignore[no-untyped-def]
        return self._extractor

    def open_cache(self):  # type: ignore[no-untyped-def]
        return None


def paint(folder: Path, name: str, sakura: float, green: int = 90) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    Image.new("RGB", (64, 48), (round(255 * sakura), green, 160)).save(path, quality=95)
    return path


def make_folder(root: Path) -> dict[str, Path]:
    """Five confident sakura, three confident cosmos, two uncertain, one broken file."""
    photos = {f"s{i}": paint(root, f"s{i}.jpg", 0.98) for i in range(5)}
    photos.update({f"c{i}": paint(root, f"c{i}.jpg", 0.02) for i in range(3)})
    photos["u_sakura"] = paint(root, "u1.jpg", 0.62)
    photos["u_cosmos"] = paint(root, "u2.jpg", 0.35)
    broken = root / "broken.jpg"
    broken.write_bytes(b"not a jpeg")
    photos["broken"] = broken
    return photos


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sakura_sorter_test", "window")


@pytest.fixture
def window(qtbot, settings: QSettings):  # type: ignore[no-untyped-def]
    def make(jobs: Jobs | None = None) -> MainWindow:
        win = MainWindow(jobs or FakeJobs(), settings)

        # Closing at the end of a test must not wait for a person's answer about unapplied labels.
        def no_question(w: MainWindow) -> None:
            if hasattr(w, "ctl"):
                w.ctl.session.ask_before_discarding = False

        qtbot.addWidget(win, before_close_func=no_question)
        with qtbot.waitActive(win):  # shortcuts reach only the active window
            win.show()
            win.activateWindow()
        return win

    return make


def wait_job(qtbot, win: MainWindow, kind: str, timeout: int = 20000):  # type: ignore[no-untyped-def]
    """``with wait_job(qtbot, win, "apply"): ...`` waits until that kind of job ended."""
    return qtbot.waitSignal(win.jobDone, timeout=timeout, check_params_cb=lambda k, _how: k == kind)


def run_folder(qtbot, win: MainWindow, folder: Path, timeout: int = 20000) -> None:  # type: ignore[no-untyped-def]
    with wait_job(qtbot, win, "classify", timeout):
        win.open_folder(folder)


def by_name(win: MainWindow) -> dict[str, int]:
    return {r.path.name: row for row, r in enumerate(win.model.results)}


def when_modal(act: Callable[[QDialog | QMessageBox], None], tries: int = 500) -> None:
    """Once a modal dialog is open, call ``act`` on it (e.g. click one of its buttons)."""

    def check(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog | QMessageBox):
            act(dialog)
        elif left:
            QTimer.singleShot(20, lambda: check(left - 1))

    QTimer.singleShot(20, lambda: check(tries))


def click_button(text: str) -> Callable[[QDialog | QMessageBox], None]:
    """An ``act`` for :func:`when_modal` that clicks the dialog's button whose text contains ``text``."""
    from PySide6.QtWidgets import QAbstractButton

    def act(dialog: QDialog | QMessageBox) -> None:
        buttons = [b for b in dialog.findChildren(QAbstractButton) if text in b.text().replace("&", "")]
        if not buttons:
            found = [b.text() for b in dialog.findChildren(QAbstractButton)]
            dialog.reject()  # never leave a test waiting for an answer nobody gives
            raise AssertionError(f"no button {text!r} in {found}")
        buttons[0].click()

    return act


def accept_apply(win: MainWindow) -> None:
    """Press the apply button of the apply dialog once it is shown."""

    def click() -> None:
        if win.apply_dialog is None:
            QTimer.singleShot(20, click)
        else:
            win.apply_dialog.apply_button.click()

    QTimer.singleShot(20, click)


def apply_dialog_text(qtbot, win: MainWindow, apply: bool) -> str:  # type: ignore[no-untyped-def]
    """Start applying and return the text of the apply dialog's labels; then press its apply button and wait until
    the photos are moved (``apply``), or close it once the plan is done (nothing moves)."""
    seen: list[str] = []

    def read(dialog) -> None:  # type: ignore[no-untyped-def]
        try:
            seen.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        finally:
            if apply:
                dialog.apply_button.click()
            else:
                dialog.reject()

    when_modal(read)
    with wait_job(qtbot, win, "apply" if apply else "plan"):
        win.start_apply()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    return seen[0]


def teach_dialog_shown(win) -> bool:
    """True once the window's teach dialog exists and is on screen."""
    dialog = win.ctl.models.teach_dialog
    return dialog is not None and dialog.isVisible()


def select(win, names: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    """Select these photos in the current view, as Ctrl+click would; returns their rows."""
    view, rows = win.current_view(), [by_name(win)[n] for n in names]
    view.selectionModel().clearSelection()
    for row in rows:
        index = win.proxy.mapFromSource(win.model.index(row, 0))
        view.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    view.setFocus()
    return rows
