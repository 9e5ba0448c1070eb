"""Group calls in the app: ringing, the group call window and its tiles, driven through
the bridge by ``client.group_calls`` (services/live_group_calls.py).

``CallController`` (ui/calls/controller.py) owns this and hands it every call event
first (``handle``): a group call's invitation rings here ("<Name> starts a group call in
<Group>"), its mesh legs are taken by the services without ringing, and the
"participants" event (who is in, who is connected) redraws the tiles. A group call that
runs in a conversation without this person is announced by ``running`` (the chat's
Join bar, ui/calls/join_bar.py, listens to it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.services import directory_view
from desktop_app.services import policy as machine
from desktop_app.services.call_camera import CAMERA_FPS, SCREEN_FPS, FrameBuffer
from desktop_app.services.calls import EVENT_CONNECTED, EVENT_ENDED, EVENT_INCOMING, CallEvent
from desktop_app.services.group_calls import EVENT_PARTICIPANTS
from desktop_app.services.live_calls import CallAudio, CallQuality
from desktop_app.services.live_client import LiveClient
from desktop_app.services.live_group_calls import Invitation
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.calls.camera import CameraDevices, PictureSource
from desktop_app.ui.calls.devices import AudioDevices
from desktop_app.ui.calls.group_ringing import GroupRingWindow
from desktop_app.ui.calls.group_window import GroupCallWindow
from desktop_app.ui.calls.window import POOR_LOSS_PERCENT, POOR_RTT_MS
from desktop_app.ui.lock.alarm import UrgentAlarm

QUALITY_EVERY_MS: Final = 2_000
SPEAKING_EVERY_MS: Final = 300
ENDED_SHOWN_MS: Final = 5_000


class DeviceOwner(Protocol):
    """What the group calls share with the 1:1 controller: ring and devices."""

    ring: UrgentAlarm
    devices: AudioDevices
    cameras: CameraDevices
    screens: PictureSource


class GroupCallController(QObject):
    running = Signal(str, list, bool)  # conversation id, names of who is in, am I in it
    lock_notice = Signal(str)  # for the lock screen: "Group call from X", or ""

    def __init__(self, bridge: AsyncBridge, owner: DeviceOwner, parent: QObject | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.owner = owner  # the devices are the 1:1 controller's (tests swap them there)
        self.window = GroupCallWindow()
        self.window.hang_up_clicked.connect(self.leave)
        self.window.mute_toggled.connect(self._mute)
        self.window.camera_toggled.connect(self._camera)
        self.window.share_toggled.connect(self._share)
        self.ringer = GroupRingWindow()
        self.ringer.accept_clicked.connect(self.accept)
        self.ringer.decline_clicked.connect(self.decline)
        self.client: LiveClient | None = None
        self.locked = False
        self.group_id: str | None = None  # the group call this PC is in (or joining)
        self.ringing: str | None = None  # the invitation's leg id while it rings
        self._invitation: Invitation | None = None
        self._starter = ""  # who rings (the lock screen names only them)
        self.known: dict[str, tuple[list[str], bool]] = {}  # conversation -> who, am I in
        self._audio_open = False
        self._sending: FrameBuffer | None = None
        self._quality = QTimer(self, interval=QUALITY_EVERY_MS)
        self._quality.timeout.connect(self._read_quality)
        self._speaking = QTimer(self, interval=SPEAKING_EVERY_MS)
        self._speaking.timeout.connect(self._read_speaking)
        self._hide = QTimer(self, singleShot=True, interval=ENDED_SHOWN_MS)
        self._hide.timeout.connect(self.window.hide)

    @property
    def busy(self) -> bool:
        return self.group_id is not None or self.ringing is not None

    def attach(self, client: LiveClient | None) -> None:
        if client is not self.client:
            self._reset()
            self.window.hide()
            self.ringer.stop()
            self.ringing = self._invitation = None
        self.client = client

    # ---- actions -------------------------------------------------------------------------

    def start(self, conversation_id: str, name: str, audio: CallAudio | None = None) -> bool:
        """Start the group call of a group conversation, or join the one running there.
        False if it cannot now (another call, a ring): the caller keeps ``audio``."""
        client = self.client
        if client is None or self.busy:
            return False
        self.group_id = ""  # joining: its id is not back yet
        self.window.joining(name)
        self._show(self.window)
        media = self._open_audio(client, audio)
        group_calls = client.group_calls

        def started(group_id: object) -> None:
            if self.group_id == "" and isinstance(group_id, str):
                self.group_id = group_id

        self.bridge.submit(
            lambda: group_calls.start(conversation_id, media), done=started, error=self._failed
        )
        return True

    def accept(self) -> None:
        client, call_id, invitation = self.client, self.ringing, self._invitation
        if client is None or call_id is None or invitation is None or self.locked:
            return
        self.owner.ring.stop()
        self.ringer.stop()
        self.ringing = None
        self.group_id = invitation.group_id
        self.window.joining(self.ringer.windowTitle())
        self._show(self.window)
        media = self._open_audio(client)
        group_calls = client.group_calls
        self.bridge.submit(lambda: group_calls.accept(call_id, media), error=self._failed)

    def decline(self) -> None:
        client, call_id = self.client, self.ringing
        self.owner.ring.stop()
        self.ringer.stop()
        self.ringing = self._invitation = None
        if client is not None and call_id is not None:
            group_calls = client.group_calls
            self.bridge.submit(lambda: group_calls.decline(call_id))

    def leave(self) -> None:
        client = self.client
        if client is not None and self.group_id is not None:
            group_calls = client.group_calls
            self.bridge.submit(group_calls.leave)
        self._finish(self.tr("You left the group call"))

    def leave_now(self) -> None:
        """Switch user: this person leaves (and declines an invitation) first."""
        self._leave_running()
        if self.ringing is not None:
            self.decline()

    def lock(self) -> None:
        """The PIN lock: a running group call is left; an invitation rings on behind the
        lock as "Group call from X" and needs the PIN to be accepted."""
        self.locked = True
        self._leave_running()
        if self.ringing is not None:
            self.ringer.hide()
            self.lock_notice.emit(self.tr("Group call from %1").replace("%1", self._starter))

    def unlocked(self) -> None:
        self.locked = False
        if self.ringing is not None and self._invitation is not None:
            self._show(self.ringer)

    def _leave_running(self) -> None:
        client = self.client
        if client is not None and self.group_id is not None:
            self.bridge.wait(client.group_calls.leave)
            self._finish(self.tr("You left the group call"))

    # ---- events --------------------------------------------------------------------------

    def handle(self, event: CallEvent) -> bool:
        """True if this was a group call's event (the 1:1 controller ignores it)."""
        client = self.client
        if client is None:
            return False
        if event.kind == EVENT_PARTICIPANTS:
            self._participants(event)
            return True
        if event.kind == EVENT_INCOMING and event.data.get("group"):
            if not event.data.get("join") and not self.busy:
                self._invited(client, event)
            return True
        if event.call_id == self.ringing and event.kind == EVENT_ENDED:
            self.owner.ring.stop()
            self.ringer.stop()
            self.ringing = self._invitation = None
            if self.locked:
                self.lock_notice.emit("")  # it stopped ringing behind the lock
            return True
        tile = self.window.grid.tiles.get(event.peer) if self.group_id else None
        if tile is not None and event.kind == EVENT_CONNECTED:
            tile.set_state(self.tr("connected"))
            self.window.active()
            self._quality.start()
            self._speaking.start()
            uid = event.peer
            self.bridge.call(
                directory_view.call_peer,
                client,
                uid,
                event.call_id,
                done=lambda peer: self._details(uid, peer),
            )
        elif tile is not None and event.kind == EVENT_ENDED:
            tile.set_state(self.tr("connecting …"))
        return bool(event.data.get("group"))  # a leg's: never the 1:1 controller's call

    def _invited(self, client: LiveClient, event: CallEvent) -> None:
        group_calls = client.group_calls
        self.ringing = event.call_id

        def look_up() -> tuple[Invitation | None, str, str]:
            invitation = group_calls.invitation(event.call_id)
            title = client.conversation_title(invitation.conversation_id) if invitation else ""
            return invitation, client.name(event.peer), title

        self.bridge.call(look_up, done=self._ring)

    def _ring(self, found: object) -> None:
        if not isinstance(found, tuple) or self.ringing is None or self.client is None:
            return
        invitation, starter, title = found
        if not isinstance(invitation, Invitation):
            self.ringing = None
            return
        self._invitation, self._starter = invitation, str(starter)
        self.ringer.ring(self._starter, str(title))
        self.owner.ring.start()
        if self.locked:
            self.lock_notice.emit(self.tr("Group call from %1").replace("%1", self._starter))
        else:
            self._show(self.ringer)

    def _participants(self, event: CallEvent) -> None:
        client = self.client
        assert client is not None
        inside = [str(u) for u in event.data.get("participants", [])]
        muted = {str(u) for u in event.data.get("muted", [])}
        me = client.session.uid
        mine = self.group_id is not None and event.call_id == self.group_id
        if self.group_id == "" and me in inside:  # the event overtook start()'s answer
            self.group_id, mine = event.call_id, True
        cid = event.peer  # a group call's events name its conversation
        if mine and me not in inside and self.group_id == event.call_id:
            self.bridge.submit(client.group_calls.leave)  # everyone else left: it is over
            self._finish(self.tr("The group call is over"))
            mine = False

        def names() -> list[tuple[str, str]]:
            return [(uid, client.name(uid)) for uid in inside]

        def show(people: object) -> None:
            if not isinstance(people, list) or self.client is not client:
                return  # detached meanwhile (the session closed)
            who = [name for _, name in people]
            self.known[cid] = (who, me in inside)
            self.running.emit(cid, who, me in inside)
            if mine and self.group_id == event.call_id:
                for tile in self.window.grid.set_people(people):
                    self._new_tile(client, tile.uid)
                for uid, tile in self.window.grid.tiles.items():
                    tile.set_muted(uid in muted)

        self.bridge.call(names, done=show)

    def _new_tile(self, client: LiveClient, uid: str) -> None:
        tile = self.window.grid.tiles[uid]
        if uid == client.session.uid:
            tile.set_state(self.tr("you"))
            tile.watch(self._sending)
            return
        tile.watch(client.group_calls.video_of(uid) if self.window.video_possible else None)

    def _details(self, uid: str, peer: object) -> None:
        tile = self.window.grid.tiles.get(uid) if self.group_id and self.client else None
        if isinstance(peer, directory_view.CallPeer) and tile is not None:
            tile.set_details(peer.department, peer.confirmed)

    def _read_quality(self) -> None:
        client = self.client
        if client is None or not self.group_id:
            self._quality.stop()
            return
        self.bridge.submit(client.group_calls.quality, done=self._show_quality)

    def _show_quality(self, quality: object) -> None:
        if not isinstance(quality, dict) or not self.group_id or self.client is None:
            return
        for uid, q in quality.items():
            tile = self.window.grid.tiles.get(uid)
            if tile is None or not isinstance(q, CallQuality):
                continue
            poor = q.loss_percent >= POOR_LOSS_PERCENT or (q.rtt_ms or 0) >= POOR_RTT_MS
            word = self.tr("poor connection") if poor else self.tr("good connection")
            rtt = self.tr("%1 ms").replace("%1", str(q.rtt_ms)) if q.rtt_ms is not None else "…"
            loss = self.tr("%1 % lost").replace("%1", str(round(q.loss_percent)))
            tile.set_state(f"{word} · {rtt} · {loss}")

    def _read_speaking(self) -> None:
        client = self.client
        if client is None or not self.group_id:
            self._speaking.stop()
            return
        self.bridge.call(client.group_calls.speaking, done=self._show_speaking)

    def _show_speaking(self, speaking: object) -> None:
        if isinstance(speaking, set) and self.group_id and self.client is not None:
            for uid, tile in self.window.grid.tiles.items():
                tile.set_speaking(uid in speaking)

    # ---- media ---------------------------------------------------------------------------

    def _mute(self, muted: bool) -> None:
        client = self.client
        if client is not None and self.group_id:
            group_calls = client.group_calls
            self.bridge.submit(lambda: group_calls.mute(muted))
            own = self.window.grid.tiles.get(client.session.uid)
            if own is not None:
                own.set_muted(muted)

    def _camera(self, on: bool) -> None:
        self._picture(self.owner.cameras, on, CAMERA_FPS)

    def _share(self, on: bool) -> None:
        self._picture(self.owner.screens, on, SCREEN_FPS)

    def _picture(self, source: PictureSource, on: bool, fps: int) -> None:
        client = self.client
        if on:
            source.start()
        else:
            source.stop()
        if client is None or not self.group_id:
            return
        if on or self._sending is source.buffer:  # one source's off never blanks the other
            self._sending = source.buffer if on else None
            self.bridge.call(client.group_calls.send_picture, self._sending, fps)
            own = self.window.grid.tiles.get(client.session.uid)
            if own is not None:
                own.watch(self._sending)

    def _open_audio(self, client: LiveClient, audio: CallAudio | None = None) -> CallAudio:
        """As for a 1:1 call: sound, and video when policy allows (per leg)."""
        self._audio_open = True
        audio = audio if audio is not None else self.owner.devices.open()
        video = client.calls.video_allowed
        camera = video and self.owner.cameras.available()
        shares = machine.screen_share_allowed(client.rules)
        share = video and shares and self.owner.screens.available()
        self.window.video_possible, self.window.share_possible = video, share
        self.window.camera_button.setEnabled(camera)
        remote = FrameBuffer() if video else None  # only marks "show video" per leg
        return replace(audio, sends_video=camera or share, remote_video=remote)

    # ---- ending ----------------------------------------------------------------------------

    def _failed(self, message: str) -> None:
        full = re.search(r"group call is full: (\d+) people", message)
        if full is not None:  # the services' English message, said in the app's language
            message = self.tr("The group call is full: %1 people are in it already.").replace(
                "%1", full.group(1)
            )
        self._finish(message)

    def _finish(self, text: str) -> None:
        self._reset()
        self.window.ended(text)
        if not self.locked:
            self._show(self.window)
        self._hide.start()

    def _reset(self) -> None:
        self._quality.stop()
        self._speaking.stop()
        if self._audio_open:
            self.owner.devices.close()
            self.owner.cameras.stop()
            self.owner.screens.stop()
            self._audio_open = False
        self._sending = None
        self.group_id = None

    def _show(self, window: GroupCallWindow | GroupRingWindow) -> None:
        if window is self.window:
            self._hide.stop()
        window.show()
        window.raise_()
        window.activateWindow()
