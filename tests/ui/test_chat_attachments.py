"""Files through the ChatView: DICOM and a pasted picture arrive intact, show a card with a
thumbnail, open in a viewer window from memory, and never lie on disk in clear."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.services import attachments
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat import model as roles
from desktop_app.ui.chat.layout import Card
from desktop_app.ui.chat.opening import ImageWindow
from desktop_app.ui.chat.palette import PROGRESS
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.qimage import qimage_to_array
from desktop_app.ui.viewers.viewer_window import ViewerWindow
from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, german, start_direct, wait_row
from tests.ui.conftest import small_dx

__all__ = ["chat_view"]  # the fixture


def _card_centre(view: ChatView, attachment: Attachment) -> QPoint:
    index = view.model.index_of(attachment.message_id)
    view.list.scrollTo(index)
    rect = view.list.visualRect(index)
    layout = view.delegate.layout_for(index, rect.width())
    card = next(c for c in layout.cards if c.attachment.attachment_id == attachment.attachment_id)
    return card.rect.center() + rect.topLeft()


def _await(qtbot: QtBot, session: Any, work: Any) -> Any:
    """Run the coroutine ``work()`` on the session's loop and wait for its result."""
    result: list[Any] = []
    errors: list[str] = []
    session.ctx.bridge.submit(work, done=result.append, error=errors.append)
    qtbot.waitUntil(lambda: bool(result or errors), timeout=TIMEOUT_MS)
    assert not errors, errors
    return result[0]


def _files_containing(roots: list[Path], needle: bytes, since: float) -> list[Path]:
    """Files under ``roots`` changed since ``since`` whose bytes contain ``needle``."""
    hits = []
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith("pytest-of-")]
            for name in filenames:
                path = Path(dirpath) / name
                try:
                    if path.stat().st_mtime < since or not path.is_file():
                        continue
                    if needle in path.read_bytes():
                        hits.append(path)
                except OSError:
                    continue
    return hits


