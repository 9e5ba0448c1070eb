"""A private coturn for one test: /usr/bin/turnserver on 127.0.0.1 with one static user
(long-term credentials), no TLS, no CLI, relay ports from the loopback only. The tests
that use it fail, not skip, where coturn is missing (.ci/run installs it)."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from desktop_app.services.call_network import TurnServer

TURNSERVER = "/usr/bin/turnserver"
USER, SECRET, REALM = "wardlink", "s3cret-for-tests", "wardlink.test"
START_WAIT_S = 20  # readiness wait of the subprocess, not an assertion on speed


def _free_port(kind: int) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def coturn(tmp: Path) -> Iterator[tuple[TurnServer, Path]]:
    """A running coturn; yields its ``TurnServer`` entry and its log file."""
    assert shutil.which(TURNSERVER) or Path(TURNSERVER).exists(), (
        "coturn is not installed (/usr/bin/turnserver): apt-get install coturn"
    )
    port = _free_port(socket.SOCK_STREAM)
    low = 20000 + (port % 20000)  # a small relay port range of our own
    log = tmp / "turnserver.log"
    args = [
        TURNSERVER, "-n", "--no-cli", "--no-tls", "--no-dtls", "--lt-cred-mech",
        f"--user={USER}:{SECRET}", f"--realm={REALM}",
        "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", f"--listening-port={port}",
        f"--min-port={low}", f"--max-port={low + 200}",
        "--allow-loopback-peers", "--no-multicast-peers", "--no-software-attribute",
        "--verbose", f"--log-file={log}", "--simple-log",
        f"--pidfile={tmp / 'turnserver.pid'}", f"--userdb={tmp / 'turndb'}",
    ]  # fmt: skip
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_WAIT_S
        while not _listening(port):
            assert proc.poll() is None, f"turnserver exited: {_tail(log)}"
            assert time.monotonic() < deadline, f"turnserver did not listen: {_tail(log)}"
            time.sleep(0.1)
        yield TurnServer(f"turn:127.0.0.1:{port}?transport=udp", USER, SECRET), log
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
