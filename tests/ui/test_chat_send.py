"""Typing and sending in the ChatView, across a real relay to a second person's view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import model as roles
from tests.ui.chat_support import chat_view, rows, start_direct, wait_row

__all__ = ["chat_view"]  # the fixture


def test_enter_sends_and_shift_enter_breaks_the_line(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    anna_view = chat_view(anna)
    jonas_view = chat_view(jonas)
    anna_view.show_conversation(cid, "Jonas Müller")
    jonas_view.show_conversation(cid, "Dr. Anna Weber")
    editor = anna_view.composer.editor
    assert editor.isEnabled()

    qtbot.keyClicks(editor, "Patient in Zimmer 4")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "bitte EKG schreiben")
    assert editor.toPlainText() == "Patient in Zimmer 4\nbitte EKG schreiben"
    assert rows(anna_view) == ()  # Shift+Enter did not send
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == ""

    text = "Patient in Zimmer 4\nbitte EKG schreiben"
    mine = wait_row(qtbot, anna_view, lambda r: r.message.body == text)
    assert mine.mine
    theirs = wait_row(qtbot, jonas_view, lambda r: r.message.body == text)
    assert not theirs.mine
    index = jonas_view.model.index_of(theirs.message_id)
    assert index.data(roles.SENDER) == "Dr. Anna Weber"
    assert index.data(roles.TEXT) == text
    assert index.data(roles.MINE) is False


def test_a_multi_line_handover_keeps_its_lines_in_the_bubble(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """Regression: QTextLayout does not break at "\\n", so both bubbles showed one line."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    anna_view = chat_view(anna, 900)
    jonas_view = chat_view(jonas, 900)
    anna_view.show_conversation(cid, "Jonas Müller")
    jonas_view.show_conversation(cid, "Dr. Anna Weber")
    editor = anna_view.composer.editor
    lines = ["Zimmer 12:", "- Troponin um 20 Uhr", "- RR alle 2 h"]
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(editor, line)
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    text = "\n".join(lines)
    for view in (anna_view, jonas_view):
        row = wait_row(qtbot, view, lambda r: r.message.body == text)
        index = view.model.index_of(row.message_id)
        rect = view.list.visualRect(index)
        layout = view.delegate.layout_for(index, rect.width())
        assert layout.text is not None
        assert layout.text.lineCount() == len(lines)
        shown = [
            layout.text.text()[layout.text.lineAt(i).textStart() :][
                : layout.text.lineAt(i).textLength()
            ].strip("\u2028\n")
            for i in range(layout.text.lineCount())
        ]
        assert shown == lines
