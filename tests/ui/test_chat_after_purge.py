"""An open chat drops what the disappearing-messages timer or retention purged.

Found in the deletion audit: the timer (and the hourly retention run) purge the
container and say only "the conversation list changed"; the open chat then merged the
newest page into what it showed and never removed a row. The disappeared message stayed
on screen, and in the chat's pinned bar, until the chat was opened again, for whoever
stood at the ward PC.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services import deletion
from desktop_app.services.live_views import EVENT_CONVERSATIONS
from desktop_app.ui.chat import ChatView
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, rows, start_direct, wait_row
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture


def _one_round(qtbot: QtBot, session: Any, timer: Callable[..., Awaitable[None]]) -> None:
    """A timer of the live client (``timer(busy, on_deleted, interval)``) run with an
    interval of 0 and stopped after its first deletion, as the live client wires it."""
    client = session.ctx.client
    done = asyncio.Event()

    def deleted() -> None:
        client._notify(EVENT_CONVERSATIONS, None)
        done.set()

    async def round_() -> None:
        task = asyncio.create_task(timer(client._busy, deleted, 0))
        await done.wait()
        task.cancel()

    submit(qtbot, session, round_)


def _one_timer_round(qtbot: QtBot, session: Any) -> None:
    """The disappearing-messages timer, by the session's own clock moved on 2 hours."""
    client = session.ctx.client
    client.messenger.ephemeral.policy_hours = 1  # machine policy ephemeral_hours
    now = client.session.clock()
    client.session.clock = lambda: now + timedelta(hours=2)
    _one_round(qtbot, session, client.messenger.ephemeral.keep_applying)


def test_a_disappeared_message_leaves_the_open_chat_and_its_pinned_bar(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view: ChatView = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    doomed = submit(qtbot, anna, lambda: anna.ctx.client.send_text(cid, "Zi. 7 Kalium 6,1"))
    wait_row(qtbot, view, lambda r: r.message_id == doomed.message_id)
    submit(qtbot, anna, lambda: anna.ctx.client.pin(doomed.message_id, True))
    qtbot.waitUntil(lambda: doomed.message_id in view.pinned_bar.ids, timeout=TIMEOUT_MS)

    _one_timer_round(qtbot, anna)

    messages = anna.ctx.client.container.messages
    assert call(qtbot, anna, messages.get, doomed.message_id) is None  # purged
    qtbot.waitUntil(
        lambda: all(r.message_id != doomed.message_id for r in rows(view)), timeout=TIMEOUT_MS
    )
    qtbot.waitUntil(lambda: not view.pinned_bar.ids, timeout=TIMEOUT_MS)
    assert all("Kalium 6,1" not in b.text() for b in view.pinned_bar.buttons)


def _anna_and_a_picture(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path
) -> tuple[Any, Any]:
    """Anna in a chat with Jonas, and a picture of hers at ``tmp_path / "wunde.png"``."""
    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(QColor("#c00000"))
    assert picture.save(str(tmp_path / "wunde.png"))
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    return anna, start_direct(qtbot, anna, "mueller.jonas")


def test_retention_takes_a_picture_out_of_the_open_chat_and_its_quote_out_of_the_reply(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    anna, cid = _anna_and_a_picture(qtbot, gui_ward, live_session, tmp_path)
    client = anna.ctx.client
    now = client.session.clock()
    client.session.clock = lambda: now - timedelta(days=100)  # written 100 days ago
    (old,) = submit(
        qtbot, anna, lambda: client.send_files(cid, [tmp_path / "wunde.png"], "Wunde Zi. 4")
    )
    client.session.clock = lambda: now
    reply = submit(qtbot, anna, lambda: client.send_text(cid, "verheilt", reply_to=old.message_id))
    view: ChatView = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    shown = wait_row(qtbot, view, lambda r: r.message_id == old.message_id)
    (attachment,) = shown.message.attachments
    qtbot.waitUntil(lambda: view.thumbnails.peek(attachment.attachment_id) is not None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    quoted = wait_row(qtbot, view, lambda r: r.message_id == reply.message_id).quote
    assert quoted is not None and quoted.snippet == "Wunde Zi. 4"

    _one_round(qtbot, anna, partial(deletion.keep_retention, client.session, 90))

    qtbot.waitUntil(
        lambda: all(r.message_id != old.message_id for r in rows(view)), timeout=TIMEOUT_MS
    )
    assert view.thumbnails.peek(attachment.attachment_id) is None
    quoted = wait_row(qtbot, view, lambda r: r.message_id == reply.message_id).quote
    assert quoted is not None and quoted.deleted and quoted.snippet == ""


def _picture_shown(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> tuple[Any, ChatView, Any, Any]:
    """Anna's picture to Jonas, its preview decoded in her open chat."""
    anna, cid = _anna_and_a_picture(qtbot, gui_ward, live_session, tmp_path)
    client = anna.ctx.client
    (sent,) = submit(qtbot, anna, lambda: client.send_files(cid, [tmp_path / "wunde.png"], "Zi. 4"))
    view: ChatView = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    shown = wait_row(qtbot, view, lambda r: r.message_id == sent.message_id)
    (attachment,) = shown.message.attachments
    qtbot.waitUntil(lambda: view.thumbnails.peek(attachment.attachment_id) is not None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    return anna, view, sent, attachment


def test_a_picture_deleted_for_everyone_leaves_no_decoded_preview(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    anna, view, sent, attachment = _picture_shown(
        qtbot, gui_ward, live_session, chat_view, tmp_path
    )
    submit(qtbot, anna, lambda: anna.ctx.client.delete_for_everyone(sent.message_id))
    wait_row(qtbot, view, lambda r: r.message_id == sent.message_id and not r.message.attachments)
    assert view.thumbnails.peek(attachment.attachment_id) is None


def test_a_picture_deleted_from_this_pc_leaves_no_decoded_preview(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    _, view, sent, attachment = _picture_shown(qtbot, gui_ward, live_session, chat_view, tmp_path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.commands.delete_message(sent.message_id)
    qtbot.waitUntil(
        lambda: all(r.message_id != sent.message_id for r in rows(view)), timeout=TIMEOUT_MS
    )
    qtbot.waitUntil(lambda: view.thumbnails.peek(attachment.attachment_id) is None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    qtbot.wait(300)  # a repaint meanwhile must not decode it again
    assert view.thumbnails.peek(attachment.attachment_id) is None
