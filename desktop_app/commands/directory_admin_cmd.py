"""`wardlink admin --data DIR directory …`: import, sync from LDAP, show, hand over roles.

Publishing signs a new directory version with the issuing key, so every command that
changes the directory needs the admin passphrase (``WARDLINK_ADMIN_PASSPHRASE`` or a
prompt). ``--dry-run`` shows the changes and writes nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands.relay_cmd import ADMIN_PASSPHRASE_ENV
from desktop_app.commands.secrets_input import read_passphrase
from desktop_app.relay.admin import iso_ms
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import PublishResult, import_directory

MAX_LISTED = 20


def register_directory(asub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    directory = asub.add_parser("directory", help="the staff directory: import, LDAP sync, show")
    dsub = directory.add_subparsers(dest="directory_action", required=True, metavar="ACTION")

    imp = dsub.add_parser("import", help="add or update entries from a CSV or LDIF file")
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--replace", action="store_true", help="remove entries that are not in the file"
    )
    imp.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    imp.set_defaults(handler=_import)

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
