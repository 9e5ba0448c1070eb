"""`wardlink admin --data DIR …`: enroll staff devices, list them, revoke a lost one.

Works next to a running relay (same data directory): the store is SQLite in WAL mode
and each command is a few short transactions. `revoke` signs a new revocation list and
so needs the admin passphrase (``WARDLINK_ADMIN_PASSPHRASE`` or a prompt); the running
relay pushes that list to connected clients within a second and refuses the device.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from desktop_app.commands.audit_cmd import OPERATOR_ENV, operator_name, register_audit
from desktop_app.commands.directory_admin_cmd import register_directory
from desktop_app.commands.id_args import add_id_argument
from desktop_app.commands.person_report_cmd import register_person_report
from desktop_app.commands.relay_cmd import ADMIN_PASSPHRASE_ENV
from desktop_app.commands.secrets_input import read_passphrase
from desktop_app.commands.terminal_text import one_cell
from desktop_app.relay import audit
from desktop_app.relay.admin import (
    DEFAULT_CODE_TTL,
    expiring_devices,
    iso_ms,
    issue_code,
    list_devices,
    revoke,
)
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.issuing_rotation import issuer_name
from desktop_app.relay.leavers import remove_person

_TTL = re.compile(r"^(\d{1,6})([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    admin = sub.add_parser("admin", help="enroll, list and revoke devices of a relay")
    admin.add_argument(
        "--data", type=Path, required=True, metavar="DIR", help="the relay's data directory"
    )
    admin.add_argument(
        "--operator",
        default=None,
        metavar="NAME",
        help=f"who is acting, recorded in the audit log (default ${OPERATOR_ENV}, "
        "else the login name)",
    )
    asub = admin.add_subparsers(dest="action", required=True, metavar="ACTION")

    enroll = asub.add_parser("enroll", help="print a one-time enrollment code for a person")
    enroll.add_argument("uid", help="the person's directory uid, e.g. weber.anna")
    enroll.add_argument(
        "--ttl", default="24h", help="how long the code is valid: 30m, 24h, 7d (default 24h)"
    )
    enroll.set_defaults(handler=_enroll)

    devices = asub.add_parser("devices", help="list enrolled devices (of one person)")
    devices.add_argument("uid", nargs="?", default=None)
    devices.add_argument(
        "--expiring",
        metavar="DAYS",
        type=_days,
        default=None,
        help="only devices whose certificate expires within DAYS (soonest first)",
    )
    devices.set_defaults(handler=_devices)

    rev = asub.add_parser("revoke", help="revoke a device: it can no longer log in or receive")
    add_id_argument(rev, "device_id", "the device's id, as 'admin devices' lists it")
    rev.add_argument(
        "--keep-data",
        action="store_true",
        help="do NOT wipe the device's WardLink data (a PC revoked by mistake; audited)",
    )
    rev.set_defaults(handler=_revoke)

    person = asub.add_parser("person", help="a person leaving, or asking what is kept")
    psub = person.add_subparsers(dest="person_action", required=True, metavar="ACTION")
    remove = psub.add_parser(
        "remove",
        help="revoke all their devices (their data on those PCs is deleted), cancel "
        "their enrollment codes, remove them from the directory and functional accounts",
    )
    remove.add_argument("uid")
    remove.set_defaults(handler=_person_remove)
    register_person_report(psub)

    register_directory(asub)
    register_audit(asub)
    _record_operator(admin)


def _record_operator(parser: argparse.ArgumentParser) -> None:
    """Every admin action names its operator in the audit lines it writes."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _record_operator(child)
    handler = parser.get_default("handler")
    if handler is not None:
        parser.set_defaults(handler=_with_operator(handler))


def _with_operator(handler: Handler) -> Handler:
    def run(args: argparse.Namespace) -> int:
        audit.set_operator(operator_name(args.operator))
        return handler(args)

    return run


