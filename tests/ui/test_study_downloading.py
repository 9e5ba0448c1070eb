"""A received study's card while it still downloads (issue 18), through the real relay.

The receiver's download is held after the first series has arrived (a wrapper around
RelayLink.chunks waits for the test's go; nothing is timed): the card already shows with
"Downloading… 1 of 2 series", the first series opens in the study viewer with the
second greyed out, and releasing the download makes the second series selectable in the
same window, without re-opening it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.crypto.secretstream import plaintext_arrived
from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.medical.study import load_study
from desktop_app.medical.study_package import package_chunks, read_manifest, series_arrived
from desktop_app.protocol import BlobChunk
from desktop_app.services.relay_link import RelayLink
from desktop_app.ui.chat.composer import local_files
from desktop_app.ui.viewers.study_viewer import StudyWindow
from tests.medical.generators import make_ct_series, make_dx, to_bytes
from tests.ui.chat_support import (
    TIMEOUT_MS,
    anna_and_jonas_chatting,
    chat_view,
    wait_row,
)

__all__ = ["chat_view"]  # the fixture


def study_folder(root: Path) -> Path:
    """A scout (series 1, small) and a CT of 20 slices 256x256 (series 2, many chunks)."""
    folder = root / "CT Abdomen"
    folder.mkdir()
    dx = make_dx(64, 64)
    dx.SeriesNumber = 1
    (folder / "scout.dcm").write_bytes(to_bytes(dx))
    for k, ds in enumerate(make_ct_series(20, 256, 256)):
        ds.SeriesNumber = 2
        (folder / f"ct{k:03d}").write_bytes(to_bytes(ds))
    return folder


@dataclass
class Gate:
    """Downloads stop once the first series is complete (`held` is set) until `release`;
    with `damage` set, the first chunk after that is altered (secretstream refuses it)."""

    folder: Path
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    damage: threading.Event = field(default_factory=threading.Event)
    damaged: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def held_after_first_series(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Gate:
    gate = Gate(study_folder(tmp_path))
    manifest = read_manifest(package_chunks(load_study(gate.folder)))[0]
    original = RelayLink.chunks

    async def chunks(self: RelayLink, req_id: int) -> AsyncIterator[BlobChunk]:
        received = 0
        async for chunk in original(self, req_id):
            if gate.damage.is_set() and not gate.damaged.is_set():
                gate.damaged.set()  # one flipped byte
                flipped = bytes([chunk.data[0] ^ 1]) + chunk.data[1:]
                chunk = msgspec.structs.replace(chunk, data=flipped)
            yield chunk  # written and announced when the download asks for the next
            received += len(chunk.data)
            ready = series_arrived(manifest, plaintext_arrived(received))
            if ready == 1 and not chunk.last and not gate.release.is_set():
                gate.held.set()
                while not gate.release.is_set():
                    await asyncio.sleep(0.01)

    monkeypatch.setattr(RelayLink, "chunks", chunks)
    return gate


def send_study(qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, folder: Path) -> Any:
    """Anna drops the study folder on her chat with Jonas; Jonas's chat view."""
    _anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    anna_view.composer.add_files(local_files(mime))
    anna_view.composer.submit()
    return jonas_view


def open_study(qtbot: QtBot, view: Any, study: Attachment) -> StudyWindow:
    opened: list[QWidget] = []
    view.opener.opened.connect(opened.append)
    view.open_attachment(study)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT_MS)
    window = opened[0]
    assert isinstance(window, StudyWindow)
    qtbot.waitUntil(lambda: window.viewer.shown == 0, timeout=TIMEOUT_MS)  # the scout
    return window


