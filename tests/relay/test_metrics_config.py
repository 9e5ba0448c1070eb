"""Where the metrics are served: `relay serve --metrics HOST:PORT` or relay.json's "metrics"."""

from __future__ import annotations

import json
import logging
import socket
import urllib.request
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.errors import RelayDataError
from desktop_app.relay.metrics import MetricsAddress
from tests.relay.conftest import ADMIN, relay_process


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_addresses_parse_and_nonsense_is_refused() -> None:
    assert MetricsAddress.parse("127.0.0.1:9464") == MetricsAddress("127.0.0.1", 9464)
    assert MetricsAddress.parse("[::1]:9000") == MetricsAddress("::1", 9000)
    assert MetricsAddress.parse("9464") == MetricsAddress("127.0.0.1", 9464)
    for bad in ("", "host:", "host:http", "127.0.0.1:70000"):
        with pytest.raises(ValueError, match="HOST:PORT"):
            MetricsAddress.parse(bad)


def test_relay_json_metrics_must_be_an_address(relay_root: Path) -> None:
    settings = relay_root / "relay.json"
    doc = json.loads(settings.read_text())
    for bad in (9464, "somewhere"):
        settings.write_text(json.dumps({**doc, "metrics": bad}))
        with pytest.raises(RelayDataError, match="metrics"):
            RelayDataDir(relay_root).read_settings()
    settings.write_text(json.dumps({**doc, "metrics": "127.0.0.1:9464"}))
    assert RelayDataDir(relay_root).read_settings().metrics == "127.0.0.1:9464"


def test_serve_refuses_a_bad_metrics_address_in_one_line(
    relay_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WARDLINK_ADMIN_PASSPHRASE", ADMIN)
    args = ["relay", "serve", "--data", str(relay_root), "--no-advertise", "--metrics", "x:y"]
    handlers = {h: list(h.filters) for h in logging.getLogger().handlers}
    assert cli.main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "HOST:PORT" in err
    # Refused before the relay's logging setup: no flood filter left on this process's
    # handlers (pytest's log capture among them, which other tests read).
    assert {h: list(h.filters) for h in logging.getLogger().handlers} == handlers


def test_a_served_relay_answers_on_its_metrics_port(relay_root: Path) -> None:
    port = free_port()
    extra = ("--metrics", f"127.0.0.1:{port}")
    with relay_process(relay_root, advertise=False, extra=extra):
        url = f"http://127.0.0.1:{port}/metrics"
        with urllib.request.urlopen(url, timeout=10) as reply:
            text = reply.read().decode()
    assert "wardlink_relay_connections 0.0" in text
    assert "wardlink_relay_envelopes_accepted_total 0.0" in text
