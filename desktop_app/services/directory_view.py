"""What the directory panel and its dialogs show, as frozen values: no Qt, no widgets.

The GUI calls these plain functions (and two coroutines) through the bridge, on the
services' thread, so no widget touches the container, the search index or the peer
store. Everything returned is immutable and safe to hand to the GUI thread.

Device trust, strongest first: a device is **revoked** (never gets a key again), or its
safety number was compared in person and **did not match** (a warning until IT looked
at it), or it was **confirmed in person** by the owner of this container, or it is
**certified** by the hospital (its certificate verified against the org root; every
device we encrypt to is at least this). A confirmation holds only for the key that was
compared: a device with another key, and every device that appears later, is back to
"certified" until the two people compare again.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final

from desktop_app.crypto.safety_number import Party, SafetyNumber, safety_number
from desktop_app.directory.clean_text import clean_text
from desktop_app.directory.errors import DirectoryError
from desktop_app.directory.model import Entry, TakeoverPolicy, Unit, unit_tree
from desktop_app.domain.ids import ConversationId, DeviceId, Uid
from desktop_app.domain.model import ConversationKind, Device
from desktop_app.services import pending_members
from desktop_app.services.errors import ClientError, RelayUnavailable, UnknownRecipient
from desktop_app.services.live_client import LiveClient
from desktop_app.services.live_teamwork import DutyShift
from desktop_app.services.staff_directory import TakeOverResult
from desktop_app.storage.sql_confirmations import DeviceCheck, Outcome

SEARCH_LIMIT: Final = 50


class DeviceTrust(enum.StrEnum):
    REVOKED = "revoked"
    MISMATCH = "mismatch"  # compared in person: the numbers differed
    CONFIRMED = "confirmed"  # compared in person by me: the numbers matched
    CERTIFIED = "certified"  # certificate verified against the hospital's root
    UNCERTIFIED = "uncertified"  # known, but its certificate did not verify


@dataclass(frozen=True, slots=True)
class DirectoryHit:
    """One row of a search result or the tree."""

    uid: str
    name: str
    title: str
    department: str
    ward: str
    is_function: bool

    @classmethod
    def of(cls, entry: Entry) -> DirectoryHit:
        return cls(
            entry.uid, entry.cn, entry.title, entry.department, entry.ward, entry.is_function
        )


@dataclass(frozen=True, slots=True)
class UnitNode:
    """hospital -> department -> ward; ``members`` sit directly in this unit."""

    name: str
    children: tuple[UnitNode, ...]
    members: tuple[DirectoryHit, ...]

    def count(self) -> int:
        return len(self.members) + sum(c.count() for c in self.children)


@dataclass(frozen=True, slots=True)
class DeviceView:
    device_id: str
    ed25519: str
    trust: DeviceTrust
    checked_at: datetime | None  # when it was compared in person (match or mismatch)
    this_device: bool  # the device this container belongs to
    known_since: datetime | None = None  # when this PC first learned of it


@dataclass(frozen=True, slots=True)
class Holder:
    uid: str
    name: str


@dataclass(frozen=True, slots=True)
class TakeOverRequest:
    """A pending request to take over the role on the card: someone else's that I can
    answer (I hold the role), or mine (``mine``) waiting for the holders."""

    request_id: int
    requester: Holder
    mine: bool


@dataclass(frozen=True, slots=True)
class PersonCard:
    entry: Entry
    devices: tuple[DeviceView, ...]
    holders: tuple[Holder, ...]  # functional accounts: who holds the role now
    is_me: bool
    devices_current: bool  # False: offline or the fetch failed; devices as last known
    requests: tuple[TakeOverRequest, ...] = ()  # functional accounts: pending take-overs
    me: str = ""  # my uid
    on_duty: tuple[DutyShift | None, DutyShift | None] = (None, None)  # now, next (calendar)
    on_duty_also: tuple[DutyShift, ...] = ()  # other calendars naming someone else for now

    @property
    def can_take_over(self) -> bool:
        """A functional account I do not hold alone, whose policy lets me try."""
        entry = self.entry
        return (
            entry.is_function
            and entry.takeover_policy is not TakeoverPolicy.IT
            and tuple(h.uid for h in self.holders) != (self.me,)
            and not any(r.mine for r in self.requests)
        )

    @property
    def uid(self) -> str:
        return self.entry.uid

    @property
    def has_device(self) -> bool:
        """A person with at least one device a message can be encrypted to."""
        usable = (DeviceTrust.CERTIFIED, DeviceTrust.CONFIRMED, DeviceTrust.MISMATCH)
        return any(d.trust in usable for d in self.devices)


@dataclass(frozen=True, slots=True)
class SafetyView:
    """What the verify dialog shows for my device and one of theirs."""

    uid: str
    name: str
    device_id: str
    ed25519: str  # their device key the number was made from (confirm checks it is current)
    number: SafetyNumber
    trust: DeviceTrust
    position: int = 1  # "Device 2": its place in the order this PC met them (as the card)


@dataclass(frozen=True, slots=True)
class Member:
    uid: str
    name: str
    is_admin: bool


@dataclass(frozen=True, slots=True)
class MembersView:
    conversation_id: str
    title: str
    is_group: bool
    members: tuple[Member, ...]
    i_am_admin: bool
    i_am_member: bool
    pending: tuple[Member, ...] = ()  # chosen, but waiting for their first enrolled device


# ---- reading ---------------------------------------------------------------------------


def search(client: LiveClient, text: str, limit: int = SEARCH_LIMIT) -> tuple[DirectoryHit, ...]:
    """People and functional accounts matching every word of ``text``, best first."""
    if not text.strip():
        return ()
    found = client.session.directory.index().search(text, limit=limit)
    return tuple(DirectoryHit.of(shown(e)) for e in found)


def display_name(client: LiveClient, uid: str) -> str | None:
    """The directory's name for ``uid`` (None: empty uid or not in the directory)."""
    entry = _entry(client, uid) if uid else None
    return entry.cn if entry is not None else None  # cleaned by _entry, as Session does


