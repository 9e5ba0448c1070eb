"""`wardlink issuing sign-enrollments`: IT's admin workstation signs waiting devices.

Offline issuing (docs/trust.md): the relay host holds no key that may certify a device.
`wardlink relay pending-enrollments` writes the waiting requests to a file; this command
shows each one (person, device name, when the code was issued and used, the device's key
fingerprint, which the waiting PC shows too), signs them with the device CA key from the
offline keys directory (signing passphrase: ``WARDLINK_SIGNING_PASSPHRASE`` or a prompt)
and writes the certificates for `wardlink relay import-certificates`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands.id_args import add_id_option
from desktop_app.commands.relay_cmd import SIGNING_PASSPHRASE_ENV
from desktop_app.commands.secrets_input import read_passphrase
from desktop_app.relay.admin import iso_ms
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.offline_issuing import WorkstationSigner, read_requests, sign_requests


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    issuing = sub.add_parser(
        "issuing", help="offline issuing: sign devices on the admin workstation"
    )
    isub = issuing.add_subparsers(dest="action", required=True, metavar="ACTION")
    sign = isub.add_parser(
        "sign-enrollments", help="sign the device requests exported from the relay"
    )
    sign.add_argument("requests", type=Path, help="the file from 'relay pending-enrollments'")
    sign.add_argument(
        "--keys", type=Path, required=True, metavar="DIR", help="the offline keys directory"
    )
    sign.add_argument("--out", type=Path, required=True, metavar="FILE", help="certificates file")
    add_id_option(
        sign,
        "--device",
        "device",
        action="append",
        default=[],
        metavar="ID",
        help="sign only this device (repeatable; default: every request in the file)",
    )
    sign.set_defaults(handler=_sign)


def _sign(args: argparse.Namespace) -> int:
    passphrase = read_passphrase("Signing passphrase: ", SIGNING_PASSPHRASE_ENV)
    signer = WorkstationSigner.load(args.keys, passphrase)
    org = signer.organisation
    try:
        data = args.requests.read_bytes()
    except OSError as exc:
        raise AdminInputError(f"cannot read {args.requests}: {exc.strerror}") from None
    requests = read_requests(data, org)
    if args.device:
        unknown = set(args.device) - {r.device_id for r in requests}
        if unknown:
            raise AdminInputError(f"no request for device {', '.join(sorted(unknown))}")
        requests = [r for r in requests if r.device_id in args.device]
    if not requests:
        print("no requests to sign")
        return 0
    for r in requests:
        print(f"{r.uid}: device {r.device_id} {r.device_name!r}")
        if r.renewal:
            print(f"  renewal of its current keys, asked {iso_ms(r.requested_at)}")
        else:
            print(f"  code issued {iso_ms(r.code_issued_at)}, used {iso_ms(r.requested_at)}")
        print(f"  device key fingerprint: {r.key_fingerprint}")
    if args.out.exists():
        raise AdminInputError(f"{args.out} exists; choose another file")
    args.out.write_bytes(sign_requests(requests, signer, org))
    print(f"signed {len(requests)} device(s) for {org.name}; import {args.out} on the relay")
    return 0
