"""Directory entries: people and functional accounts, and the organisational tree.

An entry is a frozen value: the relay signs a set of them and clients search them, so
nothing may change one after it was checked. Field names follow the LDAP attributes
(``givenName`` -> ``given_name``); ``LDAP_ATTRIBUTES`` is that mapping, used by the
CSV/LDIF importers and by the filter parser so IT can write the names it knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from desktop_app.directory.errors import InvalidEntry

MAX_FIELD_CHARS: Final = 256
"""Any single text field (cn, title, department, ...)."""
MAX_ROLES: Final = 32
"""Roles (and holders) of one entry."""
MAX_ENTRIES: Final = 200_000
"""Entries in one directory; far above any hospital group, small enough for RAM."""
UID_PATTERN: Final = re.compile(r"^[a-z0-9][a-z0-9._-]{0,127}$")
"""Lower-case ASCII: uids travel in frames, certificates and file names."""


class EntryKind(StrEnum):
    PERSON = "person"
    FUNCTION = "function"
    """A functional account ("Dienstarzt Kardiologie"): messages go to its holders."""


class TakeoverPolicy(StrEnum):
    """Who may make themselves the holder of a functional account (``takeoverPolicy``)."""

    OPEN = "open"
    """Any person in the directory."""
    DEPARTMENT = "department"
    """A person of the account's department (any person if it has none); the default."""
    HOLDER = "holder"
    """Any person may ask; a current holder approves or declines. Nobody holds it: IT."""
    IT = "it"
    """Only IT (``wardlink admin directory set-holders``)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One directory entry. ``holders`` is empty for people; for a functional account
    it names the uids who currently hold the role (their devices receive its messages)."""

    uid: str
    cn: str
    given_name: str = ""
    sn: str = ""
    title: str = ""
    department: str = ""
    ward: str = ""
    roles: tuple[str, ...] = ()
    telephone_number: str = ""
    pager: str = ""
    mail: str = ""
    kind: EntryKind = EntryKind.PERSON
    holders: tuple[str, ...] = field(default=())
    takeover_policy: TakeoverPolicy = TakeoverPolicy.DEPARTMENT
    """Functional accounts only. Left out of the signed bytes while it is the default,
    so entries signed before policies existed keep their exact bytes."""

    @property
    def is_function(self) -> bool:
        return self.kind is EntryKind.FUNCTION


LDAP_ATTRIBUTES: Final[Mapping[str, str]] = {
    "uid": "uid",
    "cn": "cn",
    "givenname": "given_name",
    "sn": "sn",
    "title": "title",
    "department": "department",
    "ou": "department",
    "ward": "ward",
    "roles": "roles",
    "role": "roles",
    "telephonenumber": "telephone_number",
    "pager": "pager",
    "mail": "mail",
    "kind": "kind",
    "holders": "holders",
    "holder": "holders",
    "takeoverpolicy": "takeover_policy",
}
"""Lower-cased LDAP/CSV attribute name -> Entry field."""

MULTI_VALUED: Final = frozenset({"roles", "holders"})
TEXT_FIELDS: Final = (
    "cn",
    "given_name",
    "sn",
    "title",
    "department",
    "ward",
    "telephone_number",
    "pager",
    "mail",
)


def make_entry(values: Mapping[str, str | Iterable[str]]) -> Entry:
    """Build and check an entry from field-name -> value(s); raise InvalidEntry.

    ``cn`` defaults to "givenName sn". A functional account needs no person names but
    its holders must be valid uids.
    """

    def one(name: str) -> str:
        raw = values.get(name, "")
        text = raw if isinstance(raw, str) else next(iter(raw), "")
        text = " ".join(text.split())
        if len(text) > MAX_FIELD_CHARS:
            raise InvalidEntry(f"{name} is longer than {MAX_FIELD_CHARS} characters")
        return text

    def many(name: str) -> tuple[str, ...]:
        raw = values.get(name, ())
        items = [raw] if isinstance(raw, str) else list(raw)
        cleaned = tuple(dict.fromkeys(" ".join(i.split()) for i in items if i.strip()))
        if len(cleaned) > MAX_ROLES:
            raise InvalidEntry(f"{name} has {len(cleaned)} values, above {MAX_ROLES}")
        for item in cleaned:
            if len(item) > MAX_FIELD_CHARS:
                raise InvalidEntry(f"a value of {name} is longer than {MAX_FIELD_CHARS} characters")
        return cleaned

    uid = one("uid")
    if not uid:
        raise InvalidEntry("uid is missing")
    if not UID_PATTERN.fullmatch(uid):
        raise InvalidEntry(f"uid {uid!r} must be lower-case letters, digits, '.', '_' or '-'")
    kind_text = one("kind").lower() or EntryKind.PERSON.value
    try:
        kind = EntryKind(kind_text)
    except ValueError:
        raise InvalidEntry(f"kind {kind_text!r} is neither 'person' nor 'function'") from None
    texts = {name: one(name) for name in TEXT_FIELDS}
    if not texts["cn"]:
        texts["cn"] = " ".join(p for p in (texts["given_name"], texts["sn"]) if p)
    if not texts["cn"]:
        raise InvalidEntry(f"{uid}: cn (or givenName and sn) is missing")
    holders = many("holders")
    if kind is EntryKind.PERSON and holders:
        raise InvalidEntry(f"{uid}: only a functional account has holders")
    for holder in holders:
        if not UID_PATTERN.fullmatch(holder):
            raise InvalidEntry(f"{uid}: holder {holder!r} is not a valid uid")
    policy_text = one("takeover_policy").lower() or TakeoverPolicy.DEPARTMENT.value
    try:
        policy = TakeoverPolicy(policy_text)
    except ValueError:
        names = ", ".join(p.value for p in TakeoverPolicy)
        raise InvalidEntry(f"{uid}: takeoverPolicy {policy_text!r} is not one of {names}") from None
    if kind is EntryKind.PERSON and policy is not TakeoverPolicy.DEPARTMENT:
        raise InvalidEntry(f"{uid}: only a functional account has a takeoverPolicy")
    return Entry(
        uid=uid, roles=many("roles"), kind=kind, holders=holders, takeover_policy=policy, **texts
    )


@dataclass(frozen=True, slots=True)
class Unit:
    """A node of the organisational tree: the hospital, a department or a ward."""

    name: str
    children: tuple[Unit, ...]
    members: tuple[str, ...]
    """uids placed directly in this unit (not in a child)."""


def unit_tree(hospital: str, entries: Iterable[Entry]) -> Unit:
    """hospital -> department -> ward, from the entries' department and ward fields.

    Entries without a department sit at the hospital, without a ward at the department.
    Children and members are sorted, so the tree is the same for the same entries.
    """
    tree: dict[str, dict[str, list[str]]] = {}
    top: list[str] = []
    for entry in entries:
        if not entry.department:
            top.append(entry.uid)
            continue
        wards = tree.setdefault(entry.department, {})
        wards.setdefault(entry.ward, []).append(entry.uid)
    departments = []
    for department in sorted(tree):
        wards = tree[department]
        children = tuple(
            Unit(ward, (), tuple(sorted(uids))) for ward, uids in sorted(wards.items()) if ward
        )
        departments.append(Unit(department, children, tuple(sorted(wards.get("", [])))))
    return Unit(hospital, tuple(departments), tuple(sorted(top)))
