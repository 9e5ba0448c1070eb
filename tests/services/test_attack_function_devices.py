"""A device under a functional account's uid writes as the role: refused by receivers.

walk20 stopped new ones at the relay (`admin enroll` and Join refuse a functional
account's uid), but a device enrolled before (while the uid was a person's, or by a
relay or release without that check) still wrote to colleagues as "Dienstarzt
Kardiologie", with no person accountable for an order. The receiver now checks against
its own signed copy of the directory: a functional account has no devices of its own,
so its messages are not shown and nothing is encrypted to it. Real relay on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry
from desktop_app.relay.directory_admin import import_directory
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import texts, ward

ANNA = Entry(uid="weber.anna", cn="Anna Weber", department="Kardiologie")
JONAS = Entry(uid="mueller.jonas", cn="Jonas Müller", department="Kardiologie")
ROLE = "dienst.kardio"


def test_a_device_of_a_functional_account_is_not_a_colleague(
    relay_dir: Path, tmp_path: Path
) -> None:
    staff = tmp_path / "staff.csv"
    # The uid is a person's when the device is enrolled (an older relay would not ask) ...
    staff.write_bytes(to_csv([ANNA, JONAS, Entry(uid=ROLE, cn="Dienstarzt Kardiologie")]))
    import_directory(relay_dir, staff, ADMIN)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            role_pc = await w.person(ROLE)
            anna = await w.person(ANNA.uid)
            # ... and IT makes it the functional account it names.
            role = functional_account(ROLE, "Dienstarzt Kardiologie", "Kardiologie", (JONAS.uid,))
            staff.write_bytes(to_csv([ANNA, JONAS, role]))
            import_directory(relay_dir, staff, ADMIN)
            await anna.session.directory.refresh(anna.session.require_link())

            await role_pc.messenger.send_text(ANNA.uid, "Zi. 12: Kalium sofort i.v. geben")
            assert "Zi. 12: Kalium sofort i.v. geben" not in texts(await anna.messenger.sync())
            assert anna.session.peers.live_devices([ROLE]) == []

    asyncio.run(scenario())
