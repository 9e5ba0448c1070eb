"""The media side of a call: the aiortc peer connection, what it sends and where what
arrives goes (services/calls.py keeps the signalling and the state machine).

``CallMedia`` says what one call sends and records; ``MediaLink`` owns the call's
``RTCPeerConnection`` and recorder, reports "connected"/"failed" back to ``Calls`` and
closes both within ``MEDIA_CLOSE_TIMEOUT_S`` (aiortc can wait for ever on a
half-closed transport; hanging up must not freeze the client).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import av
from aiortc import MediaStreamTrack, RTCPeerConnection
from aiortc.contrib.media import MediaBlackhole, MediaPlayer, MediaRecorder

from desktop_app.services.call_network import CallNetwork
from desktop_app.services.errors import ClientError

log = logging.getLogger("wardlink.calls")

MEDIA_CLOSE_TIMEOUT_S: Final = 5.0


class CallRefused(ClientError):
    """A call cannot be made (not a 1:1 conversation, nobody reachable, ...)."""


@dataclass(frozen=True, slots=True)
class CallMedia:
    """What a call sends and where what arrives goes.

    Headless: a WAV sent as microphone (``send``), what arrives recorded to a WAV
    (``record``). Live sources and sinks (the GUI's QtMultimedia bridge, the benchmark):
    ``track`` is sent instead of a file, ``on_track`` gets the peer's audio track
    instead of a recorder.
    """

    send: Path | None = None
    record: Path | None = None
    track: MediaStreamTrack | None = None
    on_track: Callable[[MediaStreamTrack], None] | None = None

    def source(self) -> MediaStreamTrack | None:
        return self.track if self.track is not None else _audio(self.send) if self.send else None


class MediaLink:
    """One call's peer connection and recorder."""

    def __init__(
        self,
        network: CallNetwork,
        media: CallMedia,
        *,
        callee: bool,
        on_connected: Callable[[], None],
        on_failed: Callable[[], Awaitable[None]],
    ) -> None:
        self.media = media
        self.pc = pc = RTCPeerConnection(network.configuration())
        self.recorder: MediaRecorder | MediaBlackhole | None = None
        if media.on_track is None:
            self.recorder = MediaRecorder(str(media.record)) if media.record else MediaBlackhole()
        if not callee:
            if (source := media.source()) is not None:
                pc.addTrack(source)
            else:
                pc.addTransceiver("audio", direction="recvonly")

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            if track.kind != "audio":
                return
            if media.on_track is not None:
                media.on_track(track)
            elif self.recorder is not None:
                self.recorder.addTrack(track)

        @pc.on("connectionstatechange")
        async def on_state() -> None:
            if pc.connectionState == "connected":
                on_connected()
            elif pc.connectionState == "failed":
                await on_failed()

    def add_sources(self) -> None:
        """The callee's tracks, added after the caller's offer is set (they answer it)."""
        if (source := self.media.source()) is not None:
            self.pc.addTrack(source)

    async def start(self) -> None:
        if self.recorder is not None:
            await self.recorder.start()

    async def stop(self) -> None:
        if self.recorder is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.recorder.stop(), MEDIA_CLOSE_TIMEOUT_S)
        try:
            await asyncio.wait_for(self.pc.close(), MEDIA_CLOSE_TIMEOUT_S)
        except TimeoutError:
            log.warning("the call's media connection did not close in time; dropped")


def _audio(path: Path) -> MediaStreamTrack:
    try:
        player = MediaPlayer(str(path))
    except (OSError, av.error.FFmpegError) as exc:
        raise CallRefused(f"{path} cannot be read as audio ({exc}).") from None
    if player.audio is None:
        raise CallRefused(f"{path} has no audio track.")
    return player.audio
