"""Which relay a demo window uses: its own embedded one, or the one another window runs.

Tested through ``prepare_window`` (what `wardlink demo [--as SECOND]` calls before Qt),
with a real client connecting to whatever address the window would be given.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from desktop_app.commands.demo_flow import DemoWindow, prepare_demo, prepare_window
from desktop_app.commands.demo_layout import DemoDirError, DemoLayout
from desktop_app.commands.demo_org import DEMO_ADMIN_PASSPHRASE, DEMO_PASSPHRASE
from desktop_app.commands.demo_relay import EmbeddedRelay, relay_answers
from desktop_app.crypto.org_files import load_org_certificates
from desktop_app.services.discovery import RelayDiscovery
from desktop_app.services.identity import parse_address
from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from tests.conftest import FAST_KDF
from tests.demo.conftest import MadeDemo, relay_threads


def open_window(root: Path, who: str) -> DemoWindow:
    prepared = prepare_demo(root, kdf=FAST_KDF, advertise=False, say=print)
    assert not prepared.created
    return prepare_window(prepared, who, advertise=False)


async def chat_once(window: DemoWindow, to: str, text: str) -> str:
    """Connect as the window's person to the window's relay and send one message."""
    container = Container.open(window.open_profile, window.passphrase)
    session = ClientSession(container)
    try:
        messenger = Messenger(session)
        await messenger.connect(parse_address(window.relay_address))
        sent = await messenger.send_text(to, text)
        return sent.state.value
    finally:
        await session.close()
        container.close()


def test_as_second_without_a_running_relay_starts_one(made_demo: MadeDemo, tmp_path: Path) -> None:
    root = made_demo.copy(tmp_path / "demo")
    nurse, physician = made_demo.record.people
    window = open_window(root, "second")
    try:
        assert window.person == physician and window.relay is not None and window.relay.running
        assert window.open_profile == root / physician.profile
        assert window.profile_root == root / "profiles"
        assert window.passphrase == DEMO_PASSPHRASE
        assert window.title == "WardLink Demo"  # the app names who unlocks it
        port = window.relay.port
        assert window.relay_address == f"127.0.0.1:{port}"
        assert DemoLayout(root).read().port == port  # the next window finds it there
        assert relay_answers(root / "relay", port, made_demo.record.relay_id)
        assert asyncio.run(chat_once(window, nurse.uid, "Bin auf Station.")) == "sent"
    finally:
        window.close()
    assert not relay_threads()
    assert not relay_answers(root / "relay", port, made_demo.record.relay_id)


def test_as_second_uses_the_relay_the_first_window_runs(
    made_demo: MadeDemo, tmp_path: Path
) -> None:
    root = made_demo.copy(tmp_path / "demo")
    nurse, physician = made_demo.record.people
    first = open_window(root, "FIRST")
    try:
        assert first.person == nurse and first.relay is not None
        second = open_window(root, physician.uid)  # the uid works as well as SECOND
        assert second.relay is None and second.relay_address == first.relay_address
        assert len(relay_threads()) == 1
        second.close()  # owns no relay: the first window's keeps serving
        assert first.relay.running
        assert asyncio.run(chat_once(second, nurse.uid, "Komme gleich.")) == "sent"
    finally:
        first.close()


def test_another_program_on_the_recorded_port_is_not_taken_for_the_relay(
    made_demo: MadeDemo, tmp_path: Path
) -> None:
    root = made_demo.copy(tmp_path / "demo")
    with socket.socket() as squatter:
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # port may be in TIME_WAIT
        squatter.bind(("127.0.0.1", made_demo.record.port))
        squatter.listen()
        window = open_window(root, "FIRST")
        try:
            assert window.relay is not None and window.relay.port != made_demo.record.port
            assert DemoLayout(root).read().port == window.relay.port
        finally:
            window.close()


def test_an_unknown_person_is_one_clear_error(made_demo: MadeDemo) -> None:
    prepared = prepare_demo(made_demo.root, kdf=FAST_KDF, advertise=False, say=print)
    with pytest.raises(DemoDirError, match="--as THIRD: not a demo person; choose one of FIRST"):
        prepare_window(prepared, "THIRD", advertise=False)


def test_the_embedded_relay_is_advertised_on_loopback(
    made_demo: MadeDemo, tmp_path: Path, zeroconf_on_loopback: None
) -> None:
    root = made_demo.copy(tmp_path / "demo")
    org = load_org_certificates(root / "relay")

    async def adverts() -> list[str]:
        async with RelayDiscovery(org, ["127.0.0.1"]) as discovery:
            found = await discovery.wait_trusted(10.0)
            return [f"{a.relay_id}@{a.port}" for a in found]

    with EmbeddedRelay(root / "relay", DEMO_ADMIN_PASSPHRASE) as relay:
        assert relay.advertised, relay.advert_problem
        seen = asyncio.run(adverts())
    assert seen == [f"{made_demo.record.relay_id}@{relay.port}"]
