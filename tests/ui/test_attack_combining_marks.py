"""A colleague's message of stacked combining marks ("Zalgo" text, well within the
16,000 characters a message may hold) sent through the real relay: the receiver's chat
painted its glyphs far outside the message's bubble and row, over the messages above and
beside it (a QTextLayout draws without clipping). What a row paints now stays in it.
The same letter as an event's title spilled out of its box in the calendar's views."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from tests.ui.chat_support import TIMEOUT_MS, anna_and_jonas_chatting, chat_view, wait_row
from tests.ui.test_chat_replies_reactions import send
from tests.ui.test_teamwork_calendar import open_window, titles, two_pcs, wait_dialog

__all__ = ["chat_view"]  # the fixture

MARKS = "".join(chr(c) for c in range(0x300, 0x370))  # every combining diacritical mark
ZALGO = ("Z" + MARKS * 20) * 3  # 6,723 characters, three letters
# Marks above and below a letter that common fonts (DejaVu, Segoe UI) stack.
STACKING = "".join(chr(c) for c in [*range(0x300, 0x315), *range(0x316, 0x334)])
STACKED_TITLE = "Z" + (STACKING * 4)[:199]  # an event title holds 200 characters
MARGIN = 200  # room painted around the row, where nothing of it may land


def ink_outside(view: ChatView, message_id: str) -> int:
    """Pixels that the message's row paints above, below or beside its own rectangle
    (sampled every other column), when the list's delegate paints it as the list does
    (the row in the middle of a larger picture)."""
    index = view.model.index_of(message_id)  # type: ignore[arg-type]
    rect = view.list.visualRect(index)
    assert rect.isValid()
    image = QImage(
        rect.width() + 2 * MARGIN, rect.height() + 2 * MARGIN, QImage.Format.Format_ARGB32
    )
    image.fill(0)
    option = QStyleOptionViewItem()
    option.initFrom(view.list.viewport())
    option.rect = QRect(MARGIN, MARGIN, rect.width(), rect.height())
    option.font = view.list.font()
    option.state &= ~QStyle.StateFlag.State_HasFocus
    painter = QPainter(image)
    view.delegate.paint(painter, option, index)
    painter.end()
    inside = option.rect.adjusted(-2, -2, 2, 2)  # a bubble's shadow may touch the edge
    return sum(
        1
        for y in range(image.height())
        for x in range(0, image.width(), 2)
        if not inside.contains(x, y) and image.pixelColor(x, y).alpha() != 0
    )


def test_a_message_of_stacked_marks_paints_only_inside_its_row(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    chat = anna_and_jonas_chatting(qtbot, gui_ward, live_session, chat_view)
    anna_view = chat.anna_view
    honest, hostile = (
        send(qtbot, chat.jonas_view, text) for text in ("Kalium 5,9 – bitte kontrollieren", ZALGO)
    )
    for message in (honest, hostile):
        wait_row(qtbot, anna_view, lambda r, m=message: r.message_id == m.message_id)
    assert ink_outside(anna_view, honest.message_id) == 0  # the measure itself
    assert ink_outside(anna_view, hostile.message_id) == 0


def changed_outside(first: QImage, second: QImage, box: QRectF) -> int:
    """Pixels that differ between two pictures of a view outside ``box``."""
    assert first.size() == second.size()
    return sum(
        1
        for y in range(first.height())
        for x in range(first.width())
        if not box.contains(x, y) and first.pixelColor(x, y) != second.pixelColor(x, y)
    )


def test_an_event_titled_with_stacked_marks_paints_only_inside_its_box(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    """Jonas names a shift with one letter and 199 marks (the title's limit is 200
    characters). Elision measures advances, and marks have none, so all of them reached
    Anna's week and month views, stacked some 40 px above the shift's box, over the hours
    and events above it. Each view is painted twice, with the title and with its letter
    alone: they may differ inside the box only."""
    anna, jonas, cid = two_pcs(qtbot, gui_ward, live_session)
    anna_cal, jonas_cal = open_window(qtbot, anna, cid), open_window(qtbot, jonas, cid)
    today = datetime.now().astimezone()
    jonas_cal.add(today.replace(hour=10, minute=0, second=0, microsecond=0))
    dialog = wait_dialog(qtbot, jonas_cal)
    dialog.title_edit.setText(STACKED_TITLE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # saved, then closed
    qtbot.waitUntil(lambda: titles(anna_cal) == [STACKED_TITLE], timeout=TIMEOUT_MS)

    view = anna_cal.view
    (row,) = view.rows
    plain = replace(row, occurrence=replace(row.occurrence, title="Z"))
    hostile = view.grab().toImage()
    view.show_range(view.first, view.days, [plain])
    assert changed_outside(hostile, view.grab().toImage(), view.boxes()[0][0]) == 0

    anna_cal.show_month()
    qtbot.waitUntil(lambda: bool(anna_cal.month_view.day_rows(today.date())), timeout=TIMEOUT_MS)
    month = anna_cal.month_view
    hostile = month.grab().toImage()
    month.show_month(month.month, [plain])
    cell = month.cell_rect(today.date())
    assert changed_outside(hostile, month.grab().toImage(), cell) == 0
