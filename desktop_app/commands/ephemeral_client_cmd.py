"""`wardlink client … conversation ephemeral CONVERSATION HOURS|off`: disappearing
messages for everyone in a conversation (services/ephemeral.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from desktop_app.commands.id_args import add_id_argument
from desktop_app.services import conversations
from desktop_app.services.messenger import Messenger

Runner = Callable[..., Callable[[argparse.Namespace], int]]


def register(csub: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner) -> None:
    p = csub.add_parser(
        "ephemeral",
        help="disappearing messages: delete each message HOURS after reading, for everyone",
    )
    add_id_argument(p, "conversation", "a uid or a conversation id")
    p.add_argument("hours", help="1 to 720, or off")
    p.set_defaults(handler=run(_ephemeral))


async def _ephemeral(m: Messenger, args: argparse.Namespace) -> int:
    hours = None if args.hours.lower() == "off" else int(args.hours)
    cid = conversations.resolve(m.s.container, m.s.uid, args.conversation)
    setting = await m.ephemeral.set(cid, hours)
    if setting.hours is None:
        print(f"disappearing messages are off in {cid}")
    else:
        print(f"messages in {cid} are deleted {setting.hours} hours after reading")
    return 0
