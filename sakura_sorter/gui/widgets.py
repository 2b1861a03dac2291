"""Small building blocks of the main window: the message banner, the empty page, the filter bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sakura_sorter.files.plan import destinations
from sakura_sorter.gui.words import ALL, ERRORS, NEITHER_KIND, REVIEW, class_title
from sakura_sorter.vocabulary import NEITHER

#: A note's style: quieter than the text around it.
NOTE_STYLE = "color: palette(placeholder-text);"
#: The window's pages.
PAGE_EMPTY, PAGE_RESULTS, PAGE_REVIEW = 0, 1, 2
#: (background, border, text) colours per kind of message.
_BANNER_COLOURS = {
    "info": ("#e8f0fe", "#aecbfa", "#174ea6"),
    "success": ("#e6f4ea", "#a8dab5", "#0d652d"),
    "warning": ("#fef7e0", "#fdd663", "#7a4f01"),
    "error": ("#fce8e6", "#f6aea9", "#a50e0e"),
}


def plain_label(text: str = "", style: str = "") -> QLabel:
    """A word-wrapped label whose text is never read as markup (names in it are shown as written)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


class Banner(QFrame):
    """A dismissable message strip above the content. Its text is rich text: callers escape names in it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setStyleSheet("border: none; background: transparent;")
        self.action = QPushButton()
        self.action.hide()
        self._on_action: Callable[[], object] | None = None
        self.action.clicked.connect(self._action_clicked)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(
        self, kind: str, text: str, action: str = "", on_action: Callable[[], object] | None = None
    ) -> None:
        self.kind = kind
        background, border, colour = _BANNER_COLOURS[kind]
        self.setStyleSheet(f"Banner {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}")
        self.label.setStyleSheet(f"border: none; background: transparent; color: {colour};")
        self.label.setText(text)
        self._on_action = on_action
        if action and on_action is not None:
            self.action.setText(action)
            self.action.show()
        else:
            self.action.hide()
        self.show()

    def _action_clicked(self) -> None:
        if self._on_action is not None:
            self._on_action()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class EmptyPage(QWidget):
    """What a new user sees first: where to drop a folder, and a button to choose one."""

    chooseClicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.detail = QLabel()
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.button = button = QPushButton(self.tr("Choose a folder…"))
        self.set_detail("")
        button.setMinimumWidth(180)
        button.clicked.connect(self.chooseClicked)
        frame = QFrame()
        frame.setObjectName("dropZone")
        frame.setStyleSheet("#dropZone { border: 2px dashed #9aa0a6; border-radius: 12px; }")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(40, 40, 40, 40)
        inner.addStretch(1)
        inner.addWidget(self.title)
        inner.addSpacing(8)
        inner.addWidget(self.detail)
        inner.addSpacing(16)
        inner.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(frame)

    def set_opening(self, title: str, detail: str) -> None:
        """Say a folder is opening (its name, what is happening) instead of asking for one."""
        self.title.setText(title)
        self.detail.setText(detail)
        self.button.hide()

    def set_detail(self, extra: str) -> None:
        self.title.setText(self.tr("Drop a folder of photos here"))
        self.button.show()
        base = self.tr(
            "The photos are classified first; nothing on disk changes until you apply. "
            "Photos the model is unsure of are set aside for you to review, and photos of neither class stay "
            "where they are."
        )
        self.detail.setText(f"{extra}<br><br>{base}" if extra else base)


class FilterBar(QWidget):
    """Checkable buttons: All, one per destination class, Neither, Needs review, Errors, each with its count."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QToolButton] = {}
        self._names: dict[str, str] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addWidget(QLabel(self.tr("Show:")))
        self._layout.addStretch(1)
        self.set_classes([])

    def set_classes(self, classes: Sequence[str]) -> None:
        current = self.current
        for button in self._buttons.values():
            self._group.removeButton(button)
            button.deleteLater()
        self._buttons.clear()
        self._names = {
            ALL: self.tr("All"),
            **{c: class_title(c) for c in destinations(classes)},
            NEITHER_KIND: class_title(NEITHER),
            REVIEW: self.tr("Needs review"),
            ERRORS: self.tr("Errors"),
        }
        tips = {c: self.tr("Photos that go into {folder}/ on Apply").format(folder=c) for c in destinations(classes)}
        tips[NEITHER_KIND] = self.tr("Photos that stay here: neither class, or your “leave here”")
        tips[REVIEW] = self.tr("Photos below the threshold: they stay here until you label them")
        for position, (kind, name) in enumerate(self._names.items(), start=1):
            button = QToolButton()
            button.setText(name)
            if kind in tips:
                button.setToolTip(tips[kind] + " " + self.tr("(no photo is counted twice)"))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _=False, k=kind: self.changed.emit(k))
            self._group.addButton(button)
            self._buttons[kind] = button
            self._layout.insertWidget(position, button)
        self.select(current if current in self._buttons else ALL, emit=False)

    @property
    def current(self) -> str:
        for kind, button in self._buttons.items():
            if button.isChecked():
                return kind
        return ALL

    def select(self, kind: str, emit: bool = True) -> None:
        self._buttons[kind].setChecked(True)
        if emit:
            self.changed.emit(kind)

    def kinds(self) -> list[str]:
        """The filters in the order shown."""
        return list(self._names)

    def name(self, kind: str) -> str:
        """A filter's name as its button says it (without the count)."""
        return self._names.get(kind, kind)

    def button(self, kind: str) -> QToolButton:
        return self._buttons[kind]

    def set_counts(self, counts: dict[str, int]) -> None:
        for kind, button in self._buttons.items():
            button.setText(f"{self._names[kind]} ({counts.get(kind, 0)})")
