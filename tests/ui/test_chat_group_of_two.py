"""A group names who wrote what even when only two members are left in it: the messages
of one who left stay, and without a name above them they would read as the remaining
colleague's. Three PCs through a real relay."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import model as roles
from tests.ui.chat_support import TIMEOUT_MS, chat_view, wait_row
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture


def test_a_group_of_two_still_names_the_sender_of_each_message(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    lena = live_session(gui_ward, "schmidt.lena")
    group = submit(
        qtbot,
        anna,
        lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas", "schmidt.lena"]),
    )
    lena_view = chat_view(lena)
    lena_view.show_conversation(group, "Station 3B")
    qtbot.waitUntil(lambda: lena_view.model.rowCount() > 0, timeout=TIMEOUT_MS)
    said = submit(qtbot, lena, lambda: lena.ctx.client.send_text(group, "Zimmer 4: BZ 320"))
    jonas_view = chat_view(jonas)
    jonas_view.show_conversation(group, "Station 3B")
    wait_row(qtbot, jonas_view, lambda r: r.message_id == said.message_id)
    qtbot.waitUntil(  # three members: a group as ever (once the chat knows its members)
        lambda: jonas_view.model.index_of(said.message_id).data(roles.SHOW_SENDER) is True,
        timeout=TIMEOUT_MS,
    )

    submit(qtbot, anna, lambda: anna.ctx.client.remove_member(group, "schmidt.lena"))
    qtbot.waitUntil(
        lambda: len(submit(qtbot, jonas, lambda: _members(jonas, group))) == 2,
        timeout=TIMEOUT_MS,
    )
    again = chat_view(jonas)  # opened now: Jonas and Anna are the group
    again.show_conversation(group, "Station 3B")
    wait_row(qtbot, again, lambda r: r.message_id == said.message_id)
    qtbot.waitUntil(lambda: "Dr. Anna Weber" in again.subtitle_label.text(), timeout=TIMEOUT_MS)
    assert "Lena" not in again.subtitle_label.text()  # the members named: Lena left
    index = again.model.index_of(said.message_id)
    assert index.data(roles.SHOW_SENDER) is True  # her message says it is hers


async def _members(session: Any, group: str) -> list[tuple[str, str, bool]]:
    return session.ctx.client.members(group)  # type: ignore[no-any-return]
