"""Copies out of the staff directory (and the conversation list) go through the session's
clipboard guard.

Selected text on the person card (name, phone, e-mail, department, holders of a
functional account) and Ctrl+C in the search results and the tree: marked for Windows
to keep out of the clipboard history, cleared at the lock, refused by policy
``copy_allowed: false``, as message text is.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui.clipboard_guard import WINDOWS_PRIVATE_FORMATS, ClipboardGuard, CopyRule
from desktop_app.ui.directory import DirectoryPanel
from desktop_app.ui.directory.card import GLYPHS, DeviceRow
from desktop_app.ui.guarded_label import GuardedLabel
from desktop_app.ui.shell.conversation_list import ConversationList
from desktop_app.ui.viewers.compare_window import CompareWindow
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.viewer_window import ViewerWindow
from tests.ui.test_chat_forward_mentions import submit
from tests.ui.test_conversation_search import send
from tests.ui.test_directory_panel import WAIT, _panel, _type

PHONE = "+49 40 1234-310"


def _card_of(qtbot: QtBot, panel: DirectoryPanel, uid: str) -> None:
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        panel.show_person(uid)


def first_device_row(qtbot: QtBot, panel: DirectoryPanel, uid: str) -> DeviceRow:
    """Show the panel, then ``uid``'s card: its first device, once on screen."""
    _show(qtbot, panel)
    _card_of(qtbot, panel, uid)
    rows = panel.card.device_rows
    qtbot.waitUntil(lambda: bool(rows()) and rows()[0].isVisible(), timeout=WAIT)
    return rows()[0]


def _field(qtbot: QtBot, panel: DirectoryPanel, value: str) -> QLabel:
    """The card's value label showing ``value`` (rows are shown by a queued call)."""

    def found() -> list[QLabel]:
        return [
            label
            for label in panel.card.findChildren(QLabel)
            if label.isVisible() and label.text() == value
        ]

    qtbot.waitUntil(lambda: bool(found()), timeout=WAIT)
    return found()[0]


def _select_and_copy(qtbot: QtBot, label: QLabel) -> None:
    """What she does: click into the value, select all of it with the mouse, Ctrl+C."""
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(label.hasFocus)
    label.setSelection(0, len(label.text()))
    assert label.selectedText() == label.text()
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)


def _assert_guarded(text: str) -> None:
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == text
    for kind in WINDOWS_PRIVATE_FORMATS:  # no clipboard history, no cloud clipboard
        assert data.hasFormat(kind), kind


def _show(qtbot: QtBot, panel: DirectoryPanel) -> None:
    qtbot.waitExposed(panel)
    panel.raise_()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)


