"""The person's settings: auto-lock time, read receipts, their language, and where
unacknowledged urgent messages go on to (services/escalation.py); what IT fixed is
greyed out. The language is the person's own: others on this PC keep theirs, and the
start screen keeps the PC's.

Also "Remove my data from this PC": confirmed with the passphrase, the controller
crypto-shreds the container (``PersonSession.destroy``) and returns to the start screen.

Values come from ``LiveClient.preferences()`` (their choice merged with the machine
policy); a managed setting shows the value in force and "set by your IT department".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import directory_view
from desktop_app.services import policy as machine
from desktop_app.services.preferences import Preferences
from desktop_app.ui.context import UiContext
from desktop_app.ui.directory.dialogs import PickPersonDialog


class SettingsDialog(QDialog):
    applied = Signal(object)  # Preferences now in force
    remove_data_requested = Signal(object)  # bytearray passphrase; the receiver zeroes it

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        self.prefs: Preferences | None = None
        self.picker: PickPersonDialog | None = None
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(machine.MIN_AUTO_LOCK_MINUTES, machine.MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setAccessibleName(self.tr("Lock automatically after minutes of no use"))
        self.receipts = QCheckBox(self.tr("Send read receipts"))
        self.receipts.setAccessibleName(self.receipts.text())
        self.export = QLabel()
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language of WardLink for you"))
        self.language.addItem(self.tr("As this PC is set"), "")
        self.language.addItem("Deutsch", "de")  # each language in its own words
        self.language.addItem("English", "en")
        self.escalate_to = QComboBox()
        self.escalate_to.addItem(self.tr("Nobody"), "")
        self.escalate_to.setAccessibleName(self.tr("Unacknowledged urgent messages go on to"))
        self.pick_person = QPushButton(self.tr("A person…"))
        self.pick_person.setToolTip(self.tr("Choose a colleague from the staff directory"))
        self.pick_person.clicked.connect(self._pick_person)
        target_row = QHBoxLayout()
        target_row.addWidget(self.escalate_to, 1)
        target_row.addWidget(self.pick_person)
        self.lock_note = self._note()
        self.receipts_note = self._note()
        self.export_note = self._note()
        form = QFormLayout()
        form.addRow(self.tr("Lock automatically after"), self.auto_lock)
        form.addRow("", self.lock_note)
        form.addRow(self.tr("Read receipts"), self.receipts)
        form.addRow("", self.receipts_note)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Exporting attachments"), self.export)
        form.addRow("", self.export_note)
        form.addRow(self.tr("Unacknowledged urgent messages go on to"), target_row)
        hint = QLabel(
            self.tr(
                "Urgent messages are always acknowledged to the sender. Without read "
                "receipts, others only see that a message reached the relay."
            )
        )
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)
        remove_box = self._remove_box()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(remove_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        ctx.bridge.call(ctx.client.preferences, done=self._loaded, error=self.error.setText)

    def _remove_box(self) -> QWidget:
        box = QWidget()
        warning = QLabel(
            self.tr(
                "Remove my data from this PC: deletes all your WardLink messages and files "
                "on this PC for good. They cannot be restored; colleagues keep their copies."
            )
        )
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #b3261e;")
        self.remove_passphrase = QLineEdit()
        self.remove_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.remove_passphrase.setPlaceholderText(self.tr("Your passphrase, to confirm"))
        self.remove_passphrase.setAccessibleName(self.tr("Passphrase to confirm removal"))
        self.remove_button = QPushButton(self.tr("Remove my data from this PC"))
        self.remove_button.setEnabled(False)
        self.remove_passphrase.textChanged.connect(
            lambda text: self.remove_button.setEnabled(bool(text))
        )
        self.remove_button.clicked.connect(self._remove)
        self.remove_passphrase.installEventFilter(self)  # Enter there removes, never OK
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(warning)
        layout.addWidget(self.remove_passphrase)
        layout.addWidget(self.remove_button)
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in the removal passphrase is the removal's own button, as the
        warning above it says; it must not press OK, which closed Settings with nothing
        removed and nothing said."""
        if (
            watched is self.remove_passphrase
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self.remove_button.isEnabled():
                self.remove_button.click()
            return True
        return super().eventFilter(watched, event)

    def _remove(self) -> None:
        passphrase = bytearray(self.remove_passphrase.text().encode("utf-8"))
        self.remove_passphrase.clear()
        self.remove_button.setEnabled(False)
        self.remove_data_requested.emit(passphrase)

    def show_remove_error(self, message: str) -> None:
        self.error.setText(message)

    def _note(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet("color: #5f6b73;")
        label.hide()
        return label

    def _loaded(self, prefs: object) -> None:
        assert isinstance(prefs, Preferences)
        self.prefs = prefs
        managed = self.tr("Set by your IT department.")
        self.auto_lock.setValue(prefs.auto_lock_minutes.value)
        self.auto_lock.setEnabled(not prefs.auto_lock_minutes.managed)
        self.lock_note.setText(managed)
        self.lock_note.setVisible(prefs.auto_lock_minutes.managed)
        self.receipts.setChecked(prefs.receipts.value)
        self.receipts.setEnabled(not prefs.receipts.managed)
        self.receipts_note.setText(managed)
        self.receipts_note.setVisible(prefs.receipts.managed)
        self.language.setCurrentIndex(max(self.language.findData(prefs.language), 0))
        self.export.setText(
            self.tr("allowed, with a warning") if prefs.export_allowed.value else self.tr("off")
        )
        self.export_note.setText(managed)
        self.export_note.setVisible(prefs.export_allowed.managed)
        client = self.ctx.client
        chosen = prefs.escalate_to
        self.ctx.bridge.call(
            lambda: (client.duty_accounts(), directory_view.display_name(client, chosen)),
            done=lambda found: self._accounts(found, chosen),
            error=self.error.setText,
        )

    def _accounts(self, found: object, chosen: str) -> None:
        assert isinstance(found, tuple)
        accounts, chosen_name = found
        for uid, name in accounts:
            self.escalate_to.addItem(name, uid)
        if chosen and self.escalate_to.findData(chosen) < 0:
            # a person chosen before; named as the directory has them, never by uid
            self.escalate_to.addItem(chosen_name or self.tr("(no longer in the directory)"), chosen)
        self.escalate_to.setCurrentIndex(max(self.escalate_to.findData(chosen), 0))
        self.buttons.setEnabled(True)

    def _pick_person(self) -> None:
        dialog = PickPersonDialog(self.ctx, self.tr("Urgent messages go on to"), self)
        dialog.picked.connect(self._person_picked)
        self.picker = dialog  # tests reach it
        dialog.open()

    def _person_picked(self, uid: str, name: str) -> None:
        if self.escalate_to.findData(uid) < 0:
            self.escalate_to.addItem(name, uid)
        self.escalate_to.setCurrentIndex(self.escalate_to.findData(uid))

    def _save(self) -> None:
        prefs = self.prefs
        if prefs is None:
            return
        minutes = None if prefs.auto_lock_minutes.managed else self.auto_lock.value()
        receipts = None if prefs.receipts.managed else self.receipts.isChecked()
        client = self.ctx.client
        target = str(self.escalate_to.currentData() or "")
        language = str(self.language.currentData() or "")

        def change() -> Preferences:
            client.change_preferences(
                auto_lock_minutes=minutes, receipts=receipts, language=language
            )
            return client.set_escalation_target(target)

        self.buttons.setEnabled(False)
        self.ctx.bridge.call(change, done=self._saved, error=self._failed)

    def _saved(self, prefs: object) -> None:
        self.applied.emit(prefs)
        self.accept()

    def _failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
