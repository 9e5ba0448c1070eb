"""`wardlink client enroll` takes the relay address IT fixed in the machine policy.

walk20: with `relay_address` in /etc/wardlink/policy.json (README: "fixing the relay
address by policy") the headless client still said `enroll needs --relay HOST:PORT`,
while every later command used the policy. Real relay process on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.services.policy import Policy
from tests.relay.conftest import relay_process
from tests.test_cli_privacy_notice import relay_and_code


def test_enroll_uses_the_policys_relay_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = [Policy()]
    data, code = relay_and_code(tmp_path, monkeypatch, policy)
    profile = tmp_path / "anna"
    enroll = ["client", "--profile", str(profile), "enroll", "--code", code]
    with relay_process(data, advertise=False) as relay:
        assert cli.main([*enroll, "--accept-privacy-notice"]) == 1  # no address anywhere
        refused = capsys.readouterr().err
        assert "enroll needs --relay HOST:PORT (or relay_address in the machine policy" in refused

        policy[0] = Policy(relay_address=f"127.0.0.1:{relay.port}")
        assert cli.main([*enroll, "--accept-privacy-notice"]) == 0
        assert "enrolled weber.anna" in capsys.readouterr().out
