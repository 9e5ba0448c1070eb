"""`wardlink demo`: a demo container with a ward chat, until the GUI takes over `make run`."""

from __future__ import annotations

import argparse
import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from desktop_app.domain.ids import ConversationId, Uid, new_conversation_id, new_message_id
from desktop_app.domain.model import Conversation, ConversationKind, Message, MessageState, Person
from desktop_app.resource_files import resources_dir
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.timeutil import utc_now

DEMO_PASSPHRASE = "demo-station-3b"  # noqa: S105 (demo data, printed to the user)
DEFAULT_DEMO_PROFILE = Path("demo-profile")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="create and show a demo container with a ward chat")
    demo.add_argument("--profile", type=Path, default=DEFAULT_DEMO_PROFILE, metavar="DIR")
    demo.add_argument("--search", default="EKG", help="a word to search for in the demo")
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    data = json.loads((resources_dir() / "demo" / "ward_chat.json").read_text("utf-8"))
    if Container.read_keyslot_or_none(args.profile) is None:
        me = data["me"]
        owner = Owner(me["display_name"], me["department"], me["uid"])
        with Container.create(args.profile, DEMO_PASSPHRASE, owner) as container:
            _fill(container, data)
        print(f"Created a demo container in {args.profile}/ (passphrase: {DEMO_PASSPHRASE})")
    with Container.open(args.profile, DEMO_PASSPHRASE) as container:
        _show(container, data, args.search)
    print()
    print("The desktop app arrives with the GUI issue; this demo shows the encrypted store.")
    return 0


def _fill(container: Container, data: dict[str, Any]) -> None:
    now = utc_now()
    names = {data["me"]["uid"]: data["me"]["display_name"]}
    for p in data["people"]:
        container.peers.upsert_person(
            Person(Uid(p["uid"]), p["display_name"], p["title"], p["department"], p["ward"])
        )
        names[p["uid"]] = p["display_name"]
    for conv in data["conversations"]:
        first = max(m["minutes_ago"] for m in conv["messages"])
        cid = new_conversation_id()
        container.conversations.create(
            Conversation(
                cid,
                ConversationKind(conv["kind"]),
                conv["title"],
                now - timedelta(minutes=first + 1),
                tuple(Uid(u) for u in conv["members"]),
            )
        )
        for m in conv["messages"]:
            mine = m["from"] == data["me"]["uid"]
            message = Message(
                message_id=new_message_id(),
                conversation_id=cid,
                sender_uid=Uid(m["from"]),
                sent_at=now - timedelta(minutes=m["minutes_ago"]),
                body=m["text"],
                state=MessageState.DELIVERED if mine else MessageState.RECEIVED,
                urgent=bool(m.get("urgent")),
            )
            container.messages.add(message)
            if "attachment" in m:
                body = (resources_dir() / "demo" / m["attachment"]).read_bytes()
                container.attachments.add(
                    message.message_id, m["attachment"], "text/plain", io.BytesIO(body)
                )


def _show(container: Container, data: dict[str, Any], search: str) -> None:
    names = {p["uid"]: p["display_name"] for p in data["people"]}
    names[data["me"]["uid"]] = "Ich"
    print(f"{data['organisation']} — {container.slot.owner.display_name}")
    for summary in container.conversations.recent():
        conv = summary.conversation
        print(f"\n== {conv.title} ({summary.unread} ungelesen) ==")
        page = container.messages.page(ConversationId(conv.conversation_id), limit=20)
        for message in reversed(page.messages):
            urgent = " [DRINGEND]" if message.urgent else ""
            when = message.sent_at.astimezone().strftime("%H:%M")
            sender = names.get(message.sender_uid, message.sender_uid)
            print(f"  {when} {sender}{urgent}: {message.body}")
            for att in container.attachments.for_message(message.message_id):
                print(f"        📎 {att.file_name} ({att.size} B, {att.mime_type})")
    hits = container.messages.search(search)
    print(f"\nSearch '{search}': {len(hits)} hit(s)")
    for hit in hits:
        print(f"  {hit.snippet}")
