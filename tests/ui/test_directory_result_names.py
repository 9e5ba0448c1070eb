"""A result row keeps the name whole beside the "no device yet" mark.

Seen in the German demo at 1280x800 with a chat open: the results column is at its
narrowest, and "Emma Müller   noch kein Gerät" was drawn as "Emma Mü…   noch kein Gerät",
so the name, the one thing that picks the person, was the part that was cut."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop_app.ui.directory import DirectoryPanel
from desktop_app.ui.directory.search import NO_DEVICE_ROLE, TwoLineDelegate
from tests.ui.test_directory_panel import WAIT, _type


def test_the_name_keeps_its_room_and_the_mark_gives_way(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    anna = live_session(gui_ward, "weber.anna")  # Lena Schmidt has no device
    panel = DirectoryPanel(anna.ctx)
    qtbot.addWidget(panel)
    panel.resize(620, 640)
    panel.show()
    qtbot.waitExposed(panel)
    panel.splitter.setSizes([1, 619])  # the results column at its narrowest
    assert _type(qtbot, panel, "lena") == ["schmidt.lena"]
    view, index = panel.search.results, panel.search.model.index(0, 0)
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        view.setCurrentIndex(index)  # her card reads her devices: none
    qtbot.waitUntil(lambda: index.data(NO_DEVICE_ROLE) == "noch kein Gerät", timeout=WAIT)

    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    option.font = view.font()
    bold = QFont(option.font)
    bold.setBold(True)
    pad = TwoLineDelegate.PADDING
    both = (
        QFontMetrics(bold).horizontalAdvance("Dr. Lena Schmidt")
        + QFontMetrics(option.font).horizontalAdvance("noch kein Gerät")
        + 5 * pad
    )
    assert both > option.rect.width(), "the column is wide enough for both: nothing to test"

    delegate = view.itemDelegate()
    assert isinstance(delegate, TwoLineDelegate)
    name, mark = delegate.name_line(option, index)
    assert name == "Dr. Lena Schmidt"  # whole: it picks the person
    assert mark == "" or (mark.endswith("…") and "noch kein Gerät".startswith(mark[:-1]))
