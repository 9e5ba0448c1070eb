"""The documented commands, as IT and a ward PC run them: relay, admin, client."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.relay.conftest import ADMIN, relay_process

PASS = "Nachtdienst Station 3B"


def wardlink(*args: str, passphrase: str | None = PASS) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    env["WARDLINK_ADMIN_PASSPHRASE"] = ADMIN
    if passphrase is not None:
        env["WARDLINK_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def ok(*args: str) -> str:
    done = wardlink(*args)
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return done.stdout


def test_relay_admin_and_client_commands(tmp_path: Path) -> None:
    data = tmp_path / "relay"
    out = ok("relay", "init", "--data", str(data), "--org", "Klinikum Nord")
    assert "fingerprint" in out.lower()
    codes = {
        uid: ok("admin", "--data", str(data), "enroll", uid).split()[0]
        for uid in ("weber.anna", "mueller.jonas")
    }
    assert all(code.startswith("WL1-") for code in codes.values())
    with relay_process(data, advertise=False) as relay:
        addr = f"127.0.0.1:{relay.port}"
        anna, jonas = tmp_path / "anna", tmp_path / "jonas"
        for uid, profile in (("weber.anna", anna), ("mueller.jonas", jonas)):
            out = ok(
                "client",
                "--profile",
                str(profile),
                "enroll",
                "--relay",
                addr,
                "--code",
                codes[uid],
                "--name",
                uid,
                "--accept-privacy-notice",
            )
            assert f"enrolled {uid} as device" in out

        ok("client", "--profile", str(anna), "send", "mueller.jonas", "Röntgen ist da", "--urgent")
        scan = tmp_path / "thorax.png"
        scan.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(300_000))
        ok("client", "--profile", str(anna), "send-file", "mueller.jonas", str(scan))
        lines = ok("client", "--profile", str(jonas), "sync", "--json").splitlines()
        got = [json.loads(line) for line in lines]
        assert [g["text"] for g in got] == ["Röntgen ist da", ""]
        assert got[0]["urgent"] is True and got[0]["sender"] == "weber.anna"
        assert set(got[0]) >= {
            "id",
            "conversation",
            "sender",
            "sender_device",
            "sent",
            "text",
            "attachments",
        }
        (att,) = got[1]["attachments"]
        assert (att["name"], att["size"], att["mime"]) == ("thorax.png", 300_008, "image/png")

        history = ok("client", "--profile", str(jonas), "history", got[0]["conversation"])
        assert "weber.anna [DRINGEND]: Röntgen ist da" in history
        target = tmp_path / "export.png"
        saved = wardlink(
            "client",
            "--profile",
            str(jonas),
            "save-attachment",
            got[1]["id"],
            att["id"],
            str(target),
        )
        assert saved.returncode == 0 and "NOT encrypted" in saved.stderr
        assert target.read_bytes() == scan.read_bytes()

        devices = ok("admin", "--data", str(data), "devices", "weber.anna")
        assert "weber.anna" in devices

        unknown = wardlink("client", "--profile", str(anna), "send", "nobody.here", "Hallo")
        assert unknown.returncode == 1
        assert unknown.stderr.strip().splitlines() == [
            "wardlink: No enrolled device for nobody.here: unknown person, or not yet enrolled "
            "by IT."
        ]
        wrong = wardlink("client", "--profile", str(anna), "sync", passphrase="falsch falsch")
        assert wrong.returncode == 1 and "Wrong passphrase" in wrong.stderr
