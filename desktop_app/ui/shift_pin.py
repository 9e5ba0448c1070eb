"""The field for a PIN for the rest of the shift, where a passphrase unlocks: the start
screen and the lock screen. Optional; checked (storage.secret_policy) before anything
is unlocked, and handed on as a bytearray that its receiver zeroes."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.crypto.secret_memory import secret_buffer
from desktop_app.storage.errors import ContainerError
from desktop_app.storage.secret_policy import check_pin
from desktop_app.ui.error_text import user_message


class ShiftPinField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setPlaceholderText(self.tr("PIN for this shift (optional, 6–12 digits)"))
        self.setAccessibleName(self.tr("PIN for quick unlocking during this shift"))
        self.setToolTip(
            self.tr(
                "With a PIN you can unlock quickly after an automatic lock while WardLink "
                "keeps running. It is never stored; after 5 wrong PINs or 12 hours the "
                "passphrase is needed again."
            )
        )

    def problem(self) -> str:
        """Why the PIN typed cannot be used ('' if it can, or if there is none)."""
        pin = self.text().strip()
        if not pin:
            return ""
        try:
            check_pin(pin)
        except ContainerError as exc:
            return user_message(exc)
        return ""

    def take(self) -> bytearray | None:
        """The PIN typed (None: none), and the field cleared."""
        pin = self.text().strip()
        self.clear()
        return secret_buffer(pin) if pin else None
