"""The red line under the task and event forms saying why OK did not close them.

A refused task or event kept nothing when its dialog had already closed ("nothing
lost" is a house rule): the dialogs now stay open, say the reason here, put the cursor
in the field at fault, and close only once saved (``close_or_save``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QSizePolicy, QWidget

from desktop_app.ui.directory.dialogs import error_label

D = TypeVar("D", bound=QDialog)


class RefusalLine:
    """A hidden red label; ``say`` shows a reason, any change in the form hides it."""

    def __init__(self, dialog: QDialog, ok_button: QPushButton) -> None:
        self.label: QLabel = error_label(dialog)
        self.ok_button = ok_button

    def say(self, reason: str, field: QWidget | None = None) -> None:
        """Show ``reason``, let OK be pressed again, and go to ``field`` if known."""
        self.ok_button.setEnabled(True)
        self.label.setText(reason)
        self.label.show()
        if field is not None:
            field.setFocus()

    def answered_by(self, *changes: SignalInstance) -> None:
        """Hide the reason as soon as the nurse changes one of these."""
        for changed in changes:
            changed.connect(self.label.hide)


def close_or_save(dialog: D, ok_button: QPushButton, save: Callable[[D], None] | None) -> None:
    """Without ``save`` (a dialog on its own) OK closes; with it, the window saves and
    closes the dialog once saved, or says the services' refusal in it."""
    if save is None:
        dialog.accept()
        return
    ok_button.setEnabled(False)  # one save at a time
    save(dialog)


def spare_room() -> QWidget:
    """An empty row that takes a dialog's spare height (put it above the buttons)."""
    room = QWidget()
    room.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
    return room


def room_for_lines(dialog: QDialog, lines: Sequence[QLabel]) -> None:
    """Open ``dialog`` tall enough for ``lines`` (red lines that may show together) to
    take its ``spare_room``: OK stays put when one comes and goes. Without it a line
    grew the dialog, OK moved down, and when the line went OK moved back up (the
    dialog kept its height), so the nurse's next click missed it."""
    for line in lines:
        line.setHidden(False)
    dialog.layout().activate()
    tall = dialog.sizeHint()
    for line in lines:
        line.setHidden(True)
    dialog.layout().activate()
    dialog.resize(dialog.sizeHint().width(), tall.height())
