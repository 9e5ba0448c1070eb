"""A TIFF sent as a PNG crashed the receiver's app (insider round 20).

Any colleague (a 1:1 needs nobody's consent) renames a scan "befund.png": the name
makes it a picture, so the receiver's card asks for a thumbnail, and Qt's reader
recognises TIFF by its bytes. The thumbnail code let Python drop the QBuffer before
the QImageReader; Qt's TIFF handler closes its device when it is deleted, so the app
died of a segmentation fault as the card came into view (everything typed there lost),
and again at each opening of that chat. Now the reader lets go of the buffer first;
the card shows the picture (through the real relay, real vodozemac).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.ui.chat_support import chat_view, sent_and_previewed
from tests.ui.test_chat_text_and_pictures import two_chats

__all__ = ["chat_view", "two_chats"]  # the fixtures


def tiff_bytes(width: int, height: int) -> bytes:
    picture = QImage(width, height, QImage.Format.Format_RGB32)
    picture.fill(QColor(Qt.GlobalColor.darkCyan))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert picture.save(buffer, "TIFF")
    buffer.close()
    return bytes(data.data())


def test_a_tiff_named_png_shows_on_its_card(qtbot: QtBot, two_chats: Any, tmp_path: Path) -> None:
    anna_view, jonas_view = two_chats
    path = tmp_path / "befund.png"
    path.write_bytes(tiff_bytes(200, 100))
    assert path.read_bytes()[:4] in (b"II*\x00", b"MM\x00*")
    [(_, preview)] = sent_and_previewed(qtbot, anna_view, jonas_view, [path])
    assert preview.image is not None, preview
    assert preview.image.pixelColor(10, 10) == QColor(Qt.GlobalColor.darkCyan)
    assert preview.aspect == 2.0
