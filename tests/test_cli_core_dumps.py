"""The wardlink process leaves no core file (it may hold a container's key and decrypted
messages); the relay, a server IT may debug, keeps the system's setting."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = textwrap.dedent(
    """
    import ctypes, resource, sys
    from desktop_app.cli import main
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))  # a PC with core dumps on
    sys.argv = ["wardlink", *sys.argv[1:]]
    main()  # as the console script calls it
    dumpable = ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
    print(resource.getrlimit(resource.RLIMIT_CORE)[0], dumpable, hard)
    """
)


def _after(*args: str) -> tuple[str, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], env=env, capture_output=True, text=True, timeout=60
    )
    limit, dumpable, hard = done.stdout.splitlines()[-1].split()
    return limit, dumpable, hard


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_CORE/prctl: Linux")
def test_a_client_command_runs_without_core_dumps_and_the_relay_keeps_them(
    tmp_path: Path,
) -> None:
    limit, dumpable, hard = _after("profiles", "--root", str(tmp_path), "prune")
    assert hard != "0", "core dumps cannot be switched on here"
    assert (limit, dumpable) == ("0", "0")
    limit, dumpable, _hard = _after("relay", "rotate-tls", "--data", str(tmp_path / "none"))
    assert (limit, dumpable) == (hard, "1")
