"""A conversation's duty calendar: week, day and month views, add/edit, .ics import/export.

Export writes a decrypted copy outside the container, so it is an explicit action that
policy can switch off and that warns first, as attachment export does (ui/chat/export.py).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.file_names import file_name_from
from desktop_app.services.live_teamwork import OccurrenceRow
from desktop_app.ui import file_dialogs
from desktop_app.ui.context import UiContext
from desktop_app.ui.plural import counted
from desktop_app.ui.teamwork.coalesce import coalesced
from desktop_app.ui.teamwork.event_dialog import EventDialog
from desktop_app.ui.teamwork.month_view import MonthView
from desktop_app.ui.teamwork.week_view import WeekView
from desktop_app.ui.teamwork.wording import date_text, day_month
from desktop_app.ui.window_keys import own_window_keys


class CalendarWindow(QWidget):
    def __init__(
        self, ctx: UiContext, conversation: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        own_window_keys(self)
        self.ctx = ctx
        self.conversation = conversation
        self.title = title
        self.setWindowTitle(self.tr("Calendar — %1").replace("%1", title))
        self.resize(1000, 700)
        self.view = WeekView()
        self.view.event_clicked.connect(self.edit)
        self.view.slot_clicked.connect(self.add)
        self.view.day_clicked.connect(self.show_day)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.view)
        self.hours = scroll.verticalScrollBar()
        self.hours.valueChanged.connect(self.view.pin_header)
        self.hours.rangeChanged.connect(lambda _lo, _hi: self._open_at_hour())
        # The range whose hours still have to be scrolled to where they matter, and the
        # range whose events have arrived: a week opens at now or at its first event.
        self._scroll_for: tuple[date, int] | None = None
        self._rows_for: tuple[date, int] | None = None
        self.month_view = MonthView()
        self.month_view.day_clicked.connect(self.show_week)
        self.stack = QStackedWidget()
        self.stack.addWidget(scroll)
        self.stack.addWidget(self.month_view)
        self.range_label = QLabel()
        bar = QHBoxLayout()
        self.previous_button = self._button(bar, "◀", lambda: self.step(-1))
        self.previous_button.setToolTip(self.tr("Earlier"))
        self.previous_button.setAccessibleName(self.tr("Earlier"))
        self.today_button = self._button(bar, self.tr("Today"), self.today)
        self.next_button = self._button(bar, "▶", lambda: self.step(1))
        self.next_button.setToolTip(self.tr("Later"))
        self.next_button.setAccessibleName(self.tr("Later"))
        bar.addWidget(self.range_label, 1)
        self.week_button = self._button(bar, self.tr("Week"), lambda: self.set_days(7))
        self.day_button = self._button(bar, self.tr("Day"), lambda: self.set_days(1))
        self.month_button = self._button(bar, self.tr("Month"), self.show_month)
        self.add_button = self._button(bar, self.tr("Add event …"), lambda: self.add(None))
        self.import_button = self._button(bar, self.tr("Import .ics …"), self.import_ics)
        self.export_button = self._button(bar, self.tr("Export .ics …"), self.export_ics)
        if not ctx.export_allowed:
            self.export_button.setEnabled(False)
            self.export_button.setToolTip(
                self.tr("Export is switched off by your hospital's policy.")
            )
        self.status = QLabel()  # what an import or export did, or why it failed
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.dialog: EventDialog | None = None
        self.days = 7
        self.first = date.today() - timedelta(days=date.today().weekday())
        self.month: date | None = None  # the month shown, None in the week and day views
        ctx.events.teamwork.connect(coalesced(self, self.reload, self.isVisible))
        self.reload(scroll=True)

    def _button(self, bar: QHBoxLayout, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())  # type: ignore[operator]
        bar.addWidget(button)
        return button

    def set_days(self, days: int) -> None:
        if self.month is not None:  # from the month: its first day (or today in it)
            today = date.today()
            same = (today.year, today.month) == (self.month.year, self.month.month)
            self.first, self.month = (today if same else self.month), None
        if days == 7:
            self.first = self.first - timedelta(days=self.first.weekday())
        self.days = days
        self.reload(scroll=True)

    def show_month(self, month: date | None = None) -> None:
        """The month of ``month``, else of today if shown, else of the shown week's middle."""
        today, shown = date.today(), self.first + timedelta(days=self.days // 2)
        if month is None:
            month = today if 0 <= (today - self.first).days < self.days else shown
        self.month = month.replace(day=1)
        self.reload()

    def show_week(self, day: date) -> None:
        """A day clicked in the month: the week it is in."""
        self.month, self.days = None, 7
        self.first = day - timedelta(days=day.weekday())
        self.reload(scroll=True)

    def step(self, steps: int) -> None:
        if self.month is not None:
            months = self.month.year * 12 + self.month.month - 1 + steps
            self.month = date(months // 12, months % 12 + 1, 1)
        else:
            self.first += timedelta(days=steps * self.days)
        self.reload(scroll=True)

    def today(self) -> None:
        today = date.today()
        if self.month is not None:
            self.month = today.replace(day=1)
        self.first = today - timedelta(days=today.weekday()) if self.days == 7 else today
        self.reload(scroll=True)

    def show_day(self, day: date) -> None:
        self.first, self.days, self.month = day, 1, None
        self.reload(scroll=True)

    def reload(self, scroll: bool = False) -> None:
        """Ask for the shown range's events; ``scroll``: the user went to a range (or
        opened the window), so its hours open where they matter, not at midnight."""
        if self.month is not None:
            self._reload_month(self.month)
            return
        if scroll:
            self._scroll_for = (self.first, self.days)
        self.stack.setCurrentIndex(0)
        self.view.show_range(self.first, self.days, self.view.rows)
        start, end = self.view.range()
        last = self.first + timedelta(days=self.days - 1)
        self.range_label.setText(  # in the form the event dialog writes dates
            date_text(self.first)
            if self.days == 1
            else f"{day_month(self.first)} – {date_text(last)}"
        )
        tw, cid = self.ctx.client.teamwork, self.conversation
        first, days = self.first, self.days
        self.ctx.bridge.call(
            tw.occurrences,
            cid,
            start,
            end,
            done=lambda rows: self._show_rows(first, days, list(rows)),  # type: ignore[call-overload]
            error=self._failed,
        )

    def _show_rows(self, first: date, days: int, rows: list[OccurrenceRow]) -> None:
        self.view.show_range(first, days, rows)
        self._rows_for = (first, days)
        self._open_at_hour()

    def _open_at_hour(self) -> None:
        """Scroll a newly shown range once its events are there and it can scroll."""
        wanted = self._scroll_for
        if wanted is None or wanted != self._rows_for or self.hours.maximum() == 0:
            return
        if wanted != (self.first, self.days):  # the user went on meanwhile
            return
        self._scroll_for = None
        self.hours.setValue(self.view.opening_offset())

    def _reload_month(self, month: date) -> None:
        self.stack.setCurrentIndex(1)
        self.month_view.show_month(
            month, self.month_view.rows if month == self.month_view.month else []
        )
        self.range_label.setText(self.month_view.title())
        start, end = self.month_view.range()

        def show(rows: object) -> None:
            if self.month == month:  # not a late answer for a month left meanwhile
                self.month_view.show_month(month, list(rows))  # type: ignore[call-overload]

        self.ctx.bridge.call(
            self.ctx.client.teamwork.occurrences,
            self.conversation,
            start,
            end,
            done=show,
            error=self._failed,
        )

    def add(self, start: object) -> None:
        if start is None and self.month is not None:  # the month: today if in it, else the 1st
            today = date.today()
            in_month = (today.year, today.month) == (self.month.year, self.month.month)
            day = today if in_month else self.month
            start = datetime.combine(day, time(8)).astimezone()
        when = start if start is not None else self.view.range()[0].replace(hour=8)
        self._ask(None, when)

    def edit(self, row: OccurrenceRow) -> None:
        self._ask(row, row.event.start)

    def _ask(self, row: OccurrenceRow | None, start: object) -> None:
        tw, cid = self.ctx.client.teamwork, self.conversation

        def ask(found: object) -> None:
            people, roles = found if isinstance(found, tuple) else ([], [])
            event = row.event if row else None
            dialog = EventDialog(
                people,
                roles,
                start,
                event,
                self,
                save=self._save,  # type: ignore[arg-type]
            )
            dialog.accepted.connect(lambda: self._delete(dialog))
            self.dialog = dialog
            dialog.open()

        self.ctx.bridge.call(tw.people_and_roles, cid, done=ask, error=self._failed)

    def _delete(self, dialog: EventDialog) -> None:
        if not dialog.wants_delete:
            return
        tw, event_id = self.ctx.client.teamwork, dialog.result_event().event_id
        self.ctx.bridge.submit(
            lambda: tw.delete_event(event_id), done=lambda _r: self.reload(), error=self._failed
        )

    def _save(self, dialog: EventDialog) -> None:
        """Save with the dialog still open: it closes once saved, and a refusal only the
        services know (outbox full, the event now another conversation's) is said in it,
        with what was typed still there; said here if it was cancelled meanwhile."""
        tw, cid, event = self.ctx.client.teamwork, self.conversation, dialog.result_event()

        def saved(_event: object) -> None:
            dialog.accept()
            self.reload()

        def refused(message: str) -> None:
            if dialog.isVisible():
                dialog.refuse(message)
            else:
                self._failed(message)

        self.ctx.bridge.submit(lambda: tw.save_event(cid, event), done=saved, error=refused)

    def import_ics(self, path: str = "") -> None:
        if not path:
            path, _ = file_dialogs.get_open_file_name(
                self, self.tr("Import a calendar"), "", self.tr("Calendar files (*.ics)")
            )
        if not path:
            return
        tw, cid = self.ctx.client.teamwork, self.conversation
        self.ctx.bridge.submit(
            lambda: tw.import_ics(cid, Path(path)), done=self._imported, error=self._failed
        )

    def _imported(self, count: object) -> None:
        self.status.setText(
            counted(int(str(count)), self.tr("1 event imported."), self.tr("%n events imported."))
        )
        self.reload()

    def export_ics(self, path: str = "") -> None:
        if not self.ctx.export_allowed:
            return
        warned = QMessageBox.question(
            self,
            self.tr("Export the calendar"),
            self.tr(
                "The exported file is not encrypted: anyone who can read the folder can read "
                "the calendar. Export anyway?"
            ),
        )
        if warned != QMessageBox.StandardButton.Yes:
            return
        if not path:
            path, _ = file_dialogs.get_save_file_name(
                self,
                self.tr("Export the calendar"),
                self.tr("Calendar %1").replace("%1", file_name_from(self.title, "")).strip()
                + ".ics",
                self.tr("Calendar files (*.ics)"),
            )
        if not path:
            return
        tw, cid = self.ctx.client.teamwork, self.conversation
        self.ctx.bridge.call(
            tw.export_ics,
            cid,
            Path(path),
            done=lambda _n: self.status.setText(self.tr("Calendar exported.")),
            error=self._failed,
        )

    def _failed(self, message: str) -> None:
        """Shown in the window, not in a modal box: a reload may fail while typing."""
        self.status.setText(message)
