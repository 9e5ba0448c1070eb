"""A conversation's duty calendar in the container: the winning version of each event
(schema 11; ``domain.calendar.Calendar`` is the rule, applied here row by row)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from desktop_app.domain.calendar import CalendarEvent, Version
from desktop_app.domain.event_zone import in_zone
from desktop_app.domain.tasks import Stamp
from desktop_app.storage.database import Database


class SqlCalendarStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def apply(self, conversation_id: str, version: Version) -> bool:
        """Keep ``version`` if it is newer than the held one (or the first); True if kept."""
        event = version.event
        with self._db.transaction() as cur:
            held = cur.query(
                "SELECT clock, device, change_id, conversation_id FROM calendar_versions "
                "WHERE event_id = ?",
                (event.event_id,),
            )
            if held:
                clock, device, change_id, where = held[0]
                if where != conversation_id:
                    return False  # an event id of another conversation: never moved
                if not Stamp(int(clock), str(device), str(change_id)) < version.stamp:
                    return False
            cur.execute(
                "INSERT OR REPLACE INTO calendar_versions(event_id, conversation_id, clock, "
                "device, change_id, by_uid, start_ms, end_ms, recurring, deleted, duty_role, "
                "event) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    event.event_id,
                    conversation_id,
                    version.stamp.clock,
                    version.stamp.device,
                    version.stamp.change_id,
                    version.by,
                    int(event.start.timestamp() * 1000),
                    int(event.end.timestamp() * 1000),
                    int(event.rrule is not None),
                    int(event.deleted),
                    event.duty_role,
                    to_json(event),
                ),
            )
        return True

    def events(self, conversation_id: str | None = None) -> list[tuple[str, CalendarEvent]]:
        """(conversation id, event) of the live events, of one conversation or of all."""
        where = "deleted = 0" + ("" if conversation_id is None else " AND conversation_id = ?")
        params = () if conversation_id is None else (conversation_id,)
        rows = self._db.query(
            f"SELECT conversation_id, event FROM calendar_versions WHERE {where} "
            "ORDER BY start_ms, event_id",
            params,
        )
        return [(str(c), from_json(str(e))) for c, e in rows]

    def conversation_of(self, event_id: str) -> str | None:
        value = self._db.scalar(
            "SELECT conversation_id FROM calendar_versions WHERE event_id = ?", (event_id,)
        )
        return None if value is None else str(value)

    def duty_events(self, role: str) -> list[CalendarEvent]:
        rows = self._db.query(
            "SELECT event FROM calendar_versions WHERE duty_role = ? AND deleted = 0", (role,)
        )
        return [from_json(str(r[0])) for r in rows]

    def highest_clock(self, conversation_id: str) -> int:
        value = self._db.scalar(
            "SELECT max(clock) FROM calendar_versions WHERE conversation_id = ?",
            (conversation_id,),
        )
        return int(value or 0)


def to_json(event: CalendarEvent) -> str:
    raw: dict[str, Any] = {
        "event_id": event.event_id,
        "title": event.title,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "all_day": event.all_day,
        "location": event.location,
        "notes": event.notes,
        "participants": list(event.participants),
        "rrule": event.rrule,
        "duty_role": event.duty_role,
        "duty_holder": event.duty_holder,
        "deleted": event.deleted,
        "zone": event.zone,
        "exdates": [d.isoformat() for d in event.exdates],
    }
    return json.dumps(raw, ensure_ascii=False)


def from_json(text: str) -> CalendarEvent:
    raw: dict[str, Any] = json.loads(text)
    raw["start"] = datetime.fromisoformat(raw["start"])
    raw["end"] = datetime.fromisoformat(raw["end"])
    raw["participants"] = tuple(raw["participants"])
    raw["exdates"] = tuple(datetime.fromisoformat(d) for d in raw.get("exdates", ()))
    return in_zone(CalendarEvent(**raw))  # rows before the zone was kept have none
