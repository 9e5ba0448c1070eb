"""A refused headless enrollment leaves no container behind.

walk20: `client enroll` with a code the relay refused left the new folder (key file,
database) in place, and `wardlink profiles` (and the start screen of that PC) offered a
person who never joined. Real relay process on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.services.policy import Policy
from desktop_app.storage.container import Container
from tests.relay.conftest import relay_process
from tests.test_cli_privacy_notice import relay_and_code


def test_a_refused_code_leaves_no_container(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, code = relay_and_code(tmp_path, monkeypatch, [Policy()])
    own = tmp_path / "own-folder"  # a folder of the person's that was there before
    own.mkdir()
    (own / "notes.txt").write_text("meine Notizen")
    with relay_process(data, advertise=False) as relay:
        relay_arg = f"127.0.0.1:{relay.port}"

        def enroll(profile: Path) -> int:
            return cli.main(
                ["client", "--profile", str(profile), "enroll", "--relay", relay_arg,
                 "--code", code, "--accept-privacy-notice"]
            )  # fmt: skip

        assert enroll(tmp_path / "anna") == 0  # the code is used up now
        capsys.readouterr()
        assert enroll(tmp_path / "lena") == 1
        assert "this enrollment code was already used" in capsys.readouterr().err
        assert not (tmp_path / "lena").exists()
        assert enroll(own) == 1
        assert sorted(p.name for p in own.iterdir()) == ["notes.txt"]
    assert Container.read_keyslot_or_none(tmp_path / "anna") is not None  # hers stays
    assert cli.main(["profiles", "--root", str(tmp_path)]) == 0
    listed = capsys.readouterr().out
    assert "lena" not in listed and "own-folder" not in listed
