"""`wardlink client task | tasks | calendar` through a relay process (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import icalendar

from tests.cli_ward import enrolled
from tests.test_cli_message_path import ok, wardlink


def as_json(profile: Path, *args: str) -> Any:
    return json.loads(ok("client", "--profile", str(profile), *args, "--json"))


def test_tasks_and_calendar_from_the_command_line(tmp_path: Path) -> None:
    with enrolled(tmp_path) as people:
        anna, jonas = people["weber.anna"], people["mueller.jonas"]
        sent = ok("client", "--profile", str(anna), "send", "mueller.jonas", "Zi. 4: Kalium?")
        message_id, cid = sent.split()[1], sent.split()[3]
        ok("client", "--profile", str(jonas), "sync")

        added = ok(
            "client", "--profile", str(anna), "task", "add", cid, "Kalium Zi. 4 kontrollieren",
            "--assign", "mueller.jonas", "--due", "2026-12-06T07:00:00+01:00", "--urgent",
            "--from-message", message_id,
        )  # fmt: skip
        task_id = added.split()[1].rstrip(":")
        ok("client", "--profile", str(jonas), "sync")
        (mine,) = as_json(jonas, "tasks", "--mine")
        assert {k: mine[k] for k in ("id", "title", "assignee", "due", "state", "changed_by")} == {
            "id": task_id,
            "title": "Kalium Zi. 4 kontrollieren",
            "assignee": "mueller.jonas",
            "due": "2026-12-06T06:00:00+00:00",
            "state": "open",
            "changed_by": "weber.anna",
        }
        assert mine["message_id"] == message_id and mine["priority"] == "urgent"

        ok("client", "--profile", str(jonas), "task", "set", task_id, "--state", "done")
        ok("client", "--profile", str(anna), "sync")
        (seen,) = as_json(anna, "tasks", cid)
        assert (seen["state"], seen["changed_by"]) == ("done", "mueller.jonas")
        assert as_json(jonas, "tasks", "--mine") == []

        ok(
            "client", "--profile", str(anna), "calendar", "add", cid, "Frühdienst",
            "--start", "2026-12-07T06:00:00+01:00", "--end", "2026-12-07T14:00:00+01:00",
            "--rrule", "FREQ=DAILY;COUNT=3", "--duty", "dienst.kardio", "--holder", "mueller.jonas",
        )  # fmt: skip
        ok("client", "--profile", str(jonas), "sync")
        (entry,) = as_json(
            jonas, "calendar", "list", cid, "--from", "2026-12-07", "--to", "2026-12-14"
        )
        assert (entry["title"], entry["rrule"]) == ("Frühdienst", "FREQ=DAILY;COUNT=3")
        assert [o["start"][:10] for o in entry["occurrences"]] == [
            "2026-12-07",
            "2026-12-08",
            "2026-12-09",
        ]
        out = tmp_path / "dienst.ics"
        ok("client", "--profile", str(jonas), "calendar", "export", cid, str(out))
        (event,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
        assert str(event.get("SUMMARY")) == "Frühdienst"
        assert str(event.get("X-WARDLINK-DUTY-HOLDER")) == "mueller.jonas"
        assert ok(
            "client", "--profile", str(jonas), "calendar", "import", cid, str(out)
        ).startswith("imported 1 events")
        assert len(as_json(anna, "calendar", "list", cid, "--from", "2026-12-07")) == 1


def test_a_refused_event_is_said_on_the_command_line(tmp_path: Path) -> None:
    """The reason the event dialog shows, headless: which rule, and nothing saved."""
    with enrolled(tmp_path) as people:
        anna = people["weber.anna"]
        sent = ok("client", "--profile", str(anna), "send", "mueller.jonas", "Dienstplan")
        cid = sent.split()[3]
        refused = wardlink(
            "client", "--profile", str(anna), "calendar", "add", cid, "Visite",
            "--start", "2095-03-07T08:00:00+01:00", "--end", "2095-03-07T09:00:00+01:00",
            "--rrule", "FREQ=WEEKLY",
        )  # fmt: skip
        assert refused.returncode != 0
        assert (
            "This event's repetition is not valid: a recurring event must start before 2090."
            in refused.stderr
        )
        assert as_json(anna, "calendar", "list", cid, "--from", "2095-03-01") == []
