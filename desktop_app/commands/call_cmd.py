"""`wardlink client --profile DIR call TO` and `... answer`: headless 1:1 calls.

Media comes from and goes to files (``--audio-in``/``--send`` WAV, ``--record`` WAV,
``--video-in`` any video file as camera, ``--record-video`` MP4), so the whole path
(signalling over the relay, ICE, DTLS-SRTP, Opus, VP8) runs without hardware. Policy
``video_allowed`` off: ``call --video-in`` is refused, ``answer`` takes a video call
audio-only.
With ``--json`` every call event is one JSON object per line: ``incoming``, ``ringing``,
``connected`` (``setup_ms``), ``ended`` (``reason``, ``duration_s``), ``refused``.
Exit code 0 when the call was connected and ended normally; 1 with one clear line when
it could not be made (refused, declined, busy, no answer, media refused).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from desktop_app.commands.call_history_cmd import register_call_history
from desktop_app.commands.group_call_cmd import group_call, group_calls
from desktop_app.commands.id_args import add_id_argument
from desktop_app.domain.call_state import CallState
from desktop_app.services.call_media import CallMedia
from desktop_app.services.call_network import from_policy
from desktop_app.services.calls import EVENT_REFUSED, CallEvent, Calls
from desktop_app.services.errors import ClientError
from desktop_app.services.group_calls import is_group_conversation
from desktop_app.services.messenger import Messenger
from desktop_app.services.policy import calls_allowed, load_policy, video_allowed

DEFAULT_CALL_SECONDS = 10.0


def register_calls(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from desktop_app.commands.client_cmd import _run  # here: client_cmd imports this module

    p = actions.add_parser("call", help="call a person or a group (media from/to files)")
    add_id_argument(p, "to", "a uid, a functional account, a 1:1 or a group conversation id")
    _media_args(p)
    p.set_defaults(handler=_run(_call))

    p = actions.add_parser("answer", help="wait for the next incoming call and accept it")
    p.add_argument("--wait", type=float, default=60.0, metavar="SECONDS")
    p.add_argument("--decline", action="store_true", help="decline it instead")
    _media_args(p)
    p.set_defaults(handler=_run(_answer))
    register_call_history(actions)


def _media_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--audio-in", "--send", dest="send", type=Path, metavar="FILE.wav")
    p.add_argument("--record", type=Path, metavar="OUT.wav")
    p.add_argument("--video-in", type=Path, metavar="FILE", help="a video file as camera")
    p.add_argument("--record-video", type=Path, metavar="OUT.mp4", help="the peer's video")
    p.add_argument(
        "--duration",
        "--seconds",
        dest="seconds",
        type=float,
        default=DEFAULT_CALL_SECONDS,
        metavar="S",
        help=f"hang up after this long (default {DEFAULT_CALL_SECONDS:g}) unless the peer does",
    )
    p.add_argument(
        "--call-interface",
        action="append",
        default=[],
        metavar="IP",
        help="local address media may use (repeatable; default: policy call_interfaces)",
    )
    p.add_argument("--json", action="store_true")


def _printer(as_json: bool) -> Callable[[CallEvent], None]:
    def show(event: CallEvent) -> None:
        if as_json:
            print(
                json.dumps(
                    {"event": event.kind, "call_id": event.call_id, "peer": event.peer} | event.data
                ),
                flush=True,
            )
        else:
            detail = " ".join(f"{k}={v}" for k, v in event.data.items())
            print(f"{event.kind} {event.peer} {detail}".rstrip(), flush=True)

    return show


def _calls(m: Messenger, args: argparse.Namespace) -> Calls:
    try:
        rules = load_policy()
        network = from_policy(rules)
        if args.call_interface:
            network = replace(network, interfaces=tuple(args.call_interface))
    except ValueError as exc:
        raise ClientError(f"--call-interface: {exc}") from None
    return Calls(
        m,
        network,
        on_event=_printer(args.json),
        video_allowed=video_allowed(rules),
        calls_allowed=calls_allowed(rules),
    )


def _media(args: argparse.Namespace) -> CallMedia:
    return CallMedia(args.send, args.record, video_in=args.video_in, record_video=args.record_video)


async def _call(m: Messenger, args: argparse.Namespace) -> int:
    calls = _calls(m, args)
    groups = group_calls(calls, args, calls.on_event)
    pump = asyncio.create_task(calls.pump())
    try:
        try:
            if is_group_conversation(m.s, args.to):
                return await group_call(groups, args, conversation=args.to)
            call_id = await calls.place(args.to, _media(args))
        except ClientError as exc:
            return _refused(args, str(exc))
        state = await calls.wait_answer(call_id)
        return await _talk(calls, call_id, state, args)
    finally:
        await calls.close()
        pump.cancel()


async def _answer(m: Messenger, args: argparse.Namespace) -> int:
    calls = _calls(m, args)
    groups = group_calls(calls, args, calls.on_event)
    pump = asyncio.create_task(calls.pump())
    try:
        call_id = await calls.next_incoming(args.wait)
        if call_id is None:
            return _refused(args, f"no call came within {args.wait:g} s")
        if args.decline:
            await calls.decline(call_id)
            return 0
        if calls.calls[call_id].group is not None:
            try:
                return await group_call(groups, args, invitation=call_id)
            except ClientError as exc:
                return _refused(args, str(exc))
        state = await calls.accept(call_id, _media(args))
        return await _talk(calls, call_id, state, args)
    finally:
        await calls.close()
        pump.cancel()


async def _talk(calls: Calls, call_id: str, state: CallState, args: argparse.Namespace) -> int:
    if state is not CallState.ACTIVE:
        reason = calls.calls[call_id].call.end_reason
        print(
            f"wardlink: the call was not connected ({reason.value if reason else state.value})",
            file=sys.stderr,
        )
        return 1
    await calls.wait_end(call_id, args.seconds)
    await calls.hangup(call_id)
    return 0


def _refused(args: argparse.Namespace, reason: str) -> int:
    if args.json:
        print(json.dumps({"event": EVENT_REFUSED, "reason": reason}), flush=True)
    print(f"wardlink: {reason}", file=sys.stderr)
    return 1
