"""The status bar's transfer bar: shown while anything moves, summed, gone when done."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import AttachmentId
from desktop_app.services.live_views import Transfer
from desktop_app.ui.shell.transfer_indicator import TransferIndicator


def test_two_downloads_are_summed_and_the_bar_hides_when_both_are_done(qtbot: QtBot) -> None:
    bar = TransferIndicator()
    qtbot.addWidget(bar)
    bar.show()  # the parent status bar would be visible
    bar.update_transfer(Transfer(AttachmentId("a"), 250, 1000))
    bar.update_transfer(Transfer(AttachmentId("b"), 0, 1000))
    assert bar.isVisible() and bar.value() == 125
    bar.update_transfer(Transfer(AttachmentId("a"), 1000, 1000))
    assert bar.isVisible() and bar.value() == 0  # only b is left
    bar.update_transfer(Transfer(AttachmentId("b"), 1000, 1000))
    assert not bar.isVisible()
