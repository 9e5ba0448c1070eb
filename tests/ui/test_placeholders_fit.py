"""Hints in empty fields are read whole, in German too, at the windows' usual sizes.

Seen on a ward PC (German, 1280x800): the task dialog's checklist line ("Neuer
Checklistenpunkt, Eingabetaste fügt ihn hinzu") and the staff search of "Neue Gruppe"
and of the directory ("Name, Station, Rolle oder Telefon such…") were cut."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations
from desktop_app.ui.directory import DirectoryPanel, NewGroupDialog
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.teamwork.task_dialog import TaskDialog
from tests.ui.chat_support import TIMEOUT_MS

LINE_EDIT_MARGIN = 2  # Qt's own gap between a line edit's frame and its text, each side


@pytest.fixture(params=["de", "en"])
def language(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    """The GUI in German (the longer words), then in English (the source text)."""
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de") if request.param == "de" else []
    assert installed or request.param == "en"
    yield str(request.param)
    for translator in installed:
        app.removeTranslator(translator)


def room(edit: QLineEdit) -> int:
    """The width a line edit gives its text (and hint): inside the frame, the text
    margins and Qt's own gap, less the buttons inside it (the clear button)."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    inside = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    width = inside.width() - margins.left() - margins.right() - 2 * LINE_EDIT_MARGIN
    buttons = [b for b in edit.findChildren(QToolButton) if b.isVisibleTo(edit)]
    return width - sum(b.width() for b in buttons)


def assert_hint_fits(edit: QLineEdit) -> None:
    hint = edit.placeholderText()
    assert hint
    needed = edit.fontMetrics().horizontalAdvance(hint)
    assert needed <= room(edit), (hint, needed, room(edit))


def test_the_checklist_line_hint_fits_in_the_task_dialog(qtbot: QtBot, language: str) -> None:
    dialog = TaskDialog([("mueller.jonas", "Jonas Müller")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.new_item.placeholderText()
    assert hint.startswith("Neuer Checklistenpunkt" if language == "de" else "New checklist")
    assert_hint_fits(dialog.new_item)


def test_the_member_search_hint_fits_in_the_new_group_dialog(
    qtbot: QtBot, gui_ward: Any, live_session: Any, language: str
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    dialog = NewGroupDialog(anna.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == ("Neue Gruppe" if language == "de" else "New group")
    german = "Name, Station, Rolle, Telefon"
    assert dialog.search.field.placeholderText() == (
        german if language == "de" else "Name, ward, role, phone"
    )
    assert_hint_fits(dialog.search.field)


def test_the_directory_search_hint_fits_in_the_main_window_at_1280(
    qtbot: QtBot, gui_ward: Any, live_session: Any, language: str
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    panel = DirectoryPanel(anna.ctx)
    main = MainWindow(anna.ctx, QWidget(), panel, lambda _title, _text: None)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    main.toggle_directory(True)
    qtbot.waitUntil(lambda: panel.tree.tree_model.rowCount() > 0, timeout=TIMEOUT_MS)
    assert_hint_fits(panel.search.field)
