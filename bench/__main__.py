"""Run the benchmarks: `python -m bench [NAME ...] [--quick]` (make bench runs them all).

Every module ``bench/bench_*.py`` has ``main(argv)`` and prints its own table. Figures
are compared with a baseline measured in the same run, because these machines are
shared and noisy; nothing here asserts a time.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("-")]
    flags = [a for a in argv if a.startswith("-")]
    here = Path(__file__).parent
    modules = sorted(
        m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")
    )
    for name in modules:
        if names and name.removeprefix("bench_") not in names and name not in names:
            continue
        print(f"\n### {name}\n", flush=True)
        importlib.import_module(f"bench.{name}").main(flags)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
