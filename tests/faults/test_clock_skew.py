"""Clock skew of a day between a ward PC and the relay.

The relay runs with its clock a day ahead of or behind the client's (the client uses
the machine's clock; the relay's clock and certificate issuing are shifted). People
enroll, log in and exchange messages either way; enrollment codes expire by the
relay's clock only.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.model import MessageState
from desktop_app.protocol import content as wire
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.relay.runner import RelayRunner
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import RelayRefused
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.timeutil import to_ms
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.relay.conftest import ADMIN, ORG, LiveRelay
from tests.relay.wire_client import org_of
from tests.services import conftest as ward_helpers
from tests.services.conftest import Ward, texts

DAY = timedelta(days=1)


@asynccontextmanager
async def skewed_ward(tmp: Path, skew: timedelta) -> AsyncIterator[Ward]:
    """A relay whose clock runs ``skew`` off the client's: set up, certificates issued,
    codes and envelopes timed, all by its own clock."""
    root = tmp / "relay"
    hosts = ["127.0.0.1", "localhost"]
    init_relay(root, ORG, ADMIN, hosts, kdf=FAST_KDF, now=datetime.now(UTC) + skew)
    offset_ms = int(skew.total_seconds() * 1000)
    runner = RelayRunner.load(
        root,
        ADMIN,
        clock_ms=lambda: int(time.time() * 1000) + offset_ms,
        now=lambda: datetime.now(UTC) + skew,
    )
    _, port = await runner.start("127.0.0.1", 0)
    ward = Ward(LiveRelay(runner, root, port, org_of(root)), tmp, {})
    try:
        yield ward
    finally:
        await ward.close()
        await runner.stop()


@pytest.mark.parametrize("skew", [DAY, -DAY], ids=["relay_ahead", "relay_behind"])
def test_a_day_of_skew_still_logs_in_and_delivers(
    tmp_path: Path, skew: timedelta, monkeypatch: pytest.MonkeyPatch
) -> None:
    relay_ms = int(skew.total_seconds() * 1000)
    # IT issues the codes on the relay's machine, by the relay's clock.
    monkeypatch.setattr(
        ward_helpers,
        "issue_code",
        lambda root, uid: issue_code(root, uid, now=int(time.time() * 1000) + relay_ms),
    )

    async def scenario() -> None:
        async with skewed_ward(tmp_path, skew) as ward:
            anna = await ward.person("weber.anna")
            jonas = await ward.person("mueller.jonas")
            await anna.messenger.send_text("mueller.jonas", "Visite um 8")
            assert texts(await jonas.messenger.sync()) == ["Visite um 8"]
            await jonas.messenger.send_text("weber.anna", "Komme")
            assert texts(await anna.messenger.sync()) == ["Komme"]
            await anna.session.close()  # and log in again later
            await anna.connect(ward.relay.port)
            assert await anna.messenger.sync() == []

    asyncio.run(scenario())


@pytest.mark.parametrize("skew", [DAY, -DAY], ids=["relay_ahead", "relay_behind"])
def test_enrollment_codes_expire_by_the_relays_clock(tmp_path: Path, skew: timedelta) -> None:
    """A code issued for an hour by the relay's clock: the client's clock has no say."""

    async def scenario() -> None:
        async with skewed_ward(tmp_path, skew) as ward:
            relay_now = ward.relay.runner.ctx.clock_ms()
            hour = timedelta(hours=1)
            live = issue_code(ward.relay.root, "weber.anna", hour, now=relay_now).code
            # Expired an hour ago by the relay's clock; by the client's clock (a day
            # behind the relay) it would still have 23 hours to go.
            stale = issue_code(
                ward.relay.root, "mueller.jonas", hour, now=relay_now - 2 * 3_600_000
            ).code
            address = ("127.0.0.1", ward.relay.port)
            fresh = Container.create(tmp_path / "a", PASSPHRASE, Owner("weber.anna"), kdf=FAST_KDF)
            old = Container.create(tmp_path / "j", PASSPHRASE, Owner("mueller.jonas"), kdf=FAST_KDF)
            try:
                await enroll(fresh, address, live, "PC 1")
                with pytest.raises(RelayRefused, match="enrollment code has expired"):
                    await enroll(old, address, stale, "PC 2")
            finally:
                fresh.close()
                old.close()

    asyncio.run(scenario())


@pytest.mark.parametrize("skew", [DAY, -DAY], ids=["reader_ahead", "reader_behind"])
def test_receipts_from_a_pc_a_day_off_keep_time_and_state_sane(
    make_ward: Any, skew: timedelta
) -> None:
    """Jonas's PC runs a day off; his receipts neither date a reading before the message
    was sent or after it arrived, nor move Anna's delivery state back."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            jonas.session.clock = lambda: datetime.now(UTC) + skew
            sent = await anna.messenger.send_text("mueller.jonas", "Visite um 9?")
            assert texts(await jonas.messenger.sync()) == ["Visite um 9?"]
            cid = sent.conversation_id
            for kind in ("read", "delivered"):  # a late 'delivered' after 'read'
                now = jonas.session.clock()
                receipt = wire.Receipt(1, kind, [sent.message_id], to_ms(now))  # type: ignore[arg-type]
                await jonas.messenger.outgoing.queue_content(
                    cid, ("weber.anna", "mueller.jonas"), receipt, message_id=None, now=now
                )
                await jonas.messenger.outgoing.flush()
            await anna.messenger.sync()
            after = datetime.now(UTC)
            mine = anna.container.messages.get(sent.message_id)
            assert mine is not None and mine.state is MessageState.READ
            times = [r.at for r in anna.container.receipts.for_message(sent.message_id)]
            assert len(times) == 2
            assert all(mine.sent_at <= t <= after for t in times)

    asyncio.run(scenario())
