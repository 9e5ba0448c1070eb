"""A study sent without a text goes with its summary in the sender's language (the CLI,
without Qt, writes English); the receiver's card shows that text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from desktop_app.medical.study import StudySummary
from desktop_app.ui.chat.study_caption import study_caption
from tests.ui.chat_support import german

CT = StudySummary(("CT",), ("CHEST",), 7, 1204, 525 * (1 << 20))


def test_the_caption_speaks_the_senders_language(qtbot: QtBot, tmp_path: Path) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English))
    try:
        assert study_caption(CT) == "Study: CT, CHEST, 7 series, 1204 images, 525.0 MB"
        with german(tmp_path):
            QLocale.setDefault(QLocale(QLocale.Language.German))
            assert study_caption(CT) == "Studie: CT, CHEST, Serien: 7, Bilder: 1204, 525,0 MB"
        no_part = StudySummary(("MR",), (), 2, 61, 3 << 20)
        QLocale.setDefault(QLocale(QLocale.Language.English))
        assert study_caption(no_part) == "Study: MR, 2 series, 61 images, 3.0 MB"
    finally:
        QLocale.setDefault(before)
