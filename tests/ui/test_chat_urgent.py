"""Urgent messages: the sender ticks Urgent, the recipient acknowledges with one click, and
the sender's bubble says who acknowledged and when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat import model as roles
from tests.ui.chat_support import chat_view, start_direct, wait_row

__all__ = ["chat_view"]  # the fixture


def _layout(view: ChatView, message_id: str) -> Any:
    index = view.model.index_of(message_id)  # type: ignore[arg-type]
    rect = view.list.visualRect(index)
    return index, rect, view.delegate.layout_for(index, rect.width())


def test_acknowledge_button_reaches_the_sender(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    anna_view = chat_view(anna)
    jonas_view = chat_view(jonas)
    anna_view.show_conversation(cid, "Jonas Müller")
    jonas_view.show_conversation(cid, "Dr. Anna Weber")

    composer = anna_view.composer
    qtbot.mouseClick(composer.urgent_button, Qt.MouseButton.LeftButton)
    assert composer.urgent_button.isChecked()
    qtbot.keyClicks(composer.editor, "Bitte sofort in Zimmer 12!")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert not composer.urgent_button.isChecked()  # one message, not a mode

    sent = wait_row(qtbot, anna_view, lambda r: r.message.body.startswith("Bitte sofort"))
    assert sent.message.urgent and not sent.acknowledged_by
    _, _, layout = _layout(anna_view, sent.message_id)
    assert layout.badge.isValid() and len(layout.ack_lines) == 1  # "Not acknowledged yet"
    assert not layout.ack_button.isValid()

    received = wait_row(qtbot, jonas_view, lambda r: r.message.message_id == sent.message_id)
    assert received.needs_my_ack
    index, rect, layout = _layout(jonas_view, received.message_id)
    assert index.data(roles.URGENT) is True and index.data(roles.NEEDS_MY_ACK) is True
    assert layout.ack_button.isValid()
    qtbot.mouseClick(
        jonas_view.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=layout.ack_button.center() + rect.topLeft(),
    )
    wait_row(qtbot, jonas_view, lambda r: r.message_id == sent.message_id and not r.needs_my_ack)
    _, _, layout = _layout(jonas_view, received.message_id)
    assert not layout.ack_button.isValid()

    acked = wait_row(
        qtbot, anna_view, lambda r: r.message_id == sent.message_id and bool(r.acknowledged_by)
    )
    assert [a.name for a in acked.acknowledged_by] == ["Jonas Müller"]
    labels = anna_view.delegate.labels(acked)
    assert labels.acknowledged[0].startswith("Acknowledged by Jonas Müller · ")
    index, _, layout = _layout(anna_view, sent.message_id)
    assert index.data(roles.ACKNOWLEDGED_BY) == acked.acknowledged_by
    assert len(layout.ack_lines) == 1


def test_acknowledged_stays_acknowledged_after_switching_chats(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """Regression: the bubble's measured layout was cached per (message, version) and the
    version restarted at 0 on every open, so switching back showed the old Acknowledge."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    gui_ward.enroll("schmidt.lena")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    other = start_direct(qtbot, jonas, "schmidt.lena")
    anna_view = chat_view(anna)
    jonas_view = chat_view(jonas)
    anna_view.show_conversation(cid, "Jonas Müller")
    jonas_view.show_conversation(cid, "Dr. Anna Weber")
    anna_view.composer.urgent_button.setChecked(True)
    qtbot.keyClicks(anna_view.composer.editor, "Sofort!")
    qtbot.keyClick(anna_view.composer.editor, Qt.Key.Key_Return)
    sent = wait_row(qtbot, anna_view, lambda r: r.message.body == "Sofort!")

    received = wait_row(qtbot, jonas_view, lambda r: r.message_id == sent.message_id)
    _, rect, layout = _layout(jonas_view, received.message_id)
    assert layout.ack_button.isValid()
    qtbot.mouseClick(
        jonas_view.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=layout.ack_button.center() + rect.topLeft(),
    )
    wait_row(qtbot, jonas_view, lambda r: r.message_id == sent.message_id and not r.needs_my_ack)
    assert not _layout(jonas_view, sent.message_id)[2].ack_button.isValid()

    jonas_view.show_conversation(other, "Dr. Lena Schmidt")
    jonas_view.show_conversation(cid, "Dr. Anna Weber")
    back = wait_row(qtbot, jonas_view, lambda r: r.message_id == sent.message_id)
    assert not back.needs_my_ack
    _, _, layout = _layout(jonas_view, sent.message_id)
    assert not layout.ack_button.isValid()
