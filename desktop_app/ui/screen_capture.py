"""Policy ``block_screen_capture``: WardLink's windows stay black in screenshots (Windows).

Windows 10 2004+ offers SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE) for this;
the filter applies it to every top-level window when it is first shown (main window,
lock screen, dialogs, image viewers). Linux has no such switch (X11 lets every client
read the screen): there this is a documented no-op with one log line.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

log = logging.getLogger("wardlink.ui")

WDA_EXCLUDEFROMCAPTURE = 0x11


def exclude_from_capture(widget: QWidget) -> bool:
    """True if Windows accepted hiding this window from capture."""
    if sys.platform != "win32":
        return False
    import ctypes

    user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]
    return bool(user32.SetWindowDisplayAffinity(int(widget.winId()), WDA_EXCLUDEFROMCAPTURE))


class CaptureBlocker(QObject):
    """An application event filter: each window, once shown, is excluded from capture."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.applied = 0
        if sys.platform != "win32":
            log.info(
                "policy block_screen_capture: screen capture cannot be blocked on %s; "
                "the setting has no effect here",
                sys.platform,
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and exclude_from_capture(watched)
        ):
            self.applied += 1
        return False
