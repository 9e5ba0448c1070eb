"""Key image flag through the real relay: Jonas marks slice 13 of Anna's CT as key image;
the reply opens Anna's own copy of the study at exactly that slice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.medical.key_image import KOS_SOP_CLASS, read_key_image
from desktop_app.medical.loading import read_dataset
from desktop_app.ui.chat.composer import local_files
from desktop_app.ui.viewers.study_viewer import StudyWindow
from tests.medical.generators import make_ct_series, to_bytes
from tests.ui.chat_support import (
    TIMEOUT_MS,
    anna_and_jonas_chatting,
    call,
    chat_view,
    wait_row,
)

__all__ = ["chat_view"]  # the fixture

SLICES, KEY = 20, 13


def test_mark_as_key_image_opens_the_receivers_study_at_that_slice(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "CT Thorax"
    folder.mkdir()
    for k, ds in enumerate(reversed(make_ct_series(SLICES))):
        (folder / f"{k:03d}").write_bytes(to_bytes(ds))
    anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    anna_view.composer.add_files(local_files(mime))
    anna_view.composer.submit()
    row = wait_row(qtbot, jonas_view, lambda r: bool(r.message.attachments))
    (study,) = row.message.attachments

    opened: list[QWidget] = []
    jonas_view.opener.opened.connect(opened.append)
    jonas_view.open_attachment(study)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT_MS)
    window = opened[-1]
    assert isinstance(window, StudyWindow) and window.key_image is not None
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.shown == 0, timeout=TIMEOUT_MS)
    viewer.slider.setValue(KEY)
    qtbot.waitUntil(lambda: viewer.shown == KEY, timeout=TIMEOUT_MS)
    flagged = str(read_dataset(viewer.files[KEY], with_pixels=False).SOPInstanceUID)
    window.key_image.action.trigger()
    qtbot.waitUntil(lambda: "Sent" in window.key_image.status.text(), timeout=TIMEOUT_MS)

    reply = wait_row(
        qtbot, anna_view, lambda r: r.message.reply_to == row.message_id and
        bool(r.message.attachments)
    )  # fmt: skip
    note = reply.message.attachments[0]
    assert note.file_name == "CT Thorax-key-image.dcm"
    data = call(qtbot, anna, anna.ctx.client.attachment_bytes, note.attachment_id)
    assert read_dataset(data, with_pixels=False).SOPClassUID == KOS_SOP_CLASS
    assert read_key_image(data).sop_instance_uid == flagged

    anna_view.thumbnails.get(note)
    qtbot.waitUntil(lambda: anna_view.thumbnails.peek(note.attachment_id) is not None)
    preview = anna_view.thumbnails.peek(note.attachment_id)
    assert preview is not None and preview.detail == "Key image"

    shown: list[QWidget] = []
    anna_view.opener.opened.connect(shown.append)
    anna_view.open_attachment(note)
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT_MS)
    study_window = shown[-1]
    assert isinstance(study_window, StudyWindow)
    qtbot.waitUntil(lambda: study_window.viewer.shown == KEY, timeout=TIMEOUT_MS)
    current = study_window.viewer.files[study_window.viewer.current]
    assert str(read_dataset(current, with_pixels=False).SOPInstanceUID) == flagged
