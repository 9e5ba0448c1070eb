"""What a physician sees when a colleague's modified client sends a study whose manifest
lists an empty series, through the real relay (insider attack round, session 18).

Before, the viewer opened, and from the empty series on every row of its series browser
showed the NEXT series' thumbnail: the empty "MR 3 Knie" row showed the CT's picture
and the CT row none (thumbnails matched rows by position). Now each thumbnail belongs
to its series by index, and the study is refused as damaged with the usual line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.model import AttachmentState
from desktop_app.medical.study_package import package_chunks, read_series, read_thumbnail_sources
from desktop_app.ui.viewers.study_viewer import THUMBNAIL, StudyViewer, StudyWindow
from tests.services.study_forgery import EMPTY, inserted, scout_and_ct, send_forged_study
from tests.ui.chat_support import TIMEOUT_MS, anna_and_jonas_chatting, chat_view, wait_row

__all__ = ["chat_view"]  # the fixture


def shown_thumbnails(viewer: StudyViewer) -> dict[str, QImage | None]:
    """Each row's series line (its first line) -> the picture under it, if any."""
    out: dict[str, QImage | None] = {}
    for row in range(viewer.browser.count()):
        item = viewer.browser.item(row)
        icon = item.icon()
        picture = None if icon.isNull() else icon.pixmap(THUMBNAIL).toImage()
        out[item.text().split("\n")[0]] = picture
    return out


def honest_thumbnails(qtbot: QtBot, package: list[bytes]) -> dict[str, QImage | None]:
    """The pictures the real package code and viewer put under each series of the honest
    study (decoded in this process, so they are all there once it is built)."""
    manifest, sources = read_thumbnail_sources(iter(package))
    viewer = StudyViewer(
        manifest, sources, lambda i, deliver: deliver(read_series(iter(package), i)[1]), None
    )
    qtbot.addWidget(viewer)
    return shown_thumbnails(viewer)


def test_an_empty_series_never_puts_another_series_picture_under_a_row(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    honest = scout_and_ct(tmp_path / "CT Thorax")
    expected = honest_thumbnails(qtbot, list(package_chunks(honest)))
    assert len(expected) == 2 and all(expected.values())
    forged = inserted(honest, 1, (EMPTY,))  # scout, empty "MR 3 Knie leer", CT
    anna, _jonas, _cid, _anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    anna.ctx.bridge.submit(
        lambda: send_forged_study(anna.ctx.client.messenger, "mueller.jonas", forged, "CT Thorax")
    )
    row = wait_row(
        qtbot,
        jonas_view,
        lambda r: any(a.state is AttachmentState.STORED for a in r.message.attachments),
    )
    (study,) = row.message.attachments

    opened: list[QWidget] = []
    problems: list[str] = []
    jonas_view.opener.opened.connect(opened.append)
    jonas_view.opener.failed.connect(problems.append)
    jonas_view.open_attachment(study)

    def pictures_shown() -> int:
        window = opened[0] if opened else None
        if not isinstance(window, StudyWindow):
            return 0
        return sum(image is not None for image in shown_thumbnails(window.viewer).values())

    qtbot.waitUntil(lambda: bool(problems) or pictures_shown() == 2, timeout=TIMEOUT_MS)
    for window in opened:  # before the fix: under "MR 3 Knie leer" the CT's picture
        assert isinstance(window, StudyWindow)
        for series, image in shown_thumbnails(window.viewer).items():
            whose = [s for s, e in expected.items() if image is not None and e == image]
            assert image == expected.get(series), f"under {series!r}: the picture of {whose}"
        window.close()
    assert problems and "damaged" in problems[0], problems


def test_a_picture_goes_under_its_own_series_even_when_an_earlier_one_has_none(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The viewer's side of the binding: the scout's picture is missing (its decode
    failed, or it was never read), so the CT's picture goes under the CT, not the scout."""
    package = list(package_chunks(scout_and_ct(tmp_path / "CT Thorax")))
    expected = honest_thumbnails(qtbot, package)
    manifest, sources = read_thumbnail_sources(iter(package))
    del sources[0]
    viewer = StudyViewer(
        manifest, sources, lambda i, deliver: deliver(read_series(iter(package), i)[1]), None
    )
    qtbot.addWidget(viewer)
    scout, ct = expected
    assert shown_thumbnails(viewer) == {scout: None, ct: expected[ct]}
