"""The compare window on its own: the stack position follows the other pane while
"Synchronize" is on (two multi-frame images), and not after it is switched off."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.ui.viewers.compare_window import CompareWindow
from tests.medical.generators import make_multiframe, to_bytes


def test_frame_position_is_synchronized_while_the_box_is_checked(qtbot: QtBot) -> None:
    window = CompareWindow(
        (to_bytes(make_multiframe(8)), "cine-gestern.dcm"),
        (to_bytes(make_multiframe(5)), "cine-heute.dcm"),
        None,
    )
    qtbot.addWidget(window)
    window.show()
    left, right = window.image_viewers()
    for viewer in (left, right):
        qtbot.waitUntil(lambda v=viewer: v.view.source is not None)
    left.cine.set_current(3)
    qtbot.waitUntil(lambda: right.view.frame == 3)
    left.cine.set_current(7)  # beyond the shorter stack: its last frame
    qtbot.waitUntil(lambda: right.view.frame == 4)
    window.sync.setChecked(False)
    left.cine.set_current(1)
    qtbot.waitUntil(lambda: left.view.frame == 1)
    assert right.cine.slider.value() == 4
