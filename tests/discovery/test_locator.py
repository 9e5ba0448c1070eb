"""Source order without zeroconf: --relay, then policy, then the last relay that worked,
then the other relay nodes this device logged in to."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop_app.services.errors import RelayUnavailable
from desktop_app.services.identity import RELAY_KEY, RELAY_NODES_KEY
from desktop_app.services.relay_locator import RelayLocator
from tests.discovery.conftest import LOOPBACK, enrolled_client, free_port
from tests.relay.conftest import live_relay


def test_sources_in_order_and_override(relay_dir: Path, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with live_relay(relay_dir) as relay:
            good = f"{LOOPBACK}:{relay.port}"
            dead = f"{LOOPBACK}:{free_port()}"
            anna = await enrolled_client(relay_dir, relay.port, tmp_path, "weber.anna")
            settings = anna.container.settings
            try:

                async def source(**kw: str | None) -> str:
                    locator = RelayLocator(anna.messenger, **kw)  # type: ignore[arg-type]
                    try:
                        return (await locator.connect()).source
                    finally:
                        await anna.session.close()

                settings.set(RELAY_KEY, dead)
                assert await source(policy_address=good) == "policy"
                assert settings.get(RELAY_KEY) == good  # it worked: remembered
                assert await source(policy_address=dead) == "last relay"
                assert await source(override=good, policy_address=dead) == "command line"
                with pytest.raises(RelayUnavailable, match="Cannot reach the relay"):
                    await source(override=dead, policy_address=good)  # overrides all
                settings.set(RELAY_KEY, dead)
                assert await source(policy_address=dead) == "known node"  # logged in before
                settings.set(RELAY_KEY, dead)
                settings.delete(RELAY_NODES_KEY)
                with pytest.raises(RelayUnavailable) as caught:
                    await source(policy_address=dead)  # and no discovery configured
                assert str(caught.value).count("Cannot reach") == 1  # each address tried once
                assert str(caught.value).startswith(f"policy {dead}: ")
            finally:
                await anna.close()

    asyncio.run(scenario())
