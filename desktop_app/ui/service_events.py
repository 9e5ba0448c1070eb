"""Typed Qt signals for the live client's events, so widgets connect to what they need.

The bridge delivers every service event as ``service_event(name, payload)`` in the GUI
thread; this adapter splits them by name. It holds no state and does no thread hop.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.services import live_views as views
from desktop_app.services.study_downloads import EVENT_STUDY_PROGRESS
from desktop_app.ui.bridge import AsyncBridge


class ServiceEvents(QObject):
    connection = Signal(object)  # ConnectionStatus
    messages = Signal(object)  # tuple[MessageRow, ...]: new or changed, upsert by id
    conversations = Signal()  # the conversation list (or a conversation's lines) changed
    urgent = Signal(object)  # MessageRow waiting for my acknowledgement
    transfer = Signal(object)  # Transfer progress of one attachment
    withdrawn = Signal(bool)  # IT revoked this device; True = its data was wiped
    teamwork = Signal(str)  # a task or calendar event changed (its id)
    call = Signal(object)  # services.calls.CallEvent: incoming, ringing, connected, ended
    typing = Signal(object)  # services.typing.TypingNow: who types in a conversation now
    study_progress = Signal(object)  # services.study_downloads.StudyProgress

    def __init__(self, bridge: AsyncBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        bridge.service_event.connect(self._route)

    def _route(self, name: str, payload: object) -> None:
        if name == views.EVENT_CONNECTION:
            self.connection.emit(payload)
        elif name == views.EVENT_MESSAGES:
            self.messages.emit(payload)
        elif name == views.EVENT_CONVERSATIONS:
            self.conversations.emit()
        elif name == views.EVENT_URGENT:
            self.urgent.emit(payload)
        elif name == views.EVENT_TRANSFER:
            self.transfer.emit(payload)
        elif name == views.EVENT_TEAMWORK:
            self.teamwork.emit(str(payload))
        elif name == views.EVENT_WITHDRAWN:
            self.withdrawn.emit(bool(payload))
        elif name == views.EVENT_CALL:
            self.call.emit(payload)
        elif name == views.EVENT_TYPING:
            self.typing.emit(payload)
        elif name == EVENT_STUDY_PROGRESS:
            self.study_progress.emit(payload)
