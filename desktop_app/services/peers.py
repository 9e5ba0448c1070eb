"""The devices of the people we write to, verified against the organisation.

Certificates come from the relay but are trusted only after ``DeviceVerifier`` checked
them against the pinned root, the issuing CA and the current revocation list. Verified
devices are kept in the container's peer store; a device the relay stops listing, or
that a revocation list names, is marked revoked and gets no more keys: for good if a
signed list names it, until it is listed again with a valid certificate otherwise.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime

from desktop_app.crypto.device_certificates import DeviceIdentity, DeviceVerifier
from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.revocation import RevocationList, load_revocation_list
from desktop_app.crypto.trust_errors import RevocationListError, TrustError
from desktop_app.domain.ids import DeviceId, Uid
from desktop_app.domain.model import Device, Person
from desktop_app.protocol import Devices, FetchDevices, FetchRevocations, Revocations
from desktop_app.protocol.limits import MAX_UIDS_PER_FETCH
from desktop_app.services.identity import CRL_KEY
from desktop_app.services.relay_link import RelayLink
from desktop_app.storage.container import Container

log = logging.getLogger("wardlink.peers")

DEVICE_LIST_MAX_AGE_S = 30.0


class PeerDirectory:
    def __init__(
        self,
        container: Container,
        org: OrgCertificates,
        own_device_id: str,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._container = container
        self._clock = clock  # the session's clock: certificates are valid by it
        self._org = org
        self._own_device_id = own_device_id
        self._crl = self._load_stored_crl()
        self._verifier = DeviceVerifier(org.device_cas, org.root, self._crl)
        self.new_devices: list[Device] = []  # for "… has a new device" lines
        # Device lists fetched less than ``max_age_s`` ago are reused when sending;
        # revocations still apply at once (pushed lists and refused envelopes).
        self.max_age_s = DEVICE_LIST_MAX_AGE_S
        self._fetched: dict[str, float] = {}
        # Hears a verified list that names this very device (True = wipe ordered).
        self.on_own_revocation: Callable[[bool], None] | None = None
        # True for a uid the signed staff directory lists as a functional account: such
        # a uid has no devices of its own (messages to it reach its holders' devices),
        # so a certificate for one, however it was signed, is not a colleague's PC.
        self.is_function: Callable[[str], bool] = lambda _uid: False

    def set_org(self, org: OrgCertificates) -> None:
        """Trust the issuing CAs of ``org`` (a rotation); the held list stays."""
        self._org = org
        self._verifier = DeviceVerifier(org.device_cas, org.root, self._crl)

    @property
    def revocations(self) -> RevocationList:
        return self._crl

    def _load_stored_crl(self) -> RevocationList:
        stored = self._container.settings.get(CRL_KEY)
        if stored is None:
            raise TrustError("no revocation list stored; enroll again")
        return load_revocation_list(bytes.fromhex(stored), self._org.issuing_cas)

    def accept_revocations(self, data: bytes) -> RevocationList:
        """Verify a newer list, keep it, and mark every device it names as revoked."""
        crl = load_revocation_list(data, self._org.issuing_cas, self._crl)
        self._crl = crl
        self._container.settings.set(CRL_KEY, crl.der.hex())
        self._verifier = DeviceVerifier(self._org.device_cas, self._org.root, crl)
        for entry in crl:
            if entry.device_id and entry.device_id != self._own_device_id:
                self._mark_revoked(entry.device_id)
        wipe = crl.wipe_ordered(self._own_device_id)
        if wipe is not None and self.on_own_revocation is not None:
            self.on_own_revocation(wipe)
        return crl

    def accept_pushed_revocations(self, data: bytes) -> bool:
        """A list the relay pushed between envelopes. One that does not verify, or is older
        than the list held (a taken-over relay hiding a revocation), is refused with a log
        line; receiving goes on, the held list stays. Raising here used to end the receive
        loop: nothing more arrived while the app still showed itself connected."""
        try:
            self.accept_revocations(data)
        except RevocationListError as exc:
            log.warning("refused a revocation list the relay pushed: %s", exc)
            return False
        return True

    async def refresh_revocations(self, link: RelayLink) -> None:
        reply = await link.request(FetchRevocations(link.ids.next()))
        assert isinstance(reply, Revocations)
        self.accept_revocations(reply.crl)

    async def refresh_stale(self, link: RelayLink, uids: Iterable[str]) -> None:
        """Refresh only the people whose device list is older than ``max_age_s``."""
        if stale := self.stale(uids):
            await self.refresh(link, stale)

    def stale(self, uids: Iterable[str]) -> list[str]:
        """Who of ``uids`` has a device list older than ``max_age_s`` (asked for again)."""
        now = time.monotonic()
        return [u for u in set(uids) if now - self._fetched.get(u, -1e9) >= self.max_age_s]

    def was_fetched(self, uid: str) -> bool:
        """This person's device list was read from the relay since this session began."""
        return uid in self._fetched

    def forget_fetch_times(self) -> None:
        self._fetched.clear()

    async def refresh(self, link: RelayLink, uids: Iterable[str]) -> None:
        """Fetch and verify the current devices of ``uids`` (in relay-sized batches)."""
        wanted = sorted(set(uids))
        for start in range(0, len(wanted), MAX_UIDS_PER_FETCH):
            batch = wanted[start : start + MAX_UIDS_PER_FETCH]
            reply = await link.request(FetchDevices(link.ids.next(), [Uid(u) for u in batch]))
            assert isinstance(reply, Devices)
            fetched = time.monotonic()
            for uid in batch:
                self._update_person(uid, reply.certificates.get(Uid(uid), []))
                self._fetched[uid] = fetched

    def _update_person(self, uid: str, certificates: list[bytes]) -> None:
        listed: set[str] = set()
        if certificates and self.is_function(uid):
            log.warning("ignoring %d device(s) listed for functional account %s",
                        len(certificates), uid)  # fmt: skip
            certificates = []  # and the ones held before count as gone
        for der in certificates:
            try:
                identity = self._verifier.verify(der, self._now())
            except TrustError as exc:
                log.warning("ignoring a device certificate of %s: %s", uid, exc)
                continue
            if identity.uid != uid:
                log.warning("relay listed a device of %s under %s; ignored", identity.uid, uid)
                continue
            listed.add(identity.device_id)
            self._remember(identity, der)
        for device in self._container.peers.devices_of(Uid(uid)):
            if device.device_id not in listed and not device.revoked:
                self._mark_revoked(device.device_id)

    def _remember(self, identity: DeviceIdentity, der: bytes) -> Device:
        uid = Uid(identity.uid)
        if self._container.peers.person(uid) is None:
            self._container.peers.upsert_person(Person(uid, identity.uid))
        device = Device(
            DeviceId(identity.device_id),
            uid,
            identity.curve25519_b64,
            identity.ed25519_b64,
            verified=True,
            revoked=False,
        )
        known = {d.device_id: d for d in self._container.peers.devices_of(uid)}
        previous = known.get(device.device_id)
        if (
            previous is not None
            and previous.revoked
            and self._crl.is_revoked(device_id=device.device_id)
        ):
            return previous  # revoked by a signed list: for good
        if previous is not None and (previous.ed25519, previous.curve25519) != (
            device.ed25519,
            device.curve25519,
        ):
            # A renewal keeps the keys (docs/trust.md); other keys under a known device
            # id are not that device: keep encrypting to the keys we verified first.
            log.warning("a certificate gives device %s other keys; ignored", device.device_id)
            return previous
        if previous is not None and previous.revoked:
            # Only unlisted (the relay's word; no signed list names it): a relay taken
            # over could otherwise cut a colleague's PC off for good by leaving it out
            # once. Listed again with a certificate that verifies, it counts again.
            log.warning(
                "device %s of %s is listed again and no revocation list names it; "
                "messages are encrypted to it again",
                device.device_id,
                uid,
            )
        is_new = self._container.peers.upsert_device(device, der)
        # A person's first device is not news; another one later is ("... has a new device").
        if is_new and known and identity.device_id != self._own_device_id:
            self.new_devices.append(device)
        return device

    def verify_certificate(self, der: bytes) -> DeviceIdentity:
        """Verify a certificate that came with a claimed key or an envelope's sender."""
        identity = self._verifier.verify(der, self._now())
        self._remember(identity, der)
        return identity

    def verify_own(self, der: bytes, now: datetime | None = None) -> DeviceIdentity:
        """Verify this device's own (renewed) certificate; not stored as a peer."""
        return self._verifier.verify(der, now or self._now())

    def _now(self) -> datetime | None:
        return None if self._clock is None else self._clock()

    def _mark_revoked(self, device_id: str) -> None:
        peers = self._container.peers
        uid = peers.uid_of(DeviceId(device_id))
        if uid is None:
            return
        for device in peers.devices_of(uid):
            if device.device_id == device_id and not device.revoked:
                peers.upsert_device(
                    Device(
                        device.device_id,
                        device.uid,
                        device.curve25519,
                        device.ed25519,
                        verified=device.verified,
                        revoked=True,
                    )
                )

    def device(self, uid: str, device_id: str) -> Device | None:
        for device in self._container.peers.devices_of(Uid(uid)):
            if device.device_id == device_id:
                return device
        return None

    def live_devices(self, uids: Iterable[str]) -> list[Device]:
        """Verified, unrevoked devices of ``uids``, without this device itself."""
        out = []
        for uid in sorted(set(uids)):
            for device in self._container.peers.devices_of(Uid(uid)):
                if (
                    device.verified
                    and not device.revoked
                    and device.device_id != (self._own_device_id)
                ):
                    out.append(device)
        return out
