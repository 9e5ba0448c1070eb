"""Key image notes: which slice of which study a received KOS reply points at.

The KOS replies to the study's message, so the study is that message's study
attachment; the slice is found by SOP Instance UID, one series at a time (each read
from the decrypted stream and dropped again), headers only.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.domain.model import Attachment
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.key_image import read_key_image
from desktop_app.medical.loading import read_dataset
from desktop_app.services import annotated, studies
from desktop_app.services.errors import ClientError
from desktop_app.storage.container import Container

MAX_NOTE_BYTES = 1 << 20  # a KOS is a few KB


@dataclass(frozen=True)
class KeySlice:
    """Open `study` at series `series`, slice `index`."""

    study: Attachment
    series: int
    index: int


def _uid(data: bytes) -> str:
    try:
        return str(read_dataset(data, with_pixels=False).get("SOPInstanceUID", ""))
    except MedicalError:
        return ""


def locate(container: Container, attachment_id: AttachmentId, message_id: MessageId) -> KeySlice:
    """The study slice a KOS attachment flags; ClientError says why it cannot be shown."""
    try:
        note = read_key_image(annotated.read_all(container, attachment_id, MAX_NOTE_BYTES))
    except MedicalError as exc:
        raise ClientError(str(exc), key="key_image_unreadable") from exc
    message = container.messages.get(message_id)
    # Only a study of the note's own conversation: a modified client may name another
    # chat's (another patient's) study as the message its note answers.
    target = None if message is None else annotated.replied_to(container, message)
    found = [] if target is None else container.attachments.for_message(target)
    study = next((a for a in found if studies.is_study(a)), None)
    if study is None:
        raise ClientError(
            "The study this key image belongs to is not on this PC.", key="key_image_no_study"
        )
    manifest = studies.manifest(container, study.attachment_id)
    for series in range(len(manifest.series)):
        _, files = studies.series_files(container, study.attachment_id, series)
        for index, data in enumerate(files):
            if _uid(data) == note.sop_instance_uid:
                return KeySlice(study, series, index)
    raise ClientError("The flagged image is not in this study.", key="key_image_not_in_study")
