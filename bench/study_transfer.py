"""Peak RSS of the `wardlink client` processes that send and receive a study (issue 18).

Two profiles are enrolled on a relay process (tests/cli_ward.py); `send-study` packs and
uploads the folder, `sync` downloads it. Each command is its own process, reaped with
os.wait4, so its peak RSS is its own and not the bench's (which generated the data).
The same-run baseline is a `sync` that receives one text message: what a client costs
before any study is involved.

Unlocking the profile runs Argon2 with a large memory cost, which alone peaks above the
study's whole budget. So besides the process's peak, the peak *after* the unlock is
reported: the command runs under a wrapper that resets the kernel's peak-RSS mark
(/proc/self/clear_refs, "5") each time Argon2 returns and prints VmHWM at exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.cli_ward import enrolled
from tests.relay.conftest import ADMIN
from tests.test_cli_message_path import PASS

_WRAPPER = """
import atexit, re, sys
from desktop_app.crypto import keywrap
argon2 = keywrap.core
def core(*args):
    done = argon2(*args)
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    return done
keywrap.core = core
def report():
    hwm = re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read())
    print("after-unlock-kib", hwm.group(1), file=sys.stderr)
atexit.register(report)
from desktop_app.cli import main
sys.argv[0] = "wardlink"
sys.exit(main())
"""


def _peak_mb(*args: str) -> tuple[float, float]:
    """Run `wardlink ARGS`: (peak RSS, peak RSS after the last Argon2 unlock) in MB;
    SystemExit if it fails."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    env.update(WARDLINK_ADMIN_PASSPHRASE=ADMIN, WARDLINK_PASSPHRASE=PASS)
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRAPPER, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped here; keep Popen from waiting again
    if status != 0:
        raise SystemExit(f"bench_studies: wardlink {args[2:4]} failed: {err.decode()[-400:]}")
    after = [int(line.split()[1]) for line in err.decode().splitlines() if "after-unlock" in line]
    return usage.ru_maxrss / 1024, (after[-1] if after else usage.ru_maxrss) / 1024


def transfer_rss(folder: Path, tmp: Path) -> dict[str, tuple[float, float]]:
    """(peak, peak after unlock) RSS in MB of: sending the study, receiving it, and the
    text-only baseline."""
    with enrolled(tmp) as people:
        anna, jonas = (str(p) for p in people.values())
        _peak_mb("client", "--profile", anna, "send", "mueller.jonas", "baseline")
        baseline = _peak_mb("client", "--profile", jonas, "sync")
        send = _peak_mb("client", "--profile", anna, "send-study", "mueller.jonas", str(folder))
        receive = _peak_mb("client", "--profile", jonas, "sync")
    return {"send": send, "receive": receive, "baseline": baseline}
