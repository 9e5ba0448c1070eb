"""How the headless client prints messages: one line each, or one JSON object each."""

from __future__ import annotations

import json

from desktop_app.commands.conversation_client_cmd import message_fields
from desktop_app.commands.terminal_text import continued
from desktop_app.domain import system_lines
from desktop_app.domain.model import Attachment, AttachmentState, Message, MessageKind
from desktop_app.services.messenger import Messenger
from desktop_app.services.video import is_video
from desktop_app.services.voice import is_voice


def attachment_kind(file_name: str) -> str:
    """What the receiving app makes of a file: "video", "voice" or "file"."""
    if is_video(file_name):
        return "video"
    return "voice" if is_voice(file_name) else "file"


def print_messages(messages: list[Message], as_json: bool, messenger: Messenger) -> None:
    for m in messages:
        atts = messenger.s.container.attachments.for_message(m.message_id)
        if as_json:
            print(
                json.dumps(
                    {
                        **message_fields(messenger.s.container, m),
                        "attachments": [
                            {
                                "id": a.attachment_id,
                                "kind": attachment_kind(a.file_name),
                                "name": a.file_name,
                                "size": a.size,
                                "mime": a.mime_type,
                                "state": a.state.value,
                                "failure": a.failure,
                            }
                            for a in atts
                        ],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            urgent = " [DRINGEND]" if m.urgent else ""
            when = m.sent_at.astimezone().strftime("%Y-%m-%d %H:%M")
            text = system_lines.english(m.body) if m.kind is MessageKind.SYSTEM else m.body
            print(f"{when} [{m.conversation_id}] {m.sender_uid}{urgent}: {continued(text)}")
            for a in atts:
                print(
                    f"    attachment {a.attachment_id}: {a.file_name} ({a.size} B, {a.mime_type})"
                    + _failed_note(m, a)
                )


def _failed_note(m: Message, a: Attachment) -> str:
    if a.state is not AttachmentState.FAILED:
        return ""
    return (
        f" FAILED: {a.failure} Retry: wardlink client refetch-attachment "
        f"{m.message_id} {a.attachment_id}"
    )


def print_read(messages: list[Message], as_json: bool, m: Messenger) -> None:
    """Printed is read: disappearing messages count from here (services/ephemeral.py)."""
    print_messages(messages, as_json, m)
    for cid in {message.conversation_id for message in messages}:
        m.ephemeral.mark_read(cid)
