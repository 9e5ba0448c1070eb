"""Export of an attachment: only on request, only if policy allows, always with a warning.

A decrypted copy on disk leaves the container's protection, so the person confirms a
dialog that says so. DICOM files can be de-identified on the way out (DICOM PS3.15
Basic Profile, desktop_app.medical.deidentify); that is pre-selected. The writing runs
on the loop thread, where the container lives.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.model import Attachment
from desktop_app.medical.deidentify import DeidWarning, deidentify
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.live_client import LiveClient
from desktop_app.storage.atomic import write_whole
from desktop_app.ui import file_dialogs
from desktop_app.ui.chat.formatting import AttachmentKind, attachment_kind
from desktop_app.ui.context import UiContext
from desktop_app.ui.literal_text import plain_label
from desktop_app.ui.viewers.medical_text import deid_warning_text


def write_export(
    client: LiveClient, attachment: Attachment, destination: Path, remove_identifiers: bool
) -> tuple[DeidWarning, ...]:
    """On the loop thread: write the copy; returns de-identification warnings."""
    if not remove_identifiers:
        client.export_attachment(attachment.attachment_id, destination)
        return ()
    result = deidentify(client.attachment_bytes(attachment.attachment_id))
    with chosen_file(destination, saving=True):  # the OS's reason, worded by key
        write_whole(destination, result.data)
    return result.warnings


class ExportDialog(QDialog):
    """The warning every export passes; for DICOM with the de-identification choice."""

    def __init__(self, attachment: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export a decrypted copy"))
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        heading = plain_label(QLabel(self.tr("Export “%1”?").replace("%1", attachment.file_name)))
        heading.setStyleSheet("font-weight: bold;")
        heading.setWordWrap(True)
        text = QLabel(
            self.tr(
                "The exported copy is NOT encrypted. Anyone who can open the folder you "
                "choose can read it. It may contain patient data: save it only where your "
                "hospital's rules allow, and delete it when you no longer need it."
            )
        )
        text.setWordWrap(True)
        self.remove_identifiers = QCheckBox(
            self.tr("Remove patient identifiers (name, ID, birth date, institution …)")
        )
        self.remove_identifiers.setAccessibleName(self.tr("Remove patient identifiers"))
        note = QLabel(
            self.tr("Text burned into the image itself cannot be removed; check the picture.")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b76;")
        dicom = attachment_kind(attachment) is AttachmentKind.DICOM
        self.remove_identifiers.setChecked(dicom)
        self.remove_identifiers.setVisible(dicom)
        note.setVisible(dicom)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(
            self.tr("Export …"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # the safe choice is the default one
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QVBoxLayout()
        body.addWidget(heading)
        body.addWidget(text)
        body.addWidget(self.remove_identifiers)
        body.addWidget(note)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(body, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())


Writer = Callable[[Attachment, Path, bool], Coroutine[Any, Any, tuple[DeidWarning, ...]]]


class Exporter(QObject):
    """Runs the export steps; results go to ``done``/``failed`` as sentences for the chat."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget, writer: Writer | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._parent = parent
        # What writes the copy (a coroutine on the loop thread); default: a chat
        # attachment. The Files window writes a document's version instead.
        self._writer = writer

    @property
    def allowed(self) -> bool:
        return self._ctx.export_allowed

    def policy_text(self) -> str:
        return self.tr("Export is switched off by your hospital's policy.")

    def start(self, attachment: Attachment) -> None:
        """Warning → file dialog → write. Nothing happens unless the person confirms both."""
        if not self.allowed:
            QMessageBox.information(self._parent, self.tr("Export"), self.policy_text())
            return
        dialog = ExportDialog(attachment, self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, _ = file_dialogs.get_save_file_name(
            self._parent, self.tr("Export copy as"), attachment.file_name
        )
        if name:
            self.write(attachment, Path(name), dialog.remove_identifiers.isChecked())

    def write(
        self,
        attachment: Attachment,
        destination: Path,
        remove_identifiers: bool,
        after: Callable[[], None] | None = None,
    ) -> None:
        if not self.allowed:
            self.failed.emit(self.policy_text())
            return

        def written(warnings: object) -> None:
            message = self.tr("Exported a copy to %1 (not encrypted).").replace(
                "%1", str(destination)
            )
            if remove_identifiers:
                message += " " + self.tr("Patient identifiers were removed.")
            if isinstance(warnings, tuple) and warnings:
                worded = "; ".join(deid_warning_text(w) for w in warnings)  # medical_text
                message += " " + self.tr("Caution: %1").replace("%1", worded)
            self.done.emit(message)
            if after is not None:
                after()

        def failed(error: str) -> None:
            self.failed.emit(self.tr("Export failed: %1").replace("%1", error))
            if after is not None:
                after()

        writer = self._writer
        if writer is not None:
            self._ctx.bridge.submit(
                lambda: writer(attachment, destination, remove_identifiers),
                done=written,
                error=failed,
            )
            return
        self._ctx.bridge.call(
            write_export,
            self._ctx.client,
            attachment,
            destination,
            remove_identifiers,
            done=written,
            error=failed,
        )
