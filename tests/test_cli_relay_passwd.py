"""`wardlink relay passwd`: a new admin passphrase when someone who knew it leaves IT.

walk20: there was no command for it; the passphrase a leaver knew kept opening the
organisation's keys. Now every key file it wraps is wrapped under the new one; the old
one opens nothing, the new one works for every admin command, and the change is audited.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.crypto.keyfile import unwrap_private_key
from desktop_app.crypto.org_files import ISSUING_KEY_CONTEXT, ISSUING_KEY_FILE
from desktop_app.crypto.org_passphrase import change_admin_passphrase
from desktop_app.directory.model import Entry
from tests.directory.files import to_csv
from tests.test_cli_message_path import ADMIN

NEW = "Neue Admin-Passphrase 2026"


def wardlink(*args: str, admin: str, new: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    env["WARDLINK_ADMIN_PASSPHRASE"] = admin
    env["WARDLINK_OPERATOR"] = "it.mueller"
    if new is not None:
        env["WARDLINK_NEW_PASSPHRASE"] = new
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
        check=False,
    )  # fmt: skip


def test_a_new_admin_passphrase_replaces_the_old_one(tmp_path: Path) -> None:
    data = tmp_path / "relay"
    done = wardlink("relay", "init", "--data", str(data), "--org", "Klinikum Nord", admin=ADMIN)
    assert done.returncode == 0, done.stderr

    done = wardlink("relay", "passwd", "--data", str(data), admin=ADMIN, new=NEW)
    assert done.returncode == 0, done.stderr
    assert "wrapped org-issuing.key.json, org-root.key.json" in done.stdout

    staff = tmp_path / "staff.csv"  # publishing a directory signs with the issuing key
    staff.write_bytes(to_csv([Entry(uid="weber.anna", cn="Anna Weber")]))
    publish = ("admin", "--data", str(data), "directory", "import", str(staff))
    refused = wardlink(*publish, admin=ADMIN)
    assert refused.returncode == 1 and "does not open" in refused.stderr
    published = wardlink(*publish, admin=NEW)
    assert published.returncode == 0, published.stderr
    assert "published directory version 1" in published.stdout

    lines = [json.loads(x) for x in (data / "audit.log").read_text().splitlines()]
    changed = [e for e in lines if e.get("event") == "admin_passphrase_changed"]
    assert [(e["operator"], e["count"]) for e in changed] == [("it.mueller", 2)]


def test_a_run_cut_off_half_way_is_finished_by_running_it_again(tmp_path: Path) -> None:
    """The issuing key was renamed into place, the root key not yet (power cut): the
    same command again finishes it; a wrong old passphrase changes nothing."""
    data = tmp_path / "relay"
    assert wardlink("relay", "init", "--data", str(data), "--org", "K", admin=ADMIN).returncode == 0
    root_before = (data / "org-root.key.json").read_bytes()
    change_admin_passphrase(data, ADMIN, NEW)
    (data / "org-root.key.json").write_bytes(root_before)  # the rename that did not happen

    wrong = wardlink("relay", "passwd", "--data", str(data), admin="falsch", new=NEW)
    assert wrong.returncode == 1 and "does not open" in wrong.stderr
    assert (data / "org-root.key.json").read_bytes() == root_before

    again = wardlink("relay", "passwd", "--data", str(data), admin=ADMIN, new=NEW)
    assert again.returncode == 0, again.stderr
    assert "wrapped org-root.key.json under" in again.stdout
    issuing = (data / ISSUING_KEY_FILE).read_bytes()
    unwrap_private_key(issuing, NEW, ISSUING_KEY_CONTEXT, "issuing key")
    staff = tmp_path / "staff.csv"
    staff.write_bytes(to_csv([Entry(uid="weber.anna", cn="Anna Weber")]))
    done = wardlink("admin", "--data", str(data), "directory", "import", str(staff), admin=NEW)
    assert done.returncode == 0, done.stderr
