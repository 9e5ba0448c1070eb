"""`wardlink demo` fixtures: one demo organisation made once per session (fast KDF, no
zeroconf), copied for every test that changes it; no relay thread may outlive a test."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.commands.demo_flow import prepare_demo
from desktop_app.commands.demo_layout import DemoLayout, DemoRecord
from desktop_app.commands.demo_relay import THREAD_NAME
from tests.conftest import FAST_KDF
from tests.discovery.conftest import zeroconf_on_loopback  # noqa: F401 (a fixture)


@dataclass(frozen=True)
class MadeDemo:
    root: Path
    record: DemoRecord
    said: tuple[str, ...]
    seconds: float

    def copy(self, destination: Path) -> Path:
        """A private copy for a test that changes the demo (the original stays as made)."""
        shutil.copytree(self.root, destination)
        return destination


def relay_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME]


@pytest.fixture(autouse=True)
def no_relay_left_running() -> Iterator[None]:
    assert not relay_threads(), "a demo relay was running before the test"
    yield
    left = relay_threads()
    for thread in left:  # do not let one failure cascade into every later test
        thread.join(30)
    assert not left, "the test left a demo relay thread running"


@pytest.fixture(scope="session")
def made_demo(tmp_path_factory: pytest.TempPathFactory) -> MadeDemo:
    import time

    root = tmp_path_factory.mktemp("demo") / "demo-profile"
    said: list[str] = []
    started = time.monotonic()
    prepared = prepare_demo(root, kdf=FAST_KDF, advertise=False, say=said.append)
    prepared.stop_relay()
    seconds = time.monotonic() - started
    assert prepared.created and DemoLayout(root).read() == prepared.record
    return MadeDemo(root, prepared.record, tuple(said), seconds)
