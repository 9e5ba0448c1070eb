"""Who may become the holder of a functional account: its take-over policy, enforced.

Each functional account names its policy in the signed directory (``takeoverPolicy``,
desktop_app/directory/model.py ``TakeoverPolicy``; ``department`` when not set):

- ``open``: any person in the directory takes it over at once;
- ``department``: a person of the account's department does (anyone if it has none);
- ``holder``: anyone may ask; the request waits until a current holder approves (then
  the requester becomes the only holder) or declines it. Nobody holds it: only IT;
- ``it``: only IT, with ``wardlink admin directory set-holders``.

A person takes one account over at most ``MAX_TAKEOVERS_PER_WINDOW`` times in
``TAKEOVER_WINDOW_MS`` (protocol/limits.py), counted from the hand-overs in the
database, so alike on every node: two colleagues handing "Dienstarzt Kardiologie" back
and forth made a signed directory version (which every client fetches) and an audit line
per click, without end. Beyond it the relay answers ``rate_limited`` (the client words
it in the UI language); IT's hand-overs are not counted.

Every change of holders, and every request and decline, goes to the audit log with who,
which role, the old and new holders and the policy, so IT can answer "who held the
cardiology phone last night, and who let them".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from desktop_app.crypto.org import IssuingAuthority
from desktop_app.directory.model import Entry, TakeoverPolicy
from desktop_app.directory.snapshot import decode_entry
from desktop_app.domain.ids import Uid
from desktop_app.protocol import (
    AnswerRoleRequest,
    Error,
    ErrorCode,
    FetchRoleRequests,
    Frame,
    RoleRequest,
    RoleRequestAnswered,
    RoleRequested,
    RoleRequests,
    RoleTaken,
    TakeOverRole,
)
from desktop_app.protocol.limits import (
    MAX_ROLE_REQUESTS_LISTED,
    MAX_TAKEOVERS_PER_WINDOW,
    TAKEOVER_WINDOW_MS,
)
from desktop_app.relay.audit import AuditLog
from desktop_app.relay.directory_admin import RoleRefused, set_holders
from desktop_app.relay.store import RelayStore
from desktop_app.relay.store_directory import (
    ROLE_REQUEST_KEEP_MS,
    RequestStatus,
    RoleRequestRecord,
)

HOUR_MS: Final = 3_600_000
REQUEST_TTL_MS: Final = 12 * HOUR_MS
"""A take-over request waits at most one shift; then the person has to ask again."""
REQUEST_KEEP_MS: Final = ROLE_REQUEST_KEEP_MS
"""Answered and expired requests are forgotten after a week (the audit log keeps them):
when someone asks again, and by the relay's hourly run."""
MAX_PENDING_PER_PERSON: Final = 8
"""Open requests of one person at a time, so nobody floods the holders with requests."""
IT: Final = "it"
"""``set_by`` / ``uid`` of hand-overs IT made with the admin CLI."""


class TakenTooOften(RoleRefused):
    """This person took the account over too often just now (``rate_limited``)."""


@dataclass(frozen=True, slots=True)
class Taken:
    """The requester holds the account now (``version`` records it)."""

    version: int


@dataclass(frozen=True, slots=True)
class Waiting:
    """A current holder must answer ``request`` first."""

    request: RoleRequestRecord
    approvers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Answered:
    request: RoleRequestRecord
    approved: bool
    version: int
    """The hand-over's directory version; 0 when declined."""


