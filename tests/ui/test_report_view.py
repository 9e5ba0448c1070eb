"""A structured report opens in the viewer as text with its status, in either language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations
from desktop_app.ui.viewers.report_view import ReportView
from desktop_app.ui.viewers.viewer_window import open_viewer
from tests.medical.generators import to_bytes
from tests.medical.test_structured_report import make_report


def test_a_report_attachment_shows_its_tree_and_status(qtbot: QtBot) -> None:
    widget = open_viewer(to_bytes(make_report()), None)
    qtbot.addWidget(widget)
    assert isinstance(widget, ReportView)
    assert widget.status.text() == "Structured report: complete, verified by Weber Anna"
    text = widget.text.toPlainText()
    assert "  Diameter: 12.5 mm" in text and text.startswith("Röntgen Thorax Befund")
    assert widget.text.isReadOnly()


def test_the_report_status_speaks_german(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    try:
        widget = open_viewer(to_bytes(make_report()), None)
        qtbot.addWidget(widget)
        assert isinstance(widget, ReportView)
        assert widget.status.text() == (
            "Strukturierter Befund: vollständig, freigegeben von Weber Anna"
        )
    finally:
        for translator in installed:
            app.removeTranslator(translator)
