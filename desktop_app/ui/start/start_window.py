"""The first thing on a shared ward PC: who is working here?

Lists the people who have a container on this PC (name and department, read from the
unencrypted keyslot) plus "Someone else"; picking a person asks for their passphrase.
The window only collects input; ``AppController`` does the unlocking. Passphrase and
PIN leave as UTF-8 bytearrays (zeroed by the session once used) and both fields are
cleared at once, so no QLineEdit keeps them while WardLink runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.crypto.secret_memory import secret_buffer
from desktop_app.storage.profiles import ProfileEntry
from desktop_app.ui.list_focus import show_current_on_tab
from desktop_app.ui.literal_text import plain_label
from desktop_app.ui.shift_pin import ShiftPinField
from desktop_app.ui.start.people_delegate import DEPARTMENT_ROLE, NAME_ROLE, PeopleDelegate
from desktop_app.ui.window_keys import enter_presses_buttons

_PEOPLE, _UNLOCK, _NEW = range(3)


class StartWindow(QWidget):
    # profile directory (Path), passphrase (bytearray), PIN for the shift (bytearray or None)
    unlock_requested = Signal(object, object, object)
    join_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("WardLink")
        self.setMinimumSize(560, 520)
        self._profile: Path | None = None
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._people_page())
        self.pages.addWidget(self._unlock_page())
        self.pages.addWidget(self._new_person_page())
        notice = QLabel(
            self.tr(
                "This is a shared PC. Your messages are kept only in your own encrypted "
                "container. Lock WardLink (Ctrl+L) whenever you leave the PC."
            )
        )
        notice.setWordWrap(True)
        notice.setObjectName("sharedPcNotice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        title = QLabel("WardLink")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(self.pages, 1)
        layout.addWidget(notice)
        enter_presses_buttons(self)

    # ---- pages -------------------------------------------------------------------------

    def _people_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Who is working at this PC?")))
        self.people = QListWidget()
        self.people.setAccessibleName(self.tr("People with a container on this PC"))
        self.people.setItemDelegate(PeopleDelegate(self.people))
        show_current_on_tab(self.people)
        self.people.setFrameShape(QListWidget.Shape.NoFrame)
        self.people.setMouseTracking(True)
        self.people.setStyleSheet("QListWidget { background: transparent; }")
        self.people.itemActivated.connect(self._picked)
        self.people.itemClicked.connect(self._picked)
        layout.addWidget(self.people, 1)
        self.someone_else = QPushButton(self.tr("Someone else…"))
        self.someone_else.clicked.connect(self.show_new_person)
        layout.addWidget(self.someone_else)
        return page

    def _unlock_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.unlock_title = plain_label(QLabel())  # the profile owner's name
        self.unlock_title.setWordWrap(True)
        layout.addWidget(self.unlock_title)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.returnPressed.connect(self._unlock)
        layout.addWidget(self.passphrase)
        self.session_pin = ShiftPinField()
        self.session_pin.returnPressed.connect(self._unlock)
        layout.addWidget(self.session_pin)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.show_people)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _new_person_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("New on this PC?")))
        self.join_button = QPushButton(self.tr("Join my hospital"))
        self.join_button.setToolTip(self.tr("Enter the enrollment code you got from IT."))
        self.join_button.clicked.connect(self.join_requested)
        self.demo_button = QPushButton(self.tr("Try the demo"))
        self.demo_button.setToolTip(self.tr("A demo hospital with sample chats, on this PC only."))
        self.demo_button.clicked.connect(self.demo_requested)
        for button in (self.join_button, self.demo_button):
            button.setMinimumHeight(48)
            layout.addWidget(button)
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.show_people)
        layout.addStretch(1)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    # ---- state -------------------------------------------------------------------------

    def set_people(self, people: list[ProfileEntry], *, keep_page: bool = False) -> None:
        """``keep_page``: refresh the list behind the unlock page without leaving it."""
        self.people.clear()
        for entry in people:
            owner = entry.owner
            text = owner.display_name + (f"\n{owner.department}" if owner.department else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.directory)
            item.setData(NAME_ROLE, owner.display_name)
            item.setData(DEPARTMENT_ROLE, owner.department)
            self.people.addItem(item)
        if not keep_page:
            self.pages.setCurrentIndex(_PEOPLE if people else _NEW)

    def show_new_person(self) -> None:
        self.pages.setCurrentIndex(_NEW)

    def show_people(self) -> None:
        self.passphrase.clear()
        self.session_pin.clear()
        self.error.clear()
        self.pages.setCurrentIndex(_PEOPLE if self.people.count() else _NEW)

    def ask_passphrase(self, profile: Path, name: str) -> None:
        self._profile = profile
        self.unlock_title.setText(self.tr("Unlock WardLink for {name}").format(name=name))
        self.passphrase.clear()
        self.session_pin.clear()
        self.error.clear()
        self.set_busy(False)
        self.pages.setCurrentIndex(_UNLOCK)
        self.passphrase.setFocus()

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.passphrase.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.session_pin.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Unlocking…"))

    def _picked(self, item: QListWidgetItem) -> None:
        name = str(item.data(NAME_ROLE))
        self.ask_passphrase(Path(item.data(Qt.ItemDataRole.UserRole)), name)

    def _unlock(self) -> None:
        if self._profile is None or not self.passphrase.text():
            return
        problem = self.session_pin.problem()
        if problem:  # the PIN is what to correct: the cursor goes there, not to the
            self.show_error(problem)  # passphrase, where the next digits were appended
            self.session_pin.setFocus()
            return
        passphrase = secret_buffer(self.passphrase.text())
        session_pin = self.session_pin.take()
        self.passphrase.clear()
        self.set_busy(True)
        self.unlock_requested.emit(self._profile, passphrase, session_pin)
