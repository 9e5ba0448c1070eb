"""Today's duties at a glance in the main window: who is on duty now for each functional
account that has shifts in my conversations' calendars, and whom another calendar names
for the same time (services/duty_roster.py): a disagreement is shown, not hidden.

One line, whatever the window's width: every duty with until when if that fits, else
without it ("On duty now: Dienstarzt Kardiologie – Dr. Ben Yılmaz · Dienstarzt Anästhesie
– Dr. Clara Roth · +2"): as many duties as fit are named in full, the rest are counted
("+2"); the full list, with until when, is the tooltip and shows on a click. (A
word-wrapped label grew to two or three lines, and the main window's layout cut the
lines after the first.) A duty that does not fit alone ends in "…", so no name is ever
cut without a sign that it goes on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolTip, QWidget

from desktop_app.services.live_teamwork import DutyRow
from desktop_app.ui.context import UiContext
from desktop_app.ui.literal_text import literal, plain_label
from desktop_app.ui.shift_time import shift_time
from desktop_app.ui.teamwork.coalesce import coalesced

REFRESH_MS = 60_000  # a shift change shows within a minute


class DutyStrip(QLabel):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        plain_label(self)  # role and people's names from the directory and calendars
        self.setObjectName("dutyStrip")
        self.setWordWrap(False)
        # The line is fitted to the width it gets; it never widens the main window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("QLabel#dutyStrip { background: #fdf3e1; padding: 4px 12px; }")
        self.setAccessibleName(self.tr("On duty now"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.parts: list[str] = []  # one per duty, as the line names it
        self.detailed: list[str] = []  # the same with until when, for a wide window
        self.hide()
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.reload)
        self.timer.start()
        ctx.events.teamwork.connect(coalesced(self, self.reload, self.timer.isActive))
        self.reload()

    def reload(self) -> None:
        self.ctx.bridge.call(self.ctx.client.teamwork.duties_now, done=self._show)

    def _show(self, rows: object) -> None:
        found = [r for r in rows if isinstance(r, DutyRow)] if isinstance(rows, list) else []
        self.parts = [self._part(r) for r in found]
        self.detailed = [self._part(r, until=True) for r in found]
        full = "\n".join(self._line(r) for r in found)
        self.setToolTip(literal(full))  # role and holder names: a calendar's words
        self.setAccessibleDescription(full)
        self._fit()
        self.setVisible(bool(found))

    def _part(self, row: DutyRow, until: bool = False) -> str:
        """A duty in the line: role and who holds it (another calendar's claim too)."""
        text = (
            self.tr("%1 – %2")
            .replace("%1", row.role_name)
            .replace("%2", row.holder_name or self.tr("nobody named"))
        )
        if until:
            text += self.tr(" until %1").replace("%1", shift_time(row.end))
        if row.also_named:
            text += self.tr(" (another calendar names %1)").replace("%1", ", ".join(row.also_named))
        return text

    def _line(self, row: DutyRow) -> str:
        """A duty in the full list (tooltip, click): with until when."""
        text = (
            self.tr("%1: %2 until %3")
            .replace("%1", row.role_name)
            .replace("%2", row.holder_name or self.tr("nobody named"))
            .replace("%3", shift_time(row.end))
        )
        if row.also_named:
            text += self.tr(" (another calendar names %1)").replace("%1", ", ".join(row.also_named))
        return text

    def _fit(self) -> None:
        """As many duties as the width holds, then "+n"; one that does not fit alone is
        cut with "…"."""
        if not self.parts:
            self.clear()
            return
        metrics = self.fontMetrics()
        room = self.contentsRect().width()  # inside the style sheet's padding
        head = self.tr("On duty now: ")
        count = len(self.parts)
        text = head + " · ".join(self.detailed)
        if metrics.horizontalAdvance(text) <= room:
            self.setText(text)
            return
        for shown in range(count, 0, -1):
            text = head + " · ".join(self.parts[:shown])
            if shown < count:
                text += " · +" + str(count - shown)
            if metrics.horizontalAdvance(text) <= room:
                self.setText(text)
                return
        more = "" if count == 1 else " · +" + str(count - 1)
        first = metrics.elidedText(
            self.parts[0],
            Qt.TextElideMode.ElideRight,
            max(room - metrics.horizontalAdvance(head + more), 0),
        )
        self.setText(head + first + more)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """A click shows the full list (the tooltip, without waiting for it)."""
        if event.button() == Qt.MouseButton.LeftButton and self.toolTip():
            QToolTip.showText(event.globalPosition().toPoint(), self.toolTip(), self)
        super().mousePressEvent(event)

    def stop(self) -> None:
        """The lock: no more queries, nothing shown."""
        self.timer.stop()
        self.parts = []
        self.detailed = []
        self.clear()
        self.setToolTip("")
        self.setAccessibleDescription("")
        self.hide()
