"""Several relay nodes on one PostgreSQL: each its own relay id and TLS certificate,
mail accepted by one node pushed at once to the recipient connected at another
(LISTEN/NOTIFY), revocations made at one node enforced on another's connections.

Every node here is a real `wardlink relay serve` process on 127.0.0.1 sharing the
session's private PostgreSQL (docs/scale.md, "Several nodes")."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from desktop_app.crypto.certificates import load_relay_credentials
from desktop_app.protocol import (
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    ClaimedKeys,
    ClaimKeys,
    Deliver,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    KeysPublished,
    PublishKeys,
    Revocations,
    SendEnvelope,
)
from desktop_app.relay import server as relay_server
from desktop_app.relay.admin import init_relay, issue_code, revoke
from desktop_app.relay.errors import RelayDataError
from desktop_app.relay.nodes import init_node
from tests.conftest import FAST_KDF
from tests.pg_server import PgServer
from tests.relay.conftest import (
    ADMIN,
    LiveRelay,
    RelayProcess,
    live_relay,
    relay_process,
    wardlink_env,
)
from tests.relay.wire_client import Closed, Device, WireClient, org_of

REVOCATION_DEADLINE_S = 1.0
"""Issue 15: a revocation made at one node is enforced on every node within 1 s."""
HOSTS = ["127.0.0.1", "localhost"]
BLOB = "attachment-0001"
CODES_AT_ONCE = 6
LOST_WAIT_S = 15.0  # a generous bound for a loaded machine, not a measurement


@pytest.fixture
def node2(pg_relay_root: Path) -> Path:
    root = pg_relay_root.parent / "node2"
    init_node(root, pg_relay_root, ADMIN, HOSTS, kdf=FAST_KDF)
    return root


@contextmanager
def two_nodes(first: Path, second: Path) -> Iterator[tuple[RelayProcess, RelayProcess]]:
    with ExitStack() as stack:
        a = stack.enter_context(relay_process(first, advertise=False))
        b = stack.enter_context(relay_process(second, advertise=False))
        yield a, b


async def _enrolled(root: Path, port: int, uid: str, device_id: str) -> tuple[WireClient, Device]:
    device = Device(uid, device_id)
    client = await WireClient.connect(port, org_of(root))
    reply = await client.enroll(device, issue_code(root, uid).code)
    assert type(reply).__name__ == "Enrolled", reply
    device.certificate = reply.device_certificate  # type: ignore[union-attr]
    return client, device


async def _send(client: WireClient, envelope_id: str, recipients: list[str]) -> object:
    return await client.request(
        SendEnvelope(
            client.ids.next(),
            envelope_id,  # type: ignore[arg-type]
            recipients,  # type: ignore[arg-type]
            f"ct-{envelope_id}".encode(),
            {r: b"olm:" + r.encode() for r in recipients},  # type: ignore[misc]
        )
    )


def test_a_node_has_its_own_relay_id_and_certificate_and_no_root_key(
    pg_relay_root: Path, node2: Path
) -> None:
    first = json.loads((pg_relay_root / "relay.json").read_text())
    second = json.loads((node2 / "relay.json").read_text())
    assert second["relay_id"] != first["relay_id"]
    assert second["database"] == first["database"]
    assert load_relay_credentials(node2, ADMIN).relay_id == second["relay_id"]
    assert not (node2 / "org-root.key.json").exists()
    assert (node2 / "org-issuing.key.json").exists()
    with pytest.raises(RelayDataError, match="already holds a relay"):
        init_node(node2, pg_relay_root, ADMIN, HOSTS, kdf=FAST_KDF)


def test_init_node_refuses_a_relay_on_sqlite_and_works_from_the_cli(
    tmp_path: Path, pg_relay_root: Path
) -> None:
    sqlite_root = tmp_path / "single"
    init_relay(sqlite_root, "Klinikum Nord", ADMIN, HOSTS, kdf=FAST_KDF)
    with pytest.raises(RelayDataError, match="several nodes need the store in PostgreSQL"):
        init_node(tmp_path / "n", sqlite_root, ADMIN, HOSTS, kdf=FAST_KDF)
    done = subprocess.run(
        [
            *(sys.executable, "-m", "desktop_app", "relay", "init-node"),
            *("--data", str(tmp_path / "node3"), "--from", str(pg_relay_root)),
            *("--host", "127.0.0.1"),
        ],
        env=wardlink_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "created relay node relay-" in done.stdout
    assert (tmp_path / "node3" / "relay.json").exists()


def test_mail_accepted_at_one_node_is_pushed_at_once_to_recipients_at_the_other(
    pg_relay_root: Path, node2: Path
) -> None:
    """Before the node bus, a device connected at node 2 saw mail accepted by node 1
    only when it logged in again: nothing woke its delivery pump."""
    root = pg_relay_root

    async def scenario(a: RelayProcess, b: RelayProcess) -> None:
        anna_conn, _ = await _enrolled(root, a.port, "weber.anna", "WEBER-PC1")
        carla_conn, _ = await _enrolled(root, a.port, "schulz.carla", "SCHULZ-PC1")
        jonas_conn, _ = await _enrolled(node2, b.port, "mueller.jonas", "MUELLER-PC1")
        assert anna_conn.welcome.relay_id != jonas_conn.welcome.relay_id
        # 1:1 from node 1 to node 2
        assert isinstance(await _send(anna_conn, "E1", ["MUELLER-PC1"]), EnvelopeAccepted)
        (got,) = await jonas_conn.wait_deliveries(1)
        assert (got.envelope_id, got.sender_device, got.payload) == ("E1", "WEBER-PC1", b"ct-E1")
        # a group message from node 2 to one device here and one at node 1
        sent = await _send(jonas_conn, "G1", ["WEBER-PC1", "SCHULZ-PC1"])
        assert isinstance(sent, EnvelopeAccepted), sent
        for conn in (anna_conn, carla_conn):
            (deliver,) = await conn.wait_deliveries(1)
            assert isinstance(deliver, Deliver) and deliver.envelope_id == "G1"
        # a resend is a duplicate on every node: nothing is pushed twice
        assert isinstance(await _send(jonas_conn, "G1", ["WEBER-PC1"]), EnvelopeAccepted)
        assert await anna_conn.quiet(0.5) == []
        for conn in (anna_conn, carla_conn, jonas_conn):
            await conn.close()

    with two_nodes(root, node2) as (a, b):
        asyncio.run(scenario(a, b))
        assert a.stop() == 0 and b.stop() == 0
        for node in (a, b):
            assert "Traceback" not in node.stderr()


def test_a_revocation_made_at_node_2_closes_the_device_at_node_1_within_a_second(
    pg_relay_root: Path, node2: Path
) -> None:
    """The admin command runs on node 2's data directory; the device is connected at
    node 1, which has no revocation poll any more: the NOTIFY wakes it."""
    root = pg_relay_root

    async def scenario(a: RelayProcess) -> float:
        anna_conn, _ = await _enrolled(root, a.port, "weber.anna", "WEBER-PC1")
        jonas_conn, _ = await _enrolled(root, a.port, "mueller.jonas", "MUELLER-PC1")
        await asyncio.to_thread(revoke, node2, "WEBER-PC1", ADMIN)
        revoked_at = time.monotonic()
        pushed = await anna_conn.next_frame(REVOCATION_DEADLINE_S)
        assert isinstance(pushed, Revocations) and pushed.req_id == 0, pushed
        closing = await anna_conn.next_frame(REVOCATION_DEADLINE_S)
        assert isinstance(closing, Error) and closing.code is ErrorCode.DEVICE_REVOKED, closing
        with pytest.raises(Closed):
            await anna_conn.next_frame(REVOCATION_DEADLINE_S)
        took = time.monotonic() - revoked_at
        # the other device at node 1 got the new list too and stays connected
        others = await jonas_conn.quiet(0.3)
        assert [type(f) for f in others] == [Revocations], others
        await jonas_conn.close()
        return took

    with relay_process(root, advertise=False) as a:
        took = asyncio.run(scenario(a))
        assert a.stop() == 0
    assert took < REVOCATION_DEADLINE_S


def test_the_node_bus_comes_back_after_a_database_restart(
    pg_relay_root: Path, node2: Path, pg_server: PgServer
) -> None:
    """Notifications sent while a node's listening connection is gone are lost: after
    the restart the bus listens again and mail from the other node is pushed at once."""
    root = pg_relay_root

    async def scenario(a: RelayProcess, b: RelayProcess) -> None:
        anna_conn, anna = await _enrolled(root, a.port, "weber.anna", "WEBER-PC1")
        jonas_conn, _ = await _enrolled(node2, b.port, "mueller.jonas", "MUELLER-PC1")
        await anna_conn.close()
        await asyncio.to_thread(pg_server.stop)
        await asyncio.to_thread(pg_server.start)
        anna_conn = await WireClient.connect(a.port, org_of(root))
        assert type(await anna_conn.login(anna)).__name__ == "Authenticated"
        assert isinstance(await _send(anna_conn, "E1", ["MUELLER-PC1"]), EnvelopeAccepted)
        (got,) = await jonas_conn.wait_deliveries(1)
        assert got.envelope_id == "E1"
        await anna_conn.close()
        await jonas_conn.close()

    with two_nodes(root, node2) as (a, b):
        asyncio.run(scenario(a, b))


def test_the_revocation_reaches_node_1_by_notify_not_by_a_poll(
    pg_relay_root: Path, node2: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Node 1 in this process with the old revocation poll set to an hour: only the
    NOTIFY of node 2's revocation can close the device's connection within 1 s."""
    monkeypatch.setattr(relay_server, "REVOCATION_POLL_S", 3600.0)

    async def scenario() -> None:
        async with live_relay(pg_relay_root) as relay:
            bus = relay.runner.server.bus
            if bus is not None:  # (None before the node bus existed)
                await asyncio.to_thread(bus.connected.wait, 10)
            anna_conn, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            await asyncio.to_thread(revoke, node2, "WEBER-PC1", ADMIN)
            pushed = await anna_conn.next_frame(REVOCATION_DEADLINE_S)
            assert isinstance(pushed, Revocations) and pushed.req_id == 0, pushed
            closing = await anna_conn.next_frame(REVOCATION_DEADLINE_S)
            assert isinstance(closing, Error) and closing.code is ErrorCode.DEVICE_REVOKED

    asyncio.run(scenario())


