"""Every date and time on screen follows the UI language (ui/dates.py): 07.12.26 22:49 in
German, 07/12/2026 22:49 in English, 24-hour time in both. An English walkthrough found
search results in the German form (07.12.2026 22:49) beside task lists in the US one
(12/7/26 10:49 PM), the duty strip's "until 07.12. 07:30" and the edit history's
"12/7/26 22:49"."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId, MessageId, Uid
from desktop_app.domain.marked_text import MarkedText
from desktop_app.domain.model import Message
from desktop_app.services.live_teamwork import DutyRow
from desktop_app.services.search import SearchResult
from desktop_app.ui.chat.history import EditHistory
from desktop_app.ui.shell.search_results import SearchResults
from desktop_app.ui.teamwork.duty_strip import DutyStrip
from desktop_app.ui.teamwork.wording import when
from tests.ui.language_support import language
from tests.ui.test_attack_rich_text import label_shows

__all__ = ["language"]  # the fixture

# A local evening time more than a week before any run of these tests: search results
# name today, yesterday and this week's days by word (ui/shell/search_results.py).
MOMENT = datetime(2026, 11, 7, 22, 49).astimezone()
SHOWN = {"en": "07/11/2026 22:49", "de": "07.11.26 22:49"}


def test_search_results_write_when_in_the_ui_language(qtbot: QtBot, language: str) -> None:
    results = SearchResults()
    qtbot.addWidget(results)
    message = Message(
        MessageId("m1"), ConversationId("c1"), Uid("weber.anna"), MOMENT, "Kalium 5,9"
    )
    found = SearchResult(message, "Station 3B", "Dr. Anna Weber", MarkedText("Kalium 5,9"))
    results.show_results([found])
    where = results.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert where.startswith(f"Station 3B · Dr. Anna Weber · {SHOWN[language]}:")


def test_the_edit_history_and_a_task_due_time_read_alike(qtbot: QtBot, language: str) -> None:
    history = EditHistory([("K 5,9", MOMENT - timedelta(minutes=5)), ("K 5,8", MOMENT)])
    qtbot.addWidget(history)
    assert SHOWN[language] in history.list.item(1).text().splitlines()[0]
    assert when(int(MOMENT.timestamp() * 1000)) == SHOWN[language]  # the task lists' form


class _StripContext:
    def __init__(self, rows: list[DutyRow]) -> None:
        self.client = SimpleNamespace(teamwork=SimpleNamespace(duties_now=lambda: rows))
        self.bridge = SimpleNamespace(call=lambda fn, done: done(fn()))
        self.events = SimpleNamespace(teamwork=SimpleNamespace(connect=lambda slot: None))


def test_the_duty_strip_writes_a_later_day_in_the_ui_language(qtbot: QtBot, language: str) -> None:
    now = datetime.now().astimezone()
    end = (now + timedelta(days=3)).replace(hour=7, minute=30, second=0, microsecond=0)
    row = DutyRow("Dienstarzt Kardiologie", "Dr. Ben Yılmaz", now, end, "Kardiologie")
    strip = DutyStrip(_StripContext([row]))  # type: ignore[arg-type]
    qtbot.addWidget(strip)
    strip.resize(1600, strip.sizeHint().height())
    day = f"{end:%d/%m}" if language == "en" else f"{end:%d.%m.}"
    assert label_shows(strip).endswith(
        f"Dr. Ben Yılmaz {'until' if language == 'en' else 'bis'} {day} 07:30"
    )
