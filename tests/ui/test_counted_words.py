"""Counts read as words, in English and German: "1 message", "3 messages", never
"3 message(s)" or "3 Nachricht(en)" (the status bar, the lock screen, the study
viewer's series list and the DICOM tag panel once wrote them so)."""

from __future__ import annotations

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pytestqt.qtbot import QtBot

from desktop_app.services.live_views import ConnectionStatus, Link
from desktop_app.ui.lock.lock_screen import LockScreen
from desktop_app.ui.shell.connection_label import ConnectionLabel
from desktop_app.ui.viewers.metadata_panel import MetadataPanel
from tests.ui.language_support import language

__all__ = ["language"]  # the fixture

WORDS = {
    "en": {
        "waiting": ("1 message waiting to be sent", "3 messages waiting to be sent"),
        "locked": ("1 new message since locking", "2 new messages since locking"),
        "items": ("1 item", "2 items"),
    },
    "de": {
        "waiting": ("1 Nachricht wartet auf Versand", "3 Nachrichten warten auf Versand"),
        "locked": ("1 neue Nachricht seit dem Sperren", "2 neue Nachrichten seit dem Sperren"),
        "items": ("1 Eintrag", "2 Einträge"),
    },
}


def test_messages_waiting_to_be_sent(qtbot: QtBot, language: str) -> None:
    label = ConnectionLabel()
    qtbot.addWidget(label)
    one, many = WORDS[language]["waiting"]
    label.show_status(ConnectionStatus(Link.OFFLINE, "127.0.0.1:7443", queued=1))
    assert label.text().endswith(f" — {one}")
    label.show_status(ConnectionStatus(Link.OFFLINE, "127.0.0.1:7443", queued=3))
    assert label.text().endswith(f" — {many}")


def test_new_messages_since_locking(qtbot: QtBot, language: str) -> None:
    screen = LockScreen("Dr. Anna Weber", receiving=True)
    qtbot.addWidget(screen)
    one, many = WORDS[language]["locked"]
    screen.count_waiting("m1")
    assert screen.waiting.text() == one
    screen.count_waiting("m2")
    assert screen.waiting.text() == many


def test_a_dicom_sequence_counts_its_items(qtbot: QtBot, language: str) -> None:
    ds = Dataset()
    ds.ReferencedImageSequence = Sequence([Dataset()])
    ds.ProcedureCodeSequence = Sequence([Dataset(), Dataset()])
    panel = MetadataPanel()
    qtbot.addWidget(panel)
    panel.show_rows([], ds)
    everything = panel.topLevelItem(1)  # "All attributes", after the summary
    shown = [everything.child(i).text(1) for i in range(everything.childCount())]
    assert shown == [WORDS[language]["items"][1], WORDS[language]["items"][0]]  # tag order
