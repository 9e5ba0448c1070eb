"""A directory signed before the relay cleaned what LDAP gave may hold a name with a
direction override or a line break: the staff search, the tree and the person card show
it cleaned, as chat headers do (Session.display_name)."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.directory.model import make_entry
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import current_plan_base, plan, publish
from desktop_app.services import directory_view
from tests.relay.conftest import ADMIN
from tests.ui.chat_support import call
from tests.ui.test_chat_forward_mentions import submit

RLO = make_entry({"uid": "rlo", "cn": "Dr. \u202eRELLÜM", "title": "Ober\narzt"})


def _sign_as_before(relay_dir: Any) -> None:
    data = RelayDataDir(relay_dir)
    issuer = load_issuing_authority(relay_dir, ADMIN)
    store = data.open_store()
    try:
        current, base = current_plan_base(store)
        publish(store, issuer, plan(current, base, [RLO], replace_all=False), "legacy")
    finally:
        store.close()


def test_search_and_card_show_a_legacy_name_cleaned(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    _sign_as_before(gui_ward.root)
    client = anna.ctx.client

    async def refreshed() -> None:
        link = client.session.link
        assert link is not None
        await client.session.directory.refresh_quietly(link)

    submit(qtbot, anna, refreshed)
    hits = call(qtbot, anna, directory_view.search, client, "RELL")
    assert [h.name for h in hits] == ["Dr. RELLÜM"]
    card = submit(qtbot, anna, lambda: directory_view.card(client, "rlo", refresh=False))
    assert card is not None
    assert (card.entry.cn, card.entry.title) == ("Dr. RELLÜM", "Ober arzt")
