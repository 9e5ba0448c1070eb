"""An ECG declaring millions of samples, decoded for the chat's card (round 20).

attack20a: a 196 KB deflated DICOM ECG of 12 leads x 8.3 M samples (inside the medical
limit of 100 M, which a 24 h Holter needs) cost the receiving app 1.4 GB and 4 s for
the card's strip, in the app's own process. The card now decodes at most
``MAX_PREVIEW_SAMPLES`` (a 12-lead 10 s ECG at 1 kHz is 120,000) and says why beyond;
an honest resting ECG keeps its strip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from pytestqt.qtbot import QtBot

from desktop_app.medical.samples import make_resting_ecg
from desktop_app.ui.chat.previews import MAX_PREVIEW_SAMPLES, ecg_too_large_for_preview_text
from tests.medical import generators
from tests.ui.chat_support import chat_view, german, sent_and_previewed
from tests.ui.test_chat_text_and_pictures import two_chats

__all__ = ["chat_view", "two_chats"]  # the fixtures

LEADS = 12
SAMPLES = 200_000  # per lead: 2.4 M in all, above the card's bound


def long_ecg() -> bytes:
    """A resting ECG stretched to 200,000 samples a lead, deflated (about 30 KB)."""
    ds = make_resting_ecg()
    group = ds.WaveformSequence[0]
    group.NumberOfWaveformSamples = SAMPLES
    group.WaveformData = np.zeros((SAMPLES, LEADS), "<i2").tobytes()
    return generators.deflated(ds)


def test_an_ecg_too_long_for_a_card_gets_a_sentence_and_an_honest_one_its_strip(
    qtbot: QtBot, two_chats: Any, tmp_path: Path
) -> None:
    anna_view, jonas_view = two_chats
    assert LEADS * SAMPLES > MAX_PREVIEW_SAMPLES
    bomb, honest = tmp_path / "langzeit.dcm", tmp_path / "ruhe-ekg.dcm"
    bomb.write_bytes(long_ecg())
    assert bomb.stat().st_size < 100_000
    honest.write_bytes(generators.to_bytes(make_resting_ecg()))
    (_, too_long), (_, resting) = sent_and_previewed(qtbot, anna_view, jonas_view, [bomb, honest])
    assert not too_long.ecg and too_long.error == (
        "This ECG is too large for a preview; open it to see it."
    )
    assert resting.ecg and not resting.error
    with german(tmp_path):
        assert ecg_too_large_for_preview_text() == (
            "Dieses EKG ist für eine Vorschau zu groß; öffnen Sie es, um es anzusehen."
        )
