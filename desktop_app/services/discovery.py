"""Find the organisation's relay on the LAN: browse ``_wardlink._tcp.local.``, trust nothing.

Anyone on the LAN can answer mDNS. An advert counts as *trusted* only if its TXT record
carries a descriptor signed by the pinned organisation's issuing key that has not
expired, and the SRV port is the signed port (``crypto.relay_descriptor``). Even then
the connection must show the signed TLS key (``tls_client.verify_advertised_peer``);
a relay that fails that is marked refused here by ``refuse`` and not tried again.

Everything refused is logged once per advert and reason (a flooding LAN produces one
line per bogus advert, not one per packet), and kept with its reason for
``wardlink client relays``. Refused adverts are kept apart from the ones that verify
and bounded on their own (oldest dropped first), so no number of bogus adverts can
use up the room for the real relay; names waiting for resolution are bounded too.

``RelayDiscovery`` state machine::

    NEW --start()--> BROWSING --close()--> CLOSED
    per advert: ADDED/UPDATED -> resolving -> TRUSTED | REFUSED(reason); REMOVED -> gone
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from zeroconf import InterfaceChoice, IPVersion, ServiceStateChange, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.relay_descriptor import (
    PROTOCOL_TXT_VERSION,
    TXT_DESCRIPTOR,
    TXT_RELAY_ID,
    TXT_VERSION,
    DescriptorError,
    RelayDescriptor,
    verify_descriptor,
)
from desktop_app.services.errors import RelayUnavailable

SERVICE_TYPE = "_wardlink._tcp.local."
RESOLVE_TIMEOUT_MS = 3000
RESOLVE_ATTEMPTS = 3  # a flood can make one resolution time out; the relay must not vanish
MAX_ADVERTS = 64  # verified adverts kept at once; refused ones do not count
MAX_REFUSED = 256  # refused adverts kept for reporting; the oldest goes first
MAX_PENDING = 1024  # names resolving or waiting to; more are dropped (logged once)
MAX_CONCURRENT_RESOLVES = 64
MAX_LOGGED = 1024  # (advert, reason) pairs remembered for "log once"
DEFAULT_DISCOVERY_TIMEOUT_S = 5.0
MAX_DISCOVERY_WAIT_S = 60.0  # longer waits (timeouts, `relays --wait`) are cut to this
log = logging.getLogger("wardlink.discovery")


class DiscoveryTimeout(RelayUnavailable):
    """No trusted relay advert appeared in time."""


@dataclass(frozen=True, slots=True)
class Advert:
    """One zeroconf advert as seen, with the verdict; ``descriptor`` only when trusted."""

    name: str
    relay_id: str
    addresses: tuple[str, ...]
    port: int
    descriptor: RelayDescriptor | None
    refusal: str | None

    @property
    def trusted(self) -> bool:
        return self.refusal is None and self.descriptor is not None

    @property
    def where(self) -> str:
        return ", ".join(f"{_host(a)}:{self.port}" for a in self.addresses) or "?"


def _now() -> datetime:
    return datetime.now(UTC)


def judge(
    name: str,
    properties: dict[bytes, bytes | None],
    addresses: Sequence[str],
    port: int | None,
    org: OrgCertificates | None,
    now: datetime,
) -> Advert:
    """The verdict on one resolved advert (no I/O; unit-tested on its own).

    Without ``org`` (a PC not enrolled yet) nothing can be verified: every advert is
    refused, but keeps its address, so enrollment may *try* it; the TLS handshake then
    checks the relay against the fingerprint in the enrollment code.
    """
    relay_id = (properties.get(TXT_RELAY_ID) or b"").decode("ascii", "replace")
    base = Advert(name, relay_id, tuple(addresses), port or 0, None, None)

    def refused(reason: str) -> Advert:
        return replace(base, refusal=reason)

    if properties.get(TXT_VERSION) != PROTOCOL_TXT_VERSION:
        return refused("unsupported or missing advert version")
    blob = properties.get(TXT_DESCRIPTOR)
    if not relay_id or not blob:
        return refused("advert carries no signed descriptor")
    if org is None:
        return refused(UNVERIFIED)
    try:
        descriptor = verify_descriptor(blob, relay_id, org, now)
    except DescriptorError as exc:
        return refused(str(exc))
    if port != descriptor.port:
        return refused(f"advertised port {port} is not the signed port {descriptor.port}")
    if not addresses:
        return refused("advert names no address")
    return replace(base, descriptor=descriptor)


UNVERIFIED = "not verifiable before this PC is enrolled"


class RelayDiscovery:
    """Browse for relays of ``org``; an async context manager owning one AsyncZeroconf.

    ``org=None`` (before enrollment) lists adverts without trusting any of them.
    """

    def __init__(
        self,
        org: OrgCertificates | None,
        interfaces: Sequence[str] | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self.org = org
        self.interfaces = tuple(interfaces) if interfaces else None
        self.clock = clock
        self._adverts: dict[str, Advert] = {}  # signatures verified (room for MAX_ADVERTS)
        self._refused: dict[str, Advert] = {}  # refused by ``judge``, oldest first
        self._pending: set[str] = set()
        self._resolve_slots = asyncio.Semaphore(MAX_CONCURRENT_RESOLVES)
        self._refused_endpoints: dict[tuple[str, int, bytes], str] = {}
        self._logged: set[tuple[str, str]] = set()
        self._changed = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._zc: AsyncZeroconf | None = None
        self._browser: AsyncServiceBrowser | None = None

    async def __aenter__(self) -> RelayDiscovery:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        v6 = any(":" in i for i in self.interfaces or ())
        self._zc = AsyncZeroconf(
            interfaces=list(self.interfaces) if self.interfaces else InterfaceChoice.All,
            ip_version=IPVersion.All if v6 else IPVersion.V4Only,
        )
        self._browser = AsyncServiceBrowser(
            self._zc.zeroconf, SERVICE_TYPE, handlers=[self._on_change]
        )

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._browser is not None:
            await self._browser.async_cancel()
            self._browser = None
        if self._zc is not None:
            await self._zc.async_close()
            self._zc = None

    # ---- what we see -----------------------------------------------------------------

    def adverts(self) -> list[Advert]:
        """Every advert seen, trusted or refused (expired descriptors become refused)."""
        now = self.clock()
        out = list(self._refused.values())
        for advert in self._adverts.values():
            d = advert.descriptor
            if d is not None and advert.refusal is None:
                endpoint = self._endpoint_refusal(advert)
                if endpoint is not None:
                    advert = replace(advert, refusal=endpoint)
                elif d.expires <= now:
                    advert = replace(advert, refusal="descriptor expired")
            out.append(advert)
        return sorted(out, key=lambda a: (not a.trusted, a.name))

    def trusted(self) -> list[Advert]:
        return [a for a in self.adverts() if a.trusted]

    def refuse(self, advert: Advert, address: str, reason: str) -> None:
        """The connection to ``address`` showed it is not what the advert promises."""
        if advert.descriptor is None:
            return
        if len(self._refused_endpoints) < MAX_LOGGED:
            self._refused_endpoints[(address, advert.port, advert.descriptor.spki_sha256)] = reason
        self._log_once(advert.name, f"{_host(address)}:{advert.port}: {reason}")

    def addresses_to_try(self, advert: Advert) -> list[str]:
        """The advert's addresses that have not shown a wrong TLS key."""
        if advert.descriptor is None:
            return []
        spki = advert.descriptor.spki_sha256
        return [
            a for a in advert.addresses if (a, advert.port, spki) not in self._refused_endpoints
        ]

    async def wait_trusted(self, timeout: float, total: float | None = None) -> list[Advert]:
        """Trusted adverts as soon as there is one; DiscoveryTimeout after ``timeout``.

        ``total``: the whole time spent looking, for the message (default ``timeout``).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(timeout, MAX_DISCOVERY_WAIT_S)
        while not (found := self.trusted()):
            self._changed.clear()
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise DiscoveryTimeout(self._timeout_message(total or timeout), key="no_relay_seen")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return found

    async def settle(self, seconds: float) -> list[Advert]:
        """Browse for ``seconds`` (and let pending resolutions finish); all adverts seen."""
        await asyncio.sleep(min(max(seconds, 0), MAX_DISCOVERY_WAIT_S))
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=RESOLVE_TIMEOUT_MS / 1000)
        return self.adverts()

    def _timeout_message(self, timeout: float) -> str:
        refused = [a for a in self.adverts() if not a.trusted]
        text = (
            f"No relay of your organisation answered on the local network within "
            f"{timeout:g} s (zeroconf, {SERVICE_TYPE})."
        )
        if refused:
            text += f" Refused {len(refused)} advert(s): {refused[0].refusal}."
        return (
            text + " If multicast is blocked here, ask IT to fix the relay address by "
            "policy, or pass --relay HOST:PORT."
        )

    # ---- zeroconf callbacks ----------------------------------------------------------

    def _on_change(
        self,
        zeroconf: Zeroconf,
        service_type: str,
        name: str,
        state_change: ServiceStateChange,
    ) -> None:
        if state_change is ServiceStateChange.Removed:
            self._adverts.pop(name, None)
            self._refused.pop(name, None)
            self._changed.set()
            return
        if name in self._pending:
            return  # already being resolved; that answer is the current one
        if len(self._pending) >= MAX_PENDING:
            self._log_once("*", f"more than {MAX_PENDING} adverts at once; ignoring some")
            return
        self._pending.add(name)
        task = asyncio.ensure_future(self._resolve(name))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _resolve(self, name: str) -> None:
        assert self._zc is not None
        try:
            for _ in range(RESOLVE_ATTEMPTS):
                async with self._resolve_slots:
                    info = AsyncServiceInfo(SERVICE_TYPE, name)
                    if await info.async_request(self._zc.zeroconf, RESOLVE_TIMEOUT_MS):
                        break
            else:
                self._log_once(name, "advert did not resolve (no SRV/TXT answer)")
                return
            advert = judge(
                name,
                dict(info.properties),
                info.parsed_scoped_addresses(),
                info.port,
                self.org,
                self.clock(),
            )
        finally:
            self._pending.discard(name)
        self._keep(advert)

    def _keep(self, advert: Advert) -> None:
        """File a judged advert: refused ones in their own bounded list, never in the
        room for verified ones, so bogus adverts cannot crowd out the real relay."""
        name = advert.name
        if advert.refusal is not None:
            if self.org is not None:
                self._log_once(name, f"{advert.where}: {advert.refusal}")
            self._adverts.pop(name, None)
            self._refused.pop(name, None)  # re-inserted as the newest
            while len(self._refused) >= MAX_REFUSED:
                del self._refused[next(iter(self._refused))]
            self._refused[name] = advert
        else:
            self._refused.pop(name, None)
            usable = sum(1 for a in self._adverts.values() if self._endpoint_refusal(a) is None)
            if name not in self._adverts and usable >= MAX_ADVERTS:
                self._log_once("*", f"more than {MAX_ADVERTS} verified adverts; ignoring {name}")
                return
            self._adverts[name] = advert
        self._changed.set()

    def _endpoint_refusal(self, advert: Advert) -> str | None:
        assert advert.descriptor is not None
        spki = advert.descriptor.spki_sha256
        reasons = [self._refused_endpoints.get((a, advert.port, spki)) for a in advert.addresses]
        if reasons and all(reasons):
            return reasons[0]
        return None

    def _log_once(self, name: str, reason: str) -> None:
        key = (name, reason)
        if key in self._logged or len(self._logged) >= MAX_LOGGED:
            return
        self._logged.add(key)
        log.warning("ignoring relay advert %s: %s", name, reason)


def _host(address: str) -> str:
    return f"[{address}]" if ":" in address else address
