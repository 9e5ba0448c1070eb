"""The handover list of a conversation: open tasks grouped by assignee, and as PDF.

The PDF leaves the container unencrypted, so it is an explicit, policy-checked export
with a warning, like attachment export (ui/chat/export.py).
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import groupby
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.file_names import file_name_from
from desktop_app.domain.tasks import Priority
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.live_teamwork import OPEN_STATES, TaskRow
from desktop_app.storage.atomic import write_whole
from desktop_app.ui import file_dialogs
from desktop_app.ui.context import UiContext
from desktop_app.ui.guarded_label import guard_item_copies
from desktop_app.ui.teamwork.wording import state_text, urgent_text, when
from desktop_app.ui.window_keys import own_window_keys


class HandoverWindow(QWidget):
    def __init__(
        self, ctx: UiContext, conversation: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        own_window_keys(self)
        self.ctx = ctx
        self.conversation = conversation
        self.title = title
        self.setWindowTitle(self.tr("Handover — %1").replace("%1", title))
        self.resize(760, 520)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Task"), self.tr("Due"), self.tr("State")])
        self.tree.setColumnWidth(0, 380)
        guard_item_copies(self.tree, ctx.copy_rule)
        self.status = QLabel()
        self.pdf_button = QPushButton(self.tr("Export as PDF …"))
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.pdf_button.setEnabled(False)  # until the open tasks are there
        if not ctx.export_allowed:
            self.pdf_button.setToolTip(self.tr("Export is switched off by your hospital's policy."))
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bar)
        self.groups: list[tuple[str, list[TaskRow]]] = []
        tw = ctx.client.teamwork
        ctx.bridge.call(tw.tasks, conversation, done=self._show, error=self._failed)

    def _show(self, rows: object) -> None:
        found = [r for r in rows if isinstance(r, TaskRow)] if isinstance(rows, list) else []
        open_rows = sorted(
            (r for r in found if r.task.state in OPEN_STATES),
            key=lambda r: (r.assignee_name == "", r.assignee_name, r.task.due_ms or 0),
        )
        nobody = self.tr("Not assigned")
        self.groups = [
            (name or nobody, list(group))
            for name, group in groupby(open_rows, key=lambda r: r.assignee_name)
        ]
        self.tree.clear()
        for name, group in self.groups:
            head = QTreeWidgetItem([f"{name} ({len(group)})"])
            for row in group:
                head.addChild(QTreeWidgetItem(self._cells(row)))
            self.tree.addTopLevelItem(head)
            head.setExpanded(True)
        # The due time whole ("07/12/2026 11:34" is wider than the default column).
        self.tree.resizeColumnToContents(1)
        self.status.setText("" if self.groups else self.tr("No open tasks."))
        if self.ctx.export_allowed:  # an empty PDF hands nothing over
            self.pdf_button.setEnabled(bool(self.groups))
            self.pdf_button.setToolTip(
                "" if self.groups else self.tr("There are no open tasks to put in a PDF.")
            )

    def _cells(self, row: TaskRow) -> list[str]:
        task = row.task
        title = task.title + (f" [{urgent_text()}]" if task.priority is Priority.URGENT else "")
        return [title, when(task.due_ms), state_text(task.state)]

    def lines(self) -> list[str]:
        out = []
        for name, group in self.groups:
            out.append(f"{name}:")
            for row in group:
                title, due, state = self._cells(row)
                due_part = " — " + self.tr("due %1").replace("%1", due) if due else ""
                out.append(f"    [ ] {title}{due_part} ({state})")
                out += [f"        {line}" for line in row.task.notes.splitlines()]
                out += [f"        - {i.text}" for i in row.task.items if not i.done]
            out.append("")
        return out

    def suggested_name(self) -> str:
        """ "Handover Station 3B 2026-12-08.pdf": the ward and the day, so a folder of
        printed handovers can be told apart (every one was "handover.pdf")."""
        name = self.tr("Handover %1 %2").replace("%1", file_name_from(self.title, ""))
        return " ".join(name.replace("%2", date.today().isoformat()).split()) + ".pdf"

    def export_pdf(self, path: str = "") -> None:
        if not self.ctx.export_allowed or not self.groups:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Export the handover"),
            self.tr(
                "The PDF is not encrypted: anyone who can read the folder or the printout "
                "can read the tasks. Export anyway?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not path:
            path, _ = file_dialogs.get_save_file_name(
                self, self.tr("Export the handover"), self.suggested_name(),
                self.tr("PDF files (*.pdf)"),
            )  # fmt: skip
        if not path:
            return
        heading = self.tr("Handover — %1 — %2").replace("%1", self.title)
        heading = heading.replace("%2", when(int(datetime.now().timestamp() * 1000)))
        tw, cid, lines = self.ctx.client.teamwork, self.conversation, self.lines()

        def write() -> None:
            data = tw.handover_pdf(cid, heading, lines)
            with chosen_file(Path(path), saving=True):  # the OS's reason, worded by key
                write_whole(Path(path), data)

        self.ctx.bridge.call(
            write, done=lambda _r: self.status.setText(self.tr("PDF exported.")), error=self._failed
        )

    def _failed(self, message: str) -> None:
        """Shown in the window, not in a modal box: a reload may fail while typing."""
        self.status.setText(message)
