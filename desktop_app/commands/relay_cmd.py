"""`wardlink relay init` and `wardlink relay serve`: create and run an organisation's relay.

The admin passphrase comes from ``WARDLINK_ADMIN_PASSPHRASE`` or a hidden prompt. `serve`
prints exactly one line, ``listening on HOST:PORT``, on stdout once it accepts
connections (scripts and tests wait for it); everything else it says goes to stderr as
log lines, and security events go to the data directory's audit.log.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
import sys
from pathlib import Path

from desktop_app.commands.admin_passphrase_cmd import register_passwd
from desktop_app.commands.audit_cmd import operator_name
from desktop_app.commands.secrets_input import (
    ADMIN_PASSPHRASE_ENV,
    read_new_passphrase,
    read_passphrase,
)
from desktop_app.crypto.profile import MAX_CN_BYTES
from desktop_app.relay import audit, log_filter
from desktop_app.relay.admin import init_relay
from desktop_app.relay.advertise import AdvertiseConfig
from desktop_app.relay.cert_lifecycle import rotate_tls
from desktop_app.relay.child import ready_line
from desktop_app.relay.data_dir import DEFAULT_RETENTION_DAYS
from desktop_app.relay.db_key import DEFAULT_DB_KEY_FILE
from desktop_app.relay.encrypt_store import encrypt_store
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.issuing_rotation import finish_rotation, rotate_issuing
from desktop_app.relay.metrics import MetricsAddress
from desktop_app.relay.migrate_store import migrate_store
from desktop_app.relay.nodes import init_node
from desktop_app.relay.offline_issuing import export_pending, import_certificates
from desktop_app.relay.runner import RelayRunner
from desktop_app.relay.store_renewals import PendingRenewal

SIGNING_PASSPHRASE_ENV = "WARDLINK_SIGNING_PASSPHRASE"  # noqa: S105 (offline issuing keys)
DEFAULT_HOSTS = ("127.0.0.1", "localhost")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
log = logging.getLogger("wardlink.relay")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    relay = sub.add_parser("relay", help="create and run the organisation's relay")
    rsub = relay.add_subparsers(dest="action", required=True, metavar="ACTION")

    init = rsub.add_parser("init", help="create the organisation, its keys and the relay")
    _data_arg(init)
    init.add_argument("--org", required=True, help='organisation name, e.g. "Klinikum Nord"')
    init.add_argument(
        "--host",
        action="append",
        default=None,
        metavar="H",
        help="DNS name or IP address clients use (repeatable; default: 127.0.0.1, "
        "localhost and this machine's host name)",
    )
    init.add_argument(
        "--retention-days",
        type=int,
        default=DEFAULT_RETENTION_DAYS,
        help=f"undelivered messages and attachments expire after this (default "
        f"{DEFAULT_RETENTION_DAYS})",
    )
    init.add_argument(
        "--offline-issuing",
        type=Path,
        default=None,
        metavar="KEYS_DIR",
        help="sign devices on IT's workstation: the root and device CA keys go to KEYS_DIR "
        "(removable media / the admin workstation, under a separate signing passphrase), "
        "never into the relay's data directory (default: online issuing, which trusts the "
        "relay host)",
    )
    init.add_argument(
        "--encrypt-db",
        action="store_true",
        help="encrypt relay.db at rest (SQLCipher); its random key goes to --db-key-file",
    )
    init.add_argument(
        "--db-key-file",
        type=Path,
        default=DEFAULT_DB_KEY_FILE,
        metavar="FILE",
        help=f"where --encrypt-db puts the key: outside the data directory, readable only "
        f"by the relay's service user (default {DEFAULT_DB_KEY_FILE})",
    )
    _database_arg(init)
    _password_file_arg(init)
    init.set_defaults(handler=_init)

    node = rsub.add_parser(
        "init-node",
        help="another relay node of an organisation whose store is in PostgreSQL",
    )
    _data_arg(node)
    node.add_argument(
        "--from",
        dest="first",
        type=Path,
        required=True,
        metavar="DIR",
        help="the data directory of an existing node (its org files are copied, not its root key)",
    )
    node.add_argument(
        "--host",
        action="append",
        default=None,
        metavar="H",
        help="DNS name or IP address clients use for this node (repeatable)",
    )
    node.set_defaults(handler=_init_node)

    pending = rsub.add_parser(
        "pending-enrollments", help="offline issuing: write the devices waiting for IT to a file"
    )
    _data_arg(pending)
    pending.add_argument("--out", type=Path, required=True, metavar="FILE")
    pending.set_defaults(handler=_pending)

    imp = rsub.add_parser(
        "import-certificates", help="offline issuing: store the certificates IT signed"
    )
    _data_arg(imp)
    imp.add_argument("certificates", type=Path, help="the file from 'issuing sign-enrollments'")
    imp.set_defaults(handler=_import)

    rotate = rsub.add_parser(
        "rotate-tls", help="new TLS key and certificate for the relay (restart it afterwards)"
    )
    _data_arg(rotate)
    rotate.add_argument(
        "--host",
        action="append",
        default=None,
        metavar="H",
        help="DNS name or IP address clients use (repeatable; default: those of the "
        "current certificate)",
    )
    rotate.set_defaults(handler=_rotate_tls)

    issuing = rsub.add_parser(
        "rotate-issuing",
        help="the root certifies a new issuing CA; devices renew onto it (restart the relay)",
    )
    _data_arg(issuing)
    issuing.add_argument(
        "--keys",
        type=Path,
        default=None,
        metavar="KEYS_DIR",
        help="offline issuing: the keys directory with the root key (signing passphrase)",
    )
    issuing.add_argument(
        "--finish",
        action="store_true",
        help="drop the previous issuing CA once every live device renewed",
    )
    issuing.add_argument(
        "--force",
        action="store_true",
        help="with --finish: drop it even if devices still use it (they must re-enroll)",
    )
    issuing.set_defaults(handler=_rotate_issuing)

    move = rsub.add_parser(
        "migrate-store",
        help="copy the relay's SQLite store into PostgreSQL (relay stopped), verified",
    )
    _data_arg(move)
    move.add_argument(
        "--to", required=True, metavar="postgresql://USER@HOST:PORT/DB", help="an empty database"
    )
    _password_file_arg(move)
    move.set_defaults(handler=_migrate_store)

    encrypt = rsub.add_parser(
        "encrypt-db", help="encrypt an existing relay.db at rest (relay stopped), verified"
    )
    _data_arg(encrypt)
    encrypt.add_argument(
        "--db-key-file",
        type=Path,
        default=DEFAULT_DB_KEY_FILE,
        metavar="FILE",
        help=f"where the new key goes: outside the data directory, readable only by the "
        f"relay's service user (default {DEFAULT_DB_KEY_FILE})",
    )
    encrypt.set_defaults(handler=_encrypt_db)
    register_passwd(rsub)

    serve = rsub.add_parser("serve", help="run the relay until SIGTERM or Ctrl-C")
    _data_arg(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=0, help="TCP port (0 picks a free one)")
    _advertise_args(serve)
    _database_arg(serve)
    serve.add_argument(
        "--metrics",
        default="",
        metavar="HOST:PORT",
        help="serve Prometheus metrics (counts and times, no content) at "
        'http://HOST:PORT/metrics; overrides relay.json\'s "metrics" (docs/scale.md)',
    )
    serve.set_defaults(handler=_serve)


def _password_file_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-password-file",
        default="",
        metavar="FILE",
        help="file holding the PostgreSQL password, readable only by the relay's service "
        "user (else $WARDLINK_DB_PASSWORD or PGPASSWORD; never on the command line)",
    )


def _database_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        default="",
        metavar="postgresql://USER@HOST:PORT/DB",
        help="keep the store in this PostgreSQL database instead of relay.db (the "
        "password comes from $WARDLINK_DB_PASSWORD, PGPASSWORD or "
        "database_password_file in relay.json; docs/scale.md)",
    )


def _advertise_args(serve: argparse.ArgumentParser) -> None:
    """Zeroconf flags of `relay serve` (docs/discovery.md)."""
    serve.add_argument(
        "--no-advertise",
        action="store_true",
        help="do not announce the relay with zeroconf (_wardlink._tcp.local.)",
    )
    serve.add_argument(
        "--advertise-interface",
        action="append",
        default=[],
        metavar="IF",
        help="interface name or IP address to advertise on (repeatable; default: the "
        "--host address, or every interface for 0.0.0.0)",
    )


def advertise_config(args: argparse.Namespace) -> AdvertiseConfig | None:
    if args.no_advertise:
        return None
    return AdvertiseConfig(interfaces=tuple(args.advertise_interface))


def _data_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, required=True, metavar="DIR", help="the relay's data directory"
    )


def default_hosts() -> list[str]:
    hosts = list(DEFAULT_HOSTS)
    name = socket.gethostname()
    if name and name not in hosts and len(name.encode()) <= MAX_CN_BYTES and name.isprintable():
        hosts.append(name)
    return hosts


def _init_node(args: argparse.Namespace) -> int:
    audit.set_operator(operator_name(None))
    hosts = args.host if args.host else default_hosts()
    passphrase = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    node = init_node(args.data, args.first, passphrase, hosts)
    print(f"created relay node {node.relay_id} of {node.org_name} in {args.data}")
    print(f"TLS certificate for: {', '.join(hosts)}; store {node.database}")
    return 0


def _init(args: argparse.Namespace) -> int:
    audit.set_operator(operator_name(None))  # who created the relay ($WARDLINK_OPERATOR)
    hosts = args.host if args.host else default_hosts()
    passphrase = read_new_passphrase(ADMIN_PASSPHRASE_ENV)
    signing = None
    if args.offline_issuing is not None:
        signing = read_new_passphrase(
            SIGNING_PASSPHRASE_ENV,
            heading="Signing passphrase for the offline keys (not the admin passphrase):",
        )
    result = init_relay(
        args.data,
        args.org,
        passphrase,
        hosts,
        retention_days=args.retention_days,
        offline_keys=args.offline_issuing,
        signing_passphrase=signing,
        db_key_file=args.db_key_file if args.encrypt_db else None,
        database=args.database,
        database_password_file=args.database_password_file,
    )
    data = result.data
    print(f"created relay {result.settings.relay_id} for {result.settings.org_name}")
    print(f"organisation fingerprint: {result.fingerprint_text}")
    print(f"TLS certificate for: {', '.join(result.hosts)}")
    print(f"data directory: {data.root}")
    store = result.settings.database or data.db_path.name
    print(
        f"  store {store}, attachments {data.blobs_path.name}/, audit log "
        f"{data.audit_path.name}, settings {data.settings_path.name}"
    )
    if args.encrypt_db:
        print(f"  {data.db_path.name} is encrypted; its key is in {args.db_key_file} (back it up")
        print("  separately: without it the store cannot be opened)")
    if args.offline_issuing is None:
        print("  org-root.key.json holds the root key: keep a backup offline; serve never needs it")
        print("  online issuing: the relay signs devices itself (it trusts the relay host)")
        return 0
    print(f"offline issuing: root and device CA keys in {args.offline_issuing}")
    print("  keep that directory off the relay host (admin workstation, safe); the relay")
    print("  cannot certify devices: sign them with 'wardlink issuing sign-enrollments'")
    return 0


def _pending(args: argparse.Namespace) -> int:
    if args.out.exists():
        raise AdminInputError(f"{args.out} exists; choose another file")
    data, waiting = export_pending(args.data)
    args.out.write_bytes(data)
    for r in waiting:
        what = "renewal" if r.renewal else "enrollment"
        print(f"{r.uid}: device {r.device_id} {r.device_name!r} ({what}), key {r.key_fingerprint}")
    print(f"{len(waiting)} device(s) waiting; written to {args.out}")
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        data = args.certificates.read_bytes()
    except OSError as exc:
        raise AdminInputError(f"cannot read {args.certificates}: {exc.strerror}") from None
    done = import_certificates(args.data, data)
    for p in done:
        if isinstance(p, PendingRenewal):
            print(f"{p.uid}: device {p.device_id} picks its renewed certificate up at login")
        else:
            print(f"{p.uid}: device {p.device_id} may now complete its enrollment")
    print(f"imported {len(done)} certificate(s)")
    return 0


def _rotate_tls(args: argparse.Namespace) -> int:
    passphrase = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    done = rotate_tls(args.data, passphrase, args.host)
    cert = done.new.certificate
    print(
        f"relay {done.new.relay_id}: new TLS certificate {cert.serial_number:X} for "
        f"{', '.join(done.hosts)}, valid until {cert.not_valid_after_utc:%Y-%m-%d}"
    )
    print("restart the relay (relay serve) to present it; clients need no change")
    return 0


def _rotate_issuing(args: argparse.Namespace) -> int:
    if args.finish:
        dropped = finish_rotation(args.data, force=args.force)
        print(f"dropped the previous issuing CA {dropped.serial_number:X}; restart the relay")
        return 0
    passphrase = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    signing = read_passphrase("Signing passphrase: ", SIGNING_PASSPHRASE_ENV) if args.keys else None
    done = rotate_issuing(args.data, passphrase, keys_dir=args.keys, signing_passphrase=signing)
    print(
        f"new issuing CA {done.new.serial_number:X} ({done.new.subject.rfc4514_string()}), "
        f"valid until {done.new.not_valid_after_utc:%Y-%m-%d}; the previous one "
        f"{done.old.serial_number:X} stays trusted until `relay rotate-issuing --finish`"
    )
    print(
        "restart the relay (relay serve); devices renew onto the new CA at their next "
        "login (`admin devices` shows each device's issuer)"
    )


def _migrate_store(args: argparse.Namespace) -> int:
    copied = migrate_store(args.data, args.to, args.database_password_file)
    for table in copied:
        print(f"  {table.table:<22} {table.rows:>9} rows  checksum {table.checksum[:16]}")
    print(f"copied and verified {len(copied)} tables into {args.to}; relay.json names it now")
    print(
        "  relay.db is kept as relay.db.migrated (the relay deletes it after retention_days);"
        " blobs/ stays; start the relay again"
    )
    return 0


def _encrypt_db(args: argparse.Namespace) -> int:
    copied = encrypt_store(args.data, args.db_key_file)
    print(f"encrypted relay.db ({len(copied)} tables verified); its key is {args.db_key_file}")
    print("  keep a copy of the key file with the relay's backups: without it relay.db is lost")
    print("  the old plain file was deleted; its blocks may remain on an unencrypted disk")
    return 0


def _metrics_address(text: str) -> MetricsAddress | None:
    return MetricsAddress.parse(text) if text else None


def _serve(args: argparse.Namespace) -> int:
    # Arguments first: a typo ends here, before the process's logging is set up.
    try:
        metrics = _metrics_address(args.metrics)
    except ValueError as exc:
        raise AdminInputError(str(exc)) from None
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format=LOG_FORMAT)
    for handler in logging.getLogger().handlers:  # a flood must not flood the journal
        log_filter.install(handler)
    # websockets logs every connection at INFO without saying who; ours say more.
    logging.getLogger("websockets").setLevel(logging.WARNING)
    passphrase = read_passphrase("Admin passphrase: ", ADMIN_PASSPHRASE_ENV)
    runner = RelayRunner.load(args.data, passphrase, database=args.database)
    # relay.json's address was checked when the settings were read (RelayDataError).
    runner.metrics_address = metrics or _metrics_address(runner.settings.metrics)

    def ready(host: str, port: int) -> None:
        print(ready_line(host, port), flush=True)
        log.info(
            "relay %s of %s serving on %s:%d, store %s",
            runner.settings.relay_id,
            runner.settings.org_name,
            host,
            port,
            runner.settings.database or "relay.db",  # the URL holds no password
        )

    advertise = advertise_config(args)
    asyncio.run(runner.run_until_signal(args.host, args.port, ready, advertise=advertise))
    log.info("relay stopped")
    return 0
