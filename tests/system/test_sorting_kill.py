"""Kill tests: SIGKILL a real subprocess at random moments, then recover or undo, and check nothing was lost.

* a sort in move (same disk, or every move across a simulated filesystem boundary), copy and tag mode;
* an undo of a finished sort;
* a recovery (finishing or reverting) of a sort that was itself killed.

After each kill the photos and sidecars must be whole and in one of their two places (move), the originals
untouched (copy, tag), and once everything is undone the folder must be exactly as it was. The subprocess
builds its plan from fake PhotoResults (labelled by file name), so it needs no model and is quick.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from folder_state import tree
from sorting_helpers import EXISTING_XMP

from sakura_sorter.files import xmp
from sakura_sorter.files.journal import STATE_DIR
from sakura_sorter.files.recovery import has_undoable_run, needs_recovery, recover, undo_last

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 10
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

SCRIPT = """
import errno, os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from sakura_sorter.files import fileops
from sakura_sorter.results import PhotoResult
from sakura_sorter.files.apply import apply_plan
from sakura_sorter.files.recovery import recover, undo_last
from sakura_sorter.files.plan import make_plan

folder, job, how = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
if how == "exdev":  # every move crosses a (simulated) filesystem boundary: copy, fsync, verify, unlink
    def exdev(src, dst):
        if Path(src).name.startswith(".sakura-sorter-"):
            return False
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(src))
    fileops._native_noreplace = exdev
if how == "slow":  # every fsync takes 10 ms longer: a short job is long enough for kills to land inside it
    import time
    real_fsync = os.fsync
    def slow_fsync(fd):
        real_fsync(fd)
        time.sleep(0.01)
    os.fsync = slow_fsync
if job in ("undo", "finish", "revert"):
    print("ready", flush=True)
    if job == "undo":
        undo_last(folder)
    else:
        recover(folder, revert=job == "revert")
    sys.exit(0)
