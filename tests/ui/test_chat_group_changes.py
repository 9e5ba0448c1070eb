"""A group that changes while it is open, three PCs through a real relay: renamed by its
admin, the chat's header shows the new name; the reader removed, the composer says who
removed her in a line she sees above her draft, the draft stays (readable, copyable,
not sendable) and the history stays readable; in German too."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Any

import msgspec
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId
from desktop_app.services import conversations
from desktop_app.ui.chat import ChatView
from tests.ui.chat_support import TIMEOUT_MS, chat_view, german, start_direct, wait_row
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture

WORDS = {
    "en": "You were removed from this group by Dr. Anna Weber. You can still read it and "
    "copy your draft, but not send anything here.",
    "de": "Dr. Anna Weber hat Sie aus dieser Gruppe entfernt. Sie können sie weiter lesen und "
    "Ihren Entwurf kopieren, aber hier nichts mehr senden.",
}
DRAFT = "Zimmer 4: bitte Blutkultur abnehmen"


async def rename(session: Any, cid: str, title: str) -> None:
    """What the group's admin's client sends to rename it: its state, the next version,
    with the new title (services/membership.py lets an admin change it)."""
    groups = session.ctx.client.messenger.groups
    s = groups.s
    state = s.container.conversations.state(ConversationId(cid))
    new = msgspec.structs.replace(
        conversations.changed_state(state, members=state.members, now=s.clock()), title=title
    )
    conversations.apply_received_state(
        s.container, ConversationId(cid), new, sender_uid=s.uid, me=s.uid,
        envelope_key=f"local/{new.version}", at=s.clock(), name=s.display_name,
    )  # fmt: skip
    await groups.outgoing.queue_content(
        ConversationId(cid), tuple(new.members), new, message_id=None, now=s.clock()
    )
    await groups.outgoing.flush()


def bodies(view: ChatView) -> list[str]:
    return [r.message.body for r in view.model.rows()]


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_group_renamed_and_then_leaving_me_while_it_is_open(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    chat_view: Any,
    tmp_path: Path,
    language: str,
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "mueller.jonas")
    lena = live_session(gui_ward, "schmidt.lena")
    group = submit(
        qtbot,
        anna,
        lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas", "schmidt.lena"]),
    )
    submit(qtbot, anna, lambda: anna.ctx.client.send_text(group, "Übergabe um 14 Uhr"))
    other = start_direct(qtbot, lena, "mueller.jonas")
    view = chat_view(lena)
    view.show_conversation(group, "Station 3B")
    wait_row(qtbot, view, lambda r: r.message.body == "Übergabe um 14 Uhr")
    composer = view.composer

    # Renamed by Anna while Lena has it open: her header follows
    submit(qtbot, anna, lambda: rename(anna, group, "Station 3B – Frühdienst"))
    qtbot.waitUntil(
        lambda: view.title_label.text() == "Station 3B – Frühdienst", timeout=TIMEOUT_MS
    )

    # Lena types a draft; then Anna removes her
    qtbot.keyClicks(composer.editor, DRAFT)
    assert composer.editor.toPlainText() == DRAFT
    with german(tmp_path) if language == "de" else nullcontext():
        submit(qtbot, anna, lambda: anna.ctx.client.remove_member(group, "schmidt.lena"))
        qtbot.waitUntil(lambda: composer.removed_note.isVisible(), timeout=TIMEOUT_MS)
        assert composer.removed_note.text() == WORDS[language]

    # The draft stays, readable and copyable, but nothing can be typed or sent
    editor = composer.editor
    assert editor.toPlainText() == DRAFT
    assert editor.isReadOnly()
    assert editor.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert not composer.send_button.isEnabled() and not composer.attach_button.isEnabled()
    qtbot.keyClicks(editor, " und mehr")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == DRAFT
    # The history stays, with the lines about the rename and the removal
    for kind in ("renamed", "removed_you"):
        wait_row(qtbot, view, lambda r, k=kind: f'"k": "{k}"' in r.message.body)
    assert "Übergabe um 14 Uhr" in bodies(view)

    # Another chat and back: still the draft, still the line (the draft is kept on the PC)
    view.show_conversation(other, "Jonas Müller")
    assert not composer.removed_note.isVisible() and not editor.isReadOnly()
    assert editor.toPlainText() == ""
    view.show_conversation(group, "Station 3B – Frühdienst")
    qtbot.waitUntil(lambda: composer.removed_note.isVisible(), timeout=TIMEOUT_MS)
    assert editor.toPlainText() == DRAFT and editor.isReadOnly()
