"""A group conversation exported as PDF for the patient record: its system lines ("…
created the group …") are sentences in the document, not the stored JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.ui.shell.conversation_list import ConversationList
from tests.services.test_export import pdf_texts
from tests.ui.chat_support import TIMEOUT_MS


def test_a_group_export_writes_its_system_lines_as_sentences(
    qtbot: QtBot, gui_ward: Any, live_session: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    made: list[object] = []
    anna.ctx.bridge.submit(
        lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas"]),
        done=made.append,
        error=made.append,
    )
    qtbot.waitUntil(lambda: bool(made), timeout=TIMEOUT_MS)

    target = tmp_path / "station-3b.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: told.append(text))
    conversations = ConversationList(anna.ctx)
    qtbot.addWidget(conversations)
    conversations.reload()
    qtbot.waitUntil(lambda: bool(conversations.model.rows()), timeout=TIMEOUT_MS)
    (listed,) = conversations.model.rows()
    conversations.export(listed)
    qtbot.waitUntil(lambda: bool(told), timeout=TIMEOUT_MS)

    lines = pdf_texts(target.read_bytes())
    assert any("created the group “Station 3B”." in line for line in lines), lines
    assert not any('"k"' in line for line in lines), lines
