"""Helpers for the ChatView tests: a direct conversation between two live sessions."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.model import Attachment
from desktop_app.services.live_views import MessageRow
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.previews import Preview

TIMEOUT_MS = 15_000


def start_direct(qtbot: QtBot, session: Any, uid: str) -> ConversationId:
    started: list[ConversationId] = []
    errors: list[str] = []
    session.ctx.bridge.submit(
        lambda: session.ctx.client.start_direct(uid), done=started.append, error=errors.append
    )
    qtbot.waitUntil(lambda: bool(started or errors), timeout=TIMEOUT_MS)
    assert not errors, errors
    return started[0]


@pytest.fixture
def chat_view(qtbot: QtBot, live_session: Any) -> Iterator[Callable[..., ChatView]]:
    """Call with (session[, width, height]) for a shown ChatView on that session.

    Set up after ``live_session``, so torn down before it: the views are cleared (their
    timers stopped) while the bridges still run.
    """
    views: list[ChatView] = []

    def make(session: Any, width: int = 720, height: int = 820) -> ChatView:
        view = ChatView(session.ctx)
        qtbot.addWidget(view)
        view.resize(width, height)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        view.clear()
        view.close()


def rows(view: ChatView) -> tuple[MessageRow, ...]:
    return view.model.rows()


def wait_row(
    qtbot: QtBot, view: ChatView, match: Callable[[MessageRow], bool], timeout: int = TIMEOUT_MS
) -> MessageRow:
    found: list[MessageRow] = []

    def check() -> bool:
        found[:] = [r for r in rows(view) if match(r)]
        return bool(found)

    qtbot.waitUntil(check, timeout=timeout)
    return found[-1]


def sent_and_previewed(
    qtbot: QtBot, sender: ChatView, receiver: ChatView, paths: list[Path]
) -> list[tuple[Attachment, Preview]]:
    """Send ``paths`` from ``sender``'s composer; each as the receiver's card has it,
    with the preview the card made (a picture, or the sentence why not)."""
    sender.composer.add_files(paths)
    sender.composer.submit()
    found: list[tuple[Attachment, Preview]] = []
    for path in paths:
        name = path.name
        row = wait_row(qtbot, receiver, lambda r, n=name: _names(r, n))
        attachment = next(a for a in row.message.attachments if a.file_name == name)
        aid = attachment.attachment_id
        qtbot.waitUntil(lambda a=aid: receiver.thumbnails.peek(a) is not None, timeout=TIMEOUT_MS)
        preview = receiver.thumbnails.peek(aid)
        assert preview is not None
        found.append((attachment, preview))
    return found


def _names(row: MessageRow, name: str) -> bool:
    return any(a.file_name == name for a in row.message.attachments)


def call(qtbot: QtBot, session: Any, fn: Callable[..., Any], *args: Any) -> Any:
    """Run ``fn(*args)`` on the session's loop thread and wait for the result."""
    result: list[Any] = []
    errors: list[str] = []
    session.ctx.bridge.call(fn, *args, done=result.append, error=errors.append)
    qtbot.waitUntil(lambda: bool(result or errors), timeout=TIMEOUT_MS)
    assert not errors, errors
    return result[0]


CHAT_TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "de" / "chat.ts"
LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


@contextmanager
def german(folder: Path) -> Iterator[QTranslator]:
    """The chat's German translation, compiled from the .ts and installed for the block."""
    qm = folder / "chat_de.qm"
    subprocess.run([str(LRELEASE), str(CHAT_TS), "-qm", str(qm)], check=True,
                   capture_output=True)  # fmt: skip
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        yield translator
    finally:
        QCoreApplication.removeTranslator(translator)


class TwoInAChat(NamedTuple):
    """Anna and Jonas, each a live session with a chat view on their direct chat."""

    anna: Any
    jonas: Any
    cid: ConversationId
    anna_view: ChatView
    jonas_view: ChatView


def anna_and_jonas_chatting(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Callable[..., ChatView]
) -> TwoInAChat:
    """The two-person setup most chat tests start from."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    anna_view, jonas_view = chat_view(anna), chat_view(jonas)
    anna_view.show_conversation(cid, "Jonas Müller")
    jonas_view.show_conversation(cid, "Dr. Anna Weber")
    return TwoInAChat(anna, jonas, cid, anna_view, jonas_view)
