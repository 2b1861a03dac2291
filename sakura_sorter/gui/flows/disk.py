"""The jobs that change the disk or write the report: apply (after a confirmation), undo, export.

Background functions get data only (copies of the results, the plan), and their results come back to the
GUI thread; what happened is said in the banner, and each photo's row shows what its run did.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDir, QStandardPaths, QTimer
from PySide6.QtWidgets import QDialog, QFileDialog

from sakura_sorter.gui.dialogs import common as dialogs
from sakura_sorter.gui.dialogs.apply import ApplyDialog
from sakura_sorter.gui.dialogs.outcome import applied_html, undone_html
from sakura_sorter.gui.results.model import Applied
from sakura_sorter.gui.session import JobKind, Session
from sakura_sorter.gui.words import bold, count_photos, verb
from sakura_sorter.jobs import tasks
from sakura_sorter.vocabulary import Action, Status

from .screen import Screen

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("Controller", text, "", n)


class DiskFlow:
    """Apply, undo and export. ``review`` and ``classify`` are what the apply dialog's other choices start."""

    def __init__(self, session: Session, screen: Screen, review: Callable[[], None], classify: Callable[[], None]):
        self.session, self.screen = session, screen
        self.review_uncertain, self.start_run = review, classify
        self.apply_dialog: ApplyDialog | None = None

    def start_apply(self) -> None:
        """Check the files and plan on the worker, show the summary, and apply if confirmed."""
        screen = self.screen
        if (
            self.session.busy
            or self.session.scan is None
            or not self.session.results.results
            or not self.session.writable
        ):
            return
        screen.show_progress(0, 0, _tr("Checking the photos…"))
        args = (
            self.session.jobs,
            self.session.scan,
            self.session.snapshot(),
            screen.mode,
            screen.threshold,
            screen.per_folder,
        )
        self.session.run_job(
            JobKind.PLAN, tasks.prepare_apply, *args, self.session.classified_at, on_return=self._confirm_apply
        )

    def _confirm_apply(self, prepared: tasks.Prepared) -> None:
        QTimer.singleShot(0, lambda: self._ask_apply(prepared))

    def _ask_apply(self, prepared: tasks.Prepared) -> None:
        dialog = ApplyDialog(prepared, self.screen.per_folder, self.screen.widget())
        self.apply_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.apply_dialog = None
        if dialog.choice == "review":
            self.review_uncertain()
        elif dialog.choice == "classify":
            self.start_run()
        elif accepted:
            self.run_apply(prepared.plan)

    def run_apply(self, plan: Any) -> None:
        """Apply an already confirmed plan on the worker thread."""
        self.screen.show_progress(0, len(plan.actionable), count_photos(plan.mode, len(plan.actionable)) + "…")
        self.screen.set_title(verb(plan.mode) + "…")
        self.session.run_job(
            JobKind.APPLY, tasks.apply_and_check, plan, on_yield=self._apply_progress, on_return=self._applied
        )

    def _apply_progress(self, step: Any) -> None:
        self.screen.show_progress(step.done, step.total, _tr("{done} of {total} photos done").format(**vars(step)))

    def _applied(self, result: tasks.ApplyResult) -> None:
        screen = self.screen
        self.session.runs.append(result)
        self.session.undoable = result.undoable
        entries = {}
        for outcome in result.outcome.items:
            row = self.session.results.row_of(outcome.item.result.path)
            if row is not None:
                moved = outcome.item.action == Action.MOVE and outcome.status == Status.SORTED
                entries[row] = Applied(
                    result.outcome.run_id, outcome.status, outcome.item.destination, moved, outcome.error
                )
        self.session.results.set_applied(entries)
        screen.proxy.refresh()
        text, failed = applied_html(result)
        screen.say("error" if failed else "success", text, _tr("Undo"), self.start_undo)
        screen.set_title(_tr("applied"))
        self.session.changed.emit()

    def start_undo(self, confirm: bool = True) -> None:
        """Reverse the last run of the folder (on the worker thread), after a question when ``confirm``."""
        if self.session.busy or self.session.folder is None or not self.session.undoable:
            return
        last = self.session.last_apply
        detail = (
            _tr(
                "%n photo(s) go back to where they were.",
                sum(1 for o in last.outcome.items if o.status == Status.SORTED),
            )
            if last is not None
            else _tr("The photos of the last run go back to where they were.")
        )
        if confirm and not dialogs.ask(
            self.screen.widget(),
            _tr("Undo"),
            _tr("Undo the last run in {folder}?").format(folder=self.session.folder.name),
            detail,
            _tr("Undo"),
        ):
            return
        self.screen.show_progress(0, 0, _tr("Undoing the last run…"))
        self.session.run_job(
            JobKind.UNDO, tasks.undo_and_check, Path(self.session.folder).resolve(), on_return=self._undone
        )

    def _undone(self, result: tasks.UndoResult) -> None:
        screen = self.screen
        self.session.undoable = result.undoable
        outcome = result.outcome
        if outcome.run_id is None:
            screen.say("info", _tr("Nothing to undo in this folder."))
            return
        known = any(e.run_id == outcome.run_id for e in self.session.results.applied.values())
        self.session.results.clear_applied(outcome.run_id)
        self.session.runs = [r for r in self.session.runs if r.outcome.run_id != outcome.run_id]
        screen.proxy.refresh()
        text = undone_html(outcome, known or not self.session.results.results)
        screen.say("error" if outcome.problems else "success", text)
        screen.set_title(_tr("undone"))
        self.session.changed.emit()

    def choose_export(self) -> None:
        settings = self.screen.settings
        folder = str(settings.value("export_dir", "")) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        if not folder or not Path(folder).is_dir():
            folder = QDir.homePath()
        name = f"{self.session.folder.name if self.session.folder else 'photos'}-sakura-sorter.csv"
        out, _ = QFileDialog.getSaveFileName(
            self.screen.widget(), _tr("Export the report"), str(Path(folder) / name), _tr("CSV files (*.csv)")
        )
        if out:
            settings.setValue("export_dir", str(Path(out).parent))
            self.export_csv(Path(out))

    def export_csv(self, out: Path) -> None:
        """Write the report: photos sorted by this window's runs as they ended, every other one as planned."""
        screen = self.screen
        if self.session.busy or self.session.scan is None or not self.session.results.results:
            return
        screen.show_progress(0, 0, _tr("Writing the report…"))
        args = (
            self.session.jobs,
            out,
            self.session.scan,
            self.session.snapshot(),
            list(self.session.runs),
            screen.mode,
            screen.threshold,
        )
        self.session.run_job(JobKind.EXPORT, tasks.export_report, *args, screen.per_folder, on_return=self._exported)

    def _exported(self, out: Path) -> None:
        self.screen.say("success", _tr("Report written to {file}.").format(file=bold(out)))