def test_a_node_that_lost_its_database_disconnects_its_devices_and_recovers(
    pg_relay_root: Path, pg_server: PgServer
) -> None:
    """Before, an idle device stayed connected to a node that could neither store nor
    hear of its mail: it never failed over. Now, once the database has been away for
    ``lost_after_s``, the node says `unavailable` and closes; logins work again once
    the database is back."""

    async def scenario() -> None:
        async with live_relay(pg_relay_root) as relay:
            bus = relay.runner.server.bus
            assert bus is not None
            bus.lost_after_s = 0.5  # (5 s in service: a restart is not a loss)
            await asyncio.to_thread(bus.connected.wait, 10)
            anna_conn, anna = await relay.enrolled("weber.anna", "WEBER-PC1")
            await asyncio.to_thread(pg_server.stop)
            try:
                told = await anna_conn.next_frame(LOST_WAIT_S)
            finally:
                await asyncio.to_thread(pg_server.start)
            assert isinstance(told, Error) and told.fatal, told
            assert told.code is ErrorCode.UNAVAILABLE, told
            with pytest.raises(Closed):
                await anna_conn.next_frame(LOST_WAIT_S)
            again = await relay.logged_in(anna)  # the node recovered by itself
            assert isinstance(await _send(again, "E1", ["WEBER-PC1"]), EnvelopeAccepted)
            await again.close()

    asyncio.run(scenario())


