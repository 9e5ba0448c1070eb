"""`wardlink admin --data DIR audit verify|export`: check and hand over the audit log.

``verify`` walks the hash chain over every kept file and names each break by file and
line (exit 1 if any). ``export --from DAY --to DAY`` writes the entries of those UTC days
as JSON lines (the stored lines, byte for byte) or CSV, to stdout or a file, for the data
protection officer; the export itself is recorded in the audit log.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path

from desktop_app.relay import audit_chain
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.errors import AdminInputError

OPERATOR_ENV = "WARDLINK_OPERATOR"
MAX_OPERATOR_CHARS = 64


def register_audit(asub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = asub.add_parser("audit", help="verify or export the relay's audit log")
    ausub = audit.add_subparsers(dest="audit_action", required=True, metavar="ACTION")
    ver = ausub.add_parser("verify", help="check the hash chain over every kept file")
    ver.set_defaults(handler=_verify)
    exp = ausub.add_parser("export", help="entries of some days, as JSON lines or CSV")
    exp.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    exp.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    exp.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    exp.add_argument("--output", type=Path, default=None, metavar="FILE", help="default stdout")
    exp.set_defaults(handler=_export)


def _verify(args: argparse.Namespace) -> int:
    data = RelayDataDir(args.data)
    data.check_initialised()
    with audit_chain.locked(data.audit_path):
        verdict = audit_chain.verify(data.audit_path)
    for problem in verdict.problems:
        print(problem)
    summary = (
        f"{verdict.lines} lines in {verdict.files} file{'s' if verdict.files != 1 else ''}, "
        f"{verdict.first_ts or '-'} to "
        f"{verdict.last_ts or '-'}; head {verdict.head}"
    )
    if verdict.unchained:
        summary += f"; {verdict.unchained} older lines without hash chain"
    if verdict.problems:
        print(f"audit log NOT intact: {len(verdict.problems)} breaks; {summary}")
        return 1
    print(f"audit log intact: {summary}")
    return 0


def _day(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AdminInputError(f"{flag} {text!r}: use a date like 2026-12-31") from None


def _export(args: argparse.Namespace) -> int:
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    if end < start:
        raise AdminInputError("--to is before --from")
    data = RelayDataDir(args.data)
    data.check_initialised()
    if args.output is None:
        count = audit_chain.export(data.audit_path, start, end, sys.stdout, args.format)
    else:
        with args.output.open("w", encoding="utf-8", newline="") as out:
            count = audit_chain.export(data.audit_path, start, end, out, args.format)
        print(f"{count} entries written to {args.output}", file=sys.stderr)
    data.audit().record("audit_exported", **{"from": args.start, "to": args.end})
    return 0


def operator_name(given: str | None) -> str:
    """--operator, else $WARDLINK_OPERATOR, else the OS login name; one printable line."""
    name = (given or os.environ.get(OPERATOR_ENV) or _login_name()).strip()
    if not name or len(name) > MAX_OPERATOR_CHARS or not name.isprintable():
        raise AdminInputError(
            f"operator name {name!r}: give 1 to {MAX_OPERATOR_CHARS} printable characters"
        )
    return name


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's random uid)
        return "unknown"
