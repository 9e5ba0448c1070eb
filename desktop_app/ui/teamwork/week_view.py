"""A week (7 columns) or a day (1 column) of a calendar, painted: simple and fast.

Hours run down, days across; all-day events sit in a strip on top. Clicking an event
emits ``event_clicked``; double-clicking free space emits ``slot_clicked`` (a new event).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import QWidget

from desktop_app.services.live_teamwork import OccurrenceRow
from desktop_app.ui.teamwork.wording import day_month, occurrence_text, weekday

HEAD_H = 28  # the day names
ALL_DAY_H = 24
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


class WeekView(QWidget):
    event_clicked = Signal(object)  # OccurrenceRow
    slot_clicked = Signal(object)  # datetime (local, aware): a new event starts here
    day_clicked = Signal(object)  # date: the day's name was clicked (open the day view)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = date.today() - timedelta(days=date.today().weekday())
        self.days = 7
        self.rows: list[OccurrenceRow] = []
        self._boxes: list[tuple[QRectF, QColor, QStaticText | None, OccurrenceRow]] = []
        self._laid_out_width = -1  # the width the boxes were computed for; -1: redo
        self.setMinimumSize(640, HEAD_H + ALL_DAY_H + 24 * HOUR_H)
        self.setAccessibleName(self.tr("Calendar"))

    def show_range(self, first: date, days: int, rows: list[OccurrenceRow]) -> None:
        self.first, self.days, self.rows = first, days, rows
        self._laid_out_width = -1
        self.update()

    def range(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self.first, time()).astimezone()
        return start, start + timedelta(days=self.days)

    def day_names(self) -> list[str]:
        """The headings above the day columns, as painted."""
        return [_day_name(self.first + timedelta(days=n)) for n in range(self.days)]

    def _column(self) -> float:
        return (self.width() - HOUR_COLUMN_W) / self.days

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        col = self._column()
        top = HEAD_H + ALL_DAY_H
        grid = QPen(QColor("#dde3e8"))
        for n in range(self.days):
            day = self.first + timedelta(days=n)
            x = HOUR_COLUMN_W + n * col
            if day == date.today():
                p.fillRect(QRectF(x, 0, col, self.height()), TODAY_FILL)
            p.setPen(Qt.GlobalColor.black)
            p.drawText(QRectF(x, 0, col, HEAD_H), Qt.AlignmentFlag.AlignCenter, _day_name(day))
            p.setPen(grid)
            p.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        for hour in range(24):
            y = top + hour * HOUR_H
            p.setPen(grid)
            p.drawLine(QPointF(HOUR_COLUMN_W, y), QPointF(self.width(), y))
            p.setPen(QColor("#6b7780"))
            p.drawText(
                QRectF(0, y, HOUR_COLUMN_W - 4, HOUR_H),
                Qt.AlignmentFlag.AlignRight,
                f"{hour:02d}:00",
            )
        if self._laid_out_width != self.width():
            self._lay_out()
        last_fill = None
        for box, fill, text, _row in self._boxes:
            if fill is not last_fill:
                p.setBrush(fill)
                last_fill = fill
            p.setPen(BORDER)
            p.drawRect(box)
            if text is not None:
                p.setPen(Qt.GlobalColor.black)
                p.drawStaticText(box.topLeft() + TEXT_OFFSET, text)
        p.end()

    def _lay_out(self) -> None:
        """Boxes and elided labels, computed once per data and width (not per paint).
        Overlapping events of a day sit side by side in lanes, as in paper rosters."""
        metrics = QFontMetrics(self.font())
        days = self._day_starts()
        placed: list[tuple[QRectF, OccurrenceRow, date]] = []
        for row in self.rows:
            placed += [(box, row, day) for box, day in self._rects(row, days)]
        _lanes([(box, row) for box, row, _day in placed if not row.occurrence.all_day])
        boxes = []
        for box, row, day in placed:
            text = None
            if box.height() >= TEXT_MIN_H and box.width() >= TEXT_MIN_W:  # else unreadable
                label = _label(row, day)
                text = QStaticText(metrics.elidedText(label, ELIDE, int(box.width()) - 6))
                text.setTextFormat(Qt.TextFormat.PlainText)
            fill = DUTY_FILL if row.event.duty_role else EVENT_FILL
            boxes.append((box, fill, text, row))
        self._boxes = boxes
        self._laid_out_width = self.width()

    def _day_starts(self) -> list[float]:
        """Local midnight of each shown day and the one after, as POSIX times."""
        return [
            datetime.combine(self.first + timedelta(days=n), time()).astimezone().timestamp()
            for n in range(self.days + 1)
        ]

    def _rects(self, row: OccurrenceRow, days: list[float]) -> list[tuple[QRectF, date]]:
        """One box per day the occurrence touches in view (all-day ones in the strip),
        each with its day; ``days``: POSIX times of each shown local midnight and the
        one after."""
        occ, col, top = row.occurrence, self._column(), HEAD_H + ALL_DAY_H
        start, end = occ.start.timestamp(), occ.end.timestamp()
        out = []
        for n in range(max(0, bisect_right(days, start) - 1), self.days):
            day_start, day_end = days[n], days[n + 1]
            if end <= day_start:
                break
            if start >= day_end:
                continue
            x = HOUR_COLUMN_W + n * col
            if occ.all_day:
                out.append((QRectF(x + 1, HEAD_H + 1, col - 2, ALL_DAY_H - 2), self.first))
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
        return [(box, row) for box, _fill, _text, row in self._boxes]

    def labels(self) -> list[str]:
        """The text shown in each box, in the order of ``boxes`` ('' where too small)."""
        self.boxes()
        return [text.text() if text is not None else "" for _b, _f, text, _r in self._boxes]

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if pos.y() < HEAD_H and pos.x() >= HOUR_COLUMN_W:
            n = int((pos.x() - HOUR_COLUMN_W) // self._column())
            self.day_clicked.emit(self.first + timedelta(days=min(n, self.days - 1)))
            return
        hit = self.row_at(pos)
        if hit is not None:
            self.event_clicked.emit(hit)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self.row_at(pos) is not None or pos.x() < HOUR_COLUMN_W:
            return
        n = int((pos.x() - HOUR_COLUMN_W) // self._column())
        hour = max(0, min(23, int((pos.y() - HEAD_H - ALL_DAY_H) // HOUR_H)))
        day = self.first + timedelta(days=n)
        self.slot_clicked.emit(datetime.combine(day, time(hour)).astimezone())

    def row_at(self, pos: QPointF) -> OccurrenceRow | None:
        for box, row in reversed(self.boxes()):
            if box.contains(pos):
                return row
        return None


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


def _label(row: OccurrenceRow, day: date) -> str:
    text = occurrence_text(row.occurrence, day)
    if row.holder_name:
        text += f" — {row.holder_name}"
    return text