def test_key_claim_limits_hold_across_nodes(pg_relay_root: Path) -> None:
    """Attack: with limits counted in each node's memory, a device drained a colleague's
    one-time keys at node 1 up to the limit, then took as many again at node 2."""
    root = pg_relay_root
    settings = root / "relay.json"
    doc = json.loads(settings.read_text())
    doc["limits"] = {"key_claims_per_pair": 2, "key_claims_per_target": 5}
    settings.write_text(json.dumps(doc))
    second = root.parent / "node2"
    init_node(second, root, ADMIN, HOSTS, kdf=FAST_KDF)  # the same limits

    async def claim(conn: WireClient) -> str | None:
        reply = await conn.request(ClaimKeys(conn.ids.next(), ["MUELLER-PC1"]))  # type: ignore[list-item]
        assert isinstance(reply, ClaimedKeys), reply
        key = reply.keys["MUELLER-PC1"]  # type: ignore[index]
        assert key.fallback_key is not None and key.fallback_key.key_id == "k999"
        return key.one_time_key.key_id if key.one_time_key else None

    async def scenario() -> None:
        async with live_relay(root) as one, live_relay(second) as two:
            jonas, jonas_pc = await one.enrolled("mueller.jonas", "MUELLER-PC1")
            keys = [jonas_pc.signed_key(f"k{i:03d}", f"key-{i:03d}") for i in range(10)]
            fallback = jonas_pc.signed_key("k999", "key-999", fallback=True)
            published = await jonas.request(PublishKeys(jonas.ids.next(), keys, fallback))
            assert isinstance(published, KeysPublished) and published.one_time_key_count == 10
            mallory_one, mallory = await one.enrolled("evil.mallory", "MALLORY-PC1")
            assert [await claim(mallory_one) for _ in range(3)] == ["k000", "k001", None]
            mallory_two = await two.logged_in(mallory)
            assert [await claim(mallory_two) for _ in range(3)] == [None, None, None]
            anna, _ = await two.enrolled("weber.anna", "WEBER-PC1")
            assert await claim(anna) == "k002"  # a colleague at node 2 still gets one
            for conn in (jonas, mallory_one, mallory_two, anna):
                await conn.close()

    asyncio.run(scenario())


