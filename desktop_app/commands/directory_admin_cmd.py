"""`wardlink admin --data DIR directory …`: import, sync from LDAP, show, hand over roles.

Publishing signs a new directory version with the issuing key, so every command that
changes the directory needs the admin passphrase (``WARDLINK_ADMIN_PASSPHRASE`` or a
prompt). ``--dry-run`` shows the changes and writes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop_app.commands.relay_cmd import ADMIN_PASSPHRASE_ENV
from desktop_app.commands.secrets_input import read_passphrase
from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.directory.ldap_mapping import Schema, mapping_for
from desktop_app.relay.admin import iso_ms, now_ms
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import (
    PublishResult,
    import_directory,
)
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.ldap_sync import LdapSource, sync_ldap
from desktop_app.relay.role_handover import it_set_holders

MAX_LISTED = 20


def register_directory(asub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    directory = asub.add_parser(
        "directory", help="the staff directory: import, LDAP sync, role holders, history"
    )
    dsub = directory.add_subparsers(dest="directory_action", required=True, metavar="ACTION")

    imp = dsub.add_parser("import", help="add or update entries from a CSV or LDIF file")
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--replace", action="store_true", help="remove entries that are not in the file"
    )
    imp.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    imp.set_defaults(handler=_import)

    sync = dsub.add_parser("sync-ldap", help="make the directory's people those of LDAP/AD")
    sync.add_argument("--url", required=True, help="ldap://HOST[:PORT] or ldaps://HOST[:PORT]")
    sync.add_argument("--base", required=True, metavar="DN", help="search base")
    sync.add_argument("--bind-dn", metavar="DN", help="bind as this DN (default: anonymous)")
    sync.add_argument(
        "--password-env", metavar="VAR", help="environment variable with the bind password"
    )
    sync.add_argument("--filter", metavar="F", help="LDAP filter selecting the people")
    sync.add_argument(
        "--schema",
        choices=[s.value for s in Schema],
        default=Schema.OPENLDAP.value,
        help="attribute preset: openldap (inetOrgPerson) or ad (sAMAccountName, displayName)",
    )
    sync.add_argument(
        "--map", action="append", default=[], metavar="attr=ldapAttr", help="override one field"
    )
    sync.add_argument("--starttls", action="store_true", help="upgrade ldap:// with StartTLS")
    sync.add_argument("--ca-file", type=Path, help="CA certificates for the LDAP server (PEM)")
    sync.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    sync.add_argument(
        "--allow-mass-removal",
        action="store_true",
        help="allow a sync that removes more than a fifth of the people",
    )
    sync.set_defaults(handler=_sync_ldap)

    holders = dsub.add_parser("set-holders", help="who holds a functional account now")
    holders.add_argument("role_uid")
    holders.add_argument("uids", nargs="+")
    holders.set_defaults(handler=_set_holders)

    handovers = dsub.add_parser("handovers", help="recorded hand-overs of functional accounts")
    handovers.add_argument("role_uid", nargs="?")
    handovers.set_defaults(handler=_handovers)

    history = dsub.add_parser("history", help="the latest directory versions")
    history.set_defaults(handler=_history)


def print_changes(result: PublishResult, dry_run: bool) -> None:
    change = result.plan
    for label, uids in (("added", change.added), ("changed", change.changed),
                        ("removed", change.removed)):  # fmt: skip
        shown = ", ".join(uids[:MAX_LISTED]) + (" …" if len(uids) > MAX_LISTED else "")
        print(f"{label}: {len(uids)}" + (f" ({shown})" if uids else ""))
    if result.revoked_devices:
        print(f"revoked devices: {', '.join(result.revoked_devices)}")
    if result.returning:
        back = ", ".join(result.returning[:MAX_LISTED])
        more = " …" if len(result.returning) > MAX_LISTED else ""
        print(
            f"warning: {back}{more} left the directory before (admin person remove, or a "
            f"sync) and {'would come' if dry_run else 'came'} back with this source; if they "
            "have not returned to the hospital, correct the source (HR export, LDAP)"
            + ("" if dry_run else " and run `admin person remove UID` again"),
            file=sys.stderr,
        )
    if dry_run:
        print("dry run: nothing was written")
    elif result.version is None:
        print("no changes; the directory stays as it is")
    else:
        print(f"published directory version {result.version}")


def _import(args: argparse.Namespace) -> int:
    passphrase = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    report = import_directory(
        args.data, args.file, passphrase, replace_all=args.replace, dry_run=args.dry_run
    )
    for error in report.errors:
        print(f"{args.file.name}: {error}")
    if report.error_count > len(report.errors):
        print(f"… and {report.error_count - len(report.errors)} more errors")
    print_changes(report.publish, args.dry_run)
    return 0 if report.error_count == 0 else 2


def _sync_ldap(args: argparse.Namespace) -> int:
    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if not password:
            raise AdminInputError(f"--password-env {args.password_env}: the variable is not set")
    if password and not args.bind_dn:
        raise AdminInputError("--password-env needs --bind-dn")
    if args.bind_dn and not password:
        raise AdminInputError(
            "--bind-dn needs --password-env VAR (the variable holding its password); "
            "without --bind-dn the sync binds anonymously"
        )
    schema = Schema(args.schema)
    source = LdapSource.create(
        args.url,
        args.base,
        schema,
        mapping_for(schema, args.map),
        search_filter=args.filter,
        bind_dn=args.bind_dn,
        password=password,
        starttls=args.starttls,
        ca_file=args.ca_file,
    )
    passphrase = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    report = sync_ldap(
        args.data,
        source,
        passphrase,
        dry_run=args.dry_run,
        allow_mass_removal=args.allow_mass_removal,
    )
    for error in report.errors:
        print(f"skipped {error}")
    if report.error_count > len(report.errors):
        print(f"… and {report.error_count - len(report.errors)} more skipped")
    print(f"LDAP: {report.people} people")
    print_changes(report.publish, args.dry_run)
    return 0


def _set_holders(args: argparse.Namespace) -> int:
    passphrase = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    data = RelayDataDir(args.data)
    data.check_initialised()
    issuer = load_issuing_authority(args.data, passphrase)
    store = data.open_store()
    try:
        version = it_set_holders(store, issuer, data.audit(), args.role_uid, args.uids, now_ms())
    finally:
        store.close()
    data.audit().record(
        "directory_published", version=version, source=f"holders of {args.role_uid} set by it",
        added=0, changed=1, removed=0,
    )  # fmt: skip
    print(f"{args.role_uid} is now held by {', '.join(args.uids)}")
    print(f"published directory version {version}")
    return 0


def _handovers(args: argparse.Namespace) -> int:
    data = RelayDataDir(args.data)
    data.check_initialised()
    store = data.open_store()
    try:
        records = store.handovers(args.role_uid)
    finally:
        store.close()
    if not records:
        print("no hand-overs recorded")
    for h in records:
        print(f"{iso_ms(h.at)}  {h.role_uid:<24} -> {', '.join(h.holders):<30} by {h.set_by}"
              f"  (version {h.version})")  # fmt: skip
    return 0


def _history(args: argparse.Namespace) -> int:
    data = RelayDataDir(args.data)
    data.check_initialised()
    store = data.open_store()
    try:
        versions = store.directory_history()
    finally:
        store.close()
    if not versions:
        print("no directory yet")
    for v in versions:
        print(
            f"version {v.version}  {iso_ms(v.created_at)}  +{v.added} ~{v.changed} -{v.removed}"
            f"  {v.source}"
        )
    return 0
