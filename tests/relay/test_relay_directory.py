"""The relay's signed directory: import, versions, incremental fetch, tampering refused."""

from __future__ import annotations

import asyncio
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.crypto.org import OrgCertificates
from desktop_app.directory.errors import SnapshotRefused
from desktop_app.directory.generate import functional_account, staff
from desktop_app.directory.snapshot import SignedHeader, apply_update, decode_entry, encode_entry
from desktop_app.protocol import DirectoryPage, FetchDirectory
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import import_directory
from desktop_app.relay.errors import AdminInputError
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN, live_relay, wardlink_env
from tests.relay.wire_client import WireClient, org_of

STAFF = staff(450)
DIENST = functional_account(
    "dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", (STAFF[0].uid,)
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


async def fetch_all(
    client: WireClient, org: OrgCertificates, have: dict[str, bytes], since: int
) -> tuple[int, dict[str, bytes], int]:
    """(version, verified entry bytes, pages) the way a client fetches."""
    changed: list[bytes] = []
    removed: list[str] = []
    after, pages, version = "", 0, None
    header = b""
    signature = b""
    while True:
        page = await client.request(FetchDirectory(req_id=900 + pages, since=since, after=after))
        assert isinstance(page, DirectoryPage)
        assert version in (None, page.version)
        version, header, signature = page.version, page.header, page.signature
        changed += page.changed
        removed += page.removed
        pages += 1
        if not page.next_after:
            break
        after = page.next_after
    verified = apply_update(
        have, changed, removed, SignedHeader(header, signature), org.issuing, org.fingerprint
    )
    return verified.header.version, verified.encoded, pages


def test_import_reports_rows_and_publishes_signed_versions(
    relay_root: Path, tmp_path: Path
) -> None:
    bad = b"\nnot a uid!,x,,,,,,,,,,,\n"
    report = import_directory(
        relay_root, write(tmp_path, "staff.csv", to_csv([*STAFF, DIENST]) + bad), ADMIN
    )
    assert report.publish.version == 1
    assert len(report.publish.plan.added) == 451 and report.error_count == 1
    assert str(report.errors[0]).startswith("row 454: uid 'not a uid!'")
    # the same file again: nothing changes, no new version
    again = import_directory(relay_root, write(tmp_path, "same.csv", to_csv(STAFF)), ADMIN)
    assert again.publish.version is None and again.publish.plan.empty
    # a dry run with a changed title and --replace shows changes but writes nothing
    moved = [dataclasses.replace(STAFF[1], title="Chefarzt"), *STAFF[2:]]
    dry = import_directory(
        relay_root, write(tmp_path, "m.csv", to_csv(moved)), ADMIN, replace_all=True, dry_run=True
    )
    assert dry.publish.plan.changed == (STAFF[1].uid,)
    assert set(dry.publish.plan.removed) == {STAFF[0].uid, DIENST.uid}
    store = RelayDataDir(relay_root).open_store()
    try:
        assert store.directory_version().version == 1  # type: ignore[union-attr]
        assert decode_entry(store.directory_entries()[STAFF[1].uid]) == STAFF[1]
    finally:
        store.close()


def test_wrong_passphrase_changes_nothing(relay_root: Path, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="passphrase"):
        import_directory(relay_root, write(tmp_path, "s.csv", to_csv(STAFF[:3])), "wrong one!!")
    with pytest.raises(AdminInputError, match="unknown attributes: shoe"):
        import_directory(relay_root, write(tmp_path, "x.csv", b"uid,shoe\n"), ADMIN)
    store = RelayDataDir(relay_root).open_store()
    try:
        assert store.directory_version() is None and store.directory_entries() == {}
    finally:
        store.close()


def test_fetch_incrementally_and_refuse_tampering(relay_root: Path, tmp_path: Path) -> None:
    import_directory(relay_root, write(tmp_path, "a.csv", to_csv(STAFF)), ADMIN)
    org = org_of(relay_root)

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            client, _ = await relay.enrolled(STAFF[0].uid, "dev-directory-1")
            version, have, pages = await fetch_all(client, org, {}, 0)
            assert (version, len(have), pages) == (1, 450, 3)
            assert decode_entry(have[STAFF[7].uid]) == STAFF[7]
            # IT changes one person and removes another (--replace)
            changed = dataclasses.replace(STAFF[5], ward="Intensivstation")
            rest = [changed, *STAFF[6:]]
            import_directory(
                relay_root, write(tmp_path, "b.csv", to_csv(rest)), ADMIN, replace_all=True
            )
            page = await client.request(FetchDirectory(req_id=5, since=1, after=""))
            assert isinstance(page, DirectoryPage) and page.version == 2
            assert page.changed == [encode_entry(changed)]
            assert sorted(page.removed) == sorted(e.uid for e in STAFF[:5])
            version, newer, _ = await fetch_all(client, org, have, 1)
            assert version == 2 and len(newer) == 445 and STAFF[0].uid not in newer
            signed = SignedHeader(page.header, page.signature)
            # in transit: an altered entry, a dropped removal, a replayed old header
            forged = dataclasses.replace(changed, telephone_number="+49 666")
            with pytest.raises(SnapshotRefused, match="does not match signed version 2"):
                apply_update(have, [encode_entry(forged)], page.removed, signed, org.issuing,
                             org.fingerprint)  # fmt: skip
            with pytest.raises(SnapshotRefused, match="does not match"):
                apply_update(have, page.changed, page.removed[1:], signed, org.issuing,
                             org.fingerprint)  # fmt: skip
            with pytest.raises(SnapshotRefused, match="signature does not verify"):
                bad = SignedHeader(page.header[:-1] + bytes([page.header[-1] ^ 1]), page.signature)
                apply_update(have, page.changed, page.removed, bad, org.issuing, org.fingerprint)
            with pytest.raises(SnapshotRefused, match="older than 3"):
                apply_update(have, page.changed, page.removed, signed, org.issuing,
                             org.fingerprint, min_version=3)  # fmt: skip
            with pytest.raises(SnapshotRefused, match="another organisation"):
                apply_update(have, page.changed, page.removed, signed, org.issuing, b"x" * 32)
            await client.close()

    asyncio.run(scenario())


def test_removed_people_lose_their_devices(relay_root: Path, tmp_path: Path) -> None:
    import_directory(relay_root, write(tmp_path, "a.csv", to_csv(STAFF[:20])), ADMIN)

    async def enroll() -> None:
        async with live_relay(relay_root) as relay:
            client, _ = await relay.enrolled(STAFF[3].uid, "dev-leaver")
            await client.close()

    asyncio.run(enroll())
    report = import_directory(
        relay_root, write(tmp_path, "b.csv", to_csv(STAFF[4:20])), ADMIN, replace_all=True
    )
    assert report.publish.revoked_devices == ("dev-leaver",)
    store = RelayDataDir(relay_root).open_store()
    try:
        assert store.device("dev-leaver").revoked
    finally:
        store.close()


def test_cli_import_prints_row_errors_and_changes(relay_root: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "staff.csv", to_csv(STAFF[:30]) + b"Bad,x,,,,,,,,,,,\n")
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "admin", "--data", str(relay_root),
         "directory", "import", str(path)],
        capture_output=True, text=True, env=wardlink_env(), timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("staff.csv: row 32: uid 'Bad'")
    assert lines[1].startswith("added: 30 (")
    assert lines[-1] == "published directory version 1"


