"""Waiting for a relay started as a child process (`wardlink relay serve --port 0`).

`relay serve` prints exactly one line, ``listening on HOST:PORT``, once it accepts
connections; whoever starts it as a child (tests, benchmarks, a supervisor) waits for
that line here, bounded in time, instead of polling the port.
"""

from __future__ import annotations

import selectors
import subprocess
import time

from desktop_app.relay.errors import RelayError

READY_PREFIX = "listening on "


def ready_line(host: str, port: int) -> str:
    return f"{READY_PREFIX}{host}:{port}"


def wait_until_listening(proc: subprocess.Popen[str], timeout: float) -> tuple[str, int]:
    """The (host, port) the child announced; RelayError if it exits or stays silent."""
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if selector.select(timeout=0.1):
                line = proc.stdout.readline().strip()
                if not line.startswith(READY_PREFIX):
                    raise RelayError(f"unexpected first line from the relay: {line!r}")
                host, _, port = line[len(READY_PREFIX) :].rpartition(":")
                return host, int(port)
            if proc.poll() is not None:
                break
    finally:
        selector.close()
    raise RelayError(f"the relay did not report ready (exit code {proc.poll()})")
