"""The audit log is tamper-evident, rotates with a retention, names its operator, exports.

Through the real relay and the real CLI: a relay's own log verifies; an edited, a
removed and a reordered line are each found with their line number; rotation across
days keeps one chain over the files, retention deletes old files, and `admin audit
export` reads across them.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import shutil
import time
from pathlib import Path

import pytest

from desktop_app.relay.audit import AuditLog
from desktop_app.relay.audit_chain import CHAIN_START, rotated_files
from desktop_app.relay.data_dir import RelayDataDir
from tests.relay.conftest import live_relay
from tests.relay.test_relay_admin import wardlink

DAY_S = 86_400


def _relay_with_history(root: Path) -> None:
    """Enroll and log in through the live relay, and act as an admin via the CLI."""

    async def scenario() -> None:
        async with live_relay(root) as relay:
            client, device = await relay.enrolled("weber.anna", "DEV-ANNA")
            await client.close()
            again = await relay.logged_in(device)
            await again.close()
            other, _ = await relay.enrolled("fischer.jan", "DEV-JAN")
            await other.close()

    asyncio.run(scenario())
    done = wardlink("admin", "--data", str(root), "--operator", "IT Meier", "enroll", "roth.eva")
    assert done.returncode == 0, done.stderr


def _verify(root: Path) -> tuple[int, str]:
    done = wardlink("admin", "--data", str(root), "audit", "verify")
    return done.returncode, done.stdout + done.stderr


def _lines(root: Path) -> list[str]:
    return (root / "audit.log").read_text().splitlines(keepends=True)


def test_verify_passes_on_a_real_relays_log_and_finds_each_tampering(
    relay_root: Path, tmp_path: Path
) -> None:
    _relay_with_history(relay_root)
    entries = RelayDataDir(relay_root).audit().entries()
    events = [e["event"] for e in entries]
    assert {"relay_started", "enrolled", "login", "relay_stopped"} <= set(events)
    issued = [e for e in entries if e["event"] == "enrollment_code_issued"]
    assert issued[-1]["operator"] == "IT Meier" and issued[-1]["uid"] == "roth.eva"
    assert all("operator" not in e for e in entries if e["event"] == "login")
    code, out = _verify(relay_root)
    assert code == 0 and "audit log intact" in out, out

    lines = _lines(relay_root)
    k = 4  # a middle line (1-based): an "enrolled" or "login" event
    assert len(lines) > k + 2
    edited = lines.copy()
    edited[k - 1] = edited[k - 1].replace('"event": "', '"event": "x', 1)
    removed = lines[: k - 1] + lines[k:]
    reordered = [*lines[: k - 1], lines[k], lines[k - 1], *lines[k + 1 :]]
    for name, content, broken_at in (
        ("edited", edited, k + 1),
        ("removed", removed, k),
        ("reordered", reordered, k),
    ):
        copy = tmp_path / name
        shutil.copytree(relay_root, copy)
        (copy / "audit.log").write_text("".join(content))
        code, out = _verify(copy)
        assert code == 1, (name, out)
        assert f"audit.log line {broken_at}: does not follow" in out, (name, out)
        assert "NOT intact" in out


def test_rotation_retention_and_export_across_files(relay_root: Path) -> None:
    path = relay_root / "audit.log"
    start = time.time() + DAY_S  # tomorrow and after: the init line of today rotates away
    day = 0

    def wall() -> float:
        return start + day * DAY_S

    def day_text(n: int) -> str:
        return time.strftime("%Y-%m-%d", time.gmtime(start + n * DAY_S))

    log = AuditLog(path, retention_days=3, wall=wall)
    for day in range(5):
        log.record("login", uid=f"user{day}", device_id=f"D{day}")
        log.record("device_revoked", uid=f"user{day}", device_id=f"D{day}")
    # today's init file and days 0..3 rotated; a retention of 3 days deleted all but 1..3
    names = [p.name for p in rotated_files(path)]
    assert names == [f"audit-{day_text(n)}-001.log" for n in (1, 2, 3)]
    first_line = json.loads(path.read_text().splitlines()[0])
    assert first_line["event"] == CHAIN_START
    assert first_line["previous_file"] == f"audit-{day_text(3)}-001.log"
    assert first_line["removed_files"] == 1  # day 0 at this rotation (today's the day before)
    code, out = _verify(relay_root)
    assert code == 0, out

    done = wardlink(
        "admin", "--data", str(relay_root), "audit", "export",
        "--from", day_text(1), "--to", day_text(3),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    exported = [json.loads(line) for line in done.stdout.splitlines()]
    assert [e["uid"] for e in exported] == ["user1", "user1", "user2", "user2", "user3", "user3"]
    done = wardlink(
        "admin", "--data", str(relay_root), "--operator", "DSB Krause", "audit", "export",
        "--from", day_text(0), "--to", day_text(4), "--format", "csv",
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 8 and rows[0]["uid"] == "user1" and "prev" not in rows[0]
    audited = RelayDataDir(relay_root).audit().entries()[-1]
    assert audited["event"] == "audit_exported" and audited["operator"] == "DSB Krause"

    # Removing a whole rotated file (not the oldest) breaks the chain at the next file.
    (path.parent / f"audit-{day_text(2)}-001.log").unlink()
    code, out = _verify(relay_root)
    assert code == 1 and f"audit-{day_text(3)}-001.log line 1: does not follow" in out, out


@pytest.mark.parametrize("bad", [" ", "a\nb", "x" * 65])
def test_operator_names_are_one_printable_line(relay_root: Path, bad: str) -> None:
    done = wardlink("admin", "--data", str(relay_root), "--operator", bad, "enroll", "x")
    assert done.returncode == 1 and "operator name" in done.stderr, done.stderr
