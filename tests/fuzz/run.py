"""The atheris driver: ``python -m tests.fuzz.run TARGET [libFuzzer flags]``.

    python -m tests.fuzz.run frame_decode -runs=100000
    python -m tests.fuzz.run dicom -max_total_time=60
    python -m tests.fuzz.run --all            # what `make fuzz` runs (docs/fuzzing.md)
    python -m tests.fuzz.run --list

The seed corpus ``tests/fuzz/corpus/TARGET/`` is read but never written: new inputs go
to a scratch directory (or ``--keep DIR``). A crash is written to ``build/fuzz/`` as
``TARGET-crash-<sha1>``; turn it into a regression file under
``tests/fuzz/regressions/TARGET/`` once the bug is fixed. Unless ``-runs`` or
``-max_total_time`` is given, a target runs its share of the full run (``Target.runs``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"
ARTIFACTS = ROOT / "build" / "fuzz"


def _fuzz_one(name: str, flags: list[str], keep: Path | None) -> None:
    import atheris

    from tests.fuzz import targets

    target = targets.TARGETS[name]
    targets.quiet()
    # Importing inside the block instruments the target's modules (and nothing else).
    with (
        atheris.instrument_imports(include=list(target.instrument)),
        contextlib.suppress(target.allowed()),
    ):
        target.run(b"")
    allowed = target.allowed()

    def one_input(data: bytes) -> None:
        with contextlib.suppress(allowed):
            target.run(data)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = keep or Path(os.environ[targets.SCRATCH_ENV]) / "found"
    work.mkdir(parents=True, exist_ok=True)
    if not any(f.startswith(("-runs=", "-max_total_time=")) for f in flags):
        flags = [*flags, f"-runs={target.runs}"]
    if not any(f.startswith("-max_len=") for f in flags):
        flags = [*flags, f"-max_len={target.max_len}"]
    argv = [
        sys.argv[0],
        f"-artifact_prefix={ARTIFACTS}/{name}-",
        "-timeout=20",
        "-rss_limit_mb=3072",
        "-print_final_stats=1",
        *flags,
        str(work),
        str(CORPUS / name),
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def _run_all(flags: list[str]) -> int:
    """Every target in its own process, one after the other; a summary at the end."""
    from tests.fuzz.targets import TARGETS

    failed = []
    total = 0
    started = time.monotonic()
    for name, target in TARGETS.items():
        t0 = time.monotonic()
        rc = subprocess.call([sys.executable, "-m", "tests.fuzz.run", name, *flags], cwd=ROOT)
        total += target.runs if rc == 0 else 0
        print(
            f"== {name}: {target.runs:,} inputs in {time.monotonic() - t0:.0f} s, "
            f"{'ok' if rc == 0 else f'CRASH (exit {rc})'}",
            flush=True,
        )
        if rc != 0:
            failed.append(name)
    print(f"== all targets: {total:,} inputs without a crash in {time.monotonic() - started:.0f} s")
    if failed:
        print(f"== crashes in: {', '.join(failed)} (inputs in {ARTIFACTS})")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", help="a target name (see --list)")
    parser.add_argument("--all", action="store_true", help="run every target (make fuzz)")
    parser.add_argument("--list", action="store_true", help="list targets and their runs")
    parser.add_argument("--keep", type=Path, help="directory for the inputs found")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args, flags = parser.parse_known_args()
    from tests.fuzz.targets import TARGETS

    if args.list:
        for name, target in TARGETS.items():
            print(f"{name:20} {target.runs:>9,}")
        print(f"{'total':20} {sum(t.runs for t in TARGETS.values()):>9,}")
        return 0
    if args.all:
        return _run_all(flags)
    if args.target not in TARGETS:
        parser.error(f"unknown target {args.target!r}; try --list")
    if args.child:
        _fuzz_one(args.target, flags, args.keep)  # libFuzzer exits the process itself
        return 0
    return _in_child(args.target, flags, args.keep)


def _in_child(name: str, flags: list[str], keep: Path | None) -> int:
    """Fuzz in a child process and remove its scratch files afterwards: libFuzzer ends
    the process with exit(), so the fuzzing process itself cannot clean up."""
    from tests.fuzz.targets import SCRATCH_ENV, scratch_parent

    with tempfile.TemporaryDirectory(prefix=f"wardlink-fuzz-{name}-", dir=scratch_parent()) as d:
        env = {**os.environ, SCRATCH_ENV: d, "QT_QPA_PLATFORM": "offscreen"}
        command = [sys.executable, "-m", "tests.fuzz.run", "--child", name, *flags]
        if keep is not None:
            command += ["--keep", str(keep.resolve())]
        return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
