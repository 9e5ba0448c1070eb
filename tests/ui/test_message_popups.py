"""A new message's popup names the sender only, and only when it should (moved out of
the app controller into ui/message_popups.py without a change of behaviour)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId, MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.services.live_views import MessageRow
from desktop_app.ui.message_popups import MessagePopups
from tests.ui.test_viewer_translation import german

__all__ = ["german"]  # the fixture


def row(text: str = "Kalium 6,1 mmol/l, bitte kommen", **changes: object) -> MessageRow:
    message = Message(MessageId("m1"), ConversationId("c1"), Uid("mueller.jonas"),
                      datetime.now(tz=UTC), text, state=MessageState.RECEIVED)  # fmt: skip
    return dataclasses.replace(MessageRow(message, "Jonas Müller", mine=False), **changes)


def popups(qtbot: QtBot, main: QWidget | None) -> tuple[MessagePopups, list[tuple[str, str]]]:
    notes: list[tuple[str, str]] = []
    return MessagePopups(lambda: main, lambda title, text: notes.append((title, text))), notes


def test_a_message_while_wardlink_is_in_the_background_pops_up_the_name_only(
    qtbot: QtBot,
) -> None:
    main = QWidget()
    qtbot.addWidget(main)  # not shown: not the active window
    shown, notes = popups(qtbot, main)
    shown.arrived((row(), row(sender_name="Dr. Anna Weber")))
    assert notes == [("WardLink", "New message from Jonas Müller")]  # one per batch
    assert "Kalium" not in repr(notes)
    notes.clear()
    urgent = row()
    urgent = dataclasses.replace(urgent, message=dataclasses.replace(urgent.message, urgent=True))
    shown.arrived((row(mine=True), row(notify=False), urgent))  # mine, muted, urgent
    assert notes == []
    locked, none = popups(qtbot, None)  # locked: no main window
    locked.arrived((row(),))
    assert none == []


def test_the_popup_speaks_german(qtbot: QtBot, german: None) -> None:
    main = QWidget()
    qtbot.addWidget(main)
    shown, notes = popups(qtbot, main)
    shown.arrived((row(),))
    assert notes == [("WardLink", "Neue Nachricht von Jonas Müller")]
