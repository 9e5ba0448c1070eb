"""`wardlink client --profile DIR calls [--json]`: the call history kept in the container
(newest first; works offline). Text: one line per call; --json: one object per line."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

from desktop_app.services import call_history
from desktop_app.services.messenger import Messenger


def register_call_history(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from desktop_app.commands.client_cmd import _run  # here: client_cmd imports call_cmd

    p = actions.add_parser("calls", help="the call history on this PC (newest first)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_run(_calls, online=False))


async def _calls(m: Messenger, args: argparse.Namespace) -> int:
    rows = call_history.listing(m.s)
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
            continue
        started = datetime.fromtimestamp(int(str(row["started_ms"])) / 1000, UTC).astimezone()
        seconds = int(str(row["duration_s"]))
        role = f" ({m.s.display_name(str(row['role']))})" if row["role"] else ""
        print(
            f"{started:%Y-%m-%d %H:%M}  {row['kind']:<8}  {row['peer_name']}{role}  "
            f"{seconds // 60}:{seconds % 60:02d}  {row['outcome']}"
        )
    if not rows and not args.json:
        print("no calls")
    return 0
