"""Every chat string is in resources/translations/de/chat.ts, translated, and used."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain import system_lines
from desktop_app.domain.model import MessageKind
from desktop_app.ui.chat import ChatView, system_text
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


def _create_group(qtbot: QtBot, session: Any, title: str, uids: list[str]) -> Any:
    made: list[Any] = []
    errors: list[str] = []
    session.ctx.bridge.submit(
        lambda: session.ctx.client.create_group(title, uids), done=made.append, error=errors.append
    )
    qtbot.waitUntil(lambda: bool(made or errors), timeout=15_000)
    assert not errors, errors
    return made[0]


def test_system_lines_show_in_the_readers_language(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path
) -> None:
    """A line made while one side runs German reads English in an English UI, and back."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    with german(tmp_path):  # Anna works in German when she creates the group
        cid = _create_group(qtbot, anna, "Station 4", ["mueller.jonas"])
        mine = ChatView(anna.ctx)
        qtbot.addWidget(mine)
        mine.show_conversation(cid, "Station 4")
        row = wait_row(qtbot, mine, lambda r: r.message.kind is MessageKind.SYSTEM)
        assert mine.model.index_of(row.message_id).data(roles.TEXT) == (
            "Sie haben die Gruppe „Station 4“ erstellt."
        )
        mine.clear()
    view = ChatView(jonas.ctx)  # Jonas reads in English
    qtbot.addWidget(view)
    view.show_conversation(cid, "Station 4")
    row = wait_row(qtbot, view, lambda r: r.message.kind is MessageKind.SYSTEM)
    index = view.model.index_of(row.message_id)
    assert index.data(roles.TEXT) == "Dr. Anna Weber created the group “Station 4”."
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == index.data(roles.TEXT)
    mine = ChatView(anna.ctx)  # and Anna's own line, now in an English UI
    qtbot.addWidget(mine)
    mine.show_conversation(cid, "Station 4")
    row = wait_row(qtbot, mine, lambda r: r.message.kind is MessageKind.SYSTEM)
    assert mine.model.index_of(row.message_id).data(roles.TEXT) == (
        "You created the group “Station 4”."
    )
    with german(tmp_path):  # the same stored line, re-read in German
        assert index.data(roles.TEXT) == "Dr. Anna Weber hat die Gruppe „Station 4“ erstellt."
    view.clear()
    mine.clear()


def test_every_system_line_kind_is_translated(tmp_path: Path) -> None:
    for kind, (english_text, params) in system_lines.TEMPLATES.items():
        body = system_lines.encode(kind, **{p: f"<{p}>" for p in params})
        assert system_text.render(body) == system_lines.english(body)
        assert system_lines.english(body) == english_text.format(**{p: f"<{p}>" for p in params})
        with german(tmp_path):
            german_text = system_text.render(body)
        assert german_text != system_lines.english(body), kind
        assert all(f"<{p}>" in german_text for p in params), kind
    old = "Jonas Müller hat ein neues Gerät."  # stored before the structured bodies
    assert system_text.render(old) == old == system_lines.english(old)
    # a name that looks like a placeholder is shown as it is
    tricky = system_lines.encode("member_added", by="%who", who="Ben")
    assert system_text.render(tricky) == "%who added Ben."
