"""CSV and LDIF import with per-row errors.

A bad row (missing uid, a duplicate, an unknown column value) is reported with its row
or line number and skipped; every good row is returned, its texts cleaned
(``clean_text``: no controls, no direction overrides, NFC). Nothing is written here: the
caller stores the good entries in one transaction, so an import is never half-applied.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from desktop_app.directory.clean_text import clean_text
from desktop_app.directory.errors import ImportFailed, InvalidEntry
from desktop_app.directory.model import (
    LDAP_ATTRIBUTES,
    MAX_ENTRIES,
    MULTI_VALUED,
    Entry,
    make_entry,
)

MAX_IMPORT_BYTES: Final = 256 * 1024 * 1024
MAX_ERRORS: Final = 1000
"""Errors kept in a result; the count goes on, so a garbage file does not eat RAM."""
CSV_MULTI_SEPARATORS: Final = {",": ";", ";": ","}
"""Roles and holders in one CSV cell: "Dienstarzt;Oberarzt" in a comma-separated file,
"Dienstarzt,Oberarzt" in a semicolon-separated one."""


@dataclass(frozen=True, slots=True)
class RowError:
    where: str
    """"row 7" (CSV, counting the header as row 1) or "line 42" (LDIF)."""
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    entries: tuple[Entry, ...]
    errors: tuple[RowError, ...]
    error_count: int


class _Collector:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.errors: list[RowError] = []
        self.error_count = 0

    def error(self, where: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(where, message))

    def add(self, where: str, values: dict[str, list[str]]) -> None:
        cleaned = {name: [clean_text(v) for v in items] for name, items in values.items()}
        try:
            entry = make_entry(cleaned)
        except InvalidEntry as exc:
            self.error(where, str(exc))
            return
        if entry.uid in self.entries:
            self.error(where, f"uid {entry.uid} appears twice; the first one is kept")
            return
        if len(self.entries) >= MAX_ENTRIES:
            self.error(where, f"more than {MAX_ENTRIES} entries; the rest is ignored")
            return
        self.entries[entry.uid] = entry

    def result(self) -> ImportResult:
        return ImportResult(tuple(self.entries.values()), tuple(self.errors), self.error_count)


def _field(attribute: str) -> str | None:
    return LDAP_ATTRIBUTES.get(attribute.strip().lower())


def _decode(data: bytes, what: str) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailed(f"{what} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{what} is not UTF-8 (byte {exc.start})") from None


def import_csv(data: bytes) -> ImportResult:
    """Rows of a CSV whose header names attributes (uid, cn, givenName, sn, title,
    department, ward, roles, telephoneNumber, pager, mail, kind, holders). Comma or
    semicolon separated (what German Excel writes); unknown columns are an error."""
    text = _decode(data, "the CSV file")
    sample = text[:4096]
    delimiter = (
        ";" if sample.split("\n", 1)[0].count(";") > sample.split("\n", 1)[0].count(",") else ","
    )
    multi = CSV_MULTI_SEPARATORS[delimiter]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailed("the CSV file is empty") from None
    except csv.Error as exc:
        raise ImportFailed(f"the CSV header cannot be read: {exc}") from None
    fields = [_field(h) for h in header]
    unknown = [h for h, f in zip(header, fields, strict=True) if f is None]
    if unknown:
        raise ImportFailed(f"the CSV header names unknown attributes: {', '.join(unknown)}")
    if "uid" not in fields:
        raise ImportFailed("the CSV header has no uid column")
    out = _Collector()
    row_no = 1
    while True:
        row_no += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.error(f"row {row_no}", f"cannot be read: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            out.error(f"row {row_no}", f"has {len(row)} cells, the header {len(header)}")
            continue
        values: dict[str, list[str]] = {}
        for name, cell in zip(fields, row, strict=True):
            assert name is not None
            parts = cell.split(multi) if name in MULTI_VALUED else [cell]
            values.setdefault(name, []).extend(parts)
        out.add(f"row {row_no}", values)
    return out.result()


def _ldif_records(lines: Iterable[str]) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """(first line number, [(line number, unfolded line)]) per blank-line separated
    record; continuation lines (leading space) and comments are handled here."""
    record: list[tuple[int, str]] = []
    start = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if line.startswith(" ") and record:
            record[-1] = (record[-1][0], record[-1][1] + line[1:])
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            if record:
                yield start, record
                record = []
            continue
        if not record:
            start = number
        record.append((number, line))
    if record:
        yield start, record


def import_ldif(data: bytes) -> ImportResult:
    """Records of an LDIF file (RFC 2849 content records; ``attr:: base64`` values,
    folded lines). Attributes WardLink does not use (objectClass, ...) are skipped;
    records without a uid (the OU entries themselves) are skipped silently."""
    text = _decode(data, "the LDIF file")
    out = _Collector()
    for start, record in _ldif_records(text.splitlines()):
        values: dict[str, list[str]] = {}
        bad = False
        for number, line in record:
            name, sep, rest = line.partition(":")
            if not sep:
                out.error(f"line {number}", f"{line[:40]!r} is not 'attribute: value'")
                bad = True
                break
            if name.lower() == "version":
                continue
            if rest.startswith(":"):
                try:
                    value = base64.b64decode(rest[1:].strip(), validate=True).decode("utf-8")
                except (binascii.Error, UnicodeDecodeError, ValueError):
                    # ValueError: b64decode refuses a str with non-ASCII characters
                    out.error(f"line {number}", f"{name} has invalid base64 or non-UTF-8 text")
                    bad = True
                    break
            elif rest.startswith("<"):
                out.error(f"line {number}", f"{name} refers to a URL; only inline values work")
                bad = True
                break
            else:
                value = rest.strip()
            field = _field(name)
            if field is not None:
                values.setdefault(field, []).append(value)
        if bad:
            continue
        if "uid" not in values:
            continue
        out.add(f"line {start}", values)
    return out.result()


def import_file(name: str, data: bytes) -> ImportResult:
    """By extension: ``.ldif``/``.ldf`` is LDIF, anything else CSV."""
    if name.lower().endswith((".ldif", ".ldf")):
        return import_ldif(data)
    return import_csv(data)
