"""Live directory sync from an LDAP server or Active Directory, with ldap3.

Reads people with a paged search (so a 50 000-person AD answers in pages, within its
MaxPageSize), maps them with a preset (desktop_app/directory/ldap_mapping.py), and
publishes the difference as one signed version: added, changed, removed. People gone
from LDAP are removed and their devices revoked; functional accounts are WardLink's own
and are never removed by a sync. A password bind needs an encrypted connection
(``ldaps://`` or ``--starttls``) unless the server is on this machine. Referrals are
never followed (ldap3 would bind to whatever host one names, with our password, over
plain ldap:// too); what the server sends is bounded in time and message size
(desktop_app/relay/ldap_guard.py), and bytes ldap3 cannot decode are one clear error.

Two guards against a misconfigured sync wiping the directory: an LDAP result with no
people is refused, and so is one that would remove more than ``MAX_REMOVAL_SHARE`` of
the people, unless the administrator passes ``allow_mass_removal``.
"""

from __future__ import annotations

import contextlib
import ipaddress
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import ldap3
from ldap3.core.exceptions import LDAPException
from ldap3.core.results import RESULT_REFERRAL

from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.directory.errors import InvalidEntry
from desktop_app.directory.importers import RowError
from desktop_app.directory.ldap_mapping import (
    DEFAULT_FILTERS,
    AttributeMap,
    Schema,
    entry_from_ldap,
)
from desktop_app.directory.model import MAX_ENTRIES, Entry
from desktop_app.directory.snapshot import decode_entry
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import (
    PublishResult,
    audit_publish,
    current_plan_base,
    publish_planned,
)
from desktop_app.relay.directory_admin import plan as plan_changes
from desktop_app.relay.errors import AdminInputError, RelayError
from desktop_app.relay.imported_holders import audit_imported
from desktop_app.relay.ldap_errors import bind_problem, search_problem
from desktop_app.relay.ldap_guard import GuardedSocket

PAGE_SIZE: Final = 500
TIMEOUT_S: Final = 30
MAX_SYNC_S: Final = 1800
"""A whole read of LDAP; a 50 000-person AD takes a few minutes."""
MAX_REMOVAL_SHARE: Final = 0.2
MAX_ERRORS: Final = 1000
MALFORMED: Final = (LookupError, TypeError, ValueError)
"""What ldap3's (fast) decoder raises on bytes that are not the LDAP it expects."""


class LdapSyncError(RelayError):
    """The LDAP server cannot be reached, refuses the bind, or the search fails."""


@dataclass(frozen=True, slots=True)
class LdapSource:
    url: str
    base: str
    mapping: AttributeMap
    search_filter: str
    bind_dn: str | None = None
    password: str | None = None
    starttls: bool = False
    ca_file: Path | None = None
    page_size: int = PAGE_SIZE
    time_limit_s: float = MAX_SYNC_S

    @classmethod
    def create(cls, url: str, base: str, schema: Schema, mapping: AttributeMap, *,
               search_filter: str | None = None, **kwargs: Any) -> LdapSource:  # fmt: skip
        return cls(url, base, mapping, search_filter or DEFAULT_FILTERS[schema], **kwargs)


@dataclass(frozen=True, slots=True)
class SyncReport:
    publish: PublishResult
    people: int
    errors: tuple[RowError, ...]
    error_count: int


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def connect(source: LdapSource) -> ldap3.Connection:
    """An open, bound, read-only connection (LdapSyncError with one clear line)."""
    parts = urlsplit(source.url)
    if parts.scheme not in ("ldap", "ldaps") or not parts.hostname:
        raise AdminInputError(f"--url {source.url!r}: use ldap://HOST[:PORT] or ldaps://HOST")
    secure = parts.scheme == "ldaps" or source.starttls
    if source.password and not secure and not _loopback(parts.hostname):
        raise AdminInputError(
            "refusing to send the bind password unencrypted: use ldaps:// or --starttls"
        )
    tls = ldap3.Tls(
        validate=ssl.CERT_REQUIRED,
        ca_certs_file=None if source.ca_file is None else str(source.ca_file),
        version=ssl.PROTOCOL_TLS_CLIENT,
    )
    server = ldap3.Server(
        parts.hostname,
        port=parts.port,
        use_ssl=parts.scheme == "ldaps",
        tls=tls,
        get_info=ldap3.NONE,
        connect_timeout=TIMEOUT_S,
        allowed_referral_hosts=[],  # ldap3's default: any host, with our bind password
    )
    conn = ldap3.Connection(
        server,
        user=source.bind_dn,
        password=source.password,
        authentication=ldap3.SIMPLE if source.bind_dn else ldap3.ANONYMOUS,
        read_only=True,
        auto_referrals=False,  # a referral would carry the bind password to its host
        receive_timeout=TIMEOUT_S,
        raise_exceptions=True,
    )
    deadline = time.monotonic() + source.time_limit_s
    try:
        conn.open()
        if source.starttls and parts.scheme == "ldap":
            conn.start_tls()
        conn.socket = GuardedSocket(conn.socket, deadline, source.time_limit_s)
        conn.bind()
    except LDAPException as exc:
        _close(conn)
        if "doesn't match any name" in str(exc):  # ldap3 prints the whole certificate
            raise LdapSyncError(
                f"LDAP {parts.hostname}: the server's certificate is not issued for "
                f"{parts.hostname!r} (connect by the name it names)"
            ) from None
        raise LdapSyncError(f"LDAP {parts.hostname}: {bind_problem(exc) or _why(exc)}") from None
    except MALFORMED:
        _close(conn)
        raise LdapSyncError(f"LDAP {parts.hostname}: the answer to the bind is malformed") from None
    return conn


