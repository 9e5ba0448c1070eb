"""What the PC itself refuses, in the German GUI, through a real relay: a full disk, a
file the PC cannot read, a relay of another hospital. Before, each reached the window in
English (the storage layer's, the OS's or the crypto layer's words); now the nurse reads
a German sentence that says what happened and what to do, the technical detail in
brackets for IT where it helps."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations
from desktop_app.ui.shell.connection_label import ConnectionLabel
from tests.faults.inject import container_disk_full
from tests.ui.chat_support import TIMEOUT_MS, start_direct

BIG = "Befund " + "x" * 6000  # needs an overflow page wherever it is stored
DISK_FULL = (
    "Die Festplatte dieses PCs ist voll; WardLink kann jetzt nichts speichern (bisher "
    "Gespeichertes bleibt erhalten). Bitte informieren Sie Ihre IT-Abteilung."
)


@pytest.fixture
def german(qtbot: QtBot) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    assert installed, "wardlink_de.qm did not load"
    yield
    for translator in installed:
        app.removeTranslator(translator)


def test_a_full_disk_while_receiving_is_said_in_german_in_the_status_bar(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    """Jonas writes while Anna's container cannot grow (a real SQLITE_FULL): her status
    bar turns red, and its tooltip says in German why and that nothing is lost."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, jonas, "weber.anna")
    label = ConnectionLabel()
    qtbot.addWidget(label)
    anna.ctx.events.connection.connect(label.show_status)
    with container_disk_full(anna.container):
        jonas.ctx.bridge.submit(lambda: jonas.ctx.client.send_text(cid, BIG))
        qtbot.waitUntil(
            lambda: "Nachrichten können auf diesem PC nicht gespeichert werden" in label.text(),
            timeout=TIMEOUT_MS,
        )
    assert label.toolTip() == (
        DISK_FULL + "\nNachrichten an Sie warten auf dem Relay, bis sie gespeichert werden können."
    )


def test_a_full_disk_while_sending_is_said_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    """Anna sends while her container cannot grow: what the bridge hands the chat."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    errors: list[str] = []
    with container_disk_full(anna.container):
        anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(cid, BIG), error=errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT_MS)
    assert errors == [DISK_FULL]
