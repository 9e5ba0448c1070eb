"""A member removed from a group sees why she can no longer write there, in German: the
line "… hat Sie aus der Gruppe entfernt." and a composer that is disabled and says so,
while her chat is open. Before, she could type on, and her messages showed as sent
while nobody got them. Three PCs through a real relay."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain import system_lines
from desktop_app.domain.model import Message, MessageKind
from tests.ui.chat_support import TIMEOUT_MS, chat_view, german, wait_row
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture


def test_a_removed_member_cannot_write_into_the_group_and_is_told_why(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "mueller.jonas")
    lena = live_session(gui_ward, "schmidt.lena")
    group = submit(
        qtbot,
        anna,
        lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas", "schmidt.lena"]),
    )
    with german(tmp_path):
        view = chat_view(lena)
        view.show_conversation(group, "Station 3B")
        qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=TIMEOUT_MS)
        editor = view.composer.editor
        assert editor.isEnabled() and view.composer.send_button.isEnabled()

        submit(qtbot, anna, lambda: anna.ctx.client.remove_member(group, "schmidt.lena"))
        line = wait_row(qtbot, view, lambda r: _kind(r.message) == "removed_you")
        shown = view.model.index_of(line.message_id).data(Qt.ItemDataRole.DisplayRole)
        assert shown == "Dr. Anna Weber hat Sie aus der Gruppe entfernt."
        qtbot.waitUntil(editor.isReadOnly, timeout=TIMEOUT_MS)  # a draft stays readable
        assert not view.composer.send_button.isEnabled()
        assert not view.composer.attach_button.isEnabled()
        assert editor.placeholderText() == "Sie sind nicht mehr Mitglied dieser Gruppe."


def _kind(message: Message) -> str:
    decoded = system_lines.decode(message.body) if message.kind is MessageKind.SYSTEM else None
    return decoded[0] if decoded is not None else ""
