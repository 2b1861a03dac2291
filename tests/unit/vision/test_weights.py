"""Weights resolution order and the check that a file really holds VGG16 conv weights."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def layout_only(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The resolution-order tests use small fake files with VGG16's layout and no real values: for them,
    check the layout only (and do not show the warning such a file gets). Tests marked ``values`` check the
    values too, on the real weights."""
    w._check.cache_clear()
    if "values" in request.keywords:
        yield
        return
    monkeypatch.setattr(w, "_check_values", lambda *args: None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", w.WeightsWarning)
        yield


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
    with pytest.warns(w.WeightsWarning):  # a fake file: not the one Keras publishes
        source = w.resolve_weights()
    assert (source.path, source.origin) == (fetched, "download")


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


# --- the values, not just the layout (real weights from ../shared) -------------------------------------


def copy_weights(src: Path, dst: Path, change: dict[str, float] | None = None, **dataset_options: object) -> Path:
    """A copy of ``src`` saved again by h5py (another file, another hash), kernels scaled by ``change``."""
    with h5py.File(src, "r") as a, h5py.File(dst, "w") as b:
        for key, value in a.attrs.items():
            b.attrs[key] = value

        def copy(name: str, obj: object) -> None:
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                layer = name.split("/")[0]
                if change and layer in change and data.ndim == 4:
                    data = (data * change[layer]).astype(data.dtype)
                b.create_dataset(name, data=data, **dataset_options)
            else:
                b.require_group(name)

        a.visititems(copy)
    return dst


@pytest.mark.values
def test_the_standard_file_is_accepted_without_a_word(weights_path: Path, recwarn: pytest.WarningsRecorder) -> None:
    assert w.check_weights_file(weights_path) == ""
    assert w.resolve_weights(weights_path).note == ""
    assert not [r for r in recwarn if issubclass(r.category, w.WeightsWarning)]


@pytest.mark.values
def test_the_same_tensors_saved_again_are_used_and_named(weights_path: Path, tmp_path: Path) -> None:
    resaved = copy_weights(weights_path, tmp_path / "resaved.h5", compression="gzip", chunks=True)
    with pytest.warns(w.WeightsWarning, match=r"not the file Keras downloads.*same VGG16 ImageNet values"):
        source = w.resolve_weights(resaved)
    assert source.path == resaved and "resaved.h5" in source.note


@pytest.mark.values
@pytest.mark.parametrize("scale", [1.001, 0.0])
def test_right_layout_other_values_is_refused(weights_path: Path, tmp_path: Path, scale: float) -> None:
    other = copy_weights(weights_path, tmp_path / "other.h5", change={"block3_conv1": scale})
    with pytest.raises(w.WeightsError, match=r"VGG16's layout but not its ImageNet values.*block3_conv1") as info:
        w.resolve_weights(other)
    assert w.WEIGHTS_FILENAME in info.value.hint


@pytest.mark.values
def test_cli_refuses_other_weights_with_one_line(
    weights_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    from sakura_sorter import cli

    other = copy_weights(weights_path, tmp_path / "random.h5", change={"block1_conv1": -1.0})
    Image.new("RGB", (64, 64), (200, 30, 90)).save(tmp_path / "p.jpg")
    assert cli.main(["classify", str(tmp_path), "--weights", str(other), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not its ImageNet values" in err


def test_a_checked_file_is_not_read_again_until_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import os

    path = fake_vgg16_h5(tmp_path / "weights.h5")
    note = w.check_weights_file(path)
    assert w.weights_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()

    def read_again(*args: object) -> tuple[str, str]:
        raise AssertionError("the file was read again")

    monkeypatch.setattr(w, "_check", read_again)
    assert w.check_weights_file(path) == note  # remembered in the user cache, across processes
    assert w.weights_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a changed file (here: its time only)
    with pytest.raises(AssertionError, match="read again"):
        w.check_weights_file(path)
