"""The status bar's connection word, including a PC that cannot store what arrives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop_app.services.live_views import ConnectionStatus, Link
from desktop_app.ui.shell.connection_label import ConnectionLabel

QM = Path(__file__).resolve().parents[2] / "resources" / "translations" / "wardlink_de.qm"
FULL = "The disk is full; the last change was not saved, everything saved before is intact."


def test_a_full_disk_is_shown_in_red_with_the_reason(qtbot: QtBot) -> None:
    label = ConnectionLabel()
    qtbot.addWidget(label)
    label.show_status(ConnectionStatus(Link.CONNECTED, "127.0.0.1:7443"))
    assert "Connected" in label.text() and "cannot be saved" not in label.text()
    label.show_status(ConnectionStatus(Link.CONNECTED, "127.0.0.1:7443", storage_problem=FULL))
    assert "Messages cannot be saved on this PC" in label.text()
    assert label.toolTip() == FULL
    assert "#b3261e" in label.styleSheet()


def test_in_german(qtbot: QtBot) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        label = ConnectionLabel()
        qtbot.addWidget(label)
        label.show_status(ConnectionStatus(Link.CONNECTED, "relay:1", storage_problem=FULL))
        assert "Nachrichten können auf diesem PC nicht gespeichert werden" in label.text()
    finally:
        QCoreApplication.removeTranslator(translator)
