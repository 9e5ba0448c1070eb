"""A PDF letter and an ECG cart's Encapsulated PDF sent through the real relay: the
receiver's card shows page 1, a click opens the PDF viewer from memory (no export
question, no plain copy in the temp directory); a damaged PDF opens as a clear error."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.ui.viewers.pdf_view import PdfViewer
from desktop_app.ui.viewers.viewer_window import ErrorNotice, ViewerWindow
from tests.medical.test_documents import encapsulated
from tests.ui.chat_support import TIMEOUT_MS, chat_view
from tests.ui.pdf_samples import damaged, make_pdf
from tests.ui.test_chat_attachments import _files_containing
from tests.ui.test_chat_text_and_pictures import _open, _received, two_chats

__all__ = ["chat_view", "two_chats"]  # the fixtures

MARKER = "Sinusrhythmus 72/min Zimmer 12"


def test_pdfs_from_the_relay_show_page_one_and_open_in_the_app(
    qtbot: QtBot, two_chats: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    started = time.time() - 1
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(str(args)))
    anna_view, jonas_view = two_chats
    letter = make_pdf(["Entlassbrief", MARKER, "Seite 3"], title="Entlassbrief")
    files = {
        "entlassbrief.pdf": letter,
        "ekg-befund.dcm": encapsulated(make_pdf(["12-Kanal-EKG"])),
        "kaputt.pdf": damaged(letter),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    anna_view.composer.add_files([tmp_path / name for name in files])
    anna_view.composer.submit()

    for name, pages in (("entlassbrief.pdf", "3 pages"), ("ekg-befund.dcm", "PDF · 1 page")):
        attachment = _received(qtbot, jonas_view, name)
        qtbot.waitUntil(lambda a=attachment: jonas_view.thumbnails.peek(a.attachment_id)
                        is not None, timeout=TIMEOUT_MS)  # fmt: skip
        preview = jonas_view.thumbnails.peek(attachment.attachment_id)
        assert preview is not None and preview.image is not None, preview
        assert preview.detail == pages and preview.aspect is not None
        assert 0.6 < preview.aspect < 0.8  # a portrait A4 page, not a file icon
        window = _open(qtbot, jonas_view, attachment, ViewerWindow)
        assert isinstance(window.viewer, PdfViewer)
        window.close()

    broken = _open(qtbot, jonas_view, _received(qtbot, jonas_view, "kaputt.pdf"), ViewerWindow)
    assert isinstance(broken.viewer, ErrorNotice)
    assert "the PDF kaputt.pdf is damaged or not a valid PDF" in broken.viewer.text()
    assert asked == []  # nothing was offered for export: the app shows PDFs itself
    assert _files_containing([Path(tempfile.gettempdir())], letter[1000:1040], started) == []
