""" "Compare with…" on an image card: pick another DICOM file of the chat, then both open
side by side in one CompareWindow (decrypted into memory, like every viewer)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.model import Attachment
from desktop_app.medical.worker import DecodeWorker
from desktop_app.services.annotated import ImageChoice
from desktop_app.ui.chat.formatting import clock_text, day_label, local_time
from desktop_app.ui.context import UiContext
from desktop_app.ui.viewers.compare_window import COMPARE_SIZE, CompareWindow

ShowWindow = Callable[[QWidget, QSize], None]


class ComparePicker(QDialog):
    """The chat's other images, newest first; Enter or OK compares with the chosen one."""

    def __init__(self, first: Attachment, choices: list[ImageChoice], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare with…"))
        self.choices = choices
        self.list = QListWidget()
        today = date.today()
        for choice in choices:
            local = local_time(choice.sent_at)
            when = f"{day_label(local.date(), today)} {clock_text(choice.sent_at)}"
            item = QListWidgetItem(f"{choice.attachment.file_name} — {when}")
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Compare %1 with:").replace("%1", first.file_name))
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 400)

    def chosen(self) -> Attachment | None:
        row = self.list.currentRow()
        return self.choices[row].attachment if 0 <= row < len(self.choices) else None


class Comparer(QObject):
    failed = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        worker: DecodeWorker | None,
        show: ShowWindow,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._ctx, self._worker, self._show, self._parent = ctx, worker, show, parent
        self.picker: ComparePicker | None = None  # the open choice (tests pick from it)

    def start(self, first: Attachment) -> None:
        def listed(found: object) -> None:
            others = [
                c
                for c in (found if isinstance(found, list) else [])
                if c.attachment.attachment_id != first.attachment_id
            ]
            if not others:
                self.failed.emit(self.tr("There is no other image in this chat to compare with."))
                return
            self.picker = ComparePicker(first, others, self._parent)
            self.picker.accepted.connect(lambda: self._picked(first))
            self.picker.open()

        self._ctx.bridge.call(
            self._ctx.client.image_history, first.message_id, done=listed, error=self.failed.emit
        )

    def _picked(self, first: Attachment) -> None:
        assert self.picker is not None
        second = self.picker.chosen()
        self.picker = None
        if second is None:
            return
        loaded: dict[str, bytes] = {}

        def got(attachment: Attachment, data: object) -> None:
            if not isinstance(data, bytes):
                return
            loaded[attachment.attachment_id] = data
            if len(loaded) == 2:
                window = CompareWindow(
                    (loaded[first.attachment_id], first.file_name),
                    (loaded[second.attachment_id], second.file_name),
                    self._worker,
                    copying=self._ctx.copy_rule,
                )
                self._show(window, COMPARE_SIZE)

        for attachment in (first, second):
            self._ctx.bridge.call(
                self._ctx.client.attachment_bytes,
                attachment.attachment_id,
                done=partial(got, attachment),
                error=self.failed.emit,
            )
