"""What the PC shows while a person's WardLink is locked: no content, only a way back.

With a PIN set (and fewer than 5 wrong PINs, and less than 12 hours since the
passphrase) it asks for the PIN; otherwise for the passphrase. "Switch user" goes to
the start screen; the container stays locked. No count of waiting messages is shown:
while locked the client is stopped and the database closed, so nothing is received or
counted until the unlock; a line says so, so that an empty screen is not read as
"nothing new". The typed secret leaves as a UTF-8
bytearray (zeroed by the session once used) and the field is cleared at once.

Behind the passphrase the screen also offers a PIN for the rest of the shift, as the
start screen does: someone who chose none when the shift began (or whose PIN ran out)
gets the quick unlock back, and with it the urgent messages that reach a PIN-locked PC.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.crypto.secret_memory import secret_buffer
from desktop_app.ui.literal_text import plain_label
from desktop_app.ui.plural import counted
from desktop_app.ui.shift_pin import ShiftPinField
from desktop_app.ui.window_keys import enter_presses_buttons


class LockScreen(QWidget):
    pin_entered = Signal(object)  # bytearray, zeroed by whoever uses it
    # bytearray passphrase and the shift's new PIN (bytearray or None), zeroed by the user
    passphrase_entered = Signal(object, object)
    switch_user = Signal()

    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        receiving: bool = False,
        pin_receives: bool = False,
    ) -> None:
        """``receiving``: the client runs behind this lock now; ``pin_receives``: it
        would behind a PIN lock (the machine policy), which the PIN offer then says."""
        super().__init__(parent)
        enter_presses_buttons(self)
        self._pin_mode = False
        self._receiving = receiving
        self._waiting_ids: set[str] = set()
        self.title = QLabel(self.tr("WardLink is locked"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.who = plain_label(QLabel(name))
        self.urgent = plain_label(QLabel())  # names colleagues (the directory's cn)
        self.urgent.setWordWrap(True)
        self.urgent.setStyleSheet(
            "background: #b3261e; color: white; font-weight: bold; padding: 8px;"
        )
        self.urgent.hide()
        self._urgent_from: list[str] = []
        self.call = plain_label(QLabel())  # "Call from X": the caller's name only; the PIN accepts
        self.call.setWordWrap(True)
        self.call.setStyleSheet(
            "background: #1a73e8; color: white; font-weight: bold; padding: 8px;"
        )
        self.call.hide()
        self.prompt = QLabel()
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.returnPressed.connect(self._enter)
        self.shift_pin = ShiftPinField()
        self.shift_pin.returnPressed.connect(self._enter)
        self.pin_note = QLabel(
            self.tr("With a PIN you unlock quickly, and urgent messages reach you while locked.")
            if pin_receives
            else self.tr("With a PIN you unlock quickly while WardLink keeps running.")
        )
        self.pin_note.setWordWrap(True)
        self.pin_note.setStyleSheet("color: #5f6b75;")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("color: #5f6b75;")
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._enter)
        self.switch_button = QPushButton(self.tr("Switch user"))
        self.switch_button.clicked.connect(self.switch_user)
        box = QVBoxLayout()
        for w in (
            self.title,
            self.who,
            self.call,
            self.urgent,
            self.waiting,
            self.prompt,
            self.secret,
            self.shift_pin,
            self.pin_note,
            self.error,
        ):
            box.addWidget(w)
        row = QHBoxLayout()
        row.addWidget(self.switch_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        box.addLayout(row)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        center = QHBoxLayout()
        center.addStretch(1)
        holder = QWidget()
        holder.setLayout(box)
        holder.setMinimumWidth(360)  # the PIN field's placeholder fits in German too
        holder.setMaximumWidth(420)
        center.addWidget(holder)
        center.addStretch(1)
        outer.addLayout(center)
        outer.addStretch(2)
        self._show_waiting()
        self.ask_pin()

    @property
    def pin_mode(self) -> bool:
        return self._pin_mode

    def ask_pin(self, attempts_left: int | None = None) -> None:
        self._pin_mode = True
        self._show_pin_offer(False)
        self.prompt.setText(self.tr("Enter your PIN"))
        self.secret.setAccessibleName(self.tr("PIN"))
        self.secret.setPlaceholderText(self.tr("PIN"))
        self._reset(
            ""
            if attempts_left is None
            else self.tr("Wrong PIN. 1 attempt left.")
            if attempts_left == 1
            else self.tr("Wrong PIN. %1 attempts left.").replace("%1", str(attempts_left))
        )

    def ask_passphrase(self, why: str = "") -> None:
        """Behind the passphrase the database is closed: nothing arrives any more."""
        self._pin_mode = False
        self._receiving = False
        self._show_waiting()
        self._show_pin_offer(True)
        self.prompt.setText(self.tr("Enter your passphrase"))
        self.secret.setAccessibleName(self.tr("Passphrase"))
        self.secret.setPlaceholderText(self.tr("Passphrase"))
        self._reset(why)

    @property
    def urgent_from(self) -> tuple[str, ...]:
        return tuple(self._urgent_from)

    def show_urgent(self, sender_name: str) -> None:
        """Name the sender (each once), nothing of the content."""
        if sender_name not in self._urgent_from:
            self._urgent_from.append(sender_name)
        self.urgent.setText(self.tr("URGENT from {name}").format(name=", ".join(self._urgent_from)))
        self.urgent.show()

    def show_call(self, text: str) -> None:
        """A call rings ("Call from X", translated by the caller of this) or was missed;
        an empty text hides the line."""
        self.call.setText(text)
        self.call.setVisible(bool(text))

    @property
    def waiting_count(self) -> int:
        return len(self._waiting_ids)

    def count_waiting(self, message_id: str) -> None:
        """One more message arrived while locked (a changed one is not counted twice)."""
        self._waiting_ids.add(message_id)
        self._show_waiting()

    def _show_waiting(self) -> None:
        if not self._receiving and self._waiting_ids:
            text = counted(
                len(self._waiting_ids),
                self.tr("1 new message since locking; no more arrive until you unlock."),
                self.tr("%n new messages since locking; no more arrive until you unlock."),
            )
        elif not self._receiving:
            text = self.tr(
                "While locked, WardLink receives nothing: new messages arrive after unlocking."
            )
        elif self._waiting_ids:
            text = counted(
                len(self._waiting_ids),
                self.tr("1 new message since locking"),
                self.tr("%n new messages since locking"),
            )
        else:
            text = self.tr("Messages still arrive while locked; urgent ones ring.")
        self.waiting.setText(text)

    def show_error(self, text: str) -> None:
        self._reset(text)

    def set_busy(self, busy: bool) -> None:
        self.secret.setEnabled(not busy)
        self.shift_pin.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)

    def _show_pin_offer(self, shown: bool) -> None:
        self.shift_pin.clear()
        self.shift_pin.setVisible(shown)
        self.pin_note.setVisible(shown)

    def _reset(self, error: str) -> None:
        self.set_busy(False)
        self.error.setText(error)
        self.secret.clear()
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    def _enter(self) -> None:
        if not self.secret.text():
            return
        if self._pin_mode:
            secret = secret_buffer(self.secret.text())
            self.secret.clear()
            self.set_busy(True)
            self.pin_entered.emit(secret)
            return
        problem = self.shift_pin.problem()
        if problem:
            self.error.setText(problem)
            self.shift_pin.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        secret = secret_buffer(self.secret.text())
        shift_pin = self.shift_pin.take()
        self.secret.clear()
        self.set_busy(True)
        self.passphrase_entered.emit(secret, shift_pin)
