"""Voice messages in the chat, between two PCs through a real relay: recorded from the
composer with a fake microphone (click to start, click to send, Esc cancels), shown with
duration and waveform on the other PC, played from memory at 1×/1.5×/2×."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.services.voice import OPUS_RATE, decode
from desktop_app.ui.chat.voice_player import SPEEDS
from tests.ui.chat_support import (
    TIMEOUT_MS,
    anna_and_jonas_chatting,
    call,
    chat_view,
    wait_row,
)
from tests.ui.test_chat_forward_mentions import message_action

__all__ = ["chat_view"]  # the fixture

RATE = 16_000
SECONDS = 1.6


def speech_like() -> np.ndarray:
    t = np.arange(int(RATE * SECONDS)) / RATE
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 3.0 * t)
    return (9000 * envelope * np.sin(2 * np.pi * 300 * t)).astype(np.int16)


class FakeMicrophone:
    """Delivers a prepared recording in chunks, as QAudioSource would."""

    rate = RATE

    def __init__(self, samples: np.ndarray) -> None:
        self.samples = samples
        self.stopped = False

    def start(self, on_data: Callable[[bytes], None]) -> None:
        data = self.samples.tobytes()
        for i in range(0, len(data), 4096):
            on_data(data[i : i + 4096])

    def stop(self) -> None:
        self.stopped = True


def test_record_send_and_play_a_voice_message(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    _anna, jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )
    signal = speech_like()
    microphones: list[FakeMicrophone] = []

    def microphone() -> FakeMicrophone:
        microphones.append(FakeMicrophone(signal))
        return microphones[-1]

    composer = anna_view.composer
    composer.recorder.make_input = microphone
    sent: list[int] = []
    composer.recorder.recorded.connect(lambda pcm, _rate: sent.append(len(pcm)))

    # Esc cancels: nothing is sent.
    qtbot.mouseClick(composer.voice_button, Qt.MouseButton.LeftButton)
    assert composer.recorder.recording and composer.voice_button.text().startswith("■")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    assert not composer.recorder.recording and microphones[0].stopped and sent == []
    assert composer.voice_button.text() == "🎤"

    # Click, click: recorded, encoded by the services, sent; Jonas sees duration + waveform.
    qtbot.mouseClick(composer.voice_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(composer.voice_button, Qt.MouseButton.LeftButton)
    assert sent == [signal.size * 2]
    mine = wait_row(qtbot, anna_view, lambda r: r.mine and r.voice is not None)
    seen = wait_row(qtbot, jonas_view, lambda r: r.message_id == mine.message_id
                    and r.voice is not None)  # fmt: skip
    assert seen.voice is not None
    assert abs(seen.voice.duration_ms - SECONDS * 1000) <= 50
    assert max(seen.voice.waveform) == 100 and min(seen.voice.waveform) < 100
    (attachment,) = seen.message.attachments
    assert attachment.file_name.endswith(".opus")
    index = jonas_view.model.index_of(seen.message_id)
    layout = jonas_view.delegate.layout_for(index, jonas_view.list.viewport().width())
    assert layout.cards and layout.cards[0].kind.value == "voice"

    # What arrived decodes to the recorded sound.
    data = call(qtbot, jonas, jonas.ctx.client.attachment_bytes, attachment.attachment_id)
    decoded = decode(data).astype(float)
    source = np.interp(np.arange(decoded.size) / OPUS_RATE, np.arange(signal.size) / RATE,
                       signal.astype(float))  # fmt: skip
    n = min(decoded.size, source.size)
    assert np.corrcoef(source[:n], decoded[:n])[0, 1] > 0.95

    # Clicking the card plays it from memory (a QBuffer); the speed is chosen in the menu.
    rect = jonas_view.list.visualRect(index)
    card = layout.cards[0].rect.translated(rect.topLeft())
    qtbot.mouseClick(jonas_view.list.viewport(), Qt.MouseButton.LeftButton, pos=card.center())
    player = jonas_view.voice
    qtbot.waitUntil(lambda: player.buffer is not None, timeout=TIMEOUT_MS)
    assert player.message_id == str(seen.message_id)
    assert jonas_view.delegate.playing == str(seen.message_id)
    assert bytes(player.buffer.data().data()) == data  # type: ignore[union-attr]
    message_action(jonas_view, seen.message_id, "1.5×").trigger()
    assert jonas_view.delegate.speed == 1.5  # the player takes it from the event loop
    qtbot.waitUntil(
        lambda: player.player is not None and player.player.playbackRate() == 1.5,
        timeout=TIMEOUT_MS,
    )
    assert SPEEDS == (1.0, 1.5, 2.0)
    # When it ends, the next voice message below it plays.
    assert player.next_after(str(seen.message_id)) is None
    qtbot.mouseClick(composer.voice_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(composer.voice_button, Qt.MouseButton.LeftButton)
    second = wait_row(qtbot, jonas_view, lambda r: r.voice is not None
                      and r.message_id != seen.message_id)  # fmt: skip
    following = player.next_after(str(seen.message_id))
    assert following is not None and following[0] == str(second.message_id)
    jonas_view.clear()  # the lock: the audio leaves memory
    assert player.buffer is None and player.message_id == ""
