"""Kill test: SIGKILL a real ``apply_plan`` subprocess at random moments, then recover.

After each kill and recovery the multiset of file contents (sha256) must equal the one before,
and every photo (and sidecar) must be either at its original path or at its destination.
The subprocess builds its plan from fake PhotoResults, so it needs no model and is quick.
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
from pathlib import Path

import pytest
from folder_state import tree

from sakura_sorter.files.journal import STATE_DIR
from sakura_sorter.files.recovery import has_undoable_run, needs_recovery, recover, undo_last

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 10
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

SCRIPT = """
import errno, os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from sakura_sorter.files import fileops
from sakura_sorter.results import PhotoResult
from sakura_sorter.files.apply import apply_plan
from sakura_sorter.files.recovery import recover
from sakura_sorter.files.plan import make_plan

folder, how = Path(sys.argv[1]), sys.argv[2]
if how == "exdev":  # every move crosses a (simulated) filesystem boundary: copy, fsync, verify, unlink
    def exdev(src, dst):
        if Path(src).name.startswith(".sakura-sorter-"):
            return False
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(src))
    fileops._native_noreplace = exdev
recover(folder)
photos = sorted(p for p in folder.iterdir() if p.suffix == ".jpg")
results = [
    PhotoResult(p, label="sakura" if p.name.startswith("s") else "cosmos", confidence=0.99) for p in photos
]
plan = make_plan(folder, results, ["cosmos", "sakura"], mode="move")
print("ready", flush=True)
apply_plan(plan)
"""


def destination(rel: str) -> str:
    return ("sakura/" if rel.startswith("s") else "cosmos/") + rel


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kill-original")
    rng = random.Random()
    for i in range(36):
        name = f"{'s' if i % 3 else 'c'}_{i:02d}.jpg"
        (folder / name).write_bytes(os.urandom(rng.randint(50_000, 400_000)))
        if i % 5 == 0:
            (folder / name.replace(".jpg", ".xmp")).write_bytes(os.urandom(500))
    return folder


def start(folder: Path, how: str, script: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, str(script), str(folder), how, str(REPO)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def check_invariants(folder: Path, before: dict[str, str], context: str) -> None:
    after = tree(folder)
    assert Counter(after.values()) == Counter(before.values()), f"contents changed ({context})"
    for rel, digest in before.items():
        here = after.get(rel) == digest
        there = after.get(destination(rel)) == digest
        assert here != there, f"{rel} is {'in both places' if here else 'in neither place'} ({context})"
    assert len(after) == len(before), f"extra files ({context}): {sorted(set(after) - set(before))}"


@pytest.mark.parametrize("how", ["rename", "exdev"])
def test_kill_at_random_moments_then_recover(original: Path, tmp_path: Path, how: str) -> None:
    before = tree(original)
    script = tmp_path / "apply.py"
    script.write_text(SCRIPT, encoding="utf-8")

    durations = []
    for attempt in range(2):  # the shorter of two uninterrupted runs bounds the kill moments
        calibration = tmp_path / f"calibration{attempt}"
        shutil.copytree(original, calibration)
        proc = start(calibration, how, script)
        t0 = time.monotonic()  # from "ready": the plan is made, apply_plan starts
        assert proc.wait(timeout=120) == 0
        durations.append(time.monotonic() - t0)
        check_invariants(calibration, before, "uninterrupted run")
        assert all(tree(calibration).get(destination(rel)) for rel in before)
    duration = min(durations)

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    interrupted = 0
    for round_no in range(ROUNDS):
        folder = tmp_path / f"round{round_no}"
        shutil.copytree(original, folder)
        proc = start(folder, how, script)
        delay = rng.uniform(0.0, duration * 0.9)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        context = f"{how}, seed {seed}, round {round_no}, killed after {delay:.3f}s of ~{duration:.3f}s"
        if needs_recovery(folder):
            interrupted += 1
        elif (folder / STATE_DIR).exists():
            duration *= 0.6  # the run had already ended: aim earlier (the machine may be faster now)

        if round_no % 2 == 0:
            recover(folder)  # finish the photo in flight; the rest stay for the next sort
            assert not needs_recovery(folder), context
            check_invariants(folder, before, context)
            proc = start(folder, how, script)  # a new sort completes the job
            assert proc.wait(timeout=120) == 0, context
            check_invariants(folder, before, context)
            assert all(tree(folder).get(destination(rel)) for rel in before), context
            while has_undoable_run(folder):
                assert undo_last(folder).ok, context
        else:
            assert undo_last(folder).ok or not needs_recovery(folder), context
            check_invariants(folder, before, context)
            while has_undoable_run(folder):
                assert undo_last(folder).ok, context
        assert tree(folder) == before, f"undo did not restore the folder ({context})"
        assert {p.name for p in folder.iterdir()} - {STATE_DIR} == set(before), context
    assert interrupted >= 1, f"no kill landed inside a run (seed {seed})"
    print(f"{how}: {interrupted}/{ROUNDS} kills inside a run of {duration:.3f}s")
