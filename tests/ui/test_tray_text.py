"""A colleague's title in a tray notification shows as written, also where the
freedesktop notification server reads the body as markup (Linux)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from desktop_app.ui.app import app_icon, tray_notifier
from desktop_app.ui.tray_text import notification_body

HOSTILE = 'Station <b>4</b> & Co<img src="x.png"><a href="https://evil">hier</a>'
REMINDER = f"{HOSTILE}: Visite is due now"


def markup_reader_shows(body: str) -> str:
    """What a notification server that reads body markup shows (its markup is HTML's)."""
    document = QTextDocument()
    document.setHtml(body)
    return document.toPlainText()


@pytest.mark.parametrize("platform", ["linux", "freebsd14"])
def test_markup_platforms_escape_the_body(qapp: QApplication, platform: str) -> None:
    body = notification_body(REMINDER, platform)
    assert "<" not in body and ">" not in body
    assert body.startswith("Station &lt;b&gt;4&lt;/b&gt; &amp; Co&lt;img")
    assert markup_reader_shows(body) == REMINDER


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_plain_text_platforms_keep_the_body_as_written(platform: str) -> None:
    assert notification_body(REMINDER, platform) == REMINDER
    assert notification_body("Dosis & Gabe", platform) == "Dosis & Gabe"


class RecordingTray(QSystemTrayIcon):
    """A real tray icon that also keeps what it was asked to show."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app_icon(), app)
        self.shown: list[tuple[str, str]] = []

    def showMessage(self, title: str, msg: str, *args: object) -> None:  # type: ignore[override]  # noqa: N802
        self.shown.append((title, msg))


def test_the_app_notifier_passes_the_literal_body(qapp: QApplication) -> None:
    tray = RecordingTray(qapp)
    tray_notifier(qapp, tray, "linux")("WardLink reminder", REMINDER)
    tray_notifier(qapp, tray, "win32")("WardLink reminder", REMINDER)
    (title, linux), (_, windows) = tray.shown
    assert title == "WardLink reminder"
    assert markup_reader_shows(linux) == REMINDER
    assert windows == REMINDER
