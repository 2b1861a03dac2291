"""What the window says after an apply or an undo (rich text; every name in it is escaped)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from sakura_sorter.files.recovery import UndoOutcome
from sakura_sorter.jobs.tasks import ApplyResult
from sakura_sorter.vocabulary import NEITHER, Mode, Status

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("Outcome", text, "", n)


def _done_words(mode: Mode, n: int) -> str:
    return {
        Mode.MOVE: _tr("Moved %n photo(s).", n),
        Mode.COPY: _tr("Copied %n photo(s).", n),
        Mode.TAG: _tr("Tagged %n photo(s).", n),
    }[Mode(mode)]


def applied_html(result: ApplyResult) -> tuple[str, int]:
    """The banner after an apply, and how many photos could not be sorted."""
    items = result.outcome.items
    done = sum(1 for o in items if o.status == Status.SORTED)
    failed = sum(1 for o in result.outcome.failed if o.item.actionable)  # not the unreadable photos
    review = sum(1 for o in items if o.status == Status.REVIEW)
    chosen = sum(1 for o in items if o.status == Status.NEITHER and o.item.result.human_label == NEITHER)
    neither = sum(1 for o in items if o.status == Status.NEITHER) - chosen
    text = f"<b>{_done_words(result.plan.mode, done)}</b>"
    for n, words in (
        (neither, _tr("%n stay here: neither class.", neither)),
        (chosen, _tr("%n stay here: you chose “neither / leave here”.", chosen)),
        (review, _tr("%n stay here for review.", review)),
    ):
        if n:
            text += " " + words
    if result.outcome.recovered:
        text += " " + _tr("An interrupted earlier run was finished first.")
    if failed:
        text += " <b>" + _tr("%n could not be sorted (see the Status column).", failed) + "</b>"
    return text, failed


def undone_html(outcome: UndoOutcome, known: bool) -> str:
    """The banner after an undo; ``known``: the run was made in this window."""
    text = "<b>" + _tr("Undone: %n photo(s) restored.", outcome.restored) + "</b>"
    if not known:
        text += " " + _tr("That run was not made in this window; press F5 to see the folder as it is.")
    for note in outcome.notes[:5]:
        text += "<br>" + _tr("Note: {note}").format(note=html.escape(note, quote=False))
    for problem in outcome.problems[:5]:
        text += "<br>" + _tr("Problem: {problem}").format(problem=html.escape(problem, quote=False))
    if outcome.problems:
        text += "<br>" + _tr("Fix the cause and undo again (Ctrl+Z).")
    return text
