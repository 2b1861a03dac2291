"""``--precision auto`` picks the fastest arithmetic that a probe proved to run here, and remembers the probe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sakura_sorter.vision import precision


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, object]:
    """A fake machine: which libraries are installed, the CPU flags, and what each probe answers."""
    state: dict[str, object] = {
        "installed": {"openvino", "nncf", "tensorflow"},
        "flags": {"avx2", "avx512_bf16", "amx_bf16"},
        "runs": {"int8": True, "bfloat16": True},
        "probed": [],
    }

    def probe(kind: str) -> bool:
        state["probed"].append(kind)  # type: ignore[attr-defined]
        return bool(state["runs"][kind])  # type: ignore[index]

    monkeypatch.setattr(precision, "run_probe", probe)
    monkeypatch.setattr(precision, "_probes_file", lambda: tmp_path / "probes.json")  # this test's own
    monkeypatch.setattr(precision, "cpu_flags", lambda: set(state["flags"]))  # type: ignore[call-overload]
    monkeypatch.setattr(
        precision,
        "library_version",
        lambda name: "1.0" if name in state["installed"] else None,  # type: ignore[operator]
    )
    monkeypatch.delenv(precision.PRECISION_ENV_VAR, raising=False)
    return state


def test_auto_takes_int8_when_its_probe_runs_and_bfloat16_is_not_native(machine: dict[str, object]) -> None:
    machine["flags"] = {"avx2", "fma"}  # a laptop
    assert precision.choose_precision("auto") == "int8"
    assert machine["probed"] == ["int8"]


def test_auto_prefers_int8_even_where_bfloat16_is_native(machine: dict[str, object]) -> None:
    assert precision.choose_precision("auto") == "int8"
    assert machine["probed"] == ["int8"]


def test_auto_falls_back_to_native_bfloat16_when_int8_cannot_run(machine: dict[str, object]) -> None:
    machine["runs"] = {"int8": False, "bfloat16": True}
    assert precision.choose_precision("auto") == "bfloat16"
    assert machine["probed"] == ["int8", "bfloat16"]


def test_auto_never_takes_bfloat16_that_cannot_run_even_if_the_flags_say_bf16(machine: dict[str, object]) -> None:
    machine["installed"] = {"tensorflow"}  # no OpenVINO
    machine["runs"] = {"int8": True, "bfloat16": False}  # e.g. oneDNN capped to AVX2 on an AMX CPU
    assert precision.cpu_has_native_bf16()
    assert precision.choose_precision(None) == "float32"
    assert machine["probed"] == ["bfloat16"]


def test_auto_takes_bfloat16_where_it_runs_and_int8_is_missing(machine: dict[str, object]) -> None:
    machine["installed"] = {"tensorflow"}
    assert precision.choose_precision("auto") == "bfloat16"


def test_bfloat16_is_not_probed_on_a_cpu_without_native_bf16(machine: dict[str, object]) -> None:
    machine["installed"] = {"tensorflow"}
    machine["flags"] = {"avx2", "fma"}
    assert precision.choose_precision("auto") == "float32"
    assert machine["probed"] == []


def test_a_probe_is_remembered_per_machine_set_up(machine: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    machine["runs"] = {"int8": False, "bfloat16": True}
    assert precision.choose_precision("auto") == "bfloat16"
    assert precision.choose_precision("auto") == "bfloat16"
    assert machine["probed"] == ["int8", "bfloat16"]  # once each: the answers were kept in the user cache
    assert precision._probes_file().is_file()
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX2")  # another set-up: probed again
    precision.choose_precision("auto")
    assert machine["probed"] == ["int8", "bfloat16", "int8", "bfloat16"]


def test_an_explicit_choice_is_not_probed_and_a_wrong_one_is_refused(machine: dict[str, object]) -> None:
    assert precision.choose_precision("bfloat16") == "bfloat16"
    assert precision.choose_precision("INT8") == "int8"
    assert machine["probed"] == []
    with pytest.raises(ValueError, match="int8"):
        precision.choose_precision("fp16")


def test_the_environment_variable_chooses_when_the_option_does_not(
    machine: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(precision.PRECISION_ENV_VAR, "float32")
    assert precision.choose_precision(None) == "float32"
    assert precision.choose_precision("int8") == "int8"


def test_the_real_bfloat16_probe_fails_with_onednn_capped_to_avx2() -> None:
    """The bug this fixes: flags say bf16, oneDNN is capped to AVX2, the bfloat16 model cannot be built."""
    if not precision.cpu_has_native_bf16():
        pytest.skip("this CPU has no native bfloat16: there is no cap to get wrong")
    if precision.library_version("tensorflow") is None:
        pytest.skip("TensorFlow is not installed")
    env = {**os.environ, "ONEDNN_MAX_CPU_ISA": "AVX2"}
    code = "from sakura_sorter.vision.precision import run_probe; print(run_probe('bfloat16'))"
    capped = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert capped.stdout.split()[-1] == "False", capped.stderr[-2000:]
    free = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert free.stdout.split()[-1] == "True", free.stderr[-2000:]
