"""Export a conversation or one message for the patient record (PDF or FHIR R4).

The one path for the GUI and ``wardlink client export``. In order:

1. the policy: ``export_allowed`` (services/policy.py) must allow it, else ``ExportRefused``;
2. the document is built in memory from the container (text, senders, times,
   attachments up to ``MAX_EMBED_BYTES`` with their SHA-256);
3. the relay audit is told (``ReportExport``: kind and count, no content); without a
   relay connection nothing is exported, so no export escapes the relay's audit;
4. the file is written atomically (no partial file on failure);
5. the local export log in the container records who, what, when and where to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain import system_lines
from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.domain.model import AttachmentState, Message, MessageKind
from desktop_app.protocol import ExportKind, ExportRecorded, ReportExport
from desktop_app.services import conversations
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.errors import ClientError
from desktop_app.services.export_fhir import render_fhir
from desktop_app.services.export_model import (
    MAX_EMBED_BYTES,
    ExportDocument,
    ExportedAttachment,
    ExportedMessage,
)
from desktop_app.services.export_pdf import render_pdf
from desktop_app.services.session import ClientSession
from desktop_app.storage.atomic import atomic_output
from desktop_app.storage.message_rows import MAX_PAGE_SIZE
from desktop_app.storage.sql_exports import ExportRecord
from desktop_app.storage.sql_messages import PageCursor

__all__ = ["ExportKind", "ExportRefused", "ExportResult", "collect", "export_to_file"]

REFUSED_BY_POLICY = (
    "Exporting from WardLink is switched off by your IT department (policy "
    "export_allowed); nothing was written."
)


class ExportRefused(ClientError):
    """The policy forbids exports, or the conversation or message is unknown."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    kind: ExportKind
    messages: int
    attachments: int
    size: int  # bytes written
    path: Path


def collect(
    session: ClientSession, conversation: str, message_id: str | None = None
) -> ExportDocument:
    """The export's content from the container, oldest message first."""
    container = session.container
    cid = ConversationId(conversation)
    found = container.conversations.get(cid)
    if found is None:
        raise ExportRefused(f"No conversation {conversation} on this PC.", key="no_conversation")
    if message_id is not None:
        one = container.messages.get(MessageId(message_id))
        if one is None or one.conversation_id != cid:
            raise ExportRefused(
                f"No message {message_id} in conversation {conversation}.", key="no_message"
            )
        messages = [one]
    else:
        messages = _all_messages(session, cid)
    return ExportDocument(
        conversation_id=cid,
        title=conversations.title_of(container, cid, session.uid, session.display_name),
        members=tuple(container.conversations.members(cid)),
        exported_by=session.uid,
        exported_from=session.device_id,
        exported_at=session.clock(),
        messages=tuple(_exported(session, m) for m in messages),
    )


async def export_to_file(
    session: ClientSession,
    conversation: str,
    kind: ExportKind,
    destination: Path,
    *,
    allowed: bool,
    message_id: str | None = None,
) -> ExportResult:
    """Export after the policy check, with the relay audit and the local export log."""
    if not allowed:
        raise ExportRefused(REFUSED_BY_POLICY, key="export_off")
    doc = collect(session, conversation, message_id)
    data = render_pdf(doc) if kind is ExportKind.PDF else render_fhir(doc)
    link = session.require_link()  # RelayUnavailable: no export without the relay audit
    reply = await link.request(ReportExport(link.ids.next(), kind, len(doc.messages)))
    assert isinstance(reply, ExportRecorded)
    with chosen_file(destination, saving=True), atomic_output(destination) as fh:
        fh.write(data)
    session.container.exports.add(
        ExportRecord(
            exported_at=doc.exported_at,
            uid=doc.exported_by,
            device_id=doc.exported_from,
            kind=kind.value,
            conversation_id=doc.conversation_id,
            message_id=message_id,
            messages=len(doc.messages),
            destination=str(destination.resolve()),
        )
    )
    attachments = sum(len(m.attachments) for m in doc.messages)
    return ExportResult(kind, len(doc.messages), attachments, len(data), destination)


def _all_messages(session: ClientSession, cid: ConversationId) -> list[Message]:
    out: list[Message] = []
    cursor: PageCursor | None = None
    while True:
        page = session.container.messages.page(cid, limit=MAX_PAGE_SIZE, before=cursor)
        out.extend(page.messages)
        cursor = page.next_cursor
        if cursor is None:
            return list(reversed(out))


def _exported(session: ClientSession, message: Message) -> ExportedMessage:
    attachments = session.container.attachments
    return ExportedMessage(
        message_id=message.message_id,
        sender_uid=message.sender_uid,
        sender_device=message.sender_device,
        sent_at=message.sent_at,
        # A system line is stored as a kind and names (domain/system_lines.py): the
        # record gets its sentence, not '{"k": "call_in", ...}'.
        text=system_lines.english(message.body)
        if message.kind is MessageKind.SYSTEM
        else message.body,
        urgent=message.urgent,
        attachments=tuple(
            ExportedAttachment(
                attachment_id=a.attachment_id,
                file_name=a.file_name,
                mime_type=a.mime_type,
                size=a.size,
                sha256=a.sha256,
                data=(
                    b"".join(attachments.read_chunks(a.attachment_id))
                    if a.state is AttachmentState.STORED and a.size <= MAX_EMBED_BYTES
                    else None
                ),
            )
            for a in attachments.for_message(message.message_id)
        ),
    )
