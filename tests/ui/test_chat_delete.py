"""Deleting from the GUI: "Delete for me" on a message, "Delete conversation" in the list,
each after a confirmation; the retention note in the conversation's header."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.services.live_views import ConversationRow
from desktop_app.ui.chat.menu import message_menu
from desktop_app.ui.shell.conversation_list import ConversationList
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, rows, start_direct, wait_row

__all__ = ["chat_view"]  # the fixture


def answer(monkeypatch: Any, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_delete_for_me_and_delete_conversation_after_confirming(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, monkeypatch: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    qtbot.waitUntil(lambda: "deleted after 90 days" in view.subtitle_label.text(),
                    timeout=TIMEOUT_MS)  # fmt: skip
    for text in ("bleibt", "weg damit"):
        view.composer.editor.setPlainText(text)
        view.composer.submit()
        wait_row(qtbot, view, lambda r, t=text: r.message.body == t)  # type: ignore[misc]
    row = wait_row(qtbot, view, lambda r: r.message.body == "weg damit")
    mid = MessageId(row.message.message_id)

    def delete_action() -> Any:
        menu = message_menu(view, view.model.index_of(mid), None)
        return next(a for a in menu.actions() if a.text() == "Delete for me …")

    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    delete_action().trigger()
    assert asked and "cannot be restored" in asked[0]
    assert call(qtbot, anna, anna.ctx.client.container.messages.get, mid) is not None

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    delete_action().trigger()
    qtbot.waitUntil(lambda: [r.message.body for r in rows(view)] == ["bleibt"], timeout=TIMEOUT_MS)
    assert call(qtbot, anna, anna.ctx.client.container.messages.get, mid) is None

    conversations = ConversationList(anna.ctx)
    qtbot.addWidget(conversations)
    conversations.reload()
    qtbot.waitUntil(lambda: bool(conversations.model.rows()), timeout=TIMEOUT_MS)
    (listed,) = conversations.model.rows()
    assert isinstance(listed, ConversationRow) and listed.conversation_id == cid
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(conversations.deleted, timeout=TIMEOUT_MS) as deleted:
        conversations.delete(listed)
    assert deleted.args == [cid] and listed.title in asked[0]
    conversation = call(qtbot, anna, anna.ctx.client.container.conversations.get,
                        ConversationId(cid))  # fmt: skip
    assert conversation is None
    qtbot.waitUntil(lambda: conversations.model.rows() == [], timeout=TIMEOUT_MS)
