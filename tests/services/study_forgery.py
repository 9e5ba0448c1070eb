"""A colleague's modified client sends a study whose manifest it wrote itself.

The honest client lists only the series a folder holds, each with its images. The
modified one packs a real study with series inserted: empty ones, or thousands of them.
It encrypts and uploads through its own container and the real relay like any study
(services/studies.py store_study), so only the receiver's rules decide what is shown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop_app.domain.model import Message
from desktop_app.medical.study import Series, Study, load_study
from desktop_app.services import studies
from desktop_app.services.messenger import Messenger
from tests.medical.generators import make_ct_series, make_dx, to_bytes

# A series that lists no image: the manifest's "instances" is [].
EMPTY = Series("2.25.4711", 3, "MR", "Knie leer", "KNEE", ())


def scout_and_ct(root: Path) -> Study:
    """An honest study: a DX scout (series 1) and an axial CT of 8 slices (series 2)."""
    root.mkdir()
    dx = make_dx(64, 64)
    dx.SeriesNumber = 1
    (root / "scout.dcm").write_bytes(to_bytes(dx))
    for k, ds in enumerate(make_ct_series(8)):
        ds.SeriesNumber = 2
        (root / f"ct{k:03d}").write_bytes(to_bytes(ds))
    return load_study(root)


def inserted(study: Study, at: int, extra: tuple[Series, ...]) -> Study:
    """``study`` with ``extra`` series inserted before series ``at``."""
    return replace(study, series=study.series[:at] + extra + study.series[at:])


async def send_forged_study(messenger: Messenger, to: str, study: Study, name: str) -> Message:
    """What send_study does, minus scanning a folder: ``study`` goes as it is."""
    message = await messenger.compose(to, f"Study: {study.summary().text()}", [])
    studies.store_study(messenger.s.container, study, name, message.message_id)
    await messenger.deliver_if_online()
    return message
