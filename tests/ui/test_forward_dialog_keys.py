"""Forwarding by keyboard: type part of a conversation's name, Enter forwards to the
highlighted match; Up/Down from the search box move the highlight; a conversation
filtered away never stays chosen behind an enabled Forward button that does nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.model import ConversationKind
from desktop_app.services.live_views import ConversationRow
from desktop_app.ui.chat.forward_dialog import ForwardDialog


def row(cid: str, title: str, kind: ConversationKind) -> ConversationRow:
    return ConversationRow(
        ConversationId(cid), title, kind, 0, datetime(2026, 12, 7, 9, tzinfo=UTC), "", "", 2
    )


ROWS = [
    row("c-bauer", "Jörg Bauer", ConversationKind.DIRECT),
    row("c-dienst", "Dienstarzt Kardiologie", ConversationKind.GROUP),
    row("c-3b", "Station 3B", ConversationKind.GROUP),
    row("c-5a", "Station 5A", ConversationKind.GROUP),
]


def opened(qtbot: QtBot) -> ForwardDialog:
    dialog = ForwardDialog(ROWS)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.raise_()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.filter.setFocus()
    return dialog


def test_typing_a_name_and_enter_forwards_there(qtbot: QtBot) -> None:
    dialog = opened(qtbot)
    forward = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    chosen: list[tuple[str, str]] = []
    dialog.chosen.connect(lambda cid, title: chosen.append((cid, title)))

    qtbot.keyClicks(dialog.filter, "station")
    assert forward.isEnabled()
    assert dialog.list.currentItem().text() == "👥 Station 3B"
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Down)  # the next match
    assert dialog.list.currentItem().text() == "👥 Station 5A"
    assert dialog.filter.hasFocus()  # typing can go on
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert chosen == [("c-5a", "Station 5A")]
    assert not dialog.isVisible()


def test_a_chosen_conversation_filtered_away_is_not_forwarded_to(qtbot: QtBot) -> None:
    dialog = opened(qtbot)
    forward = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.select("c-bauer")
    qtbot.keyClicks(dialog.filter, "Dienst")
    assert dialog.list.currentItem().text() == "👥 Dienstarzt Kardiologie"
    qtbot.keyClicks(dialog.filter, "xyz")  # nothing matches: nothing to forward to
    assert dialog.list.currentItem() is None and not forward.isEnabled()
