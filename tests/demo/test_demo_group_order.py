"""A demo group opens with "X created the group", then its messages.

Seen in the walk-through: in Dr. Ben Yılmaz's window the "Dienstarzt Kardiologie"
group showed Jörg Bauer's message (20:40) above "Jörg Bauer created the group" (20:42),
and the conversation list previewed the system line instead of the message: the last
step was received only after the seeding clock returned to the present, so the line was
dated at the arrival bound, after the (backdated) message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.commands.demo_org import DEMO_PASSPHRASE
from desktop_app.domain.model import ConversationKind, MessageKind
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.chat.view import ChatView
from tests.demo.conftest import MadeDemo
from tests.demo.test_demo_switch_user_title import TIMEOUT_MS
from tests.demo.test_demo_window import open_window
from tests.ui.shell_rig import make_controller
from tests.ui.test_app_flow import bridge

__all__ = ["bridge"]  # the fixture


def test_each_demo_group_opens_with_its_creation_for_both_people(
    qtbot: QtBot, bridge: AsyncBridge, made_demo: MadeDemo, tmp_path: Path
) -> None:
    root = made_demo.copy(tmp_path / "demo")
    for who in ("FIRST", "SECOND"):
        opened = _groups_as_shown(qtbot, bridge, root, who)
        assert len(opened) == 2, (who, opened)
        for title, kinds in opened.items():
            assert kinds[0] is MessageKind.SYSTEM, (who, title, kinds)
            assert MessageKind.SYSTEM not in kinds[1:], (who, title, kinds)


def _groups_as_shown(
    qtbot: QtBot, bridge: AsyncBridge, root: Path, who: str
) -> dict[str, list[MessageKind]]:
    """Open the demo as ``who``, click each group in the list: what its chat shows."""
    window = open_window(root, who)
    controller = make_controller(
        bridge, window.profile_root, window.relay_address, title=window.title
    )
    try:
        controller.show_start()
        controller.unlock(window.open_profile, DEMO_PASSPHRASE)  # as the demo opens
        qtbot.waitUntil(lambda: controller.main is not None, timeout=TIMEOUT_MS)
        main = controller.main
        assert main is not None and isinstance(main.chat, ChatView)
        chat, listed = main.chat, main.conversations
        qtbot.waitUntil(lambda: len(listed.model.rows()) == 3, timeout=TIMEOUT_MS)
        opened: dict[str, list[MessageKind]] = {}
        for group in [r for r in listed.model.rows() if r.kind is ConversationKind.GROUP]:
            where = listed.proxy.mapFromSource(listed.model.index(listed.model.rows().index(group)))
            qtbot.mouseClick(
                listed.view.viewport(),
                Qt.MouseButton.LeftButton,
                pos=listed.view.visualRect(where).center(),
            )
            qtbot.waitUntil(
                lambda cid=group.conversation_id: len(_kinds(chat, cid)) >= 2, timeout=TIMEOUT_MS
            )
            opened[group.title] = _kinds(chat, group.conversation_id)
        return opened
    finally:
        controller.shutdown()
        window.close()


def _kinds(chat: ChatView, cid: str) -> list[MessageKind]:
    """The kinds of the rows the chat shows, top down, once they are ``cid``'s."""
    rows = chat.model.rows()
    if not all(r.message.conversation_id == cid for r in rows):
        return []
    return [r.message.kind for r in rows]