def test_one_enrollment_code_tried_at_two_nodes_at_once_enrolls_one_device(
    pg_relay_root: Path, node2: Path
) -> None:
    """A stolen code redeemed at node 2 while its owner redeems it at node 1: each code
    enrols exactly one device, the other attempt is refused (write lock, one row)."""
    codes = [issue_code(pg_relay_root, "weber.anna").code for _ in range(CODES_AT_ONCE)]

    async def redeem(relay: LiveRelay, code: str, device_id: str) -> object:
        client = await relay.client()
        reply = await client.enroll(Device("weber.anna", device_id), code)
        await client.close()
        return reply

    async def scenario() -> list[tuple[object, object]]:
        async with live_relay(pg_relay_root) as one, live_relay(node2) as two:
            return [
                await asyncio.gather(redeem(one, code, f"OWN-{n}"), redeem(two, code, f"THIEF-{n}"))
                for n, code in enumerate(codes)
            ]

    for pair in asyncio.run(scenario()):
        enrolled = [r for r in pair if type(r).__name__ == "Enrolled"]
        refused = [r for r in pair if isinstance(r, Error)]
        assert len(enrolled) == 1 and len(refused) == 1, pair
        assert refused[0].code is ErrorCode.ENROLLMENT_REFUSED
        assert "already used" in refused[0].message


def test_an_attachment_uploaded_at_one_node_is_downloaded_at_the_other(
    pg_relay_root: Path,
) -> None:
    """relay.json's ``blobs_dir`` names one directory every node mounts (init-node copies
    it). Without it each node kept its own blobs/: node 2 knew the blob from the shared
    database but had no file for it."""
    root = pg_relay_root
    shared = root.parent / "shared-blobs"
    settings = root / "relay.json"
    doc = json.loads(settings.read_text())
    doc["blobs_dir"] = str(shared)
    settings.write_text(json.dumps(doc))
    second = root.parent / "node2"
    init_node(second, root, ADMIN, HOSTS, kdf=FAST_KDF)
    data = bytes(range(256)) * 1000

    async def scenario() -> None:
        async with live_relay(root) as one, live_relay(second) as two:
            anna, _ = await one.enrolled("weber.anna", "WEBER-PC1")
            jonas, _ = await two.enrolled("mueller.jonas", "MUELLER-PC1")
            ready = await anna.request(BlobUpload(anna.ids.next(), BLOB, len(data)))
            assert isinstance(ready, BlobReady), ready
            await anna.send(BlobChunk(ready.req_id, BLOB, 0, data, True))
            assert isinstance(await anna.next_frame(), BlobStored)
            sent = await anna.request(
                SendEnvelope(anna.ids.next(), "E1", ["MUELLER-PC1"], b"ct", {}, [BLOB])  # type: ignore[arg-type, list-item]
            )
            assert isinstance(sent, EnvelopeAccepted), sent
            await jonas.wait_deliveries(1)
            await jonas.send(BlobDownload(jonas.ids.next(), BLOB, 0))
            got = await jonas.next_frame()
            assert isinstance(got, BlobChunk) and got.last, got
            assert got.data == data
            await anna.close()
            await jonas.close()

    asyncio.run(scenario())
    assert [p.name for p in shared.iterdir()] == [BLOB]  # one file, in the shared place
    assert not (second / "blobs").exists() and not any((root / "blobs").iterdir())
