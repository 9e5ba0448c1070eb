"""The status bar's word on the relay: connected, searching, or offline with a queue."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.services.live_views import ConnectionStatus, Link
from desktop_app.ui import dates
from desktop_app.ui.error_text import user_message
from desktop_app.ui.plural import counted


class ConnectionLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Connection state"))
        self.shown = 0  # states shown so far: an answer asked for before is stale
        self.show_status(ConnectionStatus(Link.SEARCHING))

    def show_asked(self, status: object, asked_at: int) -> None:
        """The state the client had when asked (a window built on a running link), unless
        an event brought a newer one meanwhile: the answer may arrive after it."""
        if self.shown == asked_at:
            self.show_status(status)

    def show_status(self, status: object) -> None:
        assert isinstance(status, ConnectionStatus)
        self.shown += 1
        if status.link is Link.CONNECTED:
            text = self.tr("● Connected to relay {relay}").format(relay=status.relay)
            colour = "#1f7a5c"
        elif status.link is Link.SEARCHING:
            text = self.tr("◌ Searching for the relay…")
            colour = "#8a6d00"
        else:
            text = self.tr("○ Offline")
            colour = "#b3261e"
        if status.queued and status.link is not Link.CONNECTED:
            text += " — " + counted(
                status.queued,
                self.tr("1 message waiting to be sent"),
                self.tr("%n messages waiting to be sent"),
            )
        # why the relay cannot be reached, worded in the UI language where the error has a key
        tip = user_message(status.problem_error) if status.problem_error else status.problem
        if status.storage_problem:  # messages wait on the relay until this PC can store
            text += " — ⚠ " + self.tr("Messages cannot be saved on this PC")
            colour = "#b3261e"
            # a full disk in the UI language (ui/error_text.py), then that nothing is lost
            why = user_message(status.storage_error) if status.storage_error else ""
            tip = "\n".join(
                (
                    why or status.storage_problem,
                    self.tr("Messages for you wait on the relay until they can be saved."),
                )
            )
        if status.certificate_expires is not None:  # renewal failed; IT must act in time
            text += " — ⚠ " + self.tr("This PC's certificate expires soon; ask IT")
            colour = "#b3261e"
            tip = "\n".join(t for t in (tip, self._certificate_words(status)) if t)
        self.setText(text)
        self.setStyleSheet(f"color: {colour};")
        self.setToolTip(tip)

    def _certificate_words(self, status: ConnectionStatus) -> str:
        assert status.certificate_expires is not None
        if status.certificate_expired:
            return self.tr(
                "This PC's certificate has expired; please ask your IT department to renew it."
            )
        return self.tr(
            "This PC's certificate expires on %1 and could not be renewed; please ask your IT department to renew it."  # noqa: E501
        ).replace("%1", day(status.certificate_expires))


def day(moment: datetime) -> str:
    """The date in the UI language's short form, with the full year (12.01.2027)."""
    return dates.short_date(moment.astimezone().date(), full_year=True)
