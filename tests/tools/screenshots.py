"""Save PNG screenshots of the window's main states: ``python tests/tools/screenshots.py OUTDIR``.

Copies a small sample of real photos (``--photos``, default ``../shared/data/photos`` next to the
repository) into a temporary folder, runs the real model on it and captures: empty, running, the grid,
the photos to review, the list, the review, the loupe at 100%, the apply summary (the sample has a subfolder,
left out by "This folder only"), after applying, the teach dialog, the train dialog (choosing, progress, result
page), the empty Errors filter (after the damaged file is removed), the window in Japanese (grid, empty Errors
filter, loupe, apply summary, teach dialog, train result), and the missing-weights message. Settings, the
teaching set, the models taught and the feature cache go to a temporary place, so the user's own are left
alone. Run it with ``QT_QPA_PLATFORM=offscreen`` on a machine without a display; the Japanese screenshots need
a Japanese font (Debian: ``fonts-ipafont-gothic``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from sakura_sorter.gui.i18n import install_translators, remove_translators
from sakura_sorter.gui.window.main_window import MainWindow
from sakura_sorter.gui.window.menus import VIEW_GRID, VIEW_LIST
from sakura_sorter.jobs import Jobs, Options

DEFAULT_PHOTOS = Path(__file__).resolve().parents[3] / "shared" / "data" / "photos"
SAMPLE = {"sakura": 10, "cosmos": 8, "other": 8}
#: The labelled folders the train dialog is shown with (a small subset of ../shared, copied).
TRAIN_SAMPLE = {"sakura": 14, "cosmos": 14, "other": 14}
EXPECTED = 25
#: Photos put in a subfolder of the sample: "This folder only" leaves them out, and the apply summary says so.
SUBFOLDER, IN_SUBFOLDER = "花見", 3


def copy_training_folder(source: Path, dest: Path, seed: int = 2) -> Path:
    """``dest/<class>/`` with a few photos of each class folder of ``source`` (``other`` = neither)."""
    rng = random.Random(seed)
    for name, n in TRAIN_SAMPLE.items():
        files = sorted(p for p in (source / name).glob("*.jpg"))
        (dest / name).mkdir(parents=True, exist_ok=True)
        for path in rng.sample(files, min(n, len(files))):
            shutil.copy2(path, dest / name / path.name)
    return dest


def copy_sample(source: Path, dest: Path, seed: int = 1) -> int:
    """Copy a reproducible sample of the class folders of ``source`` (plus one damaged file) into ``dest``."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, n in SAMPLE.items():
        files = sorted(p for p in (source / name).glob("*.jpg"))
        for path in rng.sample(files, min(n, len(files))):
            shutil.copy2(path, dest / path.name)
            count += 1
    (dest / "damaged.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG")
    sub = dest / SUBFOLDER
    sub.mkdir()
    for path in sorted((source / "sakura").glob("*.jpg"))[-IN_SUBFOLDER:]:
        shutil.copy2(path, sub / path.name)
    return count + 1


