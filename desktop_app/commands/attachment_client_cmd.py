"""`wardlink client save-attachment | export | refetch-attachment`: files out of WardLink.

Saving and exporting write plaintext outside the container, so both ask the machine
policy (``export_allowed``) first and say on stderr that the file is not encrypted; an
export is also recorded in the relay's audit and the local export log (services/export.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app.commands.id_args import add_id_argument, add_id_option
from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.domain.model import AttachmentState
from desktop_app.protocol import ExportKind
from desktop_app.services import export
from desktop_app.services.messenger import Messenger
from desktop_app.services.policy import DEFAULT_EXPORT_ALLOWED, effective, load_policy

Runner = Callable[..., Callable[[argparse.Namespace], int]]
NOT_ENCRYPTED_NOTE = (
    "Note: the exported file is NOT encrypted. Keep it only where patient data may be stored."
)


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner) -> None:
    p = actions.add_parser("save-attachment", help="export an attachment (explicit action)")
    add_id_argument(p, "message_id", "the message's id (history --json shows it)")
    add_id_argument(p, "attachment_id", "the attachment's id (history --json shows it)")
    p.add_argument("path", type=Path)
    p.set_defaults(handler=run(_save_attachment, online=False))

    p = actions.add_parser(
        "export", help="export a conversation or one message for the patient record"
    )
    add_id_argument(p, "conversation", "the conversation's id")
    p.add_argument("--format", choices=[k.value for k in ExportKind], required=True)
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    add_id_option(
        p, "--message", "message", metavar="MESSAGE_ID", help="only this message (history --json)"
    )
    p.set_defaults(handler=run(_export))

    p = actions.add_parser(
        "refetch-attachment", help="download again an attachment whose download failed"
    )
    add_id_argument(p, "message_id", "the message's id (history --json shows it)")
    add_id_argument(p, "attachment_id", "the attachment's id (history --json shows it)")
    p.set_defaults(handler=run(_refetch_attachment))


async def _save_attachment(m: Messenger, args: argparse.Namespace) -> int:
    rules = load_policy()
    if not effective(rules.export_allowed, None, DEFAULT_EXPORT_ALLOWED):
        print(
            "wardlink: saving files outside WardLink is switched off by your IT department "
            "(policy export_allowed); nothing was written.",
            file=sys.stderr,
        )
        return 1
    attachments = m.s.container.attachments.for_message(MessageId(args.message_id))
    if not any(a.attachment_id == args.attachment_id for a in attachments):
        print("wardlink: no such attachment in this message", file=sys.stderr)
        return 1
    print(NOT_ENCRYPTED_NOTE, file=sys.stderr)
    size = m.s.container.attachments.export(AttachmentId(args.attachment_id), args.path)
    print(f"saved {size} bytes to {args.path}")
    return 0


async def _export(m: Messenger, args: argparse.Namespace) -> int:
    """Policy, relay audit and local export log: services/export.py."""
    allowed = effective(load_policy().export_allowed, None, DEFAULT_EXPORT_ALLOWED)
    try:
        result = await export.export_to_file(
            m.s,
            args.conversation,
            ExportKind(args.format),
            args.out,
            allowed=allowed,
            message_id=args.message,
        )
    except export.ExportRefused as exc:
        print(f"wardlink: {exc}", file=sys.stderr)
        return 1
    print(NOT_ENCRYPTED_NOTE, file=sys.stderr)
    print(
        f"exported {result.messages} message(s) and {result.attachments} attachment(s) "
        f"as {result.kind.value} to {result.path} ({result.size} B)"
    )
    return 0


async def _refetch_attachment(m: Messenger, args: argparse.Namespace) -> int:
    attachment = await m.refetch(args.message_id, args.attachment_id)
    if attachment.state is AttachmentState.FAILED:
        print(f"wardlink: still failed: {attachment.failure}", file=sys.stderr)
        return 1
    print(f"stored {attachment.attachment_id}: {attachment.file_name} ({attachment.size} B)")
    return 0
