"""Take-overs of a functional account are bounded per person, through the real relay:
two colleagues of the department could hand "Dienstarzt Kardiologie" back and forth
without end, each click a new signed directory version (fetched by every client) and an
audit line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.directory.model import TakeoverPolicy
from desktop_app.protocol.limits import MAX_TAKEOVERS_PER_WINDOW, TAKEOVER_WINDOW_MS
from desktop_app.relay.admin import now_ms
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.role_handover import Taken, take_over
from desktop_app.relay.role_handover import TakenTooOften as RelayTakenTooOften
from desktop_app.services.errors import TakenTooOften
from tests.relay.conftest import ADMIN
from tests.services.conftest import Person, ward
from tests.services.test_takeover_policies import (
    JONAS,
    MIA,
    ROLE,
    handovers,
    holders,
    setup,
)


async def take(person: Person) -> None:
    await person.session.directory.take_over(person.session.require_link(), ROLE)


def test_two_colleagues_cannot_hand_a_role_back_and_forth_without_end(
    relay_dir: Path, tmp_path: Path
) -> None:
    setup(relay_dir, tmp_path, TakeoverPolicy.DEPARTMENT)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)
            for _ in range(MAX_TAKEOVERS_PER_WINDOW):
                await take(mia)
                await take(jonas)
            assert await holders(mia) == (JONAS.uid,)
            with pytest.raises(TakenTooOften) as refused:
                await take(mia)
            assert refused.value.key == "role_taken_too_often"
            assert refused.value.params == {"count": MAX_TAKEOVERS_PER_WINDOW, "minutes": 10}
            assert await holders(mia) == (JONAS.uid,)  # no new version
            await take(jonas)  # he holds it: nothing changes, so nothing is refused
            assert await holders(jonas) == (JONAS.uid,)

    asyncio.run(scenario())
    taken = [e for e in handovers(relay_dir) if e["event"] == "role_handover"]
    assert len(taken) == 2 * MAX_TAKEOVERS_PER_WINDOW


def test_the_bound_is_per_window_and_counted_in_the_relay_database(
    relay_dir: Path, tmp_path: Path
) -> None:
    """The count comes from the hand-overs stored (what every relay node reads), and
    the next window lets the person take the role over again."""
    setup(relay_dir, tmp_path, TakeoverPolicy.DEPARTMENT)
    data = RelayDataDir(relay_dir)
    issuer = load_issuing_authority(relay_dir, ADMIN)
    start = now_ms()
    for node in range(2 * MAX_TAKEOVERS_PER_WINDOW):  # a fresh store each time: no memory
        store = data.open_store()
        try:
            who = (MIA.uid, JONAS.uid)[node % 2]
            taken = take_over(store, issuer, data.audit(), ROLE, who, start + node)
            assert isinstance(taken, Taken) and taken.version == node + 2
        finally:
            store.close()
    store = data.open_store()
    try:
        with pytest.raises(RelayTakenTooOften):
            take_over(store, issuer, data.audit(), ROLE, MIA.uid, start + 100)
        later = start + TAKEOVER_WINDOW_MS + 1  # her first take-over left the window
        assert isinstance(take_over(store, issuer, data.audit(), ROLE, MIA.uid, later), Taken)
    finally:
        store.close()
