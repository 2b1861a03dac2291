""" "Train a model from labelled folders…": choose the folder (one subfolder per class, any number of classes,
and optionally photos of neither class), see what it holds, name the model; then progress with Stop; then the
figures (:mod:`.train_result`) and a button to make the model the active one.

The dialog only shows and asks: it says what the person wants with signals, and the controller runs the jobs
and calls back :meth:`TrainDialog.show_preview`, :meth:`show_progress`, :meth:`show_result` and
:meth:`show_setup`. Window-modal and not blocking.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sakura_sorter.gui.widgets import NOTE_STYLE, plain_label
from sakura_sorter.gui.words import class_title
from sakura_sorter.jobs import ClassifyStep
from sakura_sorter.jobs.tasks import TrainingPreview, TrainOutcome
from sakura_sorter.progress import format_duration
from sakura_sorter.vocabulary import NEITHER

from .train_result import TrainResult

translate = QCoreApplication.translate
SETUP, PROGRESS, RESULT = 0, 1, 2


def _tr(text: str, n: int = -1) -> str:
    return translate("TrainDialog", text, "", n)


class TrainDialog(QDialog):
    """Signals: ``previewRequested(folder, neither_folders)``, ``trainRequested(preview, name)``,
    ``stopRequested()``, ``adoptRequested(name)``."""

    previewRequested = Signal(object, list)
    trainRequested = Signal(object, str)
    stopRequested = Signal()
    adoptRequested = Signal(str)

    def __init__(self, folder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trainDialog")
        self.setWindowTitle(_tr("Train a model from labelled folders"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview: TrainingPreview | None = None
        self.outcome: TrainOutcome | None = None
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self._ask_preview)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._setup_page(folder))
        self.pages.addWidget(self._progress_page())
        self.result_view = TrainResult()
        self.pages.addWidget(self._result_page())

        self.close_button = QPushButton(_tr("Cancel"))
        self.close_button.clicked.connect(self.reject)
        self.train_button = QPushButton(_tr("Train"))
        self.train_button.clicked.connect(self._train)
        self.stop_button = QPushButton(_tr("Stop"))
        self.stop_button.clicked.connect(self._stop)
        self.adopt_button = QPushButton(_tr("Make it the active model"))
        self.adopt_button.clicked.connect(self._adopt)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.close_button, self.stop_button, self.train_button, self.adopt_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(760, 640)
        self._show_page(SETUP)
        if folder:
            self._debounce.start()

    # --- pages -----------------------------------------------------------------------------------

    def _setup_page(self, folder: str) -> QWidget:
        page = QWidget()
        intro = plain_label(
            _tr(
                "Choose a folder with one subfolder of photos per class: the subfolder's name is the class "
                "(any number of classes). Photos that belong to no class go into a subfolder named “other” "
                "(optional): the model learns to leave such photos where they are."
            )
        )
        example = QLabel(
            "<pre>"
            + "\n".join(
                f"{html.escape(line)}"
                for line in (
                    _tr("my flowers") + "/",
                    "    sakura/    IMG_0001.jpg …",
                    "    cosmos/    IMG_0107.jpg …",
                    "    tulip/     …",
                    "    other/     … " + _tr("(optional: photos of neither class)"),
                )
            )
            + "</pre>"
        )
        example.setObjectName("example")
        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setPlaceholderText(_tr("Folder with one subfolder per class"))
        self.folder_edit.textChanged.connect(lambda _t: self._folder_changed())
        browse = QPushButton(_tr("Choose…"))
        browse.clicked.connect(lambda: self._browse(self.folder_edit, _tr("Folder with one subfolder per class")))
        self.neither_edit = QLineEdit()
        self.neither_edit.setPlaceholderText(_tr("Optional: another folder of photos of neither class"))
        self.neither_edit.textChanged.connect(lambda _t: self._folder_changed())
        browse_neither = QPushButton(_tr("Choose…"))
        browse_neither.clicked.connect(lambda: self._browse(self.neither_edit, _tr("Photos that belong to no class")))
        self.name_edit = QLineEdit()
        self.name_edit.setToolTip(_tr("The model is listed under this name in the Model menu"))
        self.found = plain_label()
        self.found.setObjectName("found")
        self.found.setMinimumHeight(60)
        self.found.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid = QGridLayout()
        grid.addWidget(QLabel(_tr("Classes:")), 0, 0)
        grid.addWidget(self.folder_edit, 0, 1)
        grid.addWidget(browse, 0, 2)
        grid.addWidget(QLabel(_tr("Neither:")), 1, 0)
        grid.addWidget(self.neither_edit, 1, 1)
        grid.addWidget(browse_neither, 1, 2)
        grid.addWidget(QLabel(_tr("Name:")), 2, 0)
        grid.addWidget(self.name_edit, 2, 1)
        note = plain_label(
            _tr(
                "Features of photos read before are taken from the cache, so training again is quick. The figures "
                "shown afterwards hold photos out to measure the model honestly; the model itself is then fitted "
                "on all of them."
            ),
            NOTE_STYLE,
        )
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(example)
        layout.addLayout(grid)
        layout.addWidget(self.found)
        layout.addStretch(1)
        layout.addWidget(note)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        self.progress_title = plain_label(style="font-weight: bold; font-size: 14px;")
        self.progress = QProgressBar()
        self.progress_text = plain_label()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.progress_title)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addStretch(2)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.result_name = QLineEdit()
        self.result_name.setToolTip(_tr("The model is listed under this name in the Model menu"))
        row = QHBoxLayout()
        row.addWidget(QLabel(_tr("Name:")))
        row.addWidget(self.result_name, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result_view, 1)
        layout.addLayout(row)
        return page

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.train_button.setVisible(page == SETUP)
        self.stop_button.setVisible(page == PROGRESS)
        self.stop_button.setEnabled(True)
        self.adopt_button.setVisible(page == RESULT)
        self.close_button.setVisible(page != PROGRESS)
        self.close_button.setText(_tr("Close without using it") if page == RESULT else _tr("Cancel"))
        self.train_button.setDefault(page == SETUP)
        self.adopt_button.setDefault(page == RESULT)
        self._update_train_button()

    # --- what the person does --------------------------------------------------------------------

    def folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        return Path(text).expanduser() if text else None

    def neither(self) -> list[Path]:
        text = self.neither_edit.text().strip()
        return [Path(text).expanduser()] if text else []

    def _browse(self, edit: QLineEdit, title: str) -> None:
        start = edit.text().strip() or self.folder_edit.text().strip() or QDir.homePath()
        chosen = QFileDialog.getExistingDirectory(self, title, start)
        if chosen:
            edit.setText(chosen)

    def _folder_changed(self) -> None:
        self.preview = None
        folder = self.folder()
        self.name_edit.setPlaceholderText(folder.name if folder is not None else "")
        self.found.setText(_tr("Looking at the folder…") if folder is not None else "")
        self.found.setStyleSheet("")
        self._update_train_button()
        self._debounce.start()

    def _ask_preview(self) -> None:
        folder = self.folder()
        if folder is not None:
            self.previewRequested.emit(folder, self.neither())

    def _update_train_button(self) -> None:
        self.train_button.setEnabled(self.preview is not None)

    def name(self) -> str:
        return self.name_edit.text().strip() or self.name_edit.placeholderText()

    def _train(self) -> None:
        if self.preview is not None:
            self.trainRequested.emit(self.preview, self.name())

    def _stop(self) -> None:
        self.stop_button.setEnabled(False)
        self.progress_text.setText(_tr("Stopping after this batch…"))
        self.stopRequested.emit()

    def _adopt(self) -> None:
        self.adopt_button.setEnabled(False)
        self.adoptRequested.emit(self.result_name.text().strip() or self.name())

    def reject(self) -> None:
        """Esc or the window's close button: while training, stop it (the dialog stays to say so)."""
        if self.pages.currentIndex() == PROGRESS:
            if self.stop_button.isEnabled():
                self._stop()
            return
        super().reject()

    # --- what the controller says ----------------------------------------------------------------

    def show_preview(self, preview: TrainingPreview | None, error: str = "", hint: str = "") -> None:
        """What the folder holds (or why it cannot be trained on); stale answers are ignored."""
        if preview is not None and preview.folder != self.folder():
            return
        self.preview = preview
        if preview is None:
            self.found.setStyleSheet("color: #a50e0e;")
            self.found.setText(f"{error}\n{hint}" if hint else error)
        else:
            self.found.setStyleSheet("")
            self.found.setText(self._summary(preview))
        self._update_train_button()

    @staticmethod
    def _summary(preview: TrainingPreview) -> str:
        counts = [(c, n) for c, n in preview.counts.items() if c != NEITHER]
        lines = [_tr("%n photo(s) of {name}", n).format(name=class_title(c)) for c, n in counts]
        if preview.counts.get(NEITHER):
            lines.append(_tr("%n photo(s) of neither class", preview.counts[NEITHER]))
        return _tr("Found:") + "\n    " + "\n    ".join(lines)

    def show_started(self, total: int) -> None:
        self._show_page(PROGRESS)
        self.progress_title.setText(_tr("Training “{name}” on %n photo(s)", total).format(name=self.name()))
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress_text.setText(_tr("Reading the photos…"))

    def show_progress(self, step: ClassifyStep) -> None:
        if not self.stop_button.isEnabled():
            return  # "Stopping…" stays until it has
        self.progress.setRange(0, step.total)
        self.progress.setValue(step.done)
        if step.done >= step.total:
            self.progress.setRange(0, 0)  # fitting: no steps to count
            self.progress_text.setText(_tr("Fitting the model and measuring it (cross-validation)…"))
            return
        rate = "-.-" if step.rate is None else f"{step.rate:.1f}"
        eta = "--:--" if step.eta is None else format_duration(step.eta)
        self.progress_text.setText(
            _tr("Reading the photos: {done} of {total} · {rate} photos/s · {eta} left").format(
                done=step.done, total=step.total, rate=rate, eta=eta
            )
        )

    def show_result(self, outcome: TrainOutcome) -> None:
        self.outcome = outcome
        self.result_name.setText(self.name())
        self.result_view.show_outcome(outcome, self.name())
        self.adopt_button.setEnabled(True)
        self._show_page(RESULT)

    def show_setup(self, message: str = "") -> None:
        """Back to choosing (training stopped or failed); ``message`` says why."""
        self.outcome = None
        self._show_page(SETUP)
        if message:
            self.found.setStyleSheet("color: #7a4f01;")
            summary = self._summary(self.preview) if self.preview is not None else ""
            self.found.setText(f"{message}\n\n{summary}".strip())

    def adopt_failed(self) -> None:
        self.adopt_button.setEnabled(True)
