"""The loupe for review: one photo fills the window, at fit or 100%, with its facts and the model's scores.

The caller gives plain data (:class:`~sakura_sorter.jobs.photo_facts.LoupePhoto`, made from a results row by
:func:`~sakura_sorter.jobs.photo_facts.loupe_photo`) and listens to ``stepRequested(-1 | +1)`` (← →, Page
Up/Down) to show the previous or next photo with :meth:`Loupe.show_photo`, and to ``closed`` (Esc), after
which the focus goes back where it was. Keys: 1 or Z 100% and back, F or 0 fit, + and - zoom; drag, the
arrows (when zoomed) and the wheel pan and zoom. With a parent the loupe covers the parent window; without
one it is a maximised window of its own.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sakura_sorter.jobs.photo_facts import LoupePhoto, PhotoFacts, photo_facts, ranked_scores
from sakura_sorter.vocabulary import NEITHER

from .loupe_canvas import LoupeCanvas

translate = QCoreApplication.translate
PANEL_WIDTH = 320
_PANEL_STYLE = (
    "#loupePanel { background: #26272b; } #loupePanel QLabel { color: #e8e8ea; }"
    " #loupePanel QLabel[role='key'] { color: #a4a6ad; } #loupePanel QLabel[role='title'] { font-weight: bold; }"
    " #loupePanel QLabel[role='note'] { color: #f2b8b5; }"
)
_KEYS = {
    Qt.Key.Key_Escape, Qt.Key.Key_1, Qt.Key.Key_Z, Qt.Key.Key_F, Qt.Key.Key_0, Qt.Key.Key_Plus, Qt.Key.Key_Equal,
    Qt.Key.Key_Minus, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}  # fmt: skip
PAN_STEP = 0.2  #: an arrow key pans by this share of the view


def class_name(label: str | None) -> str:
    """A class as the window shows it (translated; the background class ``other`` is "Neither")."""
    if label is None:
        return "—"
    return translate("Classes", "Neither") if label == NEITHER else translate("Classes", label)


def breakable(text: str) -> str:
    """``text`` with invisible break points after ``_ - .`` and every 16 letters, so long names wrap."""
    out, run = [], 0
    for char in text:
        out.append(char)
        run = 0 if char.isspace() else run + 1
        if char in "_-." or run >= 16:
            out.append("\u200b")
            run = 0
    return "".join(out)


def file_size_text(size: int | None) -> str:
    if size is None:
        return "—"
    if size < 1000 * 1000:
        return translate("Loupe", "{kb} KB").format(kb=max(1, round(size / 1000)))
    return translate("Loupe", "{mb} MB").format(mb=f"{size / 1e6:.1f}")


def pixel_size_text(facts: PhotoFacts) -> str:
    if facts.width is None or facts.height is None:
        return "—"
    mp = facts.width * facts.height / 1e6
    return translate("Loupe", "{w} × {h} ({mp} MP)").format(w=facts.width, h=facts.height, mp=f"{mp:.1f}")


class _Bar(QWidget):
    """A score as a small horizontal bar."""

    def __init__(self, value: float, strong: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.value, self.strong = max(0.0, min(1.0, value)), strong
        self.setFixedHeight(10)
        self.setMinimumWidth(80)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#3a3b40"))
        filled = self.rect().adjusted(0, 0, -round(self.width() * (1 - self.value)), 0)
        painter.fillRect(filled, QColor("#f48fb1" if self.strong else "#8d8f96"))


class LoupePanel(QFrame):
    """The side panel: the photo's facts, the model's label with every class's score, the person's label."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loupePanel")
        self.setStyleSheet(_PANEL_STYLE)
        self.setFixedWidth(PANEL_WIDTH)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 16, 16, 16)
        self._layout.setSpacing(6)
        self.zoom = QLabel()
        self.hints = QLabel(self._hints())
        self.hints.setProperty("role", "key")
        self.hints.setWordWrap(True)
        self._content = QWidget()
        self._layout.addWidget(self._content)
        self._layout.addStretch(1)
        self._layout.addWidget(self.zoom)
        self._layout.addWidget(self.hints)

    @staticmethod
    def _hints() -> str:
        return translate(
            "Loupe",
            "1 or Z: 100% and back\nF or 0: fit\nDrag, arrows, wheel: pan, zoom\n"
            "Page Up / Down (← → at fit): previous, next\nEsc: back",
        )

    def show_photo(self, photo: LoupePhoto, facts: PhotoFacts) -> None:
        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        title = self._label(breakable(facts.name), "title")
        grid.addWidget(title, 0, 0, 1, 3)
        top = translate("Loupe", "(top of the folder)")
        folder = translate("Loupe", "Folder")
        rows = [
            (folder, top if facts.subfolder == "." else facts.subfolder),
            (translate("Loupe", "Taken"), facts.taken or "—"),
            (translate("Loupe", "Camera"), facts.camera or "—"),
            (translate("Loupe", "Lens"), facts.lens),
            (translate("Loupe", "Size"), pixel_size_text(facts)),
            (translate("Loupe", "File"), file_size_text(facts.file_size)),
        ]
        row = 1
        for key, value in rows:
            if value is None:
                continue
            grid.addWidget(self._label(key, "key"), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self._label(breakable(value) if key == folder else value), row, 1, 1, 2)
            row += 1
        grid.addWidget(self._spacer(), row, 0)
        row += 1
        model = translate("Loupe", "Model says: {label}").format(label=class_name(photo.label))
        grid.addWidget(self._label(model, "title"), row, 0, 1, 3)
        row += 1
        for label, score in ranked_scores(photo.scores):
            grid.addWidget(self._label(class_name(label)), row, 0)
            grid.addWidget(_Bar(score, label == photo.label), row, 1)
            grid.addWidget(self._label(f"{score:.2f}"), row, 2, Qt.AlignmentFlag.AlignRight)
            row += 1
        if photo.error:
            note = translate("Loupe", "The model could not read it: {reason}").format(reason=photo.error)
            grid.addWidget(self._label(note, "note"), row, 0, 1, 3)
            row += 1
        yours = class_name(photo.human_label) if photo.human_label else translate("Loupe", "none yet")
        yours = translate("Loupe", "Your label: {label}").format(label=yours)
        grid.addWidget(self._label(yours, "title"), row, 0, 1, 3)
        row += 1
        if facts.error:
            grid.addWidget(self._label(facts.error, "note"), row, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        self._layout.replaceWidget(self._content, content)
        self._content.deleteLater()
        self._content = content

    def text(self) -> str:
        """Everything the panel says, as plain text (one label a line)."""
        labels = [self._content, self.zoom, self.hints]
        texts = []
        for holder in labels:
            found = [holder] if isinstance(holder, QLabel) else holder.findChildren(QLabel)
            texts += [label.text().replace("\u200b", "") for label in found]
        return "\n".join(texts)

    def _label(self, text: str, role: str = "") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if role:
            label.setProperty("role", role)
        return label

    @staticmethod
    def _spacer() -> QWidget:
        spacer = QWidget()
        spacer.setFixedHeight(8)
        return spacer


class Loupe(QWidget):
    """The loupe (see the module's doc). ``on_step(-1 | +1)`` and ``on_close()`` are optional callbacks."""

    stepRequested = Signal(int)
    closed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        on_step: Callable[[int], None] | None = None,
        on_close: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("loupe")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        self.canvas = LoupeCanvas(self)
        self.panel = LoupePanel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.panel)
        self.photo: LoupePhoto | None = None
        self.facts: PhotoFacts | None = None
        self._return_focus: QWidget | None = None
        self.canvas.viewChanged.connect(self._show_zoom)
        self.canvas.fullLoaded.connect(self._show_zoom)
        if on_step is not None:
            self.stepRequested.connect(on_step)
        if on_close is not None:
            self.closed.connect(on_close)
        if parent is not None:
            parent.installEventFilter(self)
        self.hide()

    # --- what the caller does -----------------------------------------------------------------------

    def open(self, photo: LoupePhoto) -> None:
        """Show the loupe over the parent window (or maximised) with ``photo`` at fit."""
        self._return_focus = QApplication.focusWidget()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
            self.show()
            self.raise_()
        else:
            self.showMaximized()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_photo(photo)

    def show_photo(self, photo: LoupePhoto) -> None:
        """Show ``photo`` (the same photo again only refreshes the panel, keeping the zoom)."""
        same = self.photo is not None and self.photo.path == photo.path
        self.photo = photo
        if not same or self.facts is None:
            self.facts = photo_facts(photo.path, photo.root)
            size = QSize(self.facts.width or 0, self.facts.height or 0)
            self.canvas.load(photo.path, size, translate("Loupe", "Opening the photo…"))
        self.panel.show_photo(photo, self.facts)
        self._show_zoom()

    def close_loupe(self) -> None:
        """Esc: hide the loupe, give the focus back and fire ``closed``."""
        self.canvas.clear()  # a full picture holds 50 MB or more: not kept while the loupe is away
        self.photo = self.facts = None
        self.hide()
        back, self._return_focus = self._return_focus, None
        if back is not None and shiboken6.isValid(back):
            back.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    # --- keys ---------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # The window's own one-key shortcuts (1-9 label photos) must not take the loupe's keys.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._ours(event):
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _ours(event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier
        return event.key() in _KEYS and modifiers == Qt.KeyboardModifier.NoModifier

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._ours(event):
            super().keyPressEvent(event)
            return
        key, canvas = Qt.Key(event.key()), self.canvas
        zoomed = not canvas.fitted
        pans = {
            Qt.Key.Key_Left: (1, 0), Qt.Key.Key_Right: (-1, 0), Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1),
        }  # fmt: skip
        if key == Qt.Key.Key_Escape:
            self.close_loupe()
        elif key in (Qt.Key.Key_1, Qt.Key.Key_Z):
            canvas.toggle_actual_pixels(self._cursor_anchor())
        elif key in (Qt.Key.Key_F, Qt.Key.Key_0):
            canvas.fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            canvas.zoom_to(canvas.scale * (1.25 if key != Qt.Key.Key_Minus else 0.8), self._cursor_anchor())
        elif key in pans and zoomed:
            dx, dy = pans[key]
            canvas.pan(dx * PAN_STEP * canvas.width(), dy * PAN_STEP * canvas.height())
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.stepRequested.emit(-1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.stepRequested.emit(1)
        event.accept()

    def _cursor_anchor(self) -> QPointF | None:
        """The mouse pointer on the photo, if it is there (zoom keeps the point under it)."""
        point = self.canvas.mapFromGlobal(QCursor.pos())
        return QPointF(point) if self.canvas.rect().contains(point) else None

    # --- follow the parent window -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(parent.rect())
        return super().eventFilter(watched, event)

    def _show_zoom(self) -> None:
        canvas = self.canvas
        percent = round(canvas.scale * 100)
        if canvas.fitted:
            text = translate("Loupe", "Fit ({percent}%)").format(percent=percent)
        else:
            text = translate("Loupe", "Zoom {percent}%").format(percent=percent)
        self.setWindowTitle(f"{self.photo.path.name if self.photo else ''} — {text}")  # when on its own
        if not canvas.has_full() and canvas.scale >= 0.5:
            text += " · " + translate("Loupe", "loading full resolution…")
        self.panel.zoom.setText(text)
