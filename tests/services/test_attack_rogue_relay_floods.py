"""The hospital's relay, taken over, pushes more than the protocol lets it push
(tests/services/rogue_relay.py makes the real relay on 127.0.0.1 send it): the client
must not keep whatever arrives until its memory is gone."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from desktop_app.directory.errors import SnapshotRefused
from desktop_app.domain.ids import new_envelope_id
from desktop_app.protocol import Deliver, DirectoryPage, FetchRevocations, Frame, Revocations
from desktop_app.protocol.limits import MAX_UNACKED_DELIVERIES
from desktop_app.relay.admin import revoke
from desktop_app.services.errors import RelayUnavailable
from desktop_app.services.relay_link import RelayLink
from tests.relay.conftest import ADMIN
from tests.services.conftest import ward
from tests.services.modified_client import until_shown
from tests.services.rogue_relay import rogue
from tests.services.test_message_events import group_of_three
from tests.services.test_staff_directory import DIENST, JONAS, STAFF, publish

FLOOD = 3 * MAX_UNACKED_DELIVERIES


async def settled(link: RelayLink, waiting: int) -> None:
    """Until the link failed or ``waiting`` frames wait in its inbox (at most 10 s)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while link.incoming.qsize() < waiting and loop.time() < deadline:
        try:
            await link.request(FetchRevocations(link.ids.next()), timeout=1)
        except RelayUnavailable:
            return
        await asyncio.sleep(0.05)


def test_deliveries_past_the_window_drop_the_link_instead_of_filling_memory(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await group_of_three(w)
            await anna.messenger.send_text(cid, "Vorher")
            await until_shown(mia, cid, "Vorher")

            def flood(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != mia.session.device_id or not isinstance(frame, Deliver):
                    return None
                attacker.rules.remove(flood)
                # Never acknowledged, never asked for: each copy a fresh envelope id.
                return [
                    frame,
                    *(
                        msgspec.structs.replace(frame, envelope_id=new_envelope_id())
                        for _ in range(FLOOD)
                    ),
                ]

            attacker.rules.append(flood)
            link = mia.session.require_link()
            await anna.messenger.send_text(cid, "Nachher")
            await settled(link, FLOOD + 1)
            assert flood not in attacker.rules
            # An honest relay has at most MAX_UNACKED_DELIVERIES unacknowledged in flight.
            assert link.incoming.qsize() <= MAX_UNACKED_DELIVERIES + 1  # + the link's end
            with pytest.raises(RelayUnavailable, match="broke the protocol"):
                await link.request(FetchRevocations(link.ids.next()))
            await mia.session.close()
            await mia.connect(w.relay.port)
            await until_shown(mia, cid, "Nachher")
            assert [m.body for m in mia.messenger.history(cid)].count("Nachher") == 1

    asyncio.run(scenario())


def test_pushed_revocation_lists_waiting_to_be_read_are_kept_once_the_newest(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await group_of_three(w)
            await mia.messenger.sync()
            leaver = await w.person("alt.geraet")
            pushed: list[Revocations] = []

            def repeat(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != mia.session.device_id or not isinstance(frame, Revocations):
                    return None
                if frame.req_id != 0:
                    return None
                pushed.append(frame)
                return [frame] * FLOOD  # 512 KiB each, as often as it likes

            attacker.rules.append(repeat)
            link = mia.session.require_link()
            revoke(w.relay.root, leaver.session.device_id, ADMIN, keep_data=True)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 10
            while not pushed and loop.time() < deadline:
                await asyncio.sleep(0.05)
            await link.request(FetchRevocations(link.ids.next()))  # after the pushes
            assert link.incoming.qsize() == 1
            await anna.messenger.send_text(cid, "Nach der Liste")
            await until_shown(mia, cid, "Nach der Liste")
            assert mia.session.peers.revocations.der == pushed[0].crl

    asyncio.run(scenario())


def endless_directory(
    relay_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    page: Callable[[DirectoryPage, int], DirectoryPage],
) -> None:
    """A relay that answers every directory page asked for with ``page(first page of
    version 1, pages served so far)``, each naming a next one: the refresh is refused
    after a page or two, and the directory held stays."""
    attacker = rogue(monkeypatch)
    small: list[object] = [JONAS, *STAFF[1:3], DIENST]
    publish(relay_dir, tmp_path, small)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(STAFF[1].uid)  # connecting fetched version 1
            first = [f for _, f in attacker.sent if isinstance(f, DirectoryPage)][-1]
            assert len(first.changed) == len(small)
            served: list[DirectoryPage] = []

            def endless(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != anna.session.device_id or not isinstance(frame, DirectoryPage):
                    return None
                made = page(first, len(served))
                served.append(msgspec.structs.replace(made, req_id=frame.req_id, next_after="~"))
                return [served[-1]]

            attacker.rules.append(endless)
            directory = anna.session.directory
            with pytest.raises(SnapshotRefused):
                await directory.refresh(anna.session.require_link())
            assert len(served) <= 2, f"{len(served)} pages fetched and kept"
            assert directory.version == 1 and directory.get(DIENST.uid) == DIENST

    asyncio.run(scenario())


def test_directory_pages_past_the_signed_size_are_refused_not_collected(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages that never end: the client collected up to MAX_PAGES (2,000) pages of up to
    1 MiB each before checking anything, at every connect; now it stops as soon as the
    pages hold more entries than the signed header counts."""
    endless_directory(relay_dir, tmp_path, monkeypatch, lambda first, _n: first)


def test_directory_pages_of_endless_removals_are_refused_not_collected(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same with pages that name only removals (their count is not signed): at most
    as many as the entries this PC holds can go, so the first page past that ends it."""
    endless_directory(
        relay_dir,
        tmp_path,
        monkeypatch,
        lambda first, n: msgspec.structs.replace(
            first, changed=[], removed=[f"gone.{n}.{k}" for k in range(3)]
        ),
    )
