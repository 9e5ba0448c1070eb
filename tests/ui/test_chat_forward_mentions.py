"""Forward, @mentions, mute and disappearing messages in the GUI, between two PCs through
a real relay: chosen in the menus and the composer, checked in what the other PC shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import MessageId
from desktop_app.services.live_views import ConversationRow, MessageRow
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.menu import message_menu
from desktop_app.ui.shell.conversation_list import ConversationList
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, start_direct, wait_row

__all__ = ["chat_view"]  # the fixture


def find(menu: QMenu, text: str) -> Any:
    for action in menu.actions():
        if action.text() == text:
            return action
        sub = action.menu()
        for inner in sub.actions() if isinstance(sub, QMenu) else ():
            if inner.text() == text:
                return inner
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def message_action(view: ChatView, mid: MessageId, text: str) -> Any:
    return find(message_menu(view, view.model.index_of(mid), None), text)


def submit(qtbot: QtBot, session: Any, make: Callable[[], Any]) -> Any:
    """Run the coroutine ``make()`` on the session's loop and wait for its result."""
    result: list[Any] = []
    errors: list[str] = []
    session.ctx.bridge.submit(make, done=result.append, error=errors.append)
    qtbot.waitUntil(lambda: bool(result or errors), timeout=TIMEOUT_MS)
    assert not errors, errors
    return result[0]


def listed(qtbot: QtBot, session: Any, conversation_id: str) -> tuple[ConversationList, Any]:
    conversations = ConversationList(session.ctx)
    qtbot.addWidget(conversations)
    conversations.reload()
    qtbot.waitUntil(lambda: row_of(conversations, conversation_id) is not None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    return conversations, session


def row_of(conversations: ConversationList, conversation_id: str) -> ConversationRow | None:
    return next(
        (r for r in conversations.model.rows() if r.conversation_id == conversation_id), None
    )


def conversation_menu(qtbot: QtBot, conversations: ConversationList, cid: str) -> QMenu:
    row = row_of(conversations, cid)
    assert row is not None
    session = SimpleNamespace(ctx=conversations.ctx)
    state = call(qtbot, session, conversations.ctx.client.disappearing, cid)
    return conversations.conversation_menu(row, state)


def mention(qtbot: QtBot, view: ChatView, typed: str, text: str) -> MessageRow:
    """Type "@" + ``typed``, take the first suggestion with the keyboard, add ``text``."""
    editor = view.composer.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "@" + typed)
    popup = view.composer.mentions.completer.popup()
    qtbot.waitUntil(lambda: popup is not None and popup.isVisible(), timeout=TIMEOUT_MS)
    assert popup is not None
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()
    qtbot.keyClicks(editor, text)
    body = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    return wait_row(qtbot, view, lambda r: r.mine and r.message.body == body)


