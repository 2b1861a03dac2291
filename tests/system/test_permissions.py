"""Permissions as a person meets them: every command here runs as an unprivileged user (``nobody`` when the
tests run as root, as in CI), so read-only and unreadable folders really refuse, instead of being simulated
or skipped."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

from folder_state import tree
from unprivileged import REPO, give_to_user, one_line_error, run_cli

HERE = Path(__file__).resolve().parents[1] / "support"  # as_nobody.py


def photo_folder(public_tmp: Path, names: tuple[str, ...] = ("s1.jpg", "c1.jpg")) -> Path:
    folder = public_tmp / "photos"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(os.urandom(3000))
    (public_tmp / "home").mkdir()
    give_to_user(public_tmp)
    return folder


def rows(report: Path) -> dict[str, dict[str, str]]:
    text = report.read_bytes().decode("utf-8-sig")
    return {Path(r["path"]).name: r for r in csv.DictReader(text.splitlines())}


def test_sort_in_a_read_only_folder_is_one_line_and_changes_nothing(public_tmp: Path) -> None:
    folder = photo_folder(public_tmp)
    before = tree(folder)
    folder.chmod(0o555)
    proc = run_cli("sort", folder, home=public_tmp / "home")
    line = one_line_error(proc)
    assert "Permission denied" in line and ".sakura-sorter" in line
    assert tree(folder) == before


def test_read_only_state_folder_stops_sort_and_undo_with_one_line(public_tmp: Path) -> None:
    folder = photo_folder(public_tmp)
    before = tree(folder)
    assert run_cli("sort", folder, home=public_tmp / "home").returncode == 0
    sorted_state = tree(folder)
    state = folder / ".sakura-sorter"
    for path in [state, *state.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    line = one_line_error(run_cli("undo", folder, home=public_tmp / "home"))
    assert "Permission denied" in line and tree(folder) == sorted_state
    (folder / "s9.jpg").write_bytes(os.urandom(100))  # something new to sort, so a journal is needed
    give_to_user(folder / "s9.jpg")
    line = one_line_error(run_cli("sort", folder, home=public_tmp / "home"))
    assert "Permission denied" in line and tree(folder) == {**sorted_state, "s9.jpg": tree(folder)["s9.jpg"]}
    (folder / "s9.jpg").unlink()
    for path in [state, *state.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert run_cli("undo", folder, home=public_tmp / "home").returncode == 0
    assert tree(folder) == before


def test_unreadable_subfolder_is_an_error_row_not_zero_photos(public_tmp: Path) -> None:
    folder = photo_folder(public_tmp, ("s1.jpg",))
    locked = folder / "2024"
    locked.mkdir()
    (locked / "s2.jpg").write_bytes(os.urandom(100))
    give_to_user(folder)
    locked.chmod(0o000)
    report = public_tmp / "home" / "report.csv"
    proc = run_cli("sort", folder, "--recursive", "--dry-run", "--report", report, home=public_tmp / "home")
    assert proc.returncode == 1, proc.stderr
    row = rows(report)["2024"]
    assert row["status"] == "error" and "Permission denied" in row["error"]
    proc = run_cli("classify", locked.parent / "2024", home=public_tmp / "home")
    assert "Permission denied" in one_line_error(proc)
    proc = run_cli("classify", folder, "--recursive", home=public_tmp / "home")
    assert proc.returncode == 1 and "2024: cannot list this folder (Permission denied)" in proc.stderr


def test_read_only_class_folder_is_an_error_row_and_nothing_is_lost(public_tmp: Path) -> None:
    folder = photo_folder(public_tmp, ("s1.jpg", "c1.jpg"))
    (folder / "sakura").mkdir()
    give_to_user(folder)
    (folder / "sakura").chmod(0o555)
    before = tree(folder)
    report = public_tmp / "home" / "report.csv"
    proc = run_cli("sort", folder, "--report", report, home=public_tmp / "home")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    result = rows(report)
    assert result["s1.jpg"]["status"] == "error" and "Permission denied" in result["s1.jpg"]["error"]
    assert result["c1.jpg"]["status"] == "sorted"
    assert sorted(tree(folder).values()) == sorted(before.values())
    assert run_cli("undo", folder, home=public_tmp / "home").returncode == 0
    assert tree(folder) == before


def test_read_only_source_subfolder_is_an_error_row(public_tmp: Path) -> None:
    folder = photo_folder(public_tmp, ())
    sub = folder / "locked"
    sub.mkdir()
    (sub / "s1.jpg").write_bytes(os.urandom(300))
    give_to_user(folder)
    sub.chmod(0o555)
    before = tree(folder)
    report = public_tmp / "home" / "report.csv"
    proc = run_cli("sort", folder, "--recursive", "--report", report, home=public_tmp / "home")
    assert proc.returncode == 1, proc.stderr
    row = rows(report)["s1.jpg"]
    assert row["status"] == "error" and "Permission denied" in row["error"]
    assert tree(folder) == before


def test_unreadable_photo_is_a_clear_error(public_tmp: Path) -> None:
    from PIL import Image

    photo = public_tmp / "secret.jpg"
    Image.new("RGB", (32, 32), (200, 10, 10)).save(photo)
    (public_tmp / "home").mkdir()
    give_to_user(public_tmp)
    photo.chmod(0)
    code = (
        "from sakura_sorter.vision.photos import ImageLoadError, load_for_model\n"
        f"try:\n    load_for_model({str(photo)!r})\nexcept ImageLoadError as exc:\n    print('refused:', exc)\n"
    )
    import subprocess

    proc = subprocess.run(
        [sys.executable, str(HERE / "as_nobody.py"), str(REPO), "--python", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(public_tmp / "home"), "SAKURA_SORTER_CACHE": "off"},
    )
    assert proc.stdout.strip() == "refused: permission denied", proc.stderr
