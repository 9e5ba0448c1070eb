"""A jump far back (a quote, a search hit) shows a page around the target instead of
paging in everything between; scrolling down pages the newer messages in, and what
arrives meanwhile waits for its page. Messages in a real container, live relay session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.ui.chat.model import PAGE_SIZE
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, start_direct, wait_row
from tests.ui.test_chat_paging import _history

__all__ = ["chat_view"]  # the fixture

COUNT = 2_000
TARGET = 500


def numbers(view: Any) -> list[int]:
    return [
        int(r.message.body.split()[-1]) for r in view.model.rows() if r.message.body[-1].isdigit()
    ]


def selected(view: Any, message_id: MessageId) -> bool:
    index = view.model.index_of(message_id)
    return bool(index.isValid() and view.list.currentIndex() == index)


def test_jump_far_back_loads_a_page_around_it_and_newer_pages_on_scrolling_down(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    history = _history(cid, "weber.anna", COUNT, datetime.now(tz=UTC) - timedelta(minutes=1))
    call(qtbot, anna, anna.container.messages.add_many, history)
    call(qtbot, anna, anna.container.conversations.mark_read, cid)  # opens at the bottom
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    model, lst = view.model, view.list
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=TIMEOUT_MS)

    target = history[TARGET].message_id
    view.jump_to_message(target)
    qtbot.waitUntil(lambda: selected(view, target), timeout=TIMEOUT_MS)
    assert lst.viewport().rect().intersects(lst.visualRect(lst.currentIndex()))
    # One page each side of it, not the 1,500 messages between it and the newest.
    assert numbers(view) == list(range(TARGET - PAGE_SIZE, TARGET + PAGE_SIZE + 1))
    assert model.has_older() and model.has_newer()

    # A message arriving now belongs below the unloaded ones: it waits for its page.
    fresh = Message(MessageId("fresh-1"), cid,
                    Uid("mueller.jonas"), datetime.now(tz=UTC), "Neu",
                    state=MessageState.RECEIVED)  # fmt: skip
    call(qtbot, anna, anna.container.messages.add_many, [fresh])
    with qtbot.waitSignal(model.page_loaded, timeout=TIMEOUT_MS):
        model.refresh_newest()
    assert "Neu" not in [r.message.body for r in model.rows()]

    # Scrolling to the bottom pages the newer ones in, without moving what is shown.
    bar = lst.verticalScrollBar()
    bar.setValue(bar.maximum())
    shown = lst.visualRect(model.index_of(history[TARGET + PAGE_SIZE].message_id)).top()
    qtbot.waitUntil(lambda: model.rowCount() > 2 * PAGE_SIZE + 1, timeout=TIMEOUT_MS)
    assert lst.visualRect(model.index_of(history[TARGET + PAGE_SIZE].message_id)).top() == shown
    while model.has_newer():
        loaded = model.rowCount()
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda n=loaded: model.rowCount() > n or not model.has_newer(),
                        timeout=TIMEOUT_MS)  # fmt: skip
    qtbot.waitUntil(lambda: model.row_at(model.rowCount() - 1).message.body == "Neu",
                    timeout=TIMEOUT_MS)  # fmt: skip
    assert numbers(view) == list(range(TARGET - PAGE_SIZE, COUNT))

    # Sending from a window brings the chat back to the newest, where the message shows.
    model.reload()  # the newest pages only again, so the target is far outside them
    qtbot.waitUntil(lambda: model.rowCount() >= PAGE_SIZE and not model.is_loading(),
                    timeout=TIMEOUT_MS)  # fmt: skip
    assert not model.index_of(target).isValid() and not model.has_newer()
    view.jump_to_message(target)
    qtbot.waitUntil(lambda: selected(view, target) and model.has_newer(), timeout=TIMEOUT_MS)
    view.composer.editor.setPlainText("Zurück zur Gegenwart")
    qtbot.keyClick(view.composer.editor, Qt.Key.Key_Return)
    wait_row(qtbot, view, lambda r: r.mine and r.message.body == "Zurück zur Gegenwart")
    assert not model.has_newer()
    assert model.row_at(model.rowCount() - 1).message.body == "Zurück zur Gegenwart"
    assert numbers(view)[-PAGE_SIZE + 2 :] == list(range(COUNT - PAGE_SIZE + 2, COUNT))


def test_a_jump_to_a_message_not_on_this_pc_says_so(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    shown: list[str] = []
    view.show_info = shown.append  # type: ignore[method-assign]
    view.jump_to_message("purged-long-ago")
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT_MS)
    assert shown == ["The quoted message is no longer on this PC."]
    assert not view.model.has_newer()


def test_a_jump_made_while_the_first_unread_is_looked_for_is_not_undone(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """Opening a chat looks for its first unread message far back; a search hit chosen
    before that answer came must keep the person where they jumped to."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    history = _history(cid, "weber.anna", COUNT, datetime.now(tz=UTC) - timedelta(minutes=1))
    call(qtbot, anna, anna.container.messages.add_many, history)  # every received one unread
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    target = history[COUNT - 30].message_id  # near the newest, far from the first unread
    view.jump_to_message(target)
    qtbot.waitUntil(lambda: selected(view, target), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.unread.first is not None, timeout=TIMEOUT_MS)
    qtbot.wait(300)  # time for a late scroll to the first unread, which must not come
    lst = view.list
    assert selected(view, target)
    assert lst.viewport().rect().intersects(lst.visualRect(lst.currentIndex()))
    assert view.unread.first_button.isVisible()  # the way there is offered instead
