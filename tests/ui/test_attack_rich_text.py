"""A colleague's words that look like HTML show as written, through a real relay.

QLabel, QMessageBox, tooltips and QStaticText read a string as HTML when it looks like
it (a tag on its first line). A message, a group title, a file name or a DICOM value is
the sender's word: as HTML it hid or restyled words and loaded pictures (from the PC's
files or a data URI, here ``big.png`` in the working directory, 1200 x 900 pixels).
Each test checks what the person reads and that no picture was laid out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QTreeWidgetItemIterator
from pytestqt.qtbot import QtBot

from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.services import attachments
from desktop_app.services.live_views import ConversationRow
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.export import ExportDialog
from desktop_app.ui.shell.conversation_list import ConversationList
from desktop_app.ui.shell.urgent_alert import UrgentBanner
from desktop_app.ui.viewers import overlays
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.viewer_window import open_viewer
from tests.ui.chat_support import TIMEOUT_MS, chat_view, start_direct, wait_row
from tests.ui.conftest import small_dx

__all__ = ["chat_view"]  # the fixture

PICTURE = "<img src=big.png>"
TALL = 200  # a line of text is far lower; the picture is 900 pixels high


@pytest.fixture
def big_picture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``big.png`` where a relative ``<img src>`` finds it: the working directory."""
    picture = QImage(1200, 900, QImage.Format.Format_RGB32)
    picture.fill(QColor("#c00000"))
    path = tmp_path / "big.png"
    assert picture.save(str(path))
    monkeypatch.chdir(tmp_path)
    return path


def as_html_shows(text: str) -> str:
    """What Qt shows of ``text`` in a place that reads HTML when it looks like it."""
    if not GuiQt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_shows(label: QLabel) -> str:
    if label.textFormat() is Qt.TextFormat.PlainText:
        return label.text()
    if label.textFormat() is Qt.TextFormat.RichText:
        document = QTextDocument()
        document.setHtml(label.text())
        return document.toPlainText()
    return as_html_shows(label.text())


def _await(qtbot: QtBot, session: Any, work: Any) -> Any:
    result: list[Any] = []
    errors: list[str] = []
    session.ctx.bridge.submit(work, done=result.append, error=errors.append)
    qtbot.waitUntil(lambda: bool(result or errors), timeout=TIMEOUT_MS)
    assert not errors, errors
    return result[0]


def test_an_urgent_message_in_html_shows_as_written_in_the_banner_and_the_reply_bar(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, big_picture: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, jonas, "weber.anna")
    view: ChatView = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    body = f"{PICTURE}<b>Zimmer 12</b> <font color=white>nicht</font> sofort"
    _await(qtbot, jonas, lambda: jonas.ctx.client.send_text(cid, body, urgent=True))
    row = wait_row(qtbot, view, lambda r: r.message.body == body and r.needs_my_ack)

    banner = UrgentBanner(lambda _title, _text: None, sound=lambda: None)
    qtbot.addWidget(banner)
    banner.add(row)
    assert banner.text.sizeHint().height() < TALL  # no picture laid out
    assert label_shows(banner.text) == f"URGENT from Jonas Müller: {body}"

    view.message_actions.reply(row)
    snippet = view.composer.reply_bar.snippet
    assert snippet.sizeHint().height() < TALL
    assert label_shows(snippet) == body


