"""Dialogs the shell opens: a new 1:1 conversation and a new group.

Both use the same search as the panel. They run the action through the bridge, stay
open while it runs, show a failure inline (nothing typed or picked is lost), and on
success keep the new conversation id in ``conversation_id`` and emit it before they
close with ``accept()``.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import directory_view
from desktop_app.services.directory_view import DeviceTrust, DirectoryHit
from desktop_app.ui.context import UiContext
from desktop_app.ui.directory.actions import create_group, open_conversation
from desktop_app.ui.directory.card import COLOURS, scaled
from desktop_app.ui.directory.device_hint import NoDeviceHint
from desktop_app.ui.directory.search import (
    SUBTITLE_ROLE,
    UID_ROLE,
    PersonSearch,
    TwoLineDelegate,
    subtitle,
)
from desktop_app.ui.guarded_label import guard_item_copies

ERROR_STYLE = f"color: {COLOURS[DeviceTrust.MISMATCH]};"
TITLE_MAX_LENGTH = 120  # what a group's name field takes (new group, rename)


def hint_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setMargin(12)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def plain_button(text: str, parent: QWidget) -> QPushButton:
    """No auto-default: Enter in the search field picks a person, not a button."""
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    return button


class NewChatDialog(QDialog):
    """Search a person or functional account; Enter or "Write message" opens the chat."""

    started = Signal(str)  # conversation id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.conversation_id: str | None = None
        self.setWindowTitle(self.tr("New conversation"))
        self.setAccessibleName(self.tr("New conversation"))
        self.search = PersonSearch(
            ctx,
            self,
            idle=hint_label(self.tr("Type a name, ward, role or phone number."), self),
            exclude=frozenset({ctx.my_uid}),
            enter_picks=True,
        )
        self.error = error_label(self)
        self.no_device = NoDeviceHint(ctx, self.search, error_label(self), self)
        self.status = QLabel(self)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.write_button = plain_button(self.tr("Write message"), self)
        self.write_button.setEnabled(False)
        cancel = plain_button(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.write_button.clicked.connect(self._write_current)
        self.search.activated.connect(self.start)
        self.search.searched.connect(self._searched)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.write_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.no_device.line)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.fontMetrics().height() * 24)
        self.search.field.setFocus()

    def _searched(self, _text: str, count: int) -> None:
        self.write_button.setEnabled(count > 0)

    def _write_current(self) -> None:
        index = self.search.results.currentIndex()
        hit = self.search.model.hit(index.row() if index.isValid() else 0)
        if hit is not None:
            self.start(hit.uid)

    def start(self, uid: str) -> None:
        self.error.hide()
        self.no_device.forget()  # the refusal, if it comes, says it again
        self.status.setText(self.tr("Starting…"))
        self.write_button.setEnabled(False)
        self.search.setEnabled(False)
        open_conversation(self._ctx, uid, done=self._started, error=self._failed)

    def _started(self, cid: str) -> None:
        self.conversation_id = cid
        self.started.emit(cid)
        self.accept()

    def _failed(self, message: str) -> None:
        self.status.clear()
        self.error.setText(message)
        self.error.show()
        self.search.setEnabled(True)
        self.write_button.setEnabled(self.search.model.rowCount() > 0)
        self.search.field.setFocus()


class PickPersonDialog(QDialog):
    """Search the directory and choose one person or functional account (no chat opens)."""

    picked = Signal(str, str)  # uid, name as the directory shows it

    def __init__(self, ctx: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.search = PersonSearch(
            ctx,
            self,
            idle=hint_label(self.tr("Type a name, ward, role or phone number."), self),
            exclude=frozenset({ctx.my_uid}),
            enter_picks=True,
        )
        self.choose_button = plain_button(self.tr("Choose"), self)
        self.choose_button.setEnabled(False)
        cancel = plain_button(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.choose_button.clicked.connect(self._choose_current)
        self.search.activated.connect(self._choose)
        self.search.searched.connect(lambda _text, count: self.choose_button.setEnabled(count > 0))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search, 1)
        layout.addLayout(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.fontMetrics().height() * 24)
        self.search.field.setFocus()

    def _choose_current(self) -> None:
        index = self.search.results.currentIndex()
        hit = self.search.model.hit(index.row() if index.isValid() else 0)
        if hit is not None:
            self._choose(hit.uid)

    def _choose(self, uid: str) -> None:
        for row in range(self.search.model.rowCount()):
            hit = self.search.model.hit(row)
            if hit is not None and hit.uid == uid:
                self.picked.emit(uid, hit.name)
                self.accept()
                return


class NewGroupDialog(QDialog):
    """A title and at least one other person; "Create group" makes me its admin."""

    created = Signal(str)  # conversation id

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, members: list[str] | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.conversation_id: str | None = None
        self.setWindowTitle(self.tr("New group"))
        self.setAccessibleName(self.tr("New group"))
        title_label = QLabel(self.tr("Group name"), self)
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Group name"))
        self.title.setPlaceholderText(self.tr("e.g. Station 3B night shift"))
        self.title.setMaxLength(TITLE_MAX_LENGTH)
        title_label.setBuddy(self.title)
        people_label = QLabel(self.tr("Add people"), self)
        people_label.setFont(scaled(self.font(), 1.0, bold=True))
        self.search = PersonSearch(
            ctx,
            self,
            idle=hint_label(self.tr("Search, then press Enter to add."), self),
            exclude=frozenset({ctx.my_uid}),
            enter_picks=True,
        )
        chosen_label = QLabel(self.tr("Members"), self)
        chosen_label.setFont(scaled(self.font(), 1.0, bold=True))
        self.chosen = QListWidget(self)
        self.chosen.setAccessibleName(self.tr("Chosen members"))
        self.chosen.setItemDelegate(TwoLineDelegate(self.chosen))
        guard_item_copies(self.chosen, ctx.copy_rule)
        self.remove_button = plain_button(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected person"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)  # until a chosen person is selected
        self.chosen.currentRowChanged.connect(self._update_remove)
        QShortcut(QKeySequence.StandardKey.Delete, self.chosen, self.remove_selected)
        self.error = error_label(self)
        self.hint = QLabel(self.tr("A name and at least one other person are needed."), self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status = QLabel(self)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.create_button = plain_button(self.tr("Create group"), self)
        cancel = plain_button(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.create_button.clicked.connect(self.make_group)
        self.search.activated.connect(self.add_person)
        self.title.textChanged.connect(self._update)
        self.title.returnPressed.connect(self.search.field.setFocus)
        self.chosen.model().rowsInserted.connect(self._update)
        self.chosen.model().rowsRemoved.connect(self._update)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(people_label)
        left.addWidget(self.search, 1)
        right = QVBoxLayout()
        right.addWidget(chosen_label)
        right.addWidget(self.chosen, 1)
        right.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label)
        layout.addWidget(self.title)
        layout.addSpacing(6)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 28)
        for uid in members or []:
            ctx.bridge.call(
                directory_view.hit, ctx.client, uid, done=functools.partial(self._add_hit, uid)
            )
        self._update()
        self.title.setFocus()

    # ---- members ---------------------------------------------------------------------

    def uids(self) -> list[str]:
        return [str(self.chosen.item(i).data(UID_ROLE)) for i in range(self.chosen.count())]

    def add_person(self, uid: str) -> None:
        hit = self.search.model.hit_for(uid)
        self.error.hide()
        if hit is not None and hit.is_function:
            self._show_error(
                self.tr("%1 is a functional account; add the person who holds it.").replace(
                    "%1", hit.name
                )
            )
            self.search.field.selectAll()  # typing on replaces the rejected search
            return
        if uid == self._ctx.my_uid:
            self._show_error(self.tr("You are in the group anyway, as its admin."))
            return
        self._add_hit(uid, hit)
        self.search.clear()
        self.search.field.setFocus()

    def _add_hit(self, uid: str, hit: object) -> None:
        """Add ``uid`` with the second line the search showed (ward, department, title):
        the title alone let two namesakes of one profession look the same here."""
        if uid in self.uids():
            return
        found = hit if isinstance(hit, DirectoryHit) else None
        item = QListWidgetItem(found.name if found is not None else uid)
        item.setData(UID_ROLE, uid)
        detail = subtitle(found, "") if found is not None else ""
        item.setData(SUBTITLE_ROLE, detail)
        self.chosen.addItem(item)

    def remove_selected(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)

    def _update_remove(self) -> None:
        """Remove is usable only with someone selected: enabled on an empty list or with
        nobody selected, a click did nothing at all."""
        self.remove_button.setEnabled(self.chosen.isEnabled() and self.chosen.currentRow() >= 0)

    def _update(self) -> None:
        ready = bool(self.title.text().strip()) and self.chosen.count() > 0
        self.create_button.setEnabled(ready)
        self.hint.setVisible(not ready)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    # ---- creating --------------------------------------------------------------------

    def make_group(self) -> None:
        title, uids = self.title.text().strip(), self.uids()
        if not title or not uids:
            return
        self.error.hide()
        self.status.setText(self.tr("Creating the group…"))
        self._set_busy(True)
        create_group(self._ctx, title, uids, done=self._created, error=self._failed)

    def _created(self, cid: str) -> None:
        self.conversation_id = cid
        self.created.emit(cid)
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.status.clear()
        self._update()
        self._show_error(message)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.title, self.search, self.chosen):
            widget.setEnabled(not busy)
        self._update_remove()
        self.create_button.setEnabled(not busy)
