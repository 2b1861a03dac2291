"""The Model menu: which model is active, the list of models (bundled and the person's, checkable: choosing one
switches to it), teaching from the person's labels, training from labelled folders, and reset.

The list is read when the menu opens (one small JSON card per model), so a model taught or chosen from the
command line meanwhile is listed too; the check mark is on the model the window uses.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle

from sakura_sorter.errors import SakuraSorterError
from sakura_sorter.gui.actions import add_actions, make_action
from sakura_sorter.gui.words import TEACH_KEYS, class_title, model_title
from sakura_sorter.model.registry import BUNDLED, ModelEntry, list_models

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("ModelMenu", text, "", n)


def describe(card: dict[str, Any]) -> str:
    """One line about a model: how it was made and when."""
    if card.get("problem"):
        return _tr("cannot be read")
    date = str(card.get("created") or "")[:10]
    if card.get("taught_from"):
        text = _tr("taught from {model}").format(model=model_title(str(card["taught_from"])))
    elif card.get("name") == BUNDLED:
        text = _tr("comes with Sakura Sorter")
    else:
        text = _tr("trained")
    return f"{text}, {date}" if date else text


def card_tip(card: dict[str, Any]) -> str:
    """The model's classes, what it was trained on and how many labels came from the person (plain text)."""
    if card.get("problem"):
        return str(card["problem"])
    data = card.get("training_data") or {}
    counts = ", ".join(f"{class_title(str(k))} {v}" for k, v in (data.get("counts") or {}).items())
    lines = [_tr("Trained on: {counts}").format(counts=counts)] if counts else []
    if data.get("labels_from_the_person"):
        lines.append(_tr("%n of them are your labels", int(data["labels_from_the_person"])))
    return "\n".join(lines)


class ModelMenu(QObject):
    """The Model menu's actions, given what each does; the window enables them and says which model is active."""

    def __init__(
        self,
        window: QMainWindow,
        teach: Callable[[], None],
        train: Callable[[], None],
        reset: Callable[[], None],
        choose: Callable[[str], None],
    ):
        super().__init__(window)
        self.window, self.choose = window, choose
        sp = QStyle.StandardPixmap
        self.teach_action = make_action(
            window, _tr("&Teach the model from my labels…"), teach, TEACH_KEYS, None,
            _tr("Fit a new model on the model's own training photos plus every label you gave, and compare it "
                "with the current one before switching"),
        )  # fmt: skip
        self.train_action = make_action(
            window, _tr("T&rain a model from labelled folders…"), train, "Ctrl+Shift+T", None,
            _tr("One subfolder of photos per class, and optionally a subfolder 'other' of photos of neither class"),
        )  # fmt: skip
        self.reset_action = make_action(
            window, _tr("Reset to the &bundled model"), reset, None, sp.SP_DialogResetButton,
            _tr("Go back to the model that comes with Sakura Sorter (your models and labels are kept)"),
        )  # fmt: skip
        self.active_action = make_action(window, "", None, enabled=False)
        self.header_action = make_action(window, _tr("Models (choose one to switch):"), None, enabled=False)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.model_actions: dict[str, QAction] = {}
        self.menu: QMenu | None = None
        self.enabled = True
        self.active: tuple[str | None, str | None] = (None, None)  #: the model in use: (its name, its entry)

    def attach(self, menu: QMenu) -> None:
        self.menu = menu
        menu.setToolTipsVisible(True)
        menu.aboutToShow.connect(self.refresh)
        self._fill([])

    def set_active(self, name: str | None, entry: str | None) -> None:
        """Say which model the window uses (None: still loading), and check its ``entry`` in the list."""
        self.active = (name, entry)
        text = _tr("Active model: {name}").format(name=model_title(name)) if name else _tr("Loading the model…")
        self.active_action.setText(text)
        for known, action in self.model_actions.items():
            action.setChecked(known == entry)

    def set_enabled(self, enabled: bool, entry: str | None) -> None:
        """Switching, teaching and training wait while a job runs; reset is for a model other than the bundled."""
        self.enabled = enabled
        for action in (self.teach_action, self.train_action, *self.model_actions.values()):
            action.setEnabled(enabled and not action.property("broken"))
        self.reset_action.setEnabled(enabled and entry != BUNDLED)

    def refresh(self) -> None:
        """List the models again (the menu is opening)."""
        try:
            entries = list_models()
        except (SakuraSorterError, OSError):
            entries = []
        self._fill(entries)

    def _fill(self, entries: list[ModelEntry]) -> None:
        for action in self.model_actions.values():
            self.group.removeAction(action)
            action.deleteLater()
        self.model_actions = {}
        for entry in entries:
            action = make_action(
                self.window,
                f"{model_title(entry.name)}  ({describe(entry.card)})",
                functools.partial(self.choose, entry.name),
                tip=card_tip(entry.card),
                checkable=True,
            )
            action.setProperty("broken", bool(entry.card.get("problem")))
            action.setObjectName(f"model:{entry.name}")
            self.group.addAction(action)
            self.model_actions[entry.name] = action
        if self.menu is not None:
            self.menu.clear()
            add_actions(
                self.menu,
                [
                    self.active_action,
                    None,
                    self.teach_action,
                    self.train_action,
                    None,
                    self.header_action,
                    *self.model_actions.values(),
                    None,
                    self.reset_action,
                ],
            )
        self.set_active(*self.active)
        self.set_enabled(self.enabled, self.active[1])
