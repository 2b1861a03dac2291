"""Ctrl+Z: the labels given last (one key press, perhaps every photo at once) while they are not applied yet,
then the ones before; with no labelling left to undo, the last applied run (after its question).

The labellings are kept by the results model (:class:`~sakura_sorter.gui.label_history.LabelHistory`); an
apply uses them, so it forgets them: after it, Ctrl+Z undoes the run.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from sakura_sorter.gui.label_history import LabelBatch
from sakura_sorter.gui.session import JobKind, Session

from .screen import Screen

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("LabelFlow", text, "", n)


class LabelFlow:
    """Undo labels, else the last run (``undo_run``: the disk flow's, with its question)."""

    def __init__(self, session: Session, screen: Screen, undo_run: Callable[[], None]):
        self.session, self.screen, self.undo_run = session, screen, undo_run
        session.jobEnded.connect(self._job_ended)

    def pending(self) -> LabelBatch | None:
        """The labelling Ctrl+Z undoes now (None: it undoes the last run)."""
        results = self.session.results
        return results.history.last(results.labellable)

    def run_undoable(self) -> bool:
        session = self.session
        return not session.busy and session.folder is not None and session.undoable and session.writable

    def words(self) -> tuple[str, str]:
        """What Ctrl+Z does now, as the Undo command's text and tip."""
        batch = self.pending()
        if batch is None:
            return _tr("&Undo last run…"), _tr("Put the photos of the last run back where they were")
        return (
            _tr("&Undo labelling %n photo(s)", batch.count),
            _tr("Give these photos back the labels they had (the labels are not applied yet)"),
        )

    def undo(self) -> None:
        """Ctrl+Z: the last labelling if one is pending, else the last run (after a question)."""
        if self.pending() is None:
            self.undo_run()
            return
        count = self.session.results.undo_labels()
        self.screen.status(_tr("Labelling of %n photo(s) undone.", count), 5000)
        self.session.changed.emit()

    def _job_ended(self, kind: str, how: str) -> None:
        if kind == JobKind.APPLY.value and how == "returned":  # the labels were used: Ctrl+Z undoes the run now
            self.session.results.history.clear()
            self.session.changed.emit()