def hit(client: LiveClient, uid: str) -> DirectoryHit | None:
    """The row a search would show for ``uid`` (None: not in the directory), so a person
    chosen elsewhere is shown with the ward and department that tell namesakes apart."""
    entry = _entry(client, uid) if uid else None
    return DirectoryHit.of(shown(entry)) if entry is not None else None


def without_device(client: LiveClient, uids: list[str]) -> frozenset[str]:
    """Of ``uids``, the people whose device list was read this session and had no usable
    device. Local only (no round trip): a search list is marked lazily, from what the
    cards and conversations already fetched; everyone else stays unmarked."""
    peers = client.session.peers
    out = set()
    for uid in uids:
        entry = _entry(client, uid)
        if entry is None or entry.is_function or uid == client.uid:
            continue
        if peers.was_fetched(uid) and not peers.live_devices([uid]):
            out.add(uid)
    return frozenset(out)


def tree(client: LiveClient) -> UnitNode:
    """The organisational tree of the verified directory (empty before the first fetch)."""
    index = client.session.directory.index()
    return _node(unit_tree(client.session.org.name, index.entries), index.get)


def _node(unit: Unit, get: Callable[[str], Entry | None]) -> UnitNode:
    members = tuple(DirectoryHit.of(shown(e)) for e in (get(uid) for uid in unit.members) if e)
    by_name = sorted(members, key=lambda h: (h.is_function, h.name.casefold()))
    return UnitNode(unit.name, tuple(_node(c, get) for c in unit.children), tuple(by_name))


