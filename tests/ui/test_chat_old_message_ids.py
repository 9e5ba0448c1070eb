"""A message kept from an earlier release under an id no PC accepts now ("\\n" in it,
protocol/fields.py ``ChosenId``): replying to it, reacting to it or pinning it from the
chat shows why it cannot be done, instead of sending what every receiver drops."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, start_direct, wait_row
from tests.ui.test_chat_replies_reactions import menu_action

__all__ = ["chat_view"]  # the fixture

EARLIER = "This message came from an earlier WardLink version; "


def test_replying_reacting_or_pinning_an_old_message_says_it_would_reach_nobody(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    old = Message(MessageId("m1\nNEU 07:00"), cid, Uid("mueller.jonas"),
                  datetime.now(tz=UTC) - timedelta(days=1), "Labor 8 Uhr",
                  state=MessageState.RECEIVED)  # fmt: skip
    call(qtbot, anna, anna.container.messages.add_many, [old])
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    wait_row(qtbot, view, lambda r: r.message_id == old.message_id)

    menu_action(view, old.message_id, "👍").trigger()
    qtbot.waitUntil(lambda: "reaction to it would reach nobody" in view.status.text(),
                    timeout=TIMEOUT_MS)  # fmt: skip
    assert view.status.text().startswith(EARLIER)
    assert wait_row(qtbot, view, lambda r: r.message_id == old.message_id).reactions == ()

    menu_action(view, old.message_id, "Pin").trigger()
    qtbot.waitUntil(lambda: "pinning or unpinning it would reach nobody" in view.status.text(),
                    timeout=TIMEOUT_MS)  # fmt: skip
    assert not view.pinned_bar.isVisible()

    menu_action(view, old.message_id, "Reply").trigger()
    view.composer.editor.setPlainText("Danke, erledigt")
    view.composer.submit()
    qtbot.waitUntil(lambda: "a reply to it would reach nobody" in view.status.text(),
                    timeout=TIMEOUT_MS)  # fmt: skip
    assert "Write a new message instead." in view.status.text()
    assert [r.message.body for r in view.model.rows()] == ["Labor 8 Uhr"]
