"""Find the ImageNet VGG16 convolution weights ("notop") and check that a file really holds them.

Order: an explicit path (``--weights``), the ``SAKURA_SORTER_WEIGHTS`` environment variable, the Keras
cache (``$KERAS_HOME/models`` or ``~/.keras/models``), then the normal Keras download. Nothing here
imports TensorFlow until a download is attempted.

A file is accepted quietly when its hash is that of a known copy (the file Keras downloads, by the md5 Keras
publishes; the project's offline copy, by its sha256). Any other file must have VGG16's layout *and* its
values: a fingerprint of every layer (norms, sums and a few entries of each kernel and bias, taken from the
ImageNet weights) must match, so a file with the right shapes but other numbers (which would label every
photo "sakura" at 0.9999) is refused; one that matches (the same tensors saved again) is used with a warning
that names it.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sakura_sorter.digest import open_regular
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

#: sha256 of other files known to hold exactly these tensors (see ``../shared/data/weights/PROVENANCE.md``).
KNOWN_SHA256 = {
    "46cdb96993d23e6569eedcac037b762be91d52aae5417c7e73d17d3095af5bee": "the project's offline copy",
}

#: Per layer: (kernel L2 norm, kernel sum, bias L2 norm, bias sum, kernel entries at flat index 0, n/3, 2n/3,
#: n-1), of the ImageNet weights, computed in float64 from the float32 values.
FINGERPRINT: dict[str, tuple[float, float, float, float, tuple[float, float, float, float]]] = {
    "block1_conv1": (
        8.59293231,
        -4.21270664,
        4.79527869,
        32.0890341,
        (0.429470569, 0.274769872, -0.0574681684, -0.269694626),
    ),
    "block1_conv2": (
        8.2101194,
        181.085057,
        2.71892994,
        3.74757874,
        (0.166219279, 0.199202523, -0.0111585744, 0.0160824433),
    ),
    "block2_conv1": (
        8.74966536,
        14.6417553,
        1.86516179,
        14.1902781,
        (-0.00890296325, -0.0123298699, -0.00751168234, -0.00892718323),
    ),
    "block2_conv2": (
        9.04023913,
        -41.4014422,
        2.14493114,
        2.01767341,
        (-0.00230123661, -0.00672967779, -0.01080654, 0.00621765293),
    ),
    "block3_conv1": (
        9.43650668,
        -37.1285266,
        1.16427654,
        4.38878835,
        (0.00248631509, 0.0044929795, 0.00485232845, -0.0131510263),
    ),
    "block3_conv2": (
        9.48288732,
        -140.761383,
        1.34773277,
        9.16371641,
        (-0.0103266295, -0.0150715457, -0.0105695715, -0.0075213206),
    ),
    "block3_conv3": (
        9.74301302,
        -395.577568,
        1.39655515,
        6.6994981,
        (0.00249182852, -0.00941542629, -0.00450136606, 0.0218943544),
    ),
    "block4_conv1": (
        10.9281544,
        -530.071521,
        1.30052312,
        10.4641034,
        (-0.012453815, -0.0166037567, -0.0145651354, 0.00457540294),
    ),
    "block4_conv2": (
        11.7330453,
        -1102.53325,
        1.20493567,
        15.2883689,
        (0.0071165422, 0.00544611085, 0.00875416305, 0.00773181953),
    ),
    "block4_conv3": (
        12.2830813,
        -1909.07039,
        1.70146844,
        16.3421694,
        (-0.00413556537, -0.00441893004, -0.00426715612, 0.0148773128),
    ),
    "block5_conv1": (
        13.3839254,
        -1379.93562,
        3.14660006,
        23.4109462,
        (-0.000606893387, 0.00438250136, -0.0108136432, 0.00484837592),
    ),
    "block5_conv2": (
        13.5042276,
        -1747.63034,
        4.94739084,
        25.530536,
        (-0.00112610648, -0.00803796295, -0.00398385944, 0.00246465113),
    ),
    "block5_conv3": (
        13.1284299,
        -2552.50979,
        11.6554685,
        76.730216,
        (0.000407882966, 0.00221009902, -0.00293453527, -0.0092010377),
    ),
}
#: Relative tolerance of the fingerprint: the same float32 numbers, whatever the file's layout or compression.
_RTOL = 1e-6


class WeightsWarning(UserWarning):
    """A usable weights file that is not a known copy (its values were checked): said once per file."""


class WeightsError(SakuraSorterError):
    """No usable VGG16 weights; the message says what was tried and what to do."""


@dataclass(frozen=True)
class WeightsSource:
    path: Path
    origin: str  # "--weights", "SAKURA_SORTER_WEIGHTS", "keras cache" or "download"
    note: str = ""  # empty for a known file; else what was checked instead of its hash


def keras_cache_path() -> Path:
    home = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    return Path(home) / "models" / WEIGHTS_FILENAME


def check_weights_file(path: Path) -> str:
    """Raise :class:`WeightsError` unless ``path`` holds VGG16's ImageNet convolution weights.

    Returns "" for a known file (by hash), else a note saying that this other file's values were checked.
    """
    path = Path(path)
    try:
        st = os.stat(path)
        if not path.is_file():
            raise FileNotFoundError(path)
    except OSError as exc:
        raise WeightsError(f"VGG16 weights file not found: {path}", offline_hint()) from exc
    from sakura_sorter.vision import file_memo

    known = file_memo.recall(_MEMO_KIND, path, st)
    if known is not None and isinstance(known.get("note"), str) and isinstance(known.get("sha256"), str):
        return str(known["note"])
    note, sha256 = _check(str(path), st.st_size, st.st_mtime_ns)
    file_memo.remember(_MEMO_KIND, path, st, {"note": note, "sha256": sha256})
    return note


def weights_sha256(path: Path) -> str:
    """sha256 of a weights file: remembered from its check (see :mod:`.file_memo`), else computed."""
    from sakura_sorter.digest import sha256_of
    from sakura_sorter.vision import file_memo

    st = os.stat(path)
    known = file_memo.recall(_MEMO_KIND, Path(path), st)
    if known is not None and isinstance(known.get("sha256"), str):
        return str(known["sha256"])
    return sha256_of(Path(path))


_MEMO_KIND = "vgg16-weights-v1"


@functools.lru_cache(maxsize=8)
def _check(path: str, _size: int, _mtime_ns: int) -> tuple[str, str]:
    """:func:`check_weights_file` for one version of a file (remembered for this process)."""
    md5, sha256 = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    try:
        with open_regular(path) as handle:
            signature = handle.read(8)
            md5.update(signature)
            sha256.update(signature)
            while chunk := handle.read(1 << 20):
                md5.update(chunk)
                sha256.update(chunk)
    except OSError as exc:
        raise WeightsError(f"{path} cannot be read: {exc.strerror or exc}", _EXPECTED) from exc
    if signature != b"\x89HDF\r\n\x1a\n":
        raise WeightsError(f"{path} is not a Keras HDF5 weights file.", _EXPECTED)
    import h5py

    try:
        with h5py.File(path, "r") as h5:
            root = h5.get("model_weights", h5)
            tensors = {layer: _layer_tensors(path, root, layer, shape) for layer, shape in VGG16_CONV_SHAPES}
            if md5.hexdigest() == WEIGHTS_MD5 or sha256.hexdigest() in KNOWN_SHA256:
                return "", sha256.hexdigest()
            for layer, (kernel, bias) in tensors.items():
                _check_values(path, layer, kernel[()], bias[()])
    except WeightsError:
        raise
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise WeightsError(f"{path} cannot be read as an HDF5 weights file: {exc}", _EXPECTED) from exc
    return (
        f"{path} is not the file Keras downloads (sha256 {sha256.hexdigest()[:16]}...), but it holds the same "
        "VGG16 ImageNet values (checked): using it."
    ), sha256.hexdigest()


def _layer_tensors(path: str, root: Any, layer: str, shape: tuple[int, ...]) -> tuple[Any, Any]:
    """The kernel and bias datasets of one layer; :class:`WeightsError` when the layout is not VGG16's."""
    if layer not in root:
        raise WeightsError(f"{path} does not hold VGG16 convolution weights (layer {layer} is missing).", _EXPECTED)
    found = _datasets(root[layer])
    kernels = [ds for ds in found if len(ds.shape) == 4]
    if tuple(shape) not in [tuple(k.shape) for k in kernels]:
        shapes = [k.shape for k in kernels]
        raise WeightsError(f"{path}: layer {layer} has kernel shape {shapes}, VGG16 needs {shape}.", _EXPECTED)
    biases = [ds for ds in found if tuple(ds.shape) == (shape[-1],)]
    if not biases:
        raise WeightsError(f"{path}: layer {layer} has no bias of {shape[-1]} values.", _EXPECTED)
    return next(k for k in kernels if tuple(k.shape) == tuple(shape)), biases[0]


