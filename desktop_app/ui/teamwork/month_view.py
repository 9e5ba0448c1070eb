"""A month of a calendar as a 6×7 day grid, painted like the week view: simple and fast.

Each day lists its occurrences (time and title, duty shifts with the role on the shift
colour) as far as they fit, then "+N more". Labels are laid out once per data and size
(not per paint), so 2,000 occurrences in a month still paint within the 50 ms goal.
A click on a day emits ``day_clicked`` (the calendar window opens that day's week).
Month and weekday names come from QLocale: the UI's language.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QStaticText,
)
from PySide6.QtWidgets import QToolTip, QWidget

from desktop_app.services.live_teamwork import OccurrenceRow
from desktop_app.ui.teamwork.box_label import draw_label
from desktop_app.ui.teamwork.week_view import BORDER, DUTY_FILL, EVENT_FILL, TODAY_FILL
from desktop_app.ui.teamwork.wording import cut_repetition_text, occurrence_text

WEEKS = 6  # every month fits in six rows starting on Monday
DAYS = WEEKS * 7
HEAD_H = 24  # the weekday names
NUMBER_H = 18  # the day's number at the top of its cell
LINE_H = 16
OTHER_MONTH = QColor("#f4f5f6")  # the days before and after the month
GRID = QColor("#dde3e8")
MORE = QColor("#44505a")
ELIDE = Qt.TextElideMode.ElideRight
TEXT_OFFSET = QPointF(3, 1)


@dataclass(slots=True)
class _Cell:
    day: date
    rows: list[OccurrenceRow] = field(default_factory=list)
    lines: list[tuple[QRectF, QColor | None, QStaticText]] = field(default_factory=list)


class MonthView(QWidget):
    day_clicked = Signal(object)  # date: open this day's week

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = date.today().replace(day=1)
        self.rows: list[OccurrenceRow] = []
        self._cells: list[_Cell] = []
        self._laid_out_for: tuple[int, int] = (-1, -1)  # the size the labels fit; -1: redo
        self.setMinimumSize(640, 480)
        self.setAccessibleName(self.tr("Month"))

    @property
    def first(self) -> date:
        """The Monday the grid starts with (on or before the 1st)."""
        return self.month - timedelta(days=self.month.weekday())

    def show_month(self, month: date, rows: list[OccurrenceRow]) -> None:
        self.month, self.rows = month.replace(day=1), rows
        self._cells = _bucket(self.first, rows)
        self._laid_out_for = (-1, -1)
        self.update()

    def range(self) -> tuple[datetime, datetime]:
        start = datetime.combine(self.first, time()).astimezone()
        end = datetime.combine(self.first + timedelta(days=DAYS), time()).astimezone()
        return start, end

    def title(self) -> str:
        """'December 2026' / 'Dezember 2026' in the UI's language."""
        name = QLocale().standaloneMonthName(self.month.month, QLocale.FormatType.LongFormat)
        return f"{name} {self.month.year}"

    def day_rows(self, day: date) -> list[OccurrenceRow]:
        """The occurrences listed under ``day`` (all, also those behind "+N more")."""
        n = (day - self.first).days
        return list(self._cells[n].rows) if 0 <= n < len(self._cells) else []

    def day_lines(self, day: date) -> list[str]:
        """The texts shown in ``day``'s cell, as painted (laid out now if needed)."""
        self._ensure_layout()
        n = (day - self.first).days
        if not 0 <= n < len(self._cells):
            return []
        return [text.text() for _box, _fill, text in self._cells[n].lines]

    def cell_rect(self, day: date) -> QRectF:
        n = (day - self.first).days
        w, h = self._cell_size()
        return QRectF((n % 7) * w, HEAD_H + (n // 7) * h, w, h)

    def _cell_size(self) -> tuple[float, float]:
        return self.width() / 7, (self.height() - HEAD_H) / WEEKS

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._laid_out_for = (-1, -1)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._ensure_layout()
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        w, h = self._cell_size()
        locale, today = QLocale(), date.today()
        for n in range(7):
            name = locale.dayName(n + 1, QLocale.FormatType.ShortFormat)
            p.drawText(QRectF(n * w, 0, w, HEAD_H), Qt.AlignmentFlag.AlignCenter, name)
        for n, cell in enumerate(self._cells):
            x, y = (n % 7) * w, HEAD_H + (n // 7) * h
            if cell.day == today:
                p.fillRect(QRectF(x, y, w, h), TODAY_FILL)
            elif cell.day.month != self.month.month:
                p.fillRect(QRectF(x, y, w, h), OTHER_MONTH)
            font = p.font()
            font.setBold(cell.day == today)
            p.setFont(font)
            p.setPen(Qt.GlobalColor.black if cell.day.month == self.month.month else MORE)
            p.drawText(
                QRectF(x + 4, y, w - 8, NUMBER_H), Qt.AlignmentFlag.AlignLeft, str(cell.day.day)
            )
        font = p.font()
        font.setBold(False)
        p.setFont(font)
        p.setPen(QPen(GRID))
        for n in range(8):
            p.drawLine(QPointF(n * w, HEAD_H), QPointF(n * w, self.height()))
        for n in range(WEEKS + 1):
            p.drawLine(QPointF(0, HEAD_H + n * h), QPointF(self.width(), HEAD_H + n * h))
        for cell in self._cells:
            for box, fill, text in cell.lines:
                if fill is not None:
                    p.fillRect(box, fill)
                    p.setPen(BORDER)
                    p.drawRect(box)
                p.setPen(Qt.GlobalColor.black if fill is not None else MORE)
                draw_label(p, box, text, TEXT_OFFSET)
        p.end()

    def _ensure_layout(self) -> None:
        if self._laid_out_for != (self.width(), self.height()):
            self._lay_out()

    def _lay_out(self) -> None:
        """As many labels per day as fit, elided; the last line says how many more."""
        metrics = QFontMetrics(self.font())
        w, h = self._cell_size()
        fits = max(1, int((h - NUMBER_H) // LINE_H))
        for n, cell in enumerate(self._cells):
            x, y = (n % 7) * w, HEAD_H + (n // 7) * h + NUMBER_H
            shown = cell.rows if len(cell.rows) <= fits else cell.rows[: fits - 1]
            lines: list[tuple[QRectF, QColor | None, QStaticText]] = []
            for k, row in enumerate(shown):
                box = QRectF(x + 2, y + k * LINE_H, w - 4, LINE_H - 1)
                fill = DUTY_FILL if row.event.duty_role else EVENT_FILL
                text = _label(row, cell.day)
                lines.append((box, fill, _static(metrics, text, int(box.width()) - 6)))
            hidden = len(cell.rows) - len(shown)
            if hidden:
                box = QRectF(x + 2, y + len(shown) * LINE_H, w - 4, LINE_H - 1)
                more = self.tr("+%n more", "", hidden)
                lines.append((box, None, _static(metrics, more, int(box.width()) - 6)))
            cell.lines = lines
        self._laid_out_for = (self.width(), self.height())

    def day_at(self, pos: QPointF) -> date | None:
        w, h = self._cell_size()
        if pos.y() < HEAD_H or w <= 0 or h <= 0:
            return None
        column = min(6, max(0, int(pos.x() // w)))
        week = min(WEEKS - 1, max(0, int((pos.y() - HEAD_H) // h)))
        return self.first + timedelta(days=week * 7 + column)

    def event(self, event: QEvent) -> bool:
        """Hovering a day lists all its entries unabridged (also those behind "+N more")."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(QPointF(event.pos()))
            rows = self.day_rows(day) if day is not None else []
            if rows and day is not None:
                QToolTip.showText(event.globalPos(), _tooltip(rows, day), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        day = self.day_at(event.position())
        if day is not None:
            self.day_clicked.emit(day)


def _bucket(first: date, rows: list[OccurrenceRow]) -> list[_Cell]:
    """Each occurrence under the days it belongs to: a timed one shorter than a day under
    its start day only (a night shift is not listed twice); all-day and longer ones under
    every day they cover. All-day first, then by start time."""
    cells = [_Cell(first + timedelta(days=n)) for n in range(DAYS)]
    starts = [datetime.combine(c.day, time()).astimezone() for c in cells]
    day = timedelta(days=1)
    for row in rows:
        occ = row.occurrence
        start = occ.start.astimezone()
        if not occ.all_day and occ.end - occ.start < day:
            n = (start.date() - first).days
            if 0 <= n < DAYS:
                cells[n].rows.append(row)
            continue
        for n, midnight in enumerate(starts):
            if occ.start < midnight + day and occ.end > midnight:
                cells[n].rows.append(row)
    for cell in cells:
        cell.rows.sort(key=lambda r: (not r.occurrence.all_day, r.occurrence.start))
    return cells


def _static(metrics: QFontMetrics, text: str, width: int) -> QStaticText:
    shown = QStaticText(metrics.elidedText(text, ELIDE, width))
    shown.setTextFormat(Qt.TextFormat.PlainText)
    return shown


def _tooltip(rows: list[OccurrenceRow], day: date) -> str:
    """Every entry with the shift's holder; escaped (a title is text, never markup)."""
    lines = [_label(r, day) + (f" — {r.holder_name}" if r.holder_name else "") for r in rows]
    if any(r.occurrence.repetition_cut for r in rows):
        lines.append(cut_repetition_text())
    return "<qt>" + "<br>".join(html.escape(line) for line in lines) + "</qt>"


def _label(row: OccurrenceRow, day: date) -> str:
    text = occurrence_text(row.occurrence, day)
    return f"{text} · {row.role_name}" if row.role_name else text
