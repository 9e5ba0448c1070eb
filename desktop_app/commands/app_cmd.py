"""`wardlink app`: the desktop app for ward staff (what the Start menu entry runs).

Parsing stays Qt-free; ``desktop_app.ui.launch`` imports PySide6 only inside ``run``.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    app = sub.add_parser("app", help="start the WardLink desktop app")
    app.add_argument(
        "--profiles",
        type=Path,
        metavar="DIR",
        help="where this PC keeps people's containers (default: the per-user data folder)",
    )
    app.add_argument(
        "--relay",
        metavar="HOST:PORT[,HOST:PORT]",
        help="use this relay (or these relay nodes, in turn) instead of policy/discovery",
    )
    app.add_argument(
        "--no-discovery", action="store_true", help="do not look for relays by zeroconf"
    )
    app.add_argument("--lang", choices=("de", "en"), help="user interface language")
    app.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from desktop_app.ui.launch import LaunchOptions, run

    return run(
        LaunchOptions(
            profile_root=args.profiles,
            relay=args.relay,
            discovery=not args.no_discovery,
            language=args.lang,
        )
    )
