"""The window's commands as ``QAction``s (made by :func:`~sakura_sorter.gui.actions.make_action`) and its menus.

A mixin of :class:`~sakura_sorter.gui.view.MainWindow`. Menus: File, Sort, Label (one action per class of the
model, plus Neither and the model's label), View, Model (the active model, the list of models, teach, train,
reset: :mod:`.model_menu`), Help.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle

from sakura_sorter.files.plan import destinations
from sakura_sorter.gui.actions import add_actions, make_action
from sakura_sorter.gui.results.review import NEITHER_KEY, class_keys
from sakura_sorter.gui.words import LABEL_FIRST_KEYS, class_title
from sakura_sorter.vocabulary import NEITHER

from .model_menu import ModelMenu

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex

VIEW_GRID, VIEW_LIST = 0, 1


class Commands(Protocol):
    """What the menus' commands do (the controller does it)."""

    def choose_folder(self) -> None: ...
    def choose_export(self) -> None: ...
    def start_run(self) -> None: ...
    def cancel_run(self) -> None: ...
    def start_apply(self) -> None: ...
    def undo(self) -> None: ...
    def review_uncertain(self) -> None: ...
    def label_first(self) -> None: ...
    def about(self) -> None: ...
    def start_teach(self) -> None: ...
    def start_train(self) -> None: ...
    def reset_model(self) -> None: ...
    def choose_model(self, name: str) -> None: ...


