"""The client's verified directory copy: refresh on connect, incremental, offline search,
tampering on disk or by the relay refused."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.directory.errors import SnapshotRefused
from desktop_app.directory.generate import functional_account, staff
from desktop_app.directory.snapshot import encode_entry
from desktop_app.relay.directory_admin import import_directory
from tests.conftest import PASSPHRASE
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import Ward, ward

STAFF = staff(300)
JONAS = dataclasses.replace(STAFF[0], uid="mueller.jonas", cn="Jonas Müller", sn="Müller",
                            department="Kardiologie", ward="Station 3B")  # fmt: skip
DIENST = functional_account(
    "dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", ("mueller.jonas",)
)
EVERYONE = [JONAS, *STAFF[1:], DIENST]


def publish(relay_dir: Path, tmp: Path, entries: list[object], name: str = "s.csv") -> None:
    path = tmp / name
    path.write_bytes(to_csv(entries))  # type: ignore[arg-type]
    report = import_directory(relay_dir, path, ADMIN, replace_all=True)
    assert report.error_count == 0


def test_refresh_on_connect_is_incremental_and_search_works_offline(
    relay_dir: Path, tmp_path: Path
) -> None:
    publish(relay_dir, tmp_path, EVERYONE)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(STAFF[5].uid)  # connect refreshed the directory
            directory = anna.session.directory
            assert directory.version == 1 and len(directory.index()) == 301
            found = directory.index().search("muller kardio 3b")
            assert [e.uid for e in found] == ["mueller.jonas"]
            assert directory.get("dienst.kardio") == DIENST

            moved = dataclasses.replace(STAFF[2], ward="Intensivstation")
            publish(relay_dir, tmp_path, [JONAS, moved, *STAFF[3:], DIENST], "t.csv")
            await anna.session.close()
            await anna.connect(w.relay.port)
            result = await directory.refresh(anna.session.require_link())
            assert (result.version, result.changed, result.removed) == (2, 0, 0)  # up to date
            assert directory.get(STAFF[1].uid) is None and directory.get(moved.uid) == moved

            # a fresh session on the same container: the copy is verified from disk
            from desktop_app.services.session import ClientSession

            again = ClientSession(anna.container)
            assert again.directory.version == 2
            assert again.directory.index().search("intensivstation")[0].uid == moved.uid

    asyncio.run(scenario())


def test_incremental_fetch_sends_only_changes(relay_dir: Path, tmp_path: Path) -> None:
    publish(relay_dir, tmp_path, EVERYONE)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(STAFF[1].uid)
            publish(relay_dir, tmp_path, [*EVERYONE[:-2], DIENST], "u.csv")  # one removed
            result = await anna.session.directory.refresh(anna.session.require_link())
            assert (result.version, result.changed, result.removed) == (2, 0, 1)

    asyncio.run(scenario())


def tamper_container(w: Ward, uid: str, data: bytes) -> None:
    person = next(iter(w.people.values()))
    db = person.container.database
    with db.transaction() as cur:
        cur.execute(
            "UPDATE directory_entries SET entry = ? WHERE uid = ?",
            (base64.b64encode(data).decode(), uid),
        )


def test_copy_tampered_on_disk_is_refused_then_repaired(relay_dir: Path, tmp_path: Path) -> None:
    publish(relay_dir, tmp_path, EVERYONE)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(STAFF[1].uid)
            forged = dataclasses.replace(DIENST, holders=(STAFF[1].uid,))
            tamper_container(w, DIENST.uid, encode_entry(forged))
            from desktop_app.services.session import ClientSession

            fresh = ClientSession(anna.container)
            with pytest.raises(SnapshotRefused, match=r"does not verify .*tampered"):
                fresh.directory.load()
            with pytest.raises(SnapshotRefused):
                fresh.directory.index()
            await fresh.connect(("127.0.0.1", w.relay.port))  # refetches in full
            assert fresh.directory.get(DIENST.uid) == DIENST
            await fresh.close()

    asyncio.run(scenario())


def test_entry_altered_on_the_relay_is_refused(relay_dir: Path, tmp_path: Path) -> None:
    publish(relay_dir, tmp_path, EVERYONE)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(STAFF[1].uid)
            publish(relay_dir, tmp_path, [*EVERYONE[:-1], dataclasses.replace(DIENST, cn="X")],
                    "v.csv")  # fmt: skip
            # the relay (or anyone before the client) swaps the changed entry's holder
            forged = dataclasses.replace(DIENST, cn="X", holders=(STAFF[1].uid,))
            db = sqlite3.connect(relay_dir / "relay.db")
            db.execute("UPDATE directory_entries SET entry = ? WHERE uid = ?",
                       (encode_entry(forged), DIENST.uid))  # fmt: skip
            db.commit()
            db.close()
            link = anna.session.require_link()
            with pytest.raises(SnapshotRefused, match="does not match signed version 2"):
                await anna.session.directory.refresh(link)
            assert await anna.session.directory.refresh_quietly(link) is None
            assert anna.session.directory.version == 1  # the old, verified copy stays
            assert anna.session.directory.get(DIENST.uid) == DIENST

    asyncio.run(scenario())


def test_cli_directory_search_and_show(relay_dir: Path, tmp_path: Path) -> None:
    publish(relay_dir, tmp_path, EVERYONE)

    async def setup() -> Path:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(STAFF[1].uid)
            return anna.profile

    profile = asyncio.run(setup())
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    env["WARDLINK_PASSPHRASE"] = PASSPHRASE

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop_app", "client", "--profile", str(profile),
             "directory", *args],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip

    # the relay is gone now: search says so and answers from the verified copy
    done = run("search", "mueller 3b", "--department", "kardiologie", "--json")
    assert done.returncode == 0, done.stderr
    assert "Searching the stored copy" in done.stderr
    assert [e["uid"] for e in json.loads(done.stdout)] == ["mueller.jonas"]
    done = run("search", "dienstarzt", "--offline")
    assert done.returncode == 0 and done.stderr == ""
    assert "dienst.kardio" in done.stdout and "→ mueller.jonas" in done.stdout
    done = run(
        "search", "--filter", "(&(ou=Kardiologie)(cn=*müller*)(ward=*3b))", "--offline", "--json"
    )
    assert [e["uid"] for e in json.loads(done.stdout)] == ["mueller.jonas"]
    done = run("show", "dienst.kardio", "--offline", "--json")
    assert json.loads(done.stdout)["holders"] == ["mueller.jonas"]
    done = run("show", "nobody.here", "--offline")
    assert done.returncode == 1 and "nobody.here is not in the staff directory" in done.stderr
