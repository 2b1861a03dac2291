"""Review photos one at a time, large, and label them with the keyboard (also the large preview of the grid).

The window's label actions (S sakura, C cosmos, digits, X neither / leave here, Backspace the model's label)
act on the photo shown here; this page adds ← → (or P, N) to move, Z to open the loupe (:mod:`.loupe`: the
photo fills the window at 100%, with its facts and scores; ← → there step through the same photos) and Esc to
go back. The person's label is stored in ``PhotoResult.human_label`` and wins when applying.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from sakura_sorter.files.plan import destinations
from sakura_sorter.gui.widgets import NOTE_STYLE
from sakura_sorter.gui.words import class_title, human_text, percent
from sakura_sorter.jobs.photo_facts import LoupePhoto, loupe_photo
from sakura_sorter.results import review_threshold
from sakura_sorter.vocabulary import NEITHER

from .loupe import Loupe
from .model import ResultsModel
from .thumbnails import ThumbnailLoader

REVIEW_SIZE = 1024
NEITHER_KEY = "X"
LOUPE_KEY = "Z"
_RESERVED = {NEITHER_KEY, LOUPE_KEY, "N", "P"}
#: Choice buttons: the person's current label is shown pressed and coloured.
_CHOICE_STYLE = (
    "QPushButton { font-weight: bold; padding: 4px 10px; }"
    "QPushButton:checked { background: #1a73e8; color: white; border: 1px solid #1558b0; border-radius: 3px; }"
)


def class_keys(classes: Sequence[str]) -> dict[str, str]:
    """A one-key shortcut per destination class: its first letter when unambiguous, else its number."""
    classes = destinations(classes)
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
    """The one-at-a-time page. :meth:`start` it with source rows of a :class:`ResultsModel`."""

    closed = Signal()
    #: what the loupe shows ("IMG_1.jpg — Zoom 100%"), "" when it closes: the window's title follows it
    loupeTitle = Signal(str)

    def __init__(self, model: ResultsModel, thumbnails: ThumbnailLoader, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.thumbnails = thumbnails
        self.rows: list[int] = []
        self.position = 0
        self.classes: list[str] = []
        self.reached_end = False
        self.end_text: str | None = None  #: said after the last photo instead of the default (see start)
        self._class_buttons: list[QPushButton] = []
        self.loupe: Loupe | None = None

        self.counter = QLabel()
        self.counter.setStyleSheet("font-weight: bold;")
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        back = QPushButton(self.tr("Back to the photos  (Esc)"))
        back.clicked.connect(self.close_review)
        top = QHBoxLayout()
        top.addWidget(self.counter)
        top.addWidget(self.name, 1)
        self.loupe_button = QPushButton(self.tr("Loupe: 100%  ({key})").format(key=LOUPE_KEY))
        self.loupe_button.setToolTip(
            self.tr("The photo fills the window, at 100% with pan, with its date, camera and scores")
        )
        self.loupe_button.clicked.connect(self.open_loupe)
        top.addWidget(self.loupe_button)
        top.addWidget(back)

        self.image = _ImageLabel()
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setStyleSheet("font-size: 15px;")
        self.end_note = QLabel()
        self.end_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.end_note.setStyleSheet("color: #0d652d; font-weight: bold;")

        self.prev_button = QPushButton(self.tr("◀ Previous  (←)"))
        self.prev_button.clicked.connect(self.previous)
        self.next_button = QPushButton(self.tr("Next  (→) ▶"))
        self.next_button.clicked.connect(self.next)
        self.neither_button = QPushButton(self.tr("Neither: leave here  ({key})").format(key=NEITHER_KEY))
        self.neither_button.setCheckable(True)
        self.neither_button.setProperty("label", NEITHER)
        self.neither_button.setStyleSheet(_CHOICE_STYLE)
        self.neither_button.clicked.connect(lambda: self.label_current(NEITHER))
        self.clear_button = QPushButton(self.tr("Use the model's label  (⌫)"))
        self.clear_button.clicked.connect(lambda: self.label_current(None))
        self.class_box = QHBoxLayout()
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addStretch(1)
        bar.addLayout(self.class_box)
        bar.addWidget(self.neither_button)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        bar.addWidget(self.next_button)

        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet(NOTE_STYLE)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.end_note)
        layout.addWidget(line)
        layout.addLayout(bar)
        layout.addWidget(self.hint)

        for key, slot in (
            (Qt.Key.Key_Left, self.previous),
            (Qt.Key.Key_P, self.previous),
            (Qt.Key.Key_Right, self.next),
            (Qt.Key.Key_N, self.next),
            (Qt.Key.Key_Escape, self.close_review),
            (Qt.Key.Key_Z, self.open_loupe),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        thumbnails.ready.connect(self._image_ready)
        thumbnails.failed.connect(lambda path, size, _reason: self._image_ready(path, size))
        model.dataChanged.connect(lambda *_: self._refresh_text())
        model.modelReset.connect(self._model_reset)

    # --- setup -----------------------------------------------------------------------------------

    def set_classes(self, classes: Sequence[str]) -> None:
        """One button per destination class of the model (never one for the background class)."""
        self.classes = list(classes)
        for button in self._class_buttons:
            button.deleteLater()
        self._class_buttons = []
        keys = class_keys(self.classes)
        for name, key in keys.items():
            title = class_title(name)
            button = QPushButton(f"{title}  ({key})" if key else title)
            button.setMinimumWidth(110)
            button.setCheckable(True)
            button.setProperty("label", name)
            button.setStyleSheet(_CHOICE_STYLE)
            button.clicked.connect(lambda _=False, n=name: self.label_current(n))
            self.class_box.addWidget(button)
            self._class_buttons.append(button)
        shown = ", ".join(f"{k} {class_title(n)}" for n, k in keys.items() if k)
        self.hint.setText(
            self.tr(
                "Keys: {classes}, {neither} neither (leave here), ⌫ the model's label, ← → move, Esc back. "
                "Your label wins over the model's when you apply."
            ).format(classes=shown, neither=NEITHER_KEY)
        )

    # --- navigation ------------------------------------------------------------------------------

    def start(self, rows: Sequence[int], position: int = 0, end_note: str | None = None) -> None:
        """Review these source rows (a fixed list, so labelled photos stay reachable with ←); ``end_note``:
        what to say after the last one, instead of going back to apply."""
        self.end_text = end_note
        self.rows = [row for row in rows if 0 <= row < len(self.model.results)]
        self.position = max(0, min(position, len(self.rows) - 1))
        self.reached_end = False
        self.show_current()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def current_row(self) -> int | None:
        if not self.rows or self.rows[self.position] >= len(self.model.results):
            return None
        return self.rows[self.position]

    def next(self) -> None:
        if self.position < len(self.rows) - 1:
            self.position += 1
            self.show_current()

    def previous(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.reached_end = False
            self.show_current()

    def close_review(self) -> None:
        self.closed.emit()

    # --- the loupe -------------------------------------------------------------------------------

    def loupe_photo(self, row: int) -> LoupePhoto:
        """The loupe's record of a row, at the photo's path now (an applied run may have moved it)."""
        photo = loupe_photo(self.model.results[row], self.model.folder)
        return dataclasses.replace(photo, path=self.model.current_path(row))

    def open_loupe(self) -> None:
        """Z: the photo shown, filling the window at 100% (Esc there comes back here, at the same photo)."""
        row = self.current_row
        if row is None:
            return
        if self.loupe is None:
            self.loupe = Loupe(self.window(), on_step=self._loupe_step, on_close=lambda: self.loupeTitle.emit(""))
            self.loupe.windowTitleChanged.connect(self.loupeTitle)
        self.loupe.open(self.loupe_photo(row))
        self.loupe.canvas.actual_pixels()

    def _loupe_step(self, step: int) -> None:
        if step > 0:
            self.next()
        else:
            self.previous()
        row = self.current_row
        if self.loupe is not None and row is not None:
            self.loupe.show_photo(self.loupe_photo(row))

    def label_current(self, label: str | None) -> None:
        """Record the person's label for the photo shown, then go to the next one (or say it was the last)."""
        row = self.current_row
        if row is None or not self.model.results[row].ok or self.model.is_done(row):
            return
        self.model.set_human_labels([row], label)
        if label is not None and self.position < len(self.rows) - 1:
            self.next()
        else:
            self.reached_end = label is not None and self.position == len(self.rows) - 1
            self._refresh_text()
        shown = self.current_row
        if self.loupe is not None and self.loupe.isVisible() and shown is not None:
            self.loupe.show_photo(self.loupe_photo(shown))  # the loupe follows, with the new label

    def _model_reset(self) -> None:
        """The results were replaced (a new run): the rows under review no longer exist."""
        self.rows, self.position, self.reached_end = [], 0, False
        self.show_current()

    # --- display ---------------------------------------------------------------------------------

    def show_current(self) -> None:
        row = self.current_row
        if row is None:
            self.image.set_image(None, self.tr("Nothing to review."))
            self._refresh_text()
            return
        path = self.model.current_path(row)
        pixmap = self.thumbnails.get(path, REVIEW_SIZE, priority=1)
        if pixmap is None:
            error = self.thumbnails.error(path, REVIEW_SIZE)
            text = self.tr("Cannot show this photo: {error}").format(error=error) if error else self.tr("Loading…")
            self.image.set_image(None, text)
        else:
            self.image.set_image(pixmap)
        if self.position + 1 < len(self.rows):  # have the next one ready
            self.thumbnails.get(self.model.current_path(self.rows[self.position + 1]), REVIEW_SIZE)
        self._refresh_text()

    def _refresh_text(self) -> None:
        row = self.current_row
        self.prev_button.setEnabled(self.position > 0)
        self.next_button.setEnabled(self.position < len(self.rows) - 1)
        self.end_note.setVisible(self.reached_end)
        if self.reached_end:
            self.end_note.setText(
                self.end_text
                or self.tr("That was the last of {n} photos. Esc goes back to the photos; then apply.").format(
                    n=len(self.rows)
                )
            )
        if row is None:
            self.counter.setText("")
            self.name.setText("")
            self.verdict.setText("")
            return
        result = self.model.results[row]
        self.counter.setText(self.tr("Photo {i} of {n}").format(i=self.position + 1, n=len(self.rows)))
        self.name.setText(self.model.name(row))
        editable = result.ok and not self.model.is_done(row)
        for button in [*self._class_buttons, self.neither_button, self.clear_button]:
            button.setEnabled(editable)
        for button in [*self._class_buttons, self.neither_button]:  # show the person's choice
            button.setChecked(result.human_label is not None and button.property("label") == result.human_label)
        if not result.ok:
            text = self.tr("Cannot be classified: {error}").format(error=html.escape(result.error or ""))
            self.verdict.setText(f"<span style='color:#b3261e'>{text}</span>")
            return
        ranked = sorted(result.scores.items(), key=lambda kv: -kv[1])
        scores = ", ".join(f"{html.escape(class_title(c))} {percent(s)}" for c, s in ranked)
        model_text = self.tr("Model: <b>{label}</b> ({scores})").format(
            label=html.escape(class_title(result.label)), scores=scores
        )
        if self.model.is_done(row):
            yours = self.tr("Already applied: {status}").format(status=html.escape(self.model.status_text(row)))
        elif result.human_label is not None:
            yours = self.tr("Your label: <b>{label}</b>").format(label=html.escape(human_text(result.human_label)))
        elif self.model.needs_review(row):
            limit = review_threshold(self.model.threshold, result.label)
            below = self.tr("Needs review (below {threshold:.1f} %)").format(threshold=100 * limit)
            yours = f"<span style='color:#8a5a00'>{below}</span>"
        else:
            yours = self.tr("Your label: none yet (the model's label will be used)")
        self.verdict.setText(f"{model_text} &nbsp;&nbsp;·&nbsp;&nbsp; {yours}")

    def _image_ready(self, path: str, size: int) -> None:
        row = self.current_row
        if size == REVIEW_SIZE and row is not None and str(self.model.current_path(row)) == path:
            self.show_current()
