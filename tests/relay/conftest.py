"""Relay fixtures: an initialised data dir (cheap KDF), an in-process relay, a relay process.

Every relay listens on 127.0.0.1 with port 0 and real TLS. Processes started here are
always killed and reaped in ``finally``.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.crypto.org import OrgCertificates
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.relay.child import wait_until_listening
from desktop_app.relay.metrics import MetricsAddress
from desktop_app.relay.runner import RelayRunner
from tests.conftest import FAST_KDF
from tests.pg_server import PgServer, private_postgres
from tests.relay.wire_client import Device, WireClient, org_of

ADMIN = "admin passphrase for tests"
ORG = "Klinikum Nord"
READY_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 20.0


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One private PostgreSQL for the session; each test takes its own database."""
    with private_postgres() as server:
        yield server


STORE_ENV = "WARDLINK_TEST_RELAY_STORE"
"""``postgresql``: every ``relay_root`` keeps its store in the private PostgreSQL (to run
the whole relay suite on that backend; tests that read relay.db itself then fail)."""


@pytest.fixture
def relay_root(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    if os.environ.get(STORE_ENV) == "postgresql":
        pg_root: Path = request.getfixturevalue("pg_relay_root")
        return pg_root
    root = tmp_path / "relay"
    init_relay(root, ORG, ADMIN, ["127.0.0.1", "localhost"], kdf=FAST_KDF)
    return root


@pytest.fixture
def pg_relay_root(tmp_path: Path, pg_server: PgServer) -> Path:
    """A relay whose store is a fresh database on the private PostgreSQL; relay.json
    names it and a password file (0600) next to the data directory."""
    root = tmp_path / "relay"
    target = pg_server.database()
    password_file = tmp_path / "db-password"
    password_file.touch(mode=0o600)
    password_file.write_text(target.password or "")
    init_relay(
        root,
        ORG,
        ADMIN,
        ["127.0.0.1", "localhost"],
        kdf=FAST_KDF,
        database=target.url,
        database_password_file=str(password_file),
    )
    return root


@pytest.fixture(params=["sqlite", "postgresql"])
def any_relay_root(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """``relay_root`` on each store backend (for the tests that run on both)."""
    if request.param == "sqlite":
        root = tmp_path / "relay"
        init_relay(root, ORG, ADMIN, ["127.0.0.1", "localhost"], kdf=FAST_KDF)
        return root
    pg_root: Path = request.getfixturevalue("pg_relay_root")
    return pg_root


@dataclass
class LiveRelay:
    runner: RelayRunner
    root: Path
    port: int
    org: OrgCertificates

    async def client(self) -> WireClient:
        return await WireClient.connect(self.port, self.org)

    async def enrolled(self, uid: str, device_id: str) -> tuple[WireClient, Device]:
        """A new device enrolled with a fresh code; its connection is logged in."""
        return await self.enrolled_with(issue_code(self.root, uid).code, uid, device_id)

    async def enrolled_with(self, code: str, uid: str, device_id: str) -> tuple[WireClient, Device]:
        device = Device(uid, device_id)
        client = await self.client()
        reply = await client.enroll(device, code)
        assert type(reply).__name__ == "Enrolled", reply
        device.certificate = reply.device_certificate  # type: ignore[union-attr]
        return client, device

    async def logged_in(self, device: Device) -> WireClient:
        client = await self.client()
        reply = await client.login(device)
        assert type(reply).__name__ == "Authenticated", reply
        return client


@asynccontextmanager
async def live_relay(
    root: Path,
    clock_ms: Callable[[], int] | None = None,
    metrics: MetricsAddress | None = None,
) -> AsyncIterator[LiveRelay]:
    """The real runner, in this event loop, on a free port (metrics served if given)."""
    runner = (
        RelayRunner.load(root, ADMIN)
        if clock_ms is None
        else RelayRunner.load(root, ADMIN, clock_ms=clock_ms)
    )
    runner.metrics_address = metrics
    _, port = await runner.start("127.0.0.1", 0)
    try:
        yield LiveRelay(runner, root, port, org_of(root))
    finally:
        await runner.stop()


def wardlink_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    env["WARDLINK_ADMIN_PASSPHRASE"] = ADMIN
    return env


@dataclass
class RelayProcess:
    proc: subprocess.Popen[str]
    port: int
    log: Path

    def stop(self, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT_S) -> int:
        self.proc.send_signal(sig)
        return self.proc.wait(timeout)

    def stderr(self) -> str:
        return self.log.read_text()


def _die_with_parent() -> None:
    """Linux: SIGKILL the relay child if the test process dies without cleaning up (a Qt
    abort in a GUI test), so no orphaned relay keeps advertising into later tests."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _limit_open_files(limit: int) -> Callable[[], None]:
    """A preexec_fn: die with the parent, and at most ``limit`` open files (soft and hard)."""

    def preexec() -> None:
        _die_with_parent()
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

    return preexec


@contextmanager
def relay_process(
    root: Path,
    *,
    advertise: bool = True,
    open_files: int | None = None,
    extra: tuple[str, ...] = (),
) -> Iterator[RelayProcess]:
    """`wardlink relay serve --data root --port 0` as a child process, always reaped.

    stderr goes to a file next to the data dir (a pipe nobody reads could fill up).
    ``open_files`` lowers the child's RLIMIT_NOFILE (as systemd's default 1,024 would)."""
    log = root.parent / "relay-stderr.log"
    with log.open("a") as err:
        command = [
            *(sys.executable, "-m", "desktop_app", "relay", "serve", "--data", str(root)),
            *extra,
        ]
        proc = subprocess.Popen(
            command if advertise else [*command, "--no-advertise"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=wardlink_env(),
            # only prctl and setrlimit: safe between fork and exec
            preexec_fn=_die_with_parent if open_files is None else _limit_open_files(open_files),
        )
    try:
        host, port = wait_until_listening(proc, READY_TIMEOUT_S)
        assert host == "127.0.0.1", host
        yield RelayProcess(proc, port, log)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(STOP_TIMEOUT_S)
        if proc.stdout is not None:
            proc.stdout.close()
