"""Find in the conversation (Ctrl+F): count, next/previous jumps that load older pages,
the highlight in the bubble, Esc; messages sent through a real relay."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.find_bar import HIGHLIGHT, match_spans
from tests.ui.chat_support import TIMEOUT_MS, chat_view, start_direct, wait_row

__all__ = ["chat_view"]  # the fixture


def current_body(view: ChatView) -> str:
    index = view.list.currentIndex()
    return view.model.row_at(index.row()).message.body if index.isValid() else ""


def highlighted(view: ChatView) -> bool:
    """Some pixel of the current bubble has the find bar's marker colour."""
    rect: QRect = view.list.visualRect(view.list.currentIndex())
    image = view.list.viewport().grab(rect).toImage()
    marker = HIGHLIGHT.rgb()
    return any(
        QColor(image.pixel(x, y)).rgb() == marker
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
    )


def test_find_counts_jumps_both_ways_highlights_and_closes_with_esc(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    client = anna.ctx.client
    done: list[object] = []

    async def history() -> bool:
        await client.send_text(cid, "Troponin 0,8 erhöht, Kardiologie informiert")
        for i in range(130):  # the oldest match is more than two pages back
            await client.send_text(cid, f"Notiz {i}")
        await client.send_text(cid, "Kontrolle Troponin um 20 Uhr")
        await client.send_text(cid, "Kalium normal")
        await client.send_text(cid, "Trop. negativ? Nein: TROPONIN steigt")
        return True

    anna.ctx.bridge.submit(history, done=done.append, error=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=90_000)
    assert done == [True]
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    wait_row(qtbot, view, lambda r: r.message.body.startswith("Trop. negativ"))
    bar = view.find_bar
    assert not bar.isVisible()

    qtbot.keyClick(view.composer.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "tropon")
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3", timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: current_body(view).endswith("TROPONIN steigt"), timeout=TIMEOUT_MS)
    assert view.delegate.find_terms == ("tropon",)
    view.list.viewport().repaint()
    assert highlighted(view)

    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # Enter: the next match up
    qtbot.waitUntil(
        lambda: current_body(view) == "Kontrolle Troponin um 20 Uhr", timeout=TIMEOUT_MS
    )
    assert bar.count.text() == "2 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # older pages load on the way
    qtbot.waitUntil(lambda: current_body(view).startswith("Troponin 0,8"), timeout=TIMEOUT_MS)
    assert bar.count.text() == "3 of 3"
    rect = view.list.visualRect(view.list.currentIndex())
    assert view.list.viewport().rect().intersects(rect)  # scrolled into sight
    view.list.viewport().repaint()
    assert highlighted(view)

    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: current_body(view) == "Kontrolle Troponin um 20 Uhr", timeout=TIMEOUT_MS
    )
    assert bar.count.text() == "2 of 3"
    qtbot.mouseClick(bar.newer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current_body(view).endswith("TROPONIN steigt"), timeout=TIMEOUT_MS)
    qtbot.mouseClick(bar.newer_button, Qt.MouseButton.LeftButton)  # round to the oldest
    qtbot.waitUntil(lambda: bar.count.text() == "3 of 3", timeout=TIMEOUT_MS)
    qtbot.mouseClick(bar.older_button, Qt.MouseButton.LeftButton)  # and back to the newest
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 3", timeout=TIMEOUT_MS)

    bar.field.clear()
    qtbot.keyClicks(bar.field, "Blutzucker")
    qtbot.waitUntil(lambda: bar.count.text() == "No matches", timeout=TIMEOUT_MS)
    assert view.delegate.find_terms == ("blutzucker",)

    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.delegate.find_terms == ()
    assert view.composer.editor.hasFocus()
    view.list.viewport().repaint()
    assert not highlighted(view)


def test_marks_whole_words_that_start_with_a_typed_word_like_the_index() -> None:
    text = "Übergabe: Troponin (tropo) und Kalium, nicht Atropin"
    assert [text[s : s + n] for s, n in match_spans(text, ("ubergab", "tropo"))] == [
        "Übergabe",
        "Troponin",
        "tropo",
    ]
    assert match_spans(text, ()) == []


def test_another_conversation_closes_the_find_bar(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    gui_ward.enroll("schmidt.lena")
    first = start_direct(qtbot, anna, "mueller.jonas")
    second = start_direct(qtbot, anna, "schmidt.lena")
    view = chat_view(anna)
    view.show_conversation(first, "Jonas Müller")
    qtbot.waitUntil(view.composer.editor.hasFocus, timeout=TIMEOUT_MS)
    qtbot.keyClick(view.composer.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.find_bar.field, "Visite")
    assert view.find_bar.isVisible()
    view.show_conversation(second, "Lena Schmidt")
    assert not view.find_bar.isVisible() and view.find_bar.field.text() == ""
    qtbot.keyClick(view.composer.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.find_bar.isVisible() and view.find_bar.count.text() == ""
