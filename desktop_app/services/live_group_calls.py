"""The GUI's group calls: services/group_calls.py with live sound and video devices.

``LiveClient.group_calls`` is what the group call windows drive through the bridge (every
method runs on the loop thread). One group call at a time on a PC. Every leg of the mesh
gets its own ``PcmSourceTrack`` reading the one shared microphone, and plays into its own
lane of the mixer (services/call_mixing.py). Video (policy ``video_allowed`` and the
window gave ``remote_video``): every leg negotiates video with a ``CameraTrack`` of its
own when the PC can send a picture (black until "Camera on" / "Share screen"), and each
peer's frames go to that peer's ``FrameBuffer`` (``video_of``), which its tile paints.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiortc import MediaStreamTrack, RTCPeerConnection
from aiortc.stats import RTCInboundRtpStreamStats, RTCRemoteInboundRtpStreamStats

from desktop_app.domain.call_state import CallState
from desktop_app.services.call_audio import PcmSourceTrack, play_into
from desktop_app.services.call_camera import CAMERA_FPS, CameraTrack, FrameBuffer, show_video
from desktop_app.services.call_media import CallMedia, CallRefused
from desktop_app.services.call_mixing import AudioMixer, SharedMicrophone
from desktop_app.services.calls import CallEvent, Calls
from desktop_app.services.group_calls import GroupCalls, is_group_conversation
from desktop_app.services.live_calls import CallAudio, CallQuality


@dataclass(frozen=True, slots=True)
class Invitation:
    """A ringing group call, as its ringing window names it."""

    group_id: str
    conversation_id: str


class LiveGroupCalls:
    def __init__(self, calls: Calls, notify: Callable[[CallEvent], None]) -> None:
        self.calls = calls
        self.groups = GroupCalls(calls, self._leg_media, on_event=notify)
        self.group_id: str | None = None  # the group call this PC is in (or joining)
        self._mic: SharedMicrophone | None = None
        self._mixer: AudioMixer | None = None
        self._audio: CallAudio | None = None
        self._tracks: list[PcmSourceTrack] = []
        self._cameras: list[CameraTrack] = []
        self._videos: dict[str, FrameBuffer] = {}
        self._picture: tuple[FrameBuffer | None, int] = (None, CAMERA_FPS)
        self._muted = False
        self._players: set[asyncio.Task[None]] = set()

    # ---- what the window does -------------------------------------------------------------

    def is_group(self, conversation_id: str) -> bool:
        return is_group_conversation(self.calls.s, conversation_id)

    def invitation(self, call_id: str) -> Invitation | None:
        live = self.calls.calls.get(call_id)
        if live is None or live.group is None:
            return None
        return Invitation(live.group, live.conversation_id)

    async def start(self, conversation_id: str, audio: CallAudio) -> str:
        """Start (or join the running) group call of a group conversation."""
        self._open(audio)
        try:
            self.group_id = await self.groups.start(conversation_id)
        except BaseException:
            await self._close()
            raise
        return self.group_id

    async def accept(self, call_id: str, audio: CallAudio) -> str | None:
        """Take a ringing invitation; the group call's id, or None if it stopped ringing."""
        live = self.calls.calls.get(call_id)
        if live is None or live.group is None or live.call.state is not CallState.RINGING:
            return None
        self._open(audio)
        self.group_id = live.group
        try:
            await self.groups.accept(call_id)
        except BaseException:
            self.group_id = None
            await self._close()
            raise
        return live.group

    async def decline(self, call_id: str) -> None:
        live = self.calls.calls.get(call_id)
        if live is not None and live.call.state is CallState.RINGING:
            await self.calls.decline(call_id)

    async def leave(self) -> None:
        """Hang up: every leg ends and the members learn this person is out."""
        group_id, self.group_id = self.group_id, None
        mixer = self._mixer
        self._forget()  # at once: a join right after this one opens its own devices
        if group_id is not None and group_id in self.groups.groups:
            await self.groups.leave(group_id)
        if mixer is not None:
            await mixer.stop()

    def in_call(self) -> bool:
        return self.group_id is not None

    async def mute(self, muted: bool) -> None:
        """Silence on every leg (no renegotiation), and the members are told."""
        self._muted = muted
        for track in self._tracks:
            track.muted = muted
        await self.groups.set_muted(muted)

    def send_picture(self, source: FrameBuffer | None, fps: int) -> None:
        """What every leg shows its peer (camera, screen, or black: None)."""
        self._picture = (source, fps)
        for camera in self._cameras:
            camera.source, camera.fps = source, fps

    def video_of(self, uid: str) -> FrameBuffer:
        """The peer's picture as it arrives (its tile watches this buffer)."""
        return self._videos.setdefault(uid, FrameBuffer())

    def speaking(self) -> set[str]:
        return self._mixer.speaking() if self._mixer is not None else set()

    def leg_of(self, uid: str) -> str | None:
        """My leg's call id to ``uid`` in the group call I am in."""
        g = self.groups.groups.get(self.group_id or "")
        return g.legs.get(uid) if g is not None else None

    async def quality(self) -> dict[str, CallQuality]:
        """Loss and round trip per connected peer."""
        out: dict[str, CallQuality] = {}
        if self.group_id is None or self.group_id not in self.groups.groups:
            return out
        for uid in self.groups.connected(self.group_id):
            live = self.calls.calls.get(self.leg_of(uid) or "")
            if live is not None and live.pc is not None and not live.call.ended:
                out[uid] = await _quality_of(live.pc)
        return out

    async def close(self) -> None:
        await self.groups.close()
        await self._close()

    # ---- inside ---------------------------------------------------------------------------

    def _open(self, audio: CallAudio) -> None:
        if self.group_id is not None:
            raise CallRefused("Already in a group call; hang up first.", key="busy")
        self._audio = audio
        self._mic = SharedMicrophone(audio.microphone)
        self._mixer = AudioMixer(audio.speaker)
        self._mixer.start()

    async def _close(self) -> None:
        mixer = self._mixer
        self._forget()
        if mixer is not None:
            await mixer.stop()

    def _forget(self) -> None:
        self._mic = self._mixer = self._audio = None
        self._tracks.clear()
        self._cameras.clear()
        self._videos.clear()
        self._muted = False
        self._picture = (None, CAMERA_FPS)

    def _leg_media(self, peer: str) -> CallMedia:
        """What the leg to ``peer`` sends and where its sound and picture go."""
        audio, mic, mixer = self._audio, self._mic, self._mixer
        if audio is None or mic is None or mixer is None:
            return CallMedia()  # not in a call here: nothing is sent
        track = PcmSourceTrack(mic.reader())
        track.muted = self._muted
        self._tracks.append(track)
        lane = mixer.lane(peer)

        def on_track(remote: MediaStreamTrack) -> None:
            self._play(play_into(remote, lane))

        if audio.remote_video is None or not self.calls.video_allowed:
            return CallMedia(track=track, on_track=on_track)
        camera: CameraTrack | None = None
        if audio.sends_video:
            camera = CameraTrack()
            camera.source, camera.fps = self._picture
            self._cameras.append(camera)
        shown = self.video_of(peer)

        def on_video(remote: MediaStreamTrack) -> None:
            self._play(show_video(remote, shown))

        return CallMedia(track=track, on_track=on_track, video_track=camera, on_video=on_video)

    def _play(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._players.add(task)
        task.add_done_callback(self._players.discard)


async def _quality_of(pc: RTCPeerConnection) -> CallQuality:
    """As the 1:1 window reads it (LiveCalls.quality), for one leg."""
    rtt: float | None = None
    lost = received = 0
    for stats in (await pc.getStats()).values():
        if isinstance(stats, RTCRemoteInboundRtpStreamStats):
            rtt = stats.roundTripTime
        elif isinstance(stats, RTCInboundRtpStreamStats):
            lost += max(stats.packetsLost, 0)
            received += stats.packetsReceived
    loss = 100.0 * lost / (lost + received) if lost + received else 0.0
    return CallQuality(round(rtt * 1000) if rtt is not None else None, round(loss, 1))
