"""The image canvas's keys (ui/viewers/image_view.py), in one table: O hides the
overlays, I inverts, R resets, F fits, 1 shows 1:1, Esc cancels a measurement, Del
clears them, Left/Right/PgUp/PgDn step frames."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from desktop_app.ui.viewers.image_view import ImageView


def key_action(view: ImageView, key: int) -> Callable[[], None] | None:
    """What ``key`` does on ``view`` now, or None (the key goes on to the window: Esc
    with no measurement to cancel closes the viewer)."""
    actions: dict[Qt.Key, Callable[[], None]] = {
        Qt.Key.Key_O: view.toggle_overlays,
        Qt.Key.Key_I: lambda: view.set_inverted(not view.inverted),
        Qt.Key.Key_R: view.reset,
        Qt.Key.Key_F: view.fit,
        Qt.Key.Key_1: view.one_to_one,
        Qt.Key.Key_Escape: lambda: _edit(view, view.editor.cancel),
        Qt.Key.Key_Delete: lambda: _edit(view, view.editor.clear),
        Qt.Key.Key_Right: lambda: view.frame_step_requested.emit(1),
        Qt.Key.Key_PageDown: lambda: view.frame_step_requested.emit(1),
        Qt.Key.Key_Left: lambda: view.frame_step_requested.emit(-1),
        Qt.Key.Key_PageUp: lambda: view.frame_step_requested.emit(-1),
    }
    if key == Qt.Key.Key_Escape and view.editor.active is None:
        return None
    return actions.get(Qt.Key(key))


def _edit(view: ImageView, change: Callable[[], None]) -> None:
    change()
    view.marks_edited()
