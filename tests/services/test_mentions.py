"""@mentions and muted conversations between real clients on a real relay: a mention of a
member or a functional account arrives, a modified client cannot mention arbitrary ids,
and a muted conversation notifies only for urgent messages and mentions of me."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from desktop_app.protocol import content as wire
from desktop_app.services import mentions
from desktop_app.services.errors import ClientError
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.test_message_events import group_of_three, sneak


def test_mentions_arrive_and_a_muted_group_notifies_only_for_them(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await jonas.messenger.sync()
            jonas.container.conversations.set_muted(cid, True)
            await anna.messenger.send_text(cid, "Übergabe um 14 Uhr")
            await anna.messenger.send_text(cid, "@Jonas bitte EKG", mentions=("mueller.jonas",))
            await anna.messenger.send_text(cid, "Reanimation Zimmer 3", urgent=True)
            plain, mention, urgent = await jonas.messenger.sync()
            assert mention.mentions == ("mueller.jonas",)
            roles = mentions.roles_held(jonas.session)
            muted = jonas.container.conversations.muted(cid)
            assert muted
            assert not mentions.notifies(plain, "mueller.jonas", roles, muted)
            assert mentions.notifies(mention, "mueller.jonas", roles, muted)
            assert mentions.notifies(urgent, "mueller.jonas", roles, muted)
            await mia.messenger.sync()
            assert not mentions.mentions_me(mention, "yilmaz.mia", frozenset())

            with pytest.raises(ClientError, match="Only members"):
                await anna.messenger.send_text(cid, "x", mentions=("nobody.here",))

            # A modified client names ids that are neither members nor roles: dropped.
            forged = wire.ChatMessage(
                1, "m-forged-mention", to_ms(utc_now()), "hallo",
                mentions=["nobody.here", "yilmaz.mia"],
            )  # fmt: skip
            await sneak(anna, cid, forged)
            (got,) = await mia.messenger.sync()
            assert got.mentions == ("yilmaz.mia",)

    asyncio.run(scenario())
