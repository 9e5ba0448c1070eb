"""Export only with a warning and by policy, DICOM optionally de-identified; ECG and
other attachments: an ECG strip as thumbnail and the ECG viewer, a Word file offered
for export."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

import pytest
from pydicom import dcmread
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.model import Attachment
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.export import ExportDialog
from desktop_app.ui.chat.menu import message_menu
from desktop_app.ui.viewers.ecg_view import EcgViewer
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.viewer_window import ErrorNotice, ViewerWindow
from tests.ui.chat_support import TIMEOUT_MS, chat_view, start_direct, wait_row

__all__ = ["chat_view"]  # the fixture


def _send_file(qtbot: QtBot, view: ChatView, path: Path) -> Attachment:
    view.composer.add_files([path])
    view.composer.submit()
    row = wait_row(qtbot, view, lambda r: any(a.file_name == path.name
                                              for a in r.message.attachments))  # fmt: skip
    return row.message.attachments[0]


@pytest.fixture
def anna_chat(qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any) -> Any:
    def make(export_allowed: bool = True) -> ChatView:
        anna = live_session(gui_ward, "weber.anna")
        gui_ward.enroll("mueller.jonas")
        cid = start_direct(qtbot, anna, "mueller.jonas")
        ctx = dataclasses.replace(anna.ctx, export_allowed=export_allowed)
        view: ChatView = chat_view(dataclasses.replace(anna, ctx=ctx))
        view.show_conversation(cid, "Jonas Müller")
        return view

    return make


def test_export_writes_a_copy_or_a_deidentified_dicom(
    qtbot: QtBot, anna_chat: Any, dx_path: Path, tmp_path: Path
) -> None:
    view = anna_chat()
    dx = _send_file(qtbot, view, dx_path)
    dialog = ExportDialog(dx, view)
    qtbot.addWidget(dialog)
    assert dialog.remove_identifiers.isChecked() and not dialog.remove_identifiers.isHidden()
    assert any("NOT encrypted" in label.text() for label in dialog.findChildren(QLabel))
    other = ExportDialog(
        dataclasses.replace(dx, file_name="dienstplan.txt", mime_type="text/plain")
    )
    qtbot.addWidget(other)
    assert other.remove_identifiers.isHidden() and not other.remove_identifiers.isChecked()

    plain = tmp_path / "export" / "copy.dcm"
    plain.parent.mkdir()
    with qtbot.waitSignal(view.exporter.done, timeout=TIMEOUT_MS) as done:
        view.exporter.write(dx, plain, remove_identifiers=False)
    assert hashlib.sha256(plain.read_bytes()).hexdigest() == dx.sha256
    assert "not encrypted" in done.args[0]

    clean = tmp_path / "export" / "clean.dcm"
    with qtbot.waitSignal(view.exporter.done, timeout=TIMEOUT_MS) as done:
        view.exporter.write(dx, clean, remove_identifiers=True)
    assert "Patient identifiers were removed" in done.args[0]
    original, cleaned = dcmread(dx_path), dcmread(clean)
    assert str(original.PatientName) == "Mustermann^Erika" and str(cleaned.PatientName) == ""
    assert cleaned.PatientIdentityRemoved == "YES"
    assert cleaned.PixelData == original.PixelData
    assert sorted(p.name for p in clean.parent.iterdir()) == ["clean.dcm", "copy.dcm"]


def test_policy_switches_export_off_everywhere(
    qtbot: QtBot, anna_chat: Any, dx_path: Path, tmp_path: Path
) -> None:
    view = anna_chat(export_allowed=False)
    dx = _send_file(qtbot, view, dx_path)
    index = view.model.index_of(dx.message_id)
    menu = message_menu(view, index, None)
    export = next(a for a in menu.actions() if a.text().startswith("Export"))
    assert not export.isEnabled()
    assert "policy" in export.text() and "policy" in export.toolTip()
    assert [a.text() for a in menu.actions() if a.isEnabled()] == [
        "Reply",
        "React",
        "Pin",
        "Forward …",
        "Message info",
        "",
        "Open thorax.dcm",
        "Compare with…",
        "",
        "Delete for everyone …",
        "Delete for me …",
    ]
    target = tmp_path / "nope.dcm"
    with qtbot.waitSignal(view.exporter.failed, timeout=TIMEOUT_MS):
        view.exporter.write(dx, target, remove_identifiers=False)
    assert not target.exists()


def test_ecg_shows_a_strip_and_opens_the_ecg_viewer_a_word_file_is_offered_for_export(
    qtbot: QtBot, anna_chat: Any, ecg_path: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    view = anna_chat()
    ecg = _send_file(qtbot, view, ecg_path)
    qtbot.waitUntil(lambda: view.thumbnails.peek(ecg.attachment_id) is not None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    preview = view.thumbnails.peek(ecg.attachment_id)
    assert preview is not None and len(preview.ecg) > 100 and preview.image is None
    assert preview.detail == "ECG · 12 leads" and max(abs(v) for v in preview.ecg) == 1.0

    view.open_attachment(ecg)
    qtbot.waitUntil(lambda: bool(view.opener.windows), timeout=TIMEOUT_MS)
    window = view.opener.windows[-1]
    assert isinstance(window, ViewerWindow) and isinstance(window.viewer, EcgViewer)

    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    letter_path = tmp_path / "befund.docx"  # PDFs open in the app (tests/ui/test_chat_pdf.py)
    letter_path.write_bytes(b"PK\x03\x04" + bytes(200))
    letter = _send_file(qtbot, view, letter_path)
    view.open_attachment(letter)
    qtbot.waitUntil(lambda: bool(asked), timeout=TIMEOUT_MS)
    assert "befund.docx" in asked[0] and len(view.opener.windows) == 1


def test_a_broken_dicom_opens_with_a_clear_error(
    qtbot: QtBot, anna_chat: Any, dx_path: Path, tmp_path: Path
) -> None:
    view = anna_chat()
    broken = tmp_path / "kaputt.dcm"
    broken.write_bytes(dx_path.read_bytes()[:2000])
    attachment = _send_file(qtbot, view, broken)
    qtbot.waitUntil(lambda: view.thumbnails.peek(attachment.attachment_id) is not None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    preview = view.thumbnails.peek(attachment.attachment_id)
    assert preview is not None and preview.image is None and preview.error
    window = view.opener.show_bytes(attachment, broken.read_bytes())
    assert isinstance(window, ViewerWindow)
    shown = window.viewer  # the header is fine, the pixel data is cut short
    assert isinstance(shown, ImageViewer) and "cut short" in shown.view.error_text
    window = view.opener.show_bytes(attachment, broken.read_bytes()[:300])
    assert isinstance(window, ViewerWindow) and isinstance(window.viewer, ErrorNotice)
