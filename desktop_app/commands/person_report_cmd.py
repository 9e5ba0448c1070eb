"""`wardlink admin --data DIR person report UID [--out FILE] [--format json|text]`.

IT's answer to a person who asks what WardLink keeps about them (Art. 15 GDPR access,
Art. 20 portability): relay/person_report.py gathers it, content-free; this prints it
as text to read or JSON to hand over. The file is written private (0600): the report
is personal data. Making it is audited (``person_reported``, with the operator).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop_app.commands.person_report_text import render
from desktop_app.commands.terminal_text import printable
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.person_report import person_report


def register_person_report(psub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = psub.add_parser(
        "report",
        help="everything the relay holds about one person (for a request of access), "
        "without message contents; audited",
    )
    report.add_argument("uid")
    report.add_argument("--format", choices=("json", "text"), default="text")
    report.add_argument("--out", type=Path, default=None, metavar="FILE", help="default stdout")
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    if args.out is not None and args.out.exists():
        raise AdminInputError(f"{args.out} exists; name a new file for the report")
    doc = person_report(args.data, args.uid, args.format)
    text = (
        json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if args.format == "json"
        else render(doc)
    )
    body = printable(text)  # C1 controls as \u00XX: still the same JSON, safe on a terminal
    if args.out is None:
        sys.stdout.write(body)
        return 0
    try:
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
    except OSError as exc:
        raise AdminInputError(f"cannot write {args.out}: {exc.strerror}") from None
    print(f"report on {args.uid} written to {args.out} ({args.format})", file=sys.stderr)
    return 0
