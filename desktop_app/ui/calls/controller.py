"""Calls of the person at the PC: what the call window shows, rings and sends.

One ``CallController`` lives as long as the app (the ``AppController`` owns it), so a
call can ring while the main window is gone behind the PIN lock. ``attach(client)`` at
unlock, ``detach()`` when the client stops (switch user, passphrase lock). It listens
to ``EVENT_CALL`` (services/calls.py events) and drives ``client.live_calls`` through
the bridge only. One call at a time (the services answer a second caller "busy").

Locked: an incoming call does not open the window; ``lock_notice`` carries "Call from
X" for the lock screen and the ring starts. After the PIN, ``unlocked()`` shows the
still-ringing call with Accept, so accepting always needs the PIN.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop_app.services import directory_view
from desktop_app.services import policy as machine
from desktop_app.services.call_camera import CAMERA_FPS, SCREEN_FPS, FrameBuffer
from desktop_app.services.calls import (
    EVENT_CONNECTED,
    EVENT_ENDED,
    EVENT_INCOMING,
    EVENT_RINGING,
    CallEvent,
)
from desktop_app.services.live_calls import CallAudio, CallQuality
from desktop_app.services.live_client import LiveClient
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.calls.camera import CameraDevices, PictureSource, QtCamera
from desktop_app.ui.calls.devices import AudioDevices, QtAudioDevices
from desktop_app.ui.calls.group_controller import GroupCallController
from desktop_app.ui.calls.screen import WHOLE_SCREEN, QtScreen, ShareSource
from desktop_app.ui.calls.window import CallWindow, duration_text
from desktop_app.ui.lock.alarm import UrgentAlarm
from desktop_app.ui.service_events import ServiceEvents
from desktop_app.ui.sounds import RING, SoundPlayer

RING_REPEAT_MS: Final = 2_500  # a call rings faster than the urgent alarm (4 s)
RING_GAP_MS: Final = 400  # two long-spaced beeps: not the urgent alarm's three quick ones
QUALITY_EVERY_MS: Final = 2_000  # how often the active window reads the RTCP statistics
ENDED_SHOWN_MS: Final = 5_000  # how the call ended stays readable, then the window goes


def ring_pair() -> None:
    """The call ring: two beeps, RING_GAP_MS apart."""
    QApplication.beep()
    QTimer.singleShot(RING_GAP_MS, QApplication.beep)


class CallController(QObject):
    lock_notice = Signal(str)  # for the lock screen: "Call from X", a missed call, or ""
    notification = Signal(str)  # tray text naming only the caller (a missed call)

    def __init__(
        self,
        bridge: AsyncBridge,
        events: ServiceEvents,
        parent: QObject | None = None,
        *,
        devices: AudioDevices | None = None,
        cameras: CameraDevices | None = None,
        screens: ShareSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.devices: AudioDevices = devices if devices is not None else QtAudioDevices(self)
        self.cameras: CameraDevices = cameras if cameras is not None else QtCamera(self)
        self.screens: ShareSource = screens if screens is not None else QtScreen(self)
        self.ring = UrgentAlarm(
            self, player=SoundPlayer(RING, ring_pair, self), repeat_ms=RING_REPEAT_MS
        )
        self.window = CallWindow()
        self.group = GroupCallController(bridge, self, self)  # group calls, same devices
        self.group.lock_notice.connect(self.lock_notice)
        self.window.accept_clicked.connect(self.accept)
        self.window.decline_clicked.connect(self.decline)
        self.window.hang_up_clicked.connect(self.hang_up)
        self.window.mute_toggled.connect(self._mute)
        self.window.camera_toggled.connect(self._camera)
        self.window.share_toggled.connect(self._share)
        self.window.devices_chosen.connect(self._choose_devices)
        self.window.camera_chosen.connect(self._choose_camera)
        self._camera_chosen = b""
        self.window.share_target_chosen.connect(self._choose_share)
        self.window.share_choice.opening.connect(self._list_share_targets)
        self._share_chosen = WHOLE_SCREEN
        self._devices_chosen = (b"", b"")
        self.client: LiveClient | None = None
        self.locked = False
        self.call_id: str | None = None
        self.peer_name = ""
        self._role_name: str | None = None  # a call to a functional account held here
        self._outgoing = False
        self._placing = False  # place() sent, its call id not back yet
        self._active = False
        self._audio_open = False
        self._sending: FrameBuffer | None = None  # the picture the call sends now
        self._quality = QTimer(self, interval=QUALITY_EVERY_MS)
        self._quality.timeout.connect(self._read_quality)
        self._hide = QTimer(self, singleShot=True, interval=ENDED_SHOWN_MS)
        self._hide.timeout.connect(self.window.hide)
        events.call.connect(self._event)

    # ---- session -----------------------------------------------------------------------

    def attach(self, client: LiveClient) -> None:
        if client is not self.client:
            self._reset()
        self.client = client
        self.group.attach(client)

    def detach(self) -> None:
        """The client stopped (its calls were hung up): nothing rings or shows any more."""
        self.client = None
        self._reset()
        self.window.hide()
        self.group.attach(None)

    @property
    def busy(self) -> bool:
        """A call rings, is being set up or runs: auto-lock waits."""
        return self.call_id is not None or self._placing or self.group.busy

    def unlocked(self) -> None:
        self.locked = False
        self.lock_notice.emit("")
        self.group.unlocked()
        if self.call_id is not None and not self._outgoing and not self._active:
            self.window.incoming(self.peer_name)
            self._show_window()

    # ---- actions -----------------------------------------------------------------------

    def place(self, target: str, name: str) -> None:
        """Call a uid or a 1:1 conversation (``name`` is what the window shows); in a
        group conversation start (or join) its group call instead."""
        client = self.client
        if client is None or self.busy:
            return
        self._placing, self._outgoing, self.peer_name = True, True, name
        self.window.outgoing(name)
        self._show_window()
        audio = self._open_audio(client)
        calls, group_calls = client.live_calls, client.group_calls

        async def place() -> str | None:
            if group_calls.is_group(target):
                return None  # ui/calls/group_controller.py takes it, with the sound
            return await calls.place(target, audio)

        def placed(call_id: object) -> None:
            self._placing = False
            if call_id is None:  # a group conversation: the group controller takes the sound
                self._audio_open = False
                self._reset()
                self.window.hide()
                if not self.group.start(target, name, audio):
                    self.devices.close()  # it could not (a ring came meanwhile): not left open
            elif self.call_id is None and isinstance(call_id, str):
                self.call_id = call_id

        def failed(message: str) -> None:
            self._placing = False
            self._finish(message)

        self.bridge.submit(place, done=placed, error=failed)

    def accept(self) -> None:
        client, call_id = self.client, self.call_id
        if client is None or call_id is None or self.locked:
            return  # behind the lock only the PIN leads to Accept
        self.ring.stop()
        self.window.connecting()
        audio = self._open_audio(client)
        calls = client.live_calls
        self.bridge.submit(lambda: calls.accept(call_id, audio), error=self._finish)

    def decline(self) -> None:
        client, call_id = self.client, self.call_id
        self.ring.stop()
        if client is not None and call_id is not None:
            calls = client.live_calls
            self.bridge.submit(lambda: calls.decline(call_id))

    def hang_up(self) -> None:
        client, call_id = self.client, self.call_id
        if client is not None and call_id is not None:
            calls = client.live_calls
            self.bridge.submit(lambda: calls.hang_up(call_id))
        elif self._placing:
            self.window.hide()

    def hang_up_now(self) -> None:
        """Switch user: every call ends (a group call is left, a group invitation
        declined) before the person leaves the PC."""
        self._hang_up_one_now()
        self.group.leave_now()

    def _hang_up_one_now(self) -> None:
        client, call_id = self.client, self.call_id
        if client is not None and call_id is not None:
            calls = client.live_calls
            self.bridge.wait(lambda: calls.hang_up(call_id))

    def lock(self) -> None:
        """The PIN lock: a call in progress (or being placed) ends; one ringing in keeps
        ringing behind the lock, as "Call from X", and needs the PIN to be accepted.
        The same for group calls (ui/calls/group_controller.py)."""
        self.group.lock()
        if self.call_id is not None and not self._outgoing and not self._active:
            self.locked = True
            self.window.hide()
            self.lock_notice.emit(self.tr("Call from %1").replace("%1", self.peer_name))
            return
        self._hang_up_one_now()
        self.locked = True

    def _camera(self, on: bool) -> None:
        """Camera on: capture starts (its light) and the call sends it; off: black."""
        self._picture(self.cameras, on, CAMERA_FPS)

    def _share(self, on: bool) -> None:
        """Share screen: the screen instead of the camera, SCREEN_FPS a second."""
        self._picture(self.screens, on, SCREEN_FPS)

    def _picture(self, source: PictureSource, on: bool, fps: int) -> None:
        client, call_id = self.client, self.call_id
        on = on and self._active
        if on:
            source.start()
        else:
            source.stop()
        if client is not None and call_id is not None:
            sent = source.buffer if on else None
            if on or self._sending is source.buffer:  # one source's off never blanks the other
                self._sending = sent
                self.bridge.call(client.live_calls.send_picture, call_id, sent, fps)

    def _mute(self, muted: bool) -> None:
        client, call_id = self.client, self.call_id
        if client is not None and call_id is not None:
            self.bridge.call(client.live_calls.mute, call_id, muted)

    # ---- events ------------------------------------------------------------------------

    def _event(self, payload: object) -> None:
        if not isinstance(payload, CallEvent) or self.client is None:
            return
        if self.group.handle(payload):
            return  # a group call's (ui/calls/group_controller.py)
        if payload.kind == EVENT_INCOMING:
            if self.busy:
                return  # the services answered "busy"
            self.call_id, self._outgoing, self._active = payload.call_id, False, False
            role_name = payload.data.get("role_name")
            self._role_name = role_name if isinstance(role_name, str) else None
            self.bridge.call(self.client.name, payload.peer, done=self._ring)
            return
        if self.call_id is None and self._placing and payload.kind != EVENT_INCOMING:
            self.call_id = payload.call_id  # the event overtook place()'s answer
        if payload.call_id != self.call_id:
            return
        if payload.kind == EVENT_RINGING:
            self.window.ringing()
        elif payload.kind == EVENT_CONNECTED:
            self._active = True
            self.window.active()
            self.window.set_devices(
                self.devices.microphones(), self.devices.speakers(), self._devices_chosen
            )
            if self.window.video_possible:
                self.window.set_cameras(self.cameras.cameras(), self._camera_chosen)
            if self.window.share_possible:
                self._list_share_targets()
            self.bridge.call(
                directory_view.call_peer,
                self.client,
                payload.peer,
                payload.call_id,
                done=self._peer_details,
            )
            self._quality.start()
        elif payload.kind == EVENT_ENDED:
            self._ended(
                str(payload.data.get("reason", "")),
                payload.data.get("duration_s", 0),
                payload.data.get("by_name"),
            )

    def _choose_devices(self, microphone: bytes, speaker: bytes) -> None:
        self._devices_chosen = (microphone, speaker)
        self.devices.choose(microphone, speaker)

    def _list_share_targets(self) -> None:
        self.window.set_share_targets(self.screens.targets(), self._share_chosen)

    def _choose_share(self, target: bytes) -> None:
        """The whole screen or one window, from now on (at once while sharing)."""
        self._share_chosen = target
        self.screens.choose(target)

    def _choose_camera(self, camera: bytes) -> None:
        self._camera_chosen = camera
        self.cameras.choose(camera)

    def _read_quality(self) -> None:
        client, call_id = self.client, self.call_id
        if client is None or call_id is None or not self._active:
            self._quality.stop()
            return
        calls = client.live_calls
        self.bridge.submit(lambda: calls.quality(call_id), done=self._show_quality)

    def _show_quality(self, quality: object) -> None:
        if isinstance(quality, CallQuality) and self._active:
            self.window.set_quality(quality.rtt_ms, quality.loss_percent)

    def _peer_details(self, peer: object) -> None:
        if isinstance(peer, directory_view.CallPeer) and self._active:
            self.window.set_peer(peer.department, peer.confirmed)

    def _ring(self, name: object) -> None:
        if self.call_id is None or self._outgoing:
            return  # it ended while the name was looked up
        self.peer_name = str(name)
        if self._role_name:  # rung as a holder of a functional account
            self.peer_name = (
                self.tr("%1 for %2").replace("%1", str(name)).replace("%2", self._role_name)
            )
        self.ring.start()
        if self.locked:
            self.lock_notice.emit(self.tr("Call from %1").replace("%1", self.peer_name))
        else:
            self.window.incoming(self.peer_name)
            self._show_window()

    def _ended(self, reason: str, duration: object, by_name: object = None) -> None:
        seconds = round(duration) if isinstance(duration, int | float) else 0
        text = self._ended_text(reason, seconds)
        if reason == "answered_elsewhere" and isinstance(by_name, str):  # a role's other holder
            text = self.tr("Answered by %1").replace("%1", by_name)
        missed = not self._outgoing and not self._active and reason in ("no_answer", "cancelled")
        if missed:
            self.notification.emit(text)
        if self.locked:
            self.lock_notice.emit(text if missed else "")
        self._finish(text)

    def _ended_text(self, reason: str, seconds: int) -> str:
        name = self.peer_name
        if not self._outgoing and reason in ("no_answer", "cancelled"):
            return self.tr("Missed call from %1").replace("%1", name)
        texts = {
            "answered_elsewhere": self.tr("Answered on another device"),
            "declined": self.tr("%1 declined the call").replace("%1", name)
            if self._outgoing
            else self.tr("Call declined"),
            "busy": self.tr("%1 is busy in another call").replace("%1", name),
            "no_answer": self.tr("%1 did not answer").replace("%1", name),
            "cancelled": self.tr("Call cancelled"),
            "failed": self.tr("The call could not be connected"),
        }
        if reason in texts:
            return texts[reason]
        return self.tr("Call ended after %1").replace("%1", duration_text(seconds))

    def _finish(self, text: str) -> None:
        self._reset()
        self.window.ended(text)
        if not self.locked:
            self._show_window()
        self._hide.start()

    def _reset(self) -> None:
        self.ring.stop()
        self._quality.stop()
        if self._audio_open:
            self.devices.close()
            self.cameras.stop()
            self.screens.stop()
            self._sending = None
            self._audio_open = False
        self.call_id = None
        self._active = self._placing = False

    def _open_audio(self, client: LiveClient) -> CallAudio:
        """The call's sound, and its video when policy video_allowed: the peer's picture
        always, the own camera only on a PC that has one."""
        self._audio_open = True
        audio = self.devices.open()
        video = client.calls.video_allowed
        remote = FrameBuffer() if video else None
        camera = video and self.cameras.available()
        share = video and machine.screen_share_allowed(client.rules) and self.screens.available()
        self.window.video_possible, self.window.share_possible = camera, share
        self.window.set_video(remote, self.cameras.buffer, self.screens.buffer)
        return replace(audio, sends_video=camera or share, remote_video=remote)

    def _show_window(self) -> None:
        self._hide.stop()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
