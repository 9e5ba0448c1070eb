"""`wardlink client call GROUP_CONVERSATION` and `answer` to a group call: headless group
calls (services/group_calls.py), audio only. ``--send`` is played to every peer;
``--record OUT.wav`` writes what each peer says to its own file, ``OUT.<uid>.wav``.
Events as for 1:1 calls, per leg, plus ``participants`` whenever who is in changes.
Stays ``--seconds``, or until everyone else left, then leaves. Exit 0 when it was
connected with at least one peer."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app.services.call_media import CallMedia, CallRefused
from desktop_app.services.calls import CallEvent, Calls
from desktop_app.services.group_calls import GroupCalls


def group_calls(
    calls: Calls, args: argparse.Namespace, show: Callable[[CallEvent], None]
) -> GroupCalls:
    """Group calls on top of ``calls`` (before anything rings: invitations and presence
    reports are only understood once this exists)."""
    return GroupCalls(calls, _leg_media(args), on_event=show)


def _leg_media(args: argparse.Namespace) -> Callable[[str], CallMedia]:
    def media(peer: str) -> CallMedia:
        if args.video_in or args.record_video:
            raise CallRefused("Group calls are audio-only so far.")
        record: Path | None = args.record
        if record is not None:
            record = record.with_name(f"{record.stem}.{peer}{record.suffix or '.wav'}")
        return CallMedia(args.send, record)

    return media


async def group_call(
    groups: GroupCalls,
    args: argparse.Namespace,
    *,
    conversation: str | None = None,
    invitation: str | None = None,
) -> int:
    """Start or join the group call of ``conversation``, or take ``invitation``."""
    calls = groups.calls
    try:
        if conversation is not None:
            gid = await groups.start(conversation)
        else:
            assert invitation is not None
            gid = calls.calls[invitation].group or ""
            await groups.accept(invitation)
        loop = asyncio.get_running_loop()
        until = loop.time() + args.seconds
        met = False
        while loop.time() < until:
            connected = groups.connected(gid)
            met = met or bool(connected)
            if met and not connected and groups.participants(gid) in ([], [calls.s.uid]):
                break  # everyone else left
            await asyncio.sleep(0.2)
        if not groups.groups[gid].met:
            print("wardlink: nobody joined the group call", file=sys.stderr)
            return 1
        return 0
    finally:
        await groups.close()
