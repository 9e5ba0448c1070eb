"""Leavers and the directory (walk20): one in a stale source comes back with a
warning, and the functional accounts one held are handed over on record.

IT removed weber.anna with `admin person remove`; the next CSV import (an HR export of
last week) still listed her, and `directory import --replace --dry-run` said only
"added: 2 (weber.anna, …)". Now the command warns that she left before, both for a dry
run and for the real import (then she is in every colleague's directory again).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import import_directory
from desktop_app.relay.leavers import remove_person
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN, wardlink_env

ANNA = Entry(uid="weber.anna", cn="Anna Weber", department="Kardiologie")
JONAS = Entry(uid="mueller.jonas", cn="Jonas Müller", department="Kardiologie")
MIA = Entry(uid="yilmaz.mia", cn="Mia Yılmaz", department="Kardiologie")


def test_a_removed_person_in_the_next_import_is_warned_about(
    relay_root: Path, tmp_path: Path
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_bytes(to_csv([ANNA, JONAS]))
    import_directory(relay_root, staff, ADMIN)
    remove_person(relay_root, ANNA.uid, ADMIN)
    staff.write_bytes(to_csv([ANNA, JONAS, MIA]))  # last week's export: Anna still there

    def admin_import(*flags: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desktop_app", "admin", "--data", str(relay_root),
             "directory", "import", str(staff), *flags],
            capture_output=True, text=True, env=wardlink_env(), timeout=60, check=False,
        )  # fmt: skip

    dry = admin_import("--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "added: 2 (weber.anna, yilmaz.mia)" in dry.stdout
    assert "warning: weber.anna left the directory before" in dry.stderr
    assert "would come back" in dry.stderr and "yilmaz.mia" not in dry.stderr

    done = admin_import()
    assert done.returncode == 0, done.stderr
    assert "warning: weber.anna left the directory before" in done.stderr
    assert "run `admin person remove UID` again" in done.stderr

    again = import_directory(relay_root, staff, ADMIN)  # she is back: no longer a leaver
    assert again.publish.returning == ()


def test_a_leavers_functional_account_is_handed_to_who_is_left(
    relay_root: Path, tmp_path: Path
) -> None:
    """walk20: after `person remove weber.anna`, `directory handovers` still named her as
    the latest holder of the account she held with Jonas; the audit had only
    `person_removed`. Her leaving is now a hand-over to Jonas by IT, with its audit line."""
    dienst = functional_account(
        "dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", (ANNA.uid, JONAS.uid)
    )
    staff = tmp_path / "staff.csv"
    staff.write_bytes(to_csv([ANNA, JONAS, dienst]))
    import_directory(relay_root, staff, ADMIN)
    removal = remove_person(relay_root, ANNA.uid, ADMIN)
    assert removal.roles_left == (dienst.uid,)
    data = RelayDataDir(relay_root)
    store = data.open_store()
    try:
        latest = store.handovers(dienst.uid)[0]
    finally:
        store.close()
    assert (latest.holders, latest.set_by, latest.version) == (
        (JONAS.uid,),
        "it",
        removal.directory_version,
    )
    lines = [json.loads(line) for line in data.audit().path.read_text().splitlines()]
    handed = [e for e in lines if e.get("event") == "role_handover"]
    assert handed[-1]["role"] == dienst.uid and handed[-1]["holders"] == JONAS.uid
    assert handed[-1]["old_holders"] == f"{ANNA.uid},{JONAS.uid}"
