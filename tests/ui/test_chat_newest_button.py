"""The round "↓" (jump to the newest message) covers no bubble's time or ticks.

Scrolled up a little, the last bubble in sight sits at the bottom right of the list,
where the button was drawn over its time. The list now keeps a strip free under its
bubbles while the button shows, and the button sits in that strip. Live: relay,
container, the person's own messages (right-aligned, time and ticks at the right).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.delegate import BubbleDelegate
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, start_direct, wait_row

__all__ = ["chat_view"]  # the fixture

MESSAGES = 30  # more than the list shows at once


def on_screen(widget: QWidget, rect: QRect) -> QRect:
    return QRect(widget.mapToGlobal(rect.topLeft()), rect.size())


def times_in_sight(view: ChatView) -> list[QRect]:
    """Each bubble's time-and-ticks rectangle, clipped to what the list shows, on screen."""
    lst = view.list
    delegate = lst.itemDelegate()
    assert isinstance(delegate, BubbleDelegate)
    port = lst.viewport().rect()
    shown = []
    for row in range(view.model.rowCount()):
        index = view.model.index(row, 0)
        item = lst.visualRect(index)
        if not item.intersects(port):
            continue
        meta = delegate.layout_for(index, item.width()).meta.translated(item.topLeft())
        if meta.isValid() and meta.intersects(port):
            shown.append(on_screen(lst.viewport(), meta.intersected(port)))
    return shown


def test_the_newest_button_leaves_the_last_bubbles_time_uncovered(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")

    async def send_all() -> None:
        for i in range(MESSAGES):
            await anna.ctx.client.send_text(cid, f"Befund {i}: Kalium 4,{i % 10} mmol/l")

    done: list[object] = []
    anna.ctx.bridge.submit(send_all, done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    call(qtbot, anna, lambda: None)
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    wait_row(qtbot, view, lambda r: r.message.body.startswith(f"Befund {MESSAGES - 1}:"))
    lst, button = view.list, view.unread.newest_button
    qtbot.waitUntil(lst.at_bottom, timeout=TIMEOUT_MS)
    assert not button.isVisible()

    # Scrolled up a bit, in small steps: at each place the time stays readable.
    bar = lst.verticalScrollBar()
    for _ in range(8):
        bar.setValue(bar.value() - 9)
        if not button.isVisible():
            continue
        place = on_screen(button, button.rect())
        times = times_in_sight(view)
        assert times, "no bubble's time in sight"
        assert not any(place.intersects(t) for t in times), (place, times)
    assert button.isVisible()
    # The button still leads to the newest message, which then shows whole.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert lst.at_bottom() and not button.isVisible()
    newest = view.model.index(view.model.rowCount() - 1, 0)
    assert lst.viewport().rect().contains(lst.visualRect(newest))
