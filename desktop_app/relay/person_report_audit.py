"""Which audit entries name one person, and how they appear in that person's report.

An entry names the person when she is its actor or subject: ``uid``, ``answered_by``,
one of ``holders`` / ``old_holders``, one of her devices as ``device_id`` (a device
revoked because she left the directory names only the device), or her uid in a
``source`` ("holders of dienst.kardio set by weber.anna"). The entry is shown as
stored, without the chain hash, and with every OTHER person's uid replaced: a report
of what is kept about her must not hand out her colleagues' data (Art. 15(4) GDPR).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Final

from desktop_app.relay import audit_chain

ANOTHER_PERSON: Final = "(another person)"
IT: Final = "it"
"""The actor of IT's hand-overs (relay/role_handover.py); not a person."""
LIST_FIELDS: Final = ("holders", "old_holders")
PERSON_FIELDS: Final = ("uid", "answered_by")
TEXT_FIELDS: Final = ("source", "reason")


class Redactor:
    """Replaces uids of other people (anyone the relay knows but the report's person)."""

    def __init__(self, uid: str, people: Collection[str]) -> None:
        self.uid = uid
        self._others = sorted((p for p in people if p != uid and p != IT), key=len, reverse=True)
        self._me = _whole(uid)  # every kept audit line is tested against it

    def person(self, value: str) -> str:
        return value if value in (self.uid, IT, "") else ANOTHER_PERSON

    def people(self, values: Iterable[str]) -> list[str]:
        return [self.person(v) for v in values]

    def text(self, value: str) -> str:
        for other in self._others:
            if other in value:
                value = _whole(other).sub(ANOTHER_PERSON, value)
        return value

    def names_person(self, text: str) -> bool:
        return self._me.search(text) is not None


def _whole(uid: str) -> re.Pattern[str]:
    """``uid`` as a whole word: "anna" is not found in "anna.klein" or "joanna"."""
    return re.compile(rf"(?<![\w.@-]){re.escape(uid)}(?![\w.@-])")


def names(entry: dict[str, object], uid: str, devices: Collection[str], red: Redactor) -> bool:
    """True if ``entry`` is about ``uid`` (actor or subject) or one of her devices."""
    if any(entry.get(f) == uid for f in PERSON_FIELDS):
        return True
    if any(uid in str(entry.get(f, "")).split(",") for f in LIST_FIELDS):
        return True
    if entry.get("device_id") in devices:
        return True
    return any(red.names_person(str(entry.get(f, ""))) for f in TEXT_FIELDS)


def shown(entry: dict[str, object], red: Redactor) -> dict[str, object]:
    """The entry as the report shows it: no chain hash, other people replaced."""
    out: dict[str, object] = {}
    for key, value in entry.items():
        if key == "prev":
            continue
        if key in PERSON_FIELDS and isinstance(value, str):
            value = red.person(value)
        elif key in LIST_FIELDS and isinstance(value, str):
            value = ",".join(red.people(value.split(","))) if value else value
        elif key in TEXT_FIELDS and isinstance(value, str):
            value = red.text(value)
        out[key] = value
    return out


def entries_naming(
    audit_path: Path, uid: str, devices: Collection[str], red: Redactor
) -> Iterator[dict[str, object]]:
    """Every kept audit entry (all rotated files, oldest first) that names ``uid``."""
    for _, entry in audit_chain.read_all(audit_path):
        if entry.get("event") == audit_chain.CHAIN_START:
            continue
        if names(entry, uid, devices, red):
            yield shown(entry, red)
