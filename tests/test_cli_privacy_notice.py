"""The headless client asks for the privacy notice as the app does: joining needs an
explicit acceptance, and a notice IT changed later must be accepted before going on.
Enrollment goes through a real relay process on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.commands import client_cmd, client_privacy
from desktop_app.services import privacy_notice
from desktop_app.services.policy import Policy
from desktop_app.storage.container import Container
from tests.relay.conftest import relay_process
from tests.test_cli_message_path import PASS, ok

NOTICE_1 = "Datenschutzhinweise Klinikum Nord, Fassung 1. DSB: Tel. 1234"
NOTICE_2 = "Datenschutzhinweise Klinikum Nord, Fassung 2. DSB: Tel. 5678"


def relay_and_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, current: list[Policy]
) -> tuple[Path, str]:
    """A relay data directory and a code for weber.anna; the client commands read
    ``current[0]`` as the machine policy (a test may change it)."""
    monkeypatch.setattr(client_privacy, "load_policy", lambda: current[0])
    monkeypatch.setattr(client_cmd, "load_policy", lambda: current[0])
    monkeypatch.setenv("WARDLINK_PASSPHRASE", PASS)
    data = tmp_path / "relay"
    ok("relay", "init", "--data", str(data), "--org", "Klinikum Nord")
    return data, ok("admin", "--data", str(data), "enroll", "weber.anna").split()[0]


def test_enroll_needs_acceptance_and_a_changed_notice_is_accepted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    current = [Policy(privacy_notice_de=NOTICE_1, privacy_notice_en=NOTICE_1)]
    data, code = relay_and_code(tmp_path, monkeypatch, current)
    profile = tmp_path / "anna"
    with relay_process(data, advertise=False) as relay:
        base = ["client", "--profile", str(profile)]
        enroll = [*base, "enroll", "--relay", f"127.0.0.1:{relay.port}", "--code", code]

        assert cli.main(enroll) == 2
        shown = capsys.readouterr()
        assert NOTICE_1 in shown.out and "--accept-privacy-notice" in shown.err
        assert Container.read_keyslot_or_none(profile) is None  # nothing was created

        assert cli.main([*enroll, "--accept-privacy-notice"]) == 0
        assert "enrolled weber.anna" in capsys.readouterr().out
        with Container.open(profile, PASS) as container:
            accepted = privacy_notice.acknowledged_version(container.settings)
        assert accepted == current[0].privacy_notice_version
        assert cli.main([*base, "sync"]) == 0

        current[0] = Policy(privacy_notice_de=NOTICE_2, privacy_notice_en=NOTICE_2)
        assert cli.main([*base, "sync"]) == 2
        stop = capsys.readouterr().err  # walk20: it said `--profile DIR`; now the real one
        assert f"`wardlink client --profile {profile} privacy --accept`" in stop

        assert cli.main([*base, "privacy", "--language", "de"]) == 0
        shown = capsys.readouterr()
        assert NOTICE_2 in shown.out and "not yet accepted" in shown.err
        assert cli.main([*base, "privacy", "--accept"]) == 0
        capsys.readouterr()
        assert cli.main([*base, "sync"]) == 0


def test_wardlinks_own_template_is_said_to_be_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """walk20: without a notice in the policy, `client enroll` printed the template with
    its "[Name und Anschrift des Krankenhauses]" as if it were the hospital's; the app's
    join dialog says above it that IT has configured none. Now the client says so too."""
    monkeypatch.setattr(client_privacy, "load_policy", Policy)
    for lang, note in (
        ("de", "Ihre IT hat für dieses Krankenhaus keine Datenschutzhinweise hinterlegt."),
        ("en", "Your IT department has not configured a privacy notice for this hospital."),
    ):
        enroll = ["client", "--profile", str(tmp_path / "anna"), "enroll", "--language", lang,
                  "--relay", "127.0.0.1:1", "--code", "WL1-X"]  # fmt: skip
        assert cli.main(enroll) == 2
        shown = capsys.readouterr()
        assert "[" in shown.out and note in shown.err
    configured = Policy(privacy_notice_de=NOTICE_1, privacy_notice_en=NOTICE_1)
    monkeypatch.setattr(client_privacy, "load_policy", lambda: configured)
    assert cli.main(enroll) == 2
    shown = capsys.readouterr()
    assert NOTICE_1 in shown.out and "has not configured" not in shown.err