def test_cli_set_holders_and_handovers(relay_root: Path, tmp_path: Path) -> None:
    import_directory(relay_root, write(tmp_path, "a.csv", to_csv([*STAFF[:5], DIENST])), ADMIN)

    def admin(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop_app", "admin", "--data", str(relay_root),
             "directory", *args],
            capture_output=True, text=True, env=wardlink_env(), timeout=60, check=False,
        )  # fmt: skip

    done = admin("set-holders", DIENST.uid, STAFF[1].uid, STAFF[2].uid)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{DIENST.uid} is now held by {STAFF[1].uid}, {STAFF[2].uid}",
        "published directory version 2",
    ]
    lines = admin("handovers").stdout.splitlines()
    assert len(lines) == 1 and f"-> {STAFF[1].uid}, {STAFF[2].uid}" in lines[0]
    assert lines[0].rstrip().endswith("by it  (version 2)")
    # An import that changes the holders is a hand-over too (docs/directory.md; walk20: it
    # left no trace in `handovers` or the audit log). Creating the account was none.
    changed = dataclasses.replace(DIENST, holders=(STAFF[3].uid,))
    import_directory(relay_root, write(tmp_path, "b.csv", to_csv([changed])), ADMIN)
    lines = admin("handovers").stdout.splitlines()
    assert len(lines) == 2 and f"-> {STAFF[3].uid} " in lines[0]
    assert lines[0].rstrip().endswith("by it  (version 3)")
    audit = (relay_root / "audit.log").read_text(encoding="utf-8")
    handed = [line for line in audit.splitlines() if '"role_handover"' in line]
    assert len(handed) == 2 and f'"old_holders": "{STAFF[1].uid},{STAFF[2].uid}"' in handed[1]
    assert f'"holders": "{STAFF[3].uid}"' in handed[1] and '"version": 3' in handed[1]
    bad = admin("set-holders", STAFF[3].uid, STAFF[1].uid)
    assert bad.returncode == 1 and "is a person, not a functional account" in bad.stderr
    bad = admin("set-holders", DIENST.uid, "ghost.user")
    assert bad.returncode == 1 and "not people in the directory: ghost.user" in bad.stderr
    history = admin("history").stdout.splitlines()
    assert history[1].startswith("version 2") and "holders of dienst.kardio set by it" in history[1]


def test_racing_publishers_cannot_interleave(relay_root: Path, tmp_path: Path) -> None:
    """Two admin commands planned on the same version: the second commit is refused and
    writes nothing (no entry of it, no version), so no signature covers a mixed set."""
    from desktop_app.crypto.org_files import load_issuing_authority
    from desktop_app.relay.directory_admin import current_plan_base, plan, publish
    from desktop_app.relay.store_directory import DirectoryConflict

    store = RelayDataDir(relay_root).open_store()
    try:
        issuer = load_issuing_authority(relay_root, ADMIN)
        current, base = current_plan_base(store)
        first = plan(current, base, STAFF[:10], replace_all=False)
        second = plan(current, base, STAFF[10:20], replace_all=False)
        assert publish(store, issuer, first, "first").version == 1
        with pytest.raises(DirectoryConflict, match="changed meanwhile"):
            publish(store, issuer, second, "second")
        assert set(store.directory_entries()) == {e.uid for e in STAFF[:10]}
        assert [v.source for v in store.directory_history()] == ["first"]
    finally:
        store.close()
