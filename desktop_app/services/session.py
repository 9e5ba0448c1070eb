"""A person's live client: their unlocked container, their device's keys, the relay.

``ClientSession`` is composed once per unlocked container (by the CLI or the GUI's
composition root) and owns the e2e crypto objects, the peer directory and at most one
``RelayLink``. ``connect`` logs in, tops up one-time keys and refreshes revocations;
sending and receiving live in ``outgoing`` and ``incoming``.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from datetime import datetime

from desktop_app.crypto.e2e.account import DeviceAccount
from desktop_app.crypto.e2e.keys import SignedKey as E2eSignedKey
from desktop_app.crypto.e2e.keys import b64decode
from desktop_app.crypto.e2e.megolm_inbound import MegolmInbound
from desktop_app.crypto.e2e.megolm_outbound import MegolmOutbound
from desktop_app.crypto.e2e.olm_sessions import OlmSessions
from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.relay_descriptor import RelayDescriptor
from desktop_app.crypto.trust_errors import TrustError
from desktop_app.directory.clean_text import clean_text
from desktop_app.directory.errors import DirectoryError
from desktop_app.domain.ids import DeviceId
from desktop_app.protocol import (
    Authenticate,
    Authenticated,
    KeysPublished,
    PublishKeys,
    Revocations,
    SignedKey,
)
from desktop_app.services.cert_renewal import expiry_to_warn_of, expiry_warning, renew_if_due
from desktop_app.services.errors import DeviceWithdrawn, RelayRefused, RelayUnavailable
from desktop_app.services.identity import (
    RELAY_ID_KEY,
    RELAY_KEY,
    ClientIdentity,
    load_identity,
    parse_addresses,
    remember_node,
    save_identity,
)
from desktop_app.services.peers import PeerDirectory
from desktop_app.services.profile_label import label_from_directory
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.shared_fetches import BodyFetches
from desktop_app.services.staff_directory import StaffDirectory
from desktop_app.services.tls_client import (
    client_context,
    learn_issuing_cas,
    verify_advertised_peer,
    verify_relay_peer,
)
from desktop_app.storage.container import Container
from desktop_app.storage.prune import mark_withdrawn
from desktop_app.storage.shred import shred_container
from desktop_app.storage.timeutil import utc_now

log = logging.getLogger("wardlink.client")

ONE_TIME_KEY_TARGET = 50
REPLENISH_AT = ONE_TIME_KEY_TARGET // 2
"""Top up during a session once the relay holds this many one-time keys or fewer, so
colleagues who open sessions to us keep getting one-time keys rather than the fallback."""


class ClientSession:
    def __init__(self, container: Container, clock: Callable[[], datetime] = utc_now) -> None:
        self.container = container
        self.clock = clock
        self.identity: ClientIdentity = load_identity(container.settings)
        self.org = self.identity.org()
        key = container.pickle_key
        self.account = DeviceAccount.load_or_create(container.pickles, key)
        self.olm = OlmSessions(self.account, container.pickles, key)
        self.outbound = MegolmOutbound(
            container.pickles,
            key,
            own_device_id=self.identity.device_id,
            own_ed25519=self.account.identity_keys.ed25519,
        )
        self.inbound = MegolmInbound(container.pickles, key)
        self.peers = PeerDirectory(container, self.org, self.identity.device_id, clock)
        self.directory = StaffDirectory(container, self.org)
        self.peers.is_function = self._is_function
        self.link: RelayLink | None = None
        self.fetches = BodyFetches()  # one download per body at a time, on any link
        self.pending_at_login = 0
        self.certificate_warning: str | None = None  # for the log (English)
        self.certificate_expires: datetime | None = None  # for the status bar, when soon
        self.certificate_expired = False
        # Remote wipe: a verified revocation list naming this device ends the session.
        self.peers.on_own_revocation = self._withdrawn
        self.on_withdrawn: Callable[[bool], None] | None = None  # the GUI's screen
        self.withdrawn: bool | None = None

    @property
    def uid(self) -> str:
        return self.identity.uid

    @property
    def device_id(self) -> str:
        return self.identity.device_id

    def relay_address(self, override: str | None = None) -> tuple[str, int]:
        text = override or self.container.settings.get(RELAY_KEY)
        if not text:
            raise RelayUnavailable("No relay address known; pass --relay HOST:PORT.")
        return parse_addresses(text)[0]

    async def connect(
        self, address: tuple[str, int], advert: RelayDescriptor | None = None
    ) -> RelayLink:
        """Open a verified connection, log in, publish keys, fetch revocations and the
        directory's changes.

        ``advert``: the relay was found by zeroconf; its TLS key must be the signed one.
        """
        org = self.org
        learned: list[OrgCertificates] = []

        def check(ssl_object: ssl.SSLObject) -> object:
            grown = learn_issuing_cas(ssl_object, org, self.clock())  # after a rotation
            learned.append(grown)
            if advert is None:
                return verify_relay_peer(ssl_object, grown)
            return verify_advertised_peer(ssl_object, grown, advert)

        link, _relay = await RelayLink.open(address, client_context(org.root_pem()), check)
        try:
            signature = self.account.sign(link.conn.auth_transcript(self.device_id))
            try:
                reply = await link.request(
                    Authenticate(link.ids.next(), DeviceId(self.device_id), signature)
                )
            except RelayRefused as exc:
                if exc.code == "device_revoked":
                    self._check_pushed_revocations(link)  # raises DeviceWithdrawn if signed
                raise
            assert isinstance(reply, Authenticated)
            if learned and learned[-1] is not org:
                self.adopt_org(learned[-1])
            self.pending_at_login = reply.pending  # what the mailbox held when we came
            self.container.settings.set(RELAY_KEY, f"{address[0]}:{address[1]}")
            remember_node(self.container.settings, address)
            if link.welcome.relay_id:
                self.container.settings.set(RELAY_ID_KEY, link.welcome.relay_id)
            self.link = link
            self.peers.forget_fetch_times()  # a new connection looks at devices afresh
            await self.publish_keys()
            await self.peers.refresh_revocations(link)
            await renew_if_due(self)  # services/cert_renewal.py
            now = self.clock()
            self.certificate_expires = expiry_to_warn_of(self.identity, now)
            self.certificate_expired = (
                self.certificate_expires is not None and self.certificate_expires <= now
            )
            self.certificate_warning = expiry_warning(self.identity, now)
            if self.certificate_warning:
                log.warning("%s", self.certificate_warning)
            await self.directory.refresh_quietly(link)
            try:
                label_from_directory(self.container, self.directory, self.identity.uid)
            except (OSError, DirectoryError) as exc:  # only a label: messaging goes on
                log.warning("the start screen's label was not updated: %s", exc)
        except BaseException:
            await link.close()
            self.link = None
            raise
        return link

    def adopt_org(self, org: OrgCertificates) -> None:
        """Pin the issuing CAs the root certified that this device had not seen yet."""
        log.info("the organisation has a new issuing CA; it is trusted from now on")
        self.org = org
        self.peers.set_org(org)
        self.directory.set_org(org)
        self.identity = self.identity.with_org(org)
        save_identity(self.container.settings, self.identity)

    def _check_pushed_revocations(self, link: RelayLink) -> None:
        """The relay sends the signed list before refusing a revoked device; only a list
        that verifies against the organisation can wipe (a rogue relay's bare
        "device_revoked" cannot)."""
        while not link.incoming.empty():
            frame = link.incoming.get_nowait()
            if isinstance(frame, Revocations):
                try:
                    self.peers.accept_revocations(frame.crl)
                except TrustError as exc:
                    log.warning("ignoring a revocation list sent with a refusal: %s", exc)

    def _withdrawn(self, wipe: bool) -> None:
        """A verified list names this device: crypto-shred the container (unless IT
        revoked with --keep-data) and end the session with DeviceWithdrawn."""
        if self.withdrawn is None:
            self.withdrawn = wipe
            if wipe:
                log.warning("this device was revoked by IT: deleting its container")
                self.container.close()
                shred_container(self.container.directory)
            else:
                log.warning("this device was revoked by IT (its data is kept)")
                mark_withdrawn(self.container.directory)  # `profiles prune` may remove it
            if self.on_withdrawn is not None:
                self.on_withdrawn(wipe)
        raise DeviceWithdrawn(self.withdrawn)

    def _is_function(self, uid: str) -> bool:
        """A functional account in the signed directory (one that does not verify, none)."""
        try:
            entry = self.directory.get(uid)
        except DirectoryError:
            return False
        return entry is not None and entry.is_function

    def display_name(self, uid: str) -> str:
        """What colleagues call ``uid``: the signed directory's name, else the uid. The
        name is cleaned again (``clean_text``): a directory signed before the relay
        cleaned what it imports may hold a right-to-left override or a line break."""
        try:
            entry = self.directory.get(uid)
        except DirectoryError:  # a refused directory copy costs only the name
            entry = None
        name = clean_text(entry.cn) if entry is not None else ""
        return name or uid

    def require_link(self) -> RelayLink:
        if self.link is None:
            raise RelayUnavailable("Not connected to the relay.", key="not_connected")
        return self.link

    async def publish_keys(self) -> None:
        await publish_keys(self.require_link(), self.account)

    async def replenish_keys(self) -> bool:
        """Top up if the relay's stock of our one-time keys fell to half the target or
        below (called after Olm messages arrived: new sessions use up our keys). The
        relay lets colleagues take at most about half the stock per window (docs/relay.md),
        so topping up here keeps one-time keys available between logins."""
        link = self.require_link()
        reply = await link.request(PublishKeys(link.ids.next(), [], None))
        assert isinstance(reply, KeysPublished)
        if reply.one_time_key_count > min(REPLENISH_AT, self.account.max_one_time_keys):
            return False
        await publish_keys(link, self.account, reply.one_time_key_count)
        return True

    async def close(self) -> None:
        if self.link is not None:
            await self.link.close()
            self.link = None


async def publish_keys(link: RelayLink, account: DeviceAccount, count: int | None = None) -> None:
    """Top up the relay's stock of our one-time keys (and publish the fallback key);
    ``count`` is the relay's stock if just asked."""
    if count is None:
        reply = await link.request(PublishKeys(link.ids.next(), [], None))
        assert isinstance(reply, KeysPublished)
        count = reply.one_time_key_count
    target = min(ONE_TIME_KEY_TARGET, account.max_one_time_keys)
    account.generate_one_time_keys(target, published_unused=count)
    keys = account.upload_keys()
    if not keys:
        return
    one_time = [_wire(k) for k in keys if not k.fallback]
    fallback = next((_wire(k) for k in keys if k.fallback), None)
    await link.request(PublishKeys(link.ids.next(), one_time, fallback))
    account.mark_published()


def _wire(key: E2eSignedKey) -> SignedKey:
    return SignedKey(key.key_id, key.key, b64decode(key.signature, "key signature"))
