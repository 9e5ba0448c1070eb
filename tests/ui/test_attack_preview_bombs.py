"""DICOM frames declared huge in a few bytes, decoded for the chat's card (round 20).

Any colleague (a 1:1 needs nobody's consent) sends a DICOM whose frame is within the
medical limits (256 MiB) but costs the receiving app a multiple of that to decode for
a thumbnail, in the app's own process (the viewer decodes in a worker process): a
1.8 KB JPEG 2000 declaring a 256 MiB frame took 1 GB, a 4 MB RLE colour frame 2.5 GB,
a 1 MB deflated data set of 1 GiB 2.3 GB, enough to have a ward PC's app killed for
want of memory. Now a card decodes at most ``MAX_PREVIEW_BYTES`` (64 MiB; a 4096 x 5625
16-bit mammography is 46 MB) and shows a sentence beyond; the viewer still opens it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import imagecodecs
import numpy as np
from pydicom import uid
from pydicom.encaps import encapsulate
from pytestqt.qtbot import QtBot

from desktop_app.medical.samples import file_meta
from desktop_app.ui.chat.previews import MAX_PREVIEW_BYTES, too_large_for_preview_text
from tests.medical import generators
from tests.ui.chat_support import chat_view, german, sent_and_previewed
from tests.ui.test_chat_text_and_pictures import two_chats

__all__ = ["chat_view", "two_chats"]  # the fixtures

SIDE = 8192  # 8192 x 8192 x 16 bit: a 128 MiB frame


def j2k_bomb() -> bytes:
    """A JPEG 2000 frame of 128 MiB in about 1 KB."""
    ds = generators.make_dx(8, 8)
    ds.Rows = ds.Columns = SIDE
    ds.file_meta = file_meta(uid.JPEG2000Lossless, ds.SOPClassUID, ds.SOPInstanceUID)
    blank = np.zeros((SIDE, SIDE), np.uint16)
    stream = bytes(imagecodecs.jpeg2k_encode(blank, codecformat="J2K", reversible=True, level=0))
    ds.PixelData = encapsulate([stream])
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    return generators.to_bytes(ds)


def deflate_bomb() -> bytes:
    """Four 8-bit frames of 64 MiB each, deflated to about 260 KB."""
    ds = generators.make_dx(8, 8)
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 8, 8, 7
    ds.Rows = ds.Columns = SIDE
    ds.NumberOfFrames = 4
    ds.PixelData = bytes(SIDE * SIDE * 4)
    return generators.deflated(ds)


def test_a_frame_too_large_for_a_card_gets_a_sentence(
    qtbot: QtBot, two_chats: Any, tmp_path: Path
) -> None:
    anna_view, jonas_view = two_chats
    files = {"thorax.dcm": j2k_bomb(), "abdomen.dcm": deflate_bomb()}
    for name, data in files.items():
        assert len(data) < 300_000
        (tmp_path / name).write_bytes(data)
    assert SIDE * SIDE * 2 > MAX_PREVIEW_BYTES
    paths = [tmp_path / name for name in files]
    previews = sent_and_previewed(qtbot, anna_view, jonas_view, paths)
    for path, (_, preview) in zip(paths, previews, strict=True):
        assert preview.image is None, (path.name, preview)
        assert preview.error == too_large_for_preview_text()
        assert preview.error == "This image is too large for a preview; open it to see it."
    with german(tmp_path):
        assert too_large_for_preview_text() == (
            "Dieses Bild ist für eine Vorschau zu groß; öffnen Sie es, um es anzusehen."
        )
