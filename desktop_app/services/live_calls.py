"""The GUI's calls: ``Calls`` with live sound devices instead of WAV files.

``LiveClient.live_calls`` is what the call windows drive through the bridge (every
method runs on the loop thread). Each call gets a ``PcmSourceTrack`` from the device
layer's microphone and plays the peer's track into its speaker (services/call_audio.py);
the player task ends with the peer's track, i.e. with the call. Mute swaps the
microphone for silence without renegotiating.

Video (policy ``video_allowed``, and the window gave a ``remote_video`` buffer): every
call then negotiates video, with a ``CameraTrack`` when the PC can send a picture (black
until "Camera on" or "Share screen": ``send_picture``) and the peer's frames shown into
``remote_video``
(services/call_camera.py); a peer without video answers audio-only as usual.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from aiortc import MediaStreamTrack
from aiortc.stats import RTCInboundRtpStreamStats, RTCRemoteInboundRtpStreamStats

from desktop_app.domain.call_state import CallState
from desktop_app.services.call_audio import PcmInput, PcmOutput, PcmSourceTrack, play_into
from desktop_app.services.call_camera import CameraTrack, FrameBuffer, show_video
from desktop_app.services.call_media import CallMedia
from desktop_app.services.calls import Calls


@dataclass(frozen=True, slots=True)
class CallAudio:
    """A microphone and a speaker for one call (ui/calls/devices.py opens them)."""

    microphone: PcmInput
    speaker: PcmOutput
    sends_video: bool = False  # a camera or screen sharing here (else it only sees the peer)
    remote_video: FrameBuffer | None = None  # None: audio-only window


@dataclass(frozen=True, slots=True)
class CallQuality:
    """The connection as the call window shows it (from aiortc's RTCP statistics)."""

    rtt_ms: int | None  # None until the peer's first receiver report (a second or so)
    loss_percent: float  # of the packets the peer sent us


class LiveCalls:
    def __init__(self, calls: Calls) -> None:
        self.calls = calls
        self._tracks: dict[str, PcmSourceTrack] = {}
        self._cameras: dict[str, CameraTrack] = {}
        self._players: set[asyncio.Task[None]] = set()

    def _media(self, audio: CallAudio) -> tuple[CallMedia, PcmSourceTrack, CameraTrack | None]:
        track = PcmSourceTrack(audio.microphone)

        def on_track(peer: MediaStreamTrack) -> None:
            self._play(play_into(peer, audio.speaker))

        remote = audio.remote_video
        if remote is None or not self.calls.video_allowed:
            return CallMedia(track=track, on_track=on_track), track, None
        camera = CameraTrack() if audio.sends_video else None

        def on_video(peer: MediaStreamTrack) -> None:
            self._play(show_video(peer, remote))

        media = CallMedia(track=track, on_track=on_track, video_track=camera, on_video=on_video)
        return media, track, camera

    def _play(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._players.add(task)
        task.add_done_callback(self._players.discard)

    async def place(self, to: str, audio: CallAudio) -> str:
        """Ring ``to`` (a uid or a 1:1 conversation id); returns the call id at once.

        The answer (or no answer after the ring timeout) arrives as call events."""
        media, track, camera = self._media(audio)
        call_id = await self.calls.place(to, media)
        self._tracks[call_id] = track
        if camera is not None:
            self._cameras[call_id] = camera
        task = asyncio.create_task(self._await_answer(call_id))
        self._players.add(task)
        task.add_done_callback(self._players.discard)
        return call_id

    async def _await_answer(self, call_id: str) -> None:
        await self.calls.wait_answer(call_id)  # ends an unanswered call (no answer)

    async def accept(self, call_id: str, audio: CallAudio) -> bool:
        """True once the call is active; False if it ended meanwhile (hung up, failed)."""
        live = self.calls.calls.get(call_id)
        if live is None or live.call.state is not CallState.RINGING:
            return False  # the caller gave up, or another device answered
        media, track, camera = self._media(audio)
        self._tracks[call_id] = track
        if camera is not None:
            self._cameras[call_id] = camera
        return await self.calls.accept(call_id, media) is CallState.ACTIVE

    async def decline(self, call_id: str) -> None:
        live = self.calls.calls.get(call_id)
        if live is not None and live.call.state is CallState.RINGING:
            await self.calls.decline(call_id)

    async def hang_up(self, call_id: str) -> None:
        if call_id in self.calls.calls:
            await self.calls.hangup(call_id)
        self._tracks.pop(call_id, None)
        self._cameras.pop(call_id, None)

    def mute(self, call_id: str, muted: bool) -> None:
        track = self._tracks.get(call_id)
        if track is not None:
            track.muted = muted

    def send_picture(self, call_id: str, source: FrameBuffer | None, fps: int) -> None:
        """What the call shows the peer: the camera's or the screen's frames, ``fps`` a
        second; None: black (no renegotiation either way)."""
        camera = self._cameras.get(call_id)
        if camera is not None:
            camera.source, camera.fps = source, fps

    def peer_device(self, call_id: str) -> str | None:
        """The peer's device on this call (the caller's, or the callee's that answered)."""
        live = self.calls.calls.get(call_id)
        return live.call.peer_device if live is not None else None

    async def quality(self, call_id: str) -> CallQuality | None:
        live = self.calls.calls.get(call_id)
        if live is None or live.pc is None or live.call.ended:
            return None
        rtt: float | None = None
        lost = received = 0
        for stats in (await live.pc.getStats()).values():
            if isinstance(stats, RTCRemoteInboundRtpStreamStats):
                rtt = stats.roundTripTime
            elif isinstance(stats, RTCInboundRtpStreamStats):
                lost += max(stats.packetsLost, 0)
                received += stats.packetsReceived
        loss = 100.0 * lost / (lost + received) if lost + received else 0.0
        return CallQuality(round(rtt * 1000) if rtt is not None else None, round(loss, 1))

    def in_call(self) -> bool:
        """Any call not yet ended (ringing counts): auto-lock waits while one is on."""
        return any(not c.call.ended for c in self.calls.calls.values())
