"""A group conversation exported as PDF for the patient record: its system lines ("…
created the group …") are sentences in the document, not the stored JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from tests.services.test_export import pdf_texts
from tests.ui.chat_support import TIMEOUT_MS
from tests.ui.export_support import export_the_only_conversation


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
    export_the_only_conversation(qtbot, anna, monkeypatch, target)

    lines = pdf_texts(target.read_bytes())
    assert any("created the group “Station 3B”." in line for line in lines), lines
    assert not any('"k"' in line for line in lines), lines
