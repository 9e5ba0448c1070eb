"""A realistic ward group chat with an X-ray card, rendered (in German) to a PNG and checked.

Set WARDLINK_SCREENSHOTS=DIR to keep the picture (docs/screenshots/chat-xray.png is
made that way); otherwise it goes to the test's temporary folder.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId, Uid, new_message_id
from desktop_app.domain.model import Message, MessageKind, MessageState
from desktop_app.ui.viewers.qimage import qimage_to_array
from tests.medical import generators
from tests.ui.chat_support import TIMEOUT_MS, chat_view, german, wait_row

__all__ = ["chat_view"]  # the fixture
from tests.ui.screenshots import chest_dx


def _insert(
    qtbot: QtBot, session: Any, cid: ConversationId, rows: list[tuple[str, str, datetime, bool]]
) -> None:
    """Old history straight into the container (on its loop thread): sender, text, time.

    Waits until the conversation has arrived there (its messages reference it)."""
    have: list[object] = []

    def ask() -> bool:
        session.ctx.bridge.call(session.container.conversations.get, cid, done=have.append)
        qtbot.wait(20)
        return any(have)

    qtbot.waitUntil(ask, timeout=TIMEOUT_MS)
    messages = [
        Message(
            new_message_id(),
            cid,
            Uid(sender),
            at,
            text,
            kind=MessageKind.SYSTEM if system else MessageKind.TEXT,
            state=MessageState.SENT if sender == session.ctx.my_uid else MessageState.RECEIVED,
        )
        for sender, text, at, system in rows
    ]
    done: list[object] = []
    session.ctx.bridge.call(
        session.container.messages.add_many, messages, done=done.append, error=done.append
    )
    qtbot.waitUntil(lambda: bool(done), timeout=TIMEOUT_MS)
    assert done == [len(messages)], done
    session.ctx.bridge.call(  # read: the chat opens at the bottom, without a divider
        session.container.conversations.mark_read, cid, done=done.append, error=done.append
    )
    qtbot.waitUntil(lambda: len(done) == 2, timeout=TIMEOUT_MS)


def test_ward_group_with_an_xray_renders_like_a_messenger(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    gui_ward.enroll("schmidt.lena")
    created: list[ConversationId] = []
    anna.ctx.bridge.submit(
        lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas", "schmidt.lena"]),
        done=created.append,
        error=created.append,
    )
    qtbot.waitUntil(lambda: bool(created), timeout=TIMEOUT_MS)
    cid = created[0]
    now = datetime.now(tz=UTC)
    yesterday = now - timedelta(days=1)
    _insert(
        qtbot,
        jonas,
        cid,
        [
            ("schmidt.lena", "Übergabe: Herr K. (Zi. 12) nach Koronarangiographie stabil, "
             "Druckverband bis 22 Uhr belassen.", yesterday.replace(hour=17, minute=40), False),
            ("mueller.jonas", "Danke, ist notiert.", yesterday.replace(hour=17, minute=46), False),
            ("schmidt.lena", "Dr. Lena Schmidt hat ein neues Gerät", now - timedelta(hours=2),
             True),
        ],
    )  # fmt: skip
    with german(tmp_path):  # the ward sees it in German
        view = chat_view(jonas, 760, 980)
        anna_view = chat_view(anna)
        anna_view.show_conversation(cid, "Station 3B")
        view.show_conversation(cid, "Station 3B")

        xray = tmp_path / "thorax-pa.dcm"
        xray.write_bytes(generators.to_bytes(chest_dx()))
        anna_view.composer.editor.setPlainText(
            "Guten Morgen! Das Thorax-Bild von Herrn K. ist da, bitte einmal anschauen."
        )
        anna_view.composer.add_files([xray])
        anna_view.composer.submit()
        card = wait_row(qtbot, view, lambda r: bool(r.message.attachments))
        view.composer.editor.setPlainText("Schaue ich mir gleich an.")
        view.composer.submit()
        wait_row(qtbot, view, lambda r: r.mine and r.message.body.startswith("Schaue"))
        anna_view.composer.editor.setPlainText(
            "Zimmer 12 klingelt, Herr K. klagt über Brustschmerz. Bitte sofort hin!"
        )
        anna_view.composer.urgent_button.setChecked(True)
        anna_view.composer.submit()
        wait_row(qtbot, view, lambda r: r.needs_my_ack)
        aid = card.message.attachments[0].attachment_id
        qtbot.waitUntil(lambda: view.thumbnails.peek(aid) is not None, timeout=TIMEOUT_MS)
        qtbot.wait(50)

        picture = view.grab().toImage()
        target = Path(os.environ.get("WARDLINK_SCREENSHOTS") or tmp_path)
        target.mkdir(parents=True, exist_ok=True)
        picture.save(str(target / "chat-xray.png"))

        pixels = qimage_to_array(picture)
        preview = view.thumbnails.peek(aid)
        assert preview is not None and preview.image is not None and preview.detail == "DX"
        red = QColor("#c5221f")
        assert ((pixels == [red.red(), red.green(), red.blue()]).all(axis=2)).sum() > 500  # button
        model = view.model
        texts = [model.index(i).data(Qt.ItemDataRole.DisplayRole) for i in range(model.rowCount())]
        assert "Dr. Lena Schmidt hat ein neues Gerät" in texts
