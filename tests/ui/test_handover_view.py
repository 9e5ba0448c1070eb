"""The handover window as a physician sees it in English: due times shown whole, and
the exported PDF printing colleagues' names and English times without question marks."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations
from desktop_app.ui.teamwork.handover import HandoverWindow
from desktop_app.ui.teamwork.wording import when
from tests.services.test_export import pdf_texts
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.test_teamwork_tasks import shown


def add_task(qtbot: QtBot, session: Any, cid: str, due: int) -> None:
    added: list[object] = []
    session.ctx.bridge.submit(
        lambda: session.ctx.client.teamwork.add_task(
            cid,
            "Troponin kontrollieren",
            assignee="yilmaz.derya",
            due_ms=due,
            urgent=False,
            notes="",
            items=(),
            from_message=None,
        ),
        done=added.append,
        error=added.append,
    )
    qtbot.waitUntil(lambda: bool(added), timeout=TIMEOUT_MS)


def test_the_handover_shows_due_times_whole_and_prints_names_and_times(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    QLocale.setDefault(translations.locale_for("en"))  # 07/12/2026 11:34
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "yilmaz.derya")  # enrolled, so a conversation can start
    cid = start_direct(qtbot, anna, "yilmaz.derya")
    due = int((time.time() + 3 * 3600) * 1000)
    add_task(qtbot, anna, cid, due)

    handover = shown(qtbot, HandoverWindow(anna.ctx, cid, "Derya Yılmaz"))
    handover.resize(760, 520)
    qtbot.waitUntil(lambda: handover.tree.topLevelItemCount() == 1, timeout=TIMEOUT_MS)
    head = handover.tree.topLevelItem(0)
    assert head.text(0) == "Derya Yılmaz (1)"
    due_text = head.child(0).text(1)
    assert due_text == when(due)  # 07/12/2026 11:34: the English form
    # The column is as wide as its text needs: not "07/12/2026 11:3…".
    assert handover.tree.columnWidth(1) >= handover.tree.sizeHintForColumn(1)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    pdf = tmp_path / "handover.pdf"
    handover.export_pdf(str(pdf))
    qtbot.waitUntil(lambda: handover.status.text() == "PDF exported.", timeout=TIMEOUT_MS)
    lines = pdf_texts(pdf.read_bytes())
    assert "Derya Yılmaz:" in lines  # as written, not "Y?lmaz" (services/export_pdf.py)
    assert any(due_text in line for line in lines), lines
    assert not any("?" in line for line in lines), lines


def test_export_as_pdf_is_off_and_says_why_while_no_task_is_open(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    """Seen in the demo: with no open tasks "Export as PDF …" was enabled and wrote an
    empty handover."""
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "yilmaz.derya")
    cid = start_direct(qtbot, anna, "yilmaz.derya")
    empty = shown(qtbot, HandoverWindow(anna.ctx, cid, "Derya Yılmaz"))
    qtbot.waitUntil(lambda: empty.status.text() == "No open tasks.", timeout=TIMEOUT_MS)
    assert not empty.pdf_button.isEnabled()
    assert empty.pdf_button.toolTip() == "There are no open tasks to put in a PDF."

    add_task(qtbot, anna, cid, int((time.time() + 3600) * 1000))
    handover = shown(qtbot, HandoverWindow(anna.ctx, cid, "Derya Yılmaz"))
    qtbot.waitUntil(lambda: handover.tree.topLevelItemCount() == 1, timeout=TIMEOUT_MS)
    assert handover.pdf_button.isEnabled() and handover.pdf_button.toolTip() == ""
