"""A directory signed before the relay cleaned what it imports (or by a relay that does
not) may hold a name with a right-to-left override or a line break. The PC names people
through Session.display_name (chat headers, the conversation list, notifications, the
lock screen, exports): it shows such a name cleaned, as the relay would import it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.directory.generate import staff
from desktop_app.directory.model import make_entry
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import current_plan_base, plan, publish
from tests.relay.conftest import ADMIN
from tests.services.conftest import ward

LEGACY = [
    make_entry({"uid": "rlo", "cn": "Dr. \u202eRELLÜM"}),  # shows as "Dr. MÜLLER"
    make_entry({"uid": "nfd", "cn": "Dr. Mu\u0308ller\x1b[2J"}),
    make_entry({"uid": "blank", "cn": "\u2067"}),  # nothing visible at all
]


def _publish_as_signed_before(relay_dir: Path) -> None:
    """Sign entries as make_entry accepts them, past the importers' cleaning."""
    data = RelayDataDir(relay_dir)
    issuer = load_issuing_authority(relay_dir, ADMIN)
    store = data.open_store()
    try:
        current, base = current_plan_base(store)
        publish(
            store, issuer, plan(current, base, [*staff(3), *LEGACY], replace_all=True), "legacy"
        )
    finally:
        store.close()


def test_a_legacy_name_with_direction_override_or_escape_is_shown_cleaned(
    relay_dir: Path, tmp_path: Path
) -> None:
    _publish_as_signed_before(relay_dir)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(staff(3)[0].uid)
            assert anna.session.directory.get("rlo") is not None  # the copy verifies
            names = [anna.session.display_name(uid) for uid in ("rlo", "nfd", "blank")]
            assert names == ["Dr. RELLÜM", "Dr. M\u00fcller [2J", "blank"]

    asyncio.run(scenario())
