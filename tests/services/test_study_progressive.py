"""A study is viewable series by series while it downloads through the real relay."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from desktop_app.medical.loading import load_image
from desktop_app.medical.pixels import decode_frame
from desktop_app.services import studies
from desktop_app.services.errors import AttachmentFailed
from tests.medical.generators import make_ct_series, make_dx, to_bytes

SLICES = 40  # 256x256x16 bit: 5 MB, about 20 relay chunks after the scout


def _folder(root: Path) -> Path:
    root.mkdir()
    scout = make_dx(64, 64)
    scout.SeriesNumber = 1
    (root / "scout.dcm").write_bytes(to_bytes(scout))
    for k, ds in enumerate(make_ct_series(SLICES, 256, 256)):
        (root / f"ct{k:03d}").write_bytes(to_bytes(ds))
    return root


def test_the_first_series_opens_before_the_last_byte_has_arrived(
    make_ward: Any, tmp_path: Path
) -> None:
    folder = _folder(tmp_path / "CT")
    seen: list[tuple[int, int, int]] = []  # (bytes arrived, total, series ready)
    first_series: list[bytes] = []

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_study("mueller.jonas", folder)
            link = jonas.session.require_link()

            def on_transfer(attachment_id: str, done: int, total: int) -> None:
                found = studies.arrived(jonas.container, attachment_id)  # type: ignore[arg-type]
                ready = 0 if found is None else found[1]
                seen.append((done, total, ready))
                if ready and not first_series and done < total:
                    _, files = studies.series_files(jonas.container, attachment_id, 0)  # type: ignore[arg-type]
                    first_series.extend(files)
                    with pytest.raises(AttachmentFailed, match="Series 2 of this study has not"):
                        studies.series_files(jonas.container, attachment_id, 1)  # type: ignore[arg-type]

            link.transfer_listener = on_transfer
            (got,) = await jonas.messenger.sync()
            (att,) = jonas.container.attachments.for_message(got.message_id)
            assert studies.arrived(jonas.container, att.attachment_id) is not None
            assert studies.arrived(jonas.container, att.attachment_id)[1] == 2  # type: ignore[index]

    asyncio.run(scenario())
    # The scout was readable while most of the CT was still on its way.
    assert first_series, seen
    assert load_image(first_series[0]).dataset.Modality == "DX"
    early = next(s for s in seen if s[2] >= 1)
    assert early[0] < early[1] // 4
    assert int(decode_frame(load_image(first_series[0])).shape[0]) == 64
    assert all(ready < 2 for done, total, ready in seen if done < total)
