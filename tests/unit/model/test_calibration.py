"""Review thresholds per class, calibrated on source-held-out predictions, and used by the plan."""

from __future__ import annotations

from pathlib import Path

from sakura_sorter.files.plan import make_plan
from sakura_sorter.model.calibration import BACKGROUND, CEILING, calibrate_thresholds
from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import NEITHER, Status


def test_each_class_gets_the_lowest_threshold_at_which_its_folder_is_clean_enough() -> None:
    # sakura: two plum blossoms at 0.7 and 0.75 would go into sakura/, true sakura are at 0.6..0.95
    truth = ["sakura", "sakura", NEITHER, NEITHER, "sakura", "sakura", "sakura", "cosmos", "cosmos"]
    labels = ["sakura"] * 7 + ["cosmos", "cosmos"]
    conf = [0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 0.95, 0.55, 0.6]
    limits = calibrate_thresholds(truth, labels, conf, ["cosmos", "sakura", NEITHER], NEITHER, target=0.9)
    assert limits == {"cosmos": 0.5, "sakura": 0.76, NEITHER: BACKGROUND}
    # a class whose folder is never clean enough gets the threshold at which it is cleanest, not "all to review"
    truth = [NEITHER, NEITHER, "sakura", NEITHER, "sakura", "sakura"]
    conf = [0.55, 0.6, 0.7, 0.8, 0.85, 0.95]
    limits = calibrate_thresholds(truth, ["sakura"] * 6, conf, ["sakura"], NEITHER, target=0.9)
    assert limits["sakura"] == 0.81  # just above the last plum
    # never clean enough: the cleanest threshold (half right at 0.5; above 0.7 only a plum), not "all to review"
    limits = calibrate_thresholds([NEITHER, "sakura"], ["sakura"] * 2, [0.95, 0.7], ["sakura"], NEITHER)
    assert limits["sakura"] == 0.5 and limits["sakura"] <= CEILING


def test_the_plan_applies_the_threshold_of_each_label(tmp_path: Path) -> None:
    paths = [tmp_path / f"{n}.jpg" for n in "ab"]
    for p in paths:
        p.write_bytes(b"x")
    results = [PhotoResult(paths[0], "sakura", 0.7), PhotoResult(paths[1], "cosmos", 0.7)]
    plan = make_plan(tmp_path, results, ["cosmos", NEITHER, "sakura"], threshold={"sakura": 0.8, "cosmos": 0.6})
    status = {item.path.name: item.status for item in plan.items}
    assert status["b.jpg"] != Status.REVIEW  # 0.7 is above the cosmos threshold
    assert status["a.jpg"] == Status.REVIEW and "0.8" in next(i.note for i in plan.items if i.path == paths[0])