def take_over(
    store: RelayStore,
    issuer: IssuingAuthority,
    audit: AuditLog,
    role_uid: str,
    uid: str,
    now: int,
) -> Taken | Waiting:
    """``uid`` asks to hold ``role_uid`` for their shift; RoleRefused if the policy
    does not allow it."""
    role = _function(store, role_uid)
    person = _person(store, uid)
    policy = role.takeover_policy
    if role.holders == (uid,):
        current = store.directory_version()
        return Taken(0 if current is None else current.version)
    if policy is TakeoverPolicy.IT:
        raise RoleRefused(f"only IT can hand over {role.cn} (its take-over policy is 'it')")
    if (
        policy is TakeoverPolicy.DEPARTMENT
        and role.department
        and person.department != role.department
    ):
        raise RoleRefused(f"{role.cn} belongs to {role.department}; {uid} is not in it")
    if policy is TakeoverPolicy.HOLDER:
        approvers = tuple(h for h in role.holders if h != uid)
        if not approvers:
            raise RoleRefused(
                f"nobody holds {role.cn}, and its holder must approve a take-over; ask IT"
            )
        return _ask(store, audit, role, uid, approvers, now)
    if store.handovers_by(role.uid, uid, now - TAKEOVER_WINDOW_MS) >= MAX_TAKEOVERS_PER_WINDOW:
        raise TakenTooOften(
            f"you took over {role.cn} {MAX_TAKEOVERS_PER_WINDOW} times in the last "
            f"{TAKEOVER_WINDOW_MS // 60_000} minutes; try again later, or ask IT"
        )
    version = _hand_over(store, issuer, audit, role, uid, set_by=uid, approved_by=None, now=now)
    return Taken(version)


def _ask(
    store: RelayStore,
    audit: AuditLog,
    role: Entry,
    uid: str,
    approvers: tuple[str, ...],
    now: int,
) -> Waiting:
    since = now - REQUEST_TTL_MS
    if store.pending_role_requests(uid, since) >= MAX_PENDING_PER_PERSON:
        raise RoleRefused(
            f"you already have {MAX_PENDING_PER_PERSON} take-over requests waiting; "
            "wait for an answer first"
        )
    request, new = store.add_role_request(role.uid, uid, now, since, now - REQUEST_KEEP_MS)
    if new:  # asking again returns the waiting request
        audit.record(
            "role_request", uid=uid, role=role.uid, request=request.request_id,
            holders=_joined(approvers), policy=role.takeover_policy.value,
        )  # fmt: skip
    return Waiting(request, approvers)


def answer(
    store: RelayStore,
    issuer: IssuingAuthority,
    audit: AuditLog,
    request_id: int,
    uid: str,
    approve: bool,
    now: int,
) -> Answered:
    """A current holder ``uid`` approves or declines; RoleRefused (missing) if there is
    no such pending request, RoleRefused if ``uid`` does not hold the role (now)."""
    request = store.role_request(request_id)
    if (
        request is None
        or request.status is not RequestStatus.PENDING
        or request.created_at <= now - REQUEST_TTL_MS
    ):
        raise RoleRefused(f"no take-over request {request_id} is waiting", missing=True)
    role = _function(store, request.role_uid)
    if uid not in role.holders or role.takeover_policy is not TakeoverPolicy.HOLDER:
        raise RoleRefused(f"only a current holder of {role.cn} can answer this request")
    if not approve:
        if not store.answer_role_request(request_id, RequestStatus.DECLINED, uid, now):
            raise RoleRefused(f"no take-over request {request_id} is waiting", missing=True)
        audit.record(
            "role_request_declined", uid=request.requester, role=role.uid,
            request=request_id, answered_by=uid, holders=_joined(role.holders),
            policy=role.takeover_policy.value,
        )  # fmt: skip
        return Answered(request, False, 0)
    _person(store, request.requester)  # still in the directory
    version = _hand_over(
        store, issuer, audit, role, request.requester, set_by=request.requester,
        approved_by=uid, now=now, request_id=request_id,
    )  # fmt: skip
    store.answer_role_request(request_id, RequestStatus.APPROVED, uid, now)
    return Answered(request, True, version)


def visible_requests(store: RelayStore, uid: str, now: int) -> list[RoleRequestRecord]:
    """Pending requests for the roles ``uid`` holds (policy holder), then ``uid``'s own
    recent requests with their outcome. Only accounts with a waiting request are read:
    checking every directory entry took 133 ms with 5,000 staff on the database thread,
    and a colleague's client asking again and again held up everyone."""
    since = now - REQUEST_TTL_MS
    held = [
        e.uid
        for e in map(decode_entry, store.requested_role_entries(since).values())
        if e.is_function and uid in e.holders and e.takeover_policy is TakeoverPolicy.HOLDER
    ]
    found = store.role_requests(held, uid, since, MAX_ROLE_REQUESTS_LISTED)
    return sorted(found, key=lambda r: (r.requester == uid, -r.request_id))


