"""PDFs inside the app: pages, zoom, thumbnails, find, keys, errors, German, headless PNG.

The PDFs are written in the test with QPdfWriter (tests/ui/pdf_samples.py); the
Encapsulated PDF wraps one in DICOM (tests/medical/test_documents.encapsulated).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QAction, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.medical.errors import MedicalError
from desktop_app.ui import translations
from desktop_app.ui.viewers.pdf_document import PageOutOfRange
from desktop_app.ui.viewers.pdf_view import ZOOM_STEP, PdfViewer
from desktop_app.ui.viewers.qimage import qimage_to_array
from desktop_app.ui.viewers.render import pdf_page_image
from desktop_app.ui.viewers.viewer_window import ErrorNotice, ViewerWindow, open_viewer
from tests.medical.test_documents import encapsulated
from tests.ui.pdf_samples import damaged, make_pdf, protected_pdf

PAGES = ["Kalium 4,2 mmol/l", "Sinusrhythmus 72/min", "Seite drei"]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def letter() -> bytes:
    return make_pdf(PAGES, title="EKG-Befund Station 3")


def _viewer(qtbot: QtBot, data: bytes) -> PdfViewer:
    viewer = open_viewer(data, None)
    assert isinstance(viewer, PdfViewer), getattr(viewer, "text", lambda: "")()
    qtbot.addWidget(viewer)
    viewer.resize(1000, 800)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.activateWindow()  # shortcuts (Ctrl+F) go to the active window only
    qtbot.waitUntil(viewer.isActiveWindow)
    viewer.setFocus()
    return viewer


def test_bare_and_encapsulated_pdf_open_from_memory_with_pages_and_thumbnails(
    qtbot: QtBot, letter: bytes
) -> None:
    for data in (letter, encapsulated(letter)):
        viewer = _viewer(qtbot, data)
        assert viewer.page_count == 3
        assert viewer.title == "EKG-Befund Station 3"
        assert viewer.page_label.text() == "Page 1 of 3"
        qtbot.waitUntil(viewer.thumbnails_done, timeout=TIMEOUT_MS)
        assert viewer.rendered == {0, 1, 2}
        viewer.thumbnails.setCurrentRow(2)  # a click on the third thumbnail
        assert viewer.current_page() == 2 and viewer.page_label.text() == "Page 3 of 3"


def test_a_long_pdf_renders_only_the_thumbnails_in_view(qtbot: QtBot) -> None:
    viewer = _viewer(qtbot, make_pdf([f"Seite {n}" for n in range(1, 61)]))
    qtbot.waitUntil(viewer.thumbnails_done, timeout=TIMEOUT_MS)
    assert 0 in viewer.rendered and len(viewer.rendered) < 15
    viewer.go_to(59)  # the sidebar follows the page and renders what comes into view
    qtbot.waitUntil(lambda: 59 in viewer.rendered, timeout=TIMEOUT_MS)
    assert len(viewer.rendered) < 30 and viewer.page_label.text() == "Page 60 of 60"


def test_page_navigation_and_zoom(qtbot: QtBot, letter: bytes) -> None:
    viewer = _viewer(qtbot, letter)
    viewer.go_to(1, relative=True)
    assert viewer.current_page() == 1 and viewer.thumbnails.currentRow() == 1
    viewer.go_to(5, relative=True)  # clamped to the last page
    assert viewer.current_page() == 2
    viewer.go_to(0)
    fitted = viewer.effective_zoom()
    viewer.zoom_by(ZOOM_STEP)
    assert viewer.effective_zoom() == pytest.approx(fitted * ZOOM_STEP)
    viewer.zoom_by(1 / ZOOM_STEP)
    viewer.zoom_by(1 / ZOOM_STEP)
    assert viewer.effective_zoom() == pytest.approx(fitted / ZOOM_STEP)
    viewer.fit_width()
    assert viewer.effective_zoom() == pytest.approx(fitted)
    centre = QPointF(viewer.view.viewport().rect().center())
    wheel = QWheelEvent(
        centre, viewer.view.viewport().mapToGlobal(centre), QPoint(), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(viewer.view.viewport(), wheel)  # Ctrl+wheel: one notch in
    assert viewer.effective_zoom() == pytest.approx(fitted * ZOOM_STEP)


def test_find_jumps_to_a_word_on_page_two_and_steps_through_hits(
    qtbot: QtBot, letter: bytes
) -> None:
    viewer = _viewer(qtbot, letter)
    qtbot.keyClick(viewer.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert viewer.find_bar.isVisible() and viewer.find_box.hasFocus()
    qtbot.keyClicks(viewer.find_box, "Sinusrhythmus")
    qtbot.waitUntil(lambda: viewer.current_page() == 1, timeout=TIMEOUT_MS)
    assert viewer.current_hit == 0
    assert viewer.find_status.text() == "1 of 1"
    viewer.find_box.clear()
    qtbot.keyClicks(viewer.find_box, "e")  # hits on every page
    qtbot.waitUntil(lambda: viewer.search_count() >= 3, timeout=TIMEOUT_MS)
    qtbot.keyClick(viewer.find_box, Qt.Key.Key_Return)
    assert viewer.current_hit == 1
    viewer.find_previous()
    viewer.find_previous()  # wraps to the last hit
    assert viewer.current_hit == viewer.search_count() - 1
    assert viewer.current_page() == 2
    viewer.find_box.setText("Appendizitis")
    qtbot.waitUntil(lambda: viewer.find_status.text() == "Not found", timeout=TIMEOUT_MS)


def test_escape_closes_the_find_bar_then_the_window_and_ctrl_w_closes(
    qtbot: QtBot, letter: bytes
) -> None:
    for key, modifier in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        window = ViewerWindow(letter, None, title="befund.pdf")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        viewer = window.viewer
        assert isinstance(viewer, PdfViewer)
        viewer.open_find()
        if key is Qt.Key.Key_Escape:
            qtbot.keyClick(viewer.find_box, key, modifier)
            assert not viewer.find_bar.isVisible() and window.isVisible()
            qtbot.keyClick(viewer.view, key, modifier)
        else:
            qtbot.keyClick(viewer.find_box, key, modifier)
        assert not window.isVisible()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda pdf: damaged(pdf), "is damaged or not a valid PDF"),
        (lambda pdf: pdf[: len(pdf) // 2], "is damaged or not a valid PDF"),
        (lambda pdf: protected_pdf(), "is password-protected"),
        (lambda pdf: encapsulated(protected_pdf()), "is password-protected"),
    ],
)
def test_damaged_or_protected_pdf_gives_one_clear_error(
    qtbot: QtBot, letter: bytes, make: object, message: str
) -> None:
    assert callable(make)
    window = ViewerWindow(make(letter), None, title="befund.pdf")
    qtbot.addWidget(window)
    assert isinstance(window.viewer, ErrorNotice)
    assert message in window.viewer.text()
    with pytest.raises(MedicalError, match=message):
        pdf_page_image(make(letter))


def test_rendered_page_has_text_pixels_where_the_text_is(letter: bytes) -> None:
    for data in (letter, encapsulated(letter)):
        image = pdf_page_image(data, 1, QSize(1024, 1024))
        assert (image.width(), image.height()) == (723, 1024)  # A4 fitted into the box
        pixels = qimage_to_array(image)[..., :3].min(axis=-1)
        text_area, lower_half = pixels[30:130, 30:600], pixels[512:]
        assert int(np.count_nonzero(text_area < 100)) > 500  # dark glyphs on page 2
        assert int(lower_half.min()) == 255  # and white paper, not black
    with pytest.raises(PageOutOfRange, match="has 3 page"):
        pdf_page_image(letter, 3)


@pytest.fixture
def german(qtbot: QtBot) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    locale = QLocale()
    installed = translations.install(app, "de")
    assert installed, "wardlink_de.qm did not load"
    yield
    for translator in installed:
        app.removeTranslator(translator)
    QLocale.setDefault(locale)


def test_the_pdf_viewer_speaks_german(qtbot: QtBot, letter: bytes, german: None) -> None:
    viewer = _viewer(qtbot, letter)
    actions = [a.text() for a in viewer.toolbar.actions() if isinstance(a, QAction) and a.text()]
    assert {"Seitenbreite", "Vergrößern", "Verkleinern", "Nächste Seite"} <= set(actions)
    assert viewer.page_label.text() == "Seite 1 von 3"
    viewer.find_box.setText("Appendizitis")
    qtbot.waitUntil(lambda: viewer.find_status.text() == "Nicht gefunden", timeout=TIMEOUT_MS)
    notice = open_viewer(protected_pdf(), None)
    qtbot.addWidget(notice)
    assert isinstance(notice, ErrorNotice)
    assert notice.text().startswith("Diese Datei kann nicht angezeigt werden")
