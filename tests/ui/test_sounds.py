"""The urgent alarm and the call ring are real sound files played with QSoundEffect,
with the system beep pattern where they cannot be played (issue 13: a distinct sound
for urgent messages and calls)."""

from __future__ import annotations

import wave
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QSoundEffect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.ids import ConversationId, MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.services.live_views import MessageRow
from desktop_app.ui import sounds
from desktop_app.ui.lock.alarm import UrgentAlarm
from desktop_app.ui.shell.urgent_alert import UrgentBanner


def test_the_shipped_sounds_are_short_distinct_wav_files() -> None:
    lengths = {}
    for name in (sounds.URGENT, sounds.RING):
        with wave.open(str(sounds.sound_file(name)), "rb") as w:
            assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
            lengths[name] = w.getnframes() / w.getframerate()
    assert 0.3 < lengths[sounds.URGENT] < 1.0 and 0.6 < lengths[sounds.RING] < 1.5
    assert lengths[sounds.URGENT] != lengths[sounds.RING]


def test_alarm_and_ring_load_their_own_files(qapp: QApplication) -> None:
    alarm = UrgentAlarm()
    player = alarm.player
    assert isinstance(player, sounds.SoundPlayer) and isinstance(player.effect, QSoundEffect)
    assert Path(player.effect.source().toLocalFile()).name == sounds.URGENT
    ring_player = sounds.SoundPlayer(sounds.RING, lambda: None)
    assert isinstance(ring_player.effect, QSoundEffect)
    assert Path(ring_player.effect.source().toLocalFile()).name == sounds.RING


def test_a_missing_sound_file_falls_back_to_the_beep_pattern(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sounds, "resources_dir", lambda: tmp_path)
    beeps: list[int] = []
    player = sounds.SoundPlayer(sounds.URGENT, lambda: beeps.append(1))
    assert player.effect is None
    alarm = UrgentAlarm(player=player)
    alarm.start()
    alarm.stop()
    assert beeps == [1]


def test_an_urgent_message_on_an_unlocked_pc_sounds_and_repeats(qtbot: QtBot) -> None:
    played: list[int] = []
    notes: list[tuple[str, str]] = []
    banner = UrgentBanner(
        lambda title, text: notes.append((title, text)), repeat_ms=50,
        sound=lambda: played.append(1),
    )  # fmt: skip
    qtbot.addWidget(banner)
    message = Message(MessageId("u1"), ConversationId("c1"), Uid("mueller.jonas"),
                      datetime.now(tz=UTC), "Rea Zimmer 4", urgent=True,
                      state=MessageState.RECEIVED)  # fmt: skip
    banner.add(MessageRow(message, "Jonas Müller", mine=False, needs_my_ack=True))
    assert played == [1] and notes[0][1] == "Jonas Müller needs your acknowledgement."
    qtbot.waitUntil(lambda: len(played) >= 3, timeout=2000)
    banner.clear()
    stopped = len(played)
    qtbot.wait(200)
    assert len(played) == stopped
