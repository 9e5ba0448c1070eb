"""The asyncio<->Qt bridge: work runs on the loop thread, answers arrive on the GUI thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot

from desktop_app.ui.bridge import AsyncBridge


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


def test_result_arrives_as_a_signal_in_the_gui_thread(qtbot: QtBot, bridge: AsyncBridge) -> None:
    seen: dict[str, object] = {}

    async def work() -> str:
        seen["worker"] = threading.current_thread().name
        await asyncio.sleep(0.01)
        return "Befund da"

    def on_finished(request: int, result: object) -> None:
        seen["receiver_is_gui"] = QThread.currentThread() == QObject().thread()
        seen["result"] = (request, result)

    bridge.finished.connect(on_finished)
    with qtbot.waitSignal(bridge.finished, timeout=5000):
        request = bridge.submit(work)
    assert seen["worker"] == "wardlink-asyncio"
    assert seen["receiver_is_gui"] is True
    assert seen["result"] == (request, "Befund da")


def test_an_error_becomes_a_one_line_message(qtbot: QtBot, bridge: AsyncBridge) -> None:
    async def broken() -> None:
        raise RuntimeError("Der Relay ist nicht erreichbar.")

    with qtbot.waitSignal(bridge.failed, timeout=5000) as blocker:
        request = bridge.submit(broken)
    assert blocker.args == [request, "Der Relay ist nicht erreichbar."]


def test_service_events_reach_the_gui(qtbot: QtBot, bridge: AsyncBridge) -> None:
    async def notify() -> None:
        bridge.post("message", {"from": "weber.anna"})

    with qtbot.waitSignal(bridge.service_event, timeout=5000) as blocker:
        bridge.submit(notify)
    assert blocker.args == ["message", {"from": "weber.anna"}]


def test_cancel_and_shutdown_stop_running_work(qtbot: QtBot) -> None:
    bridge = AsyncBridge()
    started = threading.Event()

    async def forever() -> None:
        started.set()
        await asyncio.sleep(3600)

    finished: list[object] = []
    bridge.finished.connect(lambda *args: finished.append(args))
    request = bridge.submit(forever)
    assert started.wait(5)
    bridge.cancel(request)
    bridge.submit(forever)
    bridge.shutdown()  # cancels the second one too, and joins the thread
    assert not any(t.name == "wardlink-asyncio" for t in threading.enumerate())
    assert finished == []


def test_an_answer_for_a_model_qt_deleted_meanwhile_is_dropped(
    qtbot: QtBot, bridge: AsyncBridge
) -> None:
    """A chat closed while its page loaded: the answer's callback emits a signal of a
    model Qt has deleted, which PySide6 refuses ("Signal source has been deleted"); it
    was raised in the event loop (CI, test_group_calls_gui teardown)."""
    from PySide6.QtCore import Signal
    from shiboken6 import delete

    class Model(QObject):
        page_loaded = Signal(bool)

    model = Model()
    emitted: list[bool] = []
    model.page_loaded.connect(emitted.append)
    answered: list[object] = []

    async def work() -> str:
        await asyncio.sleep(0.05)
        return "page"

    def done(page: object) -> None:
        answered.append(page)
        model.page_loaded.emit(False)

    bridge.submit(work, done=done)
    delete(model)  # before the answer comes
    qtbot.waitUntil(lambda: answered == ["page"], timeout=5000)
    assert emitted == []
