"""A file clicked while it is still arriving opens once it is here.

A card can show while its file downloads (a study's series, or a chat reloaded meanwhile).
Clicking it said "This file is not on this PC yet; wait until it has been downloaded" and
the person had to click again later (and the GUI tests that opened a file right after its
row appeared failed now and then for the same reason). Now the chat says the file opens
as soon as it has arrived, and opens it then. Through a real relay; Jonas's download is
held at its first chunk until the click has been answered.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.domain.model import AttachmentState
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.viewer_window import ViewerWindow
from tests.ui.chat_support import TIMEOUT_MS, anna_and_jonas_chatting, chat_view, wait_row
from tests.ui.conftest import small_dx

__all__ = ["chat_view"]  # the fixture


def hold_downloads(session: Any, gate: threading.Event) -> None:
    """``session``'s blob downloads wait before their first chunk until ``gate`` is set."""
    link = session.ctx.client.messenger.s.require_link()
    real = link.chunks

    async def held(req_id: int) -> AsyncIterator[Any]:
        while not gate.is_set():
            await asyncio.sleep(0.02)
        async for chunk in real(req_id):
            yield chunk

    link.chunks = held


def test_a_picture_clicked_while_it_arrives_opens_once_it_is_here(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    chat = anna_and_jonas_chatting(qtbot, gui_ward, live_session, chat_view)
    anna_view, jonas_view = chat.anna_view, chat.jonas_view
    gate = threading.Event()
    hold_downloads(chat.jonas, gate)
    dx_path = tmp_path / "thorax.dcm"
    small_dx().save_as(dx_path, enforce_file_format=True)
    anna_view.composer.add_files([dx_path])
    anna_view.composer.submit()
    sent = wait_row(qtbot, anna_view, lambda r: bool(r.message.attachments))
    # Jonas clicks the card while its body is held on the way (as it shows while arriving).
    arriving = dataclasses.replace(sent.message.attachments[0], state=AttachmentState.DOWNLOADING)
    try:
        jonas_view.opener.open(arriving)
        qtbot.waitUntil(
            lambda: jonas_view.status.text() == "thorax.dcm opens as soon as it has arrived.",
            timeout=TIMEOUT_MS,
        )
        assert jonas_view.opener.windows == []
    finally:
        gate.set()
    qtbot.waitUntil(lambda: len(jonas_view.opener.windows) == 1, timeout=TIMEOUT_MS)
    window = jonas_view.opener.windows[0]
    assert isinstance(window, ViewerWindow) and isinstance(window.viewer, ImageViewer)
    assert window.windowTitle().startswith("thorax.dcm")
