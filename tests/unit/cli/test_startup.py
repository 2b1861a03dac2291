"""Start-up stays light: building the CLI parser (what ``sakura-sorter --help`` does) never imports TensorFlow."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import sakura_sorter.cli
parser = sakura_sorter.cli.build_parser()
parser.format_help()
for name in ("classify", "sort", "train", "evaluate"):
    try:
        parser.parse_args([name, "--help"])
    except SystemExit:
        pass
heavy = sorted(m for m in ("tensorflow", "keras", "sklearn", "PySide6") if m in sys.modules)
print(",".join(heavy))
"""


def test_help_does_not_import_tensorflow() -> None:
    proc = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    heavy = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    assert "tensorflow" not in heavy and "keras" not in heavy, f"imported at start-up: {heavy}"


def test_pipeline_import_does_not_import_tensorflow() -> None:
    code = "import sys, sakura_sorter.vision.pipeline; print('tensorflow' in sys.modules or 'keras' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
