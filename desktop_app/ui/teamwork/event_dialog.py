"""Add or edit a calendar event: title, start/end, all day, location, repetition (RRULE:
daily, weekdays, weekly, until a day; an imported rule is kept), duty role + holder."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from desktop_app.domain.calendar import TITLE_MAX, CalendarEvent
from desktop_app.ui.teamwork.clock_change import clock_change_refusal
from desktop_app.ui.teamwork.end_field import EndField
from desktop_app.ui.teamwork.event_refusal import Field, refusal
from desktop_app.ui.teamwork.refusal_line import (
    RefusalLine,
    close_or_save,
    room_for_lines,
    spare_room,
)
from desktop_app.ui.teamwork.title_field import TitleField
from desktop_app.ui.teamwork.wording import editor_format

WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


class EventDialog(QDialog):
    """OK closes only an event the calendar takes: the domain's rules are asked here, and
    with ``save`` (the calendar window's) the dialog stays open until the services saved
    it, so a refusal is said under the form with everything typed still there."""

    def __init__(
        self,
        people: list[tuple[str, str]],
        roles: list[tuple[str, str]],
        start: datetime,
        event: CalendarEvent | None = None,
        parent: QWidget | None = None,
        save: Callable[[EventDialog], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.original = event
        self.save = save
        self.setWindowTitle(self.tr("New event") if event is None else self.tr("Edit event"))
        self.title_edit = QLineEdit(event.title if event else "")
        self.title_edit.setMaxLength(TITLE_MAX)  # the calendar refuses longer ones
        begin = event.start if event else start
        finish = event.end if event else start + timedelta(hours=1)
        if event is not None and event.all_day:  # held to the next midnight: show the last day
            finish -= timedelta(days=1)
        self.start_edit = _when(begin)
        self.end_edit = _when(finish)
        self.all_day_check = QCheckBox(self.tr("All day"))
        self.all_day_check.setChecked(bool(event and event.all_day))
        self.location_edit = QLineEdit(event.location if event else "")
        self.location_edit.setMaxLength(TITLE_MAX)
        self.repeat_box = QComboBox()
        self.repeat_box.addItem(self.tr("Does not repeat"), "")
        self.repeat_box.addItem(self.tr("Every day"), "FREQ=DAILY")
        self.repeat_box.addItem(self.tr("Every weekday (Mon–Fri)"), WEEKDAYS)
        self.repeat_box.addItem(self.tr("Every week"), "FREQ=WEEKLY")
        self.until_check = QCheckBox(self.tr("Until"))
        self.until_edit = QDateEdit(QDate.currentDate().addMonths(3))
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat(editor_format(with_time=False))
        self.until_edit.setEnabled(False)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        rule = event.rrule if event else None
        if rule:
            base, until = _split_until(rule)
            found = self.repeat_box.findData(base)
            if found < 0:  # an imported rule: kept as it is unless another is chosen
                self.repeat_box.addItem(self.tr("As imported: %1").replace("%1", rule), rule)
                found = self.repeat_box.count() - 1
            elif until is not None:
                self.until_check.setChecked(True)
                self.until_edit.setDate(QDate(until.year, until.month, until.day))
            self.repeat_box.setCurrentIndex(found)
        self.role_box = QComboBox()
        self.role_box.addItem(self.tr("No duty shift"), "")
        for uid, name in roles:
            self.role_box.addItem(name, uid)
        self.holder_box = QComboBox()
        self.holder_box.addItem(self.tr("Nobody"), "")
        for uid, name in people:
            self.holder_box.addItem(name, uid)
        if event is not None:
            self.role_box.setCurrentIndex(max(0, self.role_box.findData(event.duty_role or "")))
            self.holder_box.setCurrentIndex(
                max(0, self.holder_box.findData(event.duty_holder or ""))
            )
        form = QFormLayout(self)
        self.title_field = TitleField(self.title_edit, self.tr("An event needs a title."))
        form.addRow(self.tr("Title"), self.title_field)
        form.addRow(self.tr("Start"), self.start_edit)
        self.end_field = EndField(self.start_edit, self.end_edit, self.all_day_check)
        form.addRow(self.tr("End"), self.end_field)
        form.addRow("", self.all_day_check)
        form.addRow(self.tr("Location"), self.location_edit)
        form.addRow(self.tr("Repeats"), self.repeat_box)
        form.addRow(self.until_check, self.until_edit)
        form.addRow(self.tr("Duty role"), self.role_box)
        form.addRow(self.tr("On duty"), self.holder_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.wants_delete = False
        if event is not None:
            self.delete_button = buttons.addButton(
                self.tr("Delete event"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.clicked.connect(self._delete)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.refused = RefusalLine(self, self.ok_button)  # the calendar's reason, if any
        form.addRow(spare_room())  # what the red lines take, so OK stays put
        form.addRow(self.refused.label)
        form.addRow(buttons)
        room_for_lines(self, (self.title_field.missing, self.end_field.before_start))
        self.refused.answered_by(
            self.title_edit.textChanged,
            self.location_edit.textChanged,
            self.start_edit.dateTimeChanged,
            self.end_edit.dateTimeChanged,
            self.all_day_check.toggled,
            self.repeat_box.currentIndexChanged,
            self.until_check.toggled,
            self.until_edit.dateChanged,
            self.role_box.currentIndexChanged,
            self.holder_box.currentIndexChanged,
        )

    def _delete(self) -> None:
        self.wants_delete = True
        self.accept()

    def _accept(self) -> None:
        if not self.title_field.filled() or not self.end_field.in_order():
            return
        jump = clock_change_refusal(self.start_edit) or clock_change_refusal(self.end_edit)
        why = refusal(self.result_event())
        if jump is not None and not self.all_day_check.isChecked():
            self.refuse(jump, "times")
        elif why is not None:
            self.refuse(*why)
        else:
            close_or_save(self, self.ok_button, self.save)

    def refuse(self, reason: str, field: Field | None = None) -> None:
        """Say why the event was not saved, under the form, and go to the field at fault."""
        fields: dict[Field, QWidget] = {
            "title": self.title_edit,
            "location": self.location_edit,
            "times": self.start_edit,
            "repeat": self.repeat_box,
            "duty": self.holder_box,
        }
        self.refused.say(reason, fields[field] if field else None)

    def result_event(self) -> CalendarEvent:
        """The new event, or the edited one with the same id."""
        start, end = _aware(self.start_edit), _aware(self.end_edit)  # in order: EndField
        if self.all_day_check.isChecked():
            start = start.replace(hour=0, minute=0)
            end = end.replace(hour=0, minute=0) + timedelta(days=1)
        base = self.original or CalendarEvent(uuid.uuid4().hex, "", start, end)
        return replace(
            base,
            title=self.title_edit.text().strip(),
            start=start,
            end=end,
            all_day=self.all_day_check.isChecked(),
            location=self.location_edit.text().strip(),
            duty_role=str(self.role_box.currentData()) or None,
            duty_holder=str(self.holder_box.currentData()) or None,
            rrule=self.rule(),
        )

    def rule(self) -> str | None:
        """The RRULE chosen (RFC 5545), with UNTIL the end of the chosen day if set."""
        rule = str(self.repeat_box.currentData() or "")
        if not rule:
            return None
        if self.until_check.isChecked() and "UNTIL=" not in rule and "COUNT=" not in rule:
            day = self.until_edit.date().toPython()
            end = datetime.combine(day, time(23, 59, 59)).astimezone().astimezone(UTC)
            rule += f";UNTIL={end:%Y%m%dT%H%M%SZ}"
        return rule


def _split_until(rule: str) -> tuple[str, datetime | None]:
    """("FREQ=WEEKLY", the local UNTIL) from "FREQ=WEEKLY;UNTIL=20270301T225959Z"."""
    parts = rule.split(";")
    until = [p for p in parts if p.upper().startswith("UNTIL=")]
    if len(until) != 1:
        return rule, None
    try:
        moment = datetime.strptime(until[0][6:], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return rule, None
    return ";".join(p for p in parts if p not in until), moment.astimezone()


def _when(moment: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000)))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(editor_format())
    return edit


def _aware(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toMSecsSinceEpoch() / 1000).astimezone()
