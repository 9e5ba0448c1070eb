"""A week (7 columns) or a day (1 column) of a calendar, painted: simple and fast.

Hours run down, days across; all-day events, and timed ones of a day or more (a 24-hour
duty), sit as bands in a strip on top: beside a duty drawn down the whole column, every
other event of that day was squeezed to a few letters. Clicking an event emits
``event_clicked``; double-clicking free space emits ``slot_clicked`` (a new event);
hovering an event shows its full text.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import QToolTip, QWidget

from desktop_app.services.live_teamwork import OccurrenceRow
from desktop_app.ui import dates
from desktop_app.ui.teamwork.box_label import draw_label
from desktop_app.ui.teamwork.wording import (
    cut_repetition_text,
    day_month,
    occurrence_text,
    weekday,
    when,
)

HEAD_H = 28  # the day names
ALL_DAY_H = 24  # one band of the strip on top; the strip has as many as a day needs
BANDED_FROM = timedelta(hours=24)  # a timed entry this long is a band, not a column
HOUR_COLUMN_W = 48
HOUR_H = 26
EVENT_FILL = QColor("#d7e9f9")
DUTY_FILL = QColor("#fde7c4")
TODAY_FILL = QColor("#f3f8fd")
BORDER = QColor("#7a8a99")
MIN_BOX_H = 14  # a 5-minute event still gets a box to click
TEXT_MIN_H = 12
TEXT_MIN_W = 36  # narrower lanes show no label (hover the day view, or open the event)
ELIDE = Qt.TextElideMode.ElideRight
TEXT_OFFSET = QPointF(3, 2)
OPENING_HOUR = 7  # a day without today and without timed events opens at the early shift


# A drawn entry: its box, fill, elided label (None: too small), row and the day it is on.
_Box = tuple[QRectF, QColor, QStaticText | None, OccurrenceRow, date]


class WeekView(QWidget):
    event_clicked = Signal(object)  # OccurrenceRow
    slot_clicked = Signal(object)  # datetime (local, aware): a new event starts here
    day_clicked = Signal(object)  # date: the day's name was clicked (open the day view)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = date.today() - timedelta(days=date.today().weekday())
        self.days = 7
        self.rows: list[OccurrenceRow] = []
        self._boxes: list[_Box] = []
        self._laid_out_width = -1  # the width the boxes were computed for; -1: redo
        self._bands: list[int | None] = []  # per row: its band in the strip, None: a column
        self._strip_h = ALL_DAY_H
        self._pinned = 0.0  # how far the view is scrolled: day names and strip stay on top
        self.now: Callable[[], datetime] = datetime.now  # where a shown today opens
        self.setMinimumSize(640, HEAD_H + self._strip_h + 24 * HOUR_H)
        self.setAccessibleName(self.tr("Calendar"))

    def show_range(self, first: date, days: int, rows: list[OccurrenceRow]) -> None:
        self.first, self.days, self.rows = first, days, rows
        self._bands = _bands(rows, self._day_starts())
        self._strip_h = ALL_DAY_H * max(
            [1] + [band + 1 for band in self._bands if band is not None]
        )
        self.setMinimumHeight(HEAD_H + self._strip_h + 24 * HOUR_H)
        self._laid_out_width = -1
        self.update()

    def range(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self.first, time()).astimezone()
        return start, start + timedelta(days=self.days)

    def day_names(self) -> list[str]:
        """The headings above the day columns, as painted."""
        return [_day_name(self.first + timedelta(days=n)) for n in range(self.days)]

    def pin_header(self, scrolled: int) -> None:
        """Keep the day names and the all-day strip at the top of what is shown when
        the hours are scrolled: the day and today's duty must stay in sight."""
        self._pinned = float(scrolled)
        self.update()

    def opening_offset(self) -> int:
        """How far to scroll so the hours that matter show first: an hour before now
        if today is shown, else an hour before the first timed event, else 07:00."""
        now = self.now()
        if 0 <= (now.date() - self.first).days < self.days:
            hours = now.hour + now.minute / 60 - 1
        else:
            starts = [
                box.top() for box, row in self.boxes() if not _banded(row)
            ]  # timed boxes, by the drawn position (the local wall clock)
            top = HEAD_H + self._strip_h
            hours = (min(starts) - top) / HOUR_H - 1 if starts else OPENING_HOUR
        return max(0, int(hours * HOUR_H))

    def _header_pos(self, pos: QPointF) -> QPointF:
        """A point over the pinned day names or strip, where they are laid out."""
        if pos.y() < self._pinned + HEAD_H + self._strip_h:
            return QPointF(pos.x(), pos.y() - self._pinned)
        return pos

    def _column(self) -> float:
        return (self.width() - HOUR_COLUMN_W) / self.days

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        col = self._column()
        top = HEAD_H + self._strip_h
        grid = QPen(QColor("#dde3e8"))
        for hour in range(24):
            y = top + hour * HOUR_H
            p.setPen(grid)
            p.drawLine(QPointF(HOUR_COLUMN_W, y), QPointF(self.width(), y))
            p.setPen(QColor("#6b7780"))
            p.drawText(
                QRectF(0, y, HOUR_COLUMN_W - 4, HOUR_H),
                Qt.AlignmentFlag.AlignRight,
                dates.hour(hour),
            )
        if self._laid_out_width != self.width():
            self._lay_out()
        for n in range(self.days):
            if self.first + timedelta(days=n) == date.today():
                p.fillRect(QRectF(HOUR_COLUMN_W + n * col, top, col, self.height()), TODAY_FILL)
        for n in range(self.days + 1):
            p.setPen(grid)
            x = HOUR_COLUMN_W + n * col
            p.drawLine(QPointF(x, top), QPointF(x, self.height()))
        self._draw_boxes(p, [b for b in self._boxes if b[0].top() >= top])
        p.translate(0, self._pinned)  # the day names and the strip stay in sight
        p.fillRect(QRectF(0, 0, self.width(), top), Qt.GlobalColor.white)
        for n in range(self.days):
            day = self.first + timedelta(days=n)
            x = HOUR_COLUMN_W + n * col
            if day == date.today():
                p.fillRect(QRectF(x, 0, col, top), TODAY_FILL)
            p.setPen(Qt.GlobalColor.black)
            p.drawText(QRectF(x, 0, col, HEAD_H), Qt.AlignmentFlag.AlignCenter, _day_name(day))
            p.setPen(grid)
            p.drawLine(QPointF(x, 0), QPointF(x, top))
        p.drawLine(QPointF(0, top), QPointF(self.width(), top))
        self._draw_boxes(p, [b for b in self._boxes if b[0].top() < top])
        p.end()

    def _draw_boxes(self, p: QPainter, boxes: list[_Box]) -> None:
        last_fill = None
        for box, fill, text, _row, _day in boxes:
            if fill is not last_fill:
                p.setBrush(fill)
                last_fill = fill
            p.setPen(BORDER)
            p.drawRect(box)
            if text is not None:
                p.setPen(Qt.GlobalColor.black)
                draw_label(p, box, text, TEXT_OFFSET)

    def _lay_out(self) -> None:
        """Boxes and elided labels, computed once per data and width (not per paint).
        Overlapping events of a day sit side by side in lanes, as in paper rosters."""
        metrics = QFontMetrics(self.font())
        days = self._day_starts()
        placed: list[tuple[QRectF, OccurrenceRow, date]] = []
        timed: list[tuple[QRectF, OccurrenceRow]] = []
        for row, band in zip(self.rows, self._bands, strict=True):
            for box, day in self._rects(row, band, days):
                placed.append((box, row, day))
                if band is None:
                    timed.append((box, row))
        _lanes(timed)
        boxes = []
        for box, row, day in placed:
            text = None
            if box.height() >= TEXT_MIN_H and box.width() >= TEXT_MIN_W:  # else unreadable
                label = _fitted_label(row, day, metrics, int(box.width()) - 6)
                text = QStaticText(metrics.elidedText(label, ELIDE, int(box.width()) - 6))
                text.setTextFormat(Qt.TextFormat.PlainText)
            fill = DUTY_FILL if row.event.duty_role else EVENT_FILL
            boxes.append((box, fill, text, row, day))
        self._boxes = boxes
        self._laid_out_width = self.width()

    def _day_starts(self) -> list[float]:
        """Local midnight of each shown day and the one after, as POSIX times."""
        return [
            datetime.combine(self.first + timedelta(days=n), time()).astimezone().timestamp()
            for n in range(self.days + 1)
        ]

    def _rects(
        self, row: OccurrenceRow, band: int | None, days: list[float]
    ) -> list[tuple[QRectF, date]]:
        """One box per day the occurrence touches in view (banded ones in the strip),
        each with its day; ``days``: POSIX times of each shown local midnight and the
        one after."""
        occ, col, top = row.occurrence, self._column(), HEAD_H + self._strip_h
        start, end = occ.start.timestamp(), occ.end.timestamp()
        out = []
        for n in range(max(0, bisect_right(days, start) - 1), self.days):
            day_start, day_end = days[n], days[n + 1]
            if end <= day_start:
                break
            if start >= day_end:
                continue
            x = HOUR_COLUMN_W + n * col
            if band is not None:
                y = HEAD_H + band * ALL_DAY_H
                out.append(
                    (QRectF(x + 1, y + 1, col - 2, ALL_DAY_H - 2), self.first + timedelta(days=n))
                )
                continue
            scale = 24 * HOUR_H / (day_end - day_start)  # a DST day has 23 or 25 hours
            y1 = top + (max(start, day_start) - day_start) * scale
            y2 = top + (min(end, day_end) - day_start) * scale
            box = QRectF(x + 2, y1, col - 4, max(y2 - y1, MIN_BOX_H))
            out.append((box, self.first + timedelta(days=n)))
        return out

    def boxes(self) -> list[tuple[QRectF, OccurrenceRow]]:
        """Where each shown occurrence is drawn (laid out now if needed)."""
        if self._laid_out_width != self.width():
            self._lay_out()
        return [(box, row) for box, _fill, _text, row, _day in self._boxes]

    def labels(self) -> list[str]:
        """The text shown in each box, in the order of ``boxes`` ('' where too small)."""
        self.boxes()
        return [text.text() if text is not None else "" for _b, _f, text, _r, _d in self._boxes]

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = self._header_pos(event.position())
        if pos.y() < HEAD_H and pos.x() >= HOUR_COLUMN_W:
            n = int((pos.x() - HOUR_COLUMN_W) // self._column())
            self.day_clicked.emit(self.first + timedelta(days=min(n, self.days - 1)))
            return
        hit = self.row_at(pos)
        if hit is not None:
            self.event_clicked.emit(hit)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = self._header_pos(event.position())
        if self.row_at(pos) is not None or pos.x() < HOUR_COLUMN_W:
            return
        n = int((pos.x() - HOUR_COLUMN_W) // self._column())
        hour = max(0, min(23, int((pos.y() - HEAD_H - self._strip_h) // HOUR_H)))
        day = self.first + timedelta(days=n)
        self.slot_clicked.emit(datetime.combine(day, time(hour)).astimezone())

    def event(self, event: QEvent) -> bool:
        """Hovering an entry shows it unabridged, with its end: a narrow box shows little."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self._box_at(self._header_pos(QPointF(event.pos())))
            if hit is not None:
                QToolTip.showText(event.globalPos(), _tooltip(*hit), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _box_at(self, pos: QPointF) -> tuple[OccurrenceRow, date] | None:
        self.boxes()
        for box, _fill, _text, row, day in reversed(self._boxes):
            if box.contains(pos):
                return row, day
        return None

    def row_at(self, pos: QPointF) -> OccurrenceRow | None:
        for box, row in reversed(self.boxes()):
            if box.contains(pos):
                return row
        return None


def _banded(row: OccurrenceRow) -> bool:
    """All-day entries, and timed ones of a day or more by the wall clock (a 24-hour
    duty from 07:00 to 07:00 also on the day the clocks change)."""
    occ = row.occurrence
    if occ.all_day:
        return True
    start, end = occ.start.astimezone(), occ.end.astimezone()
    return end.replace(tzinfo=None) - start.replace(tzinfo=None) >= BANDED_FROM


def _bands(rows: list[OccurrenceRow], days: list[float]) -> list[int | None]:
    """Per row its band in the strip on top (None for a timed entry in the columns):
    the lowest band free on every shown day it touches, so a duty over two days keeps
    one band and two entries of a day never cover each other; ``days`` as in _rects."""
    taken: list[set[int]] = [set() for _ in days[:-1]]
    out: list[int | None] = [None] * len(rows)
    order = sorted(
        (n for n, row in enumerate(rows) if _banded(row)),
        key=lambda n: (rows[n].occurrence.start, -rows[n].occurrence.end.timestamp()),
    )
    for n in order:
        start, end = rows[n].occurrence.start.timestamp(), rows[n].occurrence.end.timestamp()
        shown = [d for d in range(len(taken)) if start < days[d + 1] and end > days[d]]
        band = 0
        while any(band in taken[d] for d in shown):
            band += 1
        for d in shown:
            taken[d].add(band)
        out[n] = band
    return out


def _lanes(boxes: list[tuple[QRectF, OccurrenceRow]]) -> None:
    """Split each group of overlapping boxes of a day column into side-by-side lanes
    (greedy: the first lane free at the box's start), in place."""
    by_column: dict[float, list[QRectF]] = {}
    for box, _row in boxes:
        by_column.setdefault(box.x(), []).append(box)
    for column in by_column.values():
        column.sort(key=lambda b: (b.top(), -b.height()))
        group: list[tuple[QRectF, int]] = []
        lane_ends: list[float] = []
        group_end = -1.0
        for box in [*column, None]:
            if box is None or box.top() >= group_end:  # the group closes: share the width
                for member, lane in group:
                    width = member.width() / len(lane_ends)
                    member.setRect(member.x() + lane * width, member.y(), width, member.height())
                if box is None:
                    break
                group, lane_ends, group_end = [], [], -1.0
            lane = next((n for n, end in enumerate(lane_ends) if end <= box.top()), None)
            if lane is None:
                lane = len(lane_ends)
                lane_ends.append(box.bottom())
            else:
                lane_ends[lane] = box.bottom()
            group.append((box, lane))
            group_end = max(group_end, box.bottom())


def _day_name(day: date) -> str:
    return f"{weekday(day)} {day_month(day)}"


def _tooltip(row: OccurrenceRow, day: date) -> str:
    """The label unabridged, then from when to when (a band or a narrow box shows
    neither end), and where; escaped: a title is text, never markup."""
    occ = row.occurrence
    lines = [_label(row, day)]
    if not occ.all_day:
        lines.append(f"{when(_ms(occ.start))} – {when(_ms(occ.end))}")
    if occ.location:
        lines.append(occ.location)
    if occ.repetition_cut:
        lines.append(cut_repetition_text())
    return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _label(row: OccurrenceRow, day: date) -> str:
    text = occurrence_text(row.occurrence, day)
    if row.holder_name:
        text += f" — {row.holder_name}"
    return text


def _fitted_label(row: OccurrenceRow, day: date, metrics: QFontMetrics, width: int) -> str:
    """The whole label where it fits; else a duty shift's time and holder without the
    shift's title (its colour says duty), else the holder alone: on a 1024 px screen
    "until 07:30 24-h-D…" hid who is on duty, the one thing the box was for (walk 20).
    The tooltip keeps all of it."""
    label = _label(row, day)
    if not row.holder_name or metrics.horizontalAdvance(label) <= width:
        return label
    title = row.occurrence.title
    when = occurrence_text(row.occurrence, day)
    if title and when.endswith(title):
        when = when[: -len(title)].rstrip()
    timed = f"{when} {row.holder_name}"
    return timed if metrics.horizontalAdvance(timed) <= width else row.holder_name
