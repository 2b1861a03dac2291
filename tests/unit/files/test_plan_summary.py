"""Issue 19, defects 1 and 3, the Qt-free part: what will happen on Apply is counted once, in groups that
do not overlap and add up to the photos; the photos a scan of the top folder leaves out are said per subfolder."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sorting_helpers import result, write

from sakura_sorter.files.plan_summary import count_results, left_out, left_out_parts, left_out_text
from sakura_sorter.results import PhotoResult
from sakura_sorter.vocabulary import NEITHER


def test_count_results_groups_are_disjoint_and_review_photos_do_not_count_as_moving(tmp_path: Path) -> None:
    results = [result(tmp_path / f"s{i}.jpg") for i in range(4)]
    results.append(result(tmp_path / "low.jpg", confidence=0.6))  # sakura by the model, but below the threshold
    results.append(result(tmp_path / "c.jpg", "cosmos"))
    results.append(result(tmp_path / "mine.jpg", "cosmos", 0.55, human_label="sakura"))  # a person decided
    results.append(result(tmp_path / "leave.jpg", "sakura", 0.99, human_label=NEITHER))
    results.append(result(tmp_path / "street.jpg", NEITHER, 0.97))
    results.append(PhotoResult(tmp_path / "bad.jpg", error="cannot identify image file"))
    results.append(result(tmp_path / "done.jpg"))
    summary = count_results(results, 0.8, done={len(results) - 1})
    assert summary.to_class == Counter({"sakura": 5, "cosmos": 1})
    assert summary.by_person == Counter({"sakura": 1})
    assert (summary.review, summary.neither, summary.left_by_person, summary.errors) == (1, 1, 1, 1)
    assert summary.skipped == 1  # sorted by an earlier run already
    assert summary.total == len(results) == summary.actionable + 5


def test_left_out_is_said_per_subfolder_biggest_first_with_the_rest_counted(tmp_path: Path) -> None:
    for i in range(3):
        write(tmp_path / "2024" / f"a{i}.jpg")
    write(tmp_path / "2023" / "deep" / "b.jpg")
    write(tmp_path / "2022" / "c.jpg")
    write(tmp_path / "sakura" / "sorted.jpg")  # a class folder: sorted already, not left out
    found = left_out(tmp_path, ["cosmos", "sakura"])
    assert found == Counter({"2024": 3, "2023": 1, "2022": 1})
    total, shown, more = left_out_parts(found, limit=2)
    assert (total, shown, more) == (5, [("2024", 3), ("2022", 1)], 1)
    assert left_out_text(found, limit=2) == (
        "5 photo(s) in subfolders were left out (2024/ 3, 2022/ 1, and 1 more subfolder); --recursive includes them"
    )
