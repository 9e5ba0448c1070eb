"""The layer rules of DESIGN.md are checked by import-linter, and the check can fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def run_lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_real_code_keeps_every_contract() -> None:
    done = run_lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_a_violation_breaks_the_build(tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "desktop_app", tmp_path / "desktop_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    storage_init = tmp_path / "desktop_app" / "storage" / "__init__.py"
    storage_init.write_text(
        storage_init.read_text() + "\nimport PySide6\nimport desktop_app.services\n"
    )
    done = run_lint_imports(tmp_path)
    assert done.returncode != 0
    assert "Only ui imports PySide6 BROKEN" in done.stdout
    assert "Client layers point one way (DESIGN.md section 2) BROKEN" in done.stdout


def test_the_command_starts_without_imaging_or_gui_libraries() -> None:
    """A relay host needs neither pydicom/numpy nor Qt just to run `wardlink`."""
    code = (
        "import sys, desktop_app.cli\n"
        "heavy = [m for m in ('pydicom', 'numpy', 'PySide6') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""
