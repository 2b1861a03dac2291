"""Every command of the window is a ``QAction`` made by :func:`make_action` and put in menus (labelme style).

State changes enable or disable actions; buttons that remain are bound to them with :func:`bind_button`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QStyle

Shortcut = str | QKeySequence | QKeySequence.StandardKey | Qt.Key
Icon = QStyle.StandardPixmap | QIcon


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object] | None = None,
    shortcut: Shortcut | Sequence[Shortcut] | None = None,
    icon: Icon | None = None,
    tip: str = "",
    checkable: bool = False,
    enabled: bool = True,
) -> QAction:
    """One command: its text, shortcut(s), icon, tip and what it does (``slot`` gets no arguments)."""
    action = QAction(text, parent)
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    if shortcut is not None:
        keys: list[Shortcut] = list(shortcut) if isinstance(shortcut, list | tuple) else [shortcut]  # type: ignore[list-item]  # a str is a Sequence too, but not a list or tuple
        action.setShortcuts([_sequence(key) for key in keys])
    if isinstance(icon, QStyle.StandardPixmap):
        icon = QApplication.style().standardIcon(icon)
    if icon is not None:
        action.setIcon(icon)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.setCheckable(checkable)
    action.setEnabled(enabled)
    return action


def _sequence(key: Shortcut) -> QKeySequence:
    return key if isinstance(key, QKeySequence) else QKeySequence(key)


def plain_text(action: QAction) -> str:
    """The action's text without its mnemonic: ``&Open…`` and ``開く(&O)…`` become ``Open…`` and ``開く…``."""
    return re.sub(r"\(&\w\)", "", action.text()).replace("&", "")


def add_actions(menu: QMenu, items: Iterable[QAction | QMenu | None]) -> None:
    """Add actions, submenus and separators (``None``) to ``menu``."""
    for item in items:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, QMenu):
            menu.addMenu(item)
        else:
            menu.addAction(item)


def bind_button(button: QAbstractButton, action: QAction) -> None:
    """Make ``button`` trigger ``action`` and follow its text, tip and enabled state."""

    def sync() -> None:
        button.setText(plain_text(action))
        button.setToolTip(action.toolTip())
        button.setEnabled(action.isEnabled())
        button.setVisible(action.isVisible())

    button.clicked.connect(lambda _checked=False: action.trigger())
    action.changed.connect(sync)
    sync()
