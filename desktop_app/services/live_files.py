"""The GUI's view of a conversation's team files (services/documents.py), ready to show.

Runs on the bridge's asyncio thread like ``LiveTeamwork``: uploads take the client's
ratchet lock (``busy``, they encrypt with Megolm), reads return rows with names already
resolved. Opening gives the plaintext in memory for the built-in viewers; nothing is
written to disk except by an export, which the GUI asks for through the chat's exporter
(its warning and the export policy).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.medical.deidentify import DeidWarning, deidentify
from desktop_app.services.attachments import guess_mime
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.documents import DocumentRefused, Documents
from desktop_app.storage.atomic import atomic_output
from desktop_app.storage.timeutil import from_ms

MAX_OPEN_BYTES = 512 * 1024 * 1024  # larger documents are for export, not for memory


@dataclass(frozen=True, slots=True)
class VersionRow:
    version: int
    by_name: str
    at: datetime
    size: int
    shared_by_name: str  # "" when Megolm proved the author sent it
    held: bool = True  # its body is on this PC (else it is fetched when opened)
    failed: bool = False  # not here because fetching it failed: "tap to try again"
    failure: str = ""  # why (a DocumentRefused key, kept in the container); "": not known


@dataclass(frozen=True, slots=True)
class FileRow:
    """A document (every version, newest last) or a file shared in the chat."""

    name: str
    folder: str  # "" for documents at the top and for chat files
    document_id: str | None  # None: a chat attachment
    attachment: Attachment | None  # the chat file, for the chat's opener
    versions: tuple[VersionRow, ...]

    @property
    def latest(self) -> VersionRow:
        return self.versions[-1]


class LiveFiles:
    def __init__(
        self, documents: Documents, busy: asyncio.Lock, name: Callable[[str], str]
    ) -> None:
        self.documents = documents
        self._busy = busy
        self._name = name

    def rows(self, conversation: str, search: str = "") -> list[FileRow]:
        """Documents by folder and name, then chat files oldest first."""
        found = self.documents.files(conversation, search)
        unfetched = self.documents.s.container.documents.unfetched(conversation)
        rows = [
            FileRow(
                d.name,
                d.folder,
                d.document_id,
                None,
                tuple(
                    VersionRow(
                        v.version,
                        self._name(v.author),
                        from_ms(v.at_ms),
                        v.size,
                        "" if v.vouched_by is None else self._name(v.vouched_by),
                        v.body_file is not None,
                        (v.document_id, v.version) in unfetched,
                        unfetched.get((v.document_id, v.version), ""),
                    )
                    for v in d.versions
                ),
            )
            for d in found.documents
        ]
        for a in found.attachments:
            attachments = self.documents.s.container.attachments.for_message(
                MessageId(a.message_id)
            )
            held = next((x for x in attachments if x.attachment_id == a.attachment_id), None)
            failed = held is not None and held.state is AttachmentState.FAILED
            version = VersionRow(
                1, self._name(a.by), from_ms(a.at_ms), a.size, "", not failed, failed
            )
            rows.append(FileRow(a.name, "", None, held, (version,)))
        return rows

    async def put(self, conversation: str, path: Path, folder: str = "") -> int:
        """Upload a file as a document or its next version; returns the version number."""
        async with self._busy:
            return (await self.documents.put(conversation, path, folder)).version

    async def fetch(self, conversation: str, name: str, folder: str, version: int) -> None:
        """Try again to fetch a version's body that did not come (no ratchet work, so
        without ``busy``, like opening)."""
        await self.documents.fetch(conversation, name, version, folder)

    async def restore(self, conversation: str, name: str, folder: str, version: int) -> int:
        async with self._busy:
            return (await self.documents.restore(conversation, name, version, folder)).version

    async def export_copy(
        self,
        conversation: str,
        name: str,
        folder: str,
        version: int,
        destination: Path,
        remove_identifiers: bool,
    ) -> tuple[DeidWarning, ...]:
        """Write a version's plaintext to ``destination`` (the GUI asked and checked the
        policy); DICOM optionally de-identified. Returns de-identification warnings."""
        if not remove_identifiers:
            await self.documents.export(conversation, name, destination, version, folder)
            return ()
        _described, data = await self.document_bytes(conversation, name, folder, version)
        result = deidentify(data)
        with chosen_file(destination, saving=True), atomic_output(destination) as fh:
            fh.write(result.data)
        return result.warnings

    async def document_bytes(
        self, conversation: str, name: str, folder: str, version: int
    ) -> tuple[Attachment, bytes]:
        """A version's plaintext in memory, with an attachment-like description of it
        (the chat's opener picks the viewer by name, type and content)."""
        chosen, chunks = await self.documents.open(conversation, name, version, folder)
        if chosen.size > MAX_OPEN_BYTES:
            raise DocumentRefused(
                f"{name} is too large to open here; export it instead.",
                key="open_too_large",
                name=name,
            )
        described = Attachment(
            AttachmentId(chosen.document_id),
            MessageId(""),
            chosen.name,
            guess_mime(Path(chosen.name)),
            chosen.size,
            chosen.sha256,
        )
        return described, b"".join(chunks)
