"""`wardlink client … react | edit | delete --for-everyone`, and what history/sync print
about replies, reactions, edits and deletions (services/message_events.py)."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import Any

from desktop_app.commands.id_args import add_id_argument
from desktop_app.domain import system_lines
from desktop_app.domain.model import Message, MessageKind
from desktop_app.protocol.content import REACTIONS
from desktop_app.services.forwarding import forward
from desktop_app.services.message_events import quoted
from desktop_app.services.messenger import Messenger
from desktop_app.services.policy import forward_allowed, load_policy
from desktop_app.services.video import stored_video
from desktop_app.services.voice import stored_voice
from desktop_app.storage.container import Container

QUOTE_CHARS = 120  # of the original shown with a reply
Runner = Callable[..., Callable[[argparse.Namespace], int]]
Action = Callable[[Messenger, argparse.Namespace], Awaitable[int]]


def register_client_conversation(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    p = actions.add_parser("react", help="react to a message (again: change; --remove)")
    add_id_argument(p, "message_id", "the message's id (history --json shows it)")
    p.add_argument("emoji", nargs="?", choices=REACTIONS, help=" ".join(REACTIONS))
    p.add_argument("--remove", action="store_true", help="remove my reaction")
    p.set_defaults(handler=run(_react))

    p = actions.add_parser(
        "forward", help="forward a message (and its files) to a uid or conversation"
    )
    add_id_argument(p, "message_id", "the message's id (history --json shows it)")
    add_id_argument(p, "to", "a uid or a conversation id")
    p.set_defaults(handler=run(_forward, offline_ok=True))

    p = actions.add_parser("pin", help="pin a message on top of its conversation (at most 3)")
    add_id_argument(p, "message_id", "the message's id (history --json shows it)")
    p.add_argument("--remove", action="store_true", help="unpin it")
    p.set_defaults(handler=run(_pin))

    p = actions.add_parser("edit", help="change the text of one of my messages, for everyone")
    add_id_argument(p, "message_id", "the message's id (history --json shows it)")
    p.add_argument("text")
    p.set_defaults(handler=run(_edit))


def delete_for_everyone(m: Messenger, args: argparse.Namespace) -> Awaitable[int]:
    return _delete_for_everyone(m, args)


async def _react(m: Messenger, args: argparse.Namespace) -> int:
    if args.remove == (args.emoji is not None):
        raise SystemExit("wardlink: give an EMOJI or --remove, not both")
    await m.events.react(args.message_id, None if args.remove else args.emoji)
    print(
        f"{'removed my reaction to' if args.remove else 'reacted ' + args.emoji + ' to'} "
        f"{args.message_id}"
    )
    return 0


async def _edit(m: Messenger, args: argparse.Namespace) -> int:
    await m.events.edit(args.message_id, args.text)
    print(f"edited {args.message_id}")
    return 0


async def _delete_for_everyone(m: Messenger, args: argparse.Namespace) -> int:
    await m.events.delete_for_everyone(args.message_id)
    print(f"deleted message {args.message_id} for everyone")
    return 0


def message_fields(container: Container, m: Message) -> dict[str, Any]:
    """The JSON of one message for history/sync: a deleted one keeps no text, no files."""
    deleted = m.deleted_at is not None
    if deleted:
        text = ""
    elif m.kind is MessageKind.SYSTEM:
        text = system_lines.english(m.body)
    else:
        text = m.body
    versions = container.events.versions(m.message_id)
    fields: dict[str, Any] = {
        "id": m.message_id,
        "conversation": m.conversation_id,
        "sender": m.sender_uid,
        "sender_device": m.sender_device,
        "sent": m.sent_at.isoformat(),
        "kind": m.kind.value,
        "urgent": m.urgent,
        "escalate_to": m.escalate_to,
        "text": text,
        "reply_to": m.reply_to,
        "reactions": container.events.reactions(m.message_id),
        "edited": m.edited_at is not None,
        "edits": [{"text": v.text, "at_ms": v.at_ms} for v in versions],
        "deleted": deleted,
        "forwarded": m.forwarded,
        "mentions": list(m.mentions),
        "pinned": m.message_id in container.events.pinned(m.conversation_id),
    }
    if deleted:
        fields["notice"] = system_lines.english(m.body)  # "Message deleted by X at HH:MM."
    voice = None if deleted else stored_voice(container, m.message_id)
    if voice is not None:  # measured from the audio, not from what the sender claims
        fields["duration_ms"] = voice.duration_ms
    video = None if deleted else stored_video(container, m.message_id)
    if video is not None:  # measured here from the clip's own packets
        fields["duration_ms"] = video.duration_ms
        fields["video"] = {
            "width": video.width,
            "height": video.height,
            "codec": video.codec,
            "audio": video.has_audio,
        }
    original = quoted(container, m)
    if m.reply_to is not None:  # what the quote shows; a deleted original shows as deleted
        gone = original is None or original.deleted_at is not None
        fields["quote"] = {
            "sender": None if original is None else original.sender_uid,
            "snippet": "" if gone or original is None else original.body[:QUOTE_CHARS],
            "deleted": original is not None and original.deleted_at is not None,
        }
    return fields


async def _forward(m: Messenger, args: argparse.Namespace) -> int:
    allowed = forward_allowed(load_policy())
    copy = await forward(m, args.message_id, args.to, allowed=allowed)
    print(f"forwarded {copy.message_id} {copy.conversation_id} {copy.state.value}")
    return 0


async def _pin(m: Messenger, args: argparse.Namespace) -> int:
    await m.events.pin(args.message_id, not args.remove)
    print(f"{'unpinned' if args.remove else 'pinned'} {args.message_id}")
    return 0
