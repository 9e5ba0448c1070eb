"""`wardlink client call GROUP_CONVERSATION` and `answer` to a group call: headless group
calls (services/group_calls.py). ``--send`` (and ``--video-in``) is played to every
peer; ``--record OUT.wav`` writes what each peer says to its own file, ``OUT.<uid>.wav``
(``--record-video OUT.mp4``: ``OUT.<uid>.mp4``).
Events as for 1:1 calls, per leg, plus ``participants`` whenever who is in changes.
Stays ``--seconds``, or until everyone else left, then leaves. Exit 0 when it was
connected with at least one peer."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from desktop_app.services.call_media import CallMedia
from desktop_app.services.calls import CallEvent, Calls
from desktop_app.services.group_calls import GroupCalls


def group_calls(
    calls: Calls, args: argparse.Namespace, show: Callable[[CallEvent], None]
) -> GroupCalls:
    """Group calls on top of ``calls`` (before anything rings: invitations and presence
    reports are only understood once this exists)."""
    return GroupCalls(calls, _leg_media(args), on_event=show)


def _leg_media(args: argparse.Namespace) -> Callable[[str], CallMedia]:
    """Every leg sends the same files; what each peer sends is recorded to its own."""

    def per_peer(path: Path | None, peer: str, suffix: str) -> Path | None:
        return path.with_name(f"{path.stem}.{peer}{path.suffix or suffix}") if path else None

    def media(peer: str) -> CallMedia:
        return CallMedia(
            args.send,
            per_peer(args.record, peer, ".wav"),
            video_in=args.video_in,
            record_video=per_peer(args.record_video, peer, ".mp4"),
        )

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
