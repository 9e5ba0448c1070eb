"""`wardlink client … search TEXT [--conversation C] [--json]`: search every conversation
on this PC (message text and attachment file names; services/search.py). Offline."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from desktop_app.commands.id_args import add_id_option
from desktop_app.services import conversations
from desktop_app.services.messenger import Messenger
from desktop_app.services.search import DEFAULT_RESULTS, MAX_RESULTS, search

Runner = Callable[..., Callable[[argparse.Namespace], int]]


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner) -> None:
    p = actions.add_parser(
        "search", help="search messages and file names in all conversations (newest first)"
    )
    p.add_argument("text", help="words; each matches as a prefix")
    add_id_option(
        p, "--conversation", "conversation", help="only this conversation (uid or conversation id)"
    )
    p.add_argument(
        "--limit", type=int, default=DEFAULT_RESULTS, help=f"at most this many (1-{MAX_RESULTS})"
    )
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(handler=run(_search, online=False))


async def _search(m: Messenger, args: argparse.Namespace) -> int:
    cid = (
        conversations.resolve(m.s.container, m.s.uid, args.conversation)
        if args.conversation
        else None
    )
    results = search(
        m.s.container, m.s.uid, m.s.display_name, args.text, conversation=cid, limit=args.limit
    )
    for r in results:
        msg = r.message
        if args.json:
            fields = {
                "id": msg.message_id,
                "conversation": msg.conversation_id,
                "conversation_title": r.conversation_title,
                "sender": msg.sender_uid,
                "sender_name": r.sender_name,
                "sent": msg.sent_at.isoformat(),
                "snippet": r.snippet.bracketed(),
                "file_name": r.file_name or None,
            }
            print(json.dumps(fields, ensure_ascii=False))
        else:
            where = f"{r.conversation_title} · {r.sender_name} · {msg.sent_at:%Y-%m-%d %H:%M}"
            print(f"{msg.message_id}  {where}\n    {r.snippet.bracketed()}")
    if not results and not args.json:
        print("no messages found")
    return 0
