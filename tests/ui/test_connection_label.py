"""The status bar's connection word, including a PC that cannot store what arrives."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop_app.services.errors import RelayUnavailable
from desktop_app.services.live_views import ConnectionStatus, Link
from desktop_app.storage.errors import DiskFull
from desktop_app.ui.shell.connection_label import ConnectionLabel

QM = Path(__file__).resolve().parents[2] / "resources" / "translations" / "wardlink_de.qm"
FULL = "The disk is full; the last change was not saved, everything saved before is intact."
EXPIRES = datetime(2028, 12, 1, 12, 0, tzinfo=UTC)  # within the warning window


def test_a_full_disk_is_shown_in_red_with_the_reason(qtbot: QtBot) -> None:
    label = ConnectionLabel()
    qtbot.addWidget(label)
    label.show_status(ConnectionStatus(Link.CONNECTED, "127.0.0.1:7443"))
    assert "Connected" in label.text() and "cannot be saved" not in label.text()
    full = DiskFull("No space left on device")
    label.show_status(
        ConnectionStatus(
            Link.CONNECTED, "127.0.0.1:7443", storage_problem=str(full), storage_error=full
        )
    )
    assert "Messages cannot be saved on this PC" in label.text()
    assert label.toolTip() == (  # the GUI's words, the OS's in brackets, then what waits
        "This PC's disk is full; WardLink cannot save anything now (what was saved before is "
        "kept). Please tell your IT department. (No space left on device)\n"
        "Messages for you wait on the relay until they can be saved."
    )
    assert "#b3261e" in label.styleSheet()


def test_a_certificate_about_to_expire_is_shown_in_red_with_the_date(qtbot: QtBot) -> None:
    label = ConnectionLabel()
    qtbot.addWidget(label)
    label.show_status(ConnectionStatus(Link.CONNECTED, "127.0.0.1:7443"))
    assert "certificate" not in label.text() and label.toolTip() == ""
    label.show_status(
        ConnectionStatus(Link.CONNECTED, "127.0.0.1:7443", certificate_expires=EXPIRES)
    )
    assert label.text().startswith("● Connected to relay 127.0.0.1:7443")
    assert "This PC's certificate expires soon; ask IT" in label.text()
    said = label.toolTip()  # the date in the UI language's form (QLocale)
    assert said.startswith("This PC's certificate expires on ") and "2028" in said
    assert said.endswith("and could not be renewed; please ask your IT department to renew it.")
    assert "#b3261e" in label.styleSheet()
    label.show_status(
        ConnectionStatus(Link.OFFLINE, problem="refused", certificate_expires=EXPIRES)
    )
    assert "Offline" in label.text() and "certificate expires soon" in label.text()
    assert label.toolTip() == "refused\n" + said


def test_in_german(qtbot: QtBot) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        label = ConnectionLabel()
        qtbot.addWidget(label)
        label.show_status(ConnectionStatus(Link.CONNECTED, "relay:1", storage_problem=FULL))
        assert "Nachrichten können auf diesem PC nicht gespeichert werden" in label.text()
        label.show_status(ConnectionStatus(Link.CONNECTED, "relay:1", certificate_expires=EXPIRES))
        assert "Das Zertifikat dieses PCs läuft bald ab; bitte die IT fragen" in label.text()
        # why the relay cannot be reached: the tooltip in German, not the services' English
        unreachable = RelayUnavailable(
            "Cannot reach the relay at 10.0.0.5:7443: [Errno 111] Connection refused.",
            key="relay_unreachable",
            address="10.0.0.5:7443",
        )
        label.show_status(
            ConnectionStatus(Link.OFFLINE, problem=str(unreachable), problem_error=unreachable)
        )
        assert label.toolTip() == "Das Relay unter 10.0.0.5:7443 ist nicht erreichbar."
    finally:
        QCoreApplication.removeTranslator(translator)