def parse_ttl(text: str) -> timedelta:
    """``90m``, ``24h``, ``7d``, ``45s`` -> timedelta; AdminInputError otherwise."""
    match = _TTL.match(text.strip().lower())
    if match is None:
        raise AdminInputError(f"--ttl {text!r}: use a number and a unit, e.g. 30m, 24h or 7d")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def _enroll(args: argparse.Namespace) -> int:
    ttl = parse_ttl(args.ttl) if args.ttl else DEFAULT_CODE_TTL
    issued = issue_code(args.data, args.uid, ttl)
    print(issued.code)
    print(f"for {issued.uid}, single use, valid until {iso_ms(issued.expires_ms)}")
    return 0


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"DAYS must be a whole number of days: {text!r}")
    return int(text)


def _shown_name(device_name: str) -> str:
    """A device's name as its enrolling client chose it (any text): control characters,
    line breaks and direction controls made visible, so a name can neither move the
    cursor and erase rows of the listing nor write a row of its own or reorder one."""
    return one_cell(device_name)[:20]


def _expiring(args: argparse.Namespace) -> int:
    found = [
        (r, expires)
        for r, expires in expiring_devices(args.data, timedelta(days=args.expiring))
        if args.uid is None or r.uid == args.uid
    ]
    if not found:
        print(f"no device certificate expires within {args.expiring} days")
        return 0
    print(f"{'UID':<20} {'DEVICE':<26} {'NAME':<20} {'EXPIRES':<20} LAST SEEN")
    for r, expires in found:
        print(
            f"{r.uid:<20} {r.device_id:<26} {_shown_name(r.device_name):<20} "
            f"{expires:%Y-%m-%dT%H:%M:%SZ} "
            f"{iso_ms(r.last_seen) if r.last_seen else '-'}"
        )
    return 0


def _devices(args: argparse.Namespace) -> int:
    if args.expiring is not None:
        return _expiring(args)
    records = list_devices(args.data, args.uid)
    if not records:
        print("no devices" + (f" for {args.uid}" if args.uid else ""))
        return 0
    print(
        f"{'UID':<20} {'DEVICE':<26} {'NAME':<20} {'ENROLLED':<20} {'LAST SEEN':<20} "
        f"{'ISSUER':<28} REVOKED"
    )
    for r in records:  # ISSUER: which issuing CA signed it (rotate-issuing --finish waits)
        print(
            f"{r.uid:<20} {r.device_id:<26} {_shown_name(r.device_name):<20} "
            f"{iso_ms(r.enrolled_at):<20} "
            f"{iso_ms(r.last_seen) if r.last_seen else '-':<20} "
            f"{issuer_name(r.certificate)[:28]:<28} "
            f"{iso_ms(r.revoked_at) if r.revoked_at else '-'}"
        )
    return 0


def _revoke(args: argparse.Namespace) -> int:
    passphrase = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    result = revoke(args.data, args.device_id, passphrase, keep_data=args.keep_data)
    device = result.device
    if result.already_revoked:
        print(f"device {device.device_id} of {device.uid} was already revoked")
    else:
        print(
            f"revoked device {device.device_id} of {device.uid}; "
            f"revocation list {result.crl_number} published; its data on the PC "
            + ("is kept (--keep-data)" if args.keep_data else "will be deleted")
        )
    return 0


def _person_remove(args: argparse.Namespace) -> int:
    passphrase = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    done = remove_person(args.data, args.uid, passphrase)
    if not (done.revoked_devices or done.cancelled_codes or done.directory_version):
        print(
            f"{done.uid} was already removed: no live device, no unused enrollment code, not "
            "in the directory; nothing changed"
        )
        return 0
    print(
        f"removed {done.uid}: {len(done.revoked_devices)} device(s) revoked (their data "
        f"is deleted when they see the list), {done.cancelled_codes} enrollment code(s) "
        "cancelled"
        + (f", directory version {done.directory_version}" if done.directory_version else "")
        + (f", no longer holds {', '.join(done.roles_left)}" if done.roles_left else "")
    )
    return 0