def test_study_card_and_viewer_while_the_study_downloads(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    held_after_first_series: Gate,
) -> None:
    gate = held_after_first_series
    jonas_view = send_study(qtbot, gui_ward, live_session, chat_view, gate.folder)
    try:
        qtbot.waitUntil(gate.held.is_set, timeout=TIMEOUT_MS)
        row = wait_row(qtbot, jonas_view, lambda r: bool(r.message.attachments))
        (study,) = row.message.attachments
        assert study.state is AttachmentState.DOWNLOADING  # the card is here mid-download
        studies = jonas_view.delegate.studies  # what the card is painted from
        qtbot.waitUntil(lambda: studies.latest(study.attachment_id) is not None)
        line = studies.line(study)
        assert line.startswith("Downloading… 1 of 2 series, ") and line.endswith(" MB"), line

        problems: list[str] = []
        jonas_view.opener.failed.connect(problems.append)
        window = open_study(qtbot, jonas_view, study)
        viewer = window.viewer
        second = viewer.browser.item(1)
        assert "not yet arrived" in second.text()
        assert not second.flags() & Qt.ItemFlag.ItemIsEnabled
        assert viewer.arrived == 1  # still held: the second series has not come
    finally:
        gate.release.set()
    qtbot.waitUntil(lambda: viewer.arrived == 2, timeout=TIMEOUT_MS)  # same window
    assert "not yet arrived" not in second.text()
    assert second.flags() & Qt.ItemFlag.ItemIsEnabled
    wait_row(
        qtbot,
        jonas_view,
        lambda r: any(a.state is AttachmentState.STORED for a in r.message.attachments),
    )
    viewer.browser.setCurrentRow(1)
    qtbot.waitUntil(lambda: viewer.series_index == 1 and viewer.shown == 0, timeout=TIMEOUT_MS)
    assert not problems
    window.close()


def test_a_study_whose_download_breaks_says_so_and_retry_fetches_it(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The relay's stream is altered once, after the first series: the study's card ends
    as failed with its reason (the card's "Download failed · click to retry download"),
    and a click on it downloads the study again, whole this time."""
    folder = study_folder(tmp_path)
    manifest = read_manifest(package_chunks(load_study(folder)))[0]
    damaged = threading.Event()
    original = RelayLink.chunks

    async def chunks(self: RelayLink, req_id: int) -> AsyncIterator[BlobChunk]:
        received = 0
        async for chunk in original(self, req_id):
            ready = series_arrived(manifest, plaintext_arrived(received))
            received += len(chunk.data)
            if ready == 1 and not damaged.is_set():
                damaged.set()  # one flipped byte: secretstream refuses the chunk
                chunk = msgspec.structs.replace(
                    chunk, data=bytes([chunk.data[0] ^ 1]) + chunk.data[1:]
                )
            yield chunk

    monkeypatch.setattr(RelayLink, "chunks", chunks)
    _anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    anna_view.composer.add_files(local_files(mime))
    anna_view.composer.submit()

    row = wait_row(
        qtbot,
        jonas_view,
        lambda r: any(a.state is AttachmentState.FAILED for a in r.message.attachments),
    )
    assert damaged.is_set()
    (study,) = row.message.attachments
    assert "CT Abdomen.wlstudy arrived damaged" in study.failure, study.failure
    jonas_view.open_attachment(study)  # a click on a failed card downloads it again
    wait_row(
        qtbot,
        jonas_view,
        lambda r: any(a.state is AttachmentState.STORED for a in r.message.attachments),
    )


def test_a_viewer_open_while_the_download_breaks_says_so_and_a_retry_completes_it(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    held_after_first_series: Gate,
) -> None:
    gate = held_after_first_series
    jonas_view = send_study(qtbot, gui_ward, live_session, chat_view, gate.folder)
    try:
        qtbot.waitUntil(gate.held.is_set, timeout=TIMEOUT_MS)
        row = wait_row(qtbot, jonas_view, lambda r: bool(r.message.attachments))
        (study,) = row.message.attachments
        window = open_study(qtbot, jonas_view, study)
        viewer = window.viewer
        gate.damage.set()
    finally:
        gate.release.set()
    failed = wait_row(
        qtbot,
        jonas_view,
        lambda r: any(a.state is AttachmentState.FAILED for a in r.message.attachments),
    )
    assert gate.damaged.is_set()
    qtbot.waitUntil(lambda: viewer.download_failed, timeout=TIMEOUT_MS)
    assert "download failed" in viewer.browser.item(1).text()
    assert viewer.shown == 0  # what had arrived stays on screen
    jonas_view.open_attachment(failed.message.attachments[0])  # the card's retry
    qtbot.waitUntil(lambda: viewer.arrived == 2, timeout=TIMEOUT_MS)  # the same window
    assert not viewer.download_failed
    assert viewer.browser.item(1).flags() & Qt.ItemFlag.ItemIsEnabled
    window.close()
