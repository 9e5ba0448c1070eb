"""Typing in the composer shares the room key ahead (services/key_ahead.py), also with
the typing indicator off, between PCs through a real relay: Jonas's new PC gets the key
while Anna types, her message then reaches him, and nobody sees "is typing"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from tests.ui.chat_support import TIMEOUT_MS, chat_view, start_direct, wait_row
from tests.ui.test_chat_forward_mentions import message_action, submit

__all__ = ["chat_view"]  # the fixture


def test_typing_sends_the_due_room_key_before_the_message(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")  # the default policy: no typing indicator
    jonas = live_session(gui_ward, "mueller.jonas")
    group = submit(
        qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas"])
    )
    anna_view, jonas_view = chat_view(anna), chat_view(jonas)
    anna_view.show_conversation(group, "Station 3B")
    jonas_view.show_conversation(group, "Station 3B")
    # Jonas enrolls a second PC (switched off); Anna's client reads device lists afresh,
    # so her next message would first have to give a new key to three PCs.
    gui_ward.enroll("mueller.jonas", device="-pc2")
    client = anna.ctx.client
    client.session.peers.max_age_s = 0.0
    shared: list[bool] = []
    prepare = client.messenger.key_ahead.prepare

    async def watched(conversation: str) -> bool:
        shared.append(await prepare(conversation))
        return shared[-1]

    client.messenger.key_ahead.prepare = watched

    qtbot.keyClicks(anna_view.composer.editor, "Zimmer 12 ist frei")
    qtbot.waitUntil(lambda: shared == [True], timeout=TIMEOUT_MS)  # once, and it went out
    qtbot.keyClick(anna_view.composer.editor, "\r")
    wait_row(qtbot, jonas_view, lambda r: r.message.body == "Zimmer 12 ist frei")
    assert not jonas_view.typing_label.isVisible()  # the indicator stays off
    assert shared == [True]


def _watch_key_ahead(client: Any) -> list[bool]:
    shared: list[bool] = []
    prepare = client.messenger.key_ahead.prepare

    async def watched(conversation: str) -> bool:
        shared.append(await prepare(conversation))
        return shared[-1]

    client.messenger.key_ahead.prepare = watched
    return shared


def test_a_file_attached_or_a_forward_target_chosen_sends_the_due_room_key_first(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    """A message that is not typed (a file dropped into the composer, a message
    forwarded) paid the key share at Send; now it goes when the message takes shape."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    group = submit(
        qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas"])
    )
    direct = start_direct(qtbot, anna, "mueller.jonas")
    anna_view, jonas_view = chat_view(anna), chat_view(jonas)
    anna_view.show_conversation(direct, "Jonas Müller")
    jonas_view.show_conversation(group, "Station 3B")
    gui_ward.enroll("mueller.jonas", device="-pc2")  # every next message: a new key first
    client = anna.ctx.client
    client.session.peers.max_age_s = 0.0
    shared = _watch_key_ahead(client)

    plan = tmp_path / "dienstplan.txt"
    plan.write_text("Dezember\n")
    anna_view.composer.add_files([plan])  # what a drop or the file dialog does
    qtbot.waitUntil(lambda: shared == [True], timeout=TIMEOUT_MS)

    anna_view.composer.remove_file(plan)
    qtbot.keyClicks(anna_view.composer.editor, "Kaffee?")  # within 30 s: no second look
    qtbot.keyClick(anna_view.composer.editor, "\r")
    sent = wait_row(qtbot, anna_view, lambda r: r.message.body == "Kaffee?")
    assert shared == [True]
    client.messenger.key_ahead._last.clear()  # as 30 s later
    message_action(anna_view, sent.message_id, "Forward …").trigger()
    qtbot.waitUntil(
        lambda: anna_view.message_actions.forward_dialog is not None, timeout=TIMEOUT_MS
    )
    dialog = anna_view.message_actions.forward_dialog
    assert dialog is not None
    dialog.select(group)  # chosen, not yet sent: the group's key goes out now
    qtbot.waitUntil(lambda: len(shared) == 2, timeout=TIMEOUT_MS)
    assert shared[1] is True
    dialog.accept()
    wait_row(qtbot, jonas_view, lambda r: r.message.body == "Kaffee?")
