"""Where a viewer window opens: fully on the screen, centred over the window it came from.

A window sized for a 1920 x 1080 screen and placed by the window manager's default can
open partly off a 1366 x 768 ward PC screen, its title bar and close button out of
reach. So the size is clamped to the screen's available area (without the task bar) and
the window is centred over its opener, then pushed back inside that area.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Room for the title bar and borders the window manager adds around the client area
# (not known before the first show).
FRAME_ALLOWANCE = QSize(16, 48)


def _screen_of(window: QWidget, anchor: QWidget | None) -> QScreen:
    if anchor is not None:
        return anchor.screen()
    return window.screen() or QGuiApplication.primaryScreen()


def placed_rect(wanted: QSize, available: QRect, centre: QPoint) -> QRect:
    """A client rectangle of at most ``wanted`` around ``centre`` whose frame fits in
    ``available``."""
    room = available.size() - FRAME_ALLOWANCE
    size = wanted.boundedTo(room).expandedTo(QSize(1, 1))
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(centre)
    left_border = FRAME_ALLOWANCE.width() // 2
    top_border = FRAME_ALLOWANCE.height() - left_border
    x = min(
        max(rect.left(), available.left() + left_border),
        available.right() - left_border - size.width() + 1,
    )
    y = min(
        max(rect.top(), available.top() + top_border),
        available.bottom() - left_border - size.height() + 1,
    )
    return QRect(QPoint(x, y), size)


def place_on_screen(window: QWidget, wanted: QSize, anchor: QWidget | None = None) -> None:
    """Resize ``window`` to at most ``wanted`` and centre it over ``anchor``'s window
    (or the screen), entirely inside the screen's available geometry."""
    available = _screen_of(window, anchor).availableGeometry()
    opener = anchor.window() if anchor is not None else None
    centre = (
        opener.frameGeometry().center()
        if opener is not None and opener.isVisible()
        else available.center()
    )
    window.setGeometry(placed_rect(wanted, available, centre))
