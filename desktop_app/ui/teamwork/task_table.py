"""A list of tasks: title, checklist progress ("2/5", said in words), assignee, due,
priority, state; overdue ones in red."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop_app.domain.tasks import Priority, Task
from desktop_app.services.live_teamwork import TaskRow
from desktop_app.ui.list_focus import show_current_on_tab
from desktop_app.ui.literal_text import literal
from desktop_app.ui.teamwork.wording import state_text, urgent_text, when

OVERDUE = QColor("#c5221f")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
CONVERSATION_CHARS = 24
"""At most about this many characters' width for "My tasks"' Conversation column (its
full name is the cell's tooltip): the task's title gets the room."""


class TaskTable(QTreeWidget):
    def __init__(self, *, with_conversation: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_conversation = with_conversation
        show_current_on_tab(self)
        heads = [
            self.tr("Task"),
            self.tr("Checklist"),
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
        # The title takes what the other columns leave, at any window size.
        self.title_column = 1 if with_conversation else 0
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.title_column, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName(self.tr("Tasks"))

    def show_rows(self, rows: list[TaskRow]) -> None:
        current = self.current_row()
        self.clear()
        for row in rows:
            task = row.task
            progress = self._progress(task)
            cells = [
                task.title,
                progress[0],
                row.assignee_name,
                when(task.due_ms),
                urgent_text() if task.priority is Priority.URGENT else "",
                state_text(task.state),
            ]
            if self.with_conversation:
                cells.insert(0, row.conversation_title)
            item = QTreeWidgetItem(cells)
            if self.with_conversation:  # capped in width: the whole name on hover
                item.setToolTip(0, literal(row.conversation_title))  # a colleague's title
            item.setData(0, ROW_ROLE, row)
            column = 2 if self.with_conversation else 1
            item.setToolTip(column, progress[1])
            item.setData(column, Qt.ItemDataRole.AccessibleTextRole, progress[1])
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)
            self._mark_title(item, task.title, overdue=row.overdue)
            if row.overdue:
                for column in range(len(cells)):
                    item.setForeground(column, QBrush(OVERDUE))
            self.addTopLevelItem(item)
            if current is not None and current.task.task_id == task.task_id:
                self.setCurrentItem(item)
        for column in range(self.columnCount()):
            if column != self.title_column:
                self.resizeColumnToContents(column)
        if self.with_conversation:
            cap = self.fontMetrics().averageCharWidth() * CONVERSATION_CHARS
            self.setColumnWidth(0, min(self.columnWidth(0), cap))

    def _mark_title(self, item: QTreeWidgetItem, title: str, *, overdue: bool) -> None:
        """The title cell: its whole text on hover (cut with "…" where the column is
        narrow), and an overdue task's title bold, "Overdue" above it in the tooltip."""
        column = self.title_column
        tip = f"{self.tr('Overdue')}\n{title}" if overdue else title
        item.setToolTip(column, literal(tip))  # a colleague's words, never read as HTML
        if overdue:
            font = QFont(item.font(column))
            font.setBold(True)
            item.setFont(column, font)

    def _progress(self, task: Task) -> tuple[str, str]:
        """ "2/5" and "2 of 5 items done" for a checklist, two empty texts for none."""
        if not task.items:
            return "", ""
        done, total = sum(1 for i in task.items if i.done), len(task.items)
        words = self.tr("%1 of %2 items done").replace("%1", str(done)).replace("%2", str(total))
        return f"{done}/{total}", words

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