def test_forward_mention_mute_and_disappearing_between_two_pcs(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    direct = start_direct(qtbot, anna, "mueller.jonas")
    group = submit(
        qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas"])
    )
    anna_view, jonas_group, jonas_direct = chat_view(anna), chat_view(jonas), chat_view(jonas)
    anna_view.show_conversation(group, "Station 3B")

    # Jonas mutes the group in his conversation list: a 🔕 and the screen-reader word.
    jonas_list, _ = listed(qtbot, jonas, group)
    find(conversation_menu(qtbot, jonas_list, group), "Mute").trigger()
    qtbot.waitUntil(lambda: getattr(row_of(jonas_list, group), "muted", False),
                    timeout=TIMEOUT_MS)  # fmt: skip
    index = jonas_list.model.index(jonas_list.model.row_of(group), 0)
    assert ", muted:" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert find(conversation_menu(qtbot, jonas_list, group), "Unmute")
    jonas_group.show_conversation(group, "Station 3B")
    jonas_direct.show_conversation(direct, "Dr. Anna Weber")

    # Anna @mentions Jonas from the autocomplete: it notifies him although muted.
    qtbot.waitUntil(lambda: bool(anna_view.composer.mentions.candidates), timeout=TIMEOUT_MS)
    named = mention(qtbot, anna_view, "Jo", "Troponin bei Zimmer 12?")
    assert named.message.body == "@Jonas Müller Troponin bei Zimmer 12?"
    assert named.message.mentions == ("mueller.jonas",)
    seen = wait_row(qtbot, jonas_group, lambda r: r.message_id == named.message_id)
    assert seen.mentions_me and seen.notify
    assert "mentions you" in jonas_group.model.index_of(named.message_id).data(
        Qt.ItemDataRole.AccessibleTextRole
    )
    anna_view.composer.editor.setPlainText("Kaffee?")
    anna_view.composer.submit()
    plain = wait_row(qtbot, anna_view, lambda r: r.message.body == "Kaffee?")
    quiet = wait_row(qtbot, jonas_group, lambda r: r.message_id == plain.message_id)
    assert not quiet.mentions_me and not quiet.notify  # muted: no pop-up

    # Jonas mentions the role Anna holds (the doctor on duty): highlighted for her.
    qtbot.waitUntil(lambda: bool(jonas_group.composer.mentions.candidates), timeout=TIMEOUT_MS)
    to_role = mention(qtbot, jonas_group, "Dienst", "bitte kommen")
    assert to_role.message.body == "@Dienstarzt Kardiologie bitte kommen"
    at_anna = wait_row(qtbot, anna_view, lambda r: r.message_id == to_role.message_id)
    assert at_anna.mentions_me and at_anna.message.mentions == ("dienstarzt.kardio",)

    # Forward: Anna copies "Kaffee?" into her 1:1 chat with Jonas; he sees "forwarded".
    message_action(anna_view, plain.message_id, "Forward …").trigger()
    qtbot.waitUntil(lambda: anna_view.message_actions.forward_dialog is not None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    dialog = anna_view.message_actions.forward_dialog
    assert dialog is not None and dialog.list.count() == 2
    dialog.select(direct)
    dialog.accept()
    copy = wait_row(qtbot, jonas_direct, lambda r: r.message.body == "Kaffee?")
    assert copy.message.forwarded and copy.message.conversation_id == direct
    assert "forwarded" in jonas_direct.model.index_of(copy.message_id).data(
        Qt.ItemDataRole.AccessibleTextRole
    )
    # IT switches forwarding off: the menu says so, and the services refuse it too.
    client = anna.ctx.client
    client.rules = replace(client.rules, forward_allowed=False)
    blocked = message_action(anna_view, plain.message_id, "Forward … (switched off by policy)")
    assert not blocked.isEnabled()
    assert "switched off by your IT department" in blocked.toolTip()
    errors: list[str] = []
    anna.ctx.bridge.submit(lambda: client.forward(plain.message_id, direct), error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT_MS)
    assert "switched off" in errors[0]

    # Disappearing messages: only Anna (the group's admin) may choose; both headers say it.
    find(conversation_menu(qtbot, jonas_list, group), "8 hours")  # listed …
    assert not find(conversation_menu(qtbot, jonas_list, group), "8 hours").isEnabled()
    anna_list, _ = listed(qtbot, anna, group)
    find(conversation_menu(qtbot, anna_list, group), "8 hours").trigger()
    note = "Messages disappear 8 hours after reading"
    qtbot.waitUntil(lambda: note in jonas_group.subtitle_label.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: note in anna_view.subtitle_label.text(), timeout=TIMEOUT_MS)
    assert find(conversation_menu(qtbot, jonas_list, group), "8 hours").isChecked()
    find(conversation_menu(qtbot, anna_list, group), "Off").trigger()
    qtbot.waitUntil(lambda: "disappear" not in jonas_group.subtitle_label.text(),
                    timeout=TIMEOUT_MS)  # fmt: skip
