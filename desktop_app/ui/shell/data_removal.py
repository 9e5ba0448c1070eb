"""Settings, and removing WardLink's data from this PC: by the person (Settings →
remove, with the passphrase) or by IT (a withdrawn device; its data wiped or kept).

Either way the PC goes back to the start screen with a notice that says why, so the
next person never wonders where a colleague's session went. The settings dialog lives
here because the person's removal starts in it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.crypto.secret_memory import wipe
from desktop_app.services.person_session import PersonSession
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.shell.settings_dialog import SettingsDialog


class DataRemoval(QObject):
    applied = Signal(object)  # the preferences saved in the settings dialog
    removed = Signal()  # the data is gone: switch user (the notice then shows on top)

    def __init__(
        self,
        bridge: AsyncBridge,
        person: Callable[[], PersonSession | None],
        start: QWidget,
        title: str,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self._person = person  # who is unlocked now (None at the start screen)
        self._start = start
        self._title = title
        self.settings_dialog: SettingsDialog | None = None
        self.notice: QMessageBox | None = None  # the last "your data was deleted" notice

    def show_settings(self, main: MainWindow | None) -> None:
        if main is None:
            return
        dialog = SettingsDialog(main.ctx, main)
        dialog.applied.connect(self.applied)
        dialog.remove_data_requested.connect(self._remove_data)
        self.settings_dialog = dialog
        dialog.open()

    def _remove_data(self, passphrase: object) -> None:
        person, dialog = self._person(), self.settings_dialog
        assert isinstance(passphrase, bytearray)
        if person is None or dialog is None:
            wipe(passphrase)
            return
        self.bridge.submit(
            lambda: person.destroy(passphrase),
            done=lambda _: self._data_gone(self.tr("Your WardLink data on this PC was deleted.")),
            error=dialog.show_remove_error,
        )

    def withdrawn(self, wiped: bool) -> None:
        self._data_gone(
            self.tr(
                "This device was withdrawn by IT; its WardLink data on this PC has been deleted."
            )
            if wiped
            else self.tr("This device was withdrawn by IT; its WardLink data on this PC was kept.")
        )

    def _data_gone(self, text: str) -> None:
        """Back to the start screen, with a notice that says why."""
        dialog, self.settings_dialog = self.settings_dialog, None
        if dialog is not None:
            dialog.close()
        self.removed.emit()
        notice = QMessageBox(QMessageBox.Icon.Warning, self._title, text, parent=self._start)
        self.notice = notice
        notice.open()
