"""Plain-text attachments (lab values, duty plans, device logs) shown read-only in the app.

The text is decoded from the decrypted bytes in memory, never from a temporary file.
Ward PCs produce UTF-8 (with or without BOM), UTF-16 with BOM (Windows "Unicode" exports)
and cp1252 (older lab systems): a BOM decides, else strict UTF-8, else cp1252 so that
"Kalium 4,2 mmol/l – ok" never shows as mojibake or fails. Above MAX_TEXT_BYTES the
caller says the file is too large instead of freezing the GUI on a huge log.
"""

from __future__ import annotations

import codecs
from pathlib import PurePath

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontDatabase, QKeyEvent, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.clipboard_guard import CopyRule
from desktop_app.ui.viewers.guarded_text import GuardedText

MAX_TEXT_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".csv", ".log"})
TEXT_MIME_TYPES = frozenset({"text/plain", "text/csv"})
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_text_attachment(file_name: str, mime_type: str) -> bool:
    """True for the files this window shows: by MIME type or by name."""
    return mime_type in TEXT_MIME_TYPES or PurePath(file_name).suffix.lower() in TEXT_SUFFIXES


def decode_text(data: bytes) -> str:
    """The text in ``data``: BOM, else UTF-8, else cp1252 (undefined bytes replaced)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class TextWindow(QMainWindow):
    """Read-only, monospace; Ctrl+F finds (Enter: next, Shift+Enter: previous); Esc or
    Ctrl+W closes (Esc first closes an open find bar)."""

    def __init__(self, text: str, title: str, copying: CopyRule | None = None) -> None:
        super().__init__()
        self.setWindowTitle(f"{title} — WardLink")
        self.setAccessibleName(title)
        self.editor = GuardedText(copying)  # Ctrl+C through the session's clipboard guard
        self.editor.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # tables stay columns
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setPlainText(text)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText(self.tr("Find in text"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.returnPressed.connect(self.find_next)
        self.find_box.textChanged.connect(lambda _text: self._find(from_start=True))
        self.find_status = QLabel()
        previous = QPushButton(self.tr("Previous"))
        previous.clicked.connect(lambda: self._find(backward=True))
        following = QPushButton(self.tr("Next"))
        following.clicked.connect(self.find_next)
        self.find_bar = QWidget()
        bar = QHBoxLayout(self.find_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        for widget in (self.find_box, previous, following, self.find_status):
            bar.addWidget(widget)
        self.find_bar.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.open_find),
            (QKeySequence("Ctrl+W"), self.close),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.addAction(action)

    def open_find(self) -> None:
        self.find_bar.show()
        self.find_box.setFocus()
        self.find_box.selectAll()

    def find_next(self) -> None:
        self._find()

    def _find(self, *, backward: bool = False, from_start: bool = False) -> None:
        needle = self.find_box.text()
        if not needle:
            self.find_status.clear()
            return
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if from_start:
            cursor = self.editor.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.editor.setTextCursor(cursor)
        found = self.editor.find(needle, flags)
        if not found:  # wrap around once
            cursor = self.editor.textCursor()
            cursor.movePosition(
                cursor.MoveOperation.End if backward else cursor.MoveOperation.Start
            )
            self.editor.setTextCursor(cursor)
            found = self.editor.find(needle, flags)
        self.find_status.setText("" if found else self.tr("Not found"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            if self.find_bar.isVisible():
                self.find_bar.hide()
                self.editor.setFocus()
            else:
                self.close()
            return
        super().keyPressEvent(event)
