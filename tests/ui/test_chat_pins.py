"""Pinned messages in the chat, between two PCs through a real relay: pinned from the
message menu, shown in the bar on both PCs (also when the OTHER person pins), a click
in the bar jumps to the message (loading older pages), unpin removes it everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.services.live_views import MessageRow
from desktop_app.ui.chat import model as roles
from tests.ui.chat_support import TIMEOUT_MS, chat_view, german, start_direct, wait_row
from tests.ui.test_chat_replies_reactions import has_action, menu_action, send

__all__ = ["chat_view"]  # the fixture


def bar_texts(view: Any) -> list[str]:
    bar = view.pinned_bar
    return [b.text() for b in bar.buttons] if bar.isVisible() else []


def test_pin_shows_in_both_bars_click_jumps_and_unpin_removes(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    anna_view, jonas_view = chat_view(anna), chat_view(jonas)
    anna_view.show_conversation(cid, "Jonas Müller")
    jonas_view.show_conversation(cid, "Dr. Anna Weber")

    plan = send(qtbot, anna_view, "Visite heute 14 Uhr\nZimmer 12 zuerst")
    wait_row(qtbot, jonas_view, lambda r: r.message_id == plan.message_id)
    assert not anna_view.pinned_bar.isVisible()
    assert not has_action(anna_view, plan.message_id, "Unpin")

    # Anna pins; both bars show it (Jonas's through the relay, without reopening).
    menu_action(anna_view, plan.message_id, "Pin").trigger()
    shown = "📌 Dr. Anna Weber: Visite heute 14 Uhr"
    qtbot.waitUntil(lambda: bar_texts(anna_view) == [shown], timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: bar_texts(jonas_view) == [shown], timeout=TIMEOUT_MS)
    assert has_action(jonas_view, plan.message_id, "Unpin")

    # Jonas (any member may) pins a message of his; Anna's bar shows it on top.
    note = send(qtbot, jonas_view, "Labor ruft zurück")
    wait_row(qtbot, anna_view, lambda r: r.message_id == note.message_id)
    menu_action(jonas_view, note.message_id, "Pin").trigger()
    both = ["📌 Jonas Müller: Labor ruft zurück", shown]
    qtbot.waitUntil(lambda: bar_texts(anna_view) == both, timeout=TIMEOUT_MS)

    # Clicking a pin selects that message in the list.
    anna_view.list.setCurrentIndex(anna_view.model.index_of(note.message_id))
    qtbot.mouseClick(anna_view.pinned_bar.buttons[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: anna_view.list.currentIndex().data(roles.MESSAGE_ID) == plan.message_id,
        timeout=TIMEOUT_MS,
    )

    # Jonas unpins Anna's message: gone from both bars; it stays unpinned after reopening.
    menu_action(jonas_view, plan.message_id, "Unpin").trigger()
    qtbot.waitUntil(lambda: bar_texts(anna_view) == both[:1], timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: bar_texts(jonas_view) == both[:1], timeout=TIMEOUT_MS)
    anna_view.clear()
    assert not anna_view.pinned_bar.isVisible() and anna_view.pinned_bar.pins == ()
    anna_view.show_conversation(cid, "Jonas Müller")
    qtbot.waitUntil(lambda: bar_texts(anna_view) == both[:1], timeout=TIMEOUT_MS)


def test_a_click_on_a_pin_loads_older_pages_until_the_message_is_shown(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    client = anna.ctx.client
    done: list[object] = []

    async def history() -> MessageRow:
        first = await client.send_text(cid, "Übergabe Zimmer 3: Marcumar pausiert")
        await client.pin(first.message_id, True)
        for i in range(150):  # more than two pages after the pinned one
            await client.send_text(cid, f"Notiz {i}")
        return first

    anna.ctx.bridge.submit(history, done=done.append, error=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    (first,) = done
    assert isinstance(first, MessageRow)
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    qtbot.waitUntil(lambda: len(view.pinned_bar.buttons) == 1, timeout=TIMEOUT_MS)
    assert not view.model.index_of(first.message_id).isValid()  # not loaded yet
    qtbot.mouseClick(view.pinned_bar.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.list.currentIndex().data(roles.MESSAGE_ID) == first.message_id,
        timeout=TIMEOUT_MS,
    )
    rect = view.list.visualRect(view.list.currentIndex())
    assert view.list.viewport().rect().intersects(rect)  # scrolled into sight


def test_pin_speaks_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    with german(tmp_path):
        view = chat_view(anna)
        view.show_conversation(cid, "Jonas Müller")
        row = send(qtbot, view, "Visite 14 Uhr")
        menu_action(view, row.message_id, "Anheften").trigger()
        qtbot.waitUntil(lambda: len(view.pinned_bar.buttons) == 1, timeout=TIMEOUT_MS)
        assert view.pinned_bar.buttons[0].toolTip() == "Diese angeheftete Nachricht zeigen"
        assert has_action(view, row.message_id, "Loslösen")