def test_dicom_and_pasted_png_arrive_intact_and_open_from_memory(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    started = time.time() - 1
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    anna_view = chat_view(anna)
    jonas_view = chat_view(jonas)
    anna_view.show_conversation(cid, "Jonas Müller")
    jonas_view.show_conversation(cid, "Dr. Anna Weber")

    outbox = tmp_path / "outgoing"
    outbox.mkdir()
    dx_path = outbox / "thorax-liegend.dcm"
    small_dx().save_as(dx_path, enforce_file_format=True)
    dx_bytes = dx_path.read_bytes()
    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2a7ab0"))
    picture.setPixelColor(5, 7, QColor("#ffcc00"))

    composer = anna_view.composer
    composer.add_files([dx_path])
    pasted = composer.add_image(picture)
    assert pasted is not None  # held in memory, never a file (issue 16 #13)
    png_bytes = pasted.data
    assert _files_containing([Path(tempfile.gettempdir())], png_bytes[16:200], started) == []
    assert [p.name for p in composer.files()] == ["thorax-liegend.dcm", "Pasted image 1.png"]
    composer.editor.setPlainText("Röntgen und Foto vom Verband")
    progress_seen: list[bool] = []
    on_card: list[bool] = []

    def transfer(t: Any) -> None:
        progress_seen.append(anna_view.status.progress.isVisible())
        on_card.append(anna_view.model.set_transfer(t.attachment_id, t.done, t.total))

    anna.ctx.events.transfer.connect(transfer)  # after the view's own slot
    composer.submit()

    dx_row = wait_row(  # the row is listed before its download is done: wait for both
        qtbot, jonas_view, lambda r: r.message.body.startswith("Röntgen") and r.message.attachments
    )
    png_row = wait_row(qtbot, jonas_view, lambda r: r.message.attachments != () and
                       r.message.attachments[0].file_name.endswith(".png"))  # fmt: skip
    assert progress_seen and all(progress_seen)  # "Sending …" in the status line
    assert on_card and all(on_card)  # and a bar on the card: it is listed before upload
    assert not anna_view.status.progress.isVisible()  # hidden again once sent
    dx, png = dx_row.message.attachments[0], png_row.message.attachments[0]
    assert (dx.file_name, dx.size, dx.mime_type) == ("thorax-liegend.dcm", len(dx_bytes),
                                                      "application/dicom")  # fmt: skip
    for attachment, original in ((dx, dx_bytes), (png, png_bytes)):
        received = call(qtbot, jonas, jonas.ctx.client.attachment_bytes, attachment.attachment_id)
        assert hashlib.sha256(received).hexdigest() == hashlib.sha256(original).hexdigest()
        assert attachment.sha256 == hashlib.sha256(original).hexdigest()

    index = jonas_view.model.index_of(dx_row.message_id)
    stored = replace(dx, state=AttachmentState.STORED, failure="")  # it may have been listed
    qtbot.waitUntil(  # while it downloaded; the card's copy follows once it is stored
        lambda: index.data(roles.ATTACHMENTS) == (stored,), timeout=TIMEOUT_MS
    )
    for attachment in (dx, png):
        qtbot.waitUntil(
            lambda a=attachment: jonas_view.thumbnails.peek(a.attachment_id) is not None,
            timeout=TIMEOUT_MS,
        )
    dx_preview = jonas_view.thumbnails.peek(dx.attachment_id)
    png_preview = jonas_view.thumbnails.peek(png.attachment_id)
    assert dx_preview is not None and dx_preview.image is not None
    assert dx_preview.detail == "DX" and not dx_preview.image.isNull()
    assert dx_preview.image.height() <= 420 and dx_preview.image.width() <= 600
    assert png_preview is not None and png_preview.image is not None
    assert png_preview.image.pixelColor(5, 7) == QColor("#ffcc00")
    rect = jonas_view.list.visualRect(index)
    layout = jonas_view.delegate.layout_for(index, rect.width())
    assert [c.attachment.file_name for c in layout.cards] == ["thorax-liegend.dcm"]
    assert isinstance(layout.cards[0], Card) and layout.cards[0].preview.isValid()

    # A transfer in progress draws a bar along the bottom of its card.
    jonas_view.list.scrollTo(index)
    assert jonas_view.model.set_transfer(dx.attachment_id, 40, 100)
    assert index.data(roles.TRANSFERS) == {dx.attachment_id: 0.4}
    rect = jonas_view.list.visualRect(index)
    card = layout.cards[0].rect.translated(rect.topLeft())
    shot = qimage_to_array(jonas_view.list.viewport().grab().toImage())
    bar_row = shot[card.bottom() - 4, card.left() + 8 : card.right() - 8]
    blue = (bar_row == [PROGRESS.red(), PROGRESS.green(), PROGRESS.blue()]).all(axis=1)
    assert 0.3 < blue.mean() < 0.5
    jonas_view.model.set_transfer(dx.attachment_id, 100, 100)
    assert index.data(roles.TRANSFERS) == {}

    # Click the X-ray card: a viewer window decodes it from the bytes in memory.
    qtbot.mouseClick(
        jonas_view.list.viewport(), Qt.MouseButton.LeftButton, pos=_card_centre(jonas_view, dx)
    )
    qtbot.waitUntil(lambda: bool(jonas_view.opener.windows), timeout=TIMEOUT_MS)
    window = jonas_view.opener.windows[-1]
    assert isinstance(window, ViewerWindow) and "thorax-liegend.dcm" in window.windowTitle()
    viewer = window.viewer
    assert isinstance(viewer, ImageViewer)
    qtbot.waitUntil(lambda: viewer.view.source is not None, timeout=TIMEOUT_MS)
    assert viewer.view.source is not None and viewer.view.source.pixels[150, 150] == 4000

    # Enter on the picture's message opens the plain image window.
    png_index = jonas_view.model.index_of(png_row.message_id)
    jonas_view.list.setFocus()
    jonas_view.list.setCurrentIndex(png_index)
    qtbot.keyClick(jonas_view.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(jonas_view.opener.windows[-1], ImageWindow),
                    timeout=TIMEOUT_MS)  # fmt: skip
    image_window = jonas_view.opener.windows[-1]
    assert isinstance(image_window, ImageWindow)
    assert image_window.image.pixelColor(5, 7) == QColor("#ffcc00")

    # Nothing decrypted was written: not in either profile, not in the temp folder.
    pixels = np.asarray(small_dx().pixel_array).tobytes()[100_000:100_512]
    assert pixels in dx_bytes  # the needle would be found in a plain copy
    roots = [gui_ward.profiles["weber.anna"], gui_ward.profiles["mueller.jonas"],
             Path(tempfile.gettempdir())]  # fmt: skip
    assert _files_containing(roots, pixels, started) == []
    assert _files_containing(roots, png_bytes[16:200], started) == []
    names = [p.name for root in roots[:2] for p in root.rglob("*")]
    assert not any("thorax" in n or n.endswith(".png") for n in names)

    jonas_view.clear()
    assert jonas_view.opener.windows == []


@pytest.mark.parametrize("language", ["en", "de"])
def test_failed_download_is_shown_on_the_card_and_a_click_retries_it(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    """Issue 16 #6 in the GUI: a sender declares the wrong SHA-256; the recipient's card
    says the download failed (in red, no preview), the urgent message behind it shows,
    and clicking the card tries the download again."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view = chat_view(jonas)
    view.show_conversation(cid, "Dr. Anna Weber")
    honest = attachments.reference

    async def lying(*args: Any) -> Any:
        return msgspec.structs.replace(await honest(*args), sha256="0" * 64)

    scan = tmp_path / "befund.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(5000))
    client = anna.ctx.client
    with monkeypatch.context() as patch:
        patch.setattr(attachments, "reference", lying)
        _await(qtbot, anna, lambda: client.send_files(cid, [scan], "Befund"))
    _await(qtbot, anna, lambda: client.send_text(cid, "Bitte sofort", urgent=True))

    row = wait_row(qtbot, view, lambda r: r.message.body == "Befund" and r.message.attachments)
    wait_row(qtbot, view, lambda r: r.message.body == "Bitte sofort" and r.needs_my_ack)
    (failed,) = row.message.attachments
    assert failed.state is AttachmentState.FAILED and "befund.png" in failed.failure
    index = view.model.index_of(row.message_id)
    view.list.scrollTo(index)
    rect = view.list.visualRect(index)
    (card,) = view.delegate.layout_for(index, rect.width()).cards
    assert not card.preview.isValid()  # nothing to preview: a plain file row
    info = card.info.translated(rect.topLeft())
    shot = qimage_to_array(view.list.viewport().grab().toImage())
    lower = shot[info.center().y() : info.bottom(), info.left() : info.right()].reshape(-1, 3)
    red = (lower[:, 0] > 150) & (lower[:, 1] < 90) & (lower[:, 2] < 90)
    assert red.sum() > 20  # "Download failed · click to retry download", drawn in red

    again = {
        "en": "befund.png could not be downloaded again; ask the sender to send it once more.",
        "de": "befund.png konnte wieder nicht geladen werden; bitten Sie den Absender, die "
        "Datei noch einmal zu senden.",
    }[language]
    with german(tmp_path) if language == "de" else contextlib.nullcontext():
        qtbot.mouseClick(
            view.list.viewport(), Qt.MouseButton.LeftButton, pos=_card_centre(view, failed)
        )
        qtbot.waitUntil(lambda: again in view.status.text(), timeout=TIMEOUT_MS)
    assert "befund.png arrived damaged" in view.status.text()  # the reason, for IT
    assert view.opener.windows == []  # a failed attachment is fetched again, not opened
