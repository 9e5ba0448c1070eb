"""Service refusals in the German GUI, through a real relay: what the ward nurse reads in
the window where she acted is the table's German sentence (ui/error_texts_services.py),
not the services' English. A task/calendar refusal, a member change of a group, a pin
beyond the limit, forwarding and exporting switched off by IT."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import MessageId
from desktop_app.services.export import ExportKind
from desktop_app.ui import translations
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.menu import message_menu
from desktop_app.ui.directory.members import MembersDialog
from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from tests.ui.chat_support import TIMEOUT_MS, anna_and_jonas_chatting, chat_view, start_direct
from tests.ui.test_chat_forward_mentions import submit
from tests.ui.test_chat_pins import bar_texts
from tests.ui.test_chat_replies_reactions import menu_action, send

__all__ = ["chat_view"]  # the fixture


def test_a_file_that_is_no_calendar_is_refused_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None, tmp_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    window = CalendarWindow(anna.ctx, cid, "Jonas Müller")
    qtbot.addWidget(window)
    window.show()
    roster = tmp_path / "dienstplan.ics"
    roster.write_text("Frühdienst: Weber, Spätdienst: Müller\n", encoding="utf-8")
    window.import_ics(str(roster))
    qtbot.waitUntil(
        lambda: (
            window.status.text()
            == "Diese Kalenderdatei kann nicht importiert werden: Sie ist keine iCalendar-Datei "
            "(.ics), sie ist zu groß, oder einer ihrer Termine ist ungültig."
        ),
        timeout=TIMEOUT_MS,
    )


def test_adding_someone_the_directory_no_longer_lists_is_refused_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    """The search offered a person IT has since removed from the directory: the admin's
    "add" is refused by the group service, said in the members dialog, without the uid."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = submit(qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas"]))
    dialog = MembersDialog(anna.ctx, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=TIMEOUT_MS)
    assert dialog.view is not None and dialog.view.i_am_admin
    dialog.add("hoffmann.max")
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=TIMEOUT_MS)
    assert dialog.error.text() == (
        "Jemand der Ausgewählten steht nicht mehr im Mitarbeiterverzeichnis."
    )


def stale_action(view: ChatView, mid: MessageId, text: str) -> tuple[Any, Any]:
    """A message menu's action as it was when the menu opened (kept with its menu)."""
    menu = message_menu(view, view.model.index_of(mid), None)
    action = next(a for a in menu.actions() if a.text() == text)
    return menu, action


def test_a_pin_beyond_the_limit_is_refused_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, german: None
) -> None:
    """Anna opened the menu of a message while two were pinned; Jonas pins a third on his
    PC before she chooses "Anheften": the message events refuse a fourth pin."""
    _anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    first, second, third, fourth = (
        send(qtbot, anna_view, text) for text in ("Visite 14 Uhr", "Labor", "Röntgen", "Vier")
    )
    for row in (first, second):
        menu_action(anna_view, row.message_id, "Anheften").trigger()
    qtbot.waitUntil(lambda: len(bar_texts(anna_view)) == 2, timeout=TIMEOUT_MS)
    menu, pin = stale_action(anna_view, fourth.message_id, "Anheften")
    assert pin.isEnabled()

    qtbot.waitUntil(lambda: jonas_view.model.index_of(third.message_id).isValid(),
                    timeout=TIMEOUT_MS)  # fmt: skip
    qtbot.waitUntil(lambda: len(bar_texts(jonas_view)) == 2, timeout=TIMEOUT_MS)
    menu_action(jonas_view, third.message_id, "Anheften").trigger()
    qtbot.waitUntil(lambda: len(bar_texts(anna_view)) == 3, timeout=TIMEOUT_MS)

    pin.trigger()
    qtbot.waitUntil(lambda: anna_view.status.is_error(), timeout=TIMEOUT_MS)
    assert anna_view.status.text() == (
        "Höchstens 3 Nachrichten können angeheftet sein; lösen Sie zuerst eine."
    )
    assert len(bar_texts(anna_view)) == 3
    menu.deleteLater()


def test_forwarding_switched_off_while_choosing_is_refused_in_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, german: None
) -> None:
    """The forward dialog was open when IT switched forwarding off: the forwarding
    service refuses the copy, and the chat says why in German."""
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    gui_ward.enroll("schmidt.lena")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    other = start_direct(qtbot, anna, "schmidt.lena")
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    row = send(qtbot, view, "Befund Zimmer 12")
    menu_action(view, row.message_id, "Weiterleiten …").trigger()
    qtbot.waitUntil(lambda: view.message_actions.forward_dialog is not None,
                    timeout=TIMEOUT_MS)  # fmt: skip
    dialog = view.message_actions.forward_dialog
    assert dialog is not None

    client = anna.ctx.client
    client.rules = replace(client.rules, forward_allowed=False)  # IT's policy arrives
    dialog.select(other)
    dialog.accept()
    qtbot.waitUntil(lambda: view.status.is_error(), timeout=TIMEOUT_MS)
    assert view.status.text() == (
        "Das Weiterleiten von Nachrichten ist von Ihrer IT-Abteilung abgeschaltet."
    )


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Exporting from WardLink is switched off by your IT department; nothing was "
               "saved."),
        ("de", "Das Exportieren aus WardLink ist von Ihrer IT-Abteilung abgeschaltet; es wurde "
               "nichts gespeichert."),
    ],
)  # fmt: skip
def test_an_export_refused_by_policy_is_said_in_the_ui_language(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    language: str,
    said: str,
) -> None:
    """The export service refuses by policy (services/export.py): what the bridge hands
    the window's error box (ConversationList._export_failed), in English without the
    CLI's policy name, in German in German."""
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, language) if language != "en" else []
    request.addfinalizer(lambda: [app.removeTranslator(t) for t in installed])
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    client, target = anna.ctx.client, tmp_path / "akte.pdf"
    errors: list[str] = []
    anna.ctx.bridge.submit(
        lambda: client.export_conversation(cid, ExportKind.PDF, target, allowed=False),
        error=errors.append,
    )
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT_MS)
    assert errors == [said]
    assert not target.exists()
