"""The person's verified copy of the staff directory: refresh, verify, search.

The copy lives in the container (never the OS address book). It is trusted only as a
whole: loading recomputes the digest of every stored entry and checks the issuing
key's signature over it (desktop_app/directory/snapshot.py), so an entry edited,
added or dropped on disk makes the copy refused, and the next refresh fetches the
whole directory again. A refresh asks the relay only for what changed since the
stored version and writes the verified result in one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Final

from desktop_app.crypto.org import OrgCertificates
from desktop_app.directory.errors import DirectoryError, SnapshotRefused
from desktop_app.directory.folding import fold_variants
from desktop_app.directory.model import Entry
from desktop_app.directory.search import SearchIndex
from desktop_app.directory.snapshot import (
    SignedHeader,
    VerifiedDirectory,
    apply_update,
    verify_header,
)
from desktop_app.domain.ids import Uid
from desktop_app.protocol import (
    AnswerRoleRequest,
    DirectoryPage,
    FetchDirectory,
    FetchRoleRequests,
    RoleRequest,
    RoleRequestAnswered,
    RoleRequested,
    RoleRequests,
    RoleTaken,
    TakeOverRole,
)
from desktop_app.services.errors import RATE_LIMITED, RelayRefused, TakenTooOften
from desktop_app.services.relay_link import RelayLink
from desktop_app.storage.container import Container
from desktop_app.storage.sql_directory import StoredDirectoryHeader

log = logging.getLogger("wardlink.directory")

MAX_RESTARTS: Final = 3
"""Fetches restarted because IT published a new version in the middle of one."""
MAX_PAGES: Final = 2000
"""200 changes a page: 400 000 changes, twice the largest legal directory."""


@dataclass(frozen=True, slots=True)
class RefreshResult:
    version: int
    changed: int
    removed: int


@dataclass(frozen=True, slots=True)
class TakeOverResult:
    """``version`` once we hold the role; else ``request_id`` waits for ``approvers``."""

    role_uid: str
    version: int | None
    request_id: int | None
    approvers: tuple[str, ...]

    @property
    def waiting(self) -> bool:
        return self.version is None


def search_text(entry: Entry) -> str:
    values = (entry.cn, entry.title, entry.department, entry.ward, *entry.roles)
    return " ".join(v for value in values for v in fold_variants(value) if v)


class StaffDirectory:
    def __init__(self, container: Container, org: OrgCertificates) -> None:
        self._store = container.directory_cache
        self._org = org
        self._verified: VerifiedDirectory | None = None
        self._index: SearchIndex | None = None

    def set_org(self, org: OrgCertificates) -> None:
        """Verify against the issuing CAs of ``org`` from now on (a rotation)."""
        self._org = org

    def load(self) -> VerifiedDirectory | None:
        """The stored copy, verified; None if there is none yet; SnapshotRefused if it
        does not verify (then nothing of it is used)."""
        if self._verified is not None:
            return self._verified
        stored = self._store.header()
        entries = self._store.entries()
        if stored is None:
            if entries:
                raise SnapshotRefused("the stored directory has entries but no signed header")
            return None
        try:
            verified = apply_update(
                {}, entries.values(), [], SignedHeader(stored.header, stored.signature),
                self._org.issuing_cas, self._org.fingerprint,
            )  # fmt: skip
        except SnapshotRefused as exc:
            raise SnapshotRefused(
                f"the directory copy in this container does not verify ({exc}); "
                "it is fetched again on the next connection"
            ) from None
        self._verified = verified
        return verified

    @property
    def version(self) -> int:
        verified = self.load()
        return 0 if verified is None else verified.header.version

    def index(self) -> SearchIndex:
        if self._index is None:
            verified = self.load()
            self._index = SearchIndex([] if verified is None else verified.entries.values())
        return self._index

    def get(self, uid: str) -> Entry | None:
        verified = self.load()
        return None if verified is None else verified.entries.get(uid)

    async def refresh(self, link: RelayLink) -> RefreshResult:
        """Fetch what changed since the stored version; verify; store in one go."""
        try:
            current = self.load()
        except SnapshotRefused as exc:
            log.warning("%s", exc)
            current = None
        have = {} if current is None else current.encoded
        since = 0 if current is None else current.header.version
        for _ in range(MAX_RESTARTS):
            page = await self._fetch(link, since, len(have))
            if page is None:
                continue  # the directory changed during the fetch: start again
            version, signed, changed, removed = page
            if version == 0:
                return RefreshResult(0, 0, 0)
            verified = apply_update(
                have, changed, removed, signed, self._org.issuing_cas, self._org.fingerprint,
                min_version=since,
            )  # fmt: skip
            self._save(verified)
            return RefreshResult(version, len(changed), len(removed))
        raise SnapshotRefused("the directory kept changing while it was fetched; try again")

    async def _fetch(
        self, link: RelayLink, since: int, held: int
    ) -> tuple[int, SignedHeader, list[bytes], list[str]] | None:
        """The pages of one directory version since ``since``; bounded by what they can
        hold: no more entries than its signed header counts, no more removals than the
        ``held`` entries this PC has (the count of removals is not signed)."""
        changed: list[bytes] = []
        removed: list[str] = []
        after = ""
        first: DirectoryPage | None = None
        count = 0
        for _ in range(MAX_PAGES):
            reply = await link.request(FetchDirectory(link.ids.next(), since, after))
            assert isinstance(reply, DirectoryPage)
            if first is None:
                first = reply
                if reply.version == 0:  # no directory published yet
                    return 0, SignedHeader(b"", b""), [], []
                count = self._signed_count(reply)
            elif reply.version != first.version:
                return None
            changed.extend(reply.changed)
            removed.extend(reply.removed)
            if len(changed) > count:
                raise SnapshotRefused(
                    f"the relay sent more entries than directory version {first.version} "
                    f"holds ({count})"
                )
            if len(removed) > held:
                raise SnapshotRefused(f"the relay removed more entries than this PC holds ({held})")
            if not reply.next_after:
                signed = SignedHeader(first.header, first.signature)
                return first.version, signed, changed, removed
            after = reply.next_after
        raise SnapshotRefused(f"the directory needs more than {MAX_PAGES} pages")

    def _signed_count(self, page: DirectoryPage) -> int:
        """The number of entries the signed header of ``page`` promises: no update has
        more, so a relay sending page after page is stopped there, not after MAX_PAGES
        pages of up to a MiB each were collected."""
        signed = SignedHeader(page.header, page.signature)
        return verify_header(signed, self._org.issuing_cas, self._org.fingerprint).count

    def _save(self, verified: VerifiedDirectory) -> None:
        stored = self._store.entries()  # what is on disk, verified or not
        changed = {
            uid: (data, search_text(verified.entries[uid]))
            for uid, data in verified.encoded.items()
            if stored.get(uid) != data
        }
        removed = [uid for uid in stored if uid not in verified.encoded]
        header = StoredDirectoryHeader(
            verified.header.version, verified.signed.header, verified.signed.signature
        )
        self._store.apply(header, changed, removed)
        self._verified = verified
        self._index = None

    async def take_over(self, link: RelayLink, role_uid: str) -> TakeOverResult:
        """Take a functional account over for this shift, as its take-over policy allows:
        the relay signs and records the hand-over and the refreshed copy names us its
        holder, or (policy ``holder``) the request waits for a current holder's answer.
        A refusal (wrong department, IT only) raises RelayRefused; taking it over too
        often just now raises TakenTooOften."""
        try:
            reply = await link.request(TakeOverRole(link.ids.next(), Uid(role_uid)))
        except RelayRefused as exc:
            if exc.code == RATE_LIMITED:
                raise TakenTooOften() from exc
            raise
        if isinstance(reply, RoleRequested):
            return TakeOverResult(role_uid, None, reply.request_id, tuple(reply.approvers))
        assert isinstance(reply, RoleTaken)
        await self.refresh(link)
        return TakeOverResult(role_uid, reply.version, None, ())

    async def role_requests(self, link: RelayLink) -> list[RoleRequest]:
        """Take-over requests waiting for my answer (roles I hold), then my own."""
        reply = await link.request(FetchRoleRequests(link.ids.next()))
        assert isinstance(reply, RoleRequests)
        return list(reply.requests)

    async def answer_request(self, link: RelayLink, request_id: int, approve: bool) -> int:
        """Approve (the requester becomes the holder) or decline a take-over request;
        the directory version of the hand-over, 0 if declined."""
        reply = await link.request(AnswerRoleRequest(link.ids.next(), request_id, approve))
        assert isinstance(reply, RoleRequestAnswered)
        if reply.approved:
            await self.refresh(link)
        return reply.version

    async def refresh_quietly(self, link: RelayLink) -> RefreshResult | None:
        """For connect: a directory problem is logged, never stops messaging."""
        try:
            return await self.refresh(link)
        except DirectoryError as exc:
            log.warning("directory not refreshed: %s", exc)
            return None
