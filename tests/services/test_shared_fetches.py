"""A body asked for twice at once is downloaded once (services/shared_fetches.py).

The login's retry of missing team-file bodies and an open by the person, two opens, or
two "Retry download"s of an attachment can ask for the same body at the same time.
Through a real relay: the relay is asked for the blob once (the device's BlobDownload
requests are counted on its link), both callers get the file, the blob store holds one
copy; a download that fails fails both callers, and a later try fetches it.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.model import AttachmentState
from desktop_app.protocol import BlobDownload
from desktop_app.protocol.frames import Frame
from desktop_app.services.documents import DocumentRefused
from desktop_app.services.shared_fetches import BodyFetches
from tests.services.conftest import Person, Ward
from tests.services.test_team_files import opened, write

ANNA, JONAS = "weber.anna", "mueller.jonas"


def downloads_asked(person: Person) -> list[str]:
    """The blob ids ``person``'s device asks the relay for from now on, in order."""
    link = person.session.require_link()
    asked: list[str] = []
    real = link.send

    async def send(frame: Frame) -> None:
        if isinstance(frame, BlobDownload):
            asked.append(frame.blob_id)
        await real(frame)

    link.send = send  # type: ignore[method-assign]
    return asked


@asynccontextmanager
async def away_from_relay(w: Ward, blob_id: str, tmp: Path) -> AsyncIterator[None]:
    """The relay cannot provide the blob for a while (a disk IT restores from backup)."""
    on_relay = w.relay.root / "blobs" / blob_id
    aside = tmp / f"aside-{blob_id}"
    on_relay.rename(aside)
    try:
        yield
    finally:
        aside.rename(on_relay)


async def two_people(w: Ward) -> tuple[Person, Person, str]:
    anna = await w.person(ANNA)
    jonas = await w.person(JONAS)
    cid = await anna.messenger.create_group("Station 3B", [JONAS])
    await jonas.messenger.sync()
    return anna, jonas, cid


def test_a_team_file_opened_twice_at_once_is_downloaded_once(
    make_ward: Any, tmp_path: Path
) -> None:
    plan_v1 = os.urandom(700_000)
    plan_v2 = os.urandom(500_000)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, cid = await two_people(w)
            files = tmp_path / "f"
            v1 = await anna.messenger.documents.put(cid, write(files, "Dienstplan.pdf", plan_v1))
            async with away_from_relay(w, v1.blob_id, tmp_path):
                await jonas.messenger.sync()  # its body fails at receipt
            held = jonas.container.blobs.names()
            asked = downloads_asked(jonas)

            both = await asyncio.gather(
                opened(jonas, cid, "Dienstplan.pdf"), opened(jonas, cid, "Dienstplan.pdf")
            )
            assert list(both) == [plan_v1, plan_v1]
            assert asked == [v1.blob_id], f"{len(asked)} downloads for one body"
            assert len(jonas.container.blobs.names() - held) == 1  # one at-rest copy

            # A download that fails fails both; a later open fetches it.
            v2 = await anna.messenger.documents.put(cid, write(files, "Dienstplan.pdf", plan_v2))
            async with away_from_relay(w, v2.blob_id, tmp_path):
                await jonas.messenger.sync()
                asked.clear()
                failed = await asyncio.gather(
                    opened(jonas, cid, "Dienstplan.pdf", 2),
                    opened(jonas, cid, "Dienstplan.pdf", 2),
                    return_exceptions=True,
                )
            assert [type(f) for f in failed] == [DocumentRefused, DocumentRefused]
            assert {f.key for f in failed if isinstance(f, DocumentRefused)} == {"gone_from_relay"}
            assert asked == [v2.blob_id]
            assert await opened(jonas, cid, "Dienstplan.pdf", 2) == plan_v2
            assert asked == [v2.blob_id, v2.blob_id]

    asyncio.run(scenario())


def test_an_attachment_fetched_again_twice_at_once_is_downloaded_once(
    make_ward: Any, tmp_path: Path
) -> None:
    scan = write(tmp_path / "f", "ekg.pdf", os.urandom(600_000))
    xray = write(tmp_path / "f", "thorax.png", os.urandom(400_000))

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)

            async def failed_at_receipt(path: Path) -> tuple[str, str, str]:
                sent = await anna.messenger.send_file(JONAS, path)
                (mine,) = anna.container.attachments.for_message(sent.message_id)
                _, blob_id = anna.container.attachments.stored_body(mine.attachment_id)
                assert blob_id is not None
                async with away_from_relay(w, blob_id, tmp_path):
                    (got,) = await jonas.messenger.sync()
                (att,) = jonas.container.attachments.for_message(got.message_id)
                assert att.state is AttachmentState.FAILED
                return got.message_id, att.attachment_id, blob_id

            message_id, attachment_id, blob_id = await failed_at_receipt(scan)
            held = jonas.container.blobs.names()
            asked = downloads_asked(jonas)
            both = await asyncio.gather(
                jonas.messenger.refetch(message_id, attachment_id),
                jonas.messenger.refetch(message_id, attachment_id),
            )
            assert [a.state for a in both] == [AttachmentState.STORED] * 2
            assert asked == [blob_id], f"{len(asked)} downloads for one body"
            assert len(jonas.container.blobs.names() - held) == 1
            body = b"".join(jonas.container.attachments.read_chunks(attachment_id))
            assert body == scan.read_bytes()

            # A download that fails fails both; a later retry fetches it.
            message_id, attachment_id, blob_id = await failed_at_receipt(xray)
            asked.clear()
            async with away_from_relay(w, blob_id, tmp_path):
                failed = await asyncio.gather(
                    jonas.messenger.refetch(message_id, attachment_id),
                    jonas.messenger.refetch(message_id, attachment_id),
                )
            assert [a.state for a in failed] == [AttachmentState.FAILED] * 2
            assert all("the relay could not provide it" in a.failure for a in failed)
            assert asked == [blob_id]
            fixed = await jonas.messenger.refetch(message_id, attachment_id)
            assert fixed.state is AttachmentState.STORED
            assert b"".join(jonas.container.attachments.read_chunks(attachment_id)) == (
                xray.read_bytes()
            )

    asyncio.run(scenario())


def test_a_caller_that_stops_waiting_leaves_the_download_to_the_other() -> None:
    """A window closed while its file downloads: the other caller still gets the body;
    only when every caller has gone is the download itself cancelled."""

    async def scenario() -> None:
        fetches = BodyFetches()
        release = asyncio.Event()
        started: list[str] = []
        cancelled: list[str] = []

        async def download(name: str) -> str:
            started.append(name)
            try:
                await release.wait()
            except asyncio.CancelledError:
                cancelled.append(name)
                raise
            return f"body of {name}"

        first = asyncio.create_task(fetches.shared("a", lambda: download("a")))
        second = asyncio.create_task(fetches.shared("a", lambda: download("a")))
        while not started:
            await asyncio.sleep(0)
        first.cancel()
        with pytest.raises(asyncio.CancelledError):
            await first
        release.set()
        assert await second == "body of a"
        assert started == ["a"] and cancelled == []

        release.clear()
        alone = asyncio.create_task(fetches.shared("b", lambda: download("b")))
        while len(started) < 2:
            await asyncio.sleep(0)
        alone.cancel()
        with pytest.raises(asyncio.CancelledError):
            await alone
        while not cancelled:
            await asyncio.sleep(0)
        assert cancelled == ["b"]
        # Nothing of it is remembered: the next request downloads afresh.
        release.set()
        assert await fetches.shared("b", lambda: download("b")) == "body of b"
        assert started == ["a", "b", "b"]

    asyncio.run(scenario())
