"""The conversation list says whose the last message is: "You: …" for my own (a glance
tells whether the others have answered), the sender's name in a group, in the UI
language; two people's PCs through a real relay."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.ui.shell.conversation_list import ConversationList
from tests.ui.chat_support import TIMEOUT_MS
from tests.ui.test_chat_forward_mentions import submit
from tests.ui.test_conversation_search import send
from tests.ui.test_viewer_translation import german

__all__ = ["german"]  # the fixture


def previews(qtbot: QtBot, session: Any, text: str) -> list[str]:
    """The list as the person sees it once ``text`` arrived: title and preview line."""
    conversations = ConversationList(session.ctx)
    qtbot.addWidget(conversations)
    conversations.show()
    model = conversations.model

    def rows() -> list[str]:
        return [str(model.index(i).data()) for i in range(model.rowCount())]

    def arrived() -> bool:
        conversations.reload()
        return any(row.endswith(text) for row in rows())

    qtbot.waitUntil(arrived, timeout=TIMEOUT_MS)
    return rows()


def test_my_last_message_says_you_and_a_colleagues_says_their_name(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    group = submit(
        qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas"])
    )
    send(qtbot, anna, group, "Übergabe um 14 Uhr")
    assert previews(qtbot, anna, "Übergabe um 14 Uhr") == ["Station 3B\nYou: Übergabe um 14 Uhr"]
    (seen,) = previews(qtbot, jonas, "Übergabe um 14 Uhr")
    assert seen.startswith("Station 3B\n") and seen.endswith(": Übergabe um 14 Uhr")
    assert "You:" not in seen and len(seen.split("\n")[1]) > len("x: Übergabe um 14 Uhr")


def test_in_german_it_says_sie(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    group = submit(
        qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas"])
    )
    send(qtbot, anna, group, "Übergabe um 14 Uhr")
    assert previews(qtbot, anna, "Übergabe um 14 Uhr") == ["Station 3B\nSie: Übergabe um 14 Uhr"]
