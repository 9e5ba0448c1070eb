"""`wardlink client --profile DIR directory search TEXT | show UID | take-over ROLE |
requests | approve ID | decline ID`.

Search and show work on the verified copy in the container; they first try the relay
for changes (a few changed entries, not the whole directory) and, when it cannot be
reached, say so on stderr and answer from the copy: search works offline.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from desktop_app.commands.secrets_input import read_passphrase
from desktop_app.directory.ldapfilter import parse_filter
from desktop_app.directory.model import Entry
from desktop_app.directory.search import DEFAULT_LIMIT, Filters
from desktop_app.domain.calendar import Occurrence
from desktop_app.services.errors import RelayUnavailable, UnknownRecipient
from desktop_app.services.session import ClientSession
from desktop_app.services.teamwork import Teamwork
from desktop_app.storage.container import Container


def register_client_directory(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    directory = actions.add_parser("directory", help="search the staff directory (offline too)")
    dsub = directory.add_subparsers(dest="directory_action", required=True, metavar="ACTION")

    p = dsub.add_parser("search", help="find people, wards and roles as you would type")
    p.add_argument("text", nargs="?", default="")
    p.add_argument("--department")
    p.add_argument("--ward")
    p.add_argument("--role")
    p.add_argument("--filter", metavar="LDAP", help="e.g. '(&(ou=Kardiologie)(title=*arzt*))'")
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT)
    p.add_argument("--offline", action="store_true", help="do not ask the relay for changes")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_directory_run(_search))

    p = dsub.add_parser("take-over", help="hold a functional account for your shift")
    p.add_argument("role_uid", help="e.g. dienst.kardio")
    p.set_defaults(handler=_directory_run(_take_over), offline=False)

    p = dsub.add_parser("requests", help="take-over requests for your roles, and your own")
    p.set_defaults(handler=_directory_run(_requests), offline=False)
    for verb, approve in (("approve", True), ("decline", False)):
        p = dsub.add_parser(verb, help=f"{verb} a take-over request of a role you hold")
        p.add_argument("request_id", type=int, help="the number 'requests' shows")
        p.set_defaults(handler=_directory_run(_answer), offline=False, approve=approve)

    p = dsub.add_parser("show", help="one entry in full")
    p.add_argument("uid")
    p.add_argument("--offline", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_directory_run(_show))


def _directory_run(
    action: Callable[[ClientSession, argparse.Namespace], Awaitable[int]],
) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        with Container.open(args.profile, read_passphrase()) as container:
            session = ClientSession(container)

            async def go() -> int:
                try:
                    if not args.offline:
                        try:
                            await session.connect(session.relay_address(args.relay))
                        except RelayUnavailable as exc:
                            print(f"wardlink: {exc} Searching the stored copy.", file=sys.stderr)
                    return await action(session, args)
                finally:
                    await session.close()

            return asyncio.run(go())

    return handler


def entry_json(entry: Entry) -> dict[str, Any]:
    data = dataclasses.asdict(entry)
    data["roles"] = list(entry.roles)
    data["holders"] = list(entry.holders)
    data["kind"] = entry.kind.value
    if entry.is_function:
        data["takeover_policy"] = entry.takeover_policy.value
    else:
        del data["takeover_policy"]
    return data


async def _search(session: ClientSession, args: argparse.Namespace) -> int:
    filters = Filters(
        department=args.department,
        ward=args.ward,
        role=args.role,
        ldap=None if args.filter is None else parse_filter(args.filter),
    )
    found = session.directory.index().search(args.text, filters, args.limit)
    if args.json:
        print(json.dumps([entry_json(e) for e in found], ensure_ascii=False))
        return 0
    for e in found:
        place = " / ".join(p for p in (e.department, e.ward) if p)
        extra = f" → {', '.join(e.holders) or 'nobody'}" if e.is_function else ""
        print(f"{e.uid:<28} {e.cn:<28} {e.title:<24} {place}{extra}")
    if not found:
        print("no matches" + ("" if session.directory.version else " (no directory copy yet)"))
    return 0


async def _take_over(session: ClientSession, args: argparse.Namespace) -> int:
    result = await session.directory.take_over(session.require_link(), args.role_uid)
    name = _name(session, args.role_uid)
    if result.waiting:
        approvers = ", ".join(_name(session, a) for a in result.approvers)
        print(
            f"waiting for approval by {approvers}: request {result.request_id} to take over "
            f"{name} (see 'directory requests')"
        )
        return 0
    print(f"you now hold {name} (directory version {result.version}); messages to it reach you")
    return 0


async def _requests(session: ClientSession, args: argparse.Namespace) -> int:
    found = await session.directory.role_requests(session.require_link())
    for r in found:
        role = _name(session, r.role_uid)
        if r.requester == session.uid:
            by = f" by {_name(session, r.answered_by)}" if r.answered_by else ""
            print(f"request {r.request_id}: you asked to take over {role}: {r.status}{by}")
        else:
            who = _name(session, r.requester)
            print(f"request {r.request_id}: {who} asks to take over {role} (approve or decline)")
    if not found:
        print("no take-over requests")
    return 0


async def _answer(session: ClientSession, args: argparse.Namespace) -> int:
    version = await session.directory.answer_request(
        session.require_link(), args.request_id, args.approve
    )
    if args.approve:
        print(f"approved request {args.request_id}: published directory version {version}")
    else:
        print(f"declined request {args.request_id}")
    return 0


def _shift(found: tuple[str, Occurrence] | None) -> dict[str, str] | None:
    if found is None or found[1].duty_holder is None:
        return None
    cid, shift = found
    return {
        "holder": shift.duty_holder,
        "start": shift.start.isoformat(),
        "end": shift.end.isoformat(),
        "title": shift.title,
        "conversation": cid,
    }


def _name(session: ClientSession, uid: str) -> str:
    entry = session.directory.get(uid)
    return f"{entry.cn} ({uid})" if entry else uid


async def _show(session: ClientSession, args: argparse.Namespace) -> int:
    entry = session.directory.get(args.uid)
    if entry is None:
        raise UnknownRecipient(f"{args.uid} is not in the staff directory.")
    data = entry_json(entry)
    if entry.is_function:  # who is on duty now and next, by the duty calendars here
        duty = Teamwork(session).on_duty(entry.uid, session.clock())
        data["on_duty_now"] = _shift(duty.now)
        data["on_duty_next"] = _shift(duty.next)
        # Other calendars naming someone else for now: shown, not silently dropped.
        data["on_duty_also"] = [_shift(x) for x in duty.also_now]
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    for name, value in data.items():
        shown = _text(session, value)
        if shown:
            print(f"{name:<17} {shown}")
    return 0


def _text(session: ClientSession, value: object) -> str:
    if isinstance(value, dict):
        return f"{_name(session, value['holder'])} {value['start']} - {value['end']}"
    if isinstance(value, list):
        return ", ".join(_text(session, v) for v in value)
    return "" if value is None else str(value)
