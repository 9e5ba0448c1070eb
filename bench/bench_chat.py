"""The chat's waits a person feels (issue 13): jumping to a quoted message far back,
finding in the conversation, and a recorded voice message until its bubble shows.

Goals: jump to a reply 5,000 messages back <= 200 ms; voice record stop -> bubble
shown <= 300 ms. Baselines in the same run (the machine is shared and noisy):

* jump: ``ChatView.jump_to_message`` (a page around the target) against paging older
  pages of 500 until the target is loaded (what the jump did before);
* voice: the same path with a text message (send -> own bubble shown), which has no
  encoding; the difference is the Opus encoding and the attachment.

The chat is the one bench_gui builds (a relay child, a real profile, every message a
reply with two reactions). Offscreen (QT_QPA_PLATFORM=offscreen).

Usage: python -m bench chat [--quick]   (--quick: 2,000 messages, fewer repeats)
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.bench_gui import JUMP_BACK, MESSAGES, _quoted, _setup, _until
from bench.table import print_table

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OLD_JUMP_PAGE = 500  # what the jump paged with before it loaded a page around the target
CID = "bench-conversation"
RATE = 16_000


class _Microphone:
    """A prepared 3 s recording delivered at once, as the voice test's fake does."""

    rate = RATE

    def __init__(self) -> None:
        t = np.arange(RATE * 3) / RATE
        self.data = (9000 * np.sin(2 * np.pi * 300 * t)).astype(np.int16).tobytes()

    def start(self, on_data: Callable[[bytes], None]) -> None:
        for i in range(0, len(self.data), 4096):
            on_data(self.data[i : i + 4096])

    def stop(self) -> None:
        pass


def _fresh_view(app: Any, ctx: Any) -> Any:
    from desktop_app.ui.chat import ChatView

    view = ChatView(ctx)
    view.resize(900, 700)
    view.show()
    view.show_conversation(CID, "Jonas Müller")
    _until(app, lambda: view.model.rowCount() > 0 and not view.model.is_loading())
    view.list.scroll_to_end()
    app.processEvents()
    return view


def _close(view: Any) -> None:
    view.clear()
    view.close()
    view.deleteLater()


def _jump_ms(app: Any, ctx: Any, count: int, paging: bool) -> float:
    """From the click on the newest message's quote until its original is selected."""
    from desktop_app.domain.ids import MessageId

    view = _fresh_view(app, ctx)
    target = MessageId(f"m{_quoted(count - 1, count):06d}")
    found = view.model.index_of
    start = time.perf_counter()
    if paging:  # the old way: older pages of 500 until the target is there
        while not found(target).isValid():
            view.model.load_older(OLD_JUMP_PAGE)
            _until(app, lambda: not view.model.is_loading())
        view.list.scrollTo(found(target))
        view.list.setCurrentIndex(found(target))
    else:
        view.jump_to_message(target)
    _until(app, lambda: found(target).isValid() and found(target) == view.list.currentIndex())
    app.processEvents()
    elapsed = (time.perf_counter() - start) * 1000
    _close(view)
    return elapsed


def _send_ms(app: Any, ctx: Any, voice: bool) -> float:
    """Voice: the second click on the microphone until the own bubble shows it; text:
    Enter until the own bubble shows it."""
    view = _fresh_view(app, ctx)
    before = {r.message_id for r in view.model.rows()}
    composer = view.composer
    if voice:
        composer.recorder.make_input = _Microphone
        composer.recorder.toggle()
        start = time.perf_counter()
        composer.recorder.toggle()
    else:
        composer.editor.setPlainText("Bitte Rückruf, Zimmer 12")
        start = time.perf_counter()
        composer.send_button.click()

    def shown() -> bool:
        new = [r for r in view.model.rows() if r.message_id not in before]
        return bool(new) and (not voice or new[-1].voice is not None)

    _until(app, shown)
    view.list.viewport().repaint()
    elapsed = (time.perf_counter() - start) * 1000
    _close(view)
    return elapsed


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    count = 2_000 if quick else MESSAGES
    repeat = 3 if quick else 5
    root = Path(tempfile.mkdtemp(prefix="wl-bench-chat-"))
    proc = None
    try:
        proc, relay, profile, passphrase = _setup(root, count)
        rows = _measure(profile, passphrase, relay, count, repeat)
    finally:
        if proc is not None:
            proc.kill()
            proc.wait(10)
        shutil.rmtree(root, ignore_errors=True)
    print(f"{count} messages (replies with reactions), offscreen; medians of {repeat} runs")
    print_table(["measure (ms)", "baseline", "WardLink", "ratio", "goal"], rows)


def _measure(
    profile: Path, passphrase: str, relay: str, count: int, repeat: int
) -> list[list[Any]]:
    from PySide6.QtWidgets import QApplication

    from desktop_app.services.policy import Policy
    from desktop_app.ui.app import ViewBuilder, build_controller
    from desktop_app.ui.bridge import AsyncBridge
    from desktop_app.ui.launch import LaunchOptions

    app = QApplication.instance() or QApplication([])
    bridge = AsyncBridge()
    options = LaunchOptions(profile_root=profile.parent, relay=relay, discovery=False)
    controller = build_controller(app, bridge, options, ViewBuilder(None), policy=Policy())
    try:
        controller.show_start()
        controller.unlock(profile, passphrase)
        _until(app, lambda: controller.main is not None)
        main = controller.main
        assert main is not None
        _until(app, lambda: main.conversations.model.rowCount() > 0)
        ctx = main.chat.ctx

        def median(fn: Callable[[], float]) -> float:
            return statistics.median(fn() for _ in range(repeat))

        paged = median(lambda: _jump_ms(app, ctx, count, paging=True))
        jumped = median(lambda: _jump_ms(app, ctx, count, paging=False))
        text = median(lambda: _send_ms(app, ctx, voice=False))
        voice = median(lambda: _send_ms(app, ctx, voice=True))
    finally:
        controller.shutdown()
        bridge.shutdown()
    back = min(JUMP_BACK, count - 1)
    return [
        [f"jump to a quote {back} back (baseline: paging)", f"{paged:.0f}", f"{jumped:.0f}",
         f"{jumped / paged:.2f}x", "<= 200"],
        ["voice stop -> own bubble (baseline: text)", f"{text:.0f}", f"{voice:.0f}",
         f"{voice / text:.2f}x", "<= 300"],
    ]  # fmt: skip


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
