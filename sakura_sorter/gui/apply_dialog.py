"""The confirmation before applying: how many photos go to each class, how many stay, and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from sakura_sorter.vocabulary import NEITHER as LEAVE

if TYPE_CHECKING:
    from sakura_sorter.files.plan import Plan

VERBS = {"move": ("Move", "moved"), "copy": ("Copy", "copied"), "tag": ("Tag", "tagged")}


@dataclass
class PlanSummary:
    mode: str
    to_class: Counter[str] = field(default_factory=Counter)
    by_person: Counter[str] = field(default_factory=Counter)
    review: int = 0
    left_by_person: int = 0
    skipped: int = 0
    errors: int = 0

    @property
    def actionable(self) -> int:
        return sum(self.to_class.values())


def summarize(plan: Plan) -> PlanSummary:
    """Count what ``plan`` would do, per class and per reason for staying."""
    summary = PlanSummary(plan.mode)
    for item in plan.items:
        if item.actionable:
            label = item.label or ""
            summary.to_class[label] += 1
            if item.result.human_label:
                summary.by_person[label] += 1
        elif item.status == "review":
            summary.review += 1
        elif item.status == "error":
            summary.errors += 1
        elif item.result.human_label == LEAVE:
            summary.left_by_person += 1
        else:
            summary.skipped += 1
    return summary


def summary_html(plan: Plan, summary: PlanSummary) -> str:
    verb = VERBS[plan.mode][1]
    rows = []
    for name in plan.classes:
        count = summary.to_class.get(name, 0)
        mine = summary.by_person.get(name, 0)
        where = f"into <b>{name}/</b>" if plan.mode != "tag" else f"as <b>{name}</b> (XMP sidecar)"
        extra = f" &nbsp;<i>({mine} by your label)</i>" if mine else ""
        rows.append(f"<tr><td align='right'><b>{count}</b></td><td>{verb} {where}{extra}</td></tr>")
    stays = [
        (summary.review, f"stay in place: confidence below {plan.threshold:.2f} and not reviewed"),
        (summary.left_by_person, "stay in place: you chose “leave”"),
        (summary.skipped, "skipped (already sorted or tagged, links, …)"),
        (summary.errors, "cannot be sorted (errors; see the list)"),
    ]
    rows += [f"<tr><td align='right'><b>{n}</b></td><td>{text}</td></tr>" for n, text in stays if n]
    table = "<table cellspacing='6'>" + "".join(rows) + "</table>"
    where = {
        "move": f"Photos are moved into subfolders of <b>{plan.folder}</b>; their sidecar files go with them.",
        "copy": f"Photos are copied into subfolders of <b>{plan.folder}</b>; the originals stay.",
        "tag": "No photo is moved: the label is written into an XMP sidecar next to each photo.",
    }[plan.mode]
    return f"{table}<p>{where}<br>Nothing is overwritten, and <b>Undo last run</b> reverses it.</p>"


class ApplyDialog(QDialog):
    """Shows the summary; ``exec()`` returns Accepted to apply. ``review_first`` is set if the person
    chose to review the remaining uncertain photos instead."""

    def __init__(self, plan: Plan, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.summary = summarize(plan)
        self.review_first = False
        verb = VERBS[plan.mode][0]
        self.setWindowTitle(f"{verb} photos")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        count = self.summary.actionable
        title = QLabel(f"{verb} {count} photo{'s' if count != 1 else ''}?")
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(title)
        text = QLabel(summary_html(plan, self.summary))
        text.setWordWrap(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox()
        self.apply_button: QPushButton = buttons.addButton(
            f"{verb} {self.summary.actionable} photo{'s' if self.summary.actionable != 1 else ''}",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.apply_button.setEnabled(self.summary.actionable > 0)
        if self.summary.review:
            review = buttons.addButton(f"Review {self.summary.review} first", QDialogButtonBox.ButtonRole.ActionRole)
            review.clicked.connect(self._review_first)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.apply_button.setDefault(True)
        if self.summary.actionable == 0:
            layout.insertWidget(2, QLabel("Nothing to do with the current labels and threshold."))

    def _review_first(self) -> None:
        self.review_first = True
        self.reject()
