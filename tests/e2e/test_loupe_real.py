"""The loupe on the real model's results: real weights, real photos, the results rows turned into the loupe's record
by ``loupe_photo``; the panel shows every class's score as the model gave it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from sakura_sorter.gui.results.loupe import Loupe, class_name
from sakura_sorter.jobs import Jobs, Options
from sakura_sorter.jobs.photo_facts import loupe_photo, photo_facts

pytestmark = pytest.mark.e2e


def test_the_loupe_shows_the_real_models_scores(
    qtbot, weights_path: Path, photos_dir: Path, extractor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "spring"
    trip = folder / "上野"
    trip.mkdir(parents=True)
    paths = []
    for name in ("sakura", "cosmos"):
        source = sorted((photos_dir / name).glob("*.jpg"))[0]
        paths.append(Path(shutil.copy2(source, trip / source.name)))
    jobs = Jobs(Options(weights=str(weights_path), precision="float32", feature_cache="off"), extractor=extractor)
    run = jobs.classify(paths)
    try:
        while True:
            next(run)
    except StopIteration as stop:
        results = stop.value
    classes = jobs.bundle().classes
    window = QWidget()
    window.resize(1200, 800)
    qtbot.addWidget(window)
    window.show()
    loupe = Loupe(window)
    for result in results:
        assert result.ok and set(result.scores) == set(classes)
        photo = loupe_photo(result, folder)
        with qtbot.waitSignal(loupe.canvas.fullLoaded, timeout=60000):
            loupe.open(photo)
        lines = loupe.panel.text().splitlines()
        assert f"Model says: {class_name(result.label)}" in lines
        assert "上野" in lines and result.path.name in lines
        facts = photo_facts(result.path, folder)
        assert loupe.canvas.photo_size().width() == facts.width
        for label in classes:
            assert lines[lines.index(class_name(label)) + 1] == f"{result.scores[label]:.2f}"
        loupe.close_loupe()
    loupe.canvas.wait()
