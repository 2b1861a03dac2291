"""Which arithmetic the extractor uses: ``int8`` (OpenVINO), ``bfloat16`` or ``float32`` (TensorFlow).

``auto`` takes the fastest one this machine *can actually run*, in this order: ``int8`` (OpenVINO with an
NNCF-quantized copy of the model: the fastest on every x86 CPU measured, see ``benchmarks/``), ``bfloat16``
(TensorFlow mixed precision, only where the CPU computes it natively), else
``float32``. The CPU's flags are not enough: with oneDNN capped (``ONEDNN_MAX_CPU_ISA=AVX2``, as on most
laptops) a CPU whose flags say ``avx512_bf16`` cannot build the bfloat16 model. So each candidate is *probed*:
a tiny model of that kind is built and run in a child process, and the answer is remembered in the user cache
folder (``probes.json``) per machine set-up (CPU flags, the oneDNN / OpenVINO environment variables, library
versions), so the probe runs once, and a run that finds all its features cached imports no model library.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

PRECISIONS = ("auto", "int8", "bfloat16", "float32")
PRECISION_ENV_VAR = "SAKURA_SORTER_PRECISION"
#: Tried by ``auto`` in this order; ``float32`` always runs. int8 first: the fastest everywhere measured (2.1x
#: TensorFlow bfloat16 on an AMX CPU, 1.7x float32 where bfloat16 is not native, as on most laptops), and since
#: its calibration version 2 it sorts the unseen-photos check (tests/e2e/test_sort_real.py) as float32 does.
#: bfloat16 where OpenVINO is missing and the CPU computes bfloat16 natively.
AUTO_ORDER = ("int8", "bfloat16")
PROBE_TIMEOUT_S = 300
#: Environment variables that change what the model libraries can run (part of a probe's key).
_ENV_KEYS = ("ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "TF_ENABLE_ONEDNN_OPTS", "OV_CPU_CAPABILITIES")
_CPU_BF16_FLAGS = ("avx512_bf16", "amx_bf16")
_LIBRARIES = {"int8": ("openvino", "nncf"), "bfloat16": ("tensorflow",)}


def cpu_flags() -> set[str]:
    """The CPU's feature flags from /proc/cpuinfo (empty where there is none)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(("flags", "Features")):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_has_native_bf16() -> bool:
    """True when the CPU's flags say it computes bfloat16 natively (AVX512-BF16 or AMX); not proof it can."""
    return any(flag in cpu_flags() for flag in _CPU_BF16_FLAGS)


def _dist_info_version(name: str) -> str | None:
    """The version in the name of ``<name>-<version>.dist-info`` on ``sys.path`` (no import of
    ``importlib.metadata``, which alone costs a cached run 10 ms); None when there is no such folder."""
    prefix = name.replace("-", "_").lower() + "-"
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                for item in it:
                    lower = item.name.lower()
                    if lower.startswith(prefix) and lower.endswith(".dist-info"):
                        return item.name[len(prefix) : -len(".dist-info")]
        except OSError:
            continue
    return None


def library_version(name: str) -> str | None:
    """The installed version of a distribution, without importing it (None when absent)."""
    if importlib.util.find_spec(name) is None:
        return None
    found = _dist_info_version(name)
    if found is not None:
        return found
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _probe_key(precision: str) -> str:
    parts = {
        "precision": precision,
        "flags": sorted(cpu_flags()),
        "env": {k: os.environ.get(k) for k in _ENV_KEYS},
        "libraries": {name: library_version(name) for name in _LIBRARIES.get(precision, ())},
        "python": sys.version,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:24]


def _probes_file() -> Path:
    from sakura_sorter.userdirs import user_cache_dir

    return user_cache_dir() / "probes.json"


def _remembered() -> dict[str, bool]:
    try:
        data = json.loads(_probes_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): bool(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _remember(key: str, ok: bool) -> None:
    path = _probes_file().resolve()  # through a link to a shared file (the tests share one)
    data = _remembered()
    data[key] = ok
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache: probe again next time


def run_probe(precision: str) -> bool:
    """Build and run a tiny model of ``precision`` in a child process; True when it gave finite numbers."""
    import subprocess

    try:
        done = subprocess.run(
            [sys.executable, "-m", "sakura_sorter.vision.probe", precision],
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout.strip().endswith("ok")


def can_run(precision: str) -> bool:
    """Whether ``precision`` runs here: its libraries are installed and a probe (remembered) succeeded."""
    if precision == "float32":
        return True
    if any(library_version(name) is None for name in _LIBRARIES.get(precision, ())):
        return False
    if precision == "bfloat16" and not cpu_has_native_bf16():
        return False  # it would run, emulated, far slower than float32: never the fastest
    key = _probe_key(precision)
    known = _remembered().get(key)
    if known is None:
        known = run_probe(precision)
        _remember(key, known)
    return known


def choose_precision(requested: str | None = None) -> str:
    """``int8``, ``bfloat16`` or ``float32``: the request, else ``SAKURA_SORTER_PRECISION``, else (``auto``) the
    first of :data:`AUTO_ORDER` that :func:`can_run` here."""
    value = (requested or os.environ.get(PRECISION_ENV_VAR) or "auto").lower()
    if value not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {value!r}")
    if value == "auto":
        return next((p for p in AUTO_ORDER if can_run(p)), "float32")
    return value
