"""A week (7 columns) or a day (1 column) of a calendar, painted: simple and fast.

Hours run down, days across; all-day events sit in a strip on top. Clicking an event
emits ``event_clicked``; double-clicking free space emits ``slot_clicked`` (a new event).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from desktop_app.services.live_teamwork import OccurrenceRow
from desktop_app.ui.teamwork.wording import weekday

HEAD_H = 28  # the day names
ALL_DAY_H = 24
HOUR_COLUMN_W = 48
HOUR_H = 26
EVENT_FILL = QColor("#d7e9f9")
DUTY_FILL = QColor("#fde7c4")
TODAY_FILL = QColor("#f3f8fd")


class WeekView(QWidget):
    event_clicked = Signal(object)  # OccurrenceRow
    slot_clicked = Signal(object)  # datetime (local, aware): a new event starts here

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = date.today() - timedelta(days=date.today().weekday())
        self.days = 7
        self.rows: list[OccurrenceRow] = []
        self._boxes: list[tuple[QRectF, OccurrenceRow]] = []
        self.setMinimumSize(640, HEAD_H + ALL_DAY_H + 24 * HOUR_H)
        self.setAccessibleName(self.tr("Calendar"))

    def show_range(self, first: date, days: int, rows: list[OccurrenceRow]) -> None:
        self.first, self.days, self.rows = first, days, rows
        self.update()

    def range(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self.first, time()).astimezone()
        return start, start + timedelta(days=self.days)

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
        self._boxes = []
        metrics = QFontMetrics(self.font())
        for row in self.rows:
            for box in self._rects(row):
                fill = DUTY_FILL if row.event.duty_role else EVENT_FILL
                p.fillRect(box, fill)
                p.setPen(QColor("#7a8a99"))
                p.drawRect(box)
                p.setPen(Qt.GlobalColor.black)
                text = metrics.elidedText(
                    _label(row), Qt.TextElideMode.ElideRight, int(box.width()) - 6
                )
                p.drawText(
                    box.adjusted(3, 2, -3, -2),
                    Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                    text,
                )
                self._boxes.append((box, row))
        p.end()

    def _rects(self, row: OccurrenceRow) -> list[QRectF]:
        """One box per day the occurrence touches in view (all-day ones in the strip)."""
        occ, col, top = row.occurrence, self._column(), HEAD_H + ALL_DAY_H
        start, end = occ.start.astimezone(), occ.end.astimezone()
        out = []
        for n in range(self.days):
            day = self.first + timedelta(days=n)
            day_start = datetime.combine(day, time()).astimezone()
            day_end = day_start + timedelta(days=1)
            if end <= day_start or start >= day_end:
                continue
            x = HOUR_COLUMN_W + n * col
            if occ.all_day:
                out.append(QRectF(x + 1, HEAD_H + 1, col - 2, ALL_DAY_H - 2))
                continue
            a = max(start, day_start) - day_start
            b = min(end, day_end) - day_start
            y1 = top + a.total_seconds() / 3600 * HOUR_H
            y2 = top + b.total_seconds() / 3600 * HOUR_H
            out.append(QRectF(x + 2, y1, col - 4, max(y2 - y1, 14)))
        return out

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self.row_at(event.position())
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
        for box, row in reversed(self._boxes):
            if box.contains(pos):
                return row
        return None


def _day_name(day: date) -> str:
    return f"{weekday(day)} {day.strftime('%d.%m.')}"


def _label(row: OccurrenceRow) -> str:
    occ = row.occurrence
    text = occ.title if occ.all_day else f"{occ.start.astimezone():%H:%M} {occ.title}"
    if row.holder_name:
        text += f" — {row.holder_name}"
    return text
