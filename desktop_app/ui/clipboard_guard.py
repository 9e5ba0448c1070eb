"""Message text copied out of WardLink: kept out of clipboard history, gone on lock.

On a shared ward PC, text left in the clipboard is readable by the next person. The
guard remembers what WardLink itself put there and clears the clipboard on lock, switch
user and quit only while it still holds exactly that (text the person copied from
elsewhere is left alone); the primary selection of X11 and Wayland likewise, while
WardLink holds it. On Windows the copy is also marked for the clipboard history
and the cloud clipboard to skip (the formats Windows documents for this; other
platforms just carry them as unused extra types).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

_DWORD_ZERO = b"\x00\x00\x00\x00"
# Qt maps "application/x-qt-windows-mime;value=NAME" to the registered clipboard format NAME.
WINDOWS_PRIVATE_FORMATS: dict[str, bytes] = {
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': (
        _DWORD_ZERO
    ),
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': _DWORD_ZERO,
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': _DWORD_ZERO,
}


class ClipboardGuard:
    """Owned by the app controller: it outlives every session's views."""

    def __init__(self, clipboard: QClipboard | None = None) -> None:
        self._clipboard = clipboard
        self._copied: str | None = None

    @property
    def clipboard(self) -> QClipboard:
        return self._clipboard if self._clipboard is not None else QGuiApplication.clipboard()

    def copy(self, text: str) -> None:
        self.clipboard.setMimeData(self.marked(text))

    def marked(self, text: str) -> QMimeData:
        """``text`` as clipboard data kept out of the history, remembered as WardLink's:
        for a widget whose own copy (Ctrl+C, its menu, a drag) places the data itself."""
        mime = QMimeData()
        mime.setText(text)
        for kind, value in WINDOWS_PRIVATE_FORMATS.items():
            mime.setData(kind, value)
        self._copied = text
        return mime

    def clear_ours(self) -> bool:
        """Empty the clipboard if it still holds what WardLink copied, and the primary
        selection if WardLink holds it; True if either was emptied."""
        copied, self._copied = self._copied, None
        selection = self.clear_own_selection()
        if copied is None or self.clipboard.text() != copied:
            return selection
        self.clipboard.clear()
        return True

    def clear_own_selection(self) -> bool:
        """X11 (and Wayland with primary selection): text selected in any WardLink field
        or label is in the PRIMARY selection, put there by Qt's widgets directly, so the
        guard never saw it; a middle click pastes it in another program, also after the
        lock. The display server knows who holds the selection: if this process does,
        the text is WardLink's (another program's selection is left alone)."""
        clipboard = self.clipboard
        if not (clipboard.supportsSelection() and clipboard.ownsSelection()):
            return False
        clipboard.clear(QClipboard.Mode.Selection)
        return True


@dataclass(frozen=True)
class CopyRule:
    """How a viewer of decrypted text copies: through the session's guard, if at all
    (policy ``copy_allowed``)."""

    guard: ClipboardGuard
    allowed: bool = True
