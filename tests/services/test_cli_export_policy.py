"""The headless client's save-attachment honours the export policy, as the app does."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from desktop_app import cli
from desktop_app.commands import attachment_client_cmd
from desktop_app.services.policy import Policy
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize("allowed", [False, True])
def test_save_attachment_follows_export_allowed(
    make_ward: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    allowed: bool,
) -> None:
    scan = tmp_path / "ekg.pdf"
    scan.write_bytes(b"%PDF-1.4 Befund " * 100)

    async def scenario() -> tuple[Path, str, str]:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_file("mueller.jonas", scan)
            (got,) = await jonas.messenger.sync()
            (att,) = jonas.container.attachments.for_message(got.message_id)
            await jonas.session.close()
            jonas.container.close()
            return jonas.profile, got.message_id, att.attachment_id

    profile, message_id, attachment_id = asyncio.run(scenario())
    monkeypatch.setenv("WARDLINK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(
        attachment_client_cmd, "load_policy", lambda: Policy(export_allowed=allowed)
    )
    out = tmp_path / "export.pdf"
    code = cli.main(
        ["client", "--profile", str(profile), "save-attachment", message_id, attachment_id,
         str(out)]
    )  # fmt: skip
    if allowed:
        assert code == 0 and out.read_bytes() == scan.read_bytes()
    else:
        assert code == 1 and not out.exists()
        assert "switched off by your IT department" in capsys.readouterr().err
