"""The call window: outgoing (ringing, cancel), incoming (Accept/Decline), active
(duration, mute, camera, screen sharing, hang up) and how the call ended, in one small
window with four faces. A video call shows the peer's picture large and what this side
sends (camera or screen) small beside it (ui/calls/video_view.py), refreshed every
``VIDEO_PAINT_MS`` from the call's frame buffers. The pickers under an active call
(microphone, speaker, camera, what to share) are ui/calls/call_choices.py.

It shows the peer's name only (a ward PC's screen is seen by others). Keyboard: Enter
accepts, Esc declines or hangs up, Ctrl+M mutes. The window knows no services; the
``CallController`` drives it and listens to its signals.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.call_camera import FrameBuffer
from desktop_app.ui.calls.call_choices import CallChoices
from desktop_app.ui.calls.video_view import FrameView

TICK_MS: Final = 1000
VIDEO_PAINT_MS: Final = 66  # ~15 pictures a second, what services/call_camera.py sends
# Above these, speech breaks up or lags noticeably (ITU-T G.114: 150 ms one way).
POOR_LOSS_PERCENT: Final = 5.0
POOR_RTT_MS: Final = 300
MIN_CONTENT_WIDTH: Final = 292  # with the margins the window is at least 340 px wide


def duration_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class CallWindow(QWidget):
    accept_clicked = Signal()
    decline_clicked = Signal()
    hang_up_clicked = Signal()  # cancel while ringing, hang up once active
    mute_toggled = Signal(bool)
    camera_toggled = Signal(bool)
    share_toggled = Signal(bool)
    camera_chosen = Signal(bytes)  # camera id (b"": system default)
    share_target_chosen = Signal(bytes)  # what "Share" shows (b"": the whole screen)
    devices_chosen = Signal(bytes, bytes)  # microphone id, speaker id (b"": system default)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("callWindow")
        self.name = QLabel()
        self.name.setObjectName("callName")
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setMinimumWidth(MIN_CONTENT_WIDTH)
        self.state = QLabel()
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QLabel()  # active: department · safety number confirmed or not
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.hide()
        self.quality = QLabel()  # active: round trip and packet loss
        self.quality.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.quality.setStyleSheet("color: #5f6b75;")
        self.quality.hide()
        self.duration = QLabel()
        self.duration.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setStyleSheet("background: #1e8e3e; color: white; padding: 8px 18px;")
        self.accept_button.setAccessibleName(self.tr("Accept the call"))
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.setStyleSheet("background: #c5221f; color: white; padding: 8px 18px;")
        self.decline_button.setAccessibleName(self.tr("Decline the call"))
        self.mute_button = QPushButton(self.tr("Mute"))
        self.mute_button.setCheckable(True)
        self.mute_button.setAccessibleName(self.tr("Mute the microphone (Ctrl+M)"))
        self.camera_button = QPushButton(self.tr("Camera on"))
        self.camera_button.setCheckable(True)
        self.camera_button.setAccessibleName(self.tr("Switch the camera on or off"))
        self.camera_button.toggled.connect(self._camera)
        self.share_button = QPushButton(self.tr("Share screen"))
        self.share_button.setCheckable(True)
        self.share_button.setAccessibleName(self.tr("Show your screen to the other side"))
        self.share_button.toggled.connect(self._share)
        self.remote_view = FrameView(320, 240)  # the peer, large
        self.remote_view.hide()
        self.local_view = FrameView(120, 90)  # one's own camera, small
        self.local_view.setMaximumSize(160, 120)
        self.local_view.hide()
        self.video_possible = False  # the controller sets it: policy allows, a camera exists
        self.share_possible = False  # policy screen_share_allowed (and video_allowed)
        self._pictures: tuple[FrameBuffer | None, FrameBuffer | None] = (None, None)
        self._paint = QTimer(self)
        self._paint.setInterval(VIDEO_PAINT_MS)
        self._paint.timeout.connect(self._paint_video)
        self.hang_up_button = QPushButton(self.tr("Hang up"))
        self.hang_up_button.setStyleSheet("background: #c5221f; color: white; padding: 8px 18px;")
        self.close_button = QPushButton(self.tr("Close"))
        self.device_box = CallChoices()  # microphone, speaker, camera, what to share
        self.microphone, self.speaker = self.device_box.microphone, self.device_box.speaker
        self.camera_choice = self.device_box.camera_choice
        self.share_choice = self.device_box.share_choice
        self.device_box.devices_chosen.connect(self.devices_chosen)
        self.device_box.camera_chosen.connect(self.camera_chosen)
        self.device_box.share_target_chosen.connect(self.share_target_chosen)
        self.device_box.hide()
        # A PC without microphone or speaker still connects the call: say so, or the
        # two talk into silence believing the other hears them.
        self.no_audio = QLabel()
        self.no_audio.setObjectName("noAudio")
        # Lines broken by hand, not word-wrapped: a top-level window does not grow for
        # a wrapped label's height, which then lay over the picture above it.
        self.no_audio.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_audio.setStyleSheet("color: #c5221f;")
        self.no_audio.hide()
        self._missing_audio = (False, False)  # (no microphone, no speaker)
        self.accept_button.clicked.connect(self.accept_clicked)
        self.decline_button.clicked.connect(self.decline_clicked)
        self.hang_up_button.clicked.connect(self.hang_up_clicked)
        self.mute_button.toggled.connect(self._muted)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.decline_button,
            self.accept_button,
            self.mute_button,
            self.camera_button,
            self.share_button,
            self.hang_up_button,
            self.close_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        # The window grows with each face's words: it is first sized for "is calling
        # you", and the active face's German buttons and lines were cut off at 340 px.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(self.name)
        layout.addWidget(self.state)
        layout.addWidget(self.details)
        layout.addWidget(self.duration)
        layout.addWidget(self.quality)
        pictures = QHBoxLayout()
        pictures.addWidget(self.remote_view, 1)
        pictures.addWidget(self.local_view, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(pictures)
        layout.addWidget(self.no_audio)
        layout.addLayout(buttons)
        layout.addWidget(self.device_box)
        mute = QShortcut(QKeySequence("Ctrl+M"), self, self._toggle_mute)
        mute.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._show_duration)
        self._face = ""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        """This window outlives the person who unlocked; a person's own language
        (ui/translations.py) reaches it here. A face shown gets its words at the next
        change of face."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()

    def _retranslate(self) -> None:
        self.accept_button.setText(self.tr("Accept"))
        self.accept_button.setAccessibleName(self.tr("Accept the call"))
        self.decline_button.setText(self.tr("Decline"))
        self.decline_button.setAccessibleName(self.tr("Decline the call"))
        self._mute_text(self.mute_button.isChecked())
        self.mute_button.setAccessibleName(self.tr("Mute the microphone (Ctrl+M)"))
        self._camera_text(self.camera_button.isChecked())
        self.camera_button.setAccessibleName(self.tr("Switch the camera on or off"))
        self._share_text(self.share_button.isChecked())
        self.share_button.setAccessibleName(self.tr("Show your screen to the other side"))
        self.close_button.setText(self.tr("Close"))
        self.device_box.retranslate()
        self.no_audio.setText(self._no_audio_text())

    @property
    def face(self) -> str:
        """outgoing, incoming, connecting, active or ended (what tests look at)."""
        return self._face

    def _show(self, face: str, buttons: tuple[QPushButton, ...]) -> None:
        self._face = face
        if face in ("outgoing", "incoming", "ended"):
            self.details.hide()  # the department and safety number belong to a live call
        if face == "ended":
            self.duration.clear()  # the ended text says how long it was
        if face != "active":
            self.quality.hide()
            self.device_box.hide()
            self.no_audio.hide()
            self._paint.stop()
            self.remote_view.hide()
            self.local_view.hide()
        for button in (
            self.accept_button,
            self.decline_button,
            self.mute_button,
            self.camera_button,
            self.share_button,
            self.hang_up_button,
            self.close_button,
        ):
            button.setVisible(button in buttons)
        self.setWindowTitle(self.name.text())

    def outgoing(self, name: str) -> None:
        self.name.setText(name)
        self.state.setText(self.tr("Calling …"))
        self.duration.clear()
        self.hang_up_button.setText(self.tr("Cancel"))
        self._show("outgoing", (self.hang_up_button,))
        self.hang_up_button.setFocus()

    def ringing(self) -> None:
        if self._face == "outgoing":
            self.state.setText(self.tr("Ringing …"))

    def incoming(self, name: str) -> None:
        self.name.setText(name)
        self.state.setText(self.tr("is calling you"))
        self.duration.clear()
        self._show("incoming", (self.decline_button, self.accept_button))
        self.accept_button.setDefault(True)
        self.accept_button.setFocus()

    def connecting(self) -> None:
        self.state.setText(self.tr("Connecting …"))
        self.hang_up_button.setText(self.tr("Hang up"))
        self._show("connecting", (self.hang_up_button,))

    def active(self) -> None:
        self.state.setText(self.tr("In call"))
        self.hang_up_button.setText(self.tr("Hang up"))
        self.mute_button.setChecked(False)
        self.camera_button.setChecked(False)
        self.share_button.setChecked(False)
        self.device_box.set_camera_row(False)  # set_cameras shows it for this call
        self.device_box.set_share_row(False)  # set_share_targets shows it for this call
        camera = (self.camera_button,) if self.video_possible else ()
        share = (self.share_button,) if self.share_possible else ()
        self._show("active", (self.mute_button, *camera, *share, self.hang_up_button))
        self._paint.start()
        self._clock.start()
        self._show_duration()
        self._tick.start()
        self.hang_up_button.setFocus()

    def set_video(
        self,
        remote: FrameBuffer | None,
        camera: FrameBuffer | None,
        screen: FrameBuffer | None = None,
    ) -> None:
        """The buffers this call's pictures come from (None: none of that kind)."""
        self.remote_view.watch(remote)
        self._pictures = (camera, screen)
        self.local_view.watch(None)

    def _paint_video(self) -> None:
        # The first picture opens a view; a buffer without a frame yet (an audio-only
        # call, a camera still starting) opens none: it would be an empty black box.
        if self.remote_view.refresh() and not self.remote_view.image.isNull():
            self.remote_view.show()
        if self.local_view.refresh() and not self.local_view.image.isNull():
            self.local_view.show()

    def _camera_text(self, on: bool) -> None:
        self.camera_button.setText(self.tr("Camera off") if on else self.tr("Camera on"))

    def _share_text(self, on: bool) -> None:
        self.share_button.setText(self.tr("Stop sharing") if on else self.tr("Share screen"))

    def _mute_text(self, muted: bool) -> None:
        self.mute_button.setText(self.tr("Unmute") if muted else self.tr("Mute"))

    def _camera(self, on: bool) -> None:
        self._camera_text(on)
        if on:
            self.share_button.setChecked(False)  # one picture at a time
        self._preview(self._pictures[0] if on else None)
        self.camera_toggled.emit(on)

    def _share(self, on: bool) -> None:
        self._share_text(on)
        if on:
            self.camera_button.setChecked(False)
        self._preview(self._pictures[1] if on else None)
        self.share_toggled.emit(on)

    def _preview(self, source: FrameBuffer | None) -> None:
        """The small picture shows what the peer sees from here (nothing: hidden until
        the source's first frame)."""
        self.local_view.watch(source)
        self.local_view.hide()

    def set_peer(self, department: str, confirmed: bool) -> None:
        """Shown once the call is up (never on the ringing window: name only there)."""
        badge = (
            self.tr("✔ Safety number confirmed")
            if confirmed
            else self.tr("Safety number not compared")
        )
        self.details.setText(" · ".join(t for t in (department, badge) if t))
        self.details.setStyleSheet("color: #1e8e3e;" if confirmed else "color: #5f6b75;")
        self.details.show()

    def set_devices(
        self,
        microphones: list[tuple[bytes, str]],
        speakers: list[tuple[bytes, str]],
        chosen: tuple[bytes, bytes] = (b"", b""),
    ) -> None:
        """The devices to choose from during the call; a missing kind's row is hidden
        and a red line says what the missing device means for the call."""
        self.device_box.set_devices(microphones, speakers, chosen)
        self._missing_audio = (not microphones, not speakers)
        self.no_audio.setText(self._no_audio_text())
        self.no_audio.setVisible(any(self._missing_audio))

    def _no_audio_text(self) -> str:
        no_microphone, no_speaker = self._missing_audio
        if no_microphone and no_speaker:
            return self.tr(
                "No microphone and no speaker on this PC:\nneither of you can hear the other."
                "\nConnect a headset, or ask IT."
            )
        if no_microphone:
            return self.tr(
                "No microphone on this PC:\nthe other side cannot hear you."
                "\nConnect one, or ask IT."
            )
        if no_speaker:
            return self.tr(
                "No speaker on this PC:\nyou cannot hear the other side.\nConnect one, or ask IT."
            )
        return ""

    def set_cameras(self, cameras: list[tuple[bytes, str]], chosen: bytes = b"") -> None:
        """The cameras to choose from (the row shows only with a camera)."""
        self.device_box.set_cameras(cameras, chosen)

    def set_share_targets(self, targets: list[tuple[bytes, str]], chosen: bytes = b"") -> None:
        """The whole screen and the windows that can be shared now (the row shows
        where sharing is allowed)."""
        self.device_box.set_share_targets(targets, chosen, allowed=self.share_possible)

    def set_quality(self, rtt_ms: int | None, loss_percent: float) -> None:
        """Round trip and loss in words a nurse can act on (POOR_* thresholds)."""
        poor = loss_percent >= POOR_LOSS_PERCENT or (rtt_ms or 0) >= POOR_RTT_MS
        word = self.tr("poor connection") if poor else self.tr("good connection")
        rtt = self.tr("%1 ms").replace("%1", str(rtt_ms)) if rtt_ms is not None else "…"
        loss = self.tr("%1 % lost").replace("%1", str(round(loss_percent)))
        self.quality.setText(f"{word} · {rtt} · {loss}")
        self.quality.setStyleSheet("color: #c5221f;" if poor else "color: #5f6b75;")
        self.quality.show()

    def ended(self, text: str) -> None:
        self._tick.stop()
        self.state.setText(text)
        self._show("ended", (self.close_button,))
        self.close_button.setFocus()
        # The layout only lets the window grow (SetMinimumSize): grown for the German
        # active face, it stayed that large round "Call ended" and Close. Fit it again.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.adjustSize()

    def _show_duration(self) -> None:
        self.duration.setText(duration_text(int(self._clock.elapsed() // 1000)))

    def _muted(self, muted: bool) -> None:
        self._mute_text(muted)
        self.mute_toggled.emit(muted)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        """Grown for a wider face, the window stays on its screen: placed at the right
        edge while it rang, it grew past it and Hang up was cut off."""
        super().resizeEvent(event)
        screen = self.screen()
        if screen is None or not self.isVisible():
            return
        room, frame = screen.availableGeometry(), self.frameGeometry()
        shift = QPoint(min(0, room.right() - frame.right()), min(0, room.bottom() - frame.bottom()))
        if not shift.isNull():
            self.move(self.pos() + shift)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        """Closing the window never leaves a call running or ringing unseen."""
        if self._face in ("incoming", "outgoing", "connecting", "active"):
            self._escape()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """Enter accepts a ringing call, Esc declines/cancels/hangs up (key events, not
        window shortcuts: only while this window has the keyboard, never from a PIN
        typed into the lock screen)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._face == "incoming":
            self.accept_clicked.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self._escape()
        else:
            super().keyPressEvent(event)

    def _toggle_mute(self) -> None:
        if self._face == "active":
            self.mute_button.toggle()

    def _escape(self) -> None:
        if self._face == "incoming":
            self.decline_clicked.emit()
        elif self._face in ("outgoing", "connecting", "active"):
            self.hang_up_clicked.emit()
        else:
            self.close()
