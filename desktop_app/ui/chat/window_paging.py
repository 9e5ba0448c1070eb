"""Paging a conversation's model around a jump target (a quote or a search hit far back).

Paging older pages in until the target was loaded laid out every loaded row again per
page: 1.7 s for 5,000 messages back. Instead the model shows one page each side of the
target (services ``page_around``) and, while its newest rows are not the conversation's
newest, pages the newer ones in when the person scrolls to the bottom (``load_newer``);
messages arriving meanwhile wait for their page (the model's ``upsert``).

Mixed into ``MessageModel``, whose rows, cursors and signals these methods use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.services.live_views import MessagePageRows, MessageRow
from desktop_app.storage.sql_messages import PageCursor
from desktop_app.ui.chat.formatting import local_time

PAGE_SIZE = 60
PageDone = Callable[[MessagePageRows], None]
PageError = Callable[[str], None]
# fetch(conversation, cursor or None for the newest page, limit, done, error)
PageFetcher = Callable[[ConversationId, PageCursor | None, int, PageDone, PageError], None]
# fetch_around(conversation, message, limit, done with the page or None, error)
AroundFetcher = Callable[
    [ConversationId, MessageId, int, Callable[[MessagePageRows | None], None], PageError], None
]


class WindowPaging:
    # Set while the rows are a window around a jump target: the newest are not loaded.
    _newer: PageCursor | None
    fetch_newer: PageFetcher | None  # the view sets it
    appending_newer: bool  # the list keeps its scroll position for these rows
    _rows: list[MessageRow]
    _keys: list[datetime]
    _dates: list[date]
    _positions: dict[MessageId, int] | None
    _transfers: dict[str, float]
    _conversation: ConversationId | None
    _cursor: PageCursor | None
    _loading: bool
    _generation: int
    page_loaded: Any  # Signal(bool) of the model
    load_failed: Any  # Signal(str)

    if TYPE_CHECKING:

        def beginResetModel(self) -> None: ...  # noqa: N802
        def endResetModel(self) -> None: ...  # noqa: N802
        def _bump(self, message_id: MessageId) -> None: ...
        def _index_map(self) -> dict[MessageId, int]: ...
        def _insert(self, at: int, rows: list[MessageRow]) -> None: ...

    def has_newer(self) -> bool:
        return self._newer is not None

    def open_around(self, message_id: MessageId, fetch: AroundFetcher) -> None:
        """Show a page around ``message_id`` instead of paging through everything between
        it and the newest (5,000 messages back took seconds); page_loaded(True) follows,
        without change when the message is not on this PC."""
        if self._conversation is None:
            return
        generation, self._loading = self._generation, True

        def done(page: MessagePageRows | None) -> None:
            if generation != self._generation:
                return
            self._loading = False
            if page is not None and page.rows:
                self._generation += 1  # replies to requests for the old rows are stale
                self.beginResetModel()
                rows = list(reversed(page.rows))
                self._rows, self._keys = rows, [r.message.sent_at for r in rows]
                self._dates = [local_time(k).date() for k in self._keys]
                self._positions, self._transfers = None, {}
                for row in rows:
                    self._bump(row.message_id)
                self._cursor, self._newer = page.next_cursor, page.newer_cursor
                self.endResetModel()
            self.page_loaded.emit(True)

        fetch(self._conversation, message_id, PAGE_SIZE, done, self._failed(generation))

    def load_newer(self) -> bool:
        """The next newer page below a window (the person scrolled to its bottom)."""
        if self._conversation is None or self._newer is None or self._loading:
            return False
        if self.fetch_newer is None:  # the view sets it
            return False
        generation, self._loading = self._generation, True

        def done(page: MessagePageRows) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self._newer = page.newer_cursor
            known = self._index_map()
            fresh = [r for r in reversed(page.rows) if r.message_id not in known]
            if fresh:
                self.appending_newer = True
                try:
                    self._insert(len(self._rows), fresh)
                finally:
                    self.appending_newer = False
            self.page_loaded.emit(True)

        self.fetch_newer(self._conversation, self._newer, PAGE_SIZE, done, self._failed(generation))
        return True

    def _failed(self, generation: int) -> PageError:
        def error(message: str) -> None:
            if generation == self._generation:
                self._loading = False
                self.load_failed.emit(message)

        return error
