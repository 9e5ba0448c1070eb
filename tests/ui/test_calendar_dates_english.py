"""The calendar in English writes its dates as its event dialog does (07/12/2026), not
in the German form (07.12.) above a dialog that says 07/12/2026; German stays German."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations
from tests.ui.test_teamwork_calendar import open_window, two_pcs, wait_dialog


def test_the_week_heading_and_the_event_dialog_write_dates_alike(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    QLocale.setDefault(translations.locale_for("en"))
    _anna, jonas, cid = two_pcs(qtbot, gui_ward, live_session)
    window = open_window(qtbot, jonas, cid)
    window.show_week(date(2026, 12, 9))

    assert window.range_label.text() == "07/12 – 13/12/2026"
    assert window.view.day_names()[:2] == ["Mon 07/12", "Tue 08/12"]
    window.day_button.click()  # the day view: one date, with its year
    assert window.range_label.text() == "07/12/2026"

    window.add_button.click()
    dialog = wait_dialog(qtbot, window)
    assert dialog.start_edit.text().startswith("07/12/2026 ")  # the same form
    dialog.reject()

    QLocale.setDefault(translations.locale_for("de"))
    window.show_week(date(2026, 12, 9))
    assert window.range_label.text() == "07.12. – 13.12.2026"
    assert window.view.day_names()[0].endswith(" 07.12.")
