"""A colleague names a new device with terminal control sequences (session 19 attack).

The device name is the enrolling client's choice (any text without NUL, sent in
``Enroll``) and only IT's tools show it. ``wardlink admin devices`` printed it as it
was, so a colleague who enrolled a device named ESC[1A ESC[2K (cursor up, erase the
line) twice wiped the two rows above it from IT's terminal: the very listing in which
IT looks for a device nobody expected. Admin listings now print names through
``commands/terminal_text.py``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.commands.terminal_text import printable
from desktop_app.relay.admin import issue_code
from tests.relay.conftest import live_relay
from tests.relay.test_relay_process import wardlink
from tests.relay.wire_client import Device

ERASE_TWO_ROWS = "\x1b[1A\x1b[2K" * 2


def test_a_device_name_cannot_act_on_the_terminal_of_it(relay_root: Path) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            client = await relay.client()
            code = issue_code(relay_root, "schulz.jonas").code
            reply = await client.enroll(Device("schulz.jonas", "SCHULZ-PC1"), code, ERASE_TWO_ROWS)
            assert type(reply).__name__ == "Enrolled", reply
            for conn in (anna, client):
                await conn.close()

    asyncio.run(scenario())
    for listing in (("devices",), ("devices", "--expiring", "4000")):
        shown = wardlink("admin", "--data", str(relay_root), *listing)
        assert shown.returncode == 0, shown.stderr
        assert "WEBER-PC1" in shown.stdout and "SCHULZ-PC1" in shown.stdout
        assert "\x1b" not in shown.stdout
        assert printable(ERASE_TWO_ROWS)[:20] in shown.stdout


FALSE_ROW = "PC\nmueller.lena         MUELLER-PC1"
REORDERED = "Station\u202e1CP-NNAM"


def test_a_device_name_cannot_add_a_row_or_reorder_one_in_its_listing(relay_root: Path) -> None:
    """A line break in a name wrote a second row (a device of someone else that does
    not exist); a right-to-left override reordered the rest of the row."""

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            for device_id, name in (("SCHULZ-PC1", FALSE_ROW), ("SCHULZ-PC2", REORDERED)):
                client = await relay.client()
                code = issue_code(relay_root, "schulz.jonas").code
                reply = await client.enroll(Device("schulz.jonas", device_id), code, name)
                assert type(reply).__name__ == "Enrolled", reply
                await client.close()

    asyncio.run(scenario())
    for listing in (("devices",), ("devices", "--expiring", "4000")):
        shown = wardlink("admin", "--data", str(relay_root), *listing)
        assert shown.returncode == 0, shown.stderr
        rows = [line for line in shown.stdout.splitlines() if "mueller.lena" in line]
        assert all("SCHULZ-PC1" in row for row in rows), shown.stdout  # no row of its own
        assert "\u202e" not in shown.stdout
        assert "\\u202e" in shown.stdout
