"""Write generated entries as the CSV IT would export (header = attribute names)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from desktop_app.directory.model import Entry, TakeoverPolicy

HEADER = (
    "uid", "cn", "givenName", "sn", "title", "department", "ward", "roles",
    "telephoneNumber", "pager", "mail", "kind", "holders",
)  # fmt: skip


def to_csv(entries: Iterable[Entry]) -> bytes:
    """With a takeoverPolicy column only if some entry has a policy other than the default."""
    rows = list(entries)
    policies = any(e.takeover_policy is not TakeoverPolicy.DEPARTMENT for e in rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow((*HEADER, "takeoverPolicy") if policies else HEADER)
    for e in rows:
        row = (e.uid, e.cn, e.given_name, e.sn, e.title, e.department, e.ward, ";".join(e.roles),
               e.telephone_number, e.pager, e.mail, e.kind.value, ";".join(e.holders))  # fmt: skip
        writer.writerow(
            (*row, e.takeover_policy.value if e.is_function else "") if policies else row
        )
    return out.getvalue().encode()