async def card(client: LiveClient, uid: str, *, refresh: bool = True) -> PersonCard | None:
    """Everything the person card shows; fetches the person's devices first if online."""
    entry = _entry(client, uid)
    if entry is None:
        return None
    session = client.session
    current = session.link is not None  # online: the device lists are kept fresh
    if refresh and current and session.link is not None and not entry.is_function:
        try:
            await session.peers.refresh_stale(session.link, [uid])
        except (RelayUnavailable, ClientError):
            current = False
    if refresh and current and session.link is not None and entry.is_function:
        try:  # holders change by shift: show the current ones
            await session.directory.refresh_quietly(session.link)
        except (RelayUnavailable, ClientError):
            current = False
        entry = _entry(client, uid) or entry
    holders = tuple(Holder(h, client.name(h)) for h in entry.holders)
    devices = () if entry.is_function else tuple(_device_views(client, uid))
    requests = await _requests(client, uid) if entry.is_function and current else ()
    now, later, also = client.teamwork.duty(uid) if entry.is_function else (None, None, ())
    return PersonCard(
        entry,
        devices,
        holders,
        uid == client.uid,
        current,
        requests,
        client.uid,
        (now, later),
        also,
    )


async def _requests(client: LiveClient, role_uid: str) -> tuple[TakeOverRequest, ...]:
    """Pending take-over requests for this role that concern me (one round trip)."""
    link = client.session.link
    if link is None or client.session.directory.get(role_uid) is None:
        return ()
    try:
        found = await client.session.directory.role_requests(link)
    except (RelayUnavailable, ClientError):
        return ()
    return tuple(
        TakeOverRequest(r.request_id, Holder(r.requester, client.name(r.requester)),
                        r.requester == client.uid)
        for r in found
        if r.role_uid == role_uid and r.status == "pending"
    )  # fmt: skip


async def take_over(client: LiveClient, role_uid: str) -> TakeOverResult:
    """Take the role over (or ask its holders, policy ``holder``); RelayRefused if the
    policy does not allow it."""
    return await client.session.directory.take_over(client.session.require_link(), role_uid)


async def answer_request(client: LiveClient, request_id: int, approve: bool) -> int:
    """As a holder: approve or decline a take-over request."""
    link = client.session.require_link()
    return await client.session.directory.answer_request(link, request_id, approve)


def _device_views(client: LiveClient, uid: str) -> list[DeviceView]:
    container = client.container
    checks = container.confirmations.of_person(Uid(uid))
    first_seen = container.peers.first_seen(Uid(uid))
    views = []
    for device in container.peers.devices_of(Uid(uid)):
        check = checks.get(device.device_id)
        current = check is not None and check.ed25519 == device.ed25519
        views.append(
            DeviceView(
                device.device_id,
                device.ed25519,
                trust_of(device, check),
                check.at if check is not None and current else None,
                device.device_id == client.session.device_id,
                first_seen.get(device.device_id),
            )
        )
    return views


def trust_of(device: Device, check: DeviceCheck | None) -> DeviceTrust:
    """A comparison counts only for the key that was compared."""
    if device.revoked:
        return DeviceTrust.REVOKED
    if check is not None and check.ed25519 == device.ed25519:
        if check.outcome is Outcome.MISMATCH:
            return DeviceTrust.MISMATCH
        if device.verified:
            return DeviceTrust.CONFIRMED
    return DeviceTrust.CERTIFIED if device.verified else DeviceTrust.UNCERTIFIED


def safety(client: LiveClient, uid: str, device_id: str) -> SafetyView:
    """The safety number of my device and ``device_id`` of ``uid``."""
    device = _peer_device(client, uid, device_id)
    mine = Party.from_base64(client.uid, client.session.account.identity_keys.ed25519)
    theirs = Party.from_base64(uid, device.ed25519)
    check = client.container.confirmations.get(device.device_id)
    met = [d.device_id for d in client.container.peers.devices_of(Uid(uid))]
    return SafetyView(
        uid,
        client.name(uid),
        device.device_id,
        device.ed25519,
        safety_number(mine, theirs),
        trust_of(device, check),
        met.index(device.device_id) + 1 if device.device_id in met else 1,
    )


