"""The int8 extractor (OpenVINO + NNCF) against TensorFlow float32 with the real VGG16 weights and photos.

Targets of issue 18, measured on every shared photo by ``benchmarks/precision.py``: features within cosine 0.995
of float32, the bundled model's labels identical on at least 99.5% of the photos. Here on 36 photos spread over
../shared/data/photos; and the quantized model, once made, loads from the user cache without TensorFlow.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.e2e
pytest.importorskip("openvino")
pytest.importorskip("nncf")

MIN_COSINE = 0.995
MIN_LABELS_IDENTICAL = 0.995


def test_int8_features_and_labels_match_float32(
    weights_path: Path, extractor, photo_batch: tuple[list[Path], np.ndarray]
) -> None:  # type: ignore[no-untyped-def]
    from sakura_sorter.model.bundle import load_bundle
    from sakura_sorter.vision.settings import ExtractorSettings

    paths, images = photo_batch
    quantized = ExtractorSettings(weights_path, "int8", 16).build()
    assert quantized.precision == "int8"
    f32, q8 = extractor.extract(images), quantized.extract(images)
    assert q8.shape == f32.shape and q8.dtype == np.float32
    a, b = f32.astype(np.float64), q8.astype(np.float64)
    cosine = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    worst = int(np.argmin(cosine))
    assert cosine.min() >= MIN_COSINE, f"{paths[worst].name}: cosine {cosine.min():.6f}"
    assert not np.allclose(f32, q8, atol=1e-4), "int8 gave float32's exact features: not quantized"
    bundle = load_bundle()
    labels32, labels8 = bundle.predict(f32)[0], bundle.predict(q8)[0]
    identical = sum(x == y for x, y in zip(labels32, labels8)) / len(paths)
    assert identical >= MIN_LABELS_IDENTICAL, [(p.name, x, y) for p, x, y in zip(paths, labels32, labels8) if x != y]


def test_the_quantized_model_is_reused_from_the_user_cache_without_tensorflow(
    weights_path: Path, photo_batch: tuple[list[Path], np.ndarray], tmp_path: Path
) -> None:
    paths = [str(p) for p in photo_batch[0][:5]]
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "import numpy as np\n"
        "from sakura_sorter.vision.settings import ExtractorSettings\n"
        "from sakura_sorter.vision.photos import load_for_model\n"
        f"settings = ExtractorSettings(Path({str(weights_path)!r}), 'int8', 16)\n"
        "preparing = settings.needs_preparing\n"
        "built = settings.build()\n"
        "feats = built.extract(np.stack([load_for_model(Path(p)) for p in json.loads(sys.argv[1])]))\n"
        "print(json.dumps({'cached': built.built_from_cache, 'tf': 'tensorflow' in sys.modules,\n"
        "                  'preparing': [preparing, settings.needs_preparing], 'features': feats.round(5).tolist()}))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}  # a cache of its own: made, then reused
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script, json.dumps(paths)], capture_output=True, text=True, env=env, timeout=600
        )
        assert done.returncode == 0, done.stderr[-3000:]
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert (runs[0]["cached"], runs[0]["tf"]) == (False, True)  # quantized from the TensorFlow model
    assert (runs[1]["cached"], runs[1]["tf"]) == (True, False)  # loaded from the cache: TensorFlow not imported
    # the window and the CLI say "preparing" (half a minute, once) before the first start only
    assert runs[0]["preparing"] == [True, False] and runs[1]["preparing"] == [False, False]
    assert runs[0]["features"] == runs[1]["features"]
