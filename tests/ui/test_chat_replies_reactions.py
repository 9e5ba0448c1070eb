"""Replies, reactions, edits and delete-for-everyone in the chat, between two PCs through
a real relay: clicked in the menu and on the bubble, checked in what each side shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import MessageId
from desktop_app.domain.model import MessageKind
from desktop_app.services.live_views import MessageRow
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat import model as roles
from desktop_app.ui.chat.menu import message_menu
from desktop_app.ui.chat.system_text import render
from tests.ui.chat_support import (
    TIMEOUT_MS,
    anna_and_jonas_chatting,
    call,
    chat_view,
    german,
    start_direct,
    wait_row,
)

__all__ = ["chat_view"]  # the fixture


def menu_action(view: ChatView, mid: MessageId, text: str) -> Any:
    menu = message_menu(view, view.model.index_of(mid), None)
    for action in menu.actions():
        if action.text() == text:
            return action
        sub = action.menu()
        for inner in sub.actions() if sub is not None else ():
            if inner.text() == text:
                return inner
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def has_action(view: ChatView, mid: MessageId, text: str) -> bool:
    try:
        menu_action(view, mid, text)
    except AssertionError:
        return False
    return True


def part_centre(view: ChatView, mid: MessageId, part: str, emoji: str = "") -> QPoint:
    """Where the quote (part="quote") or a reaction chip sits on screen, in the viewport."""
    index = view.model.index_of(mid)
    view.list.scrollTo(index)
    rect = view.list.visualRect(index)
    layout = view.delegate.layout_for(index, rect.width())
    if part == "quote":
        assert layout.quote.isValid()
        return layout.quote.center() + rect.topLeft()
    (chip_rect,) = [r for r, c in layout.chips if c.emoji == emoji]
    return chip_rect.center() + rect.topLeft()


def send(qtbot: QtBot, view: ChatView, text: str) -> MessageRow:
    view.composer.editor.setPlainText(text)
    view.composer.submit()
    return wait_row(qtbot, view, lambda r: r.message.body == text and r.mine)


def chips(row: MessageRow) -> dict[str, tuple[tuple[str, ...], bool]]:
    return {c.emoji: (c.names, c.mine) for c in row.reactions}


def test_reply_react_edit_and_delete_for_everyone_between_two_pcs(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, monkeypatch: Any
) -> None:
    anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )

    question = send(qtbot, jonas_view, "Troponin bei Zimmer 12?")
    qid = question.message_id
    wait_row(qtbot, anna_view, lambda r: r.message_id == qid)

    # Reply: from the menu; the composer shows whom and what, ✕ cancels, Reply again.
    menu_action(anna_view, qid, "Reply").trigger()
    bar = anna_view.composer.reply_bar
    assert bar.isVisible() and bar.title.text() == "Reply to Jonas Müller"
    assert bar.snippet.text() == "Troponin bei Zimmer 12?"
    qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible() and anna_view.composer.replying_to is None
    menu_action(anna_view, qid, "Reply").trigger()
    reply = send(qtbot, anna_view, "0,8 ng/ml, steigend")
    assert not bar.isVisible()
    assert reply.quote is not None and reply.quote.message_id == qid
    seen = wait_row(qtbot, jonas_view, lambda r: r.message_id == reply.message_id)
    assert seen.quote is not None
    assert (seen.quote.sender_name, seen.quote.snippet) == ("Jonas Müller",
                                                            "Troponin bei Zimmer 12?")  # fmt: skip
    assert jonas_view.delegate.layout_for(
        jonas_view.model.index_of(reply.message_id), jonas_view.list.viewport().width()
    ).quote.isValid()

    # Clicking the quote selects the original.
    jonas_view.list.setCurrentIndex(jonas_view.model.index_of(reply.message_id))
    qtbot.mouseClick(jonas_view.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=part_centre(jonas_view, reply.message_id, "quote"))  # fmt: skip
    assert jonas_view.list.currentIndex().data(roles.MESSAGE_ID) == qid

    # Reactions: Jonas 👍, Anna ❤️ then ✅ (changes), both see names, not uids.
    menu_action(jonas_view, reply.message_id, "👍").trigger()
    menu_action(anna_view, reply.message_id, "❤️").trigger()
    wait_row(qtbot, anna_view, lambda r: r.message_id == reply.message_id and len(r.reactions) == 2)
    menu_action(anna_view, reply.message_id, "✅").trigger()
    row = wait_row(qtbot, jonas_view, lambda r: r.message_id == reply.message_id
                   and chips(r) == {"👍": (("Jonas Müller",), True),
                                    "✅": (("Dr. Anna Weber",), False)})  # fmt: skip
    assert menu_action(jonas_view, reply.message_id, "👍").isChecked()
    # The tooltip of a chip names who reacted.
    where = part_centre(jonas_view, reply.message_id, "chip", "✅")
    viewport = jonas_view.list.viewport()
    QToolTip.hideText()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, where, viewport.mapToGlobal(where))
    )
    qtbot.waitUntil(lambda: QToolTip.text() == "Dr. Anna Weber", timeout=TIMEOUT_MS)
    # Clicking my own chip removes my reaction, on both PCs.
    qtbot.mouseClick(jonas_view.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=part_centre(jonas_view, reply.message_id, "chip", "👍"))  # fmt: skip
    wait_row(qtbot, anna_view, lambda r: r.message_id == reply.message_id
             and chips(r) == {"✅": (("Dr. Anna Weber",), True)})  # fmt: skip
    assert row.reactions  # (the earlier snapshot is unchanged: rows are values)

    # Edit: only my own message; Esc cancels and gives back what was typed.
    assert not has_action(anna_view, qid, "Edit")
    anna_view.composer.editor.setPlainText("halb getippt")
    menu_action(anna_view, reply.message_id, "Edit").trigger()
    assert anna_view.composer.editor.toPlainText() == "0,8 ng/ml, steigend"
    assert anna_view.composer.reply_bar.title.text() == "Edit message"
    qtbot.keyClick(anna_view.composer.editor, Qt.Key.Key_Escape)
    assert anna_view.composer.editor.toPlainText() == "halb getippt"
    assert anna_view.composer.editing is None
    anna_view.composer.editor.clear()
    for text in ("0,9 ng/ml, steigend", "0,9 ng/ml, steigend, Kardiologie informiert"):
        menu_action(anna_view, reply.message_id, "Edit").trigger()
        anna_view.composer.editor.setPlainText(text)
        qtbot.keyClick(anna_view.composer.editor, Qt.Key.Key_Return)
    edited = wait_row(qtbot, jonas_view, lambda r: r.message_id == reply.message_id
                      and r.message.body.endswith("informiert"))  # fmt: skip
    assert edited.message.edited_at is not None
    assert jonas_view.delegate.labels(edited).edited == "edited"
    assert len(chips(edited)) == 1  # the reactions stay with the edited message
    spoken = jonas_view.model.index_of(reply.message_id).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "reply to Jonas Müller" in spoken and "edited" in spoken
    assert "reactions: ✅ 1" in spoken  # a screen reader hears it too
    menu_action(jonas_view, reply.message_id, "Show edit history").trigger()
    qtbot.waitUntil(lambda: jonas_view.message_actions.history is not None, timeout=TIMEOUT_MS)
    history = jonas_view.message_actions.history
    assert history is not None
    shown = [history.list.item(i).text() for i in range(history.list.count())]
    assert [s.split("\n")[1] for s in shown] == [
        "0,8 ng/ml, steigend", "0,9 ng/ml, steigend", "0,9 ng/ml, steigend, Kardiologie informiert"
    ]  # fmt: skip
    assert shown[0].startswith("Original · ") and shown[-1].startswith("Current · ")
    history.reject()

    # Delete for everyone: Jonas deletes his question after confirming; Anna's reply
    # then quotes a "deleted message" and the question is a tombstone on both PCs.
    asked: list[str] = []

    def confirm(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    assert not has_action(anna_view, qid, "Delete for everyone …")
    menu_action(jonas_view, qid, "Delete for everyone …").trigger()
    assert "every PC" in asked[0]
    gone = wait_row(qtbot, anna_view, lambda r: r.message_id == qid and r.message.deleted_at
                    is not None)  # fmt: skip
    assert gone.message.kind is MessageKind.SYSTEM
    assert render(gone.message.body).startswith("Message deleted by Jonas Müller at ")
    quoting = wait_row(qtbot, anna_view, lambda r: r.message_id == reply.message_id)
    assert quoting.quote is not None and quoting.quote.deleted
    stored = call(qtbot, anna, anna.ctx.client.container.messages.get, qid)
    assert "Troponin" not in stored.body
    # Reopened, the reply still says its original is gone (read from the container).
    anna_view.model.reload()
    again = wait_row(qtbot, anna_view, lambda r: r.message_id == reply.message_id)
    assert again.quote is not None and again.quote.deleted
    assert not has_action(anna_view, qid, "Reply")  # a tombstone takes no reply


def test_clicking_a_quote_loads_older_pages_until_the_original_is_shown(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    client = anna.ctx.client
    done: list[object] = []

    async def history() -> MessageRow:
        first = await client.send_text(cid, "Übergabe Zimmer 3: Marcumar pausiert")
        for i in range(150):  # more than two pages after the original
            await client.send_text(cid, f"Notiz {i}")
        await client.send_text(cid, "Seit wann?", reply_to=first.message_id)
        return first

    anna.ctx.bridge.submit(history, done=done.append, error=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    (first,) = done
    assert isinstance(first, MessageRow)
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    reply = wait_row(qtbot, view, lambda r: r.message.body == "Seit wann?")
    assert not view.model.index_of(first.message_id).isValid()  # not loaded yet
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=part_centre(view, reply.message_id, "quote"))  # fmt: skip
    qtbot.waitUntil(
        lambda: (
            view.list.currentIndex().isValid()
            and view.model.row_at(view.list.currentIndex().row()).message_id == first.message_id
        ),
        timeout=TIMEOUT_MS,
    )
    rect = view.list.visualRect(view.list.currentIndex())
    assert view.list.viewport().rect().intersects(rect)  # scrolled into sight


def test_replies_reactions_and_edits_speak_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    with german(tmp_path):
        view = chat_view(anna)
        view.show_conversation(cid, "Jonas Müller")
        row = send(qtbot, view, "Visite 14 Uhr")
        mid = row.message_id
        for text in ("Antworten", "Reagieren", "Bearbeiten", "Für alle löschen …"):
            assert has_action(view, mid, text), text
        menu_action(view, mid, "Antworten").trigger()
        assert view.composer.reply_bar.title.text() == "Antwort an Dr. Anna Weber"
        view.composer.cancel_context()
        menu_action(view, mid, "Bearbeiten").trigger()
        assert view.composer.reply_bar.title.text() == "Nachricht bearbeiten"
        view.composer.editor.setPlainText("Visite 15 Uhr")
        view.composer.submit()
        edited = wait_row(qtbot, view, lambda r: r.message.body == "Visite 15 Uhr")
        labels = view.delegate.labels(edited)
        assert (labels.edited, labels.deleted_quote) == ("bearbeitet", "gelöschte Nachricht")
        assert has_action(view, mid, "Bearbeitungsverlauf anzeigen")


def test_a_lock_while_editing_keeps_the_typed_draft_not_the_edited_text(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    row = send(qtbot, view, "Visite 14 Uhr")
    view.composer.editor.setPlainText("Frage an")
    qtbot.keyClick(view.list, Qt.Key.Key_End)
    view.list.setCurrentIndex(view.model.index_of(row.message_id))
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # Reply
    assert view.composer.replying_to == row.message_id
    menu_action(view, row.message_id, "Edit").trigger()
    assert view.composer.replying_to is None  # one at a time: the edit replaces the reply
    view.composer.editor.setPlainText("Visite 15 Uhr")
    view.clear()  # the lock, mid-edit
    stored = call(qtbot, anna, anna.ctx.client.draft, cid)
    assert stored == "Frage an"
    assert call(qtbot, anna, anna.ctx.client.container.messages.get,
                row.message_id).body == "Visite 14 Uhr"  # fmt: skip


def test_group_reactions_count_everyone_and_a_quote_follows_edits_of_its_original(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    lena = live_session(gui_ward, "schmidt.lena")
    made: list[Any] = []
    anna.ctx.bridge.submit(
        lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas", "schmidt.lena"]),
        done=made.append,
        error=made.append,
    )
    qtbot.waitUntil(lambda: bool(made), timeout=TIMEOUT_MS)
    cid = made[0]
    views = {name: chat_view(s) for name, s in (("anna", anna), ("jonas", jonas), ("lena", lena))}
    for view in views.values():
        view.show_conversation(cid, "Station 3B")
    plan = send(qtbot, views["anna"], "Visite 14 Uhr")
    for name in ("jonas", "lena"):
        wait_row(qtbot, views[name], lambda r: r.message_id == plan.message_id)
    menu_action(views["lena"], plan.message_id, "Reply").trigger()
    answer = send(qtbot, views["lena"], "Ich komme dazu")
    for name in ("jonas", "lena"):
        menu_action(views[name], plan.message_id, "🙏").trigger()
    menu_action(views["anna"], plan.message_id, "❗").trigger()
    shown = wait_row(qtbot, views["jonas"], lambda r: r.message_id == plan.message_id
                     and chips(r) == {"🙏": (("Jonas Müller", "Dr. Lena Schmidt"), True),
                                      "❗": (("Dr. Anna Weber",), False)})  # fmt: skip
    index = views["jonas"].model.index_of(shown.message_id)
    layout = views["jonas"].delegate.layout_for(index, views["jonas"].list.viewport().width())
    assert sorted((c.emoji, len(c.names)) for _, c in layout.chips) == [("❗", 1), ("🙏", 2)]
    # Anna edits the plan: Jonas's view of Lena's reply quotes the new text at once.
    wait_row(qtbot, views["jonas"], lambda r: r.message_id == answer.message_id)
    menu_action(views["anna"], plan.message_id, "Edit").trigger()
    views["anna"].composer.editor.setPlainText("Visite 15 Uhr")
    views["anna"].composer.submit()
    quoting = wait_row(qtbot, views["jonas"], lambda r: r.message_id == answer.message_id
                       and r.quote is not None and r.quote.snippet == "Visite 15 Uhr")  # fmt: skip
    assert quoting.quote is not None and quoting.quote.sender_name == "Dr. Anna Weber"
    # Only the sender edits: Jonas's menu has no Edit for Anna's message.
    assert not has_action(views["jonas"], plan.message_id, "Edit")


def test_an_urgent_message_of_mine_offers_no_edit(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """Its acknowledgements answer its text (services/message_events.py): no Edit."""
    view = anna_and_jonas_chatting(qtbot, gui_ward, live_session, chat_view).anna_view
    qtbot.mouseClick(view.composer.urgent_button, Qt.MouseButton.LeftButton)
    assert view.composer.urgent_button.isChecked()
    urgent = send(qtbot, view, "Zi. 12: 40 mmol KCl über 4 h")
    assert urgent.message.urgent
    assert has_action(view, urgent.message_id, "Reply")
    assert not has_action(view, urgent.message_id, "Edit")
