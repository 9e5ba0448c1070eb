"""Seed the demo's conversations by really sending them, end to end, through the relay.

Nothing is written into a container behind the protocol's back: both demo people
connect with the headless client (``ClientSession`` + ``Messenger``), and the script in
``resources/demo/ward_chat.json`` is played as they would type it: the nurse reports
chest pain (one message urgent), sends a resting ECG, the physician answers with a
chest X-ray, the nurse posts the duty plan in the ward group and writes to the
"Dienstarzt Kardiologie" functional account; then the two add the ward's open tasks and
its duty calendar (the physician on a daily 24-hour shift, the handover at 14:00), so the
main window's duty line and "My tasks" have something to show. Both then sync, so each
container holds the whole morning when its window opens. A ``SceneClock`` backdates the messages to
the minutes the script names, so the chat reads like a morning on the ward.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_app.commands.demo_layout import DemoPerson, SeededConversation
from desktop_app.domain.calendar import CalendarEvent
from desktop_app.domain.ids import ConversationId, Uid
from desktop_app.domain.model import MessageKind, Person
from desktop_app.resource_files import resources_dir
from desktop_app.services.conversations import resolve
from desktop_app.services.errors import ClientError
from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.timeutil import utc_now

SCRIPT_NAME = "ward_chat.json"
XRAY_ROWS, XRAY_COLUMNS = 2048, 1664


class SceneClock:
    """The clients' clock during seeding: real time shifted back to the script's minute.

    Time still runs forward within a step (the real clock moves), and ``live`` returns
    to the present for the final sync.
    """

    def __init__(self, now: Callable[[], datetime] = utc_now) -> None:
        self._now = now
        self._shift = timedelta(0)

    def at(self, minutes_ago: float) -> None:
        self._shift = timedelta(minutes=minutes_ago)

    def live(self) -> None:
        self._shift = timedelta(0)

    def __call__(self) -> datetime:
        return self._now() - self._shift

    def ms(self) -> int:
        """The same time in milliseconds: the embedded relay's clock while seeding, so
        what it stamps (receive times, the group-created lines) falls in the scene."""
        return int(self().timestamp() * 1000)


@dataclass
class _Client:
    person: DemoPerson
    session: ClientSession
    messenger: Messenger


def load_script() -> dict[str, Any]:
    script: dict[str, Any] = json.loads((resources_dir() / "demo" / SCRIPT_NAME).read_text("utf-8"))
    return script


def write_samples(directory: Path, names: dict[str, str]) -> dict[str, Path]:
    """The generated DICOM files the script attaches, written where ``send_file`` reads."""
    from desktop_app.medical.samples import make_dx, make_resting_ecg, save  # pydicom/numpy

    return {
        "xray": save(make_dx(XRAY_ROWS, XRAY_COLUMNS), directory / names["xray"]),
        "ecg": save(make_resting_ecg(), directory / names["ecg"]),
    }


async def seed_conversations(
    people: tuple[DemoPerson, DemoPerson],
    containers: tuple[Container, Container],
    address: tuple[str, int],
    clock: SceneClock,
) -> tuple[SeededConversation, ...]:
    """Play the script between the two enrolled people; what the first one's container
    then holds. Raises ClientError if either container misses a message afterwards."""
    script = load_script()
    clients = {
        p.role: _Client(p, session, Messenger(session))
        for p, session in (
            (p, ClientSession(c, clock)) for p, c in zip(people, containers, strict=True)
        )
    }
    try:
        for client in clients.values():
            await client.messenger.connect(address)
        for client in clients.values():
            _add_contacts(client, [c.person.uid for c in clients.values() if c is not client])
        with tempfile.TemporaryDirectory(prefix="wardlink-demo-") as tmp:
            files = write_samples(Path(tmp), script["files"])
            group = await _play(script, clients, clock, files)
        clock.live()
        await _teamwork(script, clients, group)
        first, second = clients["FIRST"], clients["SECOND"]
        for client in (second, first, second):  # each takes in what the other sent last
            await client.messenger.sync()
        expected = _expected_counts(script)
        summary = _summarise(first.session.container)
        _check(summary, expected, first.person)
        _check(_summarise(second.session.container), expected, second.person)
        return summary
    finally:
        for client in clients.values():
            await client.session.close()


async def _play(
    script: dict[str, Any],
    clients: dict[str, _Client],
    clock: SceneClock,
    files: dict[str, Path],
) -> ConversationId | None:
    """Send the script's messages; the ward group's id (made by its first message)."""
    group: ConversationId | None = None
    previous = ""
    for step in script["messages"]:
        sender = clients[step["from"]]
        if previous and previous != step["from"]:
            await sender.messenger.sync()  # read the other's messages before answering
        previous = step["from"]
        clock.at(float(step["minutes_ago"]))
        to = step["to"]
        if to == "group":
            if group is None:
                others = [c.person.uid for c in clients.values() if c is not sender]
                group = await sender.messenger.create_group(script["group"], others)
            target = str(group)
        else:
            target = clients[to].person.uid if to in clients else to
        # Whoever answers has read the chat: no "unread" divider above one's own reply.
        container = sender.session.container
        container.conversations.mark_read(resolve(container, sender.person.uid, target))
        attachment = step.get("attachment")
        if attachment:
            path = files.get(attachment) or resources_dir() / "demo" / attachment
            await sender.messenger.send_file(target, path, step["text"])
        else:
            await sender.messenger.send_text(target, step["text"], urgent=bool(step.get("urgent")))
    return group


async def _teamwork(
    script: dict[str, Any], clients: dict[str, _Client], group: ConversationId | None
) -> None:
    """The ward's open tasks and duty calendar, sent as the two people would add them."""

    def where(step: dict[str, Any]) -> str:
        if step["in"] != "group" or group is None:
            raise ClientError(f"demo script: tasks and events go into the group, not {step['in']}")
        return str(group)

    def who(name: str) -> str:
        return clients[name].person.uid if name in clients else name

    now = datetime.now().astimezone()
    for step in script.get("tasks", ()):
        due = now + timedelta(minutes=float(step["due_in_minutes"]))
        await clients[step["from"]].messenger.teamwork.add_task(
            where(step),
            step["title"],
            assignee=who(step["assign"]),
            due_ms=int(due.timestamp() * 1000),
            urgent=bool(step.get("urgent")),
            items=tuple(step.get("items", ())),
        )
    yesterday = now - timedelta(days=1)
    for step in script.get("calendar", ()):
        hour, minute = (int(part) for part in step["start"].split(":"))
        start = yesterday.replace(hour=hour, minute=minute, second=0, microsecond=0)
        event = CalendarEvent(
            event_id=uuid.uuid4().hex,
            title=step["title"],
            start=start,
            end=start + timedelta(hours=float(step["hours"])),
            location=step.get("location", ""),
            rrule=step.get("rrule"),
            duty_role=step.get("duty"),
            duty_holder=who(step["holder"]) if "holder" in step else None,
        )
        await clients[step["from"]].messenger.teamwork.add_event(where(step), event)


