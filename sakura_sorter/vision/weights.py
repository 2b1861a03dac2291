"""Find the ImageNet VGG16 convolution weights ("notop") and check that a file really holds them.

Order: an explicit path (``--weights``), the ``SAKURA_SORTER_WEIGHTS`` environment variable, the Keras
cache (``$KERAS_HOME/models`` or ``~/.keras/models``), then the normal Keras download. Nothing here
imports TensorFlow until a download is attempted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sakura_sorter.errors import SakuraSorterError

WEIGHTS_FILENAME = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/" + WEIGHTS_FILENAME
WEIGHTS_MD5 = "6d6bbae143d832006294945121d1f1fc"
ENV_VAR = "SAKURA_SORTER_WEIGHTS"

#: (layer name, kernel shape) of the 13 VGG16 convolutions, which a weights file must match.
VGG16_CONV_SHAPES: tuple[tuple[str, tuple[int, int, int, int]], ...] = (
    ("block1_conv1", (3, 3, 3, 64)),
    ("block1_conv2", (3, 3, 64, 64)),
    ("block2_conv1", (3, 3, 64, 128)),
    ("block2_conv2", (3, 3, 128, 128)),
    ("block3_conv1", (3, 3, 128, 256)),
    ("block3_conv2", (3, 3, 256, 256)),
    ("block3_conv3", (3, 3, 256, 256)),
    ("block4_conv1", (3, 3, 256, 512)),
    ("block4_conv2", (3, 3, 512, 512)),
    ("block4_conv3", (3, 3, 512, 512)),
    ("block5_conv1", (3, 3, 512, 512)),
    ("block5_conv2", (3, 3, 512, 512)),
    ("block5_conv3", (3, 3, 512, 512)),
)


_EXPECTED = f"Use {WEIGHTS_FILENAME}, the ImageNet VGG16 convolution weights ('notop') that Keras downloads."


class WeightsError(SakuraSorterError):
    """No usable VGG16 weights; the message says what was tried and what to do."""


@dataclass(frozen=True)
class WeightsSource:
    path: Path
    origin: str  # "--weights", "SAKURA_SORTER_WEIGHTS", "keras cache" or "download"


def keras_cache_path() -> Path:
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(home) / "models" / WEIGHTS_FILENAME


def check_weights_file(path: Path) -> None:
    """Raise :class:`WeightsError` unless ``path`` is an HDF5 file with the VGG16 conv kernels."""
    path = Path(path)
    if not path.is_file():
        raise WeightsError(f"VGG16 weights file not found: {path}", offline_hint())
    with open(path, "rb") as handle:
        signature = handle.read(8)
    if signature != b"\x89HDF\r\n\x1a\n":
        raise WeightsError(f"{path} is not a Keras HDF5 weights file.", _EXPECTED)
    import h5py

    try:
        with h5py.File(path, "r") as h5:
            root = h5.get("model_weights", h5)
            for layer, shape in VGG16_CONV_SHAPES:
                if layer not in root:
                    raise WeightsError(
                        f"{path} does not hold VGG16 convolution weights (layer {layer} is missing).", _EXPECTED
                    )
                kernels = [ds.shape for ds in _datasets(root[layer]) if len(ds.shape) == 4]
                if tuple(shape) not in [tuple(k) for k in kernels]:
                    raise WeightsError(
                        f"{path}: layer {layer} has kernel shape {kernels}, VGG16 needs {shape}.", _EXPECTED
                    )
    except WeightsError:
        raise
    except (OSError, KeyError, ValueError) as exc:
        raise WeightsError(f"{path} cannot be read as an HDF5 weights file: {exc}", _EXPECTED) from exc


def _datasets(group: Any) -> list[Any]:
    import h5py

    found: list[Any] = []
    group.visititems(lambda _name, obj: found.append(obj) if isinstance(obj, h5py.Dataset) else None)
    return found


def resolve_weights(explicit: str | os.PathLike[str] | None = None, allow_download: bool = True) -> WeightsSource:
    """Find usable weights in the documented order; raise :class:`WeightsError` saying what was tried."""
    tried: list[str] = []
    if explicit:
        check_weights_file(Path(explicit))  # an explicit choice that fails is an error, not a fallback
        return WeightsSource(Path(explicit), "--weights")
    env = os.environ.get(ENV_VAR)
    if env:
        check_weights_file(Path(env))
        return WeightsSource(Path(env), ENV_VAR)
    tried.append(f"{ENV_VAR} is not set")
    cached = keras_cache_path()
    if cached.is_file():
        check_weights_file(cached)
        return WeightsSource(cached, "keras cache")
    tried.append(f"no file in the Keras cache ({cached})")
    if allow_download:
        try:
            downloaded = _download()
        except Exception as exc:  # any network or TLS failure: explain, do not crash
            tried.append(f"download from {WEIGHTS_URL} failed: {type(exc).__name__}: {exc}")
        else:
            check_weights_file(downloaded)
            return WeightsSource(downloaded, "download")
    raise WeightsError(
        "The ImageNet VGG16 weights are needed and could not be found: " + "; ".join(tried) + ".", offline_hint()
    )


def offline_hint() -> str:
    """What to do without a network connection: where to get the weights file and where to put it."""
    return (
        f"To work offline, get {WEIGHTS_FILENAME} (58.9 MB) from {WEIGHTS_URL} on a machine that is online, "
        f"then copy it to {keras_cache_path()}, or set {ENV_VAR}=/path/to/it, or pass --weights /path/to/it."
    )


def _download() -> Path:
    from sakura_sorter.vision.native import quiet_native_stderr

    with quiet_native_stderr():
        from keras.utils import get_file

    return Path(get_file(WEIGHTS_FILENAME, WEIGHTS_URL, cache_subdir="models", file_hash=WEIGHTS_MD5))
