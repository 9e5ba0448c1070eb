"""Words shared by the teamwork views: task states and times, translated."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

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
    """A local time as 2026-12-05 14:30, or '' for none."""
    if due_ms is None:
        return ""
    return datetime.fromtimestamp(due_ms / 1000).strftime("%Y-%m-%d %H:%M")


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