recover(folder)
photos = sorted(p for p in folder.iterdir() if p.suffix == ".jpg")
results = [
    PhotoResult(p, label="sakura" if p.name.startswith("s") else "cosmos", confidence=0.99) for p in photos
]
plan = make_plan(folder, results, ["cosmos", "sakura"], mode=job)
print("ready", flush=True)
apply_plan(plan)
"""


def destination(rel: str) -> str:
    return ("sakura/" if rel.startswith("s") else "cosmos/") + rel


def make_original(folder: Path, mode: str) -> Path:
    rng = random.Random()
    folder.mkdir()
    for i in range(36):
        name = f"{'s' if i % 3 else 'c'}_{i:02d}.jpg"
        (folder / name).write_bytes(os.urandom(rng.randint(50_000, 400_000)))
        if mode == "tag" and i % 4 == 0:
            (folder / f"{name}.xmp").write_text(EXISTING_XMP, encoding="utf-8")  # merged, then restored
        elif i % 5 == 0:
            (folder / name.replace(".jpg", ".xmp")).write_bytes(os.urandom(500))  # travels with its photo
    return folder


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {mode: make_original(tmp_path_factory.mktemp("kill") / mode, mode) for mode in ("move", "copy", "tag")}


def start(folder: Path, job: str, how: str, script: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(script), str(folder), job, how, str(REPO)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def visible(folder: Path) -> dict[str, str]:
    """The folder's files, without this program's temporary files (a kill may leave one until recovery)."""
    return {rel: digest for rel, digest in tree(folder).items() if not rel.rsplit("/", 1)[-1].startswith(".")}


def check_move(folder: Path, before: dict[str, str], context: str, settled: bool = True) -> None:
    """Every file whole, in one of its two places (right after a kill, before recovery, a cross-device move
    may have it in both: the verified copy is there and the original not yet removed)."""
    after = visible(folder)
    for rel, digest in before.items():
        here, there = after.get(rel) == digest, after.get(destination(rel)) == digest
        assert here or there, f"{rel} is in neither place ({context})"
        assert not (here and there) or not settled, f"{rel} is in both places ({context})"
    assert set(after) <= set(before) | {destination(rel) for rel in before}, f"extra files ({context})"
    if settled:
        assert Counter(after.values()) == Counter(before.values()), f"contents changed ({context})"


def check_copy(folder: Path, before: dict[str, str], context: str, settled: bool = True) -> None:
    after = visible(folder)
    for rel, digest in before.items():
        assert after.get(rel) == digest, f"original {rel} changed or lost ({context})"
        assert after.get(destination(rel), digest) == digest, f"copy of {rel} is not whole ({context})"
    assert set(after) <= set(before) | {destination(rel) for rel in before}, f"extra files ({context})"


def check_tag(folder: Path, before: dict[str, str], context: str, settled: bool = True) -> None:
    after = visible(folder)
    for rel, digest in before.items():
        if not rel.endswith(".jpg.xmp"):
            assert after[rel] == digest, f"{rel} touched ({context})"
    for rel in {r for r in after if r.endswith(".jpg.xmp")}:
        data = (folder / rel).read_bytes()
        labels = xmp.labels_in(data)["subject"]  # whole, valid XMP: never half-written
        assert rel in before or labels in (["sakura"], ["cosmos"]), f"{rel}: {labels} ({context})"
        if rel in before:
            assert after[rel] == before[rel] or labels[0] == "spring", f"{rel} lost its content ({context})"


CHECKS: dict[str, Callable[..., None]] = {
    "move": check_move,
    "copy": check_copy,
    "tag": check_tag,
}


def undo_everything(folder: Path, context: str) -> None:
    while needs_recovery(folder) or has_undoable_run(folder):
        assert undo_last(folder).ok, context


def calibrate(
    original: Path, tmp_path: Path, job: str, how: str, script: Path, prepare: Callable[[Path], None]
) -> float:
    """The shorter of two uninterrupted runs of ``job``, which bounds the kill moments."""
    durations = []
    for attempt in range(2):
        folder = tmp_path / f"calibration-{job}-{attempt}"
        shutil.copytree(original, folder)
        prepare(folder)
        proc = start(folder, job, how, script)
        t0 = time.monotonic()  # from "ready": the plan is made and the job starts
        assert proc.wait(timeout=120) == 0
        durations.append(time.monotonic() - t0)
    return min(durations)


def journal_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in (folder / STATE_DIR / "runs").glob("*.jsonl"))


def kill_at_random(
    original: Path, tmp_path: Path, job: str, how: str, prepare: Callable[[Path], None], rounds: int = ROUNDS
) -> tuple[list[tuple[Path, str]], int]:
    """Run ``job`` ``rounds`` times on fresh copies of ``original`` (after ``prepare``), each SIGKILLed at a random
    moment; returns the folders with their context, and how many kills landed while journaled work was left."""
    script = tmp_path / "job.py"
    script.write_text(SCRIPT, encoding="utf-8")
    duration = calibrated = calibrate(original, tmp_path, job, how, script, prepare)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    folders, interrupted = [], 0
    round_no = -1
    # More rounds while no kill has landed inside the job yet: a loaded machine shifts the timing.
    while (round_no := round_no + 1) < rounds or (not interrupted and round_no < 3 * rounds):
        folder = tmp_path / f"{job}-{how}-round{round_no}"
        shutil.copytree(original, folder)
        prepare(folder)
        journaled, files = journal_size(folder), tree(folder)
        proc = start(folder, job, how, script)
        delay = rng.uniform(0.0, duration * 0.9)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        began = journal_size(folder) > journaled or tree(folder) != files  # journaled something or changed a file
        if began and (needs_recovery(folder) or (job == "undo" and has_undoable_run(folder))):
            interrupted += 1  # begun and not ended: killed inside the job
        elif began:
            duration *= 0.6  # the job had already ended: aim earlier (the machine may be faster now)
        else:
            duration = min(duration * 1.5, 8 * calibrated)  # killed before it began (start-up was slower): aim later
        folders.append((folder, f"{job}/{how}, seed {seed}, round {round_no}, killed after {delay:.3f}s"))
    return folders, interrupted


@pytest.mark.parametrize("mode,how", [("move", "rename"), ("move", "exdev"), ("copy", "rename"), ("tag", "rename")])
def test_kill_a_sort_at_random_moments_then_recover(
    originals: dict[str, Path], tmp_path: Path, mode: str, how: str
) -> None:
    original = originals[mode]
    before = tree(original)
    folders, interrupted = kill_at_random(original, tmp_path, mode, how, lambda folder: None)
    script = tmp_path / "job.py"
    for round_no, (folder, context) in enumerate(folders):
        CHECKS[mode](folder, before, context, settled=False)
        if round_no % 2 == 0:
            recover(folder)  # finish the photo in flight; the rest stay for the next sort
            assert not needs_recovery(folder), context
            CHECKS[mode](folder, before, context)
            proc = start(folder, mode, how, script)  # a new sort completes the job
            assert proc.wait(timeout=120) == 0, context
            CHECKS[mode](folder, before, context)
            if mode != "tag":
                assert all(tree(folder).get(destination(rel)) for rel in before), context
        undo_everything(folder, context)
        assert tree(folder) == before, f"undo did not restore the folder ({context})"
        assert {p.name for p in folder.iterdir()} - {STATE_DIR} == set(before), context
    assert interrupted >= 1, f"no kill landed inside a run ({folders[0][1]})"


@pytest.mark.parametrize("mode", ["move", "copy", "tag"])
def test_kill_an_undo_at_random_moments_then_undo_again(originals: dict[str, Path], tmp_path: Path, mode: str) -> None:
    original = originals[mode]
    before = tree(original)
    script = tmp_path / "sort.py"
    script.write_text(SCRIPT, encoding="utf-8")

    def sorted_folder(folder: Path) -> None:
        assert start(folder, mode, "rename", script).wait(timeout=120) == 0

    folders, interrupted = kill_at_random(original, tmp_path, "undo", "rename", sorted_folder)
    for folder, context in folders:
        CHECKS[mode](folder, before, context, settled=False)
        undo_everything(folder, context)
        assert tree(folder) == before, f"undo did not restore the folder ({context})"
    assert interrupted >= 1, f"no kill landed inside an undo ({folders[0][1]})"


@pytest.mark.parametrize("job", ["finish", "revert"])
@pytest.mark.parametrize("mode", ["move", "tag"])
def test_kill_a_recovery_at_random_moments_then_recover_again(
    originals: dict[str, Path], tmp_path: Path, mode: str, job: str
) -> None:
    """A sort killed half-way, then its recovery (finishing it, or reverting it as undo does) killed too."""
    original = originals[mode]
    before = tree(original)
    script = tmp_path / "sort.py"
    script.write_text(SCRIPT, encoding="utf-8")
    half = calibrate(original, tmp_path, mode, "slow", script, lambda folder: None) / 2

    def interrupted_sort(folder: Path) -> None:
        for attempt in range(10):  # kill the sort part-way; retry if it ended first on a fast machine
            proc = start(folder, mode, "slow", script)
            time.sleep(half * random.uniform(0.2, 1.0) / (attempt + 1))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            if needs_recovery(folder):
                return
            undo_everything(folder, "preparing an interrupted sort")
        raise AssertionError("could not interrupt a sort to recover")

    folders, interrupted = kill_at_random(original, tmp_path, job, "slow", interrupted_sort, rounds=6)
    for folder, context in folders:
        CHECKS[mode](folder, before, context, settled=False)
        recover(folder, revert=job == "revert")
        assert not needs_recovery(folder), context
        CHECKS[mode](folder, before, context)
        undo_everything(folder, context)
        assert tree(folder) == before, f"undo did not restore the folder ({context})"
    assert interrupted >= 1, f"no kill landed inside a recovery ({folders[0][1]})"
