"""Search across conversations in the GUI, with messages that came through a real relay:
the results list shows where, who and the matched words; a click opens the conversation
at that message, even one many pages back; file names are found too."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.services.live_views import MemoryFile
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat import model as roles
from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.chat_support import TIMEOUT_MS, chat_view, start_direct
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture

FILLER = 130  # newer messages after the one searched for: more than two chat pages


def test_search_results_open_the_message_and_find_file_names(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    with_jonas = start_direct(qtbot, anna, "mueller.jonas")
    group = submit(
        qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas"])
    )
    client = anna.ctx.client
    old = submit(qtbot, anna, lambda: client.send_text(with_jonas, "Zimmer 12: Troponin 20 Uhr"))

    async def filler() -> None:
        for i in range(FILLER):
            await client.send_text(with_jonas, f"Routine {i}")

    submit(qtbot, anna, filler)
    in_group = submit(qtbot, anna, lambda: client.send_text(group, "Troponin negativ"))
    plan = MemoryFile("Dienstplan_Dezember.txt", b"Fruehdienst: Weber\n")
    submit(qtbot, anna, lambda: client.send_files(group, [plan]))

    chat = chat_view(jonas)
    main = MainWindow(jonas.ctx, chat, None, lambda _title, _text: None)
    qtbot.addWidget(main)
    main.show()
    conversations = main.conversations
    conversations.reload()
    qtbot.waitUntil(lambda: len(conversations.model.rows()) == 2, timeout=TIMEOUT_MS)
    # Jonas received everything through the relay: search finds both, newest first.
    conversations.search.setText("tropon")
    results = conversations.results
    qtbot.waitUntil(lambda: results.list.count() == 2, timeout=TIMEOUT_MS)
    items = [results.list.item(i) for i in range(2)]
    texts = [i.data(Qt.ItemDataRole.AccessibleTextRole) for i in items]
    assert texts[0].startswith("Station 3B · Dr. Anna Weber · ")
    assert texts[0].endswith(": Troponin negativ")
    assert texts[1].startswith("Dr. Anna Weber · Dr. Anna Weber · ")
    label = results.list.itemWidget(items[1])
    assert isinstance(label, QLabel) and "<b>Troponin</b>" in label.text()

    # A click opens the 1:1 chat at the old message, loading older pages to get there.
    rect = results.list.visualItemRect(items[1])
    qtbot.mouseClick(results.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert isinstance(chat, ChatView)
    qtbot.waitUntil(
        lambda: chat.list.currentIndex().data(roles.MESSAGE_ID) == old.message_id,
        timeout=TIMEOUT_MS,
    )
    assert chat.conversation == with_jonas
    assert chat.list.visualRect(chat.list.currentIndex()).intersects(chat.list.viewport().rect())
    assert in_group.message_id != old.message_id

    # File names are searchable; nothing found says so.
    conversations.search.setText("dienstplan")
    qtbot.waitUntil(
        lambda: (
            results.list.count() == 1
            and "Dienstplan_Dezember.txt"
            in results.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
        ),
        timeout=TIMEOUT_MS,
    )
    conversations.search.setText("Kalium")
    qtbot.waitUntil(lambda: results.heading.text() == "No messages found", timeout=TIMEOUT_MS)
    assert results.list.count() == 0
    conversations.search.clear()
    assert results.isHidden()


def bold_words(label: QLabel) -> list[str]:
    """The words a results label shows in bold (the matches), as the user sees them."""
    document = QTextDocument()
    document.setHtml(label.text())
    bold: list[str] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.Bold:
                bold.append(fragment.text())
            it += 1
        block = block.next()
    return bold


def test_a_colleagues_brackets_and_tags_show_as_written_only_the_match_bold(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    with_jonas = start_direct(qtbot, anna, "mueller.jonas")
    body = "Dosis [mg] prüfen, <b>Troponin</b> [Labor] & <img src=x.png>"
    submit(qtbot, anna, lambda: anna.ctx.client.send_text(with_jonas, body))

    main = MainWindow(jonas.ctx, chat_view(jonas), None, lambda _title, _text: None)
    qtbot.addWidget(main)
    main.show()
    main.conversations.reload()
    main.conversations.search.setText("tropon")
    results = main.conversations.results
    qtbot.waitUntil(lambda: results.list.count() == 1, timeout=TIMEOUT_MS)
    item = results.list.item(0)
    assert item.data(Qt.ItemDataRole.AccessibleTextRole).endswith(f": {body}")
    label = results.list.itemWidget(item)
    assert isinstance(label, QLabel)
    document = QTextDocument()
    document.setHtml(label.text())
    assert document.toPlainText().endswith("\n" + body)  # every word as written
    assert bold_words(label) == ["Troponin"]  # her [mg] and [Labor] are not matches
