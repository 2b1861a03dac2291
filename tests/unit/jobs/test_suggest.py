"""Suggestions: which photos to label first (unsure, unlike each other, unlike the training photos), the
``suggest`` command and its report, and the round trip suggest -> fill human_label -> teach.

Fast: the real jobs, training and teaching with the wide fake extractor (painted photos); the real model on real
photos is in tests/e2e/test_suggest_real.py.
"""

from __future__ import annotations

import csv
import re
import types
from pathlib import Path

import numpy as np
import pytest
from fake_features import WideExtractor, paint_class

from sakura_sorter import cli
from sakura_sorter.jobs import Jobs
from sakura_sorter.model.suggest import random_choice, suggest, uncertainty


def test_uncertainty_is_one_when_the_model_cannot_choose_and_zero_when_certain() -> None:
    scores = np.array([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0], [0.6, 0.3, 0.1]])
    assert uncertainty(scores) == pytest.approx([1.0, 0.0, 0.7])


def test_a_burst_of_similar_unsure_photos_gives_one_suggestion_and_novel_photos_come_first() -> None:
    rng = np.random.default_rng(0)
    burst = np.tile(rng.normal(size=8), (5, 1)) + rng.normal(scale=0.01, size=(5, 8))  # five near-copies
    others = rng.normal(size=(5, 8))
    seen = np.vstack([burst, others])
    scores = np.array([[0.5, 0.5]] * 5 + [[0.6, 0.4]] * 5)  # the burst is the most uncertain
    picks = [s.index for s in suggest(seen, scores, None, count=4)]
    assert picks[0] in range(5) and len({i for i in picks if i < 5}) == 1  # one of the burst, not five
    # photos just like the training photos wait: with the burst among them, the burst is not suggested first
    picks = [s.index for s in suggest(seen, scores, reference=burst[:1], count=3)]
    assert not any(i < 5 for i in picks)


def test_suggest_never_returns_more_than_it_has_and_random_choice_is_reproducible() -> None:
    seen = np.eye(3)
    assert len(suggest(seen, np.full((3, 2), 0.5), None, count=10)) == 3
    assert suggest(seen, np.full((3, 2), 0.5), None, count=0) == []
    assert random_choice(10, 4, seed=1) == random_choice(10, 4, seed=1)


@pytest.fixture
def wide_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real jobs (training, teaching, suggesting) with the wide fake extractor instead of VGG16."""
    extractor = WideExtractor()
    monkeypatch.setattr(Jobs, "extractor", lambda jobs: extractor)
    monkeypatch.setattr(Jobs, "settings", lambda jobs: types.SimpleNamespace(precision="float32", identity="fake"))
    monkeypatch.setattr(Jobs, "open_cache", lambda jobs: None)
    monkeypatch.setattr(Jobs, "loading_notice", lambda jobs: None)


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_suggest_report_filled_in_and_taught_changes_the_model(
    tmp_path: Path, wide_jobs: None, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    paint_class(data / "sakura", "s", (230, 170, 190), 30)
    paint_class(data / "cosmos", "c", (200, 40, 150), 30, seed=1)
    paint_class(data / "other", "o", (60, 120, 60), 30, seed=2)
    model = tmp_path / "model"
    assert cli.main(["train", str(data), "--output", str(model)]) == 0
    folder = tmp_path / "new camera"
    paint_class(folder, "plum", (215, 105, 170), 8, seed=3)  # between sakura and cosmos
    paint_class(folder, "leaf", (60, 125, 60), 8, seed=4)  # like the training "other": sure
    capsys.readouterr()
    report = tmp_path / "suggested.csv"
    assert cli.main(["suggest", str(folder), "--count", "4", "--report", str(report), "--model", str(model)]) == 0
    out = capsys.readouterr().out
    assert "4 of 16 photos to label first" in out
    rows = read(report)
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4"]
    assert {"path", "label", "confidence", "human_label"} <= set(rows[0]) and all(r["human_label"] == "" for r in rows)
    every = tmp_path / "all.csv"
    assert cli.main(["classify", str(folder), "--report", str(every), "--model", str(model)]) == 0
    confidence = {r["path"]: float(r["confidence"]) for r in read(every)}
    chosen = [confidence[r["path"]] for r in rows]
    rest = [c for p, c in confidence.items() if p not in {r["path"] for r in rows}]
    assert np.mean(chosen) < np.mean(rest)  # the photos the model is unsure of come first
    for row in rows:  # the person says: these are neither (plum blossom)
        row["human_label"] = "other"
    with open(report, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert cli.main(["teach", str(report), "--model", str(model), "--name", "plums"]) == 0
    out = capsys.readouterr().out
    assert "Kept 4 label(s)" in out
    changed = re.search(r"(\d+) of 16 photos in the folder change label", out)  # the whole folder, not the 4
    assert changed and int(changed[1]) >= 1, out
    learnt = re.search(r"of the 4 photos you labelled, the new model itself labels (\d) as you did", out)
    assert learnt, out
    after = tmp_path / "after.csv"  # the new model is the active one: what teach said is what it does
    assert cli.main(["classify", str(folder), "--report", str(after)]) == 0
    now = {r["path"]: r["label"] for r in read(after)}
    assert int(learnt[1]) == sum(now[r["path"]] == "other" for r in rows)
    assert int(changed[1]) == sum(now[p] != r["label"] for p, r in {r["path"]: r for r in read(every)}.items())
