"""The media side of a call: the aiortc peer connection, what it sends and where what
arrives goes (services/calls.py keeps the signalling and the state machine).

Video is optional per call: ``MediaLink(video=True)`` adds a video transceiver (the
caller sends its camera or only receives); with ``video=False`` a peer's video offer is
answered audio-only (its transceiver set ``inactive``, its track ignored), which is
what a PC whose policy forbids video does.

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
from desktop_app.services.call_video import VideoFileRecorder
from desktop_app.services.errors import ClientError
from desktop_app.services.video_bounds import guard_video_receiver

log = logging.getLogger("wardlink.calls")

MEDIA_CLOSE_TIMEOUT_S: Final = 5.0


class CallRefused(ClientError):
    """A call cannot be made (not a 1:1 conversation, nobody reachable, ...).

    The message is English (the CLI's); ``key`` names the reason for the GUI, which
    words it in the UI language (ui/error_text.py) with ``params`` filled in."""


@dataclass(frozen=True, slots=True)
class CallMedia:
    """What a call sends and where what arrives goes.

    Headless: a WAV sent as microphone (``send``), what arrives recorded to a WAV
    (``record``). Live sources and sinks (the GUI's QtMultimedia bridge, the benchmark):
    ``track`` is sent instead of a file, ``on_track`` gets the peer's audio track
    instead of a recorder. Video likewise: a file as camera (``video_in``), the peer's
    video recorded to an MP4 (``record_video``), or a live ``video_track`` and an
    ``on_video`` sink. Any of the four makes it a video call.
    """

    send: Path | None = None
    record: Path | None = None
    track: MediaStreamTrack | None = None
    on_track: Callable[[MediaStreamTrack], None] | None = None
    video_in: Path | None = None
    record_video: Path | None = None
    video_track: MediaStreamTrack | None = None
    on_video: Callable[[MediaStreamTrack], None] | None = None

    @property
    def video(self) -> bool:
        return any((self.video_in, self.record_video, self.video_track, self.on_video))

    def source(self) -> MediaStreamTrack | None:
        return self.track if self.track is not None else _audio(self.send) if self.send else None

    def video_source(self) -> MediaStreamTrack | None:
        if self.video_track is not None:
            return self.video_track
        return _video(self.video_in) if self.video_in else None


class MediaLink:
    """One call's peer connection and recorder."""

    def __init__(
        self,
        network: CallNetwork,
        media: CallMedia,
        *,
        callee: bool,
        video: bool,
        on_connected: Callable[[], None],
        on_failed: Callable[[], Awaitable[None]],
    ) -> None:
        self.media = media
        self.video = video
        self.pc = pc = RTCPeerConnection(network.configuration())
        self.recorder: MediaRecorder | MediaBlackhole | None = None
        if media.on_track is None:
            self.recorder = MediaRecorder(str(media.record)) if media.record else MediaBlackhole()
        self.video_recorder: VideoFileRecorder | None = None
        if video and media.on_video is None and media.record_video is not None:
            self.video_recorder = VideoFileRecorder(media.record_video)
        if not callee:
            self._add("audio", media.source())
            if video:
                self._add("video", media.video_source())

        @pc.on("track")
        def on_track(track: MediaStreamTrack) -> None:
            if track.kind == "audio":
                if media.on_track is not None:
                    media.on_track(track)
                elif self.recorder is not None:
                    self.recorder.addTrack(track)
            elif track.kind == "video":
                for transceiver in pc.getTransceivers():
                    if transceiver.receiver.track is track:
                        guard_video_receiver(transceiver.receiver)  # before it decodes
                if not self.video:
                    return
                if media.on_video is not None:
                    media.on_video(track)
                elif self.video_recorder is not None:
                    self.video_recorder.add(track)

        @pc.on("connectionstatechange")
        async def on_state() -> None:
            if pc.connectionState == "connected":
                on_connected()
            elif pc.connectionState == "failed":
                await on_failed()

    def _add(self, kind: str, source: MediaStreamTrack | None) -> None:
        if source is not None:
            self.pc.addTrack(source)
        else:
            self.pc.addTransceiver(kind, direction="recvonly")

    def add_sources(self) -> None:
        """The callee's tracks, added after the caller's offer is set (they answer it).
        Without video here, the offer's video is answered ``inactive``."""
        if (source := self.media.source()) is not None:
            self.pc.addTrack(source)
        if self.video and (camera := self.media.video_source()) is not None:
            self.pc.addTrack(camera)
        for transceiver in self.pc.getTransceivers():
            if transceiver.kind == "video" and not self.video:
                transceiver.direction = "inactive"

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
        if self.video_recorder is not None:
            await self.video_recorder.stop()


def _audio(path: Path) -> MediaStreamTrack:
    try:
        player = MediaPlayer(str(path))
    except (OSError, av.error.FFmpegError) as exc:
        raise CallRefused(f"{path} cannot be read as audio ({exc}).") from None
    if player.audio is None:
        raise CallRefused(f"{path} has no audio track.")
    return player.audio


def _video(path: Path) -> MediaStreamTrack:
    try:
        player = MediaPlayer(str(path))
    except (OSError, av.error.FFmpegError) as exc:
        raise CallRefused(f"{path} cannot be read as video ({exc}).") from None
    if player.video is None:
        raise CallRefused(f"{path} has no video track.")
    return player.video
