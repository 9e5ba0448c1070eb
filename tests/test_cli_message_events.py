"""The headless client's reply, react, edit and delete --for-everyone, through a relay."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli_ward import enrolled
from tests.test_cli_message_path import ok, wardlink


def rows(profile: Path, *args: str) -> dict[str, dict[str, Any]]:
    out = ok("client", "--profile", str(profile), *args, "--json")
    return {m["id"]: m for m in map(json.loads, out.splitlines())}


def test_reply_react_edit_delete_for_everyone_from_the_command_line(tmp_path: Path) -> None:
    with enrolled(tmp_path) as people:
        anna, jonas = people["weber.anna"], people["mueller.jonas"]
        first = ok("client", "--profile", str(anna), "send", "mueller.jonas", "Troponin 20 Uhr")
        first_id, cid = first.split()[1], first.split()[3]
        doomed = ok("client", "--profile", str(anna), "send", "mueller.jonas", "CLIMARKERQX")
        doomed_id = doomed.split()[1]
        assert set(rows(jonas, "sync")) == {first_id, doomed_id}

        ok(
            "client",
            "--profile",
            str(jonas),
            "send",
            "weber.anna",
            "Mache ich",
            "--reply-to",
            first_id,
        )
        ok(
            "client",
            "--profile",
            str(jonas),
            "send",
            "weber.anna",
            "Gesehen",
            "--reply-to",
            doomed_id,
        )
        ok("client", "--profile", str(jonas), "react", first_id, "👍")
        refused = wardlink("client", "--profile", str(jonas), "edit", first_id, "meins")
        assert refused.returncode != 0 and "Only the sender" in refused.stderr
        ok("client", "--profile", str(anna), "edit", first_id, "Troponin 21 Uhr")
        ok("client", "--profile", str(anna), "delete", doomed_id, "--for-everyone")

        seen = rows(anna, "sync")
        (reply,) = [m for m in seen.values() if m["text"] == "Mache ich"]
        assert reply["reply_to"] == first_id
        assert reply["quote"] == {
            "sender": "weber.anna",
            "snippet": "Troponin 21 Uhr",
            "deleted": False,
        }
        rows(jonas, "sync")
        history = rows(jonas, "history", cid)
        edited = history[first_id]
        assert edited["text"] == "Troponin 21 Uhr" and edited["edited"] is True
        assert [e["text"] for e in edited["edits"]] == ["Troponin 20 Uhr", "Troponin 21 Uhr"]
        assert edited["reactions"] == {"👍": ["mueller.jonas"]}
        gone = history[doomed_id]
        assert gone["deleted"] is True and gone["text"] == "" and gone["attachments"] == []
        assert "deleted by" in gone["notice"]
        (quote,) = [m for m in history.values() if m["text"] == "Gesehen"]
        assert quote["quote"]["deleted"] is True and quote["quote"]["snippet"] == ""
        assert "CLIMARKERQX" not in ok("client", "--profile", str(jonas), "history", cid)

        ok("client", "--profile", str(jonas), "react", first_id, "--remove")
        assert rows(jonas, "history", cid)[first_id]["reactions"] == {}
        ok("client", "--profile", str(jonas), "delete", first_id)  # for me: offline, as before
        assert first_id not in rows(jonas, "history", cid)
