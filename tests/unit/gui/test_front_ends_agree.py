"""The command line and the window drive the same jobs: for one folder and the same options,
``sort --dry-run --recursive --report`` and the window's Export (with "Include subfolders") write the same
report, row for row: photos already in a class folder are listed as skipped by both, and photos a dry run would
sort read ``planned``."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from sorting_helpers import write

from sakura_sorter.cli import main
from sakura_sorter.jobs import ClassifyStep, Jobs
from sakura_sorter.results import PhotoResult

pytest.importorskip("pytestqt")

CLASSES = ["cosmos", "sakura"]


class _Bundle:
    classes = CLASSES


def fake_classify(
    jobs: Jobs, paths: Sequence[Path], cancel: object = None, keep_features: bool = True
) -> Iterator[ClassifyStep]:
    """Label by file name: ``s*`` sakura, ``c*`` cosmos, ``low*`` uncertain, ``bad*`` unreadable."""
    results = []
    for p in paths:
        if p.name.startswith("bad"):
            results.append(PhotoResult(path=p, error="not an image"))
        else:
            label = "cosmos" if p.name.startswith("c") else "sakura"
            confidence = 0.6 if p.name.startswith("low") else 0.97
            results.append(PhotoResult(path=p, label=label, confidence=confidence, scores={label: confidence}))
    yield ClassifyStep(results, len(results), len(results), None, None)
    return results


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Jobs, "bundle", lambda jobs: _Bundle())
    monkeypatch.setattr(Jobs, "classify", fake_classify)


def rows(report: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(report.read_bytes().decode("utf-8-sig").splitlines()))


def test_cli_dry_run_report_and_window_export_agree(fake_model, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from sakura_sorter.gui.window.main_window import MainWindow

    folder = tmp_path / "photos"
    for name in ("s1.jpg", "s2.png", "c1.jpg", "low1.jpg", "bad1.jpg", "写真.jpg"):
        write(folder / name)
    write(folder / "s1.xmp", 20)
    write(folder / "sakura" / "s2.png")  # a name collision: s2.png becomes "s2 (1).png"
    write(folder / "cosmos" / "old.jpg")  # already sorted: listed as skipped by both
    cli_report, gui_report = tmp_path / "cli.csv", tmp_path / "gui.csv"

    command = ["sort", str(folder), "--dry-run", "--recursive", "--threshold", "0.8", "--report", str(cli_report)]
    assert main(command) == 1

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Jobs(), settings)
    qtbot.addWidget(win)
    win.threshold_box.setValue(80)
    win.scope_box.setCurrentIndex(win.scope_box.findData("gather"))  # as ``--recursive`` does
    with qtbot.waitSignal(win.jobDone, timeout=20000, check_params_cb=lambda kind, how: kind == "classify"):
        win.open_folder(folder)
    with qtbot.waitSignal(win.jobDone, timeout=20000, check_params_cb=lambda kind, how: kind == "export"):
        win.export_csv(gui_report)

    cli_rows, gui_rows = rows(cli_report), rows(gui_report)
    assert len(cli_rows) == 8  # six photos in the folder, one in sakura/, one in cosmos/
    assert {r["status"] for r in cli_rows} == {"planned", "review", "skipped", "error"}
    assert cli_rows == gui_rows


class _CalibratedBundle(_Bundle):
    """A model with its own review thresholds per class, as ``train`` calibrates them."""

    review_thresholds: ClassVar[dict[str, float]] = {"cosmos": 0.5, "sakura": 0.98, "other": 0.5}


def test_by_default_the_window_uses_the_models_thresholds_as_the_cli_does(
    monkeypatch: pytest.MonkeyPatch, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from sakura_sorter.gui.window.main_window import MainWindow

    monkeypatch.setattr(Jobs, "bundle", lambda jobs: _CalibratedBundle())
    monkeypatch.setattr(Jobs, "classify", fake_classify)
    folder = tmp_path / "photos"
    for name in ("s1.jpg", "s2.jpg", "c1.jpg", "low1.jpg"):  # sakura 0.97 < 0.98; cosmos 0.97; low1 sakura 0.6
        write(folder / name)
    cli_report, gui_report = tmp_path / "cli.csv", tmp_path / "gui.csv"
    assert main(["sort", str(folder), "--dry-run", "--report", str(cli_report)]) == 0  # no --threshold

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(Jobs(), settings)
    qtbot.addWidget(win)
    assert win.threshold is None and win.threshold_box.text() == "The model's"  # the default: no number
    with qtbot.waitSignal(win.jobDone, timeout=20000, check_params_cb=lambda kind, how: kind == "classify"):
        win.open_folder(folder)
    assert sorted(win.model.results[r].path.name for r in win.model.review_rows()) == ["low1.jpg", "s1.jpg", "s2.jpg"]
    assert "sakura 98.0 %" in win.threshold_box.toolTip().lower()
    with qtbot.waitSignal(win.jobDone, timeout=20000, check_params_cb=lambda kind, how: kind == "export"):
        win.export_csv(gui_report)
    status = {Path(r["path"]).name: r["status"] for r in rows(cli_report)}
    assert status == {"s1.jpg": "review", "s2.jpg": "review", "c1.jpg": "planned", "low1.jpg": "review"}
    assert {Path(r["path"]).name: r["status"] for r in rows(gui_report)} == status

    win.threshold_box.setValue(90)  # the person's own threshold: one for every class, as --threshold 0.9
    assert win.threshold == 0.9 and sorted(win.model.results[r].path.name for r in win.model.review_rows()) == [
        "low1.jpg"
    ]
    assert settings.value("threshold") in (0.9, "0.9")
    win.threshold_box.setValue(win.threshold_box.minimum())
    assert settings.value("threshold") == "model" and len(win.model.review_rows()) == 3
