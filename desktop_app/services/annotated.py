"""Annotated images: a GSPS sent as a reply, and the original found again on receipt.

The GSPS carries only the SOP Instance UID of the image it annotates, never pixels.
The receiver's copy of the original is looked up in its own container: first among
the attachments of the message the GSPS replies to (where "Send annotated" puts it; only
if that message is in the same conversation),
then in the conversation's newer history, a bounded number of DICOM files, each
read only as far as its header.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain.ids import AttachmentId, ConversationId, MessageId
from desktop_app.domain.model import Attachment, AttachmentState, Message
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.loading import read_dataset
from desktop_app.medical.presentation_state import read_presentation
from desktop_app.storage.container import Container
from desktop_app.storage.errors import ContainerError

log = logging.getLogger("wardlink.medical")

# How many of the conversation's newest messages are searched for the original.
MAX_SEARCHED_MESSAGES = 500
# A header is read from at most this many bytes of each candidate file.
HEADER_BYTES = 256 * 1024
DICOM_MAGIC_OFFSET = 128


@dataclass(frozen=True)
class AnnotatedImage:
    """A received GSPS and the original it annotates (None: not in this container)."""

    presentation: bytes
    original: bytes | None
    original_uid: str


def _head(container: Container, attachment_id: AttachmentId) -> bytes:
    out = bytearray()
    for chunk in container.attachments.read_chunks(attachment_id):
        out += chunk
        if len(out) >= HEADER_BYTES:
            break
    return bytes(out)


def _uid_of(head: bytes) -> str | None:
    if head[DICOM_MAGIC_OFFSET : DICOM_MAGIC_OFFSET + 4] != b"DICM":
        return None
    try:
        ds = read_dataset(head, with_pixels=False)
    except MedicalError:
        return None
    return str(ds.get("SOPInstanceUID", "")) if "Rows" in ds else None


def replied_to(container: Container, message: Message) -> MessageId | None:
    """The message ``message`` answers, if it is here and in the SAME conversation: a
    modified client may name any message id, e.g. an image of another patient's chat."""
    if message.reply_to is None:
        return None
    original = container.messages.get(message.reply_to)
    if original is None:
        return None
    if original.conversation_id != message.conversation_id:
        log.warning(
            "message %s answers %s of another conversation: its files are not used",
            message.message_id,
            original.message_id,
        )
        return None
    return original.message_id


def _candidates(container: Container, message: Message) -> list[Attachment]:
    found: list[Attachment] = []
    target = replied_to(container, message)
    if target is not None:
        found.extend(container.attachments.for_message(target))
    page = container.messages.page(message.conversation_id, limit=MAX_SEARCHED_MESSAGES)
    for older in page.messages:
        if older.message_id not in (message.message_id, target):
            found.extend(container.attachments.for_message(older.message_id))
    return found


def read_all(container: Container, attachment_id: AttachmentId, limit: int) -> bytes:
    out = bytearray()
    for chunk in container.attachments.read_chunks(attachment_id):
        out += chunk
        if len(out) > limit:
            raise MedicalError("the original image is too large to open in the viewer")
    return bytes(out)


def find_annotated(
    container: Container, attachment_id: AttachmentId, message_id: MessageId, limit: int
) -> AnnotatedImage:
    """The GSPS attachment and its original; PresentationError if it is not a GSPS."""
    gsps = read_all(container, attachment_id, limit)
    state = read_presentation(gsps)
    message = container.messages.get(message_id)
    wanted = set(state.referenced)
    if message is not None:
        for candidate in _candidates(container, message):
            if candidate.attachment_id == attachment_id:
                continue
            try:
                uid = _uid_of(_head(container, candidate.attachment_id))
            except ContainerError:  # not downloaded here, or its body failed to decrypt
                continue
            if uid in wanted:
                original = read_all(container, candidate.attachment_id, limit)
                return AnnotatedImage(gsps, original, state.referenced[0])
    return AnnotatedImage(gsps, None, state.referenced[0])


@dataclass(frozen=True)
class ImageChoice:
    """A DICOM file of the chat history that can be compared with another."""

    attachment: Attachment
    sent_at: datetime


def image_history(
    container: Container, conversation_id: ConversationId, limit: int = MAX_SEARCHED_MESSAGES
) -> list[ImageChoice]:
    """The conversation's stored DICOM attachments, newest first (for "Compare with…")."""
    found = []
    for message in container.messages.page(conversation_id, limit=limit).messages:
        if message.deleted_at is not None:
            continue
        for attachment in container.attachments.for_message(message.message_id):
            dicom = (
                attachment.mime_type == "application/dicom"
                or attachment.file_name.lower().endswith(".dcm")
            )
            if dicom and attachment.state is AttachmentState.STORED:
                found.append(ImageChoice(attachment, message.sent_at))
    return found
