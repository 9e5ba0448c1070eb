"""A private PostgreSQL for the tests: initdb into a temp dir, pg_ctl on a free port.

Never a system instance: the server listens on 127.0.0.1 only, its socket in its own
directory, and is stopped afterwards. initdb refuses to run as root, so under root (as
in CI) the server runs as the ``postgres`` system user. A machine without PostgreSQL
fails the tests that need it (.ci/run installs the package): they never skip.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from desktop_app.relay.store_pg import PgTarget

SUPERUSER = "wardlink"
PASSWORD = "test-only-db-password"
PG_TIMEOUT_S = 60


def pg_bin(name: str) -> str:
    """A PostgreSQL server binary (Debian keeps them out of PATH)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    path = found[0] if found else shutil.which(name)
    if path is None:
        raise RuntimeError(
            f"PostgreSQL's {name} is missing: install the 'postgresql' package "
            "(.ci/run does); these tests need a real server"
        )
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """One running server; ``database()`` makes a fresh database on it."""

    root: Path
    port: int
    as_user: list[str]
    options: str = ""
    _names: Iterator[int] = field(default_factory=itertools.count)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{db}"

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.url(), password=PASSWORD, autocommit=True)

    def database(self) -> PgTarget:
        name = f"relay_{next(self._names)}"
        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return PgTarget(self.url(name), PASSWORD)

    def start(self) -> None:
        """(Again) on the same port; the log file keeps pg_ctl from holding our pipes."""
        self.ctl("-w", "-l", str(self.root / "log"), "-o", self.options, "start")

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as when the database host fails."""
        self.ctl("-w", "-m", "fast", "stop")

    def ctl(self, *args: str) -> None:
        data = str(self.root / "data")
        subprocess.run(
            [*self.as_user, pg_bin("pg_ctl"), "-D", data, *args],
            check=True,
            capture_output=True,
            timeout=PG_TIMEOUT_S,
        )


PREFIX = "wardlink-pg-"
OWNER_FILE = "owner.pid"


def _as_postgres_if_root() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def stop_orphans() -> None:
    """Stop servers left by a test run that was killed (its ``finally`` never ran)."""
    for root in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((root / OWNER_FILE).read_text())
            os.kill(owner, 0)
            continue  # its run is still going
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue  # not ours to judge
        server = PgServer(root, 0, _as_postgres_if_root())
        if (root / "data" / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError):
                server.ctl("-w", "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def private_postgres(*, fsync: bool = False) -> Iterator[PgServer]:
    """``fsync``: durable commits as in production (measurements); tests need not wait."""
    stop_orphans()
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    (root / OWNER_FILE).write_text(str(os.getpid()))
    as_user = _as_postgres_if_root()  # initdb refuses root
    if as_user:
        shutil.chown(root, "postgres", "postgres")
    pwfile = root / "pw"
    pwfile.write_text(PASSWORD)
    if as_user:
        shutil.chown(pwfile, "postgres", "postgres")
    server = PgServer(root, _free_port(), as_user)
    try:
        subprocess.run(
            [
                *as_user,
                pg_bin("initdb"),
                "-D",
                str(root / "data"),
                "-U",
                SUPERUSER,
                f"--pwfile={pwfile}",
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "--locale=C",
                "--encoding=UTF8",
            ],
            check=True,
            capture_output=True,
            timeout=PG_TIMEOUT_S,
        )
        server.options = (
            f"-p {server.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={root} -c fsync={'on' if fsync else 'off'}"
        )
        server.start()
        yield server
    finally:
        if (root / "data" / "postmaster.pid").exists():
            server.ctl("-w", "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)
