"""Rotation and flips travel in the GSPS (Spatial Transformation): the receiver's view maps
every image point to the same screen point as the sender's, for all 16 combinations."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QSize
from pytestqt.qtbot import QtBot

from desktop_app.medical.presentation_state import presentation_for
from desktop_app.medical.samples import make_dx
from desktop_app.ui.viewers.presentation import apply_presentation, presentation_of
from desktop_app.ui.viewers.render import image_view_for
from tests.medical.generators import to_bytes

POINTS = (QPointF(10, 20), QPointF(150, 40), QPointF(90, 170))


def test_rotation_and_flips_arrive_as_drawn(qtbot: QtBot) -> None:
    ds = make_dx(200, 160)
    data = to_bytes(ds)
    for rotation, flip_h, flip_v in itertools.product(
        (0, 90, 180, 270), (False, True), (False, True)
    ):
        sender, receiver = image_view_for(data), image_view_for(data)
        for view in (sender, receiver):
            qtbot.addWidget(view)
            view.resize(QSize(500, 400))
        sender.rotation, sender.flip_h, sender.flip_v = rotation, flip_h, flip_v
        state = presentation_for(presentation_of(sender, ds), ds)
        assert state.rotation in (0, 90, 180, 270)
        apply_presentation(receiver, state)
        for p in POINTS:
            a, b = sender.image_to_screen().map(p), receiver.image_to_screen().map(p)
            assert (a - b).manhattanLength() < 1e-6, (rotation, flip_h, flip_v, p, a, b)


def test_a_zoomed_turned_view_arrives_with_the_same_framing(qtbot: QtBot) -> None:
    """The displayed area is whole pixels in DICOM: the framing agrees to about a pixel."""
    ds = make_dx(200, 160)
    data = to_bytes(ds)
    for rotation, flip_h in itertools.product((0, 90, 180, 270), (False, True)):
        sender, receiver = image_view_for(data), image_view_for(data)
        for view in (sender, receiver):
            qtbot.addWidget(view)
            view.resize(QSize(500, 400))
        sender.rotation, sender.flip_h = rotation, flip_h
        sender.zoom_by(3.0, QPointF(200, 150))
        state = presentation_for(presentation_of(sender, ds), ds)
        assert state.area is not None
        apply_presentation(receiver, state)
        assert abs(receiver.zoom() - sender.zoom()) / sender.zoom() < 0.02
        on_screen = [sender.screen_to_image(QPointF(x, y)) for x, y in ((60, 50), (440, 350))]
        for p in on_screen:
            a, b = sender.image_to_screen().map(p), receiver.image_to_screen().map(p)
            assert (a - b).manhattanLength() < 2 * sender.zoom(), (rotation, flip_h, p, a, b)
