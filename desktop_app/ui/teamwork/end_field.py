"""The event dialog's End field: it moves with the start, and says when it is before it.

An End before the Start used to be moved silently on OK to a minute after the start, so
a nurse who mistyped the end saved a one-minute event without being told. Now moving
the start takes the end along (the length stays, as in every calendar), and an end
before the start is said in red under the field at once; OK goes there instead of
saving until it is mended."""

from __future__ import annotations

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QLabel, QVBoxLayout, QWidget

from desktop_app.ui.directory.dialogs import error_label


class EndField(QWidget):
    """``end`` with a hidden red line below it; ``in_order()`` is the OK button's check."""

    def __init__(
        self,
        start: QDateTimeEdit,
        end: QDateTimeEdit,
        all_day: QCheckBox,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.start, self.end, self.all_day = start, end, all_day
        self._last_start = start.dateTime()
        self.before_start: QLabel = error_label(self)
        self.before_start.setText(self.tr("The end must be after the start."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(end)
        layout.addWidget(self.before_start)
        start.dateTimeChanged.connect(self._start_moved)
        end.dateTimeChanged.connect(self._check)
        all_day.toggled.connect(self._check)

    def _start_moved(self, moved_to: QDateTime) -> None:
        self.end.setDateTime(self.end.dateTime().addSecs(self._last_start.secsTo(moved_to)))
        self._last_start = moved_to
        self._check()

    def _check(self) -> None:
        self.before_start.setVisible(not self._ordered())

    def _ordered(self) -> bool:
        start, end = self.start.dateTime(), self.end.dateTime()
        if self.all_day.isChecked():  # whole days: the last day may be the first
            return end.date() >= start.date()
        return end > start

    def in_order(self) -> bool:
        """True if the end is after the start; else say so and put the cursor there."""
        self._check()
        if self._ordered():
            return True
        self.end.setFocus()
        return False
