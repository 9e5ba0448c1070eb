"""A whole study through the real relay: sent as one attachment, opened and scrolled."""

from __future__ import annotations

import asyncio
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop_app.medical.loading import load_image
from desktop_app.medical.pixels import decode_frame
from desktop_app.medical.study_package import MIME_TYPE
from desktop_app.services import studies
from desktop_app.services.errors import AttachmentFailed
from tests.medical.generators import make_ct_series, make_dx, to_bytes

SLICES = 60


def _study_folder(root: Path) -> Path:
    root.mkdir()
    dx = make_dx(64, 64)
    dx.SeriesNumber = 1
    (root / "scout.dcm").write_bytes(to_bytes(dx))
    ct = make_ct_series(SLICES)
    order = list(range(SLICES))
    random.Random(11).shuffle(order)
    for name, k in enumerate(order):
        (root / f"{name:03d}").write_bytes(to_bytes(ct[k]))
    return root


def test_study_goes_as_one_attachment_and_the_receiver_scrolls_it(
    make_ward: Any, tmp_path: Path
) -> None:
    folder = _study_folder(tmp_path / "CT Thorax")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_study("mueller.jonas", folder)
            (got,) = await jonas.messenger.sync()
            assert (
                got.body == "Study: CT/DX, CHEST, 2 series, 61 images, " + got.body.split(", ")[-1]
            )
            assert "Mustermann" not in got.body
            (att,) = jonas.container.attachments.for_message(got.message_id)
            assert (att.file_name, att.mime_type) == ("CT Thorax.wlstudy", MIME_TYPE)
            assert studies.is_study(att)
            manifest = studies.manifest(jonas.container, att.attachment_id)
            assert [len(s.instances) for s in manifest.series] == [1, SLICES]
            # Scroll the CT stack: slice k is at z = -100 + 2.5 k and holds 1000 + 10 k + row.
            _, files = studies.series_files(jonas.container, att.attachment_id, 1)
            for k, data in enumerate(files):
                img = load_image(data)
                assert float(img.dataset.ImagePositionPatient[2]) == pytest.approx(-100 + 2.5 * k)
                assert int(decode_frame(img)[5, 0]) == 1000 + 10 * k + 5
            assert manifest.series[1].instances[-1].position == pytest.approx(47.5)

    asyncio.run(scenario())


def test_a_folder_without_images_is_refused_before_anything_is_stored(
    make_ward: Any, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.txt").write_text("no images")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            await w.person("mueller.jonas")
            with pytest.raises(AttachmentFailed, match="no DICOM images"):
                await anna.messenger.send_study("mueller.jonas", empty)

    asyncio.run(scenario())


def test_a_hostile_zip_is_refused_with_one_line_and_nothing_is_sent(
    make_ward: Any, tmp_path: Path
) -> None:
    evil = tmp_path / "cd.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("IMG0001.dcm", to_bytes(make_ct_series(2)[0]))
        zf.writestr("../../.bashrc", to_bytes(make_ct_series(2)[1]))
    assert studies.is_study_path(evil)  # it looks like a DICOM ZIP, so it is checked

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            with pytest.raises(AttachmentFailed, match=r"unsafe path: '\.\./\.\./\.bashrc'"):
                await anna.messenger.send_study("mueller.jonas", evil)
            assert await jonas.messenger.sync() == []

    asyncio.run(scenario())