def _close(conn: ldap3.Connection) -> None:
    """Unbind, if ldap3 has not closed the socket itself (a failed StartTLS has)."""
    with contextlib.suppress(LDAPException, OSError):
        conn.unbind()


def _shown(text: str, limit: int = 300) -> str:
    """Server-chosen text (a diagnostic, a referral URL) as one line for the admin's
    terminal: control characters as ``\\uXXXX``, so they cannot act on it."""
    text = " ".join(text.split())[:limit]
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _why(exc: LDAPException) -> str:
    return _shown(str(exc)) or type(exc).__name__


def raw_people(source: LdapSource) -> Iterator[dict[str, list[bytes]]]:
    """The raw attributes of every person the filter selects, page by page."""
    conn = connect(source)
    try:
        results = conn.extend.standard.paged_search(
            source.base,
            source.search_filter,
            ldap3.SUBTREE,
            attributes=source.mapping.attributes,
            paged_size=source.page_size,
            generator=True,
        )
        for item in results:
            if item.get("type") == "searchResEntry":
                yield item["raw_attributes"]
        result = conn.result or {}
        if result.get("result") == RESULT_REFERRAL:
            where = ", ".join(_shown(str(r), 200) for r in (result.get("referrals") or [])[:3])
            raise LdapSyncError(
                f"LDAP refers the search under {source.base!r} to {where or 'another server'}; "
                "referrals are not followed: give that server as --url"
            )
    except LDAPException as exc:
        if hint := search_problem(exc, source.base):
            raise LdapSyncError(f"LDAP search: {hint}") from None
        raise LdapSyncError(f"LDAP search under {source.base!r} failed: {_why(exc)}") from None
    except MALFORMED:
        raise LdapSyncError(f"LDAP search under {source.base!r}: a malformed answer") from None
    finally:
        _close(conn)


def read_people(source: LdapSource) -> tuple[list[Entry], list[RowError], int]:
    """(people, first errors, error count) from LDAP; a bad person is an error, not a stop."""
    people: dict[str, Entry] = {}
    errors: list[RowError] = []
    count = 0
    wanted = {a.lower() for a in source.mapping.attributes}
    for n, raw in enumerate(raw_people(source), start=1):
        try:
            attributes = {  # a value list may be None (an attribute sent without values)
                k: [v.decode("utf-8") for v in vs or ()]
                for k, vs in raw.items()
                if k.lower() in wanted
            }
            entry = entry_from_ldap(attributes, source.mapping)
            if entry.uid in people:
                raise InvalidEntry(f"uid {entry.uid} appears twice; the first one is kept")
        except (InvalidEntry, UnicodeDecodeError) as exc:
            count += 1
            if len(errors) < MAX_ERRORS:
                errors.append(RowError(f"LDAP entry {n}", str(exc)))
            continue
        people[entry.uid] = entry
        if len(people) > MAX_ENTRIES:
            raise LdapSyncError(f"LDAP returns more than {MAX_ENTRIES} people; narrow --filter")
    return list(people.values()), errors, count


def sync_ldap(
    root: Path,
    source: LdapSource,
    passphrase: str,
    *,
    dry_run: bool = False,
    allow_mass_removal: bool = False,
) -> SyncReport:
    """``wardlink admin directory sync-ldap``: LDAP people become the directory's people."""
    data = RelayDataDir(root)
    data.check_initialised()
    issuer = load_issuing_authority(root, passphrase)  # a wrong passphrase stops us early
    people, errors, error_count = read_people(source)
    if not people:
        raise LdapSyncError(f"LDAP returned no people for {source.search_filter!r}; nothing done")
    store = data.open_store()
    try:
        current, base = current_plan_base(store)
        functions = [e for e in map(decode_entry, current.values()) if e.is_function]
        change = plan_changes(current, base, [*people, *functions], replace_all=True)
        share = len(change.removed) / max(1, len(current) - len(functions))
        if share > MAX_REMOVAL_SHARE and not allow_mass_removal:
            raise LdapSyncError(
                f"the sync would remove {len(change.removed)} of {len(current)} entries; "
                "check --base/--filter, or pass --allow-mass-removal"
            )
        result, handovers = publish_planned(
            store, issuer, current, change, f"ldap {source.url}", dry_run=dry_run
        )
    finally:
        store.close()
    audit_publish(data, result, f"ldap {source.url}")
    audit_imported(data.audit(), handovers)  # leavers' accounts handed to who is left
    return SyncReport(result, len(people), tuple(errors), error_count)
