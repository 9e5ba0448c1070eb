"""The group call window's tiles: one per participant, in a grid (at most 6: 3 x 2).

A tile shows the person's picture when it arrives (ui/calls/video_view.py), else a
placeholder with their initials; below it name, department, the verified badge (the
safety number of the device on this call compared) and a state line: "speaking",
"muted" (one's own tile), "connecting …", or the leg's round trip and loss.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.services.call_camera import FrameBuffer
from desktop_app.ui.calls.video_view import FrameView

COLUMNS: Final = 3
SPEAKING_STYLE: Final = "QFrame#callTile { border: 3px solid #1e8e3e; border-radius: 6px; }"
QUIET_STYLE: Final = "QFrame#callTile { border: 3px solid transparent; border-radius: 6px; }"


def initials(name: str) -> str:
    """ "Dr. Anna Weber" -> "AW" (titles ending in a dot are skipped)."""
    words = [w for w in name.split() if not w.endswith(".")]
    return "".join(w[0] for w in (words[:1] + words[1:][-1:])).upper() or "?"


class _Picture(FrameView):
    """The person's video, or their initials on grey until a frame arrives."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(160, 120, parent)
        self.initials = "?"

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        if not self.image.isNull():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.darkGray)
        font = QFont(painter.font())
        font.setPointSizeF(max(12.0, self.height() / 5))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.initials)
        painter.end()


class ParticipantTile(QFrame):
    def __init__(self, uid: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callTile")
        self.uid = uid
        self.picture = _Picture()
        self.name = QLabel(name)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.name.font())
        bold.setBold(True)
        self.name.setFont(bold)
        self.muted_label = QLabel(self.tr("muted"))
        self.muted_label.setStyleSheet("color: #c5221f;")
        self.muted_label.hide()
        self.details = QLabel()  # department · verified badge
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.state = QLabel(self.tr("connecting …"))
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setStyleSheet("color: #5f6b75;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.picture, 1)
        names = QHBoxLayout()
        names.addWidget(self.name, 1)
        names.addWidget(self.muted_label)
        layout.addLayout(names)
        layout.addWidget(self.details)
        layout.addWidget(self.state)
        self.set_name(name)
        self.set_speaking(False)

    def set_name(self, name: str) -> None:
        self.name.setText(name)
        self.picture.initials = initials(name)
        self.setAccessibleName(name)
        self.picture.update()

    def set_details(self, department: str, confirmed: bool) -> None:
        badge = (
            self.tr("✔ Safety number confirmed")
            if confirmed
            else self.tr("Safety number not compared")
        )
        self.details.setText(" · ".join(t for t in (department, badge) if t))
        self.details.setStyleSheet("color: #1e8e3e;" if confirmed else "color: #5f6b75;")

    def set_state(self, text: str) -> None:
        self.state.setText(text)

    def set_muted(self, muted: bool) -> None:
        """Their microphone is off (by their own report; one's own at once)."""
        self.muted_label.setVisible(muted)

    def set_speaking(self, speaking: bool) -> None:
        self.speaking = speaking
        self.setStyleSheet(SPEAKING_STYLE if speaking else QUIET_STYLE)

    def watch(self, source: FrameBuffer | None) -> None:
        self.picture.watch(source)

    def refresh(self) -> None:
        self.picture.refresh()


class TileGrid(QWidget):
    """The tiles by uid; ``set_people`` adds the new ones and removes who left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, ParticipantTile] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(6)

    def set_people(self, people: list[tuple[str, str]]) -> list[ParticipantTile]:
        """``people``: (uid, name) in the order shown; returns the tiles added."""
        wanted = [uid for uid, _ in people]
        for uid in [u for u in self.tiles if u not in wanted]:
            tile = self.tiles.pop(uid)
            self._grid.removeWidget(tile)
            tile.deleteLater()
        added = []
        for uid, name in people:
            if uid not in self.tiles:
                self.tiles[uid] = ParticipantTile(uid, name, self)
                added.append(self.tiles[uid])
        for i, uid in enumerate(wanted):
            self._grid.addWidget(self.tiles[uid], i // COLUMNS, i % COLUMNS)
        return added

    def refresh(self) -> None:
        for tile in self.tiles.values():
            tile.refresh()

    def clear(self) -> None:
        self.set_people([])