def _add_contacts(client: _Client, uids: list[str]) -> None:
    """Keep the other demo person as a contact, named from the verified directory copy,
    so conversations and notices show "Dr. Ben Yılmaz" rather than a uid."""
    for uid in uids:
        entry = client.session.directory.get(uid)
        if entry is not None:
            person = Person(Uid(uid), entry.cn, entry.title, entry.department, entry.ward)
            client.session.container.peers.upsert_person(person)


def _expected_counts(script: dict[str, Any]) -> dict[str, int]:
    """Messages per script target ('SECOND' and 'FIRST' are the same 1:1 chat)."""
    counts: dict[str, int] = {}
    for step in script["messages"]:
        key = "direct" if step["to"] in ("FIRST", "SECOND") else step["to"]
        counts[key] = counts.get(key, 0) + 1
    return counts


def _summarise(container: Container) -> tuple[SeededConversation, ...]:
    out = []
    for summary in container.conversations.recent():
        conv = summary.conversation
        page = container.messages.page(conv.conversation_id, limit=200)
        texts = [m for m in page.messages if m.kind is MessageKind.TEXT]
        names = tuple(
            a.file_name
            for m in reversed(texts)
            for a in container.attachments.for_message(m.message_id)
        )
        out.append(SeededConversation(conv.title, conv.kind.value, len(texts), names))
    return tuple(out)


def _check(
    summary: tuple[SeededConversation, ...], expected: dict[str, int], person: DemoPerson
) -> None:
    have = sorted(c.messages for c in summary)
    want = sorted(expected.values())
    if have != want:
        raise ClientError(
            f"seeding the demo conversations did not finish for {person.name}: "
            f"messages per conversation {have}, expected {want}; run 'wardlink demo --fresh'"
        )
