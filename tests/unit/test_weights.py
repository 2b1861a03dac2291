"""Weights resolution order and the check that a file really holds VGG16 conv weights."""

from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np
import pytest

from sakura_sorter.vision import weights as w


def fake_vgg16_h5(path: Path, drop: str | None = None, wrong_shape: str | None = None) -> Path:
    """An HDF5 file laid out like Keras's notop file (tiny zero kernels would not do: shapes are checked)."""
    with h5py.File(path, "w") as h5:
        for layer, shape in w.VGG16_CONV_SHAPES:
            if layer == drop:
                continue
            if layer == wrong_shape:
                shape = (1, 1, *shape[2:])
            group = h5.create_group(layer)
            group.create_dataset(f"{layer}_W_1:0", shape=shape, dtype="f4")  # lazily allocated, stays small
            group.create_dataset(f"{layer}_b_1:0", data=np.zeros(shape[-1], "f4"))
    return path


def test_explicit_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = fake_vgg16_h5(tmp_path / "a.h5")
    monkeypatch.setenv(w.ENV_VAR, str(fake_vgg16_h5(tmp_path / "b.h5")))
    source = w.resolve_weights(explicit)
    assert source.path == explicit and source.origin == "--weights"


def test_environment_variable_then_keras_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = fake_vgg16_h5(tmp_path / "env.h5")
    monkeypatch.setenv(w.ENV_VAR, str(env_file))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    assert w.resolve_weights().origin == w.ENV_VAR
    monkeypatch.delenv(w.ENV_VAR)
    cached = tmp_path / "keras" / "models" / w.WEIGHTS_FILENAME
    cached.parent.mkdir(parents=True)
    fake_vgg16_h5(cached)
    source = w.resolve_weights(allow_download=False)
    assert source.path == cached and source.origin == "keras cache"


def test_download_is_tried_last_and_failure_explains_offline_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(w.ENV_VAR, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    calls = []

    def offline() -> Path:
        calls.append(1)
        raise OSError("Name or service not known")

    monkeypatch.setattr(w, "_download", offline)
    with pytest.raises(w.WeightsError) as info:
        w.resolve_weights()
    message = f"{info.value} {info.value.hint}"
    assert calls == [1]
    assert "Name or service not known" in message
    assert w.ENV_VAR in message and "--weights" in message and w.WEIGHTS_FILENAME in message
    assert str(tmp_path / "keras" / "models") in message


def test_download_result_is_used_when_it_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(w.ENV_VAR, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    fetched = fake_vgg16_h5(tmp_path / "fetched.h5")
    monkeypatch.setattr(w, "_download", lambda: fetched)
    assert w.resolve_weights() == w.WeightsSource(fetched, "download")


@pytest.mark.parametrize(
    "make,match",
    [
        (lambda p: p.write_text("hello"), "not a Keras HDF5"),
        (lambda p: fake_vgg16_h5(p, drop="block3_conv2"), "block3_conv2 is missing"),
        (lambda p: fake_vgg16_h5(p, wrong_shape="block5_conv3"), "block5_conv3 has kernel shape"),
    ],
)
def test_wrong_files_are_clear_errors(tmp_path: Path, make, match: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "weights.h5"
    make(path)
    with pytest.raises(w.WeightsError, match=match):
        w.resolve_weights(path)


def test_missing_explicit_file_does_not_fall_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(w.ENV_VAR, str(fake_vgg16_h5(tmp_path / "env.h5")))
    with pytest.raises(w.WeightsError, match="not found"):
        w.resolve_weights(tmp_path / "typo.h5")
