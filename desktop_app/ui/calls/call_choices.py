"""The pickers under an active call: microphone, speaker, camera and what to share.

Each list starts with the system default (or the whole screen) and keeps its ids in a
Python list (index = row), not as item data in Qt; a kind the PC lacks, or that policy
does not allow, has its row hidden. The call window (ui/calls/window.py) shows this box
and passes its choices on as its own signals.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget


class ListedOnOpen(QComboBox):
    """A choice whose list is filled again each time it opens (windows come and go)."""

    opening = Signal()

    def showPopup(self) -> None:  # noqa: N802 (Qt override)
        self.opening.emit()
        super().showPopup()


class CallChoices(QWidget):
    camera_chosen = Signal(bytes)  # camera id (b"": system default)
    share_target_chosen = Signal(bytes)  # what "Share" shows (b"": the whole screen)
    devices_chosen = Signal(bytes, bytes)  # microphone id, speaker id (b"": system default)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.microphone = QComboBox()
        self.speaker = QComboBox()
        rows = QFormLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        self._microphone_label = QLabel()
        self._speaker_label = QLabel()
        rows.addRow(self._microphone_label, self.microphone)
        rows.addRow(self._speaker_label, self.speaker)
        self.camera_choice = QComboBox()
        self._camera_label = QLabel()
        rows.addRow(self._camera_label, self.camera_choice)
        self.share_choice = ListedOnOpen()
        self._share_label = QLabel()
        rows.addRow(self._share_label, self.share_choice)
        self._microphone_ids: list[bytes] = [b""]
        self._speaker_ids: list[bytes] = [b""]
        self._camera_ids: list[bytes] = [b""]
        self._share_ids: list[bytes] = [b""]
        self.retranslate()
        self.microphone.activated.connect(self._chosen)
        self.speaker.activated.connect(self._chosen)
        self.camera_choice.activated.connect(self._camera_picked)
        self.share_choice.activated.connect(self._share_picked)
        self.set_camera_row(False)
        self.set_share_row(False)

    def retranslate(self) -> None:
        self.microphone.setAccessibleName(self.tr("Microphone"))
        self.speaker.setAccessibleName(self.tr("Speaker"))
        self._microphone_label.setText(self.tr("Microphone"))
        self._speaker_label.setText(self.tr("Speaker"))
        self.camera_choice.setAccessibleName(self.tr("Camera"))
        self._camera_label.setText(self.tr("Camera"))
        self.share_choice.setAccessibleName(self.tr("What to share"))
        self._share_label.setText(self.tr("Share"))

    def set_devices(
        self,
        microphones: list[tuple[bytes, str]],
        speakers: list[tuple[bytes, str]],
        chosen: tuple[bytes, bytes] = (b"", b""),
    ) -> None:
        """The sound devices to choose from; a missing kind's row is hidden."""
        self._microphone_ids = [b"", *(device_id for device_id, _ in microphones)]
        self._speaker_ids = [b"", *(device_id for device_id, _ in speakers)]
        for box, choices, ids, current in (
            (self.microphone, microphones, self._microphone_ids, chosen[0]),
            (self.speaker, speakers, self._speaker_ids, chosen[1]),
        ):
            box.clear()
            box.addItems([self.tr("System default"), *(name for _, name in choices)])
            box.setCurrentIndex(ids.index(current) if current in ids else 0)
        for label, box, found in (
            (self._microphone_label, self.microphone, microphones),
            (self._speaker_label, self.speaker, speakers),
        ):
            label.setVisible(bool(found))
            box.setVisible(bool(found))
        self.setVisible(bool(microphones or speakers) or self.share_choice.isVisibleTo(self))

    def set_cameras(self, cameras: list[tuple[bytes, str]], chosen: bytes = b"") -> None:
        """The cameras to choose from (the row shows only with a camera)."""
        self._camera_ids = [b"", *(camera_id for camera_id, _ in cameras)]
        self.camera_choice.clear()
        self.camera_choice.addItems([self.tr("System default"), *(n for _, n in cameras)])
        self.camera_choice.setCurrentIndex(
            self._camera_ids.index(chosen) if chosen in self._camera_ids else 0
        )
        self.set_camera_row(bool(cameras))
        if cameras:
            self.show()

    def set_share_targets(
        self, targets: list[tuple[bytes, str]], chosen: bytes = b"", *, allowed: bool
    ) -> None:
        """The whole screen and the windows that can be shared now (the row shows where
        sharing is ``allowed``)."""
        self._share_ids = [b"", *(t for t, _ in targets if t)]
        self.share_choice.clear()
        self.share_choice.addItems([self.tr("Whole screen"), *(n for t, n in targets if t)])
        self.share_choice.setCurrentIndex(
            self._share_ids.index(chosen) if chosen in self._share_ids else 0
        )
        self.set_share_row(allowed)
        if allowed:
            self.show()

    def set_share_row(self, visible: bool) -> None:
        self._share_label.setVisible(visible)
        self.share_choice.setVisible(visible)

    def set_camera_row(self, visible: bool) -> None:
        self._camera_label.setVisible(visible)
        self.camera_choice.setVisible(visible)

    def _share_picked(self, row: int) -> None:
        ids = self._share_ids
        self.share_target_chosen.emit(ids[row] if 0 <= row < len(ids) else b"")

    def _camera_picked(self, row: int) -> None:
        self.camera_chosen.emit(self._camera_ids[row] if 0 <= row < len(self._camera_ids) else b"")

    def _chosen(self) -> None:
        mic, speaker = self.microphone.currentIndex(), self.speaker.currentIndex()
        self.devices_chosen.emit(
            self._microphone_ids[mic] if 0 <= mic < len(self._microphone_ids) else b"",
            self._speaker_ids[speaker] if 0 <= speaker < len(self._speaker_ids) else b"",
        )
