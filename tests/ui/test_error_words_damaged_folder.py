"""A person's folder damaged around an intact database (a file where the attachment
folder belongs) or a missing file of WardLink itself: before, the start screen showed
the OS's English ("[Errno 17] File exists: '…/blobs'") in a German window; now a German
sentence that says nothing was changed and whom to tell, the OS's words for IT after it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.storage.container import Container
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.error_text import user_message
from tests.conftest import PASSPHRASE
from tests.ui.shell_rig import make_controller
from tests.ui.test_app_flow import pick_person


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


def test_a_damaged_folder_is_said_in_german_and_the_data_stays(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any, german: None
) -> None:
    anna: Path = gui_ward.enroll("weber.anna")
    database = (anna / "container.db").read_bytes()
    shutil.rmtree(anna / "blobs")
    (anna / "blobs").write_text("not a folder")
    controller = make_controller(bridge, anna.parent, gui_ward.address)
    try:
        controller.show_start()
        start = controller.start
        pick_person(qtbot, start, 0)
        qtbot.keyClicks(start.passphrase, PASSPHRASE)
        qtbot.mouseClick(start.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: start.unlock_button.isEnabled(), timeout=20_000)
        assert start.error.text() == (
            "WardLink konnte die Daten dieser Person auf diesem PC nicht lesen oder "
            "schreiben (ein Problem mit der Festplatte oder dem Laufwerk). Bitte versuchen "
            "Sie es erneut und wenden Sie sich an die IT, wenn das anhält. "
            f"(File exists: {anna / 'blobs'})"
        )
        assert controller.person is None or controller.main is None
    finally:
        controller.shutdown()
    assert (anna / "container.db").read_bytes() == database  # nothing of hers was changed
    (anna / "blobs").unlink()
    Container.open(anna, PASSPHRASE).close()  # the folder mended, she opens as before


def test_a_missing_file_of_wardlink_itself_is_said_in_german(german: None) -> None:
    missing = FileNotFoundError(2, "No such file or directory", "/opt/wardlink/migrations")
    assert user_message(missing) == (
        "WardLink konnte eine Datei auf diesem PC nicht verwenden; es wurde nichts "
        "verändert. Bitte versuchen Sie es erneut und wenden Sie sich an die IT, wenn das "
        "anhält. "
        "(No such file or directory: /opt/wardlink/migrations)"
    )
