"""The open conversation's messages as a list model, oldest at the top, loaded in pages.

Only the newest page is read when a conversation opens; older pages come when the
person scrolls to the top (``canFetchMore`` / ``fetchMore`` with the storage cursor), so
a conversation of 10 000 messages opens as fast as one of ten.

Qt's item views call ``fetchMore`` on their own whenever the *last* row is visible — in
a chat, which is anchored at the bottom, that is nearly always, and it would load the
whole history page by page. So ``canFetchMore`` is true only while the view has said
that the top is in sight (``set_top_visible``).

Rows are ``MessageRow`` snapshots from the services (via the bridge); ``upsert`` merges
new and changed ones by message id. Page replies carry a generation number, so a reply
that arrives after ``clear()`` or after another conversation was opened is dropped.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop_app.domain.ids import AttachmentId, ConversationId, MessageId
from desktop_app.domain.model import MessageKind
from desktop_app.services.live_views import (
    MAX_QUOTE_CHARS,
    MessagePageRows,
    MessageRow,
    Quote,
    shortened,
)
from desktop_app.storage.sql_messages import PageCursor
from desktop_app.ui.chat import system_text
from desktop_app.ui.chat.formatting import clock_text, day_label, local_time
from desktop_app.ui.chat.spoken import spoken
from desktop_app.ui.chat.window_paging import (
    PAGE_SIZE,
    PageDone,
    PageError,
    PageFetcher,
    WindowPaging,
)

Index = QModelIndex | QPersistentModelIndex
__all__ = ["PAGE_SIZE", "MessageModel", "PageDone", "PageError", "PageFetcher"]

_USER = int(Qt.ItemDataRole.UserRole)
ROW = _USER + 1  # the MessageRow itself
TEXT = _USER + 2
SENDER = _USER + 3
TIME = _USER + 4  # "14:02"
STATE = _USER + 5  # MessageState (arrives as its str value through QVariant)
URGENT = _USER + 6
KIND = _USER + 7  # MessageKind (str value)
ATTACHMENTS = _USER + 8  # tuple[Attachment, ...]
MINE = _USER + 9
ACKNOWLEDGED_BY = _USER + 10  # tuple[Acknowledgement, ...]
NEEDS_MY_ACK = _USER + 11
MESSAGE_ID = _USER + 12
DAY = _USER + 13  # "Today" above the first message of a day, else ""
SHOW_SENDER = _USER + 14  # name above the bubble (groups, first of a run)
TRANSFERS = _USER + 15  # {attachment id: fraction 0..1} while going up or down
LAYOUT_KEY = _USER + 16  # changes whenever the row's painted size may change


def _sort_key(row: MessageRow) -> datetime:
    return row.message.sent_at


class MessageModel(WindowPaging, QAbstractListModel):
    page_loaded = Signal(bool)  # False: the newest page; True: older, newer or around
    load_failed = Signal(str)
    divider_dropped = Signal()  # "N unread messages" went: a message of mine came after it
    # Attachments a changed row no longer has (deleted for everyone): their decoded
    # previews must not outlive them (ChatView forgets them in its ThumbnailCache).
    attachments_gone = Signal(list)

    def __init__(self, fetch: PageFetcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._rows: list[MessageRow] = []
        self._keys: list[datetime] = []  # sent_at per row, for bisect
        self._dates: list[date] = []  # local calendar day per row, for the separators
        self._positions: dict[MessageId, int] | None = {}
        # Layout stamps for LAYOUT_KEY, from a counter that never restarts: the delegate's
        # layout cache outlives a reopen, and a stamp reused after a switch of chats
        # painted the bubble measured before the change (an Acknowledge already given).
        self._versions: dict[MessageId, int] = {}
        self._stamps = itertools.count(1)
        self._transfers: dict[str, float] = {}
        self._conversation: ConversationId | None = None
        self._group = False
        self._cursor: PageCursor | None = None
        self._newer: PageCursor | None = None  # see WindowPaging
        self.fetch_newer: PageFetcher | None = None
        self.appending_newer = False
        self._loading = False
        self._top_visible = False
        self._generation = 0
        self._today = date.today()
        self._divider: tuple[MessageId, str] | None = None  # "N unread messages" above it

    # ---- what is open ----------------------------------------------------------------

    @property
    def conversation(self) -> ConversationId | None:
        return self._conversation

    def open(self, conversation: ConversationId, *, group: bool = False) -> None:
        """Forget the old rows and ask for the newest page of ``conversation``."""
        self.clear()
        self._conversation = conversation
        self._group = group
        self._request(None)

    def reload(self) -> None:
        """Load the open conversation afresh (after a message was deleted)."""
        if self._conversation is not None:
            self.open(self._conversation, group=self._group)

    def set_group(self, group: bool) -> None:
        if group != self._group:
            self._group = group
            self._refresh_all()

    def clear(self) -> None:
        """Drop every row (the lock calls this: nothing of the conversation stays behind)."""
        self._generation += 1
        self.beginResetModel()
        self._rows, self._keys, self._dates = [], [], []
        self._positions, self._versions, self._transfers = {}, {}, {}
        self._conversation, self._cursor, self._newer = None, None, None
        self._loading = self._top_visible = False
        self._divider = None
        self.endResetModel()

    # ---- paging ----------------------------------------------------------------------

    def set_top_visible(self, visible: bool) -> None:
        self._top_visible = visible

    def has_older(self) -> bool:
        return self._cursor is not None

    def is_loading(self) -> bool:
        return self._loading

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return (
            not parent.isValid()
            and self._conversation is not None
            and self._cursor is not None
            and not self._loading
            and self._top_visible
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._request(self._cursor)

    def load_older(self, limit: int = PAGE_SIZE) -> bool:
        """Ask for the next ``limit`` older messages now, wherever the view is scrolled (a
        jump to a quoted message); False if there are none or a page is on its way."""
        if self._conversation is None or self._cursor is None or self._loading:
            return False
        self._request(self._cursor, limit=limit)
        return True

    def refresh_newest(self) -> None:
        """Read the newest page again and merge it (system lines, states, receipts)."""
        if self._conversation is not None:
            self._request(None, merge=True)

    def _request(
        self, cursor: PageCursor | None, *, merge: bool = False, limit: int = PAGE_SIZE
    ) -> None:
        assert self._conversation is not None
        generation = self._generation
        older = cursor is not None
        if not merge:
            self._loading = True

        def done(page: MessagePageRows) -> None:
            if generation != self._generation:
                return
            if not merge:
                self._loading = False
            if older:
                self._prepend(page)
            elif merge:
                self.upsert(page.rows)
            else:
                self._cursor = page.next_cursor
                self.upsert(page.rows)
            self.page_loaded.emit(older)

        def error(message: str) -> None:
            if generation == self._generation:
                if not merge:
                    self._loading = False
                self.load_failed.emit(message)

        self._fetch(self._conversation, cursor, limit, done, error)

    def _prepend(self, page: MessagePageRows) -> None:
        self._cursor = page.next_cursor
        known = self._index_map()
        fresh = [r for r in reversed(page.rows) if r.message_id not in known]  # oldest first
        if fresh:
            self._insert(0, fresh)

    # ---- merging events --------------------------------------------------------------

    def upsert(self, rows: Iterable[MessageRow]) -> None:
        """New or changed rows of the open conversation; others are ignored."""
        fresh: dict[MessageId, MessageRow] = {}
        for row in rows:
            if row.message.conversation_id != self._conversation:
                continue
            position = self._index_map().get(row.message_id)
            if position is None:
                fresh[row.message_id] = row
            elif self._rows[position] != row:
                gone = _attachment_ids(self._rows[position]) - _attachment_ids(row)
                self._rows[position] = row
                if gone:
                    self.attachments_gone.emit(sorted(gone))
                self._bump(row.message_id)
                index = self.index(position)
                self.dataChanged.emit(index, index)
                self._quoted_changed(row)
        if self._rows and self._cursor is not None:  # older ones come with their page
            fresh = {k: r for k, r in fresh.items() if _sort_key(r) >= self._keys[0]}
        if self._rows and self._newer is not None:  # a window: newer ones come with pages
            fresh = {k: r for k, r in fresh.items() if _sort_key(r) <= self._keys[-1]}
        new = sorted(fresh.values(), key=_sort_key)
        if not new:
            return
        self._drop_divider_if_answered(new)
        if not self._rows or _sort_key(new[0]) >= self._keys[-1]:
            self._insert(len(self._rows), new)  # the usual case: all at the end, at once
            return
        for row in new:
            self._insert(bisect.bisect_right(self._keys, _sort_key(row)), [row])

    def _drop_divider_if_answered(self, new: list[MessageRow]) -> None:
        """A message of mine after the first unread one (sent here or on my other PC)
        answers it: what is above my answer is read, as in WhatsApp, so the divider goes."""
        divider = self._divider
        if divider is None:
            return
        position = self._index_map().get(divider[0])
        since = self._keys[position] if position is not None else None
        if any(r.mine and (since is None or _sort_key(r) >= since) for r in new):
            self._divider = None
            if position is not None:
                index = self.index(position)
                self.dataChanged.emit(index, index)
            self.divider_dropped.emit()

    def drop_purged(
        self, conversation: ConversationId, asked: Iterable[MessageId], kept: set[MessageId]
    ) -> None:
        """Remove the rows of ``asked`` the container no longer holds (retention or the
        disappearing-messages timer purged them); replies show their quote as deleted."""
        if conversation != self._conversation:
            return
        gone = set(asked) - kept
        for position in sorted(
            (p for m, p in self._index_map().items() if m in gone), reverse=True
        ):
            row = self._rows[position]
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position], self._keys[position], self._dates[position]
            self._versions.pop(row.message_id, None)
            self._positions = None
            self.endRemoveRows()
            self._neighbours_changed(position)
            if self._divider is not None and self._divider[0] == row.message_id:
                self._divider = None
            purged = replace(row.message, deleted_at=row.message.sent_at)  # quoted as deleted
            self._quoted_changed(replace(row, message=purged))

    def _quoted_changed(self, original: MessageRow) -> None:
        """Replies quoting a message just edited or deleted for everyone show it now."""
        message = original.message
        for position, row in enumerate(self._rows):
            quote = row.quote
            if quote is None or quote.message_id != original.message_id:
                continue
            if message.deleted_at is not None:
                quote = Quote(original.message_id, "", "", deleted=True)
            elif message.body.strip():
                first = shortened(message.body.strip().splitlines()[0], MAX_QUOTE_CHARS)
                quote = replace(quote, snippet=first)
            if quote != row.quote:
                self._rows[position] = replace(row, quote=quote)
                self._bump(row.message_id)
                index = self.index(position)
                self.dataChanged.emit(index, index)

    def _insert(self, at: int, rows: list[MessageRow]) -> None:
        self.beginInsertRows(QModelIndex(), at, at + len(rows) - 1)
        self._rows[at:at] = rows
        for row in rows:
            self._bump(row.message_id)
        self._keys[at:at] = [_sort_key(r) for r in rows]
        self._dates[at:at] = [local_time(_sort_key(r)).date() for r in rows]
        self._positions = None
        self.endInsertRows()
        self._neighbours_changed(at + len(rows), at + len(rows) + 1)

    def set_transfer(self, attachment_id: str, done: int, total: int) -> bool:
        """Progress of one attachment; False if no loaded row shows it."""
        for position, row in enumerate(self._rows):
            if any(a.attachment_id == attachment_id for a in row.message.attachments):
                if total <= 0 or done >= total:
                    self._transfers.pop(attachment_id, None)
                else:
                    self._transfers[attachment_id] = done / total
                index = self.index(position)
                self.dataChanged.emit(index, index, [TRANSFERS])
                return True
        return False

    def touch_attachment(self, attachment_id: str) -> None:
        """Its thumbnail arrived: the row takes the picture's shape (lay out again)."""
        for position, row in enumerate(self._rows):
            if any(a.attachment_id == attachment_id for a in row.message.attachments):
                self._bump(row.message_id)
                index = self.index(position)
                self.dataChanged.emit(index, index)
                return

    # ---- lookups ---------------------------------------------------------------------

    def _index_map(self) -> dict[MessageId, int]:
        if self._positions is None:
            self._positions = {r.message_id: i for i, r in enumerate(self._rows)}
        return self._positions

    def index_of(self, message_id: MessageId) -> QModelIndex:
        position = self._index_map().get(message_id)
        return QModelIndex() if position is None else self.index(position)

    def row_at(self, position: int) -> MessageRow:
        return self._rows[position]

    def rows(self) -> tuple[MessageRow, ...]:
        return tuple(self._rows)

    def _bump(self, message_id: MessageId) -> None:
        self._versions[message_id] = next(self._stamps)

    def _neighbours_changed(self, start: int, stop: int | None = None) -> None:
        """Day separators and sender names depend on the row above: refresh those below."""
        stop = start + 1 if stop is None else stop
        stop = min(stop, len(self._rows))
        if start < stop:
            self.dataChanged.emit(self.index(start), self.index(stop - 1))

    def _refresh_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    # ---- Qt model --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802
        names = {
            ROW: b"row", TEXT: b"text", SENDER: b"sender", TIME: b"time", STATE: b"state",
            URGENT: b"urgent", KIND: b"kind", ATTACHMENTS: b"attachments", MINE: b"mine",
            ACKNOWLEDGED_BY: b"acknowledgedBy", NEEDS_MY_ACK: b"needsMyAck",
            MESSAGE_ID: b"messageId", DAY: b"day", SHOW_SENDER: b"showSender",
            TRANSFERS: b"transfers",
        }  # fmt: skip
        return {**super().roleNames(), **{k: QByteArray(v) for k, v in names.items()}}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        position = index.row()
        row = self._rows[position]
        if role == LAYOUT_KEY:  # asked for every row on every relayout: keep it cheap
            return (
                row.message_id,
                self._versions.get(row.message_id, 0),
                self._day(position),
                self._show_sender(position),
            )
        if role == ROW:
            return row
        message = row.message
        if role in (Qt.ItemDataRole.DisplayRole, TEXT):
            if message.kind is MessageKind.SYSTEM:
                return system_text.render(message.body)
            return message.body
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken(self._rows[position])
        if role == DAY:
            return self._day(position)
        if role == SHOW_SENDER:
            return self._show_sender(position)
        if role == TIME:
            return clock_text(message.sent_at)
        if role == TRANSFERS:
            return {
                a.attachment_id: self._transfers[a.attachment_id]
                for a in message.attachments
                if a.attachment_id in self._transfers
            }
        return {
            SENDER: row.sender_name,
            STATE: message.state,
            URGENT: message.urgent,
            KIND: message.kind,
            ATTACHMENTS: message.attachments,
            MINE: row.mine,
            ACKNOWLEDGED_BY: row.acknowledged_by,
            NEEDS_MY_ACK: row.needs_my_ack,
            MESSAGE_ID: row.message_id,
        }.get(role)

    def set_divider(self, message_id: MessageId, label: str) -> None:
        """Show "N unread messages" above ``message_id`` (in the day separator's pill)
        until the conversation is opened again."""
        self._divider = (message_id, label)
        self._refresh_all()

    def _day(self, position: int) -> str:
        day = self._dates[position]
        text = (
            "" if position > 0 and self._dates[position - 1] == day else day_label(day, self._today)
        )
        divider = self._divider
        if divider is not None and self._rows[position].message_id == divider[0]:
            return f"{text} · {divider[1]}" if text else divider[1]
        return text

    def _show_sender(self, position: int) -> bool:
        row = self._rows[position]
        if not self._group or row.mine or row.message.kind is MessageKind.SYSTEM:
            return False
        if position == 0 or self._dates[position - 1] != self._dates[position]:
            return True
        before = self._rows[position - 1]
        return (
            before.message.sender_uid != row.message.sender_uid
            or before.message.kind is MessageKind.SYSTEM
        )

    def set_today(self, today: date) -> None:
        """For midnight rollovers and tests: which day is "Today"."""
        if today != self._today:
            self._today = today
            self._refresh_all()


def _attachment_ids(row: MessageRow) -> set[AttachmentId]:
    return {a.attachment_id for a in row.message.attachments}
