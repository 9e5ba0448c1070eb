"""The main window's duty strip with several functional accounts on duty: one line that
names as many as the width holds, counts the rest ("+2"), never cuts a name without "…",
and gives the full list (with until when) as its tooltip and on a click; in German too."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTextEdit, QToolTip, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.services.live_teamwork import DutyRow
from desktop_app.ui.shift_time import shift_time
from desktop_app.ui.teamwork.duty_strip import DutyStrip

NOW = datetime.now().astimezone().replace(second=0, microsecond=0)
END = NOW + timedelta(hours=20)
ROWS = [
    DutyRow("Dienstarzt Kardiologie", "Dr. Ben Yılmaz", NOW, END, "Station 3B"),
    DutyRow("Dienstarzt Anästhesie", "Dr. Clara Roth", NOW, END, "Station 3B", ("Dr. Paul Berg",)),
    DutyRow("Reanimationsteam", "Dr. Jonas Schmidt-Hoffmann", NOW, END, "Intensiv"),
]
PARTS = [
    "Dienstarzt Kardiologie – Dr. Ben Yılmaz",
    "Dienstarzt Anästhesie – Dr. Clara Roth (another calendar names Dr. Paul Berg)",
    "Reanimationsteam – Dr. Jonas Schmidt-Hoffmann",
]


class _StripContext:
    """What the strip asks of the app: its rows at once, no events."""

    def __init__(self, rows: list[DutyRow]) -> None:
        self.client = SimpleNamespace(teamwork=SimpleNamespace(duties_now=lambda: rows))
        self.bridge = SimpleNamespace(call=lambda fn, done: done(fn()))
        self.events = SimpleNamespace(teamwork=SimpleNamespace(connect=lambda slot: None))


def main_window_like(qtbot: QtBot, width: int) -> tuple[QWidget, DutyStrip]:
    """The strip above the conversations, as the main window lays it out."""
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    strip = DutyStrip(_StripContext(ROWS))  # type: ignore[arg-type]
    layout.addWidget(strip)
    layout.addWidget(QTextEdit(), 1)
    qtbot.addWidget(body)
    body.resize(width, 500)
    body.show()
    qtbot.waitExposed(body)
    return body, strip


def one_line_that_fits(strip: DutyStrip) -> bool:
    metrics = strip.fontMetrics()
    return (
        "\n" not in strip.text()
        and metrics.horizontalAdvance(strip.text()) <= strip.contentsRect().width()
        and strip.contentsRect().height() >= metrics.height()  # the line is not cut
    )


def test_several_duties_on_one_line_at_any_width(qtbot: QtBot) -> None:
    body, strip = main_window_like(qtbot, 1600)
    assert strip.isVisible()
    until = shift_time(END)
    assert strip.text() == "On duty now: " + " · ".join(
        [
            f"Dienstarzt Kardiologie – Dr. Ben Yılmaz until {until}",
            f"Dienstarzt Anästhesie – Dr. Clara Roth until {until} (another calendar names "
            "Dr. Paul Berg)",
            f"Reanimationsteam – Dr. Jonas Schmidt-Hoffmann until {until}",
        ]
    )
    assert one_line_that_fits(strip)
    assert strip.toolTip().split("\n") == [
        f"Dienstarzt Kardiologie: Dr. Ben Yılmaz until {until}",
        f"Dienstarzt Anästhesie: Dr. Clara Roth until {until} (another calendar names "
        "Dr. Paul Berg)",
        f"Reanimationsteam: Dr. Jonas Schmidt-Hoffmann until {until}",
    ]

    # Less wide: all three, without until when
    body.resize(1200, 500)
    qtbot.waitUntil(lambda: strip.text() == "On duty now: " + " · ".join(PARTS))
    assert one_line_that_fits(strip)

    # Narrower: the first duty in full, the other two counted
    body.resize(560, 500)
    qtbot.waitUntil(lambda: strip.text() == f"On duty now: {PARTS[0]} · +2")
    assert one_line_that_fits(strip)

    # Too narrow for even one duty: it ends in "…", not in the middle of a name
    body.resize(260, 500)
    qtbot.waitUntil(lambda: strip.text().endswith("… · +2"))
    named = strip.text().removeprefix("On duty now: ").removesuffix("… · +2")
    assert named and PARTS[0].startswith(named)
    assert one_line_that_fits(strip)

    # A click shows the full list at once
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(20, 8))
    qtbot.waitUntil(lambda: QToolTip.text() == strip.toolTip())
    assert "Reanimationsteam: Dr. Jonas Schmidt-Hoffmann" in QToolTip.text()
    QToolTip.hideText()


@pytest.mark.usefixtures("german")
def test_the_strip_in_german(qtbot: QtBot) -> None:
    _body, strip = main_window_like(qtbot, 560)
    assert strip.text() == "Jetzt im Dienst: Dienstarzt Kardiologie – Dr. Ben Yılmaz · +2"
    assert strip.toolTip().split("\n")[0] == (
        f"Dienstarzt Kardiologie: Dr. Ben Yılmaz bis {shift_time(END)}"
    )
