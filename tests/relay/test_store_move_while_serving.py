"""A relay's store is moved (`relay migrate-store`) or encrypted (`relay encrypt-db`) only
while no relay serves that data directory, and a relay does not start during a move.

Found in the IT walk-through (walk20): `migrate-store` beside a serving relay copied the
store, pointed relay.json at PostgreSQL and renamed relay.db, while the running relay
went on with the renamed file: a code IT issued afterwards (written to PostgreSQL) was
refused at Join as "unknown enrollment code". Real `relay serve` process, real
PostgreSQL, real SQLite/SQLCipher files.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from desktop_app.relay.errors import RelayDataError
from desktop_app.relay.runner import RelayRunner
from desktop_app.relay.serve_lock import store_replacement
from tests.pg_server import PASSWORD, PgServer
from tests.relay.conftest import ADMIN, relay_process
from tests.relay.test_relay_process import wardlink


def test_migrate_store_and_encrypt_db_are_refused_while_the_relay_serves(
    relay_root: Path, pg_server: PgServer, tmp_path: Path
) -> None:
    target = pg_server.database()
    password_file = tmp_path / "pw"
    password_file.write_text(PASSWORD)
    password_file.chmod(0o600)
    move = ("relay", "migrate-store", "--data", str(relay_root), "--to", target.url)
    move_args = (*move, "--database-password-file", str(password_file))
    encrypt = ("relay", "encrypt-db", "--data", str(relay_root))
    with relay_process(relay_root, advertise=False):
        moved = wardlink(*move_args)
        encrypted = wardlink(*encrypt, "--db-key-file", str(tmp_path / "db.key"))
    for refused in (moved, encrypted):
        assert refused.returncode == 1, refused.stdout
        assert f"a relay is serving {relay_root}: stop it first" in refused.stderr
        assert "nothing was changed" in refused.stderr
    assert (relay_root / "relay.db").exists()
    assert "database" not in json.loads((relay_root / "relay.json").read_text())
    assert not (tmp_path / "db.key").exists()

    after_stop = wardlink(*move_args)  # the relay has stopped: the move goes ahead
    assert after_stop.returncode == 0, after_stop.stderr
    assert json.loads((relay_root / "relay.json").read_text())["database"] == target.url


def test_a_relay_does_not_start_while_its_store_is_being_moved(relay_root: Path) -> None:
    runner = RelayRunner.load(relay_root, ADMIN)
    moving = store_replacement(relay_root, "migrate-store")
    refused = pytest.raises(RelayDataError, match="being changed by `relay migrate-store`")
    with moving, refused:
        asyncio.run(runner.start("127.0.0.1", 0))

    async def serve_once() -> None:  # the move is over: it starts, and stops cleanly
        await runner.start("127.0.0.1", 0)
        await runner.stop()

    asyncio.run(serve_once())
