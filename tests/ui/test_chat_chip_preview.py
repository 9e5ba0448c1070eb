"""A picture waiting in the composer shows a small preview on its chip (a pasted
screenshot as well as a picture file), so the person sees what she is about to send;
other files keep a plain chip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat.composer import Composer

RED, BLUE = QColor("#d03030"), QColor("#2a7ab0")


def chips(composer: Composer) -> dict[str, QToolButton]:
    found = composer.chips.findChildren(QToolButton, "fileChip")
    return {c.text().removesuffix("  ✕"): c for c in found if c.isVisible()}


def wait_chips(qtbot: QtBot, composer: Composer, names: set[str]) -> dict[str, QToolButton]:
    """The chips once shown (Qt shows a widget added to a shown layout from its loop)."""
    qtbot.waitUntil(lambda: set(chips(composer)) == names)
    return chips(composer)


def middle_of_icon(chip: QToolButton) -> QColor:
    """The colour at the centre of what the chip shows as its icon."""
    picture = chip.icon().pixmap(chip.iconSize()).toImage()
    return picture.pixelColor(picture.width() // 2, picture.height() // 2)


def test_pasted_and_attached_pictures_show_a_preview(qtbot: QtBot, tmp_path: Path) -> None:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.set_open(True)
    composer.resize(900, 200)
    composer.show()
    screenshot = QImage(400, 240, QImage.Format.Format_RGB32)
    screenshot.fill(RED)
    QGuiApplication.clipboard().setImage(screenshot)
    composer.editor.setFocus()
    qtbot.keyClick(composer.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    photo = tmp_path / "wunde.png"
    picture = QImage(120, 160, QImage.Format.Format_RGB32)
    picture.fill(BLUE)
    assert picture.save(str(photo))
    report = tmp_path / "befund.txt"
    report.write_text("Befund")
    composer.add_files([photo, report])

    shown = wait_chips(qtbot, composer, {"Pasted image 1.png", "wunde.png", "befund.txt"})
    pasted, attached, plain = shown["Pasted image 1.png"], shown["wunde.png"], shown["befund.txt"]
    assert not pasted.icon().isNull() and middle_of_icon(pasted) == RED
    assert not attached.icon().isNull() and middle_of_icon(attached) == BLUE
    assert plain.icon().isNull()
    for chip in (pasted, attached):
        assert chip.isVisible() and chip.iconSize().height() >= 48  # big enough to see
        assert chip.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon

    qtbot.mouseClick(pasted, Qt.MouseButton.LeftButton)  # a click removes it, preview too
    wait_chips(qtbot, composer, {"wunde.png", "befund.txt"})
    assert [f.name for f in composer.files()] == ["wunde.png", "befund.txt"]
