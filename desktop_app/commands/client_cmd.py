"""`wardlink client --profile DIR …`: the headless client, one action per call.

Each call unlocks the person's container (passphrase from WARDLINK_PASSPHRASE or a
prompt), connects to the relay (``--relay``, else policy, the last one that worked, or
zeroconf discovery: ``services.relay_locator``), does its action and disconnects.
``enroll`` creates the container if it does not exist yet; ``relays`` lists what
discovery sees.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from desktop_app.commands import (
    attachment_client_cmd,
    client_privacy,
    ephemeral_client_cmd,
    files_client_cmd,
    search_client_cmd,
    voice_client_cmd,
)
from desktop_app.commands.call_cmd import register_calls
from desktop_app.commands.conversation_client_cmd import (
    delete_for_everyone,
    register_client_conversation,
)
from desktop_app.commands.directory_client_cmd import register_client_directory
from desktop_app.commands.id_args import add_id_argument, add_id_option
from desktop_app.commands.message_output import print_read
from desktop_app.commands.secrets_input import read_new_passphrase, read_passphrase
from desktop_app.commands.teamwork_client_cmd import register_client_teamwork
from desktop_app.commands.terminal_text import escaped_stdout
from desktop_app.domain.ids import ConversationId
from desktop_app.services import deletion
from desktop_app.services.discovery import DEFAULT_DISCOVERY_TIMEOUT_S, RelayDiscovery
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import ConnectNotTrusted, EnrollmentPending, RelayUnavailable
from desktop_app.services.identity import parse_addresses
from desktop_app.services.messenger import Messenger
from desktop_app.services.policy import (
    load_policy,
    retention_days,
)
from desktop_app.services.relay_locator import (
    RelayLocator,
    default_policy_path,
    policy_relay_address,
    survey,
)
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.shred import shred_container


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    client = sub.add_parser("client", help="the headless WardLink client")
    client.add_argument("--profile", type=Path, required=True, metavar="DIR")
    client.add_argument(
        "--relay",
        metavar="HOST:PORT[,HOST:PORT]",
        help="override the relay address (several relay nodes: comma-separated, tried in turn)",
    )
    _discovery_args(client)
    actions = client.add_subparsers(dest="action", required=True, metavar="ACTION")

    p = actions.add_parser("enroll", help="join the hospital with IT's enrollment code")
    p.add_argument(
        "--relay",
        default=argparse.SUPPRESS,
        metavar="HOST:PORT",
        help="the relay's address (default: relay_address of the machine policy)",
    )
    p.add_argument("--code", required=True)
    p.add_argument("--name", default="", help="your name, shown on this PC's start screen")
    p.add_argument("--device-name", default=socket.gethostname())
    client_privacy.add_enroll_arguments(p)
    p.set_defaults(handler=_enroll)
    client_privacy.register(actions)

    p = actions.add_parser("send", help="send a text to a uid or conversation id")
    add_id_argument(p, "to", "a uid or a conversation id")
    p.add_argument("text")
    p.add_argument("--urgent", action="store_true")
    add_id_option(p, "--reply-to", "reply_to", metavar="MESSAGE_ID", help="quote this message")
    p.add_argument(
        "--mention", action="append", default=[], metavar="UID",
        help="@mention a member or a functional account (repeatable; notifies when muted)",
    )  # fmt: skip
    add_id_option(
        p, "--escalate-to", "escalate_to", metavar="UID",
        help="with --urgent: unacknowledged, it goes on to this directory person or "
        "functional account (instead of the setting)",
    )  # fmt: skip
    p.set_defaults(handler=_run(_send, offline_ok=True))

    p = actions.add_parser("send-file", help="send a file to a uid or conversation id")
    add_id_argument(p, "to", "a uid or a conversation id")
    p.add_argument("path", type=Path)
    p.add_argument("--text", default="")
    p.set_defaults(handler=_run(_send_file, offline_ok=True))

    p = actions.add_parser(
        "send-study", help="send a DICOM folder, DICOMDIR or ZIP as one study attachment"
    )
    add_id_argument(p, "to", "a uid or a conversation id")
    p.add_argument("path", type=Path, help="a folder, a DICOMDIR file or a ZIP of DICOM files")
    p.add_argument("--text", default="", help="default: the patient-free study summary")
    p.set_defaults(handler=_run(_send_study, offline_ok=True))

    group = actions.add_parser("group", help="create groups, change their members, rename them")
    gsub = group.add_subparsers(dest="group_action", required=True, metavar="ACTION")
    p = gsub.add_parser("create")
    p.add_argument("name")
    p.add_argument("uids", nargs="+")
    p.set_defaults(handler=_run(_group_create))
    for verb in ("add", "remove"):
        p = gsub.add_parser(verb)
        add_id_argument(p, "conversation", "the group's conversation id")
        p.add_argument("uid")
        p.set_defaults(handler=_run(_group_change), verb=verb)
    p = gsub.add_parser("rename", help="give a group you administer a new name")
    add_id_argument(p, "conversation", "the group's conversation id")
    p.add_argument("title", help="the group's new name")
    p.set_defaults(handler=_run(_group_rename))

    p = actions.add_parser("sync", help="receive and print new messages")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_run(_sync))

    p = actions.add_parser("history", help="print a conversation")
    add_id_argument(p, "conversation", "a uid or a conversation id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_run(_history, online=False))

    p = actions.add_parser(
        "delete", help="delete a message from this PC (for me), or --for-everyone (my own)"
    )
    add_id_argument(p, "message_id", "the message's id (history --json shows it)")
    p.add_argument(
        "--for-everyone",
        action="store_true",
        help="purge my message on every member's PC too (needs the relay)",
    )
    for_me, for_all = _run(_delete, online=False), _run(delete_for_everyone)
    p.set_defaults(handler=lambda a: (for_all if a.for_everyone else for_me)(a))
    register_client_conversation(actions, _run)
    attachment_client_cmd.register(actions, _run)
    files_client_cmd.register(actions, _run)
    register_client_teamwork(actions, _run)
    search_client_cmd.register(actions, _run)
    voice_client_cmd.register(actions, _run)

    conversation = actions.add_parser("conversation", help="manage conversations on this PC")
    csub = conversation.add_subparsers(dest="conversation_action", required=True, metavar="ACTION")
    p = csub.add_parser("delete", help="delete a conversation from this PC, with its keys")
    add_id_argument(p, "conversation", "the conversation's id")
    p.set_defaults(handler=_run(_delete_conversation, online=False))
    ephemeral_client_cmd.register(csub, _run)
    p = csub.add_parser("mute", help="no notifications, except urgent messages and mentions")
    add_id_argument(p, "conversation", "the conversation's id")
    p.add_argument("--off", action="store_true", help="notify again")
    p.set_defaults(handler=_run(_mute, online=False))

    register_client_directory(actions)
    register_calls(actions)

    p = actions.add_parser("container", help="this person's container on this PC")
    csub = p.add_subparsers(dest="container_action", required=True, metavar="ACTION")
    p = csub.add_parser(
        "destroy",
        help="delete all WardLink data of this person on this PC for good (crypto-shred)",
    )
    p.set_defaults(handler=_destroy)

    p = actions.add_parser("relays", help="list the relays zeroconf discovery sees")
    p.add_argument("--wait", type=float, default=3.0, metavar="SECONDS")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_run(_relays, online=False))


def _discovery_args(client: argparse.ArgumentParser) -> None:
    client.add_argument(
        "--discovery-interface",
        action="append",
        default=[],
        metavar="IP",
        help="look for relays only via this interface address (repeatable; default: all)",
    )
    client.add_argument(
        "--discovery-timeout",
        type=float,
        default=DEFAULT_DISCOVERY_TIMEOUT_S,
        metavar="SECONDS",
        help=f"how long to look for a relay (default {DEFAULT_DISCOVERY_TIMEOUT_S:g})",
    )


def _discovery(messenger: Messenger, args: argparse.Namespace) -> RelayDiscovery:
    return RelayDiscovery(messenger.s.org, args.discovery_interface or None)


def _locator(messenger: Messenger, args: argparse.Namespace) -> RelayLocator:
    settings = messenger.s.container.settings
    return RelayLocator(
        messenger,
        override=args.relay,
        policy_address=policy_relay_address(settings, default_policy_path()),
        discovery=lambda: _discovery(messenger, args),
        discovery_timeout=args.discovery_timeout,
    )


# ---- plumbing ------------------------------------------------------------------------


def _run(
    action: Callable[[Messenger, argparse.Namespace], Awaitable[int]],
    *,
    online: bool = True,
    offline_ok: bool = False,
) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        with escaped_stdout(), Container.open(args.profile, read_passphrase()) as container:
            rules = load_policy()
            pending = client_privacy.pending_notice(container, rules, args.profile)
            if pending is not None:
                print(f"wardlink: {pending}", file=sys.stderr)
                return 2
            session = ClientSession(container)
            messenger = Messenger(session)
            # Retention on every unlock (docs/privacy: policy retention_days, default 90);
            # the same window bounds delete-for-everyone (services/message_events.py).
            messenger.events.retention_days = retention_days(rules)
            deletion.apply_retention(session, messenger.events.retention_days)
            messenger.ephemeral.policy_hours = rules.ephemeral_hours
            messenger.ephemeral.apply()  # disappearing messages, as the app does

            async def go() -> int:
                locator = _locator(messenger, args)
                try:
                    if online:
                        try:
                            await locator.connect()
                        except RelayUnavailable as exc:
                            if not offline_ok or isinstance(exc, ConnectNotTrusted):
                                raise  # a relay that cannot be trusted: not "offline"
                            print(
                                f"wardlink: {exc} Queued; it goes out on the next sync.",
                                file=sys.stderr,
                            )
                    return await action(messenger, args)
                finally:
                    await locator.close()
                    await session.close()

            return asyncio.run(go())

    return handler


def _enroll(args: argparse.Namespace) -> int:
    relay = args.relay or load_policy().relay_nodes  # the address IT fixed for this PC
    if relay is None:
        print(
            "wardlink: enroll needs --relay HOST:PORT (or relay_address in the machine "
            f"policy, {default_policy_path()})",
            file=sys.stderr,
        )
        return 1
    address = parse_addresses(relay)[0]  # several nodes: enroll at the first
    if client_privacy.refuse_without_acceptance(args):
        return 2
    created = Container.read_keyslot_or_none(args.profile) is None
    folder_was_there = Path(args.profile).exists()
    if created:
        passphrase = read_new_passphrase()
        owner = Owner(args.name or os.environ.get("USER", "WardLink"))
        container = Container.create(args.profile, passphrase, owner)
    else:
        container = Container.open(args.profile, read_passphrase())
    try:
        with container:
            identity = asyncio.run(enroll(container, address, args.code, args.device_name))
            client_privacy.record_at_enrollment(container)
    except EnrollmentPending:
        raise  # kept: the same code and keys pick the certificate up once IT signed
    except BaseException:
        if created:  # a refused code leaves no container the start screen would offer
            shred_container(args.profile, keep_folder=folder_was_there)
        raise
    print(f"enrolled {identity.uid} as device {identity.device_id}")
    return 0


def _destroy(args: argparse.Namespace) -> int:
    """The passphrase is the confirmation: only the owner can destroy the container."""
    print(
        "This deletes all WardLink messages and files of this person on this PC for good "
        "(they stay on colleagues' PCs).",
        file=sys.stderr,
    )
    Container.destroy(args.profile, read_passphrase("Passphrase to confirm: "))
    print(f"destroyed the container at {args.profile}")
    return 0


# ---- actions -------------------------------------------------------------------------


async def _send(m: Messenger, args: argparse.Namespace) -> int:
    message = await m.send_text(
        args.to,
        args.text,
        urgent=args.urgent,
        reply_to=args.reply_to,
        mentions=tuple(args.mention),
        escalate_to=args.escalate_to,
    )
    print(f"sent {message.message_id} to {message.conversation_id} ({message.state.value})")
    return 0


async def _send_file(m: Messenger, args: argparse.Namespace) -> int:
    message = await m.send_file(args.to, args.path, args.text)
    print(f"sent {message.message_id} to {message.conversation_id} ({message.state.value})")
    return 0


async def _send_study(m: Messenger, args: argparse.Namespace) -> int:
    message = await m.send_study(args.to, args.path, args.text)
    print(f"sent {message.message_id} to {message.conversation_id} ({message.state.value})")
    return 0


async def _group_create(m: Messenger, args: argparse.Namespace) -> int:
    print(await m.create_group(args.name, args.uids))
    return 0


async def _group_change(m: Messenger, args: argparse.Namespace) -> int:
    if args.verb == "add":
        await m.add_member(args.conversation, args.uid)
    else:
        await m.remove_member(args.conversation, args.uid)
    print(f"{args.verb} {args.uid}: done")
    return 0


async def _group_rename(m: Messenger, args: argparse.Namespace) -> int:
    if await m.rename_group(args.conversation, args.title):
        state = m.s.container.conversations.state(ConversationId(args.conversation))
        title = state.title if state is not None else args.title  # as cleaned and sent
        print(f"renamed {args.conversation} to “{title}”")
    else:
        print(f"{args.conversation} already has this name; nothing sent")
    return 0


async def _mute(m: Messenger, args: argparse.Namespace) -> int:
    cid = ConversationId(args.conversation)
    if m.s.container.conversations.get(cid) is None:
        print(f"wardlink: no conversation {cid} in this container", file=sys.stderr)
        return 1
    m.s.container.conversations.set_muted(cid, not args.off)
    print(
        f"{cid} is {'notifying again' if args.off else 'muted (urgent and mentions still notify)'}"
    )
    return 0


async def _sync(m: Messenger, args: argparse.Namespace) -> int:
    print_read(await m.sync(args.wait), args.json, m)
    return 0


async def _history(m: Messenger, args: argparse.Namespace) -> int:
    print_read(m.history(args.conversation), args.json, m)
    return 0


async def _delete(m: Messenger, args: argparse.Namespace) -> int:
    report = deletion.delete_message(m.s, args.message_id)
    print(f"deleted message {args.message_id} ({report.attachments} attachment(s))")
    return 0


async def _delete_conversation(m: Messenger, args: argparse.Namespace) -> int:
    report = deletion.delete_conversation(m.s, args.conversation)
    print(
        f"deleted conversation {args.conversation}: {report.messages} message(s), "
        f"{report.attachments} attachment(s), {report.sessions} key(s)"
    )
    return 0


async def _relays(m: Messenger, args: argparse.Namespace) -> int:
    async with _discovery(m, args) as discovery:
        rows = await survey(discovery, m.s.org, args.wait)
    for row in rows:
        if args.json:
            print(json.dumps(row.as_dict()))
        else:
            verdict = "trusted" if row.trusted else f"refused: {row.reason}"
            print(f"{row.relay_id or '?':<24} {row.where:<24} {verdict}   ({row.name})")
    if not rows:
        print(f"wardlink: no relay adverts seen within {args.wait:g} s", file=sys.stderr)
    return 0 if any(r.trusted for r in rows) else 1
