"""Exporting a conversation from the conversation list, as the GUI tests of the export do:
the save dialog answers with a path, and what the person is told is collected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services.live_views import ConversationRow
from desktop_app.ui.shell.conversation_list import ConversationList
from tests.ui.chat_support import TIMEOUT_MS


def export_the_only_conversation(
    qtbot: QtBot, person: Any, monkeypatch: pytest.MonkeyPatch, target: Path
) -> tuple[ConversationList, ConversationRow, list[str]]:
    """Export ``person``'s one conversation to ``target`` from a new conversation list
    and wait until they are told the outcome; the list, its row and what they were told
    (later messages are added to it) for exporting again."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: told.append(text))
    conversations = ConversationList(person.ctx)
    qtbot.addWidget(conversations)
    conversations.reload()
    qtbot.waitUntil(lambda: bool(conversations.model.rows()), timeout=TIMEOUT_MS)
    (listed,) = conversations.model.rows()
    conversations.export(listed)
    qtbot.waitUntil(lambda: bool(told), timeout=TIMEOUT_MS)
    return conversations, listed, told
