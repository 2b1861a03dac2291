"""Review photos one at a time, large, and label them with the keyboard.

Keys: the first letter of each class (S sakura, C cosmos; digits 1..9 always work too), X leave in place,
Backspace back to the model's label, Left/Right (or P/N) to move, Esc back to the list. The person's label
is stored in ``PhotoResult.human_label`` and wins when applying.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sakura_sorter.vocabulary import NEITHER as LEAVE

from .results_model import ResultsModel, human_text
from .thumbnails import ThumbnailLoader

REVIEW_SIZE = 1024
LEAVE_KEY = "X"
_RESERVED = {LEAVE_KEY, "N", "P"}
#: Choice buttons: the person's current label is shown pressed and coloured.
_CHOICE_STYLE = (
    "QPushButton { font-weight: bold; padding: 4px 10px; }"
    "QPushButton:checked { background: #1a73e8; color: white; border: 1px solid #1558b0; border-radius: 3px; }"
)


def class_keys(classes: Sequence[str]) -> dict[str, str]:
    """A one-key shortcut per class: its first letter when that is unambiguous, else its number (1, 2, ...)."""
    firsts = [c[:1].upper() for c in classes]
    keys = {}
    for number, (name, first) in enumerate(zip(classes, firsts), start=1):
        if first.isalpha() and first.isascii() and firsts.count(first) == 1 and first not in _RESERVED:
            keys[name] = first
        else:
            keys[name] = str(number) if number <= 9 else ""
    return keys


class _ImageLabel(QLabel):
    """Shows a pixmap scaled to fit, keeping its aspect ratio, re-scaled on resize."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pixmap: QPixmap | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("background: #202124; color: #dddddd;")

    def set_image(self, pixmap: QPixmap | None, text: str = "") -> None:
        self._pixmap = pixmap
        if pixmap is None:
            self.setPixmap(QPixmap())
            self.setText(text)
        else:
            self.setText("")
            self._rescale()

    def _rescale(self) -> None:
        if self._pixmap is not None and not self._pixmap.isNull():
            self.setPixmap(
                self._pixmap.scaled(
                    self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def sizeHint(self) -> QSize:
        return QSize(800, 600)


class ReviewView(QWidget):
    """The one-at-a-time review page. :meth:`start` it with source rows of a :class:`ResultsModel`."""

    closed = Signal()

    def __init__(self, model: ResultsModel, thumbnails: ThumbnailLoader, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.thumbnails = thumbnails
        self.rows: list[int] = []
        self.position = 0
        self.classes: list[str] = []
        self._shortcuts: list[QShortcut] = []
        self._class_buttons: list[QPushButton] = []

        self.counter = QLabel()
        self.counter.setStyleSheet("font-weight: bold;")
        self.name = QLabel()
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        back = QPushButton("Back to list  (Esc)")
        back.clicked.connect(self.close_review)
        top = QHBoxLayout()
        top.addWidget(self.counter)
        top.addWidget(self.name, 1)
        top.addWidget(back)

        self.image = _ImageLabel()
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setStyleSheet("font-size: 15px;")

        self.buttons = QHBoxLayout()
        self.prev_button = QPushButton("◀ Previous  (←)")
        self.prev_button.clicked.connect(self.previous)
        self.next_button = QPushButton("Next  (→) ▶")
        self.next_button.clicked.connect(self.next)
        self.leave_button = QPushButton(f"Leave in place  ({LEAVE_KEY})")
        self.leave_button.setCheckable(True)
        self.leave_button.setProperty("label", LEAVE)
        self.leave_button.setStyleSheet(_CHOICE_STYLE)
        self.leave_button.clicked.connect(lambda: self.label_current(LEAVE))
        self.clear_button = QPushButton("Use model's label  (⌫)")
        self.clear_button.clicked.connect(lambda: self.label_current(None))
        self.class_box = QHBoxLayout()
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addStretch(1)
        bar.addLayout(self.class_box)
        bar.addWidget(self.leave_button)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        bar.addWidget(self.next_button)

        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(placeholder-text);")

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(line)
        layout.addLayout(bar)
        layout.addWidget(self.hint)

        for key, slot in (
            (Qt.Key.Key_Left, self.previous),
            (Qt.Key.Key_P, self.previous),
            (Qt.Key.Key_Right, self.next),
            (Qt.Key.Key_N, self.next),
            (Qt.Key.Key_Escape, self.close_review),
            (Qt.Key.Key_Backspace, lambda: self.label_current(None)),
            (Qt.Key.Key_Delete, lambda: self.label_current(None)),
            (Qt.Key.Key_X, lambda: self.label_current(LEAVE)),
        ):
            self._add_shortcut(QKeySequence(key), slot, permanent=True)
        thumbnails.ready.connect(self._image_ready)
        thumbnails.failed.connect(lambda path, size, _reason: self._image_ready(path, size))
        model.dataChanged.connect(lambda *_: self._refresh_text())

    # --- setup -----------------------------------------------------------------------------------

    def set_classes(self, classes: Sequence[str]) -> None:
        """Make one button and shortcut per class of the model."""
        self.classes = list(classes)
        for button in self._class_buttons:
            button.deleteLater()
        self._class_buttons = []
        for shortcut in [s for s in self._shortcuts if not s.property("permanent")]:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
            self._shortcuts.remove(shortcut)
        keys = class_keys(self.classes)
        for number, name in enumerate(self.classes, start=1):
            key = keys[name]
            button = QPushButton(f"{name}  ({key})" if key else name)
            button.setMinimumWidth(110)
            button.setCheckable(True)
            button.setProperty("label", name)
            button.setStyleSheet(_CHOICE_STYLE)
            button.clicked.connect(lambda _=False, n=name: self.label_current(n))
            self.class_box.addWidget(button)
            self._class_buttons.append(button)
            if key:
                self._add_shortcut(QKeySequence(key), functools.partial(self.label_current, name))
            if number <= 9 and key != str(number):
                self._add_shortcut(QKeySequence(str(number)), functools.partial(self.label_current, name))
        shown = [f"{k} {n}" for n, k in keys.items() if k]
        self.hint.setText(
            "Keys: " + ", ".join(shown) + f", {LEAVE_KEY} leave in place, ⌫ model's label, ← → move, Esc list. "
            "Your label wins over the model's when you apply."
        )

    def _add_shortcut(self, sequence: QKeySequence, slot: Callable[[], object], permanent: bool = False) -> None:
        shortcut = QShortcut(sequence, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(slot)
        shortcut.setProperty("permanent", permanent)
        self._shortcuts.append(shortcut)

    # --- navigation ------------------------------------------------------------------------------

    def start(self, rows: Sequence[int], position: int = 0) -> None:
        """Review these source rows (a fixed list, so labelled photos stay reachable with ←)."""
        self.rows = list(rows)
        self.position = max(0, min(position, len(self.rows) - 1))
        self.show_current()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def current_row(self) -> int | None:
        return self.rows[self.position] if self.rows else None

    def next(self) -> None:
        if self.position < len(self.rows) - 1:
            self.position += 1
            self.show_current()

    def previous(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.show_current()

    def close_review(self) -> None:
        self.closed.emit()

    def label_current(self, label: str | None) -> None:
        """Record the person's label for the photo shown, then go to the next one."""
        row = self.current_row
        if row is None or not self.model.results[row].ok or self.model.is_done(row):
            return
        self.model.set_human_label(row, label)
        if label is not None and self.position < len(self.rows) - 1:
            self.next()
        else:
            self._refresh_text()

    # --- display ---------------------------------------------------------------------------------

    def show_current(self) -> None:
        row = self.current_row
        if row is None:
            self.image.set_image(None, "Nothing to review.")
            self._refresh_text()
            return
        path = self.model.current_path(row)
        pixmap = self.thumbnails.get(path, REVIEW_SIZE, priority=1)
        if pixmap is None:
            error = self.thumbnails.error(path, REVIEW_SIZE)
            self.image.set_image(None, f"Cannot show this photo: {error}" if error else "Loading…")
        else:
            self.image.set_image(pixmap)
        if self.position + 1 < len(self.rows):  # have the next one ready
            self.thumbnails.get(self.model.current_path(self.rows[self.position + 1]), REVIEW_SIZE)
        self._refresh_text()

    def _refresh_text(self) -> None:
        row = self.current_row
        self.prev_button.setEnabled(self.position > 0)
        self.next_button.setEnabled(self.position < len(self.rows) - 1)
        if row is None:
            self.counter.setText("")
            self.name.setText("")
            self.verdict.setText("")
            return
        result = self.model.results[row]
        self.counter.setText(f"Photo {self.position + 1} of {len(self.rows)}")
        self.name.setText(self.model.current_path(row).name)
        editable = result.ok and not self.model.is_done(row)
        for button in [*self._class_buttons, self.leave_button, self.clear_button]:
            button.setEnabled(editable)
        for button in [*self._class_buttons, self.leave_button]:  # show the person's choice
            button.setChecked(result.human_label is not None and button.property("label") == result.human_label)
        if not result.ok:
            self.verdict.setText(f"<span style='color:#b3261e'>Cannot be classified: {result.error}</span>")
            return
        scores = ", ".join(f"{c} {s:.2f}" for c, s in sorted(result.scores.items(), key=lambda kv: -kv[1]))
        model_text = f"Model: <b>{result.label}</b> ({scores})"
        if result.human_label is not None:
            yours = f"Your label: <b>{human_text(result.human_label)}</b>"
        elif self.model.needs_review(row):
            yours = f"<span style='color:#8a5a00'>Needs review (below {self.model.threshold:.2f})</span>"
        else:
            yours = "Your label: — (the model's label will be used)"
        if self.model.is_done(row):
            yours = f"Already applied: {self.model.status_text(row)}"
        self.verdict.setText(f"{model_text} &nbsp;&nbsp;·&nbsp;&nbsp; {yours}")

    def _image_ready(self, path: str, size: int) -> None:
        row = self.current_row
        if size == REVIEW_SIZE and row is not None and str(self.model.current_path(row)) == path:
            self.show_current()
