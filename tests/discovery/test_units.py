"""Pure parts of discovery: advert verdicts, backoff with jitter, policy, advert addresses."""

from __future__ import annotations

import hashlib
import ipaddress
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.cli import build_parser
from desktop_app.commands.relay_cmd import advertise_config
from desktop_app.crypto.org import OrgAuthority, create_org
from desktop_app.crypto.relay_descriptor import sign_descriptor, txt_properties
from desktop_app.relay.advertise import AdvertiseError, advert_addresses
from desktop_app.services.discovery import judge
from desktop_app.services.errors import ClientError
from desktop_app.services.identity import parse_address, parse_addresses
from desktop_app.services.policy import load_policy
from desktop_app.services.relay_locator import (
    MAX_BACKOFF_S,
    POLICY_SETTING,
    backoff_delay,
    policy_relay_address,
)

NOW = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)
SPKI = hashlib.sha256(b"relay tls key").digest()
RID = "relay-3f9c0a1b2c4d"


@pytest.fixture(scope="module")
def org() -> OrgAuthority:
    return create_org("Klinikum Nord", NOW - timedelta(days=1))


@pytest.fixture(scope="module")
def other_org() -> OrgAuthority:
    return create_org("Klinikum Nord", NOW - timedelta(days=1))


def test_judge_refuses_with_reasons(org: OrgAuthority, other_org: OrgAuthority) -> None:
    good = txt_properties(RID, sign_descriptor(org.issuer, RID, 8443, SPKI, NOW))
    certs = org.certificates
    name = f"{RID}._wardlink._tcp.local."
    ok = judge(name, dict(good), ["10.0.0.5"], 8443, certs, NOW)
    assert ok.trusted and ok.descriptor is not None and ok.where == "10.0.0.5:8443"

    def reason(
        props: dict[bytes, bytes | None], port: int = 8443, addrs: list[str] | None = None
    ) -> str | None:
        return judge(
            name, props, ["10.0.0.5"] if addrs is None else addrs, port, certs, NOW
        ).refusal

    assert reason(dict(good), port=9999) == "advertised port 9999 is not the signed port 8443"
    assert reason(dict(good), addrs=[]) == "advert names no address"
    assert reason({**good, b"v": b"2"}) == "unsupported or missing advert version"
    assert reason({b"v": b"1", b"id": RID.encode()}) == "advert carries no signed descriptor"
    forged = txt_properties(RID, sign_descriptor(other_org.issuer, RID, 8443, SPKI, NOW))
    assert reason(dict(forged)) == "descriptor is not signed by your organisation"


def test_backoff_grows_to_a_ceiling_with_jitter() -> None:
    rng = random.Random(7)
    first = [backoff_delay(0, rng) for _ in range(50)]
    assert all(0.125 <= d <= 0.25 for d in first)
    assert len({round(d, 6) for d in first}) > 40  # jittered, not lockstep
    assert all(0.5 <= backoff_delay(2, rng) <= 1.0 for _ in range(50))
    late = [backoff_delay(n, rng) for n in (10, 100, 10_000)]
    assert all(MAX_BACKOFF_S / 2 <= d <= MAX_BACKOFF_S for d in late)


class Settings:
    def __init__(self, values: dict[str, str]) -> None:
        self.values = values

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.values.get(key, default)


def test_policy_file_then_container_setting(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    container = Settings({POLICY_SETTING: "10.0.0.9:8443"})
    assert policy_relay_address(container, policy) == "10.0.0.9:8443"  # no file
    assert policy_relay_address(Settings({}), policy) is None
    policy.write_text('{"relay_address": "10.0.0.5:8443", "auto_lock_minutes": 10}')
    assert policy_relay_address(container, policy) == "10.0.0.5:8443"
    for broken in ("{not json", '{"relay_address": 8443}', "[1, 2]", " " * 70_000):
        policy.write_text(broken)
        assert policy_relay_address(container, policy) == "10.0.0.9:8443"


def test_policy_relay_addresses_for_several_nodes_come_first_each_once(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(
        '{"relay_addresses": ["10.0.0.5:8443", "relay2.klinikum.local:8443"], '
        '"relay_address": "10.0.0.5:8443"}'
    )
    assert policy_relay_address(Settings({}), policy) == "10.0.0.5:8443,relay2.klinikum.local:8443"
    policy.write_text('{"relay_addresses": "10.0.0.6:8443, 10.0.0.7:8443"}')
    assert parse_addresses(policy_relay_address(Settings({}), policy) or "") == [
        ("10.0.0.6", 8443),
        ("10.0.0.7", 8443),
    ]
    for broken in ('{"relay_addresses": []}', '{"relay_addresses": ["10.0.0.5"]}'):
        policy.write_text(broken)
        assert policy_relay_address(Settings({}), policy) is None
        assert load_policy(policy).problems  # said why, not fatal
    with pytest.raises(ClientError, match="not HOST:PORT"):
        parse_address("10.0.0.5:1,10.0.0.6:2")  # one address only: a list is not one


def test_advert_addresses() -> None:
    loopback = ipaddress.ip_address("127.0.0.1")
    assert advert_addresses("127.0.0.1", ()) == (("127.0.0.1",), [loopback])
    assert advert_addresses("0.0.0.0", ("127.0.0.1", "127.0.0.1")) == (
        ("127.0.0.1",),
        [loopback],
    )
    everywhere, addresses = advert_addresses("0.0.0.0", ())
    assert everywhere is None and addresses and all(a.version == 4 for a in addresses)
    with pytest.raises(AdvertiseError, match="no network interface"):
        advert_addresses("0.0.0.0", ("no-such-if0",))


def test_serve_flags() -> None:
    parser = build_parser()
    args = parser.parse_args(["relay", "serve", "--data", "d", "--no-advertise"])
    assert advertise_config(args) is None
    args = parser.parse_args(
        [
            "relay",
            "serve",
            "--data",
            "d",
            "--advertise-interface",
            "lo",
            "--advertise-interface",
            "10.0.0.5",
        ]
    )
    config = advertise_config(args)
    assert config is not None and config.interfaces == ("lo", "10.0.0.5")