def test_a_phone_number_copied_from_the_card_is_marked_and_cleared_at_the_lock(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    QGuiApplication.clipboard().setText("vorher")
    anna = live_session(gui_ward, "weber.anna")
    panel = _panel(qtbot, anna)
    _show(qtbot, panel)
    _card_of(qtbot, panel, "mueller.jonas")
    phone = _field(qtbot, panel, PHONE)
    _select_and_copy(qtbot, phone)
    _assert_guarded(PHONE)
    assert anna.ctx.clipboard.clear_ours()  # the lock clears it
    assert QGuiApplication.clipboard().text() == ""
    # the name at the top and the context menu's Copy, the same way
    name = panel.card.name
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    name.setSelection(0, len(name.text()))
    assert isinstance(name, GuardedLabel)
    copy = next(a for a in name.context_menu().actions() if a.text() == "Copy")
    assert copy.isEnabled()
    copy.trigger()
    _assert_guarded("Jonas Müller")


def test_the_holders_of_a_functional_account_copy_through_the_guard(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    QGuiApplication.clipboard().setText("vorher")
    panel = _panel(qtbot, live_session(gui_ward, "mueller.jonas"))
    _show(qtbot, panel)
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        panel.show_person("dienstarzt.kardio")
    holder = _field(qtbot, panel, "Dr. Anna Weber")
    _select_and_copy(qtbot, holder)
    _assert_guarded("Dr. Anna Weber")


def test_ctrl_c_in_the_search_results_and_the_tree_copies_through_the_guard(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    QGuiApplication.clipboard().setText("vorher")
    panel = _panel(qtbot, live_session(gui_ward, "weber.anna"))
    _show(qtbot, panel)
    assert _type(qtbot, panel, "mül") == ["mueller.jonas"]
    results = panel.search.results
    results.setFocus()
    results.setCurrentIndex(panel.search.model.index(0, 0))
    qtbot.keyClick(results, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    _assert_guarded(str(results.currentIndex().data()))
    assert "Jonas Müller" in QGuiApplication.clipboard().text()

    QGuiApplication.clipboard().setText("vorher")
    panel.search.field.clear()
    tree = panel.tree
    qtbot.waitUntil(lambda: panel.search.stack.currentWidget() is tree)
    tree.setFocus()
    tree.setCurrentIndex(tree.tree_model.find_person("mueller.jonas"))
    qtbot.keyClick(tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    _assert_guarded(str(tree.currentIndex().data()))


def test_policy_copy_allowed_false_keeps_directory_text_off_the_clipboard(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    QGuiApplication.clipboard().setText("vorher")
    anna = live_session(gui_ward, "weber.anna")
    locked_down = dataclasses.replace(anna, ctx=dataclasses.replace(anna.ctx, copy_allowed=False))
    panel = _panel(qtbot, locked_down)
    _show(qtbot, panel)
    _card_of(qtbot, panel, "mueller.jonas")
    phone = _field(qtbot, panel, PHONE)
    _select_and_copy(qtbot, phone)
    assert QGuiApplication.clipboard().text() == "vorher"
    assert isinstance(phone, GuardedLabel)
    copy = next(a for a in phone.context_menu().actions() if a.objectName() == "edit-copy")
    assert not copy.isEnabled() and copy.text() == "Copy (switched off by policy)"
    assert _type(qtbot, panel, "mül") == ["mueller.jonas"]
    results = panel.search.results
    results.setFocus()
    results.setCurrentIndex(panel.search.model.index(0, 0))
    qtbot.keyClick(results, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "vorher"


def test_ctrl_c_in_the_conversation_list_copies_its_preview_through_the_guard(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    """The list's row text is the title and the last message's preview: message text."""
    QGuiApplication.clipboard().setText("vorher")
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    group = submit(
        qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", ["mueller.jonas"])
    )
    send(qtbot, anna, group, "BZ 312 mg/dl")
    conversations = ConversationList(anna.ctx)
    qtbot.addWidget(conversations)
    conversations.show()
    qtbot.waitExposed(conversations)
    view = conversations.view

    def arrived() -> bool:
        conversations.reload()
        return view.model().rowCount() == 1 and "BZ 312" in str(view.model().index(0, 0).data())

    qtbot.waitUntil(arrived, timeout=WAIT)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    _assert_guarded("Station 3B\nYou: BZ 312 mg/dl")
    assert anna.ctx.clipboard.clear_ours()  # gone at the lock


def copy_from_info_panel(qtbot: QtBot, viewer: ImageViewer, rule: CopyRule) -> None:
    """Ctrl+C on the first tag of ``viewer``'s info panel: marked and cleared by the
    guard when ``rule`` allows it, else the clipboard keeps what it had ("vorher")."""
    QGuiApplication.clipboard().setText("vorher")
    panel = viewer.metadata
    panel.show()
    panel.setFocus()
    item = panel.topLevelItem(0)
    assert item is not None and item.childCount() > 0
    panel.setCurrentItem(item.child(0), 1)
    shown = panel.currentIndex().data()
    assert shown
    qtbot.keyClick(panel, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    if rule.allowed:
        _assert_guarded(str(shown))
        assert rule.guard.clear_ours()
    else:
        assert QGuiApplication.clipboard().text() == "vorher"


def test_ctrl_c_in_an_images_info_panel_copies_through_the_guard(
    qtbot: QtBot, dx_path: Path
) -> None:
    """The info panel lists the image's tags (patient name, birth date): Ctrl+C there goes
    through the guard the chat gives the viewer, and policy can switch it off."""
    guard = ClipboardGuard()
    for allowed in (True, False):
        rule = CopyRule(guard, allowed)
        window = ViewerWindow(dx_path, None, copying=rule)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert isinstance(window.viewer, ImageViewer)
        copy_from_info_panel(qtbot, window.viewer, rule)
        window.close()


def test_ctrl_c_in_the_compare_windows_info_panels_copies_through_the_guard(
    qtbot: QtBot, dx_path: Path
) -> None:
    """ "Compare with…" shows two films with the same info panels: its panes follow the
    session's rule as a single viewer does (they copied past the guard before)."""
    guard = ClipboardGuard()
    data = dx_path.read_bytes()
    for allowed in (True, False):
        rule = CopyRule(guard, allowed)
        pair = ((data, "thorax-gestern.dcm"), (data, "thorax-heute.dcm"))
        window = CompareWindow(*pair, None, copying=rule)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        viewers = window.image_viewers()
        assert len(viewers) == 2
        for viewer in viewers:
            copy_from_info_panel(qtbot, viewer, rule)
        window.close()


def test_a_device_leads_with_words_and_its_id_is_small_and_copied_through_the_guard(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    """Seen in the demo: a nurse saw a colleague's device as "ydyWPAifobaY47IhU", in
    bold. Now "Device 1" leads; the id stays for IT on a small line, copyable."""
    gui_ward.enroll("mueller.jonas")
    panel = _panel(qtbot, live_session(gui_ward, "weber.anna"))
    row = first_device_row(qtbot, panel, "mueller.jonas")
    device_id = row.device.device_id
    shown = [label for label in row.findChildren(QLabel) if label.isVisible()]
    bold = [label.text() for label in shown if label.font().bold()]
    assert [text for text in bold if text not in GLYPHS.values()] == ["Device 1"]
    (with_id,) = [label for label in shown if device_id in label.text()]
    assert with_id.font().pointSizeF() < row.font().pointSizeF()
    assert with_id.text() == f"Device ID: {device_id}"  # its own line, wide enough here
    assert any(label.text().startswith("Known to this PC since ") for label in shown)
    qtbot.mouseClick(with_id, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(with_id.hasFocus)
    with_id.setSelection(with_id.text().index(device_id), len(device_id))
    qtbot.keyClick(with_id, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    _assert_guarded(device_id)
