"""What the save dialog suggests for a handover, a calendar and a conversation export.

walk20b: every handover PDF was suggested as "handover.pdf" (a folder of printed shift
handovers could not be told apart), every calendar as "calendar.ics"; and the
conversation export put a colleague's group title into the name as it was, so "Station
3B / Kardio" suggested a folder "Station 3B " and a file " Kardio.pdf" in it.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.file_names import file_name_from
from desktop_app.ui import file_dialogs
from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from desktop_app.ui.teamwork.handover import HandoverWindow
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.test_handover_view import add_task
from tests.ui.test_teamwork_tasks import shown

TITLE = "Station 3B / Kardio"


@pytest.fixture
def suggested(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names the save dialog was opened with; the person then cancels."""
    names: list[str] = []

    def dialog(_parent: Any, _caption: str, name: str = "", _filter: str = "") -> tuple[str, str]:
        names.append(name)
        return "", ""

    monkeypatch.setattr(file_dialogs, "get_save_file_name", dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return names


def test_a_handover_and_a_calendar_are_suggested_by_ward_and_day_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None, suggested: list[str]
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "yilmaz.derya")
    cid = start_direct(qtbot, anna, "yilmaz.derya")
    add_task(qtbot, anna, cid, int((time.time() + 3600) * 1000))
    handover = shown(qtbot, HandoverWindow(anna.ctx, cid, TITLE))
    qtbot.waitUntil(lambda: handover.tree.topLevelItemCount() == 1, timeout=TIMEOUT_MS)
    handover.export_pdf()
    calendar = shown(qtbot, CalendarWindow(anna.ctx, cid, TITLE))
    calendar.export_ics()
    today = date.today().isoformat()
    assert suggested == [
        f"Übergabe Station 3B - Kardio {today}.pdf",
        "Kalender Station 3B - Kardio.ics",
    ]


def test_a_title_becomes_one_file_name() -> None:
    assert file_name_from(TITLE, "x") == "Station 3B - Kardio"
    assert file_name_from("../../Autostart", "x") == ".. - .. - Autostart"
    assert file_name_from('Dr. Weber\u202e "Befund": a|b?', "x") == "Dr. Weber - Befund - a - b"
    assert file_name_from(" \u200b ", "Unterhaltung") == "Unterhaltung"
