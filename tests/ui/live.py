"""A real relay child process, enrolled people and live UiContexts for GUI tests.

``GuiWard`` starts `wardlink relay serve` on 127.0.0.1, publishes a small staff
directory (people plus one functional account), and enrolls people into SQLCipher
containers (fast KDF). ``context`` opens one person's container behind a real
AsyncBridge + LiveClient and waits until it is connected, as the app would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.relay.directory_admin import import_directory
from desktop_app.services.enrollment import enroll
from desktop_app.services.live_client import LiveClient
from desktop_app.services.live_views import ConnectionStatus, Link
from desktop_app.services.policy import Policy
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.context import UiContext
from desktop_app.ui.service_events import ServiceEvents
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN, ORG, RelayProcess, relay_process

PEOPLE = (
    Entry("weber.anna", "Dr. Anna Weber", "Anna", "Weber", "Oberärztin", "Kardiologie",
          "Station 3B", ("Dienstarzt",), "+49 40 1234-300", "3301"),
    Entry("mueller.jonas", "Jonas Müller", "Jonas", "Müller", "Gesundheits- und Krankenpfleger",
          "Kardiologie", "Station 3B", (), "+49 40 1234-310", "3310"),
    Entry("schmidt.lena", "Dr. Lena Schmidt", "Lena", "Schmidt", "Assistenzärztin",
          "Radiologie", "Röntgen", (), "+49 40 1234-500", "5501"),
    Entry("yilmaz.derya", "Derya Yılmaz", "Derya", "Yılmaz", "Stationsleitung", "Chirurgie",
          "Station 5A", (), "+49 40 1234-520", "5520",
          "derya.yilmaz.05520@klinikum.example"),  # long: the card must not cut it
)  # fmt: skip
DUTY_DOCTOR = functional_account(
    "dienstarzt.kardio", "Dienstarzt Kardiologie", "Kardiologie", ("weber.anna",)
)


@dataclass
class GuiWard:
    root: Path
    tmp: Path
    relay: RelayProcess
    profiles: dict[str, Path] = field(default_factory=dict)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.relay.port}"

    def enroll(self, uid: str, device: str = "") -> Path:
        """A container for ``uid`` (from PEOPLE), enrolled with the relay; closed again.
        ``device``: another PC of the same person (its own profile)."""
        entry = next(e for e in PEOPLE if e.uid == uid)
        profile = self.tmp / "profiles" / (uid + device)
        owner = Owner(entry.cn, entry.department, uid)
        with Container.create(profile, PASSPHRASE, owner, kdf=FAST_KDF) as container:
            code = issue_code(self.root, uid).code
            asyncio.run(enroll(container, ("127.0.0.1", self.relay.port), code, f"PC {uid}"))
        self.profiles[uid + device] = profile
        return profile


@pytest.fixture
def gui_ward(tmp_path: Path) -> Iterator[GuiWard]:
    root = tmp_path / "relay"
    init_relay(root, ORG, ADMIN, ["127.0.0.1", "localhost"], kdf=FAST_KDF)
    csv = tmp_path / "staff.csv"
    csv.write_bytes(to_csv([*PEOPLE, DUTY_DOCTOR]))
    import_directory(root, csv, ADMIN)
    with relay_process(root, advertise=False) as relay:
        yield GuiWard(root, tmp_path, relay)


@dataclass
class LiveSession:
    ctx: UiContext
    container: Container


@pytest.fixture
def live_session(qtbot: QtBot) -> Iterator[object]:
    """Call the yielded function with (ward, uid) to get a connected UiContext."""
    with ExitStack() as stack:

        def open_session(
            ward: GuiWard, uid: str, *, receipts: bool = False, rules: Policy | None = None
        ) -> LiveSession:
            return stack.enter_context(app_run(qtbot, ward, uid, receipts=receipts, rules=rules))

        yield open_session


@contextmanager
def app_run(
    qtbot: QtBot, ward: GuiWard, uid: str, *, receipts: bool = False, rules: Policy | None = None
) -> Iterator[LiveSession]:
    """One run of the app for ``uid``: connected inside, stopped and its container closed
    at the end (a test that restarts the app uses two in a row)."""
    profile = ward.profiles.get(uid) or ward.enroll(uid)
    container = Container.open(profile, PASSPHRASE)
    bridge = AsyncBridge()
    events = ServiceEvents(bridge)
    client = _make_client(bridge, container, ward.address, receipts, rules)
    try:
        with qtbot.waitSignal(
            events.connection,
            timeout=15000,
            check_params_cb=lambda s: isinstance(s, ConnectionStatus) and s.link is Link.CONNECTED,
        ):
            bridge.submit(client.start)
        yield LiveSession(UiContext(bridge, client, events), container)
    finally:
        _close(bridge, client, container)


def _make_client(
    bridge: AsyncBridge, container: Container, address: str, receipts: bool, rules: Policy | None
) -> LiveClient:
    if rules is None and receipts:
        rules = Policy(receipts=True)

    async def make() -> LiveClient:
        return LiveClient(container, bridge.post, relay=address, rules=rules)

    return asyncio.run_coroutine_threadsafe(make(), bridge.loop).result(10)


def _close(bridge: AsyncBridge, client: LiveClient, container: Container) -> None:
    asyncio.run_coroutine_threadsafe(client.stop(), bridge.loop).result(10)
    bridge.shutdown()
    container.close()
