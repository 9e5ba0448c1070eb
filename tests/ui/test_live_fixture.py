"""The GUI test rig itself: two live contexts on one relay see each other's messages."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.services.live_views import MessageRow


def test_two_people_exchange_a_message_through_the_bridge(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    started: list[object] = []
    anna.ctx.bridge.submit(
        lambda: anna.ctx.client.start_direct("mueller.jonas"), done=started.append
    )
    qtbot.waitUntil(lambda: bool(started), timeout=10000)

    def arrived(rows: tuple[MessageRow, ...]) -> bool:
        return any(r.message.body == "Hallo Jonas" and not r.mine for r in rows)

    with qtbot.waitSignal(jonas.ctx.events.messages, timeout=10000, check_params_cb=arrived):
        anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(started[0], "Hallo Jonas"))
    names: list[object] = []
    jonas.ctx.bridge.call(jonas.ctx.client.name, "weber.anna", done=names.append)
    qtbot.waitUntil(lambda: bool(names), timeout=5000)
    assert names == ["Dr. Anna Weber"]
