"""The files waiting in the composer, as removable chips; a picture shows a preview.

A pasted screenshot showed only its name ("Pasted image 1.png"): the person could not
see which of the last screenshots she was about to send to a ward group before it was
out. A picture (pasted, or a picture file) now shows small on its chip. The previews are
kept only while their chip is: one removed or sent is dropped with it (a pasted one
exists nowhere else, see composer.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from desktop_app.services.live_views import MemoryFile

Outgoing = Path | MemoryFile  # a file the person chose, or a pasted picture in memory
PREVIEW = QSize(96, 64)  # px: enough to tell two screenshots apart
PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}
MAX_PREVIEW_FILE = 25 * 1024 * 1024  # bytes: a larger picture file keeps a plain chip


def preview(item: Outgoing) -> QPixmap | None:
    """The picture scaled into PREVIEW, or None (not a picture, unreadable, too large)."""
    if isinstance(item, MemoryFile):
        image = QImage.fromData(item.data)
    else:
        try:
            if (
                item.suffix.lower() not in PICTURE_SUFFIXES
                or item.stat().st_size > MAX_PREVIEW_FILE
            ):
                return None
        except OSError:
            return None
        image = QImageReader(str(item)).read()
    if image.isNull():
        return None
    scaled = image.scaled(
        PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    return QPixmap.fromImage(scaled)


class FileChips(QWidget):
    """One chip per waiting file; clicking a chip removes its file (``on_remove``)."""

    def __init__(self, on_remove: Callable[[Outgoing], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("composerChips")
        self._on_remove = on_remove
        self._previews: dict[int, tuple[Outgoing, QPixmap | None]] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.hide()

    def show_files(self, files: list[Outgoing]) -> None:
        while self._layout.count() > 1:
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._previews = {id(f): (f, self._preview_of(f)) for f in files}
        for waiting in files:
            self._layout.insertWidget(self._layout.count() - 1, self._chip(waiting))
        self.setVisible(bool(files))

    def _preview_of(self, item: Outgoing) -> QPixmap | None:
        kept = self._previews.get(id(item))
        if kept is not None and kept[0] is item:
            return kept[1]
        return preview(item)

    def _chip(self, item: Outgoing) -> QToolButton:
        chip = QToolButton()
        chip.setObjectName("fileChip")
        chip.setText(f"{item.name}  ✕")
        chip.setToolTip(self.tr("Remove %1").replace("%1", item.name))
        chip.setAccessibleName(self.tr("Remove attachment %1").replace("%1", item.name))
        pixmap = self._previews[id(item)][1]
        if pixmap is not None:
            chip.setIcon(QIcon(pixmap))
            chip.setIconSize(PREVIEW)
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        chip.clicked.connect(lambda _=False, f=item: self._on_remove(f))
        return chip
