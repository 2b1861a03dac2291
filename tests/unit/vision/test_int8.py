"""The int8 extractor's parts that need no VGG16: calibration images, batching, the cached quantized model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sakura_sorter.vision import int8

ov = pytest.importorskip("openvino")


def test_calibration_images_are_fixed_by_their_seed_and_span_the_range() -> None:
    a = int8.synthetic_calibration(4, size=64)
    assert a.shape == (4, 64, 64, 3) and a.dtype == np.uint8
    assert np.array_equal(a, int8.synthetic_calibration(4, size=64))
    assert not np.array_equal(a, int8.synthetic_calibration(4, size=64, seed=1))
    assert a.min() == 0 and a.max() == 255
    assert len({a[i].tobytes() for i in range(4)}) == 4  # four different pictures
    assert np.abs(np.diff(a.astype(int), axis=1)).mean() < 20  # smooth fields, not pixel noise


class Doubler:
    """A compiled model that returns each image's mean pixel and its batch size, to check batching."""

    def __init__(self, batch: int):
        self.calls: list[int] = []
        self.outputs = [type("Out", (), {"get_partial_shape": lambda _self: [ov.Dimension(batch), ov.Dimension(2)]})()]

    def __call__(self, x: np.ndarray) -> list[np.ndarray]:
        self.calls.append(len(x))
        return [np.stack([x.reshape(len(x), -1).mean(axis=1), np.full(len(x), len(x))], axis=1)]


def test_extract_pads_the_last_batch_and_keeps_the_order() -> None:
    fake = Doubler(4)
    extractor = int8.Int8Extractor(fake, batch_size=4, built_from_cache=True)
    images = np.stack([np.full((224, 224, 3), v, np.uint8) for v in range(10)])
    out = extractor.extract(images)
    assert fake.calls == [4, 4, 4]  # always full batches: one compiled shape
    assert out.shape == (10, 2) and out.dtype == np.float32
    assert np.allclose(out[:, 0], np.arange(10))
    with pytest.raises(ValueError, match="uint8"):
        extractor.extract(images.astype(np.float32))


def tiny_model() -> object:
    from openvino import opset13 as ops

    x = ops.parameter([2, 3], np.float32, name="x")
    return ov.Model([ops.multiply(x, ops.constant(np.float32(3.0)))], [x], "tiny")


def test_a_saved_model_is_reused_without_building_the_reference(tmp_path: Path) -> None:
    folder = tmp_path / "models" / "key"
    int8._save(tiny_model(), folder)

    def never() -> object:
        raise AssertionError("the cached model should have been used")

    built = int8.build_int8_extractor(folder, 2, never, streams=1)  # type: ignore[arg-type]
    assert built.built_from_cache
    assert np.allclose(built._compiled(np.ones((2, 3), np.float32))[0], 3.0)


def image_mean_model(batch: int) -> object:
    """uint8 images (batch, 224, 224, 3) in, each image's mean of each colour out: (batch, 3)."""
    from openvino import opset13 as ops

    x = ops.parameter([batch, 224, 224, 3], np.uint8, name="images")
    mean = ops.reduce_mean(ops.convert(x, "f32"), ops.constant(np.array([1, 2], np.int64)), False)
    return ov.Model([mean], [x], "image_mean")


def test_two_streams_give_the_features_of_one_in_the_same_order(tmp_path: Path) -> None:
    folder = tmp_path / "key"
    int8._save(image_mean_model(4), folder)
    one = int8.build_int8_extractor(folder, 4, never_built, streams=1)
    two = int8.build_int8_extractor(folder, 4, never_built, streams=2)
    assert (one.streams, two.streams, two.part_size) == (1, 2, 2)
    images = np.stack([np.full((224, 224, 3), v, np.uint8) for v in range(7)])
    assert np.array_equal(two.extract(images), one.extract(images))
    assert np.allclose(two.extract(images), np.arange(7)[:, None])
    assert two.extract(images[:1]).shape == (1, 3)


class Request:
    """A fake OpenVINO infer request: records the batch it was started with, returns its mean pixels."""

    def __init__(self, log: list[tuple[int, float]], index: int):
        self.log, self.index, self._out = log, index, np.empty(0)

    def start_async(self, batch: np.ndarray) -> None:
        self.log.append((self.index, float(batch.max())))
        self._out = batch.reshape(len(batch), -1).mean(axis=1, keepdims=True)

    def wait(self) -> None:
        pass

    def get_output_tensor(self, _index: int) -> object:
        return type("Tensor", (), {"data": self._out})()


def test_parts_made_only_of_padding_are_not_run() -> None:
    log: list[tuple[int, float]] = []
    made: list[Request] = []
    compiled = Doubler(8)
    compiled.create_infer_request = lambda: made.append(Request(log, len(made))) or made[-1]  # type: ignore[attr-defined]
    extractor = int8.Int8Extractor(compiled, batch_size=16, built_from_cache=True, streams=2)
    images = np.stack([np.full((224, 224, 3), v + 1, np.uint8) for v in range(19)])
    out = extractor.extract(images[:3])
    assert log == [(0, 3.0)]  # one photo-holding part of 8; the all-padding second part is not run
    log.clear()
    out = extractor.extract(images)
    assert log == [(0, 8.0), (1, 16.0), (0, 19.0)]  # parts of 8, 8 and 3, two at a time, requests reused
    assert len(made) == 2
    assert np.allclose(out[:, 0], np.arange(1, 20))


def never_built() -> object:
    raise AssertionError("the cached model should have been used")


def test_a_damaged_cached_model_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "key"
    int8._save(tiny_model(), folder)
    core = ov.Core()
    assert int8._cached_model(folder, core) is not None
    with open(folder / "model.xml", "a", encoding="utf-8") as handle:
        handle.write("<!-- changed -->")
    assert int8._cached_model(folder, core) is None
    (folder / "model.sha256.json").write_text(json.dumps({"model.xml": "0" * 64}))
    assert int8._cached_model(folder, core) is None


def test_the_models_key_follows_what_changes_the_numbers() -> None:
    spec = {"layers": ["block4_pool"]}
    key = int8.model_key("a" * 64, 16, spec)
    assert key == int8.model_key("a" * 64, 16, dict(spec))
    assert key != int8.model_key("b" * 64, 16, spec)
    assert key != int8.model_key("a" * 64, 8, spec)
    assert key != int8.model_key("a" * 64, 16, {"layers": ["block5_pool"]})


def test_a_first_start_that_must_quantize_is_told_apart_from_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sakura_sorter.jobs import Jobs, Options
    from sakura_sorter.jobs.events import LOADING, PREPARING
    from sakura_sorter.vision.settings import ExtractorSettings

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # no quantized model saved yet
    weights = tmp_path / "weights.h5"
    weights.write_bytes(b"not read: only its identity keys the model")
    settings = ExtractorSettings(weights, "int8", 2)
    assert settings.needs_preparing and not ExtractorSettings(weights, "float32", 2).needs_preparing
    jobs = Jobs(Options(weights=str(weights), precision="int8"))
    monkeypatch.setattr(jobs, "_settings", settings)  # as resolved before the first batch
    notice = jobs.loading_notice()
    assert notice is not None and notice.kind == PREPARING and "once" in notice.text

    int8._save(tiny_model(), settings.int8_folder())  # what the first start leaves behind
    assert not settings.needs_preparing
    notice = jobs.loading_notice()
    assert notice is not None and notice.kind == LOADING
