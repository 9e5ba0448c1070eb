"""The recipient of an urgent message sees that her acknowledgement went: the red
button gives way to "Acknowledged by you · 21:21" in the bubble (walk 19: the button
just vanished, and a nurse could not tell whether her click had counted), also after
opening the chat again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.formatting import clock_text
from tests.ui.chat_support import anna_and_jonas_chatting, chat_view, wait_row

__all__ = ["chat_view"]  # the fixture


def _layout(view: ChatView, message_id: str) -> Any:
    index = view.model.index_of(message_id)  # type: ignore[arg-type]
    rect = view.list.visualRect(index)
    return rect, view.delegate.layout_for(index, rect.width())


def test_my_acknowledgement_shows_in_the_bubble_i_acknowledged(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    two = anna_and_jonas_chatting(qtbot, gui_ward, live_session, chat_view)
    cid, anna_view, jonas_view = two.cid, two.anna_view, two.jonas_view
    qtbot.mouseClick(anna_view.composer.urgent_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(anna_view.composer.editor, "Bitte sofort in Zimmer 12!")
    qtbot.keyClick(anna_view.composer.editor, Qt.Key.Key_Return)
    sent = wait_row(qtbot, anna_view, lambda r: r.message.body.startswith("Bitte sofort"))

    received = wait_row(qtbot, jonas_view, lambda r: r.message_id == sent.message_id)
    rect, layout = _layout(jonas_view, received.message_id)
    assert layout.ack_button.isValid() and not layout.ack_lines  # nothing said yet
    qtbot.mouseClick(
        jonas_view.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=layout.ack_button.center() + rect.topLeft(),
    )
    done = wait_row(
        qtbot, jonas_view, lambda r: r.message_id == sent.message_id and not r.needs_my_ack
    )
    [mine] = done.acknowledged_by
    expected = f"Acknowledged by you · {clock_text(mine.at)}"
    assert jonas_view.delegate.labels(done).acknowledged == (expected,)
    _, layout = _layout(jonas_view, sent.message_id)
    assert not layout.ack_button.isValid() and len(layout.ack_lines) == 1

    jonas_view.show_conversation(cid, "Dr. Anna Weber")  # opened again: still said
    again = wait_row(qtbot, jonas_view, lambda r: r.message_id == sent.message_id)
    assert jonas_view.delegate.labels(again).acknowledged == (expected,)
    assert len(_layout(jonas_view, sent.message_id)[1].ack_lines) == 1

    # The sender still reads the name, not "you".
    acked = wait_row(
        qtbot, anna_view, lambda r: r.message_id == sent.message_id and bool(r.acknowledged_by)
    )
    assert (
        anna_view.delegate.labels(acked)
        .acknowledged[0]
        .startswith("Acknowledged by Jonas Müller · ")
    )
