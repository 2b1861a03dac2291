"""Ties the window to its session and flows: the commands call the flows; the session's signals come back here
and the window shows them (which commands are enabled, the model in use, a failed job, the counts).

Background functions receive only data (paths, options, copies of results), never widgets (Vorta / Anki
``QueryOp`` style); see :mod:`..session` and :mod:`..flows`.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox

from sakura_sorter.files.plan import destinations
from sakura_sorter.files.plan_summary import PlanSummary
from sakura_sorter.gui.dialogs import common as dialogs
from sakura_sorter.gui.flows.classify import ClassifyFlow
from sakura_sorter.gui.flows.disk import DiskFlow
from sakura_sorter.gui.flows.labels import LabelFlow
from sakura_sorter.gui.flows.models import ModelFlow
from sakura_sorter.gui.flows.suggest import SuggestFlow
from sakura_sorter.gui.session import JobKind, Session
from sakura_sorter.gui.words import REVIEW, class_title, model_title, verb
from sakura_sorter.gui.worker import Worker
from sakura_sorter.jobs import Jobs, tasks
from sakura_sorter.model.registry import BUNDLED
from sakura_sorter.vocabulary import Mode

if TYPE_CHECKING:
    from .layout import WindowLayout

translate = QCoreApplication.translate


def _tr(text: str, n: int = -1) -> str:
    return translate("Controller", text, "", n)


def failure_words(kind: str) -> str:
    """What failed, in words, for a job of ``kind``."""
    return {
        JobKind.SCAN: _tr("Could not open the folder."),
        JobKind.CLASSIFY: _tr("Could not classify the photos."),
        JobKind.PLAN: _tr("Could not prepare the plan."),
        JobKind.APPLY: _tr("Could not apply."),
        JobKind.UNDO: _tr("Could not undo."),
        JobKind.EXPORT: _tr("Could not write the report."),
        JobKind.TEACH: _tr("The model was not taught."),
        JobKind.ADOPT: _tr("Could not switch to the taught model."),
        JobKind.SWITCH: _tr("Could not switch models."),
        JobKind.TRAIN: _tr("Could not train a model."),
        JobKind.ADOPT_TRAINED: _tr("Could not switch to the trained model."),
        JobKind.SUGGEST: _tr("Could not choose the photos to label first."),
    }.get(JobKind(kind), kind)


def outcome_text(summary: PlanSummary, classes: list[str], mode: Mode) -> str:
    """The status line: what Apply will do, in groups that do not overlap and add up to the photos, e.g.
    ``Move: 464 → sakura · 300 → cosmos · 19 stay for review · 2 errors · 785 photos in all``."""
    moving = [
        _tr("{n} → {title}").format(n=summary.to_class.get(c, 0), title=html.escape(class_title(c)))
        for c in destinations(classes)
    ]
    parts = [_tr("{verb}: {classes}").format(verb=verb(mode), classes=" · ".join(moving))] if moving else []
    for n, text in (
        (summary.review, _tr("%n stay for review", summary.review)),
        (summary.neither, _tr("%n stay: neither", summary.neither)),
        (summary.left_by_person, _tr("%n stay: your “leave here”", summary.left_by_person)),
        (summary.skipped, _tr("%n already sorted", summary.skipped)),
        (summary.errors, _tr("%n error(s)", summary.errors)),
    ):
        if n:
            parts.append(text)
    parts.append(_tr("%n photo(s) in all", summary.total))
    return " · ".join(parts)


class Controller(QObject):
    """The window's session (``session``) and flows (``classify``, ``disk``, ``models``)."""

    def __init__(self, view: WindowLayout, jobs: Jobs):
        super().__init__(view)
        self.view = view
        self.session = session = Session(jobs, view.model, self)
        self.classify = ClassifyFlow(session, view)
        self.disk = DiskFlow(session, view, self.classify.review_uncertain, self.classify.start_run)
        self.models = ModelFlow(session, view, self.classify.start_run)
        self.labels = LabelFlow(session, view, self.disk.start_undo)
        self.suggestions = SuggestFlow(session, view)
        self.error_dialog: QMessageBox | None = None
        session.changed.connect(self.update_actions)
        session.jobFailed.connect(self._job_failed)
        session.jobEnded.connect(self._job_ended)
        session.modelChanged.connect(self.show_model)
        session.keeper.failed.connect(lambda exc: self.show_error(_tr("Your labels could not be kept for later."), exc))

    @property
    def busy(self) -> bool:
        return self.session.busy

    # --- the commands (the menus call these) -----------------------------------------------------

    def choose_folder(self) -> None:
        self.classify.choose_folder()

    def open_folder(self, folder: Path, start: bool = True) -> None:
        self.classify.open_folder(folder, start)

    def start_run(self) -> None:
        self.classify.start_run()

    def cancel_run(self) -> None:
        self.classify.cancel_run()

    def review_uncertain(self) -> None:
        self.classify.review_uncertain()

    def start_review(self, rows: list[int] | None = None, position: int = 0) -> None:
        self.classify.start_review(rows, position)

    def label_first(self) -> None:
        self.suggestions.start()

    def start_apply(self) -> None:
        self.disk.start_apply()

    def start_undo(self, confirm: bool = True) -> None:
        self.disk.start_undo(confirm)

    def undo(self) -> None:
        self.labels.undo()

    def choose_export(self) -> None:
        self.disk.choose_export()

    def export_csv(self, out: Path) -> None:
        self.disk.export_csv(out)

    def start_teach(self) -> None:
        self.models.start_teach()

    def start_train(self) -> None:
        self.models.start_train()

    def reset_model(self) -> None:
        self.models.reset_model()

    def choose_model(self, name: str) -> None:
        self.models.choose_model(name)

    def may_close(self) -> bool:
        """Ask what closing would lose or stop; a classification still running is stopped once all agreed."""
        if not (self.classify.may_stop_for_closing() and self.models.may_close()):
            return False
        self.classify.cancel_run()
        return True

    def _job_ended(self, kind: str, how: str) -> None:
        self.view.progress_row.hide()
        self.view.jobDone.emit(kind, how)

    def _job_failed(self, kind: str, exc: BaseException) -> None:
        what = failure_words(kind)
        self.show_error(what, exc)
        if kind in (JobKind.SCAN.value, JobKind.CLASSIFY.value):
            done = len(self.view.model.results)
            self.view.statusBar().showMessage(_tr("Stopped after %n photo(s).", done) if done else what)
            self.view.set_title()

    def show_error(self, what: str, exc: BaseException) -> None:
        """A dialog: what failed, the error's message, and what to do (its hint)."""
        self.error_dialog = dialogs.error_box(self.models.dialog_parent(), what, exc)

    def preload(self) -> None:
        """Load the model (and VGG16 when its weights are here) in the background while the person chooses."""
        worker = Worker(tasks.preload, self.session.jobs)
        worker.returned.connect(self.session.set_model)
        worker.errored.connect(lambda _exc: None)  # said again, in a dialog, when a folder is classified
        self.session.workers.start(worker)

    def show_model(self) -> None:
        """Say everywhere which model the window uses."""
        view, info = self.view, self.session.model_info
        if info is not None:
            view.model_label.setText(_tr("Model: {name}").format(name=model_title(info.name)))
            view.model_label.setToolTip(_tr("The model that labels the photos; choose another in the Model menu"))
        view.models.set_active(info.name if info else None, self.session.model_entry)
        view.models.set_enabled(not self.busy, self.session.model_entry)

    # --- what the window shows of the results ----------------------------------------------------

    def counts_changed(self) -> None:
        view = self.view
        counts = view.model.counts(view.classes)
        view.filter_bar.set_counts(counts)
        view.review_action.setText(_tr("&Review uncertain ({n})").format(n=counts[REVIEW]))
        text = outcome_text(view.model.summary(), view.classes, view.mode) if view.model.results else ""
        view.summary_label.setText(text)
        self.classify.say_review()
        self.update_actions()

    def update_actions(self) -> None:
        """Enable the commands that make sense now (the buttons follow their actions)."""
        view, session, busy = self.view, self.session, self.busy
        model = view.model
        has_results = bool(model.results)
        pending = any(r.ok and not model.is_done(i) for i, r in enumerate(model.results))
        for widget in (view.mode_box, view.scope_box, view.empty_page):
            widget.setEnabled(not busy)
        view.open_action.setEnabled(not busy)
        view.classify_action.setEnabled(not busy)
        view.classify_action.setText(_tr("&Classify again") if has_results else _tr("&Classify"))
        classifying = session.job_kind in (JobKind.SCAN.value, JobKind.CLASSIFY.value)
        view.cancel_action.setEnabled(busy and classifying and not session.cancel_requested)
        view.review_action.setEnabled(bool(model.review_rows()))
        view.label_first_action.setEnabled(not busy and has_results)
        view.label_first_action.setText(_tr("Label &these %n first", self.suggestions.size))
        view.apply_action.setEnabled(not busy and pending and session.writable)
        view.apply_action.setText(verb(view.mode) + "…")
        view.apply_action.setToolTip(
            _tr("Show what will happen, then do it (can be undone)")
            if session.writable
            else _tr("This folder is read-only for you: nothing can be sorted here")
        )
        view.undo_action.setEnabled(self.labels.pending() is not None or self.labels.run_undoable())
        undo_text, undo_tip = self.labels.words()
        view.undo_action.setText(undo_text)
        view.undo_action.setToolTip(undo_tip)
        view.export_action.setEnabled(not busy and has_results)
        for action in [*view.label_actions, view.neither_action, view.clear_label_action, view.preview_action]:
            action.setEnabled(has_results)
        view.models.set_enabled(not busy, session.model_entry)
        untaught = session.keeper.untaught
        view.teach_button.setVisible(untaught > 0)
        view.teach_button.setEnabled(not busy)
        view.teach_button.setText(translate("ModelJobs", "Teach the model (%n new label(s))…", "", untaught))

    def about(self) -> None:
        info = self.session.model_info
        dialogs.about(self.view, model_title(info.name if info else BUNDLED))

    def shutdown(self) -> None:
        """Keep the labels still waiting, stop the jobs and the thumbnail threads (the window is closing)."""
        self.session.shutdown()
        self.view.thumbnails.clear_queue()
        self.view.thumbnails.wait(5000)
