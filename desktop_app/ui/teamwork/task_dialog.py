"""Add or edit a task: title, notes, checklist (tick = done), assignee (member or
functional account), due time, urgent, and (when editing) the state."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.tasks import (
    ITEM_MAX,
    ITEM_PREFIX,
    MAX_ITEMS,
    MAX_TASK_ITEMS,
    TITLE_MAX,
    FieldValue,
    Priority,
    Task,
    TaskState,
    item_id,
)
from desktop_app.ui.hint_room import fit_hint
from desktop_app.ui.teamwork.clock_change import clock_change_refusal
from desktop_app.ui.teamwork.refusal_line import RefusalLine, close_or_save
from desktop_app.ui.teamwork.task_refusal import TaskField, refusal
from desktop_app.ui.teamwork.title_field import TitleField
from desktop_app.ui.teamwork.wording import editor_format, state_text


class TaskDialog(QDialog):
    """OK closes only a task the tasks take: the domain's rules are asked here, and with
    ``save`` (the tasks window's) the dialog stays open until the services saved it."""

    def __init__(
        self,
        assignees: list[tuple[str, str]],
        task: Task | None = None,
        *,
        title: str = "",
        parent: QWidget | None = None,
        save: Callable[[TaskDialog], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.task = task
        self.save = save
        self.setWindowTitle(self.tr("New task") if task is None else self.tr("Edit task"))
        self.title_edit = QLineEdit(task.title if task else title)
        self.title_edit.setMaxLength(TITLE_MAX)  # the tasks refuse longer ones
        self.notes_edit = QPlainTextEdit(task.notes if task else "")
        # Tab leaves the notes for the checklist: it wrote tab characters into them, and
        # a nurse working by keyboard could not get past the field (walk 20).
        self.notes_edit.setTabChangesFocus(True)
        self.items_list = QListWidget()  # tick = done; double-click edits the text
        self.items_list.setAccessibleName(self.tr("Checklist"))
        for entry in task.items if task else ():
            self.add_item(entry.text, entry.done, entry.item_id)
        self.new_item = QLineEdit()
        self.new_item.setMaxLength(ITEM_MAX)
        self.new_item.setPlaceholderText(self.tr("New checklist item, Enter adds it"))
        fit_hint(self.new_item)  # its German hint was cut at the dialog's usual size
        self.new_item.returnPressed.connect(self._add_typed_item)
        self.new_item.installEventFilter(self)  # Enter with text adds, not closes
        items_box = QWidget()
        items_layout = QVBoxLayout(items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.addWidget(self.items_list)
        items_layout.addWidget(self.new_item)
        self.items_full = QLabel()  # why no more items can be added, said while adding
        self.items_full.setWordWrap(True)
        self.items_full.hide()
        items_layout.addWidget(self.items_full)
        self._show_room()
        self.assignee_box = QComboBox()
        self.assignee_box.addItem(self.tr("Nobody"), "")
        for uid, name in assignees:
            self.assignee_box.addItem(name, uid)
        if task is not None and task.assignee:
            found = self.assignee_box.findData(task.assignee)
            if found < 0:
                self.assignee_box.addItem(task.assignee, task.assignee)
                found = self.assignee_box.count() - 1
            self.assignee_box.setCurrentIndex(found)
        self.due_check = QCheckBox(self.tr("Due"))
        self.due_edit = QDateTimeEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat(editor_format())
        due = task.due_ms if task else None
        self.due_check.setChecked(due is not None)
        self.due_edit.setDateTime(
            QDateTime.fromMSecsSinceEpoch(due) if due else QDateTime.currentDateTime().addSecs(3600)
        )
        self.due_edit.setEnabled(due is not None)
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.urgent_check = QCheckBox(self.tr("Urgent"))
        self.urgent_check.setChecked(task is not None and task.priority is Priority.URGENT)
        self.state_box = QComboBox()
        for state in TaskState:
            self.state_box.addItem(state_text(state), state.value)
        if task is not None:
            self.state_box.setCurrentIndex(self.state_box.findData(task.state.value))
        form = QFormLayout(self)
        self.title_field = TitleField(self.title_edit, self.tr("A task needs a title."))
        form.addRow(self.tr("Title"), self.title_field)
        form.addRow(self.tr("Notes"), self.notes_edit)
        form.addRow(self.tr("Checklist"), items_box)
        form.addRow(self.tr("Assigned to"), self.assignee_box)
        form.addRow(self.due_check, self.due_edit)
        form.addRow("", self.urgent_check)
        if task is not None:
            form.addRow(self.tr("State"), self.state_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.refused = RefusalLine(self, self.ok_button)  # the tasks' reason, if any
        form.addRow(self.refused.label)
        form.addRow(buttons)
        self.refused.answered_by(
            self.title_edit.textChanged,
            self.notes_edit.textChanged,
            self.due_check.toggled,
            self.due_edit.dateTimeChanged,
            self.items_list.model().dataChanged,
            self.items_list.model().rowsInserted,
        )

    def add_item(self, text: str, done: bool = False, item_id: str = "") -> None:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
        item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, item_id)  # "" = new
        self.items_list.addItem(item)

    def _add_typed_item(self) -> None:
        text = self.new_item.text().strip()
        if text and self.new_item.isEnabled():
            self.add_item(text)
            self.new_item.clear()
            self._show_room()

    def _show_room(self) -> None:
        """Stop adding at the limits every member's PC holds a task to, and say why
        (it was said only on OK): MAX_TASK_ITEMS ever, removed items included, and
        MAX_ITEMS new ones in one save."""
        ever = self.task.items_ever if self.task is not None else 0
        new = sum(
            1
            for n in range(self.items_list.count())
            if not self.items_list.item(n).data(Qt.ItemDataRole.UserRole)
        )
        if ever + new >= MAX_TASK_ITEMS:
            reason = self.tr(
                "The checklist is full: a task holds at most %1 items, removed ones "
                "included. Please make a new task for further items."
            ).replace("%1", str(MAX_TASK_ITEMS))
        elif new >= MAX_ITEMS:
            reason = self.tr(
                "At most %1 new items at a time: press OK, then open the task again to add more."
            ).replace("%1", str(MAX_ITEMS))
        else:
            reason = ""
        self.new_item.setEnabled(not reason)
        self.new_item.setToolTip(reason)
        self.items_full.setText(reason)
        self.items_full.setVisible(bool(reason))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in the item line adds the typed item and stays there for the next one;
        only on an empty line does it close the dialog. (``returnPressed`` alone cannot
        do this: the line edit passes Enter on to the dialog, which pressed OK.)"""
        if (
            watched is self.new_item
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.new_item.text().strip()
        ):
            self._add_typed_item()
            return True
        return super().eventFilter(watched, event)

    def _accept(self) -> None:
        self._add_typed_item()  # typed but not yet added: OK keeps it
        if not self.title_field.filled():
            return
        items = [text for _id, text, _done in self.checklist()]
        title, notes = self.title_edit.text().strip(), self.notes_edit.toPlainText()
        why = refusal(title, notes, self.due_ms(), items)
        jump = clock_change_refusal(self.due_edit) if self.due_check.isChecked() else None
        if jump is not None:
            self.refuse(jump, "due")
        elif why is not None:
            self.refuse(*why)
        else:
            close_or_save(self, self.ok_button, self.save)

    def refuse(self, reason: str, field: TaskField | None = None) -> None:
        """Say why the task was not saved, under the form, and go to the field at fault."""
        fields: dict[TaskField, QWidget] = {
            "title": self.title_edit,
            "notes": self.notes_edit,
            "due": self.due_edit,
            "items": self.items_list,
        }
        self.refused.say(reason, fields[field] if field else None)

    def assignee(self) -> str | None:
        return str(self.assignee_box.currentData()) or None

    def due_ms(self) -> int | None:
        if not self.due_check.isChecked():
            return None
        return int(self.due_edit.dateTime().toMSecsSinceEpoch())

    def checklist(self) -> list[tuple[str, str, bool]]:
        """(item id or "" for new, text, done) of the non-empty items, in order."""
        out = []
        for n in range(self.items_list.count()):
            item = self.items_list.item(n)
            text = item.text().strip()
            if text:
                done = item.checkState() == Qt.CheckState.Checked
                out.append((str(item.data(Qt.ItemDataRole.UserRole) or ""), text, done))
        return out

    def items(self) -> tuple[tuple[str, bool], ...]:
        """(text, done) for a new task: an item ticked before the first save stays
        ticked (it was dropped: every item of a new task came out not done)."""
        return tuple((text, done) for _id, text, done in self.checklist())

    def changed_fields(self) -> dict[str, FieldValue]:
        """For an edit: only what differs from the task (each field merges on its own)."""
        task = self.task
        assert task is not None
        fields: dict[str, FieldValue] = {}
        title, notes = self.title_edit.text().strip(), self.notes_edit.toPlainText()
        if title != task.title:
            fields["title"] = title
        if notes != task.notes:
            fields["notes"] = notes
        if self.assignee() != task.assignee:
            fields["assignee"] = self.assignee()
        if self.due_ms() != task.due_ms:
            fields["due_ms"] = self.due_ms()
        priority = Priority.URGENT if self.urgent_check.isChecked() else Priority.NORMAL
        if priority is not task.priority:
            fields["priority"] = priority.value
        state = str(self.state_box.currentData())
        if state != task.state.value:
            fields["state"] = state
        wanted = self.checklist()
        now_ms = int(time.time() * 1000)
        for number, (known, text, done) in enumerate(wanted):
            if not known:
                fields[ITEM_PREFIX + item_id(now_ms, number, uuid.uuid4().hex)] = [text, done]
        old = {i.item_id: i for i in task.items}
        kept = {known: (text, done) for known, text, done in wanted if known}
        for known, entry in old.items():
            if known not in kept:
                fields[ITEM_PREFIX + known] = None  # removed
            elif kept[known] != (entry.text, entry.done):
                fields[ITEM_PREFIX + known] = list(kept[known])  # renamed or ticked
        return fields
