"""New chat, new group and members dialogs against a real relay."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.model import MessageKind
from desktop_app.domain.system_lines import english
from desktop_app.services.live_views import ConversationRow
from desktop_app.ui.directory import MembersDialog, NewChatDialog, NewGroupDialog
from desktop_app.ui.directory.search import NO_DEVICE_ROLE, SUBTITLE_ROLE, UID_ROLE
from tests.ui.test_directory_panel import type_text

WAIT = 10000


def _call(qtbot: QtBot, session: Any, fn: Any, *args: Any) -> Any:
    out: list[Any] = []
    session.ctx.bridge.call(fn, *args, done=out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT)
    return out[0]


def _conversations(qtbot: QtBot, session: Any) -> list[ConversationRow]:
    rows: list[ConversationRow] = _call(qtbot, session, session.ctx.client.conversations)
    return rows


def _search_and_enter(qtbot: QtBot, search: Any, text: str) -> None:
    search.field.clear()
    with qtbot.waitSignal(search.searched, timeout=WAIT):
        type_text(qtbot, search.field, text)
    qtbot.keyClick(search.field, Qt.Key.Key_Return)


def test_new_chat_with_enter_on_the_first_result(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    gui_ward.enroll("schmidt.lena")
    anna = live_session(gui_ward, "weber.anna")
    dialog = NewChatDialog(anna.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.search.field
    dialog.search.field.setText("weber")  # the person at the PC is never offered
    qtbot.waitSignal(dialog.search.searched, timeout=WAIT).wait()
    assert dialog.search.model.uids() == []
    with qtbot.waitSignal(dialog.started, timeout=WAIT) as started:
        _search_and_enter(qtbot, dialog.search, "lena")
    cid = started.args[0]
    assert dialog.conversation_id == cid
    assert dialog.result() == NewChatDialog.DialogCode.Accepted
    rows = _conversations(qtbot, anna)
    assert cid in [r.conversation_id for r in rows]


def test_new_chat_failure_is_shown_inline(qtbot: QtBot, gui_ward: Any, live_session: Any) -> None:
    anna = live_session(gui_ward, "weber.anna")  # Derya Yılmaz has no device yet
    dialog = NewChatDialog(anna.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _search_and_enter(qtbot, dialog.search, "yilmaz")
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=WAIT)
    assert dialog.error.text() == (
        "No device is enrolled for Derya Yılmaz yet; messages cannot be delivered."
    )
    assert dialog.isVisible() and dialog.conversation_id is None
    assert dialog.search.field.text() == "yilmaz" and dialog.search.isEnabled()
    assert dialog.write_button.isEnabled()


def test_new_group_picks_people_by_search_and_keeps_input_on_errors(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    dialog = NewGroupDialog(anna.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.create_button.isEnabled() and not dialog.hint.isHidden()
    qtbot.keyClicks(dialog.title, "Station 3B")
    assert not dialog.create_button.isEnabled()  # nobody else yet
    _search_and_enter(qtbot, dialog.search, "dienstarzt")  # a role is not a member
    assert "functional account" in dialog.error.text() and dialog.uids() == []
    _search_and_enter(qtbot, dialog.search, "mül")
    assert dialog.uids() == ["mueller.jonas"]
    # the chosen row says what the search row said: ward and department tell two
    # namesakes of one profession apart (the title alone did not)
    assert dialog.chosen.item(0).data(SUBTITLE_ROLE) == (
        "Station 3B, Kardiologie · Gesundheits- und Krankenpfleger"
    )
    assert dialog.search.field.text() == ""  # ready for the next person
    _search_and_enter(qtbot, dialog.search, "yilmaz")  # not enrolled: she joins later
    assert dialog.uids() == ["mueller.jonas", "yilmaz.derya"]
    assert dialog.create_button.isEnabled()
    with qtbot.waitSignal(dialog.created, timeout=WAIT) as created:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    cid = created.args[0]
    assert dialog.error.isHidden()
    qtbot.waitUntil(
        lambda: any(r.conversation_id == cid for r in _conversations(qtbot, jonas)),
        timeout=WAIT,
    )
    members = _members_dialog(qtbot, anna, cid)
    pending = [members.list.item(r) for r in range(members.list.count())]
    derya = [i for i in pending if i.data(UID_ROLE) == "yilmaz.derya"]
    assert len(derya) == 1 and derya[0].text() == "Derya Yılmaz"
    assert derya[0].data(SUBTITLE_ROLE) == "waiting for enrollment"
    assert (
        "Members: 2" in members.count.text() and "waiting for enrollment: 1" in members.count.text()
    )


def test_remove_is_usable_only_with_a_chosen_person_selected(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    """Seen in the demo: "Remove" under an empty member list, or with nobody selected,
    could be clicked and did nothing at all."""
    anna = live_session(gui_ward, "weber.anna")
    dialog = NewGroupDialog(anna.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remove_button.isEnabled()  # nobody chosen yet
    _search_and_enter(qtbot, dialog.search, "lena")
    _search_and_enter(qtbot, dialog.search, "yilmaz")
    assert dialog.uids() == ["schmidt.lena", "yilmaz.derya"]
    assert not dialog.remove_button.isEnabled()  # chosen, but nobody selected
    chosen = dialog.chosen
    qtbot.mouseClick(
        chosen.viewport(),
        Qt.MouseButton.LeftButton,
        pos=chosen.visualItemRect(chosen.item(1)).center(),
    )
    assert dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.uids() == ["schmidt.lena"]


def test_group_errors_are_shown_in_the_dialog_without_ids(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")  # Derya has no device yet
    dialog = NewGroupDialog(anna.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title, "Nur Derya")
    _search_and_enter(qtbot, dialog.search, "yilmaz")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=WAIT)
    assert dialog.error.text() == "Nobody you chose has an enrolled device yet."
    assert "yilmaz.derya" not in dialog.error.text() and dialog.isVisible()


def _create(qtbot: QtBot, session: Any, title: str, people: list[str]) -> str:
    out: list[str] = []
    client = session.ctx.client
    session.ctx.bridge.submit(lambda: client.create_group(title, people), done=out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT)
    return str(out[0])


def _members_dialog(qtbot: QtBot, session: Any, cid: str) -> MembersDialog:
    dialog = MembersDialog(session.ctx, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=WAIT)
    return dialog


def _rows(dialog: MembersDialog) -> list[tuple[str, str]]:
    return [
        (dialog.list.item(i).data(UID_ROLE), dialog.list.item(i).data(SUBTITLE_ROLE))
        for i in range(dialog.list.count())
    ]


def test_members_admin_removes_and_adds_others_read_only(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    gui_ward.enroll("schmidt.lena")
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = _create(qtbot, anna, "Station 3B", ["mueller.jonas"])
    qtbot.waitUntil(
        lambda: any(r.conversation_id == cid for r in _conversations(qtbot, jonas)),
        timeout=WAIT,
    )

    # Jonas sees the members, read-only
    at_jonas = _members_dialog(qtbot, jonas, cid)
    assert _rows(at_jonas) == [("weber.anna", "Admin"), ("mueller.jonas", "Member · you")]
    QApplication.processEvents()
    assert at_jonas.remove_button.isHidden() and at_jonas.right.isHidden()
    assert "Only the group's admins" in at_jonas.note.text()

    # Anna, the admin, adds Lena by search and removes Jonas
    at_anna = _members_dialog(qtbot, anna, cid)
    assert _rows(at_anna)[0] == ("weber.anna", "Admin · you")
    assert not at_anna.remove_button.isHidden()
    at_anna.select("weber.anna")
    assert not at_anna.remove_button.isEnabled()  # not myself
    with qtbot.waitSignal(at_anna.changed, timeout=WAIT):
        _search_and_enter(qtbot, at_anna.search, "lena")
    qtbot.waitUntil(lambda: "schmidt.lena" in [u for u, _ in _rows(at_anna)], timeout=WAIT)
    at_anna.select("mueller.jonas")
    assert at_anna.remove_button.isEnabled()
    with qtbot.waitSignal(at_anna.changed, timeout=WAIT):
        qtbot.mouseClick(at_anna.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: [u for u, _ in _rows(at_anna)] == ["weber.anna", "schmidt.lena"], timeout=WAIT
    )
    assert at_anna.count.text() == "Members: 2"

    # Jonas's client is told: a system line in the conversation
    def removed_line() -> bool:
        page = _call(qtbot, jonas, jonas.ctx.client.page, ConversationId(cid))
        return any(
            r.message.kind is MessageKind.SYSTEM and "removed you" in english(r.message.body)
            for r in page.rows
        )

    qtbot.waitUntil(removed_line, timeout=WAIT)


def test_members_of_a_direct_conversation(qtbot: QtBot, gui_ward: Any, live_session: Any) -> None:
    gui_ward.enroll("mueller.jonas")
    anna = live_session(gui_ward, "weber.anna")
    out: list[str] = []
    client = anna.ctx.client
    anna.ctx.bridge.submit(lambda: client.start_direct("mueller.jonas"), done=out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT)
    dialog = _members_dialog(qtbot, anna, out[0])
    assert {u for u, _ in _rows(dialog)} == {"weber.anna", "mueller.jonas"}
    assert dialog.remove_button.isHidden()
    assert "1:1" in dialog.note.text()


def test_adding_someone_without_device_shows_them_waiting(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "mueller.jonas")
    cid = _create(qtbot, anna, "Frühdienst", ["mueller.jonas"])
    dialog = _members_dialog(qtbot, anna, cid)
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        _search_and_enter(qtbot, dialog.search, "yilmaz")
    qtbot.waitUntil(lambda: dialog.select("yilmaz.derya").isValid(), timeout=WAIT)
    assert "joins the group when enrolled" in dialog.status.text()
    assert dialog.error.isHidden()
    item = dialog.list.currentItem()
    assert item is not None and item.data(SUBTITLE_ROLE) == "waiting for enrollment"
    assert dialog.remove_button.isEnabled()  # chosen by mistake: can be dropped again
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.select("yilmaz.derya").isValid(), timeout=WAIT)


def test_the_result_enter_adds_shows_as_selected_while_typing(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    """Seen in the demo: after typing, no result looked selected, yet Enter in the search
    added the first one. Now the first shows as selected, and Enter adds what is."""
    anna = live_session(gui_ward, "weber.anna")
    dialog = NewGroupDialog(anna.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    search, results = dialog.search, dialog.search.results
    qtbot.mouseClick(search.field, Qt.MouseButton.LeftButton)
    for added in (0, 1):
        with qtbot.waitSignal(search.searched, timeout=WAIT):
            type_text(qtbot, search.field, "m")
        assert search.model.rowCount() > 2 and dialog.focusWidget() is search.field
        first = search.model.index(0, 0)
        assert results.currentIndex() == first and results.selectionModel().isSelected(first)
        if added:  # Down: the highlight moves to the next one, and Enter adds that one
            qtbot.keyClick(search.field, Qt.Key.Key_Down)
            qtbot.keyClick(results, Qt.Key.Key_Down)
        shown = results.selectionModel().selectedIndexes()
        assert [i.row() for i in shown] == [added]
        wanted = search.model.hit(added)
        assert wanted is not None
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        assert dialog.uids()[-1] == wanted.uid


def test_new_chat_says_no_device_yet_before_write_is_pressed(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    """Seen in the walk: the nurse learnt it only after pressing "Write message"."""
    gui_ward.enroll("schmidt.lena")
    anna = live_session(gui_ward, "weber.anna")  # Derya Yılmaz has no device yet
    dialog = NewChatDialog(anna.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.search.searched, timeout=WAIT):
        type_text(qtbot, dialog.search.field, "yilmaz")  # the first row is chosen
    said = "No device is enrolled for Derya Yılmaz yet; messages cannot be delivered."
    qtbot.waitUntil(lambda: said in _shown(dialog), timeout=WAIT)
    assert dialog.conversation_id is None and dialog.error.isHidden()  # nothing pressed
    marks = [dialog.search.model.data(dialog.search.model.index(0), NO_DEVICE_ROLE)]
    assert marks == ["no device yet"]  # the row, as the directory panel marks it

    dialog.search.field.clear()
    with qtbot.waitSignal(dialog.search.searched, timeout=WAIT):
        type_text(qtbot, dialog.search.field, "lena")  # enrolled: nothing to say
    index = dialog.search.model.index(0)
    qtbot.waitUntil(lambda: dialog.search.results.currentIndex() == index, timeout=WAIT)
    qtbot.waitUntil(lambda: said not in _shown(dialog), timeout=WAIT)
    assert dialog.search.model.data(index, NO_DEVICE_ROLE) is None


def _shown(dialog: NewChatDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
