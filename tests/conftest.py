"""Shared test set-up: offscreen Qt, an isolated feature cache and settings, and the data in ../shared.

Tests that need the real VGG16 weights or photos, or exiftool, use the fixtures below, which skip with a
reason when ``../shared`` (next to the repository) or exiftool is absent, so the suite still runs cleanly
elsewhere. When the ``CI`` environment variable is set, a missing one is a failure instead: CI cannot pass
by skipping.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import stat
import subprocess
import tempfile
import types
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

REPO = Path(__file__).resolve().parents[1]
IN_CI = bool(os.environ.get("CI"))
SHARED = REPO.parent / "shared"
PHOTOS = SHARED / "data" / "photos"
WEIGHTS = SHARED / "data" / "weights" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"


@pytest.fixture(scope="session")
def _shared_machine_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the program keeps per machine, not per person: the quantized int8 model and the precision probes.
    Shared by the whole session (quantizing takes half a minute), never the real user cache."""
    folder = tmp_path_factory.mktemp("machine-cache")
    (folder / "models").mkdir()
    (folder / "probes.json").write_text("{}")
    return folder


@pytest.fixture(autouse=True)
def _isolated_user_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _shared_machine_cache: Path
) -> None:
    """No test reads or writes the real user cache or settings."""
    monkeypatch.setenv("SAKURA_SORTER_CACHE", "off")
    cache = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    (cache / "sakura-sorter").mkdir()
    for name in ("models", "probes.json"):
        (cache / "sakura-sorter" / name).symlink_to(_shared_machine_cache / name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))


@pytest.fixture
def english(qtbot):  # type: ignore[no-untyped-def]
    """The program's English translators (plural forms), as it loads them, for the window's tests. Request it by
    name or with ``pytestmark = pytest.mark.usefixtures("english")``; Qt is imported here, not at the top, as
    this file is imported also where PySide6 or pytest-qt is missing."""
    from PySide6.QtWidgets import QApplication

    from sakura_sorter.gui import i18n

    app = QApplication.instance()
    installed = i18n.install_translators(app, "en")
    yield installed
    i18n.remove_translators(app, installed)


