"""Which relay to talk to, and staying connected to it.

Sources, in this order (docs/discovery.md):

1. ``--relay HOST:PORT`` (several nodes: ``HOST1:PORT1,HOST2:PORT2``) on the command
   line: the only source when given.
2. Relay addresses fixed by policy, for sites where multicast is blocked: the machine
   policy (``services.policy``: ``/etc/wardlink/policy.json``,
   ``%ProgramData%\\WardLink\\policy.json`` or, on Windows, the registry; keys
   ``relay_addresses`` and ``relay_address``) or the container setting
   ``policy.relay_address``.
3. The last relay that worked (``identity.RELAY_KEY`` in the container), then the other
   relay nodes of the organisation this device logged in to (``identity.RELAY_NODES_KEY``).
4. Zeroconf discovery (``discovery.RelayDiscovery``): only adverts signed by the pinned
   organisation, and only a TLS peer with the signed key; the advert of the last relay
   that worked (``identity.RELAY_ID_KEY``, its relay id) is tried first.

Every source is verified the same way (the pinned org root; discovered relays also the
advertised SPKI), so an address from policy or memory is a hint, never trust.

``RelayLocator.keep_connected`` is the reconnect loop for long-running clients::

    CONNECTING --ok--> CONNECTED --link closed--> WAITING(backoff with jitter) --> CONNECTING
    CONNECTING --fail--> WAITING;   any state --stop event--> STOPPED

A relay that moved (restarted on another address or port and re-advertised) is found
again by step 4 after step 3 fails; the outbox keeps every message meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.relay_descriptor import RelayDescriptor
from desktop_app.crypto.trust_errors import TrustError
from desktop_app.services.discovery import (
    DEFAULT_DISCOVERY_TIMEOUT_S,
    MAX_DISCOVERY_WAIT_S,
    Advert,
    DiscoveryTimeout,
    RelayDiscovery,
)
from desktop_app.services.errors import (
    RATE_LIMITED,
    UNAVAILABLE,
    ClientError,
    ConnectNotTrusted,
    RelayRefused,
    RelayUnavailable,
)
from desktop_app.services.identity import (
    RELAY_ID_KEY,
    RELAY_KEY,
    format_address,
    known_nodes,
    parse_address,
    parse_addresses,
)
from desktop_app.services.messenger import Messenger

# The machine policy (relay address among other settings) lives in services.policy;
# these names stay importable from here for the commands and tests that use them.
from desktop_app.services.policy import POLICY_SETTING as POLICY_SETTING
from desktop_app.services.policy import default_policy_path as default_policy_path
from desktop_app.services.policy import policy_relay_address as policy_relay_address
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.tls_client import client_context, verify_advertised_peer

_TRY_AGAIN = frozenset({UNAVAILABLE, RATE_LIMITED})  # refusals at login that pass
INITIAL_BACKOFF_S = 0.25
MAX_BACKOFF_S = 15.0
RETRY_PAUSE_S = 0.25  # between rounds over discovered relays that did not answer
log = logging.getLogger("wardlink.locator")


def backoff_delay(attempt: int, rng: random.Random) -> float:
    """Exponential backoff with "equal jitter": half fixed, half random.

    Jitter keeps a ward's PCs from reconnecting in lockstep after a relay restart.
    """
    ceiling = min(MAX_BACKOFF_S, INITIAL_BACKOFF_S * 2 ** min(attempt, 16))
    return float(ceiling / 2 + rng.uniform(0, ceiling / 2))


@dataclass(frozen=True, slots=True)
class Connected:
    address: tuple[str, int]
    source: str  # "command line", "policy", "last relay", "discovery"
    relay_id: str | None = None


class RelayLocator:
    """Finds and connects a ``Messenger``'s session; owns the discovery it starts."""

    def __init__(
        self,
        messenger: Messenger,
        *,
        override: str | None = None,
        policy_address: str | None = None,
        discovery: Callable[[], RelayDiscovery] | None = None,
        discovery_timeout: float = DEFAULT_DISCOVERY_TIMEOUT_S,
        rng: random.Random | None = None,
    ) -> None:
        self.messenger = messenger
        self.override = override
        self.policy_address = policy_address
        self._make_discovery = discovery
        self._discovery: RelayDiscovery | None = None
        self.discovery_timeout = min(max(discovery_timeout, 0.0), MAX_DISCOVERY_WAIT_S)
        self.rng = rng or random.Random()
        self.current: Connected | None = None

    async def close(self) -> None:
        if self._discovery is not None:
            await self._discovery.close()
            self._discovery = None

    async def discovery(self) -> RelayDiscovery:
        if self._discovery is None:
            if self._make_discovery is None:
                raise RelayUnavailable(
                    "No relay address known and discovery is off.", key="no_relay_address"
                )
            made = self._make_discovery()
            await made.start()
            self._discovery = made
        return self._discovery

    # ---- one attempt over all sources ------------------------------------------------

    async def connect(self) -> Connected:
        """Try the sources in order; the first relay that verifies and logs us in wins.

        Several addresses (``--relay H1:P1,H2:P2``, the policy's ``relay_addresses``, the
        nodes this device logged in to before) are tried one after another, the node that
        worked last first: when a node dies, the next one takes over (failover).
        """
        failures: list[str] = []
        if self.override:
            addresses = self._last_first(parse_addresses(self.override))
            return await self._try_each([(a, "command line") for a in addresses], failures)
        settings = self.messenger.s.container.settings
        candidates: dict[tuple[str, int], str] = {}  # address -> source, each once
        if self.policy_address:
            for address in self._last_first(parse_addresses(self.policy_address)):
                candidates.setdefault(address, "policy")
        last = settings.get(RELAY_KEY)
        if last:
            candidates.setdefault(parse_address(last), "last relay")
        for address in known_nodes(settings):
            candidates.setdefault(address, "known node")
        try:
            return await self._try_each(list(candidates.items()), failures)
        except RelayUnavailable:
            if self._make_discovery is None:
                raise
        return await self._discover(failures)

    def _last_first(self, addresses: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """The address that worked last first (the others in the order given)."""
        last = self.messenger.s.container.settings.get(RELAY_KEY)
        if not last:
            return addresses
        try:
            worked = parse_address(last)
        except ClientError:
            return addresses
        return sorted(addresses, key=lambda a: a != worked)

    async def _try_each(
        self, candidates: list[tuple[tuple[str, int], str]], failures: list[str]
    ) -> Connected:
        """The first candidate that verifies and logs in; RelayUnavailable naming every
        failure if none does. A relay that cannot be trusted is ConnectNotTrusted (by the
        TrustError's kind, for the status bar): raised at once for a single address
        given on the command line, and when no candidate was trusted at all.

        The list carries each address's error too (``failures``), so the GUI words every
        reason in its language rather than showing ``tried``, the CLI's English."""
        untrusted: list[ConnectNotTrusted] = []
        reasons: list[tuple[str, ClientError]] = []
        for address, source in candidates:
            try:
                return await self._try(address, source)
            except (RelayUnavailable, TrustError) as exc:
                text = format_address(address)
                alone = len(candidates) == 1 and source == "command line"
                if isinstance(exc, TrustError):
                    untrusted.append(ConnectNotTrusted(exc, text))
                    if alone:
                        raise untrusted[-1] from exc
                elif alone:
                    raise  # its own reason ("not reachable"), not a list of one
                reasons.append((text, untrusted[-1] if isinstance(exc, TrustError) else exc))
                log.info("%s %s did not work: %s", source, text, exc)
                failures.append(f"{source} {text}: {exc}")
        if untrusted and len(untrusted) == len(candidates):
            raise untrusted[0] from untrusted[0].trust_error
        raise RelayUnavailable(
            "; ".join(failures) or "No relay address known; pass --relay HOST:PORT.",
            key="relays_unreachable" if failures else "no_relay_address",
            tried="; ".join(failures),
            failures=tuple(reasons),
        )

    async def _discover(self, failures: list[str]) -> Connected:
        discovery = await self.discovery()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.discovery_timeout
        while True:
            remaining = deadline - loop.time()
            try:
                adverts = await discovery.wait_trusted(max(remaining, 0), self.discovery_timeout)
            except DiscoveryTimeout as exc:
                if failures:
                    tried = "; ".join(f.rstrip(".") for f in failures)
                    raise DiscoveryTimeout(
                        f"{exc} Also tried: {tried}.", key="no_relay_seen"
                    ) from None
                raise
            last = self.messenger.s.container.settings.get(RELAY_ID_KEY)
            adverts.sort(key=lambda a: a.relay_id != last)  # the relay that worked first
            for advert in adverts:
                connected = await self._try_advert(discovery, advert)
                if connected is not None:
                    return connected
            if loop.time() >= deadline:
                raise RelayUnavailable(
                    "Found relay adverts of your organisation, but none of them accepted a "
                    "connection in time.",
                    key="relays_no_answer",
                )
            await asyncio.sleep(RETRY_PAUSE_S)

    async def _try_advert(self, discovery: RelayDiscovery, advert: Advert) -> Connected | None:
        assert advert.descriptor is not None
        for host in discovery.addresses_to_try(advert):
            address = (host, advert.port)
            try:
                await self._connect(address, advert.descriptor)
            except TrustError as exc:
                discovery.refuse(advert, host, str(exc))
                continue
            except RelayUnavailable as exc:
                log.info("discovered relay at %s:%d did not answer: %s", host, advert.port, exc)
                continue
            self.current = Connected(address, "discovery", advert.relay_id)
            return self.current
        return None

    async def _try(self, address: tuple[str, int], source: str) -> Connected:
        await self._connect(address, None)
        self.current = Connected(address, source)
        return self.current

    async def _connect(self, address: tuple[str, int], advert: RelayDescriptor | None) -> None:
        """Log in and flush the outbox; a link that fails half-way is closed, not kept.

        A relay that cannot serve now (its database is away, or it asks to slow down)
        is "unavailable" like one that does not answer: the next node is tried, or this
        one again after the backoff. (Raised as a refusal it ended the reconnect loop,
        and the PC stayed offline after the database came back.)"""
        try:
            await self.messenger.connect(address, advert)
        except RelayRefused as exc:
            await self.messenger.s.close()
            if exc.code in _TRY_AGAIN:
                raise RelayUnavailable(
                    f"{format_address(address)}: {exc}",
                    key="relay_busy",
                    address=format_address(address),
                ) from exc
            raise
        except BaseException:
            await self.messenger.s.close()
            raise

    # ---- staying connected -----------------------------------------------------------

    async def keep_connected(
        self,
        stop: asyncio.Event,
        on_connected: Callable[[Connected], None] | None = None,
        on_trouble: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Connect, and reconnect with backoff and jitter whenever the link drops.

        ``on_trouble`` hears why an attempt failed (or that the link was lost), so a
        status bar can say "searching" or "offline" instead of staying silent.
        """
        session = self.messenger.s
        attempt = 0
        while not stop.is_set():
            try:
                connected = await self.connect()
            except (RelayUnavailable, TrustError) as exc:
                delay = backoff_delay(attempt, self.rng)
                attempt += 1
                log.info("no relay (%s); next try in %.1f s", exc, delay)
                if on_trouble is not None:
                    on_trouble(exc)
                await _wait(stop, delay)
                continue
            attempt = 0
            log.info("connected to %s:%d (%s)", *connected.address, connected.source)
            if on_connected is not None:
                on_connected(connected)
            link = session.require_link()
            await _wait_any(stop, link.ws.wait_closed())
            self.current = None
            await session.close()
            if not stop.is_set():
                log.info("connection to the relay lost; reconnecting")
                if on_trouble is not None:
                    on_trouble(
                        RelayUnavailable(
                            "The connection to the relay was lost.", key="connection_lost"
                        )
                    )
                await _wait(stop, backoff_delay(0, self.rng))


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def _wait_any(stop: asyncio.Event, closed: Awaitable[None]) -> None:
    waiters = [
        asyncio.ensure_future(stop.wait()),
        asyncio.ensure_future(closed),
    ]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
        for w in waiters:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await w


# ---- what discovery sees (`wardlink client relays`) ----------------------------------


@dataclass(frozen=True, slots=True)
class SurveyRow:
    name: str
    relay_id: str
    where: str
    trusted: bool
    reason: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "relay_id": self.relay_id,
            "address": self.where,
            "trusted": self.trusted,
            "reason": self.reason,
        }


async def survey(discovery: RelayDiscovery, org: OrgCertificates, wait_s: float) -> list[SurveyRow]:
    """Every advert seen within ``wait_s``; signed ones are probed with a TLS handshake.

    The probe proves what a signature cannot: that the host at the address holds the
    signed TLS key. It sends Hello and Bye, never logs in.
    """
    rows = []
    for advert in await discovery.settle(wait_s):
        if advert.descriptor is None or not advert.trusted:
            rows.append(
                SurveyRow(advert.name, advert.relay_id, advert.where, False, advert.refusal)
            )
            continue
        for host in advert.addresses:
            reason = await probe((host, advert.port), org, advert.descriptor)
            if reason is not None:
                discovery.refuse(advert, host, reason)
            where = f"{_url_host(host)}:{advert.port}"
            rows.append(SurveyRow(advert.name, advert.relay_id, where, reason is None, reason))
    return rows


async def probe(
    address: tuple[str, int], org: OrgCertificates, descriptor: RelayDescriptor
) -> str | None:
    """None if ``address`` is the relay the descriptor vouches for; else why not."""
    try:
        link, _ = await RelayLink.open(
            address,
            client_context(org.root_pem()),
            lambda ssl_object: verify_advertised_peer(ssl_object, org, descriptor),
        )
    except TrustError as exc:
        return str(exc)
    except RelayUnavailable as exc:
        return f"unreachable: {exc}"
    await link.close()
    return None


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
