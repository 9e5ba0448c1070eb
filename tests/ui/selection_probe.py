"""Run on a real X server (``QT_QPA_PLATFORM=xcb``) by tests/ui/test_primary_selection.py:
offscreen Qt has no primary selection (``supportsSelection()`` is False there).

``python -m tests.ui.selection_probe`` prints one JSON object with what the
PRIMARY selection held at each step; ``… holder TEXT`` is the other program of the
story: it takes the selection with TEXT and keeps it until its stdin closes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

from PySide6.QtCore import QDeadlineTimer, QSocketNotifier, Qt
from PySide6.QtGui import QClipboard
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.ui.clipboard_guard import ClipboardGuard, CopyRule
from desktop_app.ui.field_copy_guard import FieldCopyGuard

LAB = "Kalium 6,8 mmol/l"
OTHER = "Dienstplan Dezember"
SELECTION = QClipboard.Mode.Selection
WAIT_MS = 10_000


def _wait(condition: Callable[[], bool]) -> bool:
    """Process events until ``condition`` holds (X answers come as events), or give up."""
    deadline = QDeadlineTimer(WAIT_MS)
    while not condition():
        if deadline.hasExpired():
            return False
        QTest.qWait(10)
    return True


def _select_all(field: QLineEdit) -> None:
    """What she does: click into the field, Ctrl+A (Qt then puts it in PRIMARY)."""
    field.show()
    QTest.qWaitForWindowExposed(field)
    field.activateWindow()
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def holder(text: str) -> None:
    app = QApplication(sys.argv[:1])
    app.clipboard().setText(text, SELECTION)
    done = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    done.activated.connect(app.quit)
    print("ready", flush=True)
    app.exec()


def probe() -> dict[str, object]:
    app = QApplication(sys.argv[:1])
    clipboard = app.clipboard()
    seen: dict[str, object] = {"supports": clipboard.supportsSelection()}
    guard = ClipboardGuard()
    field = QLineEdit(LAB)
    _select_all(field)
    _wait(clipboard.ownsSelection)
    seen["selected"] = clipboard.text(SELECTION)
    seen["cleared"] = guard.clear_ours()  # what lock, switch user and quit do
    seen["after_lock"] = clipboard.text(SELECTION)
    # Another program takes the selection after WardLink: the lock leaves it alone.
    _select_all(field)
    other = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.selection_probe", "holder", OTHER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None
        seen["other_ready"] = other.stdout.readline().strip()
        _wait(lambda: not clipboard.ownsSelection())
        seen["other_cleared"] = guard.clear_ours()
        seen["other_after_lock"] = clipboard.text(SELECTION)
    finally:
        assert other.stdin is not None
        other.stdin.close()
        other.wait(30)
    # Policy copy_allowed: false: what she selects never stays in PRIMARY.
    refusing = FieldCopyGuard(CopyRule(guard, allowed=False), app)
    field.deselect()
    _select_all(field)
    seen["refused_field_selection"] = field.selectedText()  # she still sees it selected
    _wait(lambda: not clipboard.ownsSelection())
    seen["refused_selected"] = clipboard.text(SELECTION)
    refusing.detach()
    return seen


if __name__ == "__main__":
    if sys.argv[1:2] == ["holder"]:
        holder(sys.argv[2])
    else:
        print(json.dumps(probe()), flush=True)
