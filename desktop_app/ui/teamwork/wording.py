"""Words shared by the teamwork views: task states and times, translated."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from desktop_app.domain.tasks import TaskState


def state_text(state: TaskState) -> str:
    texts = {
        TaskState.OPEN: QCoreApplication.translate("Teamwork", "Open"),
        TaskState.IN_PROGRESS: QCoreApplication.translate("Teamwork", "In progress"),
        TaskState.DONE: QCoreApplication.translate("Teamwork", "Done"),
        TaskState.CANCELLED: QCoreApplication.translate("Teamwork", "Cancelled"),
    }
    return texts[state]


def urgent_text() -> str:
    return QCoreApplication.translate("Teamwork", "Urgent")


def when(due_ms: int | None) -> str:
    """A local time in the UI language's short form (06.12.26 14:30 in German), as the
    chat and the files tab show times; '' for none."""
    if due_ms is None:
        return ""
    moment = QDateTime.fromMSecsSinceEpoch(due_ms)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def weekday(day: date) -> str:
    names = (
        QCoreApplication.translate("Teamwork", "Mon"),
        QCoreApplication.translate("Teamwork", "Tue"),
        QCoreApplication.translate("Teamwork", "Wed"),
        QCoreApplication.translate("Teamwork", "Thu"),
        QCoreApplication.translate("Teamwork", "Fri"),
        QCoreApplication.translate("Teamwork", "Sat"),
        QCoreApplication.translate("Teamwork", "Sun"),
    )
    return names[day.weekday()]
