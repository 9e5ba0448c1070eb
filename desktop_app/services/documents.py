"""Team files: a conversation's documents with versions, and its chat attachments.

A version's body is an encrypted blob on the relay like an attachment's; its key and
hash travel in a ``DocumentVersion`` (protocol/content_files.py) to the members of that
moment, whose devices alone the relay then lets download it. A member removed before a
version was made is not among them, so later versions stay closed to them.

What a receiver keeps is decided by services/document_rules.py; the author is the uid
Megolm proved sent a version (the wire carries no author), and a shared version's time
counts up to when the relay took the envelope, like every time a peer puts in content.

New members: the adder's device sends each new member's devices the latest version of
every document in an Olm control (``files.share``). The relay lets only an uploader
grant its blob, and the original blob may have expired, so the adder uploads a copy of
the body's ciphertext (same key, new blob id) and grants that to the new member.

Bodies are fetched at receipt, like attachments, each version's once: a failure is
remembered with its time and tried again only after a back-off (at a later login) or
when the version is opened or shared, so versions naming blobs that do not exist cost
one relay request each, not one per later version. A body already held (the same key,
SHA-256 and size: it decrypts to exactly what such a version declares) is taken from
the blob store without a download, so one body named by many versions is kept once;
a version with the same blob id but another key or hash is fetched on its own and fails
on its own.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Final, cast

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.domain import bound_ids
from desktop_app.domain.ids import ConversationId, new_blob_id
from desktop_app.protocol import ErrorCode
from desktop_app.protocol import content as wire
from desktop_app.protocol.content_files import (
    CONTROL_NAME,
    FOLDER_MAX,
    MAX_SHARED,
    MAX_VERSION,
    DocumentShare,
    DocumentVersion,
    SharedVersion,
    decode_share,
    encode_share,
)
from desktop_app.protocol.limits import MAX_BLOB_SIZE
from desktop_app.services import attachments, document_rules, sealed_upload
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.errors import AttachmentFailed, ClientError, RelayRefused
from desktop_app.services.outgoing import Outgoing
from desktop_app.services.session import ClientSession
from desktop_app.storage.atomic import atomic_output
from desktop_app.storage.blobs import StoredBlob
from desktop_app.storage.sql_documents import Document, DocVersion, SharedAttachment
from desktop_app.storage.timeutil import peer_ms, to_ms

log = logging.getLogger("wardlink.documents")

# A body that could not be fetched is tried again at a login once this long has passed
# since its last failure, doubled per failure, up to BODY_TRIES failures (about 42 hours
# in all); opening or sharing the version always tries. At most BODY_RETRIES_AT_LOGIN
# bodies per login.
BODY_RETRY_FIRST_MS: Final = 10 * 60 * 1000
BODY_TRIES: Final = 8
BODY_RETRIES_AT_LOGIN: Final = 16
# The retries run in the login, before the mailbox is read: at most this many bytes of
# bodies there (larger ones wait for the next login with room, or for being opened), so
# a few failed CT series cannot hold back the messages waiting after a night's shift.
BODY_RETRY_BYTES_AT_LOGIN: Final = 32 * 1024 * 1024


class DocumentRefused(ClientError):
    """This document or version is not allowed (membership, ids, names, numbers), or
    its body cannot be had. The message is English (the CLI's); ``key`` names the reason
    for the GUI, which words it in the UI language (ui/error_text.py)."""


@dataclass(frozen=True, slots=True)
class Files:
    """The "Files" of a conversation: its documents and the files shared in its chat."""

    documents: list[Document]
    attachments: list[SharedAttachment]


class Documents:
    def __init__(self, session: ClientSession, outgoing: Outgoing | None = None) -> None:
        self.s = session
        self.outgoing = outgoing
        # Told of each document that got a version here (a live Files window redraws).
        self.on_changed: Callable[[str], None] = lambda _id: None

    # ---- reading ---------------------------------------------------------------------

    def files(self, conversation: str, search: str = "") -> Files:
        """Documents (every version) and chat attachments, names containing ``search``."""
        cid = self._known(conversation)
        store = self.s.container.documents
        needle = search.casefold()
        return Files(
            [d for d in store.in_conversation(cid) if needle in d.name.casefold()],
            [a for a in store.attachments(cid) if needle in a.name.casefold()],
        )

    def find(self, conversation: str, name: str, folder: str | None = None) -> Document:
        cid = self._known(conversation)
        name = document_rules.nfc(name)
        folder = None if folder is None else document_rules.nfc(folder)
        docs = [
            d
            for d in self.s.container.documents.in_conversation(cid)
            if d.name == name and (folder is None or d.folder == folder)
        ]
        if not docs:
            raise DocumentRefused(
                f"No document {name} in this conversation.", key="no_document", name=name
            )
        return max(docs, key=lambda d: d.latest.at_ms)

    async def open(
        self, conversation: str, name: str, version: int | None = None, folder: str | None = None
    ) -> tuple[DocVersion, Iterator[bytes]]:
        """A version (default: the latest) and its verified plaintext chunks, from memory;
        the body is fetched from the relay first if this PC does not hold it yet."""
        chosen = self._version(conversation, name, version, folder)
        body = await self._body(chosen)
        return chosen, self.s.container.blobs.read_chunks(body.name, body.key)

    async def fetch(
        self, conversation: str, name: str, version: int | None = None, folder: str | None = None
    ) -> DocVersion:
        """ "Try again" on a version whose body did not come: fetch it now (a version
        already here is left as it is)."""
        chosen = self._version(conversation, name, version, folder)
        await self._body(chosen)
        return chosen

    def _version(
        self, conversation: str, name: str, version: int | None, folder: str | None
    ) -> DocVersion:
        doc = self.find(conversation, name, folder)
        if version is None:
            return doc.latest
        chosen = next((v for v in doc.versions if v.version == version), None)
        if chosen is None:
            raise DocumentRefused(
                f"{name} has no version {version} on this PC.",
                key="no_version",
                name=name,
                version=version,
            )
        return chosen

    async def export(
        self,
        conversation: str,
        name: str,
        out: Path,
        version: int | None = None,
        folder: str | None = None,
    ) -> DocVersion:
        """Write a version's plaintext to ``out`` (the caller checked the export policy)."""
        chosen, chunks = await self.open(conversation, name, version, folder)
        with chosen_file(out, saving=True), atomic_output(out) as fh:
            for chunk in chunks:
                fh.write(chunk)
        return chosen

    async def _body(self, v: DocVersion) -> StoredBlob:
        """The version's body from the blob store, fetched first if not held; a failure
        is remembered (DocumentRefused), a lost link raises and leaves no trace. Asked
        for again while it is being fetched (the login's retry and an open, two opens),
        it waits for that download (services/shared_fetches.py)."""
        if v.body_file is not None:
            return StoredBlob(v.body_file, v.key, v.size, v.sha256)
        store = self.s.container.documents
        held = store.held_body(v.key, v.sha256, v.size)
        if held is not None:  # verified when stored: the same plaintext, no download
            store.set_body(v.document_id, v.version, held)
            return StoredBlob(held, v.key, v.size, v.sha256)
        key = ("document", v.document_id, v.version, v.blob_id)
        return await self.s.fetches.shared(key, lambda: self._download(v))

    async def _download(self, v: DocVersion) -> StoredBlob:
        store = self.s.container.documents
        ref = wire.AttachmentRef(
            v.document_id, v.blob_id, v.key, v.name, attachments.guess_mime(Path(v.name)),
            v.size, v.sha256,
        )  # fmt: skip
        try:
            stored = await attachments.fetch_verified(self.s.container, self.s.require_link(), ref)
        except RelayRefused as exc:
            gone = exc.code == ErrorCode.NOT_FOUND.value
            reason = "gone_from_relay" if gone else "not_on_relay"
            store.fetch_failed(v.document_id, v.version, to_ms(self.s.clock()), reason)
            self.on_changed(v.document_id)  # the Files tab marks it as not available, and why
            raise DocumentRefused(  # keys written out: tests/ui/test_error_keys.py reads them
                f"{v.name}: the relay could not provide it ({exc}).",
                key="gone_from_relay" if gone else "not_on_relay",
                name=v.name,
            ) from None
        except AttachmentFailed as exc:
            store.fetch_failed(v.document_id, v.version, to_ms(self.s.clock()), "damaged")
            self.on_changed(v.document_id)
            raise DocumentRefused(
                f"{v.name} arrived damaged: {exc}", key="damaged", name=v.name
            ) from None
        store.set_body(v.document_id, v.version, stored.name)
        self.on_changed(v.document_id)  # no longer marked as missing
        return stored

    async def fetch_received(self, document_id: str, number: int, blob_id: str, key: bytes) -> int:
        """After a version arrived: fetch its body (done at receipt, like attachments), so
        it stays readable and can be shared with later members after the relay dropped
        its blob. Only this version, if the one held under its number is the one that
        came (kept now, or earlier by a redelivery) and it is due (``_fetch_due``): one
        relay request at most, whatever else the conversation lacks."""
        held = self.s.container.documents.version(document_id, number)
        if held is None or held.blob_id != blob_id or held.key != key:
            return 0
        return await self._fetch_due(1, only=(document_id, number))

    async def fetch_shared(self, body: bytes) -> int:
        """After a ``files.share`` control: fetch what it gave us (see fetch_received)."""
        try:
            share = decode_share(body)
        except ValueError:
            return 0
        fetched = 0
        for sv in share.documents:
            fetched += await self.fetch_received(sv.document_id, sv.version, sv.blob_id, sv.key)
        return fetched

    async def fetch_due(self) -> int:
        """At login: try the bodies not held whose back-off has run out (a failure at
        receipt may have been passing: a relay busy or restarting), a few small ones per
        login (BODY_RETRY_BYTES_AT_LOGIN)."""
        return await self._fetch_due(BODY_RETRIES_AT_LOGIN, budget=BODY_RETRY_BYTES_AT_LOGIN)

    async def _fetch_due(
        self, limit: int, only: tuple[str, int] | None = None, budget: int | None = None
    ) -> int:
        """Fetch up to ``limit`` due bodies (of at most ``budget`` bytes together); a
        failure is logged and remembered (see ``_body``), a lost connection raises (an
        envelope then comes again)."""
        if self.s.link is None:
            return 0
        due = self.s.container.documents.bodies_due(
            to_ms(self.s.clock()), BODY_RETRY_FIRST_MS, BODY_TRIES, limit, only=only
        )
        if budget is not None:
            due = _within(due, budget)
        fetched = 0
        for v in due:
            try:
                await self._body(v)
                fetched += 1
            except DocumentRefused as exc:
                log.warning("document %s v%d not fetched: %s", v.document_id, v.version, exc)
        return fetched

    # ---- sending ---------------------------------------------------------------------

    async def put(self, conversation: str, path: Path, folder: str = "") -> DocVersion:
        """Upload ``path`` as a new document, or as the next version of the document of
        that name in that folder; readers: the members' devices of this moment. Names
        are NFC (receivers refuse other spellings): a file named in NFD continues the
        document whose name looks the same."""
        s = self.s
        cid = self._member_of(conversation)
        name, folder = document_rules.nfc(path.name), document_rules.nfc(folder)
        problem = document_rules.name_problem(name) or document_rules.name_problem(
            folder, FOLDER_MAX, empty_ok=True
        )
        if problem:
            raise DocumentRefused(
                f"{name!r} in folder {folder!r}: {problem}.", key="bad_name", name=name
            )
        with chosen_file(path):  # gone, not allowed: named, not the OS's words
            size = path.stat().st_size
            fh = path.open("rb")  # a folder (EISDIR) fails here
        if size > MAX_BLOB_SIZE:
            fh.close()
            raise DocumentRefused(
                f"{name} is larger than {MAX_BLOB_SIZE} bytes.", key="too_large", name=name
            )
        with fh:
            document_id = s.container.documents.find(cid, folder, name)
            if document_id is None or s.container.documents.latest(document_id) >= MAX_VERSION:
                document_id = bound_ids.new_id(cid)  # new, or one with no number left
            return await self._publish(cid, document_id, name, folder, fh, size)

    async def restore(
        self, conversation: str, name: str, version: int, folder: str | None = None
    ) -> DocVersion:
        """Make an old version the newest again: its content becomes the next version,
        re-encrypted (a new key and blob; readers: the members of now)."""
        cid = self._member_of(conversation)
        doc = self.find(cid, name, folder)
        old, chunks = await self.open(cid, name, version, doc.folder)
        reader = cast(BinaryIO, io.BufferedReader(attachments.ChunkReader(chunks)))
        return await self._publish(cid, doc.document_id, doc.name, doc.folder, reader, old.size)

    async def _publish(
        self,
        cid: ConversationId,
        document_id: str,
        name: str,
        folder: str,
        source: BinaryIO,
        size: int,
    ) -> DocVersion:
        """Store ``source`` here and upload it in one pass (services/sealed_upload.py) as
        the document's next version, and tell the members."""
        s = self.s
        store = s.container.documents
        number = store.latest(document_id) + 1
        if number > MAX_VERSION:
            raise DocumentRefused(
                f"{name} has no version number left; upload it as a new document instead.",
                key="no_version_left",
                name=name,
            )
        most = document_rules.MAX_VERSIONS_PER_MEMBER
        if store.sent_by(cid, s.uid) >= most:  # receivers refuse more
            raise DocumentRefused(
                f"You have shared {most} versions in this conversation, the most one member may.",
                key="versions_limit",
                maximum=most,
            )
        blob_id = new_blob_id()
        link = s.require_link()
        stored = await sealed_upload.seal_and_upload(
            s.container, link, source, size, blob_id, document_id, attachments.UPLOAD_CHUNK
        )
        at_ms = to_ms(s.clock())
        content = DocumentVersion(
            1, document_id, number, name, folder, blob_id, stored.key, stored.sha256,
            stored.size, at_ms,
        )  # fmt: skip
        version = DocVersion(
            document_id, number, name, folder, blob_id, stored.key, stored.sha256,
            stored.size, s.uid, at_ms, None, stored.name,
        )  # fmt: skip
        if not store.add(cid, version):
            s.container.blobs.delete(stored.name)
            raise DocumentRefused(
                f"{name}: version {number} was taken meanwhile; try again.", key="taken", name=name
            )
        state = s.container.conversations.state(cid)
        assert state is not None and self.outgoing is not None
        await self.outgoing.queue_content(
            cid, tuple(state.members), content, message_id=None, now=s.clock()
        )
        self.on_changed(document_id)
        await self.outgoing.flush()
        return version

    async def share_with(self, cid: ConversationId, uid: str) -> int:
        """Give a new member's devices the latest version of every document (a copy of
        each body, granted to them alone); returns how many documents were shared."""
        s = self.s
        assert self.outgoing is not None
        link = s.require_link()
        shared: list[tuple[SharedVersion, str]] = []
        for doc in s.container.documents.in_conversation(cid):
            v = doc.latest
            try:
                body = await self._body(v)
                copy = new_blob_id()
                await attachments.upload_stored(s.container, link, body, copy, v.document_id)
            except DocumentRefused as exc:
                log.warning("document %s not shared with %s: %s", v.document_id, uid, exc)
                continue
            shared.append(
                (
                    SharedVersion(
                        v.document_id,
                        v.version,
                        v.name,
                        v.folder,
                        copy,
                        v.key,
                        v.sha256,
                        v.size,
                        v.author,
                        v.at_ms,
                    ),
                    copy,
                )
            )
        for start in range(0, len(shared), MAX_SHARED):
            batch = shared[start : start + MAX_SHARED]
            body_bytes = encode_share(DocumentShare(1, cid, [sv for sv, _b in batch]))
            await self.outgoing.queue_control(
                uid, Control(CONTROL_NAME, body_bytes), now=s.clock(),
                blob_ids=[b for _sv, b in batch],
            )  # fmt: skip
        if shared:
            await self.outgoing.flush()
        return len(shared)

    # ---- receiving -------------------------------------------------------------------

    def receive(
        self, cid: ConversationId, sender_uid: str, content: DocumentVersion, at: datetime
    ) -> bool:
        """Keep a version from a member's verified device, or refuse it (logged)."""
        version = DocVersion(
            content.document_id, content.version, content.name, content.folder,
            content.blob_id, content.key, content.sha256, content.size, sender_uid,
            peer_ms(content.at_ms, at),
        )  # fmt: skip
        return self._keep(cid, sender_uid, version, "version")

    def receive_share(self, sender_uid: str, body: bytes, at: datetime) -> int:
        """The documents a member shared with us as we joined; returns how many kept.
        ``at``: when the relay took the envelope, the latest a version's time counts."""
        try:
            share = decode_share(body)
        except ValueError as exc:
            log.warning("refused document share from %s: %s", sender_uid, exc)
            return 0
        cid = ConversationId(share.conversation_id)
        kept = 0
        for sv in share.documents:
            version = DocVersion(
                sv.document_id, sv.version, sv.name, sv.folder, sv.blob_id, sv.key,
                sv.sha256, sv.size, sv.author, peer_ms(sv.at_ms, at), sender_uid,
            )  # fmt: skip
            kept += self._keep(cid, sender_uid, version, "shared version")
        return kept

    def _keep(self, cid: ConversationId, sender_uid: str, v: DocVersion, what: str) -> bool:
        refusal = document_rules.refusal(self.s.container, self.s.uid, cid, sender_uid, v)
        if not refusal and not self.s.container.documents.add(cid, v):
            refusal = "its number is not above the latest version held"
        if refusal:
            log.warning(
                "refused document %s %s v%d from %s in %s: %s",
                what, v.document_id, v.version, sender_uid, cid, refusal,
            )  # fmt: skip
            return False
        self.on_changed(v.document_id)
        return True

    # ---- plumbing --------------------------------------------------------------------

    def _known(self, conversation: str) -> ConversationId:
        cid = ConversationId(conversation)
        if self.s.container.conversations.get(cid) is None:
            raise DocumentRefused(
                f"No conversation {conversation} on this PC.", key="no_conversation"
            )
        return cid

    def _member_of(self, conversation: str) -> ConversationId:
        cid = self._known(conversation)
        state = self.s.container.conversations.state(cid)
        if state is None or self.s.uid not in state.members:
            raise DocumentRefused(
                "You are no longer a member of this conversation.", key="not_member"
            )
        return cid


def _within(versions: list[DocVersion], budget: int) -> list[DocVersion]:
    """The versions, in order, whose sizes fit in ``budget`` bytes (a larger one is
    skipped, a smaller one after it may still fit)."""
    chosen = []
    for v in versions:
        if v.size <= budget:
            chosen.append(v)
            budget -= v.size
    return chosen
