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
from tests.ui.chat_support import (
    TIMEOUT_MS,
    anna_and_jonas_chatting,
    call,
    chat_view,
    german,
    start_direct,
    wait_row,
)
from tests.ui.test_chat_replies_reactions import has_action, menu_action, send

__all__ = ["chat_view"]  # the fixture


def bar_texts(view: Any) -> list[str]:
    bar = view.pinned_bar
    return [b.text() for b in bar.buttons] if bar.isVisible() else []


def test_pin_shows_in_both_bars_click_jumps_and_unpin_removes(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    _anna, _jonas, cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )

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

    # A third pin fills the bar: a fourth is refused in the menu until one is unpinned.
    third, fourth = send(qtbot, anna_view, "Drei"), send(qtbot, anna_view, "Vier")
    menu_action(anna_view, third.message_id, "Pin").trigger()
    qtbot.waitUntil(lambda: len(bar_texts(anna_view)) == 3, timeout=TIMEOUT_MS)
    refused = menu_action(anna_view, fourth.message_id, "Pin")
    assert not refused.isEnabled() and "At most 3" in refused.toolTip()
    menu_action(anna_view, third.message_id, "Unpin").trigger()
    qtbot.waitUntil(lambda: bar_texts(anna_view) == both, timeout=TIMEOUT_MS)
    assert menu_action(anna_view, fourth.message_id, "Pin").isEnabled()

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


def unread_count(qtbot: QtBot, session: Any, cid: str) -> int:
    conversations = session.ctx.client.container.conversations
    return int(call(qtbot, session, conversations.unread, cid))


