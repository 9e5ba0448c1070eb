"""A refused calendar event leaves its dialog open with everything typed, and says why.

Seen in the walk-through: the event dialog closed on OK before the calendar checked the
event, so a refused repetition (or time) showed the reason in the window while all that
had been typed was gone; the nurse typed the whole event again ("nothing lost")."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from desktop_app.ui.teamwork.event_dialog import EventDialog
from tests.ui.chat_support import TIMEOUT_MS, chat_view
from tests.ui.language_support import language
from tests.ui.test_calendar_repeat_refused import SAID, weekly_from_2095
from tests.ui.test_chat_forward_mentions import submit
from tests.ui.test_error_words_pc import calendar

__all__ = ["chat_view", "language"]  # the fixtures

NO_REPEAT = {"en": "Does not repeat", "de": "Keine Wiederholung"}
BAD_TIME = {
    "en": "This event cannot be saved: its title or notes are too long, or its start and "
    "end are not valid.",
    "de": "Dieser Termin kann nicht gespeichert werden: Titel oder Notizen sind zu lang, oder "
    "Beginn und Ende sind ungültig.",
}


def test_a_refused_repetition_keeps_the_dialog_open_as_typed(
    qtbot: QtBot, gui_ward: Any, live_session: Any, language: str
) -> None:
    window = calendar(qtbot, gui_ward, live_session)
    dialog = weekly_from_2095(qtbot, window, language)
    qtbot.keyClicks(dialog.location_edit, "Station 4B")
    typed = (dialog.start_edit.dateTime(), dialog.end_edit.dateTime())

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert _shown_texts(dialog).count(SAID[language]) == 1  # the reason, in the dialog
    assert dialog.title_edit.text() == "Visite"
    assert dialog.location_edit.text() == "Station 4B"
    assert (dialog.start_edit.dateTime(), dialog.end_edit.dateTime()) == typed
    assert dialog.focusWidget() is dialog.repeat_box  # the field at fault

    dialog.repeat_box.setCurrentIndex(dialog.repeat_box.findText(NO_REPEAT[language]))
    assert _shown_texts(dialog).count(SAID[language]) == 0  # changing it answers it
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)
    assert window.status.text() == ""
    window.show_week(date(2095, 3, 7))
    qtbot.waitUntil(
        lambda: [r.occurrence.title for r in window.view.rows] == ["Visite"], timeout=TIMEOUT_MS
    )


def test_an_event_beyond_the_years_keeps_the_dialog_open_at_its_start(
    qtbot: QtBot, language: str
) -> None:
    """Checked in the dialog (no window needed): the times are the fault."""
    dialog = EventDialog([], [], datetime(2026, 12, 7, 14, 0, tzinfo=UTC))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.title_edit, "Visite")
    dialog.start_edit.setDateTime(
        QDateTime.fromString("9500-01-01T08:00:00", Qt.DateFormat.ISODate)
    )
    dialog.end_edit.setDateTime(QDateTime.fromString("9500-01-01T09:00:00", Qt.DateFormat.ISODate))
    assert dialog.ok_button is not None

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert _shown_texts(dialog).count(BAD_TIME[language]) == 1
    assert dialog.focusWidget() is dialog.start_edit


def test_a_duty_role_without_its_holder_is_said_at_the_holder(qtbot: QtBot, language: str) -> None:
    """The services refused it as "title or notes too long, or start and end not valid"."""
    said = {
        "en": "A duty shift needs both the duty role and who is on duty.",
        "de": "Ein Dienst braucht beides: die Dienstrolle und wer im Dienst ist.",
    }[language]
    roles = [("dienstarzt.kardio", "Dienstarzt Kardiologie")]
    dialog = EventDialog([("weber.anna", "Dr. Anna Weber")], roles, datetime.now(UTC))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.title_edit, "Dienst")
    dialog.role_box.setCurrentIndex(dialog.role_box.findText("Dienstarzt Kardiologie"))
    assert dialog.ok_button is not None

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and _shown_texts(dialog).count(said) == 1
    assert dialog.focusWidget() is dialog.holder_box
    dialog.holder_box.setCurrentIndex(dialog.holder_box.findText("Dr. Anna Weber"))
    assert _shown_texts(dialog).count(said) == 0
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_refusal_only_the_services_know_is_said_in_the_open_dialog(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """Removed from the group while typing: no rule in the dialog knows that; the
    services' refusal comes back into the dialog, and what was typed is still there."""
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "mueller.jonas")  # stays in the group when Lena is removed
    lena = live_session(gui_ward, "schmidt.lena")
    members = ["mueller.jonas", "schmidt.lena"]
    group = submit(qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", members))
    view = chat_view(lena)
    view.show_conversation(group, "Station 3B")
    window = CalendarWindow(lena.ctx, group, "Station 3B")
    qtbot.addWidget(window)
    window.show()
    window.add(None)
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    dialog = window.dialog
    assert dialog is not None and dialog.ok_button is not None
    qtbot.keyClicks(dialog.title_edit, "Übergabe")

    submit(qtbot, anna, lambda: anna.ctx.client.remove_member(group, "schmidt.lena"))
    qtbot.waitUntil(lambda: view.composer.removed_note.isVisible(), timeout=TIMEOUT_MS)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    said = "You are no longer a member of this conversation."
    qtbot.waitUntil(lambda: said in _shown_texts(dialog), timeout=TIMEOUT_MS)
    assert dialog.isVisible() and dialog.title_edit.text() == "Übergabe"
    assert dialog.ok_button.isEnabled()  # may be tried again, or cancelled


def _shown_texts(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