def missing(reason: str) -> None:
    """Skip for ``reason``, or fail when running in CI (``CI`` is set), where nothing may be missing."""
    if IN_CI:
        pytest.fail(f"{reason}, and CI must run this test (the CI environment variable is set)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def weights_path() -> Path:
    if not WEIGHTS.is_file():
        missing(f"real VGG16 weights not found at {WEIGHTS} (../shared is absent)")
    os.environ["SAKURA_SORTER_WEIGHTS"] = str(WEIGHTS)
    return WEIGHTS


@pytest.fixture(scope="session")
def photos_dir() -> Path:
    if not (PHOTOS / "sakura").is_dir() or not (PHOTOS / "cosmos").is_dir():
        missing(f"real photos not found at {PHOTOS} (../shared is absent)")
    return PHOTOS


@pytest.fixture(scope="session")
def photo_batch(photos_dir: Path) -> tuple[list[Path], Any]:
    """36 real photos (20 sakura, 12 cosmos, 4 other), spread over their folders, decoded for the model."""
    import numpy as np

    from sakura_sorter.vision.photos import load_for_model

    paths = []
    for name, count in {"sakura": 20, "cosmos": 12, "other": 4}.items():
        files = sorted(p for p in (photos_dir / name).glob("*.jpg"))
        paths += files[:: max(1, len(files) // count)][:count]  # spread over the folder, reproducible
    return paths, np.stack([load_for_model(p) for p in paths])


@pytest.fixture(scope="session")
def exiftool() -> str:
    """The exiftool program (reads our XMP sidecars as photo managers do)."""
    found = shutil.which("exiftool")
    if found is None:
        missing("exiftool is not installed (apt-get install libimage-exiftool-perl)")
    assert found is not None
    return found


@pytest.fixture(scope="session")
def extractor(weights_path: Path):  # type: ignore[no-untyped-def]
    """One real float32 VGG16 extractor for the whole session (building it takes seconds)."""
    from sakura_sorter.vision.extractor import FeatureExtractor

    return FeatureExtractor(weights_path, batch_size=16, precision="float32")


def sample_photos(photos_dir: Path, per_class: dict[str, int], seed: int = 0) -> dict[str, list[Path]]:
    """A reproducible random sample of real photos per class folder."""
    rng = random.Random(seed)
    chosen = {}
    for name, count in per_class.items():
        files = sorted(p for p in (photos_dir / name).iterdir() if p.suffix.lower() == ".jpg")
        chosen[name] = rng.sample(files, min(count, len(files)))
    return chosen


def copy_photos(paths: list[Path], dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for p in paths:
        target = dest / p.name
        shutil.copy2(p, target)
        out.append(target)
    return out


@pytest.fixture
def real_photo_folder(photos_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A function ``(per_class: dict[str, int], seed=0, flat=True) -> (folder, {copied path: class})``.

    Copies a reproducible sample of real photos into a fresh temporary folder (flat, or one subfolder
    per class when ``flat=False``).
    """
    counter = iter(range(1000))

    def make(per_class: dict[str, int], seed: int = 0, flat: bool = True) -> tuple[Path, dict[Path, str]]:
        folder = tmp_path / f"photos{next(counter)}"
        truth: dict[Path, str] = {}
        for name, paths in sample_photos(photos_dir, per_class, seed).items():
            for copied in copy_photos(paths, folder if flat else folder / name):
                truth[copied] = name
        return folder, truth

    return make


@pytest.fixture
def spring_folder(photos_dir: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """``tmp_path / "spring"`` with the plum and peach blossom of the real photos (``other/pixabay_*``), a similar
    photo of each that a person will not label (mirrored and cropped: ``similar_<name>``), and three sakura and
    three cosmos photos; and the blossoms' names. For the teaching tests."""
    from PIL import Image, ImageOps

    folder = tmp_path / "spring"
    folder.mkdir()
    blossoms = sorted((photos_dir / "other").glob("pixabay_*"))
    for photo in blossoms:
        shutil.copy2(photo, folder / photo.name)
        with Image.open(photo) as im:
            w, h = im.size
            ImageOps.mirror(im.convert("RGB")).crop((w // 10, h // 10, w - w // 10, h - h // 10)).save(
                folder / f"similar_{photo.name}", quality=92
            )
    for name in ("sakura", "cosmos"):
        for photo in sorted((photos_dir / name).glob("*.jpg"))[:3]:
            shutil.copy2(photo, folder / photo.name)
    return folder, [p.name for p in blossoms]


@pytest.fixture
def public_tmp() -> Iterator[Path]:
    """A fresh folder the unprivileged user can reach (pytest's own tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="sakura-unprivileged-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for dirpath, dirnames, _ in os.walk(folder):  # undo the tests' chmods so that everything can go
            for name in dirnames:
                os.chmod(os.path.join(dirpath, name), stat.S_IRWXU)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    """Label by file name: ``s*`` sakura, ``c*`` cosmos, ``o*`` other (neither), ``low*`` uncertain sakura,
    ``bad*`` unreadable. The model has the background class ``other``, as the bundled one."""
    from sakura_sorter.jobs import Jobs
    from sakura_sorter.results import PhotoResult

    calls: list[list[Path]] = []

    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    def classify(
        jobs: object, paths: Sequence[Path], cancel: object = None, keep_features: bool = True
    ) -> Iterator[object]:
        calls.append(list(paths))
        yield from ()
        out = []
        for p in paths:
            if p.name.startswith("bad"):
                out.append(PhotoResult(path=p, error="cannot identify image file"))
            else:
                label = {"c": "cosmos", "o": "other"}.get(p.name[:1], "sakura")
                confidence = 0.6 if p.name.startswith("low") else 0.97
                out.append(PhotoResult(path=p, label=label, confidence=confidence, sha256=digest(p)))
        return out

    monkeypatch.setattr(Jobs, "bundle", lambda jobs: types.SimpleNamespace(classes=["cosmos", "other", "sakura"]))
    monkeypatch.setattr(Jobs, "classify", classify)
    return calls


@pytest.fixture
def mount_tmpfs() -> Iterator[Callable[[Path, str], Path]]:
    """A function ``(folder, size) -> folder`` that mounts a fresh tmpfs of ``size`` (``"1m"``) on ``folder``
    (created if needed): a real separate filesystem, for cross-device moves and a really full disk. Skips
    with the reason where mounting is not allowed (not root, or a container without the capability)."""
    mounted: list[Path] = []

    def mount(folder: Path, size: str = "4m") -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        if not hasattr(os, "geteuid") or os.geteuid() != 0:
            pytest.skip("mounting a tmpfs needs root")
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
        mounted.append(folder)
        return folder

    try:
        yield mount
    finally:
        for folder in reversed(mounted):
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)
