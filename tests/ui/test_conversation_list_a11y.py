"""The conversation list's screen-reader text speaks the UI language, with plurals."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.model import ConversationKind
from desktop_app.services.live_views import ConversationRow
from desktop_app.ui.shell.conversation_list import ConversationModel
from tests.ui.test_viewer_translation import german

__all__ = ["german"]  # the fixture


def _row(unread: int) -> ConversationRow:
    when = datetime(2026, 12, 5, tzinfo=UTC)
    return ConversationRow(
        ConversationId(f"c{unread}"), "Station 3", ConversationKind.GROUP, unread, when,
        "Troponin?", "Anna", 4,
    )  # fmt: skip


def _spoken(unread_counts: list[int]) -> list[str]:
    model = ConversationModel()
    model.set_rows([_row(n) for n in unread_counts])
    role = Qt.ItemDataRole.AccessibleTextRole
    return [str(model.index(i).data(role)) for i in range(model.rowCount())]


def test_unread_count_is_spoken_in_english(qtbot: QtBot) -> None:
    assert _spoken([0, 1, 3]) == [
        "Station 3: Anna: Troponin?",
        "Station 3, 1 unread: Anna: Troponin?",
        "Station 3, 3 unread: Anna: Troponin?",
    ]


def test_unread_count_is_spoken_in_german(qtbot: QtBot, german: None) -> None:
    assert _spoken([1, 3]) == [
        "Station 3, 1 ungelesen: Anna: Troponin?",
        "Station 3, 3 ungelesen: Anna: Troponin?",
    ]
