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


def test_a_command_imports_only_its_own_module() -> None:
    code = (
        "import sys, sakura_sorter.cli as c\n"
        "p = c.build_parser('classify')\n"
        "p.parse_args(['classify', 'x'])\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('sakura_sorter.cli.')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "'sort'" not in proc.stdout and "'train'" not in proc.stdout and "'classify'" in proc.stdout


def test_help_and_unknown_commands_still_list_every_command() -> None:
    from sakura_sorter.cli import COMMANDS

    for argv in (["--help"], ["no-such-command"]):
        proc = subprocess.run(
            [sys.executable, "-m", "sakura_sorter", *argv], capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == (0 if argv == ["--help"] else 2)
        assert all(name in proc.stdout + proc.stderr for name in COMMANDS), proc.stdout + proc.stderr
