"""Keys every window of its own answers to, as the viewers and the video window do."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QToolButton, QWidget

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def close_on_escape(window: QWidget) -> None:
    """Esc (and the platform's Close, Ctrl+W) closes ``window``: a nurse who opened the
    tasks or files of a chat expects to leave them the way she leaves a picture."""
    for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Close)):
        QShortcut(keys, window, window.close)


def own_window_keys(window: QWidget) -> None:
    """A window of its own (tasks, files, calendar, handover, a video): Esc closes it and
    Enter presses the focused button."""
    close_on_escape(window)
    enter_presses_buttons(window)


def enter_presses_buttons(window: QWidget) -> None:
    """Enter on a focused button of ``window`` presses it, as Space does.

    Qt presses a button on Enter only inside a dialog; in a window of its own Enter on
    "Open" (the urgent banner), "Back" (start screen) or "Add task …" did nothing, and a
    nurse working by keyboard read the button as broken (walk 20). The buttons are
    looked up now and whenever the window is shown, so those built later count too."""
    presses = _EnterPresses(window)
    window.installEventFilter(presses)
    presses.watch_buttons()


class _EnterPresses(QObject):
    """Watches the window for its showing and each button for the Enter it receives
    (the button itself, not the window: a field that passed the focus on to a button
    while handling Enter must not press that button too)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def watch_buttons(self) -> None:
        """Qt activates a filter installed twice on one object once."""
        for kind in (QPushButton, QToolButton):
            for button in self.window.findChildren(kind):
                button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window:
            if event.type() == QEvent.Type.Show:
                self.watch_buttons()
            return False
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(watched, (QPushButton, QToolButton))
            and watched.isEnabled()
        ):
            watched.click()
            return True
        return False
