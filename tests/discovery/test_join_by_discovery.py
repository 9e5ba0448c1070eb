"""Joining without a relay address: advertised relays are tried, the code's organisation
is checked in each TLS handshake, and a rogue organisation's relay is passed over."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.services.errors import RelayUnavailable
from desktop_app.services.identity import load_identity
from desktop_app.services.joining import join_hospital
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.profiles import ProfileRoot
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.discovery.conftest import ADMIN, LOOPBACK, advertised_relay

pytestmark = pytest.mark.usefixtures("zeroconf_on_loopback")


def test_the_code_finds_its_own_relay_among_the_advertised_ones(
    relay_dir: Path, tmp_path: Path
) -> None:
    rogue_dir = tmp_path / "rogue"
    init_relay(rogue_dir, "Klinikum Nord", ADMIN, [LOOPBACK], kdf=FAST_KDF)  # same name
    code = issue_code(relay_dir, "weber.anna").code
    root = ProfileRoot(tmp_path / "profiles")

    async def scenario() -> Path:
        async with advertised_relay(rogue_dir), advertised_relay(relay_dir):
            return await join_hospital(
                root,
                Owner("Dr. Anna Weber"),
                PASSPHRASE,
                code,
                "",
                kdf=FAST_KDF,
                discovery_interfaces=[LOOPBACK],
                discovery_wait_s=2.0,
            )

    directory = asyncio.run(scenario())
    with Container.open(directory, PASSPHRASE) as container:
        assert load_identity(container.settings).uid == "weber.anna"
    assert [p.owner.display_name for p in root.people()] == ["Dr. Anna Weber"]


def test_no_relay_on_the_network_says_to_ask_it_and_leaves_nothing(
    relay_dir: Path, tmp_path: Path
) -> None:
    code = issue_code(relay_dir, "weber.anna").code
    root = ProfileRoot(tmp_path / "profiles")
    with pytest.raises(RelayUnavailable, match="No relay found"):
        asyncio.run(
            join_hospital(
                root,
                Owner("Dr. Anna Weber"),
                PASSPHRASE,
                code,
                "",
                kdf=FAST_KDF,
                discovery_interfaces=[LOOPBACK],
                discovery_wait_s=1.0,
            )
        )
    assert root.people() == [] and not any(root.root.glob("*"))
