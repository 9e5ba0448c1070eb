"""When the privacy notice is shown and its acknowledgement stored (issue 17).

The Join dialog shows the notice and requires its acknowledgement; that version is
stored in the new container at the first unlock (``joined``). A notice IT configured
whose version differs from the stored one is shown again once at unlock: OK needs the
checkbox, declining switches user (``declined``). WardLink's own template (no notice
configured) is acknowledged at Join only and not re-shown when this PC's settings
change its text. The notice can be read at any time from the main window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.services import privacy_notice
from desktop_app.services.live_client import LiveClient
from desktop_app.services.privacy_notice import PrivacyNotice
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.shell.privacy_dialog import PrivacyDialog


class NoticeFlow(QObject):
    declined = Signal()  # the person did not accept a changed notice: switch user

    def __init__(self, bridge: AsyncBridge, notice: PrivacyNotice, parent: QObject) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.notice = notice
        self.joined = ""  # the version acknowledged in Join, stored at the first unlock
        self.dialog: PrivacyDialog | None = None

    def unlocked(self, client: LiveClient, still_shown: Callable[[], QWidget | None]) -> None:
        """Store the Join acknowledgement, or ask again if IT changed the notice.

        ``still_shown`` gives the main window while this client's session still shows
        (the answer may come after a lock or a switch of user: then nothing is asked)."""
        settings = client.container.settings
        joined, self.joined = self.joined, ""
        if joined:
            self.bridge.call(privacy_notice.record_acknowledgement, settings, joined)
        elif self.notice.configured:
            self.bridge.call(
                privacy_notice.needs_acknowledgement,
                settings,
                self.notice,
                done=lambda needed: self._ask(client, still_shown()) if needed else None,
            )

    def _ask(self, client: LiveClient, main: QWidget | None) -> None:
        if main is None:
            return  # locked or switched meanwhile: asked again at the next unlock
        dialog = PrivacyDialog(self.notice, ask_acknowledgement=True, parent=main)
        version = self.notice.version

        def accepted() -> None:
            settings = client.container.settings
            self.bridge.call(privacy_notice.record_acknowledgement, settings, version)

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(self.declined)
        self.dialog = dialog
        dialog.open()

    def show(self, parent: QWidget | None) -> None:
        """The notice at any time, from the main window's "Datenschutz / Privacy"."""
        self.dialog = PrivacyDialog(self.notice, parent=parent)
        self.dialog.open()

    def discard(self) -> None:
        """Lock or switch user: the dialog goes with the main window (not "declined")."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.blockSignals(True)
            dialog.hide()
            dialog.deleteLater()
