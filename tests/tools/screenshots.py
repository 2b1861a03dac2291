"""Save PNG screenshots of the window's main states: ``python tests/tools/screenshots.py OUTDIR``.

Copies a small sample of real photos (``--photos``, default ``../shared/data/photos`` next to the
repository) into a temporary folder, runs the real model on it and captures: empty, running, results,
review, the apply summary, after applying, and the missing-weights message. Settings go to a temporary
place, so the user's own settings are left alone. Run it with ``QT_QPA_PLATFORM=offscreen`` on a
machine without a display.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from sakura_sorter.gui.view import MainWindow
from sakura_sorter.jobs import Jobs, Options

DEFAULT_PHOTOS = Path(__file__).resolve().parents[3] / "shared" / "data" / "photos"
SAMPLE = {"sakura": 10, "cosmos": 8, "other": 8}


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
    return count + 1


class Shooter:
    """Drives one window through its states, saving a PNG at each."""

    def __init__(self, app: QApplication, out: Path, folder: Path, options: Options, settings: QSettings):
        self.app, self.out, self.folder = app, out, folder
        self.window = MainWindow(Jobs(options), settings)
        self.window.resize(1100, 720)
        self.window.threshold_box.setValue(0.9)
        self.saved: list[Path] = []
        self._running_shot = False

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
        self.window.jobs = Jobs(dataclasses.replace(self.window.jobs.options, batch_size=8))
        self.window.jobDone.connect(self.job_done)
        self.window.open_folder(self.folder)

    def job_done(self, kind: str, how: str) -> None:
        if kind == "scan":
            self.later(0, lambda: self.window.job.yielded.connect(self.progress))  # type: ignore[union-attr]
        elif kind == "classify":
            self.later(200, self.results)
        elif kind == "apply":
            self.later(500, self.applied)
        elif kind == "undo":
            self.later(100, self.weights_error)

    def progress(self, step: object) -> None:
        if hasattr(step, "done") and not self._running_shot:
            self._running_shot = True
            self.later(400, lambda: self.save("02-running"))

    def results(self) -> None:
        self.window.thumbnails.wait(10000)
        self.later(300, self._results)

    def _results(self) -> None:
        self.save("03-results")
        self.window.filter_bar.button("review").click()
        self.save("04-needs-review")
        self.window.filter_bar.button("all").click()
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
        self.save("05-review")
        self.window.review.label_current(self.window.classes[0])
        self.later(800, self.reviewed)

    def reviewed(self) -> None:
        self.save("06-review-labelled")
        self.window.review.close_review()
        self.window.start_apply()
        self.later(200, self.dialog)

    def dialog(self) -> None:
        dialog = self.window.apply_dialog
        if dialog is None or not dialog.isVisible():
            self.later(100, self.dialog)
            return
        self.save("07-apply-summary", dialog)
        dialog.apply_button.click()

    def applied(self) -> None:
        self.window.thumbnails.wait(10000)
        self.later(300, self._applied)

    def _applied(self) -> None:
        self.save("08-applied")
        self.window.start_undo()

    def weights_error(self) -> None:
        self.window.close()
        options = Options(weights=str(self.out / "missing-vgg16-weights.h5"), feature_cache="off")
        self.window = MainWindow(Jobs(options), self.window.settings)
        self.window.resize(1100, 720)
        self.window.show()
        self.window.jobDone.connect(self.error_done)
        self.window.open_folder(self.folder)

    def error_done(self, kind: str, how: str) -> None:
        if kind == "classify":
            self.later(200, self.finish)

    def finish(self) -> None:
        self.save("09-weights-missing")
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
        folder = Path(tmp) / "My photos"
        copy_sample(args.photos, folder)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "sakura_sorter", "screens")
        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        options = Options(weights=args.weights, feature_cache="off")
        shooter = Shooter(app, args.outdir, folder, options, settings)  # type: ignore[arg-type]
        shooter.start()
        QTimer.singleShot(600_000, app.quit)  # never hang forever
        app.exec()
    return 0 if len(shooter.saved) >= 9 else 1


if __name__ == "__main__":
    sys.exit(main())
