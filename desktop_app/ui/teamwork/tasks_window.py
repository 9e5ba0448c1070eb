"""The tasks of one conversation, and "My tasks" across conversations.

Both reload when a task changes (``ServiceEvents.teamwork``), whoever changed it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.tasks import FieldValue, TaskState
from desktop_app.services.live_teamwork import TaskRow
from desktop_app.ui.context import UiContext
from desktop_app.ui.guarded_label import guard_item_copies
from desktop_app.ui.teamwork.coalesce import coalesced
from desktop_app.ui.teamwork.task_dialog import TaskDialog
from desktop_app.ui.teamwork.task_table import TaskTable
from desktop_app.ui.window_keys import own_window_keys


class TasksWindow(QWidget):
    """One conversation's task list, or (``conversation`` empty) my tasks everywhere."""

    open_message = Signal(str, str)  # conversation id, message id
    handover_requested = Signal(str)  # conversation id

    def __init__(
        self, ctx: UiContext, conversation: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        own_window_keys(self)
        self.ctx = ctx
        self.conversation = conversation
        mine = not conversation
        self.setWindowTitle(
            self.tr("My tasks") if mine else self.tr("Tasks — %1").replace("%1", title)
        )
        self.resize(900, 480)
        self.table = TaskTable(with_conversation=mine)
        guard_item_copies(self.table, ctx.copy_rule)  # task titles name patients
        self.table.itemActivated.connect(lambda *_: self.edit())  # Enter or double-click
        self.table.currentItemChanged.connect(lambda *_: self._enable())
        self.add_button = QPushButton(self.tr("Add task …"))
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button = QPushButton(self.tr("Edit …"))
        self.edit_button.clicked.connect(self.edit)
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(lambda: self.set_state(TaskState.IN_PROGRESS))
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.clicked.connect(lambda: self.set_state(TaskState.DONE))
        self.cancel_button = QPushButton(self.tr("Cancel task"))
        self.cancel_button.clicked.connect(lambda: self.set_state(TaskState.CANCELLED))
        self.message_button = QPushButton(self.tr("Open message"))
        self.message_button.clicked.connect(self._open_message)
        self.handover_button = QPushButton(self.tr("Handover …"))
        self.handover_button.clicked.connect(lambda: self.handover_requested.emit(conversation))
        self.empty = QLabel()
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.start_button,
            self.done_button,
            self.cancel_button,
        ):
            buttons.addWidget(button)
        buttons.addWidget(self.message_button)
        buttons.addStretch(1)
        buttons.addWidget(self.handover_button)
        self.add_button.setVisible(not mine)
        self.handover_button.setVisible(not mine)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.dialog: TaskDialog | None = None
        ctx.events.teamwork.connect(coalesced(self, self.reload, self.isVisible))
        self._enable()
        self.reload()

    def reload(self) -> None:
        tw = self.ctx.client.teamwork
        if self.conversation:
            self.ctx.bridge.call(tw.tasks, self.conversation, done=self._show, error=self._failed)
        else:
            self.ctx.bridge.submit(tw.my_tasks, done=self._show, error=self._failed)

    def _show(self, rows: object) -> None:
        found = [r for r in rows if isinstance(r, TaskRow)] if isinstance(rows, list) else []
        self.table.show_rows(found)
        self.empty.setText("" if found else self.tr("No tasks yet."))
        self._enable()

    def _enable(self) -> None:
        row = self.table.current_row()
        state = None if row is None else row.task.state
        active = state in (TaskState.OPEN, TaskState.IN_PROGRESS)
        self.edit_button.setEnabled(row is not None)  # also to reopen a finished task
        self.start_button.setEnabled(state is TaskState.OPEN)
        self.done_button.setEnabled(active)
        self.cancel_button.setEnabled(row is not None and state is not TaskState.CANCELLED)
        self.message_button.setEnabled(row is not None and bool(row.task.message_id))

    def add(self, title: str = "", from_message: str | None = None) -> None:
        cid = self.conversation

        def ask(assignees: object) -> None:
            dialog = TaskDialog(
                list(assignees) if isinstance(assignees, list) else [],
                title=title,
                parent=self,
                save=lambda d: self._add(d, from_message),
            )
            self.dialog = dialog
            dialog.open()

        self.ctx.bridge.call(self.ctx.client.teamwork.assignees, cid, done=ask, error=self._failed)

    def _add(self, dialog: TaskDialog, from_message: str | None) -> None:
        tw, cid = self.ctx.client.teamwork, self.conversation
        title, notes = dialog.title_edit.text().strip(), dialog.notes_edit.toPlainText()
        assignee, due, items = dialog.assignee(), dialog.due_ms(), dialog.items()
        urgent = dialog.urgent_check.isChecked()
        self.ctx.bridge.submit(
            lambda: tw.add_task(
                cid,
                title,
                assignee=assignee,
                due_ms=due,
                urgent=urgent,
                notes=notes,
                items=items,
                from_message=from_message,
            ),
            done=lambda _row: self._saved(dialog),
            error=lambda message: self._refused(dialog, message),
        )

    def _saved(self, dialog: TaskDialog | None) -> None:
        if dialog is not None:
            dialog.accept()
        self.reload()

    def _refused(self, dialog: TaskDialog | None, message: str) -> None:
        """In the dialog, with what was typed still there (a refusal only the services
        know: removed from the conversation, too many changes waiting); in the window if
        there is no dialog or it was cancelled meanwhile."""
        if dialog is not None and dialog.isVisible():
            dialog.refuse(message)
        else:
            self._failed(message)

    def edit(self) -> None:
        row = self.table.current_row()
        if row is None:
            return

        def ask(assignees: object) -> None:
            found = list(assignees) if isinstance(assignees, list) else []
            dialog = TaskDialog(
                found,
                row.task,
                parent=self,
                save=lambda d: self._change(row, d.changed_fields(), d),
            )
            self.dialog = dialog
            dialog.open()

        tw = self.ctx.client.teamwork
        self.ctx.bridge.call(tw.assignees, row.conversation_id, done=ask, error=self._failed)

    def set_state(self, state: TaskState) -> None:
        row = self.table.current_row()
        if row is not None:
            self._change(row, {"state": state.value})

    def _change(
        self, row: TaskRow, fields: dict[str, FieldValue], dialog: TaskDialog | None = None
    ) -> None:
        if not fields:
            if dialog is not None:
                dialog.accept()
            return
        tw, task_id = self.ctx.client.teamwork, row.task.task_id
        self.ctx.bridge.submit(
            lambda: tw.change_task(task_id, fields),
            done=lambda _row: self._saved(dialog),
            error=lambda message: self._refused(dialog, message),
        )

    def _open_message(self) -> None:
        row = self.table.current_row()
        if row is not None and row.task.message_id:
            self.open_message.emit(row.conversation_id, row.task.message_id)

    def _failed(self, message: str) -> None:
        """Shown in the window, not in a modal box: a reload may fail while typing."""
        self.empty.setText(message)