class WindowMenus(QMainWindow):
    """Builds the actions and menus; the controller enables and disables the actions."""

    ctl: Commands
    classes: list[str]
    label_actions: list[QAction]
    #: Open in viewer, Show in folder, Copy path: the photos handed to the desktop (:mod:`sakura_sorter.gui.desktop`)
    desktop_actions: list[QAction]
    file_menu: QMenu
    label_menu: QMenu
    model_menu: QMenu
    models: ModelMenu

    if TYPE_CHECKING:

        def label_selected(self, label: str | None) -> None: ...

        def preview_selection(self, index: QModelIndex | None = None) -> None: ...

        def open_selected(self) -> None: ...

        def show_selected_in_folder(self) -> None: ...

        def copy_selected_paths(self) -> None: ...

        def set_view(self, which: int) -> None: ...

        def step_thumb_size(self, step: int) -> None: ...

        def show_filter(self, number: int) -> None: ...

    def _build_actions(self) -> None:
        c, sp = self.ctl, QStyle.StandardPixmap
        self.open_action = make_action(
            self, self.tr("&Open folder…"), c.choose_folder, QKeySequence.StandardKey.Open, sp.SP_DialogOpenButton,
            self.tr("Choose a folder of photos (you can also drop one on the window)"),
        )  # fmt: skip
        self.export_action = make_action(
            self, self.tr("&Export report…"), c.choose_export, "Ctrl+E", sp.SP_DialogSaveButton,
            self.tr("Save a CSV report: the same as 'sakura-sorter sort --report'"),
        )  # fmt: skip
        self.quit_action = make_action(self, self.tr("&Quit"), self.close, "Ctrl+Q")
        self.classify_action = make_action(
            self, self.tr("&Classify"), c.start_run, "F5", sp.SP_BrowserReload,
            self.tr("Classify the photos of the folder (no file is changed)"),
        )  # fmt: skip
        self.cancel_action = make_action(
            self, self.tr("&Stop"), c.cancel_run, None, sp.SP_BrowserStop,
            self.tr("Stop after the current batch; the photos done so far stay listed"),
        )  # fmt: skip
        self.apply_action = make_action(
            self, self.tr("&Apply…"), c.start_apply, ["Ctrl+Return", "Ctrl+Enter"], sp.SP_DialogApplyButton,
            self.tr("Show what will happen, then do it (can be undone)"),
        )  # fmt: skip
        self.undo_action = make_action(
            self, self.tr("&Undo last run…"), c.undo, QKeySequence.StandardKey.Undo, sp.SP_ArrowBack,
            self.tr("Put the photos of the last run back where they were"),
        )  # fmt: skip
        self.review_action = make_action(
            self, self.tr("&Review uncertain"), c.review_uncertain, "Ctrl+R", None,
            self.tr("Look at the photos below the threshold one at a time, large"),
        )  # fmt: skip
        self.label_first_action = make_action(
            self, self.tr("Label &these first"), c.label_first, LABEL_FIRST_KEYS, None,
            self.tr("The photos whose labels would teach the model most, one at a time ('sakura-sorter suggest')"),
        )  # fmt: skip
        self.preview_action = make_action(
            self, self.tr("Large &preview"), self.preview_selection, "Space", None,
            self.tr("Show the selected photos large, one at a time (Enter or double-click too)"),
        )  # fmt: skip
        self.preview_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.grid_action = make_action(self, self.tr("&Grid of thumbnails"), lambda: self.set_view(VIEW_GRID), "Ctrl+1")
        self.list_action = make_action(self, self.tr("&List with details"), lambda: self.set_view(VIEW_LIST), "Ctrl+2")
        self.smaller_action = make_action(
            self, self.tr("S&maller thumbnails"), lambda: self.step_thumb_size(-1), ["Ctrl+-"]
        )
        self.larger_action = make_action(
            self, self.tr("La&rger thumbnails"), lambda: self.step_thumb_size(1), ["Ctrl+=", "Ctrl++"]
        )
        # Alt+1 All, Alt+2… the classes, Neither, Needs review, Errors (named once the model's classes are known)
        self.filter_actions = [
            make_action(self, "", functools.partial(self.show_filter, n), f"Alt+{n}") for n in range(1, 10)
        ]
        group = QActionGroup(self)
        for action in (self.grid_action, self.list_action):
            action.setCheckable(True)
            group.addAction(action)
        self.neither_action = make_action(
            self, self.tr("&Neither: leave here"), lambda: self.label_selected(NEITHER), NEITHER_KEY, None,
            self.tr("The photo belongs to no class: it stays where it is"),
        )  # fmt: skip
        self.clear_label_action = make_action(
            self, self.tr("Use the &model's label"), lambda: self.label_selected(None), ["Backspace", "Delete"]
        )
        self.desktop_actions = [
            make_action(
                self, self.tr("Open in &viewer"), self.open_selected, "Ctrl+Shift+O", None,
                self.tr("Open the selected photos in the app your desktop opens photos with"),
            ),
            make_action(
                self, self.tr("Show in f&older"), self.show_selected_in_folder, "Ctrl+Shift+F", None,
                self.tr("Show the selected photos in the file manager"),
            ),
            make_action(
                self, self.tr("Copy &path"), self.copy_selected_paths, "Ctrl+Shift+C", None,
                self.tr("Copy where the selected photos are, one per line"),
            ),
        ]  # fmt: skip
        self.models = ModelMenu(self, c.start_teach, c.start_train, c.reset_model, c.choose_model)
        self.about_action = make_action(self, self.tr("&About Sakura Sorter"), c.about)
        for action in self.findChildren(QAction):
            self.addAction(action)  # shortcuts work whichever page is shown

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        add_actions(
            self.file_menu, [self.open_action, self.export_action, None, *self.desktop_actions, None, self.quit_action]
        )
        self.sort_menu = bar.addMenu(self.tr("&Sort"))
        add_actions(
            self.sort_menu, [self.classify_action, self.cancel_action, None, self.apply_action, self.undo_action]
        )
        self.label_menu = bar.addMenu(self.tr("&Label"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.show_menu = QMenu(self.tr("&Show"), self)
        add_actions(self.show_menu, self.filter_actions)
        views = [self.grid_action, self.list_action, self.smaller_action, self.larger_action]
        looks = [self.preview_action, self.review_action, self.label_first_action]
        add_actions(self.view_menu, [*views, None, self.show_menu, None, *looks])
        self.model_menu = bar.addMenu(self.tr("&Model"))
        self.models.attach(self.model_menu)
        self.help_menu = bar.addMenu(self.tr("&Help"))
        add_actions(self.help_menu, [self.about_action])
        self._fill_label_menu()

    def _fill_label_menu(self) -> None:
        for action in self.label_actions:
            self.removeAction(action)
            action.deleteLater()
        self.label_actions = []
        keys = class_keys(self.classes)
        for number, name in enumerate(destinations(self.classes), start=1):
            shortcuts = [k for k in dict.fromkeys([keys[name], str(number) if number <= 9 else ""]) if k]
            action = make_action(
                self, class_title(name), functools.partial(self.label_selected, name), shortcuts,
                tip=self.tr("Label the selected photos {label}").format(label=class_title(name)),
            )  # fmt: skip
            self.addAction(action)
            self.label_actions.append(action)
        self.label_menu.clear()
        others = [self.clear_label_action, None, self.label_first_action, self.undo_action]
        add_actions(self.label_menu, [*self.label_actions, self.neither_action, None, *others])
