"""The group call window: the group's name, one tile per participant (ui/calls/tiles.py),
duration, mute, camera, screen sharing and hang up (= leave); its last face says how it
ended or why it could not start ("the group call is full").

Keyboard as in the 1:1 window: Esc hangs up, Ctrl+M mutes. The window knows no services;
the ``GroupCallController`` (ui/calls/group_controller.py) drives it.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.calls.tiles import TileGrid
from desktop_app.ui.calls.window import TICK_MS, VIDEO_PAINT_MS, duration_text

STYLE_RED: Final = "background: #c5221f; color: white; padding: 8px 18px;"


class GroupCallWindow(QWidget):
    hang_up_clicked = Signal()
    mute_toggled = Signal(bool)
    camera_toggled = Signal(bool)
    share_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("groupCallWindow")
        self.setMinimumWidth(520)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.state = QLabel()
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.duration = QLabel()
        self.duration.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid = TileGrid()
        self.mute_button = QPushButton(self.tr("Mute"))
        self.mute_button.setCheckable(True)
        self.mute_button.setAccessibleName(self.tr("Mute the microphone (Ctrl+M)"))
        self.mute_button.toggled.connect(self._muted)
        self.camera_button = QPushButton(self.tr("Camera on"))
        self.camera_button.setCheckable(True)
        self.camera_button.toggled.connect(self._camera)
        self.share_button = QPushButton(self.tr("Share screen"))
        self.share_button.setCheckable(True)
        self.share_button.toggled.connect(self._share)
        self.hang_up_button = QPushButton(self.tr("Leave"))
        self.hang_up_button.setStyleSheet(STYLE_RED)
        self.hang_up_button.setAccessibleName(self.tr("Leave the group call (Esc)"))
        self.hang_up_button.clicked.connect(self.hang_up_clicked)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        self.video_possible = False  # the controller sets these per call (policy, devices)
        self.share_possible = False
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in self._buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.duration)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        mute = QShortcut(QKeySequence("Ctrl+M"), self, self._toggle_mute)
        mute.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._clock = QElapsedTimer()
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._show_duration)
        self._paint = QTimer(self, interval=VIDEO_PAINT_MS)
        self._paint.timeout.connect(self.grid.refresh)
        self._face = ""

    @property
    def face(self) -> str:
        """joining, active or ended (what tests look at)."""
        return self._face

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.mute_button,
            self.camera_button,
            self.share_button,
            self.hang_up_button,
            self.close_button,
        )

    def _show(self, face: str, shown: tuple[QPushButton, ...]) -> None:
        self._face = face
        for button in self._buttons():
            button.setVisible(button in shown)
        self.setWindowTitle(self.title.text())

    def joining(self, group_name: str) -> None:
        self.title.setText(group_name)
        self.state.setText(self.tr("Joining the group call …"))
        self.duration.clear()
        self.grid.clear()
        for button in (self.mute_button, self.camera_button, self.share_button):
            button.setChecked(False)
        self._show("joining", (self.hang_up_button,))
        self.hang_up_button.setFocus()

    def active(self) -> None:
        """The first peer is connected: the clock runs from here."""
        if self._face == "active":
            return
        self.state.setText(self.tr("Group call"))
        camera = (self.camera_button,) if self.video_possible else ()
        share = (self.share_button,) if self.share_possible else ()
        self._show("active", (self.mute_button, *camera, *share, self.hang_up_button))
        self._clock.start()
        self._show_duration()
        self._tick.start()
        self._paint.start()
        self.hang_up_button.setFocus()

    def ended(self, text: str) -> None:
        self._tick.stop()
        self._paint.stop()
        self.grid.clear()
        self.state.setText(text)
        self._show("ended", (self.close_button,))
        self.close_button.setFocus()

    def _show_duration(self) -> None:
        self.duration.setText(duration_text(int(self._clock.elapsed() // 1000)))

    def _muted(self, muted: bool) -> None:
        self.mute_button.setText(self.tr("Unmute") if muted else self.tr("Mute"))
        self.mute_toggled.emit(muted)

    def _camera(self, on: bool) -> None:
        self.camera_button.setText(self.tr("Camera off") if on else self.tr("Camera on"))
        if on:
            self.share_button.setChecked(False)  # one picture at a time
        self.camera_toggled.emit(on)

    def _share(self, on: bool) -> None:
        self.share_button.setText(self.tr("Stop sharing") if on else self.tr("Share screen"))
        if on:
            self.camera_button.setChecked(False)
        self.share_toggled.emit(on)

    def _toggle_mute(self) -> None:
        if self._face == "active":
            self.mute_button.toggle()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        """Closing the window never leaves a group call running unseen."""
        if self._face in ("joining", "active"):
            self.hang_up_clicked.emit()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape:
            if self._face in ("joining", "active"):
                self.hang_up_clicked.emit()
            else:
                self.close()
        else:
            super().keyPressEvent(event)
