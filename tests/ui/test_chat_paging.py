"""A long conversation opens with its newest page only; older pages come on scrolling up.
Also: day separators and system lines, and clear() leaving nothing behind."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId, Uid, new_message_id
from desktop_app.domain.model import Message, MessageKind, MessageState
from desktop_app.ui.chat import model as roles
from desktop_app.ui.chat.model import PAGE_SIZE
from desktop_app.ui.chat.palette import SYSTEM_PILL
from desktop_app.ui.viewers.qimage import qimage_to_array
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, start_direct

__all__ = ["chat_view"]  # the fixture

COUNT = 10_000


def _history(cid: ConversationId, me: str, count: int, end: datetime) -> list[Message]:
    """``count`` messages, one every 7 minutes up to ``end``, every 5th mine."""
    return [
        Message(
            new_message_id(),
            cid,
            Uid(me if i % 5 == 0 else "mueller.jonas"),
            end - timedelta(minutes=7 * (count - 1 - i)),
            f"Nachricht {i}",
            state=MessageState.SENT if i % 5 == 0 else MessageState.RECEIVED,
        )
        for i in range(count)
    ]


def test_ten_thousand_messages_open_with_one_page_and_page_in_on_scroll_up(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    history = _history(cid, "weber.anna", COUNT, datetime.now(tz=UTC) - timedelta(minutes=1))
    assert call(qtbot, anna, anna.container.messages.add_many, history) == COUNT
    call(qtbot, anna, anna.container.conversations.mark_read, cid)  # opens at the bottom
    total = call(qtbot, anna, anna.container.messages.count, cid)
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    model, bar = view.model, view.list.verticalScrollBar()

    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=TIMEOUT_MS)
    assert model.row_at(PAGE_SIZE - 1).message.body == f"Nachricht {COUNT - 1}"
    qtbot.wait(300)  # Qt's own fetchMore-at-the-end must not page in the history
    assert model.rowCount() == PAGE_SIZE
    assert view.list.at_bottom() and bar.maximum() > 0

    first_id = model.row_at(0).message_id
    bar.setValue(0)  # the older page is asked for now and arrives through the bridge
    # Its bubble ends at the row's bottom (the day separator above it may go away).
    before = view.list.visualRect(model.index_of(first_id)).bottom()  # viewport coordinates
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=TIMEOUT_MS)
    # What was on top stays where it was on screen; the older page is above it.
    after = view.list.visualRect(model.index_of(first_id)).bottom()
    assert model.index_of(first_id).row() == PAGE_SIZE
    assert abs(after - before) <= 2 and bar.value() > 0
    assert model.row_at(0).message.body == f"Nachricht {COUNT - 2 * PAGE_SIZE}"

    for _ in range(3):
        loaded = model.rowCount()
        bar.setValue(0)
        qtbot.waitUntil(lambda n=loaded: model.rowCount() == n + PAGE_SIZE, timeout=TIMEOUT_MS)
    bodies = [r.message.body for r in model.rows()]
    numbers = [int(b.split()[-1]) for b in bodies]
    assert numbers == list(range(COUNT - 5 * PAGE_SIZE, COUNT)) and model.has_older()
    assert total == COUNT

    # The newest message from the other side arrives at the bottom, not on top.
    fresh = _history(cid, "weber.anna", 1, datetime.now(tz=UTC))
    fresh = [Message(fresh[0].message_id, cid, Uid("mueller.jonas"), fresh[0].sent_at, "Neu",
                     state=MessageState.RECEIVED)]  # fmt: skip
    call(qtbot, anna, anna.container.messages.add_many, fresh)
    view.ctx.events.conversations.emit()  # what the client posts after storing a message
    qtbot.waitUntil(
        lambda: model.row_at(model.rowCount() - 1).message.body == "Neu", timeout=TIMEOUT_MS
    )


def test_day_separators_and_system_lines(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    today = date.today()

    def local(day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute)).astimezone()

    yesterday, old = today - timedelta(days=1), today - timedelta(days=9)
    rows = [
        ("mueller.jonas", "Vor langer Zeit", local(old, 9, 0), MessageKind.TEXT),
        ("mueller.jonas", "Gestern früh", local(yesterday, 8, 0), MessageKind.TEXT),
        ("weber.anna", "Gestern später", local(yesterday, 10, 0), MessageKind.TEXT),
        ("mueller.jonas", "Jonas Müller hat ein neues Gerät", local(today, 0, 1),
         MessageKind.SYSTEM),
        ("mueller.jonas", "Heute", local(today, 0, 2), MessageKind.TEXT),
    ]  # fmt: skip
    messages = [
        Message(new_message_id(), cid, Uid(u), at.astimezone(UTC), text, kind=kind,
                state=MessageState.RECEIVED)
        for u, text, at, kind in rows
    ]  # fmt: skip
    call(qtbot, anna, anna.container.messages.add_many, messages)
    call(qtbot, anna, anna.container.conversations.mark_read, cid)  # no unread divider
    view = chat_view(anna, 700, 700)
    view.show_conversation(cid, "Jonas Müller")
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() >= len(rows), timeout=TIMEOUT_MS)
    mine = [model.index(i) for i in range(model.rowCount())
            if model.index(i).data(roles.TEXT) in {r[1] for r in rows}]  # fmt: skip
    days = [i.data(roles.DAY) for i in mine]
    old_label = days[0]
    assert old_label not in ("", "Today", "Yesterday") and str(old.year) in old_label
    assert days[1:] == ["Yesterday", "", "Today", ""]
    system = mine[3]
    assert system.data(roles.KIND) == MessageKind.SYSTEM  # a str through QVariant
    assert system.data(Qt.ItemDataRole.AccessibleTextRole) == "Jonas Müller hat ein neues Gerät"
    assert mine[4].data(roles.SHOW_SENDER) is False  # direct chat: no names above bubbles

    # Rendered: the system line is a grey pill centred in the list, with no time or ticks.
    view.list.scrollTo(system)
    qtbot.wait(20)
    rect = view.list.visualRect(system)
    image = qimage_to_array(view.list.viewport().grab().toImage())
    band = image[rect.top() : rect.bottom(), :, :]
    pill = np.all(band == [SYSTEM_PILL.red(), SYSTEM_PILL.green(), SYSTEM_PILL.blue()], axis=2)
    columns = np.nonzero(pill.any(axis=0))[0]
    assert columns.size > 100
    centre = (columns.min() + columns.max()) / 2
    assert abs(centre - rect.center().x()) < 3
    layout = view.delegate.layout_for(system, rect.width())
    assert layout.system and not layout.meta.isValid()

    model.set_today(date.today() + timedelta(days=1))  # after midnight: "Today" -> "Yesterday"
    assert mine[3].data(roles.DAY) == "Yesterday"


def test_clear_drops_rows_thumbnails_layouts_and_drafts(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, dx_path: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    view.composer.add_files([dx_path])
    view.composer.submit()
    qtbot.waitUntil(lambda: any(r.message.attachments for r in view.model.rows()),
                    timeout=TIMEOUT_MS)  # fmt: skip
    attachment = next(r for r in view.model.rows() if r.message.attachments).message.attachments[0]
    qtbot.waitUntil(lambda: view.thumbnails.peek(attachment.attachment_id) is not None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    view.composer.editor.setPlainText("noch nicht abgeschickt")
    assert view.model.rowCount() > 0 and len(view.thumbnails) == 1

    view.clear()
    assert view.model.rowCount() == 0 and view.model.rows() == ()
    assert len(view.thumbnails) == 0 and view.thumbnails.pending() == 0
    assert view.delegate._layouts == {}
    assert view.composer.editor.toPlainText() == "" and view.composer.files() == []
    assert not view.composer.editor.isEnabled() and view.conversation is None
    qtbot.wait(200)  # late page replies or events must not refill it
    view.ctx.events.conversations.emit()
    qtbot.wait(300)
    assert view.model.rowCount() == 0
