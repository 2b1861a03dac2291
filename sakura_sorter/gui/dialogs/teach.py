"""The question after teaching: the taught model against the current one, and "switch to it?".

Shows the held-out accuracy of both (on all photos, on the person's labels, on the model's own training photos),
the labels it learnt, which photos of the current folder would change label, and a name for the new model.
Names (models, classes) are shown as plain text, never as markup.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sakura_sorter.gui.widgets import NOTE_STYLE, plain_label
from sakura_sorter.gui.words import class_title, model_title, percent
from sakura_sorter.jobs.teaching import Lesson
from sakura_sorter.model.teach import TAUGHT_WEIGHT

translate = QCoreApplication.translate
#: A difference smaller than this (in accuracy) is shown as "the same".
SAME = 0.005
BETTER, WORSE = "#0d652d", "#a50e0e"
BOLD = "font-weight: bold;"


def _tr(text: str, n: int = -1) -> str:
    return translate("TeachDialog", text, "", n)


def default_name() -> str:
    """``taught 2025-04-01 1430`` (in the person's language): the new model's name unless they give one."""
    return _tr("taught {date}").format(date=f"{datetime.now():%Y-%m-%d %H%M}")


class TeachDialog(QDialog):
    """Window-modal and not blocking: ``accepted`` means "switch to the taught model" (named :meth:`name`)."""

    def __init__(self, lesson: Lesson, current: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("teachDialog")
        self.setWindowTitle(_tr("Teach the model from your labels"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.lesson = lesson
        c = lesson.model.comparison
        mine = lesson.persons_labels
        count = sum(mine.values())
        heading = plain_label(_tr("A new model learnt from your labels. Switch to it?"), "font-size: 15px; " + BOLD)
        per_label = ", ".join(f"{class_title(k)} {v}" for k, v in sorted(mine.items(), key=lambda kv: -kv[1]))
        base_photos = len(lesson.model.training.labels) - count
        learnt = plain_label(
            _tr(
                "It was fitted on the {photos} training photos of “{model}” and your %n label(s) ({labels}), "
                "in {seconds:.1f} s. Each of your labels counts as {weight} photos.",
                count,
            ).format(
                photos=base_photos,
                model=model_title(lesson.base_name),
                labels=per_label,
                seconds=lesson.model.seconds,
                weight=f"{TAUGHT_WEIGHT:g}",
            )
        )
        self.table = QFrame()
        self.table.setObjectName("comparison")
        self.table.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.table)
        grid.addWidget(plain_label(_tr("Held-out accuracy"), BOLD), 0, 0)
        for column, title in enumerate((_tr("Now: {model}").format(model=model_title(current)), _tr("Taught model"))):
            header = plain_label(title, BOLD)
            header.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(header, 0, column + 1)
        grid.setColumnStretch(0, 1)
        rows = [
            (_tr("All photos"), c.old_all, c.new_all),
            (_tr("Your labels"), c.old_taught, c.new_taught),
            (_tr("The model's own training photos"), c.old_base, c.new_base),
        ]
        self.cells: list[tuple[QLabel, QLabel]] = []
        for row, (what, old, new) in enumerate(rows, start=1):
            grid.addWidget(plain_label(what), row, 0)
            before, after = plain_label(percent(old)), plain_label(percent(new))
            for cell in (before, after):
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if abs(new - old) >= SAME:
                after.setStyleSheet(f"font-weight: bold; color: {BETTER if new > old else WORSE};")
            grid.addWidget(before, row, 1)
            grid.addWidget(after, row, 2)
            self.cells.append((before, after))
        how = plain_label(
            _tr(
                "Measured by 5-fold cross-validation: each photo is labelled by a model fitted without it; "
                "the current model is refitted without your labels."
            ),
            NOTE_STYLE,
        )
        self.changes = plain_label(self._changes_text())
        self.learnt_labels = plain_label(self._labelled_text())
        self.learnt_labels.setVisible(bool(self.lesson.labelled))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(default_name())
        self.name_edit.setToolTip(_tr("A name for the new model (it is listed in the Model menu)"))
        name_row = QGridLayout()
        name_row.addWidget(QLabel(_tr("Name of the new model:")), 0, 0)
        name_row.addWidget(self.name_edit, 0, 1)
        buttons = QDialogButtonBox()
        self.switch_button = QPushButton(_tr("Switch to the taught model"))
        self.keep_button = QPushButton(_tr("Keep the current model"))
        buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.switch_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        keep_note = plain_label(
            _tr("Either way your labels are kept. The current model stays available in the Model menu."), NOTE_STYLE
        )
        layout = QVBoxLayout(self)
        for widget in (heading, learnt, self.table, how, self.changes, self.learnt_labels):
            layout.addWidget(widget)
        layout.addLayout(name_row)
        layout.addWidget(keep_note)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _changes_text(self) -> str:
        lesson = self.lesson
        if not lesson.compared:
            return _tr("No photo of a folder to compare on: open a folder to see which photos change label.")
        if not lesson.changed:
            return _tr("No photo of this folder changes label (your own labels win either way).")
        ranked = sorted(lesson.changes.items(), key=lambda kv: -kv[1])
        moves = "\n".join(f"    {class_title(old)} → {class_title(new)}: {n}" for (old, new), n in ranked)
        head = _tr("%n of {total} photos in this folder change label (the model's label; yours win):", lesson.changed)
        return head.format(total=lesson.compared) + "\n" + moves

    def _labelled_text(self) -> str:
        """How many of the folder's photos the person labelled the new model itself now labels as they did (its own
        label: the person's wins anyway), against the current model."""
        lesson = self.lesson
        if not lesson.labelled:
            return ""
        return _tr(
            "Of the %n photo(s) you labelled in this folder, the new model itself labels {after} as you did "
            "(the current model: {before}).",
            lesson.labelled,
        ).format(after=lesson.labelled_right_after, before=lesson.labelled_right_before)

    def name(self) -> str:
        return self.name_edit.text().strip() or self.name_edit.placeholderText()
