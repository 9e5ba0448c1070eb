"""`wardlink client group rename CONVERSATION TITLE`, through a relay process: the admin
renames, the member's history shows the line after a sync; a member cannot rename; the
same name again sends nothing."""

from __future__ import annotations

from pathlib import Path

from tests.cli_ward import enrolled
from tests.test_cli_message_path import ok, wardlink


def test_the_admin_renames_a_group_from_the_command_line(tmp_path: Path) -> None:
    with enrolled(tmp_path) as people:
        anna = ("client", "--profile", str(people["weber.anna"]))
        jonas = ("client", "--profile", str(people["mueller.jonas"]))
        group = ok(*anna, "group", "create", "Station 3B", "mueller.jonas").strip()
        ok(*jonas, "sync")

        done = ok(*anna, "group", "rename", group, "  Station 3B – Winter ")
        assert done.strip() == f"renamed {group} to “Station 3B – Winter”"
        line = "weber.anna renamed the group to “Station 3B – Winter”."
        ok(*jonas, "sync")
        assert line in ok(*jonas, "history", group)
        assert line in ok(*anna, "history", group)

        again = ok(*anna, "group", "rename", group, "Station 3B – Winter")
        assert again.strip() == f"{group} already has this name; nothing sent"

        refused = wardlink(*jonas, "group", "rename", group, "Meine Station")
        assert refused.returncode == 1
        assert "Only a group admin can rename the group." in refused.stderr
        ok(*anna, "send", group, "Übergabe um 14 Uhr")
        synced = ok(*jonas, "sync")
        assert "Übergabe um 14 Uhr" in synced and "renamed" not in synced
        assert ok(*jonas, "history", group).count("renamed the group") == 1