def test_a_chat_opens_at_the_first_unread_message_with_a_divider_and_jump_buttons(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    client = anna.ctx.client
    done: list[object] = []

    async def send_all(texts: list[str]) -> None:
        for text in texts:
            await client.send_text(cid, text)

    anna.ctx.bridge.submit(lambda: send_all(["alt 1", "alt 2"]), done=done.append)
    qtbot.waitUntil(lambda: unread_count(qtbot, jonas, cid) == 2, timeout=TIMEOUT_MS)
    conversations = jonas.ctx.client.container.conversations
    call(qtbot, jonas, conversations.mark_read, cid)  # read before: not counted
    unread = [f"Neu {i}" for i in range(150)]  # more than two pages: loaded on opening
    anna.ctx.bridge.submit(lambda: send_all(unread), done=done.append)
    qtbot.waitUntil(lambda: unread_count(qtbot, jonas, cid) == 150, timeout=60_000)

    view = chat_view(jonas)
    view.show_conversation(cid, "Dr. Anna Weber")
    first = wait_row(qtbot, view, lambda r: r.message.body == "Neu 0")
    index = view.model.index_of(first.message_id)
    assert index.data(roles.DAY).endswith("150 unread messages")
    qtbot.waitUntil(lambda: view.list.currentIndex() == index, timeout=TIMEOUT_MS)
    assert view.unread.first_in_sight() and not view.list.at_bottom()
    before = view.model.index_of(
        wait_row(qtbot, view, lambda r: r.message.body == "alt 2").message_id
    )
    assert "unread" not in (before.data(roles.DAY) or "")
    qtbot.waitUntil(lambda: unread_count(qtbot, jonas, cid) == 0, timeout=TIMEOUT_MS)

    # Away from the newest: "↓" leads there; then "Jump to the first unread message" leads back.
    unread_jump = view.unread
    qtbot.waitUntil(unread_jump.newest_button.isVisible, timeout=TIMEOUT_MS)
    assert not unread_jump.first_button.isVisible()
    qtbot.mouseClick(unread_jump.newest_button, Qt.MouseButton.LeftButton)
    assert view.list.at_bottom() and not unread_jump.newest_button.isVisible()
    assert unread_jump.first_button.isVisible()
    assert unread_jump.first_button.text() == "Jump to the first unread message"
    qtbot.mouseClick(unread_jump.first_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(unread_jump.first_in_sight, timeout=TIMEOUT_MS)
    assert not unread_jump.first_button.isVisible()

    # Read now: opened again, the chat starts at the bottom without a divider.
    view.clear()
    view.show_conversation(cid, "Dr. Anna Weber")
    last = wait_row(qtbot, view, lambda r: r.message.body == "Neu 149")
    qtbot.waitUntil(view.list.at_bottom, timeout=TIMEOUT_MS)
    assert "unread" not in (view.model.index_of(last.message_id).data(roles.DAY) or "")
    assert view.unread.first is None and not view.unread.first_button.isVisible()


def test_the_unread_divider_goes_once_i_reply_in_the_conversation(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """Seen on a ward: "1 unread message" stayed above a message after the reply to it
    (WhatsApp drops it then: what is above my own answer is read)."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(cid, "Zimmer 12 bitte ansehen"))
    qtbot.waitUntil(lambda: unread_count(qtbot, jonas, cid) == 1, timeout=TIMEOUT_MS)

    view = chat_view(jonas)
    view.show()
    view.show_conversation(cid, "Dr. Anna Weber")
    asked = wait_row(qtbot, view, lambda r: r.message.body == "Zimmer 12 bitte ansehen")

    def day_text() -> str:
        return str(view.model.index_of(asked.message_id).data(roles.DAY) or "")

    qtbot.waitUntil(lambda: day_text().endswith("1 unread message"), timeout=TIMEOUT_MS)

    # Jonas types his answer and presses Enter: the divider is gone, as is its button.
    view.composer.editor.setFocus()
    qtbot.keyClicks(view.composer.editor, "Schaue ich mir an")
    qtbot.keyClick(view.composer.editor, Qt.Key.Key_Return)
    wait_row(qtbot, view, lambda r: r.message.body == "Schaue ich mir an" and r.mine)
    qtbot.waitUntil(lambda: "unread" not in day_text(), timeout=TIMEOUT_MS)
    assert view.unread.first is None and not view.unread.first_button.isVisible()

    # A message of Anna's that comes in afterwards brings no divider back.
    anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(cid, "Danke"))
    wait_row(qtbot, view, lambda r: r.message.body == "Danke")
    assert "unread" not in day_text()


def menu_texts(view: Any) -> list[str]:
    return [a.text() for a in view.escalation.menu.actions() if a.text()]


def test_escalate_to_picks_the_target_for_one_urgent_message(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    _anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    composer, choice = anna_view.composer, anna_view.escalation

    # The functional accounts of the directory, after "As in Settings" (chosen).
    choice.load()
    qtbot.waitUntil(lambda: "Dienstarzt Kardiologie" in menu_texts(anna_view), timeout=TIMEOUT_MS)
    assert menu_texts(anna_view)[:2] == ["Escalate to…", "As in Settings"]
    assert menu_texts(anna_view)[-1] == "A person…"
    (duty,) = [a for a in choice.menu.actions() if a.text() == "Dienstarzt Kardiologie"]
    duty.trigger()
    assert composer.urgent_button.isChecked()
    assert composer.urgent_button.text() == "Urgent → Dienstarzt Kardiologie"
    # Switching Urgent off forgets it; a person from the directory picker instead.
    composer.urgent_button.setChecked(False)
    assert composer.escalate_to is None and composer.urgent_button.text() == "Urgent"
    choice.pick_person()
    picker = choice.picker
    assert picker is not None
    qtbot.keyClicks(picker.search.field, "Lena")
    qtbot.waitUntil(picker.choose_button.isEnabled, timeout=TIMEOUT_MS)
    qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
    assert composer.urgent_button.text() == "Urgent → Dr. Lena Schmidt"

    sent = send(qtbot, anna_view, "Zi. 4 Kalium 6,8")
    assert sent.message.urgent and sent.message.escalate_to == "schmidt.lena"
    got = wait_row(qtbot, jonas_view, lambda r: r.message_id == sent.message_id)
    assert got.message.escalate_to == "schmidt.lena"  # travelled with the message
    assert composer.escalate_to is None and not composer.urgent_button.isChecked()
    plain = send(qtbot, anna_view, "danke")
    assert plain.message.escalate_to is None


def test_escalate_to_speaks_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    with german(tmp_path):
        view = chat_view(anna)
        view.show_conversation(cid, "Jonas Müller")
        view.escalation.choose("dienstarzt.kardio", "Dienstarzt Kardiologie")
        assert view.composer.urgent_button.text() == "Dringend → Dienstarzt Kardiologie"
        assert menu_texts(view)[:2] == ["Eskalieren an …", "Wie in den Einstellungen"]
        assert menu_texts(view)[-1] == "Eine Person …"