def test_a_group_title_in_html_shows_as_written_in_the_header_and_the_delete_question(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    big_picture: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    title = f"{PICTURE}Visite <b>3B</b> <font color=white>Übergabe</font> Frühdienst Kardiologie"
    cid = _await(qtbot, jonas, lambda: jonas.ctx.client.create_group(title, ["weber.anna"]))

    conversations = ConversationList(anna.ctx)
    qtbot.addWidget(conversations)
    listed: list[ConversationRow] = []

    def arrived() -> bool:
        conversations.reload()
        listed[:] = [r for r in conversations.model.rows() if r.conversation_id == cid]
        return bool(listed)

    qtbot.waitUntil(arrived, timeout=TIMEOUT_MS)
    assert listed[0].title == title
    view: ChatView = chat_view(anna, 420, 600)
    view.show_conversation(cid, listed[0].title)
    header = view.title_label
    qtbot.waitUntil(lambda: bool(header.toolTip()), timeout=TIMEOUT_MS)  # cut: full title
    assert as_html_shows(header.toolTip()) == title

    asked: list[str] = []

    def question(parent: Any, caption: str, text: str, *args: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    conversations.delete(listed[0])
    assert f"\u201c{title}\u201d" in as_html_shows(asked[0])


def _card_centre(view: ChatView, attachment: Attachment) -> QPoint:
    index = view.model.index_of(attachment.message_id)
    view.list.scrollTo(index)
    rect = view.list.visualRect(index)
    layout = view.delegate.layout_for(index, rect.width())
    card = next(c for c in layout.cards if c.attachment.attachment_id == attachment.attachment_id)
    return card.rect.center() + rect.topLeft()


def test_a_file_name_in_html_shows_as_written_in_the_status_line_and_export_questions(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    big_picture: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A colleague's modified client declares a wrong SHA-256 for a file named as HTML:
    the receiver's retry names it in the status line."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, jonas, "weber.anna")
    view: ChatView = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    name = f"{PICTURE}<b>Befund.xyz"  # no "/": a file name cannot hold one
    outbox = tmp_path / "outgoing"
    outbox.mkdir()
    (outbox / name).write_bytes(b"Laborwerte " * 100)
    honest = attachments.reference

    async def lying(*args: Any) -> Any:
        return msgspec.structs.replace(await honest(*args), sha256="0" * 64)

    client = jonas.ctx.client
    with monkeypatch.context() as patch:
        patch.setattr(attachments, "reference", lying)
        _await(qtbot, jonas, lambda: client.send_files(cid, [outbox / name], "kaputt"))
    _await(qtbot, jonas, lambda: client.send_files(cid, [outbox / name], "heil"))

    broken = wait_row(
        qtbot, view, lambda r: r.message.body == "kaputt" and bool(r.message.attachments)
    )
    (failed,) = broken.message.attachments
    assert failed.file_name == name and failed.state is AttachmentState.FAILED
    qtbot.mouseClick(
        view.list.viewport(), Qt.MouseButton.LeftButton, pos=_card_centre(view, failed)
    )
    qtbot.waitUntil(lambda: "could not be downloaded again" in view.status.text(),
                    timeout=TIMEOUT_MS)  # fmt: skip
    assert view.status.label.sizeHint().height() < TALL
    assert label_shows(view.status.label).startswith(f"{name} could not be downloaded again")

    whole = wait_row(qtbot, view, lambda r: r.message.body == "heil" and any(
        a.state is AttachmentState.STORED for a in r.message.attachments))  # fmt: skip
    (held,) = whole.message.attachments
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]))
    view.opener.offer_export(held)
    assert f"WardLink cannot show {name} itself." in as_html_shows(asked[0])

    dialog = ExportDialog(held)
    qtbot.addWidget(dialog)
    (heading,) = [q for q in dialog.findChildren(QLabel) if q.text().startswith("Export “")]
    assert heading.sizeHint().height() < TALL
    assert label_shows(heading) == f"Export “{name}”?"


def test_dicom_values_in_html_show_as_written_on_the_image_and_in_the_tooltips(
    qtbot: QtBot, big_picture: Path, tmp_path: Path
) -> None:
    """The header of a DICOM file is the sender's (or its modality's) word."""
    dataset = small_dx()
    institution = f"{PICTURE}Klinikum <font color=black>Nord</font>"
    dataset.InstitutionName = institution
    path = tmp_path / "thorax.dcm"
    dataset.save_as(path, enforce_file_format=True)
    viewer = open_viewer(path, None)
    assert isinstance(viewer, ImageViewer)
    qtbot.addWidget(viewer)

    assert institution in viewer.view.overlay_texts()["top-right"]
    viewer.resize(900, 700)
    viewer.view.grab()  # painted: the overlay lines are laid out
    (laid,) = [s for (text, _font), s in overlays._static.items() if text == institution]
    assert laid.size().height() < TALL
    assert laid.textFormat() is Qt.TextFormat.PlainText

    tips = []
    found = QTreeWidgetItemIterator(viewer.metadata)
    while found.value() is not None:
        if institution in found.value().text(1):
            tips.append(found.value().toolTip(1))
        found += 1
    assert tips and all(as_html_shows(tip) == institution for tip in tips)
