"""The "Files" of one conversation: its documents with their versions, and every file
shared in its chat (issue 14, services/live_files.py).

Documents are listed by folder and name with their versions below them (who changed it
when); "Add file …" uploads a new document or, for a name already in that folder, its
next version; an old version can be opened or restored (its content becomes the next
version). Opening decrypts into memory and uses the chat's opener, so the same built-in
viewers (DICOM, ECG, images, PDF, text) show it and nothing is written to disk; "Save a
copy …" is the chat's export (its warning, the export policy, DICOM de-identification). The
list reloads when a document changes on any PC (``ServiceEvents.teamwork``).

A version (or chat file) whose body could not be fetched (the relay no longer has it, or
it arrived damaged) is marked "not available on this PC" with the reason (kept in the
container, so it is still said after a restart); clicking it, or "Try again", fetches it
again, and opening or restoring it says why it cannot be done.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.medical.deidentify import DeidWarning
from desktop_app.services.attachments import guess_mime
from desktop_app.services.live_files import FileRow, VersionRow
from desktop_app.services.live_views import MessageRow
from desktop_app.ui import dates, file_dialogs
from desktop_app.ui.chat.export import Exporter, write_export
from desktop_app.ui.chat.formatting import human_size
from desktop_app.ui.chat.opening import AttachmentOpener
from desktop_app.ui.context import UiContext
from desktop_app.ui.guarded_label import guard_item_copies
from desktop_app.ui.list_focus import show_current_on_tab
from desktop_app.ui.teamwork.coalesce import coalesced
from desktop_app.ui.window_keys import own_window_keys

ROW = Qt.ItemDataRole.UserRole  # the FileRow of an item
VERSION = Qt.ItemDataRole.UserRole + 1  # the version number of a version's item
UNAVAILABLE = QColor("#b3261e")  # the "not available on this PC" mark


class FilesWindow(QWidget):
    def __init__(
        self, ctx: UiContext, conversation: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        own_window_keys(self)
        self.ctx = ctx
        self.conversation = conversation
        self.setWindowTitle(self.tr("Files — %1").replace("%1", title))
        self.resize(900, 480)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.reload())
        self.tree = QTreeWidget()
        show_current_on_tab(self.tree)
        self.tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Folder"), self.tr("Version"), self.tr("Changed by"),
             self.tr("Changed at"), self.tr("Size")]
        )  # fmt: skip
        self.tree.itemActivated.connect(lambda *_: self.open_selected())
        guard_item_copies(self.tree, ctx.copy_rule)
        self.tree.itemClicked.connect(lambda *_: self._clicked())
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.add_button = QPushButton(self.tr("Add file …"))
        self.add_button.clicked.connect(self.add)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.restore_button = QPushButton(self.tr("Restore this version"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.export_button = QPushButton(self.tr("Save a copy …"))
        self.export_button.clicked.connect(self.export_selected)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.setToolTip(self.tr("Download the chosen file from the relay again"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.open_button,
            self.restore_button,
            self.export_button,
            self.retry_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        # Documents being opened or exported: (name, folder, version) by document id.
        self._versions: dict[str, tuple[str, str, int]] = {}
        self.folder_dialog: QInputDialog | None = None  # asking where an added file goes
        self._fetching: set[tuple[str, int]] = set()  # (id, version) being fetched again
        self._open_after: tuple[str, int] | None = None  # asked to open while fetching
        self.exporter = Exporter(ctx, self, writer=self._write_copy)
        self.opener = AttachmentOpener(ctx, self.exporter, self, can_reply=False)
        self.opener.failed.connect(self.status.setText)
        self.exporter.failed.connect(self.status.setText)
        self.exporter.done.connect(self.status.setText)
        ctx.events.teamwork.connect(coalesced(self, self.reload, self.isVisible))
        self._chat_files = coalesced(self, self.reload, self.isVisible)
        ctx.events.messages.connect(self._messages_changed)  # gone with the window
        self._enable()
        self.reload()

    # ---- the list --------------------------------------------------------------------

    def _messages_changed(self, rows: object) -> None:
        """Messages of this conversation with files came or changed (a chat file arrived,
        or its download failed or was repeated): the list shows them."""
        if isinstance(rows, tuple) and any(
            isinstance(r, MessageRow)
            and r.message.conversation_id == self.conversation
            and r.message.attachments
            for r in rows
        ):
            self._chat_files(rows)

    def reload(self) -> None:
        files, text = self.ctx.client.files, self.search.text().strip()
        self.ctx.bridge.call(
            files.rows, self.conversation, text, done=self._show, error=self.status.setText
        )

    def _show(self, rows: object) -> None:
        found = [r for r in rows if isinstance(r, FileRow)] if isinstance(rows, list) else []
        was = self._key(self.selected())
        self.tree.clear()
        for row in found:
            item = self._item(row, row.latest, row.name)
            if row.document_id is None:
                item.setText(1, self.tr("Chat"))
            for version in reversed(row.versions[:-1]):  # older versions, newest first
                item.addChild(self._item(row, version, self.tr("Version %1").replace(
                    "%1", str(version.version))))  # fmt: skip
            self.tree.addTopLevelItem(item)
        if was is not None:  # a reload (another PC, a fetch) keeps what was chosen
            self._choose(was)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        empty = self.tr("No files yet.")
        if not found:
            self.status.setText(empty)
        elif self.status.text() == empty:  # keep what an upload or a failure said
            self.status.setText("")
        self._enable()

    def _item(self, row: FileRow, version: VersionRow, name: str) -> QTreeWidgetItem:
        by = version.by_name
        if version.shared_by_name:
            by = (
                self.tr("%1 (shared by %2)").replace("%1", by).replace("%2", version.shared_by_name)
            )
        at = dates.date_and_clock(version.at)
        size = human_size(version.size)
        why = self._failure_texts().get(version.failure) if version.failed else None
        if why is not None:  # fetching it failed, and why: clicking it tries again
            size = (
                self.tr("%1 · Not available on this PC (%2) – click to try again")
                .replace("%1", size)
                .replace("%2", why[0])
            )
        elif version.failed:  # failed before the reason was kept (schema 25)
            size = self.tr("%1 · Not available on this PC – click to try again").replace("%1", size)
        elif not version.held:  # its download has not run yet: opening fetches it
            size = self.tr("%1, not on this PC yet").replace("%1", size)
        item = QTreeWidgetItem([name, row.folder, str(version.version), by, at, size])
        if version.failed:
            tip = self.tr(
                "Downloading it from the relay did not work, so it cannot be opened, saved or "
                "restored here yet. Click it or “Try again” to download it again; if the relay "
                "no longer has it, ask whoever added it to add it again."
            )
            if why is not None:
                tip = f"{why[1]} {tip}"
            item.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            item.setForeground(5, QBrush(UNAVAILABLE))
            for column in range(self.tree.columnCount()):
                item.setToolTip(column, tip)
        elif not version.held:
            item.setToolTip(
                5, self.tr("Opening it downloads it from the relay, if the relay still has it.")
            )
        item.setData(0, ROW, row)
        item.setData(0, VERSION, version.version)
        return item

    def _failure_texts(self) -> dict[str, tuple[str, str]]:
        """Why a body could not be fetched (VersionRow.failure): in the row, and the
        first sentence of its tooltip."""
        return {
            "gone_from_relay": (
                self.tr("deleted on the relay"),
                self.tr("The relay no longer has this file."),
            ),
            "not_on_relay": (
                self.tr("the relay did not provide it"),
                self.tr("The relay could not provide this file when it was last tried."),
            ),
            "damaged": (
                self.tr("arrived damaged"),
                self.tr("This file arrived damaged and was not kept."),
            ),
        }

    def selected(self) -> tuple[FileRow, int] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        row = item.data(0, ROW)
        return (row, int(item.data(0, VERSION))) if isinstance(row, FileRow) else None

    def _version_row(self, chosen: tuple[FileRow, int]) -> VersionRow | None:
        row, number = chosen
        return next((v for v in row.versions if v.version == number), None)

    def _missing(self, chosen: tuple[FileRow, int] | None) -> bool:
        """The chosen version's body is not on this PC (its fetch failed or is due)."""
        version = None if chosen is None else self._version_row(chosen)
        return version is not None and not version.held

    @staticmethod
    def _key(chosen: tuple[FileRow, int] | None) -> tuple[str, int] | None:
        """What identifies a chosen version across reloads (document or attachment id)."""
        if chosen is None:
            return None
        row, number = chosen
        if row.document_id is not None:
            return row.document_id, number
        return (row.attachment.attachment_id, number) if row.attachment is not None else None

    def _choose(self, key: tuple[str, int]) -> None:
        items = QTreeWidgetItemIterator(self.tree)
        while (item := items.value()) is not None:
            row = item.data(0, ROW)
            if isinstance(row, FileRow) and self._key((row, int(item.data(0, VERSION)))) == key:
                self.tree.setCurrentItem(item)
                return
            items += 1

    def _enable(self) -> None:
        chosen = self.selected()
        self.retry_button.setVisible(self._missing(chosen))
        self.open_button.setEnabled(chosen is not None)
        self.export_button.setEnabled(chosen is not None and self.ctx.export_allowed)
        self.restore_button.setEnabled(
            chosen is not None
            and chosen[0].document_id is not None
            and chosen[1] != chosen[0].latest.version
        )

    # ---- actions ---------------------------------------------------------------------

    def add(self) -> None:
        name, _ = file_dialogs.get_open_file_name(self, self.tr("Add a file to this conversation"))
        if name:
            folder = self._ask_folder(Path(name).name)
            if folder is not None:
                self.upload(Path(name), folder)

    def _ask_folder(self, name: str) -> str | None:
        """The folder for a file being added, None if cancelled. The folders in use are
        offered, and where a document of that name already is comes first: an empty
        answer there would start a second document instead of its next version."""
        items = (self.tree.topLevelItem(n) for n in range(self.tree.topLevelItemCount()))
        rows = (item.data(0, ROW) for item in items if item is not None)
        documents = [r for r in rows if isinstance(r, FileRow) and r.document_id is not None]
        folders = sorted({row.folder for row in documents if row.folder})
        same_name = next((row.folder for row in documents if row.name == name), "")
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Folder"))
        dialog.setLabelText(
            self.tr(
                "Folder (leave empty for none).\nA file of the same name in the same "
                "folder becomes its next version."
            )
        )
        dialog.setComboBoxEditable(True)
        dialog.setComboBoxItems(["", *folders])
        dialog.setTextValue(same_name)
        self.folder_dialog = dialog
        accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
        self.folder_dialog = None
        return dialog.textValue().strip() if accepted else None

    def upload(self, path: Path, folder: str = "") -> None:
        files, cid = self.ctx.client.files, self.conversation
        self.status.setText(self.tr("Uploading %1 …").replace("%1", path.name))
        self.ctx.bridge.submit(
            lambda: files.put(cid, path, folder),
            done=lambda number: self._uploaded(path.name, number),
            error=self._failed,
        )

    def _uploaded(self, name: str, number: object) -> None:
        self.status.setText(
            self.tr("%1 is stored as version %2.").replace("%1", name).replace("%2", str(number))
        )
        self.reload()

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if self._key(chosen) in self._fetching:  # a click started fetching it: open it then
            self._open_after = self._key(chosen)
            return
        row, version = chosen
        if row.attachment is not None and row.attachment.state is AttachmentState.FAILED:
            self._open_after = self._key(chosen)  # as the chat: fetch again, then open
            self.retry_selected()
            return
        self._open(row, version)

    def _open(self, row: FileRow, version: int) -> None:
        if row.attachment is not None:
            self.opener.open(row.attachment)
            return
        chosen = (row, version)
        self._versions[row.document_id or ""] = (row.name, row.folder, version)
        if self._missing(chosen):
            self.status.setText(self.tr("Downloading %1 from the relay …").replace("%1", row.name))

        def show(pair: object) -> None:
            if isinstance(pair, tuple):
                self.status.setText("")
                self.opener.show_bytes(*pair)  # what no viewer shows is offered for export

        files = self.ctx.client.files
        self.ctx.bridge.submit(
            lambda: files.document_bytes(self.conversation, row.name, row.folder, version),
            done=show,
            error=lambda message: self.status.setText(
                self.tr("Not opened: %1").replace("%1", message)
            ),
        )

    def _clicked(self) -> None:
        """A click on a version marked "not available": try to download it again."""
        chosen = self.selected()
        version = None if chosen is None else self._version_row(chosen)
        if version is not None and version.failed:
            self.retry_selected()

    def retry_selected(self) -> None:
        """Fetch the chosen version's (or chat file's) body again; the list shows the
        outcome, the status line says it."""
        chosen = self.selected()
        key = self._key(chosen)
        if chosen is None or key is None or key in self._fetching:
            return
        row, version = chosen
        self._fetching.add(key)
        self.status.setText(self.tr("Downloading %1 from the relay …").replace("%1", row.name))
        client = self.ctx.client

        def done(result: object) -> None:
            self._fetching.discard(key)
            still = isinstance(result, MessageRow) and any(
                a.attachment_id == key[0] and a.state is AttachmentState.FAILED
                for a in result.message.attachments
            )
            if still:
                self.status.setText(
                    self.tr(
                        "%1 is still not available: the relay could not provide it; ask whoever "
                        "shared it to send it again."
                    ).replace("%1", row.name)
                )
            else:
                self.status.setText(self.tr("%1 is now on this PC.").replace("%1", row.name))
                if self._open_after == key:
                    self._open(row, version)
            if self._open_after == key:
                self._open_after = None
            self.reload()

        def failed(message: str) -> None:
            self._fetching.discard(key)
            if self._open_after == key:
                self._open_after = None
            self.status.setText(self.tr("Still not available: %1").replace("%1", message))
            self.reload()

        if row.attachment is not None:
            attachment = row.attachment
            self.ctx.bridge.submit(
                lambda: client.refetch_attachment(attachment.message_id, attachment.attachment_id),
                done=done,
                error=failed,
            )
            return
        self.ctx.bridge.submit(
            lambda: client.files.fetch(self.conversation, row.name, row.folder, version),
            done=done,
            error=failed,
        )

    def export_selected(self) -> None:
        """The chat's export: its warning, the policy, de-identification for DICOM."""
        chosen = self.selected()
        if chosen is None:
            return
        row, version = chosen
        if row.attachment is not None:
            self.exporter.start(row.attachment)
            return
        document_id = row.document_id or ""
        self._versions[document_id] = (row.name, row.folder, version)
        size = next((v.size for v in row.versions if v.version == version), 0)
        described = Attachment(
            AttachmentId(document_id), MessageId(""), row.name,
            guess_mime(Path(row.name)), size, "",
        )  # fmt: skip
        self.exporter.start(described)

    async def _write_copy(
        self, attachment: Attachment, destination: Path, remove_identifiers: bool
    ) -> tuple[DeidWarning, ...]:
        """On the loop thread: a document's version, or (not one of ours) a chat file."""
        where = self._versions.get(attachment.attachment_id)
        client = self.ctx.client
        if where is None:
            return write_export(client, attachment, destination, remove_identifiers)
        name, folder, version = where
        return await client.files.export_copy(
            self.conversation, name, folder, version, destination, remove_identifiers
        )

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[0].document_id is None:
            return
        row, version = chosen
        files, cid = self.ctx.client.files, self.conversation
        self.ctx.bridge.submit(
            lambda: files.restore(cid, row.name, row.folder, version),
            done=lambda number: self._uploaded(row.name, number),
            error=lambda message: self.status.setText(
                self.tr("Version %1 was not restored: %2")
                .replace("%1", str(version))
                .replace("%2", message)
            ),
        )

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Not done: %1").replace("%1", message))
