"""A deflated DICOM over 16 MiB froze the receiver's whole app (insider round 20).

Any colleague (a 1:1 needs nobody's consent) could send it, and an honest one was
enough: a 4096 x 4096 16-bit mammography in Deflated Explicit VR Little Endian, whose
deflate stream pydicom pads to even length (every second file). The deflate guard in
``medical/loading.py`` inflated with a 16 MiB output cap and looped until the input
tail was empty; once the cap was met at the stream's end the pad byte stayed in the
tail for ever. The chat's card asks on the GUI thread whether a DICOM is a key image
(``is_key_image`` reads its header): the window froze as the card came into view, a
core at 100 %, what the ward PC's user was typing lost when it was killed, and again
at each opening of that chat. Now the guard stops at the stream's end; the card shows
the picture and a click opens it (through the real relay, real vodozemac).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.viewer_window import ViewerWindow
from tests.medical import generators
from tests.ui.chat_support import chat_view, sent_and_previewed
from tests.ui.test_chat_text_and_pictures import _open, two_chats

__all__ = ["chat_view", "two_chats"]  # the fixtures


def test_a_deflated_mammography_shows_on_its_card_and_opens(
    qtbot: QtBot, two_chats: Any, tmp_path: Path
) -> None:
    anna_view, jonas_view = two_chats
    mammography = generators.make_dx(4096, 4096)
    mammography.Modality = "MG"
    path = tmp_path / "mammo-links.dcm"
    path.write_bytes(generators.deflated_with_pad(mammography))
    [(attachment, preview)] = sent_and_previewed(qtbot, anna_view, jonas_view, [path])
    assert preview.image is not None, preview
    assert preview.detail == "MG" and preview.aspect == 1.0
    window = _open(qtbot, jonas_view, attachment, ViewerWindow)
    assert isinstance(window.viewer, ImageViewer)
    window.close()
