""" "Export conversation …" in the conversation list: a FHIR Bundle through the real relay
(services/export.py does the audit), and nothing at all when the policy forbids it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from tests.ui.chat_support import call, chat_view, start_direct, wait_row
from tests.ui.export_support import export_the_only_conversation

__all__ = ["chat_view"]  # the fixture


def test_export_conversation_from_the_list(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    monkeypatch: Any,
    tmp_path: Path,
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    view.composer.editor.setPlainText("Befund für die Akte")
    view.composer.submit()
    wait_row(qtbot, view, lambda r: r.message.body == "Befund für die Akte")

    target = tmp_path / "akte.json"
    conversations, listed, told = export_the_only_conversation(qtbot, anna, monkeypatch, target)
    assert "Exported 1 message." in told[0], told
    bundle = json.loads(target.read_text("utf-8"))
    texts = [e["resource"]["payload"][0]["contentString"] for e in bundle["entry"]]
    assert texts == ["Befund für die Akte"]
    log = call(qtbot, anna, anna.ctx.client.container.exports.all)
    assert [(r.kind, r.messages) for r in log] == [("fhir", 1)]

    told.clear()
    target.unlink()
    conversations.ctx = dataclasses.replace(anna.ctx, export_allowed=False)
    conversations.export(listed)
    assert told == ["Exporting is switched off by your IT department."]
    assert not target.exists()