def record_comparison(
    client: LiveClient, uid: str, device_id: str, ed25519: str, *, matched: bool
) -> DeviceTrust:
    """Store what the two people saw. ``ed25519`` is the key the shown number was made
    from: if the device has another key by now, nothing is stored."""
    device = _peer_device(client, uid, device_id)
    if device.ed25519 != ed25519:
        raise ClientError(
            "This device's key changed while you compared; compare again.",
            key="compare_key_changed",
        )
    check = DeviceCheck(
        device.device_id,
        Uid(uid),
        device.ed25519,
        Outcome.MATCH if matched else Outcome.MISMATCH,
        Uid(client.uid),
        DeviceId(client.session.device_id),
        client.session.clock(),
    )
    client.container.confirmations.record(check)
    return trust_of(device, check)


def members(client: LiveClient, conversation_id: str) -> MembersView:
    """A conversation's members with admin markers, and what I may change."""
    cid = ConversationId(conversation_id)
    state = client.container.conversations.state(cid)
    if state is None:
        raise UnknownRecipient("This conversation is not in this container.", key="no_conversation")
    people = tuple(Member(u, n, a) for u, n, a in client.members(conversation_id))
    ordered = tuple(sorted(people, key=lambda m: (not m.is_admin, m.name.casefold())))
    me = client.uid
    return MembersView(
        conversation_id,
        client.conversation_title(conversation_id),
        state.kind is ConversationKind.GROUP,
        ordered,
        me in state.admins and me in state.members,
        me in state.members,
        tuple(
            Member(u, client.name(u), False)
            for u in pending_members.of(client.container.settings, cid)
        ),
    )


# ---- acting ----------------------------------------------------------------------------


async def open_conversation(client: LiveClient, uid: str) -> ConversationId:
    """The conversation "Write message" opens (a person's 1:1 or a functional account's)."""
    return await client.start_direct(uid)


# ---- helpers ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CallPeer:
    """What the active call window says about the other side."""

    name: str
    department: str
    confirmed: bool  # the safety number of the device on this call was compared and matched


def call_peer(client: LiveClient, uid: str, call_id: str) -> CallPeer:
    entry = _entry(client, uid)
    device_id = client.live_calls.peer_device(call_id)
    confirmed = False
    for device in client.container.peers.devices_of(Uid(uid)):
        if device.device_id == device_id:
            check = client.container.confirmations.get(device.device_id)
            confirmed = trust_of(device, check) is DeviceTrust.CONFIRMED
    return CallPeer(client.name(uid), entry.department if entry else "", confirmed)


def _entry(client: LiveClient, uid: str) -> Entry | None:
    try:
        entry = client.session.directory.get(uid)
    except DirectoryError:
        return None
    return shown(entry) if entry is not None else None


def shown(entry: Entry) -> Entry:
    """The entry's texts as the PC shows them (``clean_text``): a directory signed before
    the relay cleaned what LDAP gave may still hold a direction override or a line
    break in a name, title or ward (the signature covers the entry as signed, so it is
    cleaned here, for display, not changed in the store)."""
    return replace(
        entry,
        cn=clean_text(entry.cn),
        title=clean_text(entry.title),
        department=clean_text(entry.department),
        ward=clean_text(entry.ward),
        telephone_number=clean_text(entry.telephone_number),
        pager=clean_text(entry.pager),
        mail=clean_text(entry.mail),
    )


def _peer_device(client: LiveClient, uid: str, device_id: str) -> Device:
    device = client.session.peers.device(uid, device_id)
    if device is None:
        raise UnknownRecipient("This device is not known here (any more).", key="device_unknown")
    if device.revoked:
        raise ClientError(
            "This device was revoked by IT; there is nothing to compare.", key="device_revoked"
        )
    if device.device_id == client.session.device_id:
        raise ClientError("This is your own device.", key="own_device")
    return device
