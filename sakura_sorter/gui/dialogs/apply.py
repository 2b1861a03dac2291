"""The confirmation before applying: how many photos go where, how many stay and why, and what changed.

It says exactly what will happen on disk, including where photos of subfolders go, and which photos are
left out because they were moved or changed outside this window since they were classified.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from sakura_sorter.files.plan_summary import PlanSummary, summarize
from sakura_sorter.gui.words import bold, class_title, count_photos, left_out_words, threshold_text, verb
from sakura_sorter.vocabulary import Mode

if TYPE_CHECKING:
    from sakura_sorter.files.plan import Plan
    from sakura_sorter.jobs.tasks import Prepared

translate = QCoreApplication.translate


def where_text(plan: Plan, summary: PlanSummary, per_folder: bool) -> str:
    """Where the photos go, in words, with the photo folder's name escaped."""
    folder = bold(plan.folder)
    if plan.mode == Mode.TAG:
        return translate("Apply", "No photo is moved: the label is written into an XMP sidecar next to each photo.")
    if plan.mode == Mode.MOVE:
        text = translate("Apply", "Photos are moved into subfolders of {folder}; their sidecar files go with them.")
    else:
        text = translate("Apply", "Photos are copied into subfolders of {folder}; the originals stay.")
    text = text.format(folder=folder)
    if summary.from_subfolders:
        names = ", ".join(bold(f"{name}/") for name in sorted(summary.from_subfolders)[:5])
        count = sum(summary.from_subfolders.values())
        first = sorted(summary.from_subfolders)[0]
        if per_folder:
            extra = translate(
                "Apply",
                "%n photo(s) in subfolders ({names}) go into class folders inside their own subfolder, "
                "for example {example}; the subfolders keep their place.",
                "",
                count,
            ).format(names=names, example=bold(f"{first}/{plan.classes[0]}/"))
        else:
            extra = translate(
                "Apply",
                "%n photo(s) from subfolders ({names}) are gathered into the class folders at the top, "
                "for example {example}; the subfolders stay, emptier.",
                "",
                count,
            ).format(names=names, example=bold(f"{plan.folder.name}/{plan.classes[0]}/"))
        text += "<br>" + extra
    return text


def summary_html(plan: Plan, summary: PlanSummary, per_folder: bool = False) -> str:
    done = {
        Mode.MOVE: translate("Apply", "moved"),
        Mode.COPY: translate("Apply", "copied"),
        Mode.TAG: translate("Apply", "tagged"),
    }[Mode(plan.mode)]
    rows = []
    for name in plan.classes:
        count = summary.to_class.get(name, 0)
        mine = summary.by_person.get(name, 0)
        title = html.escape(class_title(name))
        if plan.mode == Mode.TAG:
            what = translate("Apply", "tagged as <b>{title}</b> (XMP sidecar)").format(title=title)
        else:
            what = translate("Apply", "{done} into <b>{folder}/</b>").format(done=done, folder=html.escape(name))
        if mine:
            what += " &nbsp;<i>" + translate("Apply", "(%n by your label)", "", mine) + "</i>"
        rows.append(f"<tr><td align='right'><b>{count}</b></td><td>{what}</td></tr>")
    stays = [
        (summary.neither, translate("Apply", "stay here: neither {classes}").format(classes=_classes(plan))),
        (summary.left_by_person, translate("Apply", "stay here: you chose “neither / leave here”")),
        (
            summary.review,
            translate("Apply", "stay here: confidence below {threshold} and not reviewed").format(
                threshold=threshold_text(plan.threshold)
            ),
        ),
        (summary.skipped, translate("Apply", "skipped (already sorted or tagged, links, …)")),
        (summary.errors, translate("Apply", "cannot be sorted (errors; see the list)")),
    ]
    rows += [f"<tr><td align='right'><b>{n}</b></td><td>{text}</td></tr>" for n, text in stays if n]
    table = "<table cellspacing='6'>" + "".join(rows) + "</table>"
    undo = translate("Apply", "Nothing is overwritten, and Undo (Ctrl+Z) reverses it.")
    return f"{table}<p>{where_text(plan, summary, per_folder)}<br>{undo}</p>"


def _classes(plan: Plan) -> str:
    return translate("Apply", " nor ").join(html.escape(class_title(c)) for c in plan.classes)


def changes_html(gone: list[Path], changed: list[Path]) -> str:
    """The warning about photos moved or edited outside the window since they were classified."""
    parts = []
    if gone:
        parts.append(
            translate(
                "Apply",
                "<b>%n photo(s) are no longer where they were when classified</b> (moved, renamed or deleted "
                "outside this window, e.g. {example}). They are left out.",
                "",
                len(gone),
            ).format(example=bold(gone[0].name))
        )
    if changed:
        parts.append(
            translate(
                "Apply",
                "<b>%n photo(s) changed since they were classified</b> (e.g. {example}); their labels may be out "
                "of date.",
                "",
                len(changed),
            ).format(example=bold(changed[0].name))
        )
    advice = translate("Apply", "Classify again (F5) to see the folder as it is now.")
    return "<p style='color:#8a5a00'>" + "<br>".join(parts) + f"<br>{advice}</p>" if parts else ""


def left_out_note(prepared: Prepared) -> str:
    """The photos of subfolders "This folder only" leaves out: they are not in this plan."""
    rest = translate("Apply", "They stay where they are; choose “With subfolders” to sort them too.")
    return left_out_words(prepared.left_out) + " " + rest


class ApplyDialog(QDialog):
    """Shows the summary; ``exec()`` returns Accepted to apply. ``choice`` is ``review`` or ``classify`` if
    the person chose to review the uncertain photos, or to classify again, instead."""

    def __init__(self, prepared: Prepared, per_folder: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        plan = prepared.plan
        self.plan = plan
        self.summary = summarize(plan)
        self.choice = ""
        self.setWindowTitle(translate("Apply", "{verb} photos").format(verb=verb(plan.mode)))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        count = self.summary.actionable
        title = QLabel(translate("Apply", "{what}?").format(what=count_photos(plan.mode, count)))
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(title)
        html_text = changes_html(prepared.gone, prepared.changed) + summary_html(plan, self.summary, per_folder)
        if prepared.left_out:
            html_text += "<p>" + left_out_note(prepared) + "</p>"
        self.text = QLabel(html_text)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        if count == 0:
            layout.addWidget(QLabel(translate("Apply", "Nothing to do with the current labels and threshold.")))
        buttons = QDialogButtonBox()
        self.apply_button: QPushButton = buttons.addButton(
            count_photos(plan.mode, count), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setEnabled(count > 0)
        if prepared.gone or prepared.changed:
            again = buttons.addButton(translate("Apply", "Classify again"), QDialogButtonBox.ButtonRole.ActionRole)
            again.clicked.connect(lambda: self._choose("classify"))
            if count == 0:
                again.setDefault(True)
        if self.summary.review:
            review = buttons.addButton(
                translate("Apply", "Review %n first", "", self.summary.review), QDialogButtonBox.ButtonRole.ActionRole
            )
            review.clicked.connect(lambda: self._choose("review"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if count:
            self.apply_button.setDefault(True)
            self.apply_button.setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.reject()
