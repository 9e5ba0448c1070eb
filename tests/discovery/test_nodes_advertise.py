"""Two relay nodes of one organisation (one PostgreSQL) each advertise themselves by
zeroconf under their own relay id with their own signed descriptor; the TLS probe of
each advert finds the node that holds the signed key (docs/scale.md)."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from desktop_app.relay.nodes import init_node
from desktop_app.services.relay_locator import survey
from tests.conftest import FAST_KDF
from tests.discovery.conftest import LOOPBACK, advertised_relay, loopback_discovery, port_of
from tests.relay.conftest import ADMIN
from tests.relay.wire_client import org_of

pytestmark = pytest.mark.usefixtures("zeroconf_on_loopback")
SEEN_WITHIN_S = 10.0


def test_each_node_advertises_its_own_signed_descriptor(pg_relay_root: Path) -> None:
    root = pg_relay_root
    node2 = root.parent / "node2"
    init_node(node2, root, ADMIN, [LOOPBACK], kdf=FAST_KDF)
    ids = {json.loads((d / "relay.json").read_text())["relay_id"] for d in (root, node2)}

    async def scenario() -> None:
        async with (
            loopback_discovery(root) as discovery,
            advertised_relay(root) as one,
            advertised_relay(node2) as two,
        ):
            start = time.monotonic()
            while len(discovery.trusted()) < 2:
                assert time.monotonic() - start < SEEN_WITHIN_S, discovery.adverts()
                await asyncio.sleep(0.05)
            adverts = discovery.trusted()
            assert {a.relay_id for a in adverts} == ids
            assert {a.port for a in adverts} == {port_of(one), port_of(two)}
            spkis = {a.descriptor.spki_sha256 for a in adverts if a.descriptor is not None}
            assert len(spkis) == 2  # each node its own TLS key, each signed
            rows = await survey(discovery, org_of(root), 0.5)
            assert sorted(r.relay_id for r in rows if r.trusted) == sorted(ids)

    asyncio.run(scenario())
