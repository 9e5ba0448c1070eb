"""The colours of the chat's message list (ui/chat/delegate.py paints the bubbles,
card_paint.py the attachment cards inside them), in one place so both agree."""

from __future__ import annotations

import zlib

from PySide6.QtGui import QColor

from desktop_app.ui.chat.formatting import AttachmentKind

MINE = QColor("#d9f4df")
THEIRS = QColor("#ffffff")
TEXT = QColor("#111b21")
META = QColor("#667781")
DAY_PILL = QColor("#dfe5ec")
SYSTEM_PILL = QColor("#e6eaef")
SYSTEM_TEXT = QColor("#4a5963")
URGENT = QColor("#c5221f")
URGENT_TINT = QColor("#fff5f4")  # an urgent message to me stands out even at a glance
MENTION = QColor("#b06d00")  # the border of a message that @mentions me (or my role)
MENTION_TINT = QColor("#fff8e1")
ACKED = QColor("#137333")
WAITING = QColor("#a15c00")
PREVIEW_BG = QColor("#15181c")
CARD_BG_MINE = QColor("#c9ebd1")
CARD_BG_THEIRS = QColor("#f0f2f5")
FOCUS = QColor("#1d8ce0")
SHADOW = QColor(0, 0, 0, 22)
PROGRESS = QColor("#1d8ce0")
NAME_COLOURS = tuple(
    QColor(c) for c in ("#1f7a8c", "#8e44ad", "#c0392b", "#2e7d32", "#b35c00", "#3949ab")
)
FILE_COLOURS = {
    AttachmentKind.PDF: QColor("#d93025"),
    AttachmentKind.DICOM: QColor("#3949ab"),
    AttachmentKind.IMAGE: QColor("#2e7d32"),
    AttachmentKind.VOICE: QColor("#1f7a5c"),
    AttachmentKind.VIDEO: QColor("#6a1b9a"),
    AttachmentKind.OTHER: QColor("#5f6b76"),
}


def name_colour(uid: str) -> QColor:
    """A sender's name colour: the same person always gets the same one."""
    return NAME_COLOURS[zlib.crc32(uid.encode()) % len(NAME_COLOURS)]
