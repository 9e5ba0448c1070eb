"""A list of tasks: title, assignee, due, priority, state; overdue ones in red."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.domain.tasks import Priority
from desktop_app.services.live_teamwork import TaskRow
from desktop_app.ui.teamwork.wording import state_text, urgent_text, when

OVERDUE = QColor("#c5221f")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class TaskTable(QTreeWidget):
    def __init__(self, *, with_conversation: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_conversation = with_conversation
        heads = [
            self.tr("Task"),
            self.tr("Assigned to"),
            self.tr("Due"),
            self.tr("Priority"),
            self.tr("State"),
        ]
        if with_conversation:
            heads.insert(0, self.tr("Conversation"))
        self.setHeaderLabels(heads)
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setColumnWidth(0, 300)
        self.setAccessibleName(self.tr("Tasks"))

    def show_rows(self, rows: list[TaskRow]) -> None:
        current = self.current_row()
        self.clear()
        for row in rows:
            task = row.task
            cells = [
                task.title,
                row.assignee_name,
                when(task.due_ms),
                urgent_text() if task.priority is Priority.URGENT else "",
                state_text(task.state),
            ]
            if self.with_conversation:
                cells.insert(0, row.conversation_title)
            item = QTreeWidgetItem(cells)
            item.setData(0, ROW_ROLE, row)
            if row.overdue:
                for column in range(len(cells)):
                    item.setForeground(column, QBrush(OVERDUE))
                item.setToolTip(0, self.tr("Overdue"))
                font = QFont(item.font(0))
                font.setBold(True)
                item.setFont(0, font)
            self.addTopLevelItem(item)
            if current is not None and current.task.task_id == task.task_id:
                self.setCurrentItem(item)
        for column in range(1, self.columnCount()):  # the title takes what is left
            self.resizeColumnToContents(column)

    def current_row(self) -> TaskRow | None:
        item = self.currentItem()
        row = item.data(0, ROW_ROLE) if item is not None else None
        return row if isinstance(row, TaskRow) else None

    def rows(self) -> list[TaskRow]:
        out = []
        for n in range(self.topLevelItemCount()):
            row = self.topLevelItem(n).data(0, ROW_ROLE)
            if isinstance(row, TaskRow):
                out.append(row)
        return out
