"""Advertise the relay on the clinic LAN: ``_wardlink._tcp.local.`` with a signed descriptor.

Ward PCs find the relay without anyone typing an address. Zeroconf itself proves
nothing, so the TXT record carries a descriptor signed with the organisation's issuing
key (``crypto.relay_descriptor``): relay id, port, SHA-256 of the TLS key, expiry. The
advert goes out only on the interfaces the relay listens on (or those named with
``--advertise-interface``), is re-signed before it expires, and is withdrawn (mDNS
goodbye) on a clean stop so clients notice at once.

State machine of ``RelayAdvertiser``::

    NEW --start()--> ADVERTISING --(every lifetime * REFRESH_FRACTION: re-sign)--> ADVERTISING
    ADVERTISING --stop()--> WITHDRAWN        (stop() is idempotent; NEW --stop()--> WITHDRAWN)
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import ifaddr
from zeroconf import InterfaceChoice, IPVersion
from zeroconf.asyncio import AsyncServiceInfo, AsyncZeroconf

from desktop_app.crypto.org import IssuingAuthority
from desktop_app.crypto.relay_descriptor import (
    DEFAULT_LIFETIME,
    MAX_TXT_BYTES,
    sign_descriptor,
    txt_properties,
    txt_size,
)
from desktop_app.relay.errors import RelayError

SERVICE_TYPE = "_wardlink._tcp.local."
REFRESH_FRACTION = 0.5  # re-sign when half the descriptor's lifetime is gone
MAX_ADDRESSES = 16  # addresses in one advert (bounded A/AAAA records)
_WILDCARDS = {"0.0.0.0", "::", ""}  # noqa: S104 (compared with, not bound to)
log = logging.getLogger("wardlink.relay.advertise")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AdvertiseError(RelayError):
    """The relay cannot advertise itself (unknown interface, no usable address)."""


@dataclass(frozen=True, slots=True)
class AdvertiseConfig:
    """``interfaces``: IP addresses or interface names; empty means the listening address."""

    interfaces: tuple[str, ...] = ()
    lifetime: timedelta = DEFAULT_LIFETIME


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class RelayAdvertiser:
    issuer: IssuingAuthority
    relay_id: str
    spki_sha256: bytes
    host: str
    port: int
    config: AdvertiseConfig = field(default_factory=AdvertiseConfig)
    clock: Callable[[], datetime] = _now
    _zc: AsyncZeroconf | None = None
    _info: AsyncServiceInfo | None = None
    _refresher: asyncio.Task[None] | None = None
    _stopped: bool = False

    @property
    def service_name(self) -> str:
        return f"{self.relay_id}.{SERVICE_TYPE}"

    async def start(self) -> None:
        interfaces, addresses = advert_addresses(self.host, self.config.interfaces)
        v6 = any(a.version == 6 for a in addresses)
        zc_interfaces = InterfaceChoice.All if interfaces is None else list(interfaces)
        self._zc = AsyncZeroconf(
            interfaces=zc_interfaces, ip_version=IPVersion.All if v6 else IPVersion.V4Only
        )
        self._info = AsyncServiceInfo(
            SERVICE_TYPE,
            self.service_name,
            port=self.port,
            properties=self._properties(),
            server=f"{self.relay_id}.local.",
            parsed_addresses=[str(a) for a in addresses],
        )
        try:
            # allow_name_change: a squatter on our instance name must not stop the advert;
            # clients go by the signed descriptor, not by the name.
            registered = await self._zc.async_register_service(self._info, allow_name_change=True)
        except BaseException:
            await self._zc.async_close()
            self._zc = None
            raise
        # Probing and announcing take about a second; the relay serves meanwhile.
        asyncio.ensure_future(registered).add_done_callback(_log_failure)
        self._refresher = asyncio.create_task(self._refresh_loop())
        log.info(
            "advertising %s on %s port %d",
            self._info.name,
            ", ".join(str(a) for a in addresses),
            self.port,
        )

    async def stop(self) -> None:
        """Withdraw the advert (goodbye packets) and close zeroconf; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        if self._refresher is not None:
            self._refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._refresher
        if self._zc is not None:
            with contextlib.suppress(Exception):
                await self._zc.async_unregister_all_services()
            await self._zc.async_close()
            self._zc = None
            log.info("advert withdrawn")

    def _properties(self) -> dict[bytes, bytes]:
        blob = sign_descriptor(
            self.issuer,
            self.relay_id,
            self.port,
            self.spki_sha256,
            self.clock(),
            self.config.lifetime,
        )
        props = txt_properties(self.relay_id, blob)
        assert txt_size(props) < MAX_TXT_BYTES  # holds for every legal relay id
        return props

    async def _refresh_loop(self) -> None:
        period = self.config.lifetime.total_seconds() * REFRESH_FRACTION
        while True:
            await asyncio.sleep(period)
            assert self._zc is not None and self._info is not None
            self._info = AsyncServiceInfo(
                SERVICE_TYPE,
                self._info.name,
                port=self.port,
                properties=self._properties(),
                server=self._info.server,
                parsed_addresses=self._info.parsed_addresses(),
            )
            try:
                await self._zc.async_update_service(self._info)
            except Exception:  # keep advertising the old descriptor; try again next period
                log.exception("could not refresh the advert")


def _log_failure(task: asyncio.Future[object]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("zeroconf registration failed: %s", task.exception())


def advert_addresses(
    host: str, interfaces: tuple[str, ...]
) -> tuple[tuple[str, ...] | None, list[IPAddress]]:
    """Which interfaces to advertise on (None = all) and which addresses to announce.

    Named interfaces (IP or interface name) win; else the listening address; a wildcard
    listener advertises on every interface with all its non-loopback addresses.
    """
    if interfaces:
        addresses: list[IPAddress] = []
        for item in interfaces:
            addresses.extend(_interface_addresses(item))
    elif host in _WILDCARDS:
        everything = _all_addresses()
        addresses = [a for a in everything if not a.is_loopback] or everything
        return None, addresses[:MAX_ADDRESSES]
    else:
        addresses = [_parse_ip(host, "--host")]
    addresses = list(dict.fromkeys(addresses))[:MAX_ADDRESSES]
    return tuple(str(a) for a in addresses), addresses


def _interface_addresses(item: str) -> list[IPAddress]:
    with contextlib.suppress(ValueError):
        return [ipaddress.ip_address(item)]
    for adapter in ifaddr.get_adapters():
        if adapter.nice_name == item or adapter.name == item:
            found = [_adapter_ip(ip.ip) for ip in adapter.ips]
            usable = [a for a in found if a is not None and not a.is_link_local]
            if usable:
                return usable
            raise AdvertiseError(f"interface {item} has no usable IP address")
    raise AdvertiseError(f"no network interface or IP address {item!r} on this machine")


def _all_addresses() -> list[IPAddress]:
    found = [_adapter_ip(ip.ip) for a in ifaddr.get_adapters() for ip in a.ips]
    return [a for a in found if a is not None and a.version == 4]


def _adapter_ip(raw: str | tuple[str, int, int]) -> IPAddress | None:
    text = raw if isinstance(raw, str) else raw[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _parse_ip(host: str, what: str) -> IPAddress:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.ip_address(socket.gethostbyname(host))
    except OSError:
        raise AdvertiseError(
            f"{what} {host!r} is not an IP address; name the interface with "
            "--advertise-interface or pass --no-advertise"
        ) from None
