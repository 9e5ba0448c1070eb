"""A colleague's modified client sends a study whose manifest lists series that are not
there, through the real relay (insider attack round, session 18).

Any colleague may send anyone a study. Its manifest may list series with no image: they
were accepted, did not count towards the 10,000-image limit (a 4 MiB manifest holds
~45,000 of them, each a row of the viewer's series browser), and every series after an
empty one showed the thumbnail of the next series (thumbnails went by position). Now a
manifest with an empty series, or with more series than MAX_STUDY_SERIES, is refused as
damaged before anything of it is shown.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.ids import AttachmentId
from desktop_app.medical.study import MAX_STUDY_SERIES
from desktop_app.medical.study_package import MAX_MANIFEST_BYTES, manifest_of
from desktop_app.services import studies
from desktop_app.services.errors import AttachmentFailed
from tests.services.conftest import Person
from tests.services.modified_client import handled_before
from tests.services.study_forgery import EMPTY, inserted, scout_and_ct, send_forged_study

ANNA, JONAS = "weber.anna", "mueller.jonas"


def received_study(jonas: Person, message_id: str) -> AttachmentId:
    (attachment,) = jonas.container.attachments.for_message(message_id)  # type: ignore[arg-type]
    assert studies.is_study(attachment)
    return attachment.attachment_id


def assert_refused(jonas: Person, aid: AttachmentId) -> None:
    """Neither the card's summary nor the viewer's overview nor a series opens."""
    for read in (
        lambda: studies.manifest(jonas.container, aid),
        lambda: studies.overview(jonas.container, aid),
        lambda: studies.series_files(jonas.container, aid, 0),
    ):
        with pytest.raises(AttachmentFailed) as refused:
            read()
        assert refused.value.key == "study_damaged"


def test_a_study_listing_empty_series_is_refused(make_ward: Any, tmp_path: Path) -> None:
    """Attack: Anna's client inserts 40,000 empty series (a manifest under 4 MiB) after
    the scout. Before, Jonas's PC accepted them as a study of 40,002 series and its
    viewer showed the CT's thumbnail under the first empty series; now it is refused."""
    honest = scout_and_ct(tmp_path / "CT Thorax")
    forged = inserted(honest, 1, (EMPTY,) * 40_000)
    size = len(json.dumps(manifest_of(forged), separators=(",", ":")))
    assert size < MAX_MANIFEST_BYTES  # what the old limit let through

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            sent = await send_forged_study(anna.messenger, JONAS, forged, "CT Thorax")
            await handled_before(anna, JONAS, (jonas,), "Studie geschickt")
            assert_refused(jonas, received_study(jonas, sent.message_id))

    asyncio.run(scenario())


def test_a_study_of_more_series_than_the_limit_is_refused(make_ward: Any, tmp_path: Path) -> None:
    """Attack: every series holds an image (the scout's, again), but there are one more
    than MAX_STUDY_SERIES of them: refused too; an honest two-series study still opens."""
    honest = scout_and_ct(tmp_path / "CT Thorax")
    scout = honest.series[0]
    copies = tuple(replace(scout, number=n) for n in range(MAX_STUDY_SERIES - 1))
    forged = inserted(honest, 2, copies)
    assert len(forged.series) == MAX_STUDY_SERIES + 1

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            sent = await send_forged_study(anna.messenger, JONAS, forged, "CT Thorax")
            fine = await send_forged_study(anna.messenger, JONAS, honest, "CT Thorax")
            await handled_before(anna, JONAS, (jonas,), "Studien geschickt")
            assert_refused(jonas, received_study(jonas, sent.message_id))
            manifest, thumbnails = studies.overview(
                jonas.container, received_study(jonas, fine.message_id)
            )
            assert [len(s.instances) for s in manifest.series] == [1, 8]
            assert sorted(thumbnails) == [0, 1]

    asyncio.run(scenario())
