"""A DICOM Structured Report (radiology report, measurement report) as readable text:
its status line, then the content tree indented (medical/structured_report.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.medical.structured_report import Report
from desktop_app.ui.clipboard_guard import CopyRule
from desktop_app.ui.viewers.guarded_text import GuardedText


class ReportView(QWidget):
    def __init__(
        self, report: Report, parent: QWidget | None = None, copying: CopyRule | None = None
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.status = QLabel(self._status_text())
        self.status.setWordWrap(True)
        self.text = GuardedText(copying)  # the report's copies go through the guard
        self.text.setPlainText(report.as_text())
        self.text.setAccessibleName(self.tr("Structured report"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)

    def _status_text(self) -> str:
        report = self.report
        complete = {
            "COMPLETE": self.tr("complete"),
            "PARTIAL": self.tr("partial"),
        }.get(report.completion, self.tr("completion not stated"))
        if report.verification == "VERIFIED":
            verified = (
                self.tr("verified by {name}").format(name=report.observer)
                if report.observer
                else self.tr("verified")
            )
        else:
            verified = self.tr("not verified")
        return self.tr("Structured report: {complete}, {verified}").format(
            complete=complete, verified=verified
        )
