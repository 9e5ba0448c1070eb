"""People on the start screen as large, calm rows: initials, name, department.

Large targets on purpose: a nurse with gloves or in a hurry should hit the right name.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

NAME_ROLE = Qt.ItemDataRole.AccessibleTextRole
DEPARTMENT_ROLE = Qt.ItemDataRole.UserRole + 2
_AVATAR_COLOURS = ("#1f7a5c", "#2f5d8a", "#7a4e9c", "#a0522d", "#00796b", "#5d6d7e")


def initials(name: str) -> str:
    words = [w for w in name.replace("Dr.", "").replace("Prof.", "").split() if w[:1].isalpha()]
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


class PeopleDelegate(QStyledItemDelegate):
    def sizeHint(  # noqa: N802 (Qt API)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(240, max(56, option.fontMetrics.height() * 3 + 8))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        name = str(index.data(NAME_ROLE) or "")
        department = str(index.data(DEPARTMENT_ROLE) or "")
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(4, 3, -4, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        background = QColor("#e3f1ec" if selected else "#f4f7f6" if hovered else "#ffffff")
        painter.setPen(QColor("#d0d7de"))
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 8, 8)
        size = rect.height() - 16
        avatar = QRect(rect.left() + 10, rect.top() + 8, size, size)
        colour = QColor(_AVATAR_COLOURS[sum(map(ord, name)) % len(_AVATAR_COLOURS)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(avatar)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("white"))
        painter.drawText(avatar, Qt.AlignmentFlag.AlignCenter, initials(name))
        text_left = avatar.right() + 14
        line = option.fontMetrics.height()
        middle = rect.center().y()
        text = QColor("#1d1d1f")
        painter.setPen(text)
        painter.drawText(
            QRect(text_left, middle - line - 1, rect.right() - text_left - 8, line + 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            name,
        )
        muted = QColor("#5f6b73")
        painter.setFont(option.font)
        painter.setPen(muted)
        painter.drawText(
            QRect(text_left, middle + 1, rect.right() - text_left - 8, line + 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            department,
        )
        painter.restore()
