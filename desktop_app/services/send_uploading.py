"""A message with files sent while connected: each file sealed and uploaded in one pass.

``Messenger.compose`` then ``deliver_queued`` encrypt every file into the blob store
first (the relay idle meanwhile) and read the ciphertext back to upload it: two passes
over each body. Where the message goes out at once (``deliver=True``: the headless
client, a script), each file is instead sealed and sent in one pass
(services/sealed_upload.py) and the message is stored with its files already on the
relay, then sent like any other.

If the relay fails on the way (the link lost, a refusal such as a full quota, a blob id
it holds already), the local copies made so far are dropped and ``None`` tells the
caller to take the general path: the message stored with its files, QUEUED, and sent
when the relay takes it, with the same refusal then. A file that is too large, cannot
be read (FileUnusable, services/chosen_file.py) or changes while it is sent fails as on
the general path. A crash meanwhile
keeps nothing: the message is stored only after its last file was uploaded, and the
command that sent it has failed.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from desktop_app.domain.ids import new_attachment_id, new_blob_id
from desktop_app.domain.model import Attachment, Message
from desktop_app.protocol.limits import MAX_BLOB_SIZE
from desktop_app.services import addressing
from desktop_app.services.attachments import UPLOAD_CHUNK, guess_mime
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.errors import AttachmentFailed, RelayRefused, RelayUnavailable
from desktop_app.services.sealed_upload import seal_and_upload
from desktop_app.storage.blobs import StoredBlob

if TYPE_CHECKING:
    from desktop_app.services.messenger import Messenger

# The relay's side of a failed upload; the general path tries again with a new blob.
RELAY_SIDE = frozenset({"blob_id_taken", "relay_stored_else"})


@dataclass(frozen=True, slots=True)
class _Uploaded:
    attachment: Attachment
    stored: StoredBlob
    blob_id: str


async def compose_uploaded(
    m: Messenger,
    to: str,
    text: str,
    files: list[Path | tuple[str, bytes]],
    *,
    urgent: bool,
    reply_to: str | None,
) -> Message | None:
    """The new message stored (QUEUED) with every file already uploaded, or None if the
    relay failed on the way (nothing kept: take ``compose``)."""
    s = m.s
    link = s.require_link()
    message, _state = await addressing.new_message(m, to, text, urgent=urgent, reply_to=reply_to)
    done: list[_Uploaded] = []
    try:
        for item in files:
            attachment_id = new_attachment_id()
            blob_id = new_blob_id()
            with _opened(item) as (name, source, size):
                stored = await seal_and_upload(
                    s.container, link, source, size, blob_id, attachment_id, UPLOAD_CHUNK
                )
            attachment = Attachment(
                attachment_id, message.message_id, name, guess_mime(Path(name)), stored.size,
                stored.sha256,
            )  # fmt: skip
            done.append(_Uploaded(attachment, stored, blob_id))
        with s.container.database.atomic():  # the message and its files: one commit
            s.container.messages.add(message)
            for up in done:
                s.container.attachments.register(up.attachment, up.stored, up.blob_id)
    except (RelayUnavailable, RelayRefused, AttachmentFailed) as exc:
        _drop(m, done)
        if isinstance(exc, AttachmentFailed) and exc.key not in RELAY_SIDE:
            raise
        return None
    except BaseException:
        _drop(m, done)  # a full disk, cancelled: no body without its row
        raise
    return message


def _drop(m: Messenger, done: list[_Uploaded]) -> None:
    """The local copies of what was uploaded (the relay drops blobs nobody names)."""
    for up in done:
        m.s.container.blobs.delete(up.stored.name)


@contextmanager
def _opened(item: Path | tuple[str, bytes]) -> Iterator[tuple[str, BinaryIO, int]]:
    """A file's name, its plaintext to read and its size; the size limit as ``store_file``."""
    if isinstance(item, Path):
        with chosen_file(item):  # gone, not allowed, a folder: named, not the OS's words
            fh = item.open("rb")
        with fh:
            size = os.fstat(fh.fileno()).st_size
            _check_size(item.name, size)
            yield item.name, fh, size
        return
    name, data = item
    _check_size(name, len(data))
    yield name, io.BytesIO(data), len(data)


def _check_size(name: str, size: int) -> None:
    if size > MAX_BLOB_SIZE:
        raise AttachmentFailed(
            f"{name} is larger than {MAX_BLOB_SIZE} bytes.", key="too_large", name=name
        )
