"""`wardlink relay passwd --data DIR`: a new admin passphrase for the organisation's keys.

For when someone who knew it leaves IT. The relay that runs keeps the keys it opened at
start; the new passphrase is asked at its next start, and by every admin command from
now on. Other relay nodes with a copy of the data directory keep their own key files:
the command runs on each (docs/relay.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands.audit_cmd import operator_name
from desktop_app.commands.secrets_input import (
    ADMIN_PASSPHRASE_ENV,
    NEW_PASSPHRASE_ENV,
    read_new_passphrase,
    read_passphrase,
)
from desktop_app.crypto.org_passphrase import change_admin_passphrase
from desktop_app.relay.data_dir import RelayDataDir


def register_passwd(rsub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    passwd = rsub.add_parser(
        "passwd",
        help="a new admin passphrase for the organisation's keys (someone who knew it left)",
    )
    passwd.add_argument("--data", type=Path, required=True, help="the relay's data directory")
    passwd.add_argument("--operator", default=None, help="who is acting, recorded in the audit log")
    passwd.set_defaults(handler=_passwd)


def _passwd(args: argparse.Namespace) -> int:
    data = RelayDataDir(args.data)
    operator = operator_name(args.operator)
    old = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    new = read_new_passphrase(NEW_PASSPHRASE_ENV, heading="The new admin passphrase:")
    written = change_admin_passphrase(args.data, old, new)
    data.audit().record("admin_passphrase_changed", operator=operator, count=len(written))
    if not written:
        print("every organisation key opens with the new passphrase already; nothing to do")
        return 0
    print(f"wrapped {', '.join(written)} under the new admin passphrase")
    print(
        "  the running relay keeps working; give the new passphrase at its next start. "
        "Other relay nodes: run this on each of their data directories too."
    )
    return 0
