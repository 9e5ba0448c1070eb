"""Every chat string is in resources/translations/de/chat.ts, translated, and used."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat import model as roles
from tests.ui.chat_support import CHAT_TS, LUPDATE, german, start_direct, wait_row

CHAT_SOURCES = sorted((Path(__file__).resolve().parents[2] / "desktop_app/ui/chat").glob("*.py"))


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source", ""))] = (
                translation.text or "",
                translation.get("type"),
            )
    return found


def test_the_ts_file_is_complete_and_current(tmp_path: Path) -> None:
    fresh = tmp_path / "chat.ts"
    subprocess.run(
        [str(LUPDATE), *map(str, CHAT_SOURCES), "-ts", str(fresh), "-source-language", "en",
         "-target-language", "de"],
        check=True, capture_output=True,
    )  # fmt: skip
    shipped = _messages(CHAT_TS)
    assert set(_messages(fresh)) == {k for k, (_, kind) in shipped.items() if kind != "vanished"}
    unfinished = [source for (_, source), (text, kind) in shipped.items()
                  if kind == "unfinished" or not text]  # fmt: skip
    assert unfinished == []


def test_the_chat_speaks_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    with german(tmp_path):
        view = ChatView(jonas.ctx)
        qtbot.addWidget(view)
        assert view.composer.editor.placeholderText().startswith("Links eine Unterhaltung")
        assert view.composer.urgent_button.text() == "Dringend"
        view.show_conversation(cid, "Dr. Anna Weber")
        anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(cid, "Bitte kommen", urgent=True))
        row = wait_row(qtbot, view, lambda r: r.needs_my_ack)
        index = view.model.index_of(row.message_id)
        assert index.data(roles.DAY) == "Heute"
        labels = view.delegate.labels(row)
        assert (labels.urgent, labels.acknowledge) == ("DRINGEND", "Bestätigen")
        spoken = index.data(Qt.ItemDataRole.AccessibleTextRole)
        assert spoken.startswith("Dr. Anna Weber, ") and "dringend" in spoken
        assert QCoreApplication.translate("ChatFormatting", "Yesterday") == "Gestern"
        view.clear()
