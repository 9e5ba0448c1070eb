"""Calls to a functional account ("Dienstarzt Kardiologie") held by several people now.

The caller's role conversation (caller + every current holder, services/messenger.py)
names who may answer: the offer goes to every device of every holder, the first
holder's device to answer takes the call, and the caller then tells all holders'
devices ``hangup(answered_elsewhere, answered_by=<device>, answered_uid=<holder>)`` so
the others stop ringing with "answered by <name>". A holder who declines or is busy
only drops out; the call ends declined when no holder is left ringing.

Receiver checks on the caller's side (on top of services/call_checks.py): before the
answer, signals count only from holders still ringing; after it, only from the
answering holder's answering device (``senders`` and ``Call.peer_device``). On a
holder's side the call's peer is the caller's offering device, as for any call.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field

import msgspec

from desktop_app.directory.errors import DirectoryError
from desktop_app.domain.call_state import Call
from desktop_app.protocol.call_signal import CallSignalError, Hangup, Offer
from desktop_app.services.session import ClientSession

log = logging.getLogger("wardlink.calls")


@dataclass
class RoleRing:
    """A ringing call to a functional account, on the caller's side."""

    account: str  # the functional account's uid
    holders: frozenset[str]  # the holders rung (the role conversation's other members)
    waiting: set[str] = field(default_factory=set)  # holders that neither declined nor were busy

    def __post_init__(self) -> None:
        self.waiting = set(self.holders)


def ring_for(s: ClientSession, to: str, peers: Collection[str]) -> RoleRing | None:
    """A ``RoleRing`` when ``to`` is a functional account and ``peers`` (the other
    members of its role conversation) are its holders; None for anything else."""
    try:
        entry = s.directory.get(to)
    except DirectoryError:
        return None
    if entry is None or not entry.is_function:
        return None
    holders = frozenset(peers)
    if not holders or not holders <= set(entry.holders):
        return None
    return RoleRing(entry.uid, holders)


def senders(call: Call, ring: RoleRing | None) -> Collection[str]:
    """Whose signals a call accepts now: its peer, or (a role call nobody answered yet)
    every holder still ringing."""
    if ring is None or call.peer_device is not None:
        return (call.peer_uid,)
    return ring.waiting


def targets(call: Call, ring: RoleRing | None) -> tuple[str, ...]:
    """Who a signal of this call goes to: the peer, or every holder while it rings."""
    if ring is None or call.peer_device is not None:
        return (call.peer_uid,)
    return tuple(sorted(ring.holders))


def check_offer(s: ClientSession, offer: Offer) -> Offer:
    """An offer naming a role must name a functional account of the directory; the
    role is kept only if this person holds it there (else the call rings as the
    caller's own: a colleague cannot ring someone "for Dienstarzt Kardiologie" who is
    not on that duty). A holder whose directory lags a hand-over still hears it ring."""
    if offer.role is None:
        return offer
    try:
        entry = s.directory.get(offer.role)
    except DirectoryError as exc:
        raise CallSignalError(f"the directory cannot tell the called role: {exc}") from None
    if entry is None or not entry.is_function:
        raise CallSignalError("the call names a role that is not a functional account")
    if s.uid not in entry.holders:
        log.warning(
            "call %s names the role %s, which this person does not hold: rings without it",
            offer.call_id,
            offer.role,
        )
        return msgspec.structs.replace(offer, role=None)
    return offer


def answerer(s: ClientSession, members: Collection[str], hangup: Hangup) -> str | None:
    """The holder who took a role call, if the caller named a member of the call's
    conversation other than this person (then: "answered by <name>")."""
    uid = hangup.answered_uid
    if uid is None or uid == s.uid or uid not in members:
        return None
    return uid
