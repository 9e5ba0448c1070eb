"""`wardlink client files` through a relay process (issue 14): put two versions, list
them with the issue's JSON keys beside the chat's files, get an old version out, and a
member added later lists and gets the latest version shared with them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from tests.cli_ward import enrolled
from tests.test_cli_message_path import ok, wardlink

PEOPLE = ("weber.anna", "mueller.jonas", "yilmaz.mia")


def listed(profile: Path, cid: str, *more: str) -> Any:
    return json.loads(ok("client", "--profile", str(profile), "files", cid, "--json", *more))


def test_files_put_list_get_and_a_new_member(tmp_path: Path) -> None:
    with enrolled(tmp_path, PEOPLE) as people:
        anna, jonas, mia = (people[u] for u in PEOPLE)
        cid = ok("client", "--profile", str(anna), "group", "create", "Station 3B",
                 "mueller.jonas").strip()  # fmt: skip
        sop = tmp_path / "SOP Sepsis.txt"
        sop.write_text("Version 1: Blutkulturen\n", encoding="utf-8")
        ok("client", "--profile", str(anna), "files", "put", cid, str(sop), "--folder", "SOPs")
        sop.write_text("Version 2: Laktat nach 2 h\n", encoding="utf-8")
        put = ok("client", "--profile", str(anna), "files", "put", cid, str(sop),
                 "--folder", "SOPs")  # fmt: skip
        assert "version 2" in put
        photo = tmp_path / "Wunde.txt"
        photo.write_text("kein Foto, nur Text", encoding="utf-8")
        ok("client", "--profile", str(anna), "send-file", cid, str(photo))
        ok("client", "--profile", str(jonas), "sync")

        doc, chat = listed(jonas, cid)
        assert (doc["kind"], doc["name"], doc["folder"]) == ("document", "SOP Sepsis.txt", "SOPs")
        assert [v["version"] for v in doc["versions"]] == [1, 2]
        first = doc["versions"][0]
        assert set(first) >= {"version", "sha256", "size", "by", "at"}
        assert first["by"] == "weber.anna"
        assert first["sha256"] == hashlib.sha256(b"Version 1: Blutkulturen\n").hexdigest()
        assert (chat["kind"], chat["name"], chat["folder"]) == ("attachment", "Wunde.txt", None)
        assert [d["name"] for d in listed(jonas, cid, "--search", "sepsis")] == ["SOP Sepsis.txt"]

        out = tmp_path / "old.txt"
        got = wardlink("client", "--profile", str(jonas), "files", "get", cid, "SOP Sepsis.txt",
                       str(out), "--version", "1")  # fmt: skip
        assert got.returncode == 0, got.stderr
        assert "NOT encrypted" in got.stderr
        assert out.read_text(encoding="utf-8") == "Version 1: Blutkulturen\n"

        restored = ok("client", "--profile", str(jonas), "files", "restore", cid,
                      "SOP Sepsis.txt", "--version", "1")  # fmt: skip
        assert "as version 3" in restored
        ok("client", "--profile", str(anna), "sync")
        (doc, _chat) = listed(anna, cid)
        assert [(v["version"], v["by"]) for v in doc["versions"]][-1] == (3, "mueller.jonas")
        assert doc["versions"][2]["sha256"] == first["sha256"]

        ok("client", "--profile", str(anna), "group", "add", cid, "yilmaz.mia")
        ok("client", "--profile", str(mia), "sync")
        (shared,) = listed(mia, cid)  # the document, not the chat's old files
        assert [(v["version"], v["by"], v["shared_by"]) for v in shared["versions"]] == [
            (3, "mueller.jonas", "weber.anna")
        ]
        out = tmp_path / "latest.txt"
        ok("client", "--profile", str(mia), "files", "get", cid, "SOP Sepsis.txt", str(out))
        assert out.read_text(encoding="utf-8") == "Version 1: Blutkulturen\n"

        bad = wardlink("client", "--profile", str(mia), "files", "get", cid, "nope.txt")
        assert bad.returncode == 2 and "usage" in bad.stderr
