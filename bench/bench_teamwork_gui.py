"""Desktop app: painting the calendar's week view and filling the task list (issue 14).

Goal from the issue: a calendar month with 2,000 occurrences renders within 50 ms: the
month view (6×7 days, 2,000 occurrences spread over them, most behind "+N more"), and
the worst case of the week view, all 2,000 in the one week shown; painted offscreen
(QT_QPA_PLATFORM=offscreen: paint time without a GPU swap), with the empty grids as the
same-run baseline. Also: the task list filled with 5,000 rows ("My tasks" of a busy ward). Printed,
never asserted.

Usage: python -m bench teamwork_gui
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bench.table import print_table
from desktop_app.domain.calendar import CalendarEvent, Occurrence
from desktop_app.domain.tasks import Priority, Task, TaskState
from desktop_app.services.live_teamwork import OccurrenceRow, TaskRow
from desktop_app.ui.teamwork.month_view import DAYS, MonthView
from desktop_app.ui.teamwork.task_table import TaskTable
from desktop_app.ui.teamwork.week_view import WeekView

OCCURRENCES = 2_000
TASKS = 5_000
REPEAT = 20


def occurrences(first: date, days: int = 7) -> list[OccurrenceRow]:
    rows = []
    for n in range(OCCURRENCES):
        start = datetime.combine(first + timedelta(days=n % days), clock(n % 23)).astimezone()
        end = start + timedelta(minutes=30 + n % 90)
        duty = "dienst.kardio" if n % 3 == 0 else None
        event = CalendarEvent(f"e{n}", f"Termin {n}", start, end, duty_role=duty,
                              duty_holder="weber.anna" if duty else None)  # fmt: skip
        occ = Occurrence(event.event_id, event.title, start, end, n % 50 == 0, "", duty,
                         event.duty_holder)  # fmt: skip
        rows.append(OccurrenceRow("c", event, occ, "Dienstarzt" if duty else "",
                                  "Dr. Anna Weber" if duty else ""))  # fmt: skip
    return rows


def tasks() -> list[TaskRow]:
    out = []
    for n in range(TASKS):
        task = Task(f"t{n}", f"Aufgabe {n}", "", "weber.anna", 1_765_000_000_000 + n * 60_000,
                    Priority.URGENT if n % 10 == 0 else Priority.NORMAL, TaskState.OPEN, None,
                    (), "weber.anna", 0, "weber.anna", 0, n)  # fmt: skip
        out.append(TaskRow(f"c{n % 50}", f"Station {n % 50}", task, "Dr. Anna Weber", n % 7 == 0))
    return out


def month_view() -> tuple[list[float], list[float]]:
    """Paint times of a month with OCCURRENCES spread over its grid, and of an empty one."""
    view = MonthView()
    view.resize(1180, 720)
    month = date.today().replace(day=1)
    rows = occurrences(view.first, DAYS)
    full, empty = [], []
    for data, samples in ((rows, full), ([], empty)):
        for _ in range(REPEAT):
            start = time.perf_counter()
            view.show_month(month, data)
            view.grab()
            samples.append((time.perf_counter() - start) * 1000)
    return full, empty


def ms(samples: list[float]) -> tuple[str, str]:
    p95 = statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]
    return f"{statistics.median(samples):.1f}", f"{p95:.1f}"


def main(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication([])
    view = WeekView()
    view.resize(1180, 720)
    first = date.today() - timedelta(days=date.today().weekday())
    rows = occurrences(first)
    paints = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        view.show_range(first, 7, rows)
        view.grab()  # paints the whole widget once
        paints.append((time.perf_counter() - start) * 1000)
    repaints = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        view.grab()  # the same data again (scrolling, a window in front): no new layout
        repaints.append((time.perf_counter() - start) * 1000)
    empty = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        view.show_range(first, 7, [])
        view.grab()
        empty.append((time.perf_counter() - start) * 1000)
    month_paints, month_empty = month_view()
    table = TaskTable(with_conversation=True)
    found = tasks()
    fills = []
    for _ in range(5):
        start = time.perf_counter()
        table.show_rows(found)
        fills.append((time.perf_counter() - start) * 1000)
    print_table(
        ["measurement", "median ms", "p95 ms", "goal"],
        [
            [f"week view, {OCCURRENCES} occurrences, new data", *ms(paints), "<= 50 ms"],
            [f"week view, {OCCURRENCES} occurrences, repaint", *ms(repaints), "-"],
            ["week view, empty (grid only), paint", *ms(empty), "baseline"],
            [f"month view, {OCCURRENCES} occurrences, new data", *ms(month_paints), "<= 50 ms"],
            ["month view, empty (grid only), paint", *ms(month_empty), "baseline"],
            [f"task list, {TASKS} rows, fill", *ms(fills), "-"],
        ],
    )
    del app
    return 0
