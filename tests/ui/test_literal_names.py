"""Names from the directory (signed by IT, but filled from LDAP) and titles show as
written in the labels and tooltips that name colleagues: the lock screen's "URGENT
from", the typing line, a reaction's tooltip, the duty strip, the directory's tooltips.
Each would otherwise read a name such as ``<b>Dr. X</b><img src=big.png>`` as HTML:
bold, the tags gone, a 1200 x 900 picture laid out from the working directory."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QListView, QStyleOptionViewItem, QToolTip
from pytestqt.qtbot import QtBot

from desktop_app.services.directory_view import DirectoryHit, UnitNode
from desktop_app.services.live_teamwork import DutyRow
from desktop_app.services.live_views import ReactionChip
from desktop_app.services.typing import TypingNow
from desktop_app.ui.chat.delegate import BubbleDelegate
from desktop_app.ui.chat.previews import ThumbnailCache
from desktop_app.ui.chat.typing_label import TypingLabel
from desktop_app.ui.directory.search import SUBTITLE_ROLE, SearchResultsModel
from desktop_app.ui.directory.tree import DirectoryTreeModel
from desktop_app.ui.lock.lock_screen import LockScreen
from desktop_app.ui.shift_time import shift_time
from desktop_app.ui.teamwork.duty_strip import DutyStrip
from tests.ui.test_attack_rich_text import TALL, as_html_shows, big_picture, label_shows

__all__ = ["big_picture"]  # the fixture

NAME = "<b>Dr. X</b><img src=big.png>"


def test_the_lock_screens_urgent_and_call_lines(qtbot: QtBot, big_picture: Path) -> None:
    lock = LockScreen(NAME)
    qtbot.addWidget(lock)
    lock.show_urgent(NAME)
    lock.show_call(f"Call from {NAME}")
    assert label_shows(lock.urgent) == f"URGENT from {NAME}"
    assert label_shows(lock.call) == f"Call from {NAME}"
    assert label_shows(lock.who) == NAME
    assert max(w.sizeHint().height() for w in (lock.urgent, lock.call, lock.who)) < TALL


def test_the_typing_line(qtbot: QtBot, big_picture: Path) -> None:
    label = TypingLabel()
    qtbot.addWidget(label)
    label.set_conversation("c1")
    label.on_typing(TypingNow("c1", (NAME,)))
    assert label_shows(label) == f"{NAME} is typing…"
    assert label.sizeHint().height() < TALL


class _StripContext:
    def __init__(self, rows: list[DutyRow]) -> None:
        self.client = SimpleNamespace(teamwork=SimpleNamespace(duties_now=lambda: rows))
        self.bridge = SimpleNamespace(call=lambda fn, done: done(fn()))
        self.events = SimpleNamespace(teamwork=SimpleNamespace(connect=lambda slot: None))


def test_the_duty_strip(qtbot: QtBot, big_picture: Path) -> None:
    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    end = now + timedelta(hours=1)
    rows = [DutyRow(f"Dienst {NAME}", NAME, now, end, "Station 3B", (NAME,))]
    strip = DutyStrip(_StripContext(rows))  # type: ignore[arg-type]
    qtbot.addWidget(strip)
    strip.resize(1600, strip.sizeHint().height())
    assert label_shows(strip) == (
        f"On duty now: Dienst {NAME} – {NAME} until {shift_time(end)}"
        f" (another calendar names {NAME})"
    )
    assert as_html_shows(strip.toolTip()) == (
        f"Dienst {NAME}: {NAME} until {shift_time(end)} (another calendar names {NAME})"
    )
    assert strip.sizeHint().height() < TALL


def test_a_reactions_tooltip(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    model = QStandardItemModel()
    model.appendRow(QStandardItem("a message"))
    view.setModel(model)
    view.show()
    cache = ThumbnailCache(None, None, QSize(1, 1))  # type: ignore[arg-type]
    delegate = BubbleDelegate(cache, view)
    chip = ReactionChip("👍", (NAME, "Jonas Müller"), False)
    delegate.hit = lambda *_args: chip  # type: ignore[method-assign]  # the chip under the mouse
    QToolTip.hideText()
    where = QPoint(5, 5)
    event = QHelpEvent(QEvent.Type.ToolTip, where, view.viewport().mapToGlobal(where))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 100, 40)
    assert delegate.helpEvent(event, view, option, model.index(0, 0))
    qtbot.waitUntil(lambda: bool(QToolTip.text()))
    assert as_html_shows(QToolTip.text()) == f"{NAME}, Jonas Müller"
    QToolTip.hideText()


def test_the_directorys_tooltips(qapp: QApplication) -> None:
    hit = DirectoryHit("x", NAME, f"Oberarzt {NAME}", "<i>Kardio</i>", "3B", False)
    found = SearchResultsModel()
    found.set_hits((hit,))
    tip = found.data(found.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    spoken = found.data(found.index(0, 0), Qt.ItemDataRole.AccessibleTextRole)
    assert as_html_shows(tip) == spoken
    assert NAME in spoken and "<i>Kardio</i>" in spoken
    tree = DirectoryTreeModel()
    tree.load(UnitNode("Klinikum", (), (hit,)))
    person = tree.index(0, 0, tree.index(0, 0, QModelIndex()))
    line = person.data(Qt.ItemDataRole.ToolTipRole)
    assert "<i>Kardio</i>" in person.data(SUBTITLE_ROLE)
    assert as_html_shows(line) == person.data(SUBTITLE_ROLE)
