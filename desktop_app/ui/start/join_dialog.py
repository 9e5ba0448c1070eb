"""Joining the hospital on this PC: the enrollment code from IT, a passphrase, a PIN.

The dialog validates what it can locally (the code's form and check digits, passphrase
minimum, matching repetition, PIN digits, the acknowledged privacy notice) and then hands
a ``JoinRequest`` to the controller, which runs the enrollment on the services' thread and
reports back with ``show_error``/``accept``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.joining import code_problem
from desktop_app.services.privacy_notice import PrivacyNotice
from desktop_app.storage.errors import ContainerError
from desktop_app.storage.secret_policy import check_passphrase, check_pin
from desktop_app.ui.error_text import user_message
from desktop_app.ui.shell.privacy_dialog import PrivacyNoticeView, acknowledgement_box
from desktop_app.ui.start.strength import strength_level

PRIVACY_VIEW_HEIGHT = 180  # px: enough to start reading; the tabs scroll


@dataclass(frozen=True)
class JoinRequest:
    code: str
    relay: str
    name: str
    department: str
    passphrase: str
    pin: str  # "" when the person chose none
    notice_version: str = ""  # the privacy notice the person acknowledged


class JoinDialog(QDialog):
    submitted = Signal(object)  # JoinRequest

    def __init__(
        self,
        relay_hint: str = "",
        parent: QWidget | None = None,
        *,
        notice: PrivacyNotice | None = None,
    ) -> None:
        super().__init__(parent)
        self.notice = notice
        self.setWindowTitle(self.tr("Join my hospital"))
        self.setMinimumWidth(480)
        form = QFormLayout()
        self.code = self._field(form, self.tr("Enrollment code"), "WL1-…")
        self.relay = self._field(
            form, self.tr("Relay address"), self.tr("empty: search the hospital network")
        )
        self.relay.setToolTip(
            self.tr(
                "HOST:PORT from IT, e.g. relay.klinikum.local:8443. Left empty, WardLink "
                "looks for relays on the network; the code lets only your hospital's "
                "relay through."
            )
        )
        self.relay.setText(relay_hint)
        self.name = self._field(form, self.tr("Your name"), self.tr("e.g. Dr. Anna Weber"))
        self.department = self._field(form, self.tr("Department"), self.tr("e.g. Cardiology"))
        self.passphrase = self._field(form, self.tr("Passphrase"), "", secret=True)
        self.meter = QProgressBar()
        self.meter.setRange(0, 3)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        form.addRow("", self.meter)
        self.repeat = self._field(form, self.tr("Repeat passphrase"), "", secret=True)
        self.pin = self._field(form, self.tr("PIN (optional)"), self.tr("6–12 digits"), secret=True)
        self.passphrase.textChanged.connect(self._update_meter)
        self._update_meter("")
        shared_note = QLabel(
            self.tr(
                "This PC is shared by the ward. WardLink keeps your messages only in your "
                "own container, encrypted with your passphrase; nobody else on this PC can "
                "read them. Lock WardLink whenever you leave the PC. The PIN only unlocks "
                "WardLink while it keeps running; after 5 wrong PINs or 12 hours you need "
                "the passphrase again."
            )
        )
        shared_note.setWordWrap(True)
        self.understood = QCheckBox(self.tr("I understand that this is a shared PC."))
        self.understood.setAccessibleName(self.understood.text())
        self.privacy: PrivacyNoticeView | None = None
        self.privacy_ack: QCheckBox | None = None
        if notice is not None:
            self.privacy = PrivacyNoticeView(notice)
            self.privacy.setMinimumHeight(PRIVACY_VIEW_HEIGHT)
            self.privacy_ack = acknowledgement_box(self)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Join"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        # The form scrolls when the screen is too small for it, so that an error of
        # several lines (below it, always in view with the buttons) never squeezes the
        # fields or the privacy checkbox out of sight.
        body = QWidget()
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        content.addLayout(form)
        content.addWidget(shared_note)
        content.addWidget(self.understood)
        if self.privacy is not None and self.privacy_ack is not None:
            content.addWidget(self.privacy, 1)
            content.addWidget(self.privacy_ack)
        self.form_area = QScrollArea()
        self.form_area.setWidget(body)
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_area, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._open_tall_enough(body)

    def _open_tall_enough(self, body: QWidget) -> None:
        """Everything in view without scrolling, room for an error of three lines, where
        the screen allows (Qt opens a window at most two thirds of the screen high)."""
        spare = 3 * self.fontMetrics().lineSpacing() + self.buttons.sizeHint().height()
        wanted = body.sizeHint().height() + spare + 40  # the dialog's margins and spacing
        screen = self.screen().availableGeometry().height()
        self.resize(max(self.sizeHint().width(), 500), min(wanted, screen * 9 // 10))

    def _field(
        self, form: QFormLayout, label: str, placeholder: str, *, secret: bool = False
    ) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(label, edit)
        return edit

    def _update_meter(self, text: str) -> None:
        level = strength_level(text)
        self.meter.setValue(level)
        labels = (self.tr("weak"), self.tr("fair"), self.tr("good"), self.tr("strong"))
        self.meter.setFormat(labels[level])

    def _submit(self) -> None:
        problem, field = self._problem()
        if problem:
            self.show_error(problem, field)
            return
        self.set_busy(True)
        request = JoinRequest(
            self.code.text().strip(),
            self.relay.text().strip(),
            self.name.text().strip(),
            self.department.text().strip(),
            self.passphrase.text(),
            self.pin.text().strip(),
            self.notice.version if self.notice is not None else "",
        )
        for field in (self.passphrase, self.repeat, self.pin):
            field.clear()  # the request carries them; no field keeps them meanwhile
        self.submitted.emit(request)

    def _problem(self) -> tuple[str, QWidget | None]:
        """What is wrong and the field to fix it in (the cursor goes there)."""
        if not self.code.text().strip():
            return self.tr("Please enter the enrollment code from IT."), self.code
        mistyped = code_problem(self.code.text().strip())
        if mistyped is not None:  # said now, not after the passphrase fields were emptied
            return user_message(mistyped), self.code
        if not self.name.text().strip():
            return self.tr("Please enter your name as colleagues know it."), self.name
        try:
            check_passphrase(self.passphrase.text())
        except ContainerError as exc:
            return user_message(exc), self.passphrase
        if self.pin.text().strip():
            try:
                check_pin(self.pin.text().strip())
            except ContainerError as exc:
                return user_message(exc), self.pin
        if self.passphrase.text() != self.repeat.text():
            return self.tr("The two passphrases differ."), self.repeat
        if not self.understood.isChecked():
            return self.tr("Please confirm that you understand this is a shared PC."), (
                self.understood
            )
        if self.privacy_ack is not None and not self.privacy_ack.isChecked():
            return self.tr("Please read the privacy notice and acknowledge it."), self.privacy_ack
        return "", None

    def show_error(self, text: str, field: QWidget | None = None) -> None:
        """Say what is wrong and put the cursor where it is fixed: the field named, else
        (the relay refused the request) the passphrase, emptied when the request went
        and needed again for the next try."""
        self.set_busy(False)
        self.error.setText(text)
        target = field or (self.passphrase if not self.passphrase.text() else None)
        if target is not None:
            self.form_area.ensureWidgetVisible(target)
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(target, QLineEdit):
                target.selectAll()  # a wrong code or name is typed over, not appended to

    def set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Enrolling this PC with your hospital…"))