def _check_values(path: str, layer: str, kernel: Any, bias: Any) -> None:
    """:class:`WeightsError` unless the layer's values match the ImageNet weights' fingerprint."""
    import numpy as np

    k, b = np.asarray(kernel, np.float64), np.asarray(bias, np.float64)
    k_norm, k_sum, b_norm, b_sum, entries = FINGERPRINT[layer]
    flat, n = k.reshape(-1), k.size
    scale_k, scale_b = k_norm * math.sqrt(n), b_norm * math.sqrt(b.size)
    checks = [
        math.isclose(float(np.sqrt((k * k).sum())), k_norm, rel_tol=_RTOL),
        abs(float(k.sum()) - k_sum) <= _RTOL * scale_k,
        math.isclose(float(np.sqrt((b * b).sum())), b_norm, rel_tol=_RTOL),
        abs(float(b.sum()) - b_sum) <= _RTOL * scale_b,
        *(
            math.isclose(float(flat[i]), e, rel_tol=_RTOL, abs_tol=_RTOL * 1e-2)
            for i, e in zip((0, n // 3, 2 * n // 3, n - 1), entries)
        ),
    ]
    if not all(checks):
        raise WeightsError(
            f"{path} has VGG16's layout but not its ImageNet values (layer {layer} differs): with it every "
            "photo would get a wrong label.",
            _EXPECTED + " " + offline_hint(),
        )


def _datasets(group: Any) -> list[Any]:
    import h5py

    found: list[Any] = []
    group.visititems(lambda _name, obj: found.append(obj) if isinstance(obj, h5py.Dataset) else None)
    return found


def resolve_weights(explicit: str | os.PathLike[str] | None = None, allow_download: bool = True) -> WeightsSource:
    """Find usable weights in the documented order; raise :class:`WeightsError` saying what was tried."""
    tried: list[str] = []
    if explicit:
        # an explicit choice that fails is an error, not a fallback
        return _source(Path(explicit), "--weights")
    env = os.environ.get(ENV_VAR)
    if env:
        return _source(Path(env), ENV_VAR)
    tried.append(f"{ENV_VAR} is not set")
    cached = keras_cache_path()
    if cached.is_file():
        return _source(cached, "keras cache")
    tried.append(f"no file in the Keras cache ({cached})")
    if allow_download:
        try:
            downloaded = _download()
        except Exception as exc:  # any network or TLS failure: explain, do not crash
            tried.append(f"download from {WEIGHTS_URL} failed: {type(exc).__name__}: {exc}")
        else:
            return _source(downloaded, "download")
    raise WeightsError(
        "The ImageNet VGG16 weights are needed and could not be found: " + "; ".join(tried) + ".", offline_hint()
    )


_warned: set[str] = set()


def _source(path: Path, origin: str) -> WeightsSource:
    """The checked source; a file that is not a known copy is named in a :class:`WeightsWarning`, once."""
    note = check_weights_file(path)
    if note and note not in _warned:
        _warned.add(note)
        warnings.warn(note, WeightsWarning, stacklevel=3)
    return WeightsSource(path, origin, note)


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
