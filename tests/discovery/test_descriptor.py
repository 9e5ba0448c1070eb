"""The signed relay descriptor (pure): format, size, and every way it must be refused."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from desktop_app.crypto.org import OrgAuthority, create_org
from desktop_app.crypto.relay_descriptor import (
    DESCRIPTOR_BYTES,
    MAX_TXT_BYTES,
    DescriptorError,
    sign_descriptor,
    txt_properties,
    txt_size,
    verify_descriptor,
)

NOW = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)
SPKI = hashlib.sha256(b"relay tls key").digest()
RID = "relay-3f9c0a1b2c4d"


@pytest.fixture(scope="module")
def org() -> OrgAuthority:
    return create_org("Klinikum Nord", NOW - timedelta(days=1))


@pytest.fixture(scope="module")
def other_org() -> OrgAuthority:
    return create_org("Klinikum Nord", NOW - timedelta(days=1))  # same name, other keys


def test_round_trip_and_size(org: OrgAuthority) -> None:
    blob = sign_descriptor(org.issuer, RID, 8443, SPKI, NOW)
    assert len(blob) == DESCRIPTOR_BYTES == 103
    d = verify_descriptor(blob, RID, org.certificates, NOW + timedelta(hours=23))
    assert (d.relay_id, d.port, d.spki_sha256) == (RID, 8443, SPKI)
    assert d.expires == NOW + timedelta(hours=24)
    assert d.matches_spki(SPKI) and not d.matches_spki(bytes(32))
    props = txt_properties(RID, blob)
    assert set(props) == {b"v", b"id", b"d"}
    assert txt_size(props) == 4 + 4 + len(RID) + 3 + 103 == 132


def test_txt_stays_under_200_bytes_for_the_longest_relay_id(org: OrgAuthority) -> None:
    longest = "r" * 64
    props = txt_properties(longest, sign_descriptor(org.issuer, longest, 65535, SPKI, NOW))
    assert txt_size(props) == 178 < MAX_TXT_BYTES


def test_other_org_is_refused(org: OrgAuthority, other_org: OrgAuthority) -> None:
    blob = sign_descriptor(other_org.issuer, RID, 8443, SPKI, NOW)
    with pytest.raises(DescriptorError, match="not signed by your organisation"):
        verify_descriptor(blob, RID, org.certificates, NOW)


@pytest.mark.parametrize("offset", [1, 2, 3, 4, 6, 7, 20, 38, 39, 102])
def test_every_changed_byte_is_refused(org: OrgAuthority, offset: int) -> None:
    blob = bytearray(sign_descriptor(org.issuer, RID, 8443, SPKI, NOW))
    blob[offset] ^= 0x01
    with pytest.raises(DescriptorError):
        verify_descriptor(bytes(blob), RID, org.certificates, NOW)


def test_relay_id_is_bound(org: OrgAuthority) -> None:
    blob = sign_descriptor(org.issuer, RID, 8443, SPKI, NOW)
    with pytest.raises(DescriptorError, match="not signed by your organisation"):
        verify_descriptor(blob, "relay-other", org.certificates, NOW)
    with pytest.raises(DescriptorError, match="relay id is not valid"):
        verify_descriptor(blob, "bad id/..", org.certificates, NOW)


def test_expiry_and_malformed(org: OrgAuthority) -> None:
    blob = sign_descriptor(org.issuer, RID, 8443, SPKI, NOW, timedelta(minutes=5))
    verify_descriptor(blob, RID, org.certificates, NOW + timedelta(minutes=4))
    with pytest.raises(DescriptorError, match="expired"):
        verify_descriptor(blob, RID, org.certificates, NOW + timedelta(minutes=5))
    with pytest.raises(DescriptorError, match="longer than 30 days"):
        verify_descriptor(blob, RID, org.certificates, NOW - timedelta(days=31))
    with pytest.raises(DescriptorError, match="102 bytes"):
        verify_descriptor(blob[:-1], RID, org.certificates, NOW)
    with pytest.raises(DescriptorError, match="version 2"):
        verify_descriptor(b"\x02" + blob[1:], RID, org.certificates, NOW)
    with pytest.raises(DescriptorError, match="lifetime"):
        sign_descriptor(org.issuer, RID, 8443, SPKI, NOW, timedelta(days=31))
    with pytest.raises(DescriptorError, match="port 0"):
        sign_descriptor(org.issuer, RID, 0, SPKI, NOW)
