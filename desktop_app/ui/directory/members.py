"""A conversation's members: everyone sees the list; a group's admins add and remove,
and rename the group ("Rename…", ui/directory/rename.py).

Changes run through the bridge (``LiveClient.add_member`` / ``remove_member``: a signed
membership change, a rotated group key, and a note to the removed person;
``rename_group``: the group's next state with its new name). The list reloads after each
change and whenever the conversations change.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import directory_view
from desktop_app.services.directory_view import MembersView
from desktop_app.ui.context import UiContext
from desktop_app.ui.directory.card import scaled
from desktop_app.ui.directory.dialogs import error_label, hint_label, plain_button
from desktop_app.ui.directory.rename import RenameGroupDialog
from desktop_app.ui.directory.search import SUBTITLE_ROLE, UID_ROLE, PersonSearch, TwoLineDelegate
from desktop_app.ui.guarded_label import guard_item_copies

PENDING_ROLE = Qt.ItemDataRole.UserRole + 10  # True: chosen, waiting for a first device


class MembersDialog(QDialog):
    changed = Signal()  # a member was added or removed, or the group renamed
    loaded = Signal()  # the list shows the current members

    def __init__(self, ctx: UiContext, conversation_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.conversation_id = conversation_id
        self.view: MembersView | None = None
        self.setWindowTitle(self.tr("Members"))
        self.setAccessibleName(self.tr("Members"))
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setFont(scaled(self.font(), 1.3, bold=True))
        self.heading.setWordWrap(True)
        self.count = QLabel(self)
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.rename_button = plain_button(self.tr("Rename…"), self)
        self.rename_button.setAccessibleName(self.tr("Rename the group"))
        self.rename_button.setEnabled(False)
        self.rename_button.clicked.connect(self.rename)
        self.rename_dialog: RenameGroupDialog | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Members of this conversation"))
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        guard_item_copies(self.list, ctx.copy_rule)
        self.remove_button = plain_button(self.tr("Remove from group"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the selected person from the group"))
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self.remove_selected)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.add_label = QLabel(self.tr("Add a person"), self)
        self.add_label.setFont(scaled(self.font(), 1.0, bold=True))
        self.search = PersonSearch(
            ctx,
            self,
            idle=hint_label(self.tr("Search, then press Enter to add."), self),
            exclude=frozenset({ctx.my_uid}),
            enter_picks=True,
        )
        self.search.activated.connect(self.add)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = error_label(self)
        self.status = QLabel(self)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        close = plain_button(self.tr("Close"), self)
        close.clicked.connect(self.accept)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.remove_button)
        self.right = QWidget(self)
        right = QVBoxLayout(self.right)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.add_label)
        right.addWidget(self.search, 1)
        columns.addLayout(left, 1)
        columns.addWidget(self.right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(close)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.rename_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count)
        layout.addLayout(columns, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.right.hide()
        self.remove_button.hide()
        self.rename_button.hide()
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 26)
        ctx.events.conversations.connect(self.reload)
        self.reload()

    # ---- showing ---------------------------------------------------------------------

    def reload(self) -> None:
        self._ctx.bridge.call(
            directory_view.members,
            self._ctx.client,
            self.conversation_id,
            done=self._show,
            error=self._show_error,
        )

    def _show(self, view: object) -> None:
        assert isinstance(view, MembersView)
        self.view = view
        selected = self.selected_uid()
        self.heading.setText(view.title)
        count = self.tr("Members: %1").replace("%1", str(len(view.members)))
        if view.pending:
            count += " · " + self.tr("waiting for enrollment: %1").replace(
                "%1", str(len(view.pending))
            )
        self.count.setText(count)
        self.list.clear()
        me, you = self._ctx.my_uid, self.tr("you")
        for member in view.members:
            item = QListWidgetItem(member.name)
            item.setData(UID_ROLE, member.uid)
            role = self.tr("Admin") if member.is_admin else self.tr("Member")
            detail = f"{role} · {you}" if member.uid == me else role
            item.setData(SUBTITLE_ROLE, detail)
            item.setToolTip(detail)
            self.list.addItem(item)
            if member.uid == selected:
                self.list.setCurrentItem(item)
        for member in view.pending:  # chosen, but no enrolled device yet
            item = QListWidgetItem(member.name)
            item.setData(UID_ROLE, member.uid)
            item.setData(PENDING_ROLE, True)
            detail = self.tr("waiting for enrollment")
            item.setData(SUBTITLE_ROLE, detail)
            item.setToolTip(
                self.tr("Has no enrolled device yet; added to the group once enrolled.")
            )
            self.list.addItem(item)
            if member.uid == selected:
                self.list.setCurrentItem(item)
        editable = view.is_group and view.i_am_admin
        self.right.setVisible(editable)
        self.remove_button.setVisible(editable)
        self.rename_button.setVisible(view.is_group)  # seen by all, usable by its admins
        self.rename_button.setEnabled(editable and view.i_am_member)
        self.rename_button.setToolTip(
            "" if editable else self.tr("Only the group's admins can rename it.")
        )
        if not view.is_group:
            note = self.tr(
                "A 1:1 conversation always has these two people; start a group to add someone."
            )
        elif not view.i_am_member:
            note = self.tr("You are no longer a member of this group.")
        elif not view.i_am_admin:
            note = self.tr("Only the group's admins can add or remove members or rename the group.")
        else:
            note = ""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._update_buttons()
        self.loaded.emit()

    def selected_uid(self) -> str | None:
        item = self.list.currentItem()
        uid = item.data(UID_ROLE) if item is not None else None
        return uid if isinstance(uid, str) else None

    def select(self, uid: str) -> QModelIndex:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(UID_ROLE) == uid:
                self.list.setCurrentRow(row)
                return self.list.indexFromItem(item)
        return QModelIndex()

    def _update_buttons(self, _row: int = -1) -> None:
        view, uid = self.view, self.selected_uid()
        can = view is not None and view.i_am_admin and view.is_group
        self.remove_button.setEnabled(can and uid is not None and uid != self._ctx.my_uid)

    def _show_error(self, message: str) -> None:
        self.status.clear()
        self.error.setText(message)
        self.error.show()

    # ---- changing --------------------------------------------------------------------

    def add(self, uid: str) -> None:
        hit = self.search.model.hit_for(uid)
        if hit is not None and hit.is_function:
            self._show_error(
                self.tr("%1 is a functional account; add the person who holds it.").replace(
                    "%1", hit.name
                )
            )
            self.search.field.selectAll()
            return
        client, cid = self._ctx.client, self.conversation_id
        name = hit.name if hit is not None else uid

        async def run() -> bool:
            return await client.add_member(cid, uid)

        def done(added: object) -> None:
            self._done(added)
            if added is False:
                self.status.setText(
                    self.tr("%1 has no device yet and joins the group when enrolled.").replace(
                        "%1", name
                    )
                )

        self._start(self.tr("Adding %1…").replace("%1", name))
        self._ctx.bridge.submit(run, done=done, error=self._failed)
        self.search.clear()

    def remove_selected(self) -> None:
        uid = self.selected_uid()
        if uid is None or uid == self._ctx.my_uid or not self.remove_button.isEnabled():
            return
        client, cid = self._ctx.client, self.conversation_id
        item = self.list.currentItem()
        name = item.text() if item is not None else uid

        async def run() -> None:
            await client.remove_member(cid, uid)

        self._start(self.tr("Removing %1…").replace("%1", name))
        self._ctx.bridge.submit(run, done=self._done, error=self._failed)

    def rename(self) -> None:
        """The admin's "Rename…": a small dialog with the current name to edit."""
        view = self.view
        if view is None or not self.rename_button.isEnabled():
            return
        dialog = RenameGroupDialog(self._ctx, self.conversation_id, view.title, self)
        dialog.renamed.connect(self._done)
        self.rename_dialog = dialog
        dialog.show()

    def _start(self, text: str) -> None:
        self.error.hide()
        self.status.setText(text)
        self.remove_button.setEnabled(False)
        self.search.setEnabled(False)

    def _done(self, _result: object) -> None:
        self.status.clear()
        self.search.setEnabled(True)
        self.changed.emit()
        self.reload()

    def _failed(self, message: str) -> None:
        self.search.setEnabled(True)
        self._show_error(message)
        self._update_buttons()