class Shooter:
    """Drives the window through its states, saving a PNG at each."""

    def __init__(
        self, app: QApplication, out: Path, folder: Path, options: Options, settings: QSettings, training: Path
    ):
        self.app, self.out, self.folder, self.settings, self.training = app, out, folder, settings, training
        self.photos = DEFAULT_PHOTOS
        self.jobs = Jobs(dataclasses.replace(options, batch_size=8))
        self.options = options
        self.window = self.new_window(Jobs(options))
        self.saved: list[Path] = []
        self._running_shot = False
        self.translators: list = []

    def new_window(self, jobs: Jobs) -> MainWindow:
        window = MainWindow(jobs, self.settings)
        window.resize(1180, 760)
        window.threshold_box.setValue(99.0)
        window.set_view(VIEW_GRID)
        window.ctl.session.ask_before_discarding = False
        return window

    def save(self, name: str, widget: QWidget | None = None) -> None:
        self.app.processEvents()
        path = self.out / f"{name}.png"
        (widget or self.window).grab().save(str(path))
        self.saved.append(path)
        print(path, flush=True)

    def later(self, ms: int, fn: Callable[[], None]) -> None:
        QTimer.singleShot(ms, fn)

    def start(self) -> None:
        self.window.show()
        self.later(300, self.empty)

    def empty(self) -> None:
        self.save("01-empty")
        self.window.ctl.session.jobs = self.jobs
        self.window.jobDone.connect(self.job_done)
        self.window.open_folder(self.folder)

    def job_done(self, kind: str, how: str) -> None:
        if kind == "scan":
            self.later(0, lambda: self.window.ctl.session.job.yielded.connect(self.progress))  # type: ignore[union-attr]
        elif kind == "classify" and how != "returned":
            print(
                f"Classifying failed ({how}): {self.window.statusBar().currentMessage()} (pass --weights?)",
                file=sys.stderr,
            )
            self.app.exit(1)
        elif kind == "classify":
            self.later(200, self.results)
        elif kind == "apply":
            self.later(500, self.applied)
        elif kind == "undo":
            self.later(100, lambda: self.teach("", self.errors_empty))

    def progress(self, step: object) -> None:
        if hasattr(step, "done") and not self._running_shot:
            self._running_shot = True
            self.later(400, lambda: self.save("02-running"))

    def results(self) -> None:
        self.window.thumbnails.wait(10000)
        self.later(500, self._results)

    def _results(self) -> None:
        self.save("03-grid")
        self.window.filter_bar.button("review").click()
        self.later(300, self._review_filter)

    def _review_filter(self) -> None:
        self.save("04-grid-to-review")
        self.window.filter_bar.button("all").click()
        self.window.set_view(VIEW_LIST)
        self.later(500, self._list)

    def _list(self) -> None:
        self.save("05-list")
        self.window.set_view(VIEW_GRID)
        model = self.window.model
        rows = model.review_rows()
        if not rows:  # nothing below the threshold in this sample: review the least confident, as a person might
            ranked = sorted(
                (r for r in range(len(model.results)) if model.results[r].ok), key=lambda r: model.results[r].confidence
            )
            rows = ranked[:4]
        self.window.start_review(rows)
        self.later(1500, self.review)

    def review(self) -> None:
        self.save("06-review")
        self.loupe("06b-loupe-100", lambda: self.window.label_selected("other"), self.reviewed)

    def loupe(self, name: str, after: Callable[[], None], then: Callable[[], None]) -> None:
        """Z in review: the photo fills the window at 100%; saved once the full picture is decoded, then Esc."""
        review = self.window.review
        review.open_loupe()
        loupe = review.loupe
        assert loupe is not None

        def shoot() -> None:
            self.save(name)
            loupe.close_loupe()
            after()
            self.later(800, then)

        self.wait_for(lambda: loupe.canvas.has_full(), lambda: self.later(300, shoot))

    def reviewed(self) -> None:
        self.save("07-review-labelled")
        self.window.review.close_review()
        self.window.start_apply()
        self.later(200, lambda: self.dialog("08-apply-summary", accept=True))

    def dialog(self, name: str, accept: bool) -> None:
        dialog = self.window.apply_dialog
        if dialog is None or not dialog.isVisible():
            self.later(100, lambda: self.dialog(name, accept))
            return
        self.later(300, lambda: self._dialog(dialog, name, accept))

    def _dialog(self, dialog, name: str, accept: bool) -> None:  # type: ignore[no-untyped-def]
        self.save(name, dialog)
        if accept:
            dialog.apply_button.click()
        else:
            dialog.reject()

    def applied(self) -> None:
        self.window.thumbnails.wait(10000)
        self.later(500, self._applied)

    def _applied(self) -> None:
        self.save("09-applied")
        self.window.start_undo()

    def errors_empty(self) -> None:
        """The damaged file removed and the folder classified again: the Errors filter has nothing to show."""
        (self.folder / "damaged.jpg").unlink(missing_ok=True)
        self.window.close()
        self.window = self.new_window(self.jobs)
        self.window.show()
        self.window.jobDone.connect(self.errors_done)
        self.window.open_folder(self.folder)

    def errors_done(self, kind: str, how: str) -> None:
        if kind == "classify":
            self.window.filter_bar.button("errors").click()
            self.later(500, lambda: (self.save("10a-errors-empty"), self.japanese()))

    def japanese(self) -> None:
        self.window.close()
        self.translators = install_translators(self.app, "ja")
        self.window = self.new_window(self.jobs)
        self.window.show()
        self.window.jobDone.connect(self.japanese_done)
        self.window.open_folder(self.folder)

    def japanese_done(self, kind: str, how: str) -> None:
        if kind == "classify":
            self.window.thumbnails.wait(10000)
            self.later(800, self._japanese)

    def _japanese(self) -> None:
        self.save("10-japanese-grid")
        self.window.filter_bar.button("errors").click()
        self.later(500, self._japanese_errors)

    def _japanese_errors(self) -> None:
        self.save("10b-japanese-errors-empty")
        self.window.filter_bar.button("all").click()
        model = self.window.model
        self.window.start_review([r for r in range(len(model.results)) if model.results[r].ok][:3])
        review = self.window.review
        self.later(1500, lambda: self.loupe("11b-japanese-loupe-100", review.close_review, self._japanese_apply))

    def _japanese_apply(self) -> None:
        self.window.start_apply()
        self.later(200, lambda: self.dialog("11-japanese-apply-summary", accept=False))
        self.later(1500, self._japanese_teach)

    def _japanese_teach(self) -> None:
        if self.window.apply_dialog is not None:
            self.later(300, self._japanese_teach)
            return
        self.teach("japanese-", self.weights_error)

    # --- teaching and training -------------------------------------------------------------------

    def wait_for(self, ready: Callable[[], bool], then: Callable[[], None], tries: int = 1200) -> None:
        """Call ``then`` once ``ready()`` (polled every 100 ms, for two minutes at most)."""
        if ready() or not tries:
            then()
        else:
            self.later(100, lambda: self.wait_for(ready, then, tries - 1))

    def teach(self, prefix: str, then: Callable[[], None]) -> None:
        """Label the photos of neither class that the model sorts into a class "neither", as a person would in
        the review, teach, and show the comparison; keep the current model."""
        model = self.window.model
        others = {p.name for p in (self.photos / "other").glob("*.jpg")}  # the sample's photos of neither class
        wrong = [
            row
            for row, r in enumerate(model.results)
            if r.ok and r.path.name in others and model.kind_of(row) != "neither"
        ][:4] or [row for row, r in enumerate(model.results) if r.ok and r.path.name in others][:3]
        model.set_human_labels(wrong, "other")
        self.window.ctl.start_teach()
        ctl = self.window.ctl
        self.wait_for(
            lambda: ctl.models.teach_dialog is not None and ctl.models.teach_dialog.isVisible(),
            lambda: self.later(500, lambda: self._taught(prefix, then)),
        )

    def _taught(self, prefix: str, then: Callable[[], None]) -> None:
        dialog = self.window.ctl.models.teach_dialog
        if dialog is None:  # refused: the error dialog says why
            if self.window.ctl.error_dialog is not None:
                self.save(f"{prefix}teach-refused", self.window.ctl.error_dialog)
        else:
            self.save(f"{'19' if prefix else '14'}-{prefix}teach-dialog", dialog)
            dialog.reject()
        self.later(300, lambda: self.train(prefix, then))

    def train(self, prefix: str, then: Callable[[], None]) -> None:
        ctl = self.window.ctl
        self.window.threshold_box.setValue(self.window.threshold_box.minimum())  # the default: the model's
        ctl.start_train()
        dialog = ctl.models.train_dialog
        assert dialog is not None
        dialog.folder_edit.setText(str(self.training))
        dialog.name_edit.setText("花の写真" if prefix else "my flowers")
        self.wait_for(lambda: dialog.preview is not None, lambda: self.later(300, lambda: self._train(prefix, then)))

    def _train(self, prefix: str, then: Callable[[], None]) -> None:
        dialog = self.window.ctl.models.train_dialog
        assert dialog is not None
        if not prefix:
            self.save("15-train-setup", dialog)
        dialog.train_button.click()
        if not prefix:
            self.wait_for(lambda: dialog.progress.value() > 3, lambda: self.save("16-train-progress", dialog))
        self.wait_for(
            lambda: dialog.outcome is not None or not dialog.isVisible(),
            lambda: self.later(800, lambda: self._trained(prefix, then)),
            tries=6000,
        )

    def _trained(self, prefix: str, then: Callable[[], None]) -> None:
        dialog = self.window.ctl.models.train_dialog
        if dialog is not None:
            self.save(f"{'20' if prefix else '17'}-{prefix}train-result", dialog)
            page = dialog.result_view.widget()
            if page is not None:
                self.save(f"{'21' if prefix else '18'}-{prefix}train-result-whole-page", page)
            dialog.reject()
        self.later(300, then)

    def weights_error(self) -> None:
        if self.window.apply_dialog is not None:
            self.later(300, self.weights_error)
            return
        self.window.close()
        remove_translators(self.app, self.translators)
        options = Options(weights=str(self.out / "missing-vgg16-weights.h5"), feature_cache="off")
        self.window = self.new_window(Jobs(options))
        self.window.show()
        self.window.jobDone.connect(self.error_done)
        self.window.open_folder(self.folder)

    def error_done(self, kind: str, how: str) -> None:
        if kind == "classify":
            self.later(500, self.finish)

    def finish(self) -> None:
        self.save("12-weights-missing")
        box = self.window.ctl.error_dialog
        if box is not None:
            self.save("13-weights-missing-dialog", box)
        self.window.close()
        self.app.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/tools/screenshots.py", description=__doc__)
    parser.add_argument("outdir", type=Path, help="where to write the PNG files")
    parser.add_argument("--photos", type=Path, default=DEFAULT_PHOTOS, help="folder with sakura/ cosmos/ other/")
    parser.add_argument("--weights", help="VGG16 notop weights (default: as the CLI finds them)")
    args = parser.parse_args(argv)
    if not (args.photos / "sakura").is_dir():
        print(f"No photos at {args.photos} (expected sakura/, cosmos/, other/ inside); pass --photos.")
        return 2
    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sakura-screens-") as tmp:
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")  # the teaching set and the models taught here
        folder = Path(tmp) / "写真 2024-04"
        copy_sample(args.photos, folder)
        training = copy_training_folder(args.photos, Path(tmp) / "labelled flowers")
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sakura_sorter", "screens")
        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        english = install_translators(app, "en")  # plural forms, as the program loads them
        options = Options(weights=args.weights, feature_cache=str(Path(tmp) / "features.sqlite3"))
        shooter = Shooter(app, args.outdir, folder, options, settings, training)  # type: ignore[arg-type]
        shooter.photos = args.photos
        shooter.start()
        QTimer.singleShot(600_000, app.quit)  # never hang forever
        app.exec()
        remove_translators(app, english)
    return 0 if len(shooter.saved) >= EXPECTED else 1


if __name__ == "__main__":
    sys.exit(main())
