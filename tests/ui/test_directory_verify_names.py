"""The safety-number dialog names a device as the person card does ("Device 2"), with its
raw id only in a small line for IT, also in its mismatch warning; in English and German.
(Seen in the walk: "Gerät 7f3c…9a2 von Jonas Müller", an id nobody at the PC can use.)"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.relay.admin import issue_code
from desktop_app.services.enrollment import enroll
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.ui.language_support import language
from tests.ui.test_directory_verify import WAIT, _open_verify, _panel

__all__ = ["language"]  # the fixture

SAID = {
    "en": {
        "devices": "Their device: Device 2\nYour device: this PC",
        "ids": "Device IDs for IT: theirs {theirs}, yours {mine}",
        "warning": "tell IT now (Device 2 of Jonas Müller; its ID is below)",
    },
    "de": {
        "devices": "Gerät der anderen Person: Gerät 2\nIhr Gerät: dieser PC",
        "ids": "Geräte-IDs für die IT: das andere {theirs}, Ihres {mine}",
        "warning": "informieren Sie sofort die IT (Gerät 2 von Jonas Müller; seine ID steht unten)",
    },
}


def test_the_second_device_is_device_2_and_its_id_is_only_in_the_line_for_it(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Any, language: str
) -> None:
    gui_ward.enroll("mueller.jonas")
    second = tmp_path / "jonas-second-pc"
    with Container.create(second, PASSPHRASE, Owner("Jonas Müller"), kdf=FAST_KDF) as c:
        code = issue_code(gui_ward.root, "mueller.jonas").code
        asyncio.run(enroll(c, ("127.0.0.1", gui_ward.relay.port), code, "PC 3B Flur"))
    anna = live_session(gui_ward, "weber.anna")
    panel = _panel(qtbot, anna, "mueller.jonas")
    assert len(panel.card.device_rows()) == 2
    dialog = _open_verify(qtbot, panel, row=1)
    assert dialog.view is not None
    theirs, mine = dialog.view.device_id, anna.ctx.client.session.device_id
    said = SAID[language]
    assert dialog.devices.text() == said["devices"]
    assert dialog.ids.text() == said["ids"].format(theirs=theirs, mine=mine)
    assert theirs not in dialog.devices.text()

    with qtbot.waitSignal(dialog.recorded, timeout=WAIT):
        qtbot.mouseClick(dialog.mismatch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.warning.isVisible, timeout=WAIT)
    assert said["warning"] in dialog.warning.text()
    assert theirs not in dialog.warning.text()
    assert dialog.ids.isVisible()  # IT's id stays on screen under the warning
