"""Write generated entries as the CSV IT would export (header = attribute names)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from desktop_app.directory.model import Entry

HEADER = (
    "uid", "cn", "givenName", "sn", "title", "department", "ward", "roles",
    "telephoneNumber", "pager", "mail", "kind", "holders",
)  # fmt: skip


def to_csv(entries: Iterable[Entry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for e in entries:
        writer.writerow(
            (e.uid, e.cn, e.given_name, e.sn, e.title, e.department, e.ward, ";".join(e.roles),
             e.telephone_number, e.pager, e.mail, e.kind.value, ";".join(e.holders))
        )  # fmt: skip
    return out.getvalue().encode()