def it_set_holders(
    store: RelayStore,
    issuer: IssuingAuthority,
    audit: AuditLog,
    role_uid: str,
    holders: Sequence[str],
    now: int,
) -> int:
    """IT sets the holders whatever the policy (admin CLI); audited like any hand-over."""
    role = _function(store, role_uid)
    result = set_holders(store, issuer, role_uid, holders, set_by=IT, now=now)
    version = result.version or 0
    audit.record(
        "role_handover", uid=IT, role=role_uid, old_holders=_joined(role.holders),
        holders=_joined(dict.fromkeys(holders)), policy=role.takeover_policy.value,
        version=version,
    )  # fmt: skip
    return version


def _hand_over(
    store: RelayStore,
    issuer: IssuingAuthority,
    audit: AuditLog,
    role: Entry,
    uid: str,
    *,
    set_by: str,
    approved_by: str | None,
    now: int,
    request_id: int | None = None,
) -> int:
    result = set_holders(store, issuer, role.uid, [uid], set_by=set_by, now=now)
    version = result.version or 0
    audit.record(
        "role_handover", uid=uid, role=role.uid, old_holders=_joined(role.holders),
        holders=uid, policy=role.takeover_policy.value, answered_by=approved_by,
        request=request_id, version=version,
    )  # fmt: skip
    return version


def _function(store: RelayStore, role_uid: str) -> Entry:
    data = store.directory_entry(role_uid)
    if data is None:
        raise RoleRefused(f"no functional account {role_uid} in the directory", missing=True)
    entry = decode_entry(data)
    if not entry.is_function:
        raise RoleRefused(f"{role_uid} is a person, not a functional account", missing=True)
    return entry


def _person(store: RelayStore, uid: str) -> Entry:
    data = store.directory_entry(uid)
    if data is None:
        raise RoleRefused(f"{uid} is not in the directory")
    entry = decode_entry(data)
    if entry.is_function:
        raise RoleRefused(f"{uid} is a functional account, not a person")
    return entry


def _joined(uids: Sequence[str] | dict[str, None]) -> str:
    return ",".join(uids)


# ---- frames (called from relay/handler.py on the database thread) ----------------------


def handle_role_frame(
    store: RelayStore,
    issuer: IssuingAuthority,
    audit: AuditLog,
    now: int,
    uid: str,
    frame: TakeOverRole | FetchRoleRequests | AnswerRoleRequest,
) -> Frame:
    """The reply to one role frame of the logged-in person ``uid``; a refusal is a
    non-fatal Error (NOT_FOUND: no such role or request; CONFLICT: the policy refuses)."""
    try:
        match frame:
            case TakeOverRole():
                outcome = take_over(store, issuer, audit, frame.role_uid, uid, now)
                if isinstance(outcome, Taken):
                    return RoleTaken(frame.req_id, frame.role_uid, outcome.version)
                return RoleRequested(
                    frame.req_id,
                    frame.role_uid,
                    outcome.request.request_id,
                    [Uid(a) for a in outcome.approvers],
                )
            case FetchRoleRequests():
                return RoleRequests(
                    frame.req_id, [_wire(r) for r in visible_requests(store, uid, now)]
                )
            case AnswerRoleRequest():
                done = answer(store, issuer, audit, frame.request_id, uid, frame.approve, now)
                return RoleRequestAnswered(
                    frame.req_id, frame.request_id, done.approved, done.version
                )
    except TakenTooOften as exc:
        return Error(frame.req_id, ErrorCode.RATE_LIMITED, str(exc), False)
    except RoleRefused as exc:
        code = ErrorCode.NOT_FOUND if exc.missing else ErrorCode.CONFLICT
        return Error(frame.req_id, code, str(exc), False)


def _wire(r: RoleRequestRecord) -> RoleRequest:
    return RoleRequest(
        r.request_id, Uid(r.role_uid), Uid(r.requester), r.created_at, r.status.value,
        r.answered_by,
    )  # fmt: skip
