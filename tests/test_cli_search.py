"""`wardlink client search` across conversations, through a real relay: text and file
names are found where they arrived, ``--conversation`` narrows, deleted text is gone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli_ward import enrolled
from tests.test_cli_message_path import ok


def search(profile: Path, *args: str) -> list[dict[str, Any]]:
    out = ok("client", "--profile", str(profile), "search", *args, "--json")
    return [json.loads(line) for line in out.splitlines()]


def test_search_finds_text_and_file_names_in_every_conversation(tmp_path: Path) -> None:
    with enrolled(tmp_path) as people:
        anna, jonas = people["weber.anna"], people["mueller.jonas"]
        direct = ok("client", "--profile", str(anna), "send", "mueller.jonas", "Troponin 20 Uhr")
        direct_id, direct_cid = direct.split()[1], direct.split()[3]
        group = ok(
            "client", "--profile", str(anna), "group", "create", "Station 3", "mueller.jonas"
        )
        group_cid = group.strip()
        in_group = ok("client", "--profile", str(anna), "send", group_cid, "Troponin negativ")
        group_msg = in_group.split()[1]
        plan = tmp_path / "Dienstplan_Dezember.txt"
        plan.write_text("Frühdienst: Weber\n", encoding="utf-8")
        sent_file = ok("client", "--profile", str(anna), "send-file", direct_cid, str(plan))
        file_msg = sent_file.split()[1]
        doomed = ok("client", "--profile", str(anna), "send", "mueller.jonas", "Troponin alt")
        doomed_id = doomed.split()[1]
        ok("client", "--profile", str(anna), "delete", doomed_id, "--for-everyone")
        ok("client", "--profile", str(jonas), "sync")

        found = search(jonas, "tropo")
        assert [r["id"] for r in found] == [group_msg, direct_id]  # newest first, prefix match
        assert found[0]["conversation_title"] == "Station 3"
        assert found[1]["conversation"] == direct_cid
        assert found[1]["snippet"] == "[Troponin] 20 Uhr"
        assert found[1]["sender"] == "weber.anna"

        narrowed = search(jonas, "Troponin", "--conversation", direct_cid)
        assert [r["id"] for r in narrowed] == [direct_id]
        assert narrowed[0]["snippet"] == "[Troponin] 20 Uhr"  # as the index's own snippet

        (by_name,) = search(jonas, "dienstplan")
        assert by_name["id"] == file_msg and by_name["file_name"] == plan.name

        plain = ok("client", "--profile", str(jonas), "search", "Kaffee")
        assert plain.strip() == "no messages found"
