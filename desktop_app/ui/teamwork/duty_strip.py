"""Today's duties at a glance in the main window: who is on duty now for each functional
account that has shifts in my conversations' calendars, and whom another calendar names
for the same time (services/duty_roster.py): a disagreement is shown, not hidden."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.services.live_teamwork import DutyRow
from desktop_app.ui.context import UiContext
from desktop_app.ui.literal_text import plain_label
from desktop_app.ui.shift_time import shift_time
from desktop_app.ui.teamwork.coalesce import coalesced

REFRESH_MS = 60_000  # a shift change shows within a minute


class DutyStrip(QLabel):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        plain_label(self)  # role and people's names from the directory and calendars
        self.setObjectName("dutyStrip")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#dutyStrip { background: #fdf3e1; padding: 4px 12px; }")
        self.setAccessibleName(self.tr("On duty now"))
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
        parts = [self._part(r) for r in found]
        self.setText(self.tr("On duty now — ") + "; ".join(parts) if parts else "")
        self.setVisible(bool(parts))

    def _part(self, row: DutyRow) -> str:
        text = (
            self.tr("%1: %2 until %3")
            .replace("%1", row.role_name)
            .replace("%2", row.holder_name or self.tr("nobody named"))
            .replace("%3", shift_time(row.end))
        )
        if row.also_named:
            text += self.tr(" (another calendar names %1)").replace("%1", ", ".join(row.also_named))
        return text

    def stop(self) -> None:
        """The lock: no more queries, nothing shown."""
        self.timer.stop()
        self.clear()
        self.hide()
