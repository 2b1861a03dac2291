"""The bundled model ships inside the wheel: build it, install it into a fresh venv, classify real photos."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def git_files() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        pytest.skip("not a git checkout: cannot tell which files make up the source tree")
    return [line for line in out.stdout.splitlines() if line]


def test_wheel_in_a_fresh_venv_classifies_with_the_bundled_model(
    weights_path: Path, real_photo_folder, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "src"
    for name in git_files():
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(source)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheel = next(dist.glob("sakura_sorter-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()  # the window's translations, compiled by the build
    assert {
        "sakura_sorter/gui/translations/sakura_sorter_ja.qm",
        "sakura_sorter/gui/translations/sakura_sorter_en.qm",
    } <= set(names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=600)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout.strip()
    # Dependencies (TensorFlow etc.) come from this test's environment, as a plain path entry: its .pth
    # files (an editable install of this checkout among them) are not processed there.
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True, timeout=600
    )

    where = subprocess.run(
        [python, "-c", "import sakura_sorter.model.bundle as c; print(c.__file__); print(c.bundled_model_dir())"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    ).stdout.split()
    assert all(line.startswith(str(venv)) for line in where), where

    folder, truth = real_photo_folder({"sakura": 3, "cosmos": 3}, seed=4)
    report = tmp_path / "report.csv"
    env = {**os.environ, "SAKURA_SORTER_WEIGHTS": str(weights_path), "SAKURA_SORTER_CACHE": "off"}
    run = subprocess.run(
        [venv / "bin" / "sakura-sorter", "classify", str(folder), "--report", str(report)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(report.read_text(encoding="utf-8-sig").splitlines()))
    assert {Path(r["path"]).name: r["label"] for r in rows} == {p.name: c for p, c in truth.items()}
