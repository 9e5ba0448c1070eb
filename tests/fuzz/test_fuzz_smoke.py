"""The fuzzers inside `make test`: every seed and every past crash replayed in-process,
then each target fuzzed by atheris for a few seconds (about 60 s in all).

The full run (`make fuzz`, over a million inputs) is documented in docs/fuzzing.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.targets import TARGETS, check

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SMOKE_SECONDS = 2
"""Per target (the slow ones: DICOM, ECG, the container database); with process start-up
the 17 targets take 35-60 s on the 2-core machine."""
SMOKE_RUNS = 50_000
"""An upper bound too, so a fast machine does not spend the whole time on one parser."""


def _inputs(kind: str) -> list[Path]:
    return sorted(p for p in (HERE / kind).glob("*/*") if p.is_file())


@pytest.mark.parametrize("path", _inputs("regressions"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_past_crash_stays_fixed(path: Path) -> None:
    check(path.parent.name, path.read_bytes())


def test_every_target_has_seeds_and_every_seed_runs() -> None:
    for name in TARGETS:
        seeds = sorted((HERE / "corpus" / name).glob("*"))
        assert seeds, f"tests/fuzz/corpus/{name} has no seeds (python -m tests.fuzz.seeds)"
        for seed in seeds:
            check(name, seed.read_bytes())


def test_regressions_name_real_targets() -> None:
    assert {p.parent.name for p in _inputs("regressions")} <= set(TARGETS)


def test_a_full_run_feeds_at_least_a_million_inputs() -> None:
    assert sum(t.runs for t in TARGETS.values()) >= 1_000_000


@pytest.mark.slow
@pytest.mark.parametrize("name", list(TARGETS))
def test_fuzz_smoke(name: str, tmp_path: Path) -> None:
    """A few seconds of coverage-guided fuzzing; any crash fails with its traceback."""
    pytest.importorskip("atheris")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    flags = [f"-max_total_time={SMOKE_SECONDS}", f"-runs={SMOKE_RUNS}", "-seed=1"]
    proc = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.run", name, "--keep", str(tmp_path / "found"), *flags],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])
    assert proc.returncode == 0, f"fuzzing {name} found a crash:\n{tail}"
    assert "Done" in proc.stderr, tail
