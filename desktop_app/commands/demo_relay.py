"""The demo's relay inside the demo process: a background thread with its own event loop.

`wardlink demo` must work with one command and no second terminal, so the relay runs
embedded: the same ``RelayRunner`` that `wardlink relay serve` runs, on 127.0.0.1, on a
thread whose asyncio loop lives exactly as long as the demo needs it (seeding, then the
window). The main thread stays free for Qt. ``stop`` withdraws the zeroconf advert,
closes every connection and the store, and joins the thread, so nothing outlives the
window. A second demo window finds a running relay with ``relay_answers`` (a verified
TLS handshake, not just an open port) and connects to it instead of starting another.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from desktop_app.crypto.org_files import load_org_certificates
from desktop_app.relay.advertise import AdvertiseConfig, RelayAdvertiser
from desktop_app.relay.errors import ListenError, RelayError
from desktop_app.relay.runner import RelayRunner
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.tls_client import client_context, verify_relay_peer

LOOPBACK = "127.0.0.1"
THREAD_NAME = "wardlink-demo-relay"
START_TIMEOUT_S = 60.0  # unwrapping two keys with the real Argon2 cost takes about 1 s
STOP_TIMEOUT_S = 30.0
PROBE_TIMEOUT_S = 2.0  # a relay on loopback answers in milliseconds
log = logging.getLogger("wardlink.demo")


class EmbeddedRelay:
    """The relay of a demo organisation, served by a thread; ``start`` then ``stop``.

    ``port``: the port to try first (the one the demo used last time, so the address
    the containers remember stays right); when it is taken, any free port is used.
    ``clock_ms``: the relay's clock for receive times (seeding backdates it, see
    demo_seed.SceneClock); certificates and codes always use the real time.
    """

    def __init__(
        self,
        root: Path,
        admin_passphrase: str,
        *,
        port: int = 0,
        advertise: bool = True,
        clock_ms: Callable[[], int] | None = None,
    ) -> None:
        self.root = root
        self._clock_ms = clock_ms
        self._passphrase = admin_passphrase
        self._wanted_port = port
        self._advertise = advertise
        self.port = 0
        self.advertised = False  # whether the zeroconf advert went out
        self.advert_problem: str | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def address(self) -> tuple[str, int]:
        return LOOPBACK, self.port

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = START_TIMEOUT_S) -> int:
        """Start serving and return the port; raises the relay's error if it cannot."""
        if self._thread is not None:
            raise RuntimeError("the embedded relay was started already")
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            self.stop()
            raise RelayError(f"the demo relay did not start within {timeout:.0f} s")
        if self._error is not None:
            self._thread.join(STOP_TIMEOUT_S)
            raise self._error
        return self.port

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Stop serving (advert withdrawn, connections closed, store closed); idempotent."""
        thread, loop, stopping = self._thread, self._loop, self._stopping
        if thread is None or not thread.is_alive():
            return
        if loop is not None and stopping is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(stopping.set)
        thread.join(timeout)
        if thread.is_alive():
            log.warning("the demo relay did not stop within %.0f s", timeout)

    def __enter__(self) -> EmbeddedRelay:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ---- the relay thread ------------------------------------------------------------

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported to start(); a thread must not die silently
            self._error = exc
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        runner = (
            RelayRunner.load(self.root, self._passphrase)
            if self._clock_ms is None
            else RelayRunner.load(self.root, self._passphrase, clock_ms=self._clock_ms)
        )
        try:
            self.port = await self._listen(runner)
            if self._advertise:
                await self._advertise_on_loopback(runner)
            self._ready.set()
            await self._stopping.wait()
        finally:
            await runner.stop()

    async def _listen(self, runner: RelayRunner) -> int:
        try:
            _, port = await runner.start(LOOPBACK, self._wanted_port)
        except ListenError:
            if self._wanted_port == 0:
                raise
            log.info("port %d is taken; the demo relay uses another one", self._wanted_port)
            _, port = await runner.start(LOOPBACK, 0)
        return port

    async def _advertise_on_loopback(self, runner: RelayRunner) -> None:
        """Announce the relay by zeroconf on loopback only; a demo without multicast
        still works (the window is given the address), so a failure is only noted."""
        assert runner.relay_spki is not None  # RelayRunner.load always sets it
        advertiser = RelayAdvertiser(
            runner.issuer,
            runner.settings.relay_id,
            runner.relay_spki,
            LOOPBACK,
            self.port,
            AdvertiseConfig(interfaces=(LOOPBACK,)),
        )
        try:
            await advertiser.start()
        except (OSError, RelayError) as exc:
            self.advert_problem = str(exc) or type(exc).__name__
            log.warning("the demo relay is not advertised by zeroconf: %s", self.advert_problem)
            return
        runner.advertiser = advertiser  # runner.stop() withdraws it
        self.advertised = True


def relay_answers(root: Path, port: int, relay_id: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """Whether the demo organisation's relay ``relay_id`` serves on 127.0.0.1:``port``.

    A TLS handshake verified against the demo's org root plus the relay's greeting:
    another program on that port, or another demo's relay, does not count.
    """
    if port <= 0:
        return False
    org = load_org_certificates(root)

    async def probe() -> bool:
        link, _ = await RelayLink.open(
            (LOOPBACK, port),
            client_context(org.root_pem()),
            lambda ssl_object: verify_relay_peer(ssl_object, org, relay_id),
        )
        await link.close()
        return True

    async def bounded() -> bool:
        return await asyncio.wait_for(probe(), timeout)

    try:
        return asyncio.run(bounded())
    except Exception as exc:  # refused, timed out, not TLS, not ours: all mean "no"
        log.debug("no demo relay on port %d: %s", port, exc)
        return False
