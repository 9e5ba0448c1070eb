"""The GUI's conversations and their members: open a 1:1 chat, create a group, add and
remove members, rename it, and the names to show for them.

A layer of ``LiveClient`` (which supplies the messenger, the ratchet lock and the event
hook); the rules are in services/groups.py and services/addressing.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from desktop_app.domain import system_lines
from desktop_app.domain.ids import ConversationId
from desktop_app.domain.model import ConversationKind, MessageKind
from desktop_app.services import conversations
from desktop_app.services.live_reading import LiveReading
from desktop_app.services.live_views import EVENT_CONVERSATIONS, Roster
from desktop_app.services.messenger import Messenger

REMOVAL_LOOKBACK = 50  # messages looked through for the line saying who removed us


class LiveMembership(LiveReading):
    messenger: Messenger
    _busy: asyncio.Lock
    _notify: Callable[[str, object], None]

    async def start_direct(self, uid: str) -> ConversationId:
        """The conversation "Write message" opens: 1:1 with a person (created and
        announced if new), or mine with a functional account's current holders."""
        async with self._busy:
            cid = await self.messenger.open_conversation(uid)
            if self.session.link is not None:
                await self.messenger.outgoing.flush()
        self._notify(EVENT_CONVERSATIONS, None)
        return cid

    async def create_group(self, title: str, uids: list[str]) -> ConversationId:
        async with self._busy:
            cid = await self.messenger.create_group(title, uids)
        self._notify(EVENT_CONVERSATIONS, None)
        return cid

    async def add_member(self, conversation: str, uid: str) -> bool:
        """True if added now; False if kept pending until they have a device."""
        async with self._busy:
            added = await self.messenger.add_member(conversation, uid)
        self._notify(EVENT_CONVERSATIONS, None)
        return added

    async def remove_member(self, conversation: str, uid: str) -> None:
        async with self._busy:
            await self.messenger.remove_member(conversation, uid)
        self._notify(EVENT_CONVERSATIONS, None)

    async def rename_group(self, conversation: str, title: str) -> bool:
        """True if renamed; False if it already has that name (nothing sent)."""
        async with self._busy:
            renamed = await self.messenger.rename_group(conversation, title)
        self._notify(EVENT_CONVERSATIONS, None)
        return renamed

    def conversation_title(self, conversation: str) -> str:
        """A group's title, or the other person's name for a 1:1 conversation."""
        state = self.container.conversations.state(ConversationId(conversation))
        if state is None:
            return conversation
        shown = conversations.shown_title(
            state.kind, state.title, state.members, self.uid, self.name
        )
        return shown or conversation

    def members(self, conversation: str) -> list[tuple[str, str, bool]]:
        """(uid, name, is admin) of a conversation's members."""
        state = self.container.conversations.state(ConversationId(conversation))
        if state is None:
            return []
        return [(u, self.name(u), u in state.admins) for u in state.members]

    def roster(self, conversation: str) -> Roster:
        """The chat header's members, and whether the chat names its senders."""
        state = self.container.conversations.state(ConversationId(conversation))
        if state is None:
            return Roster(False, ())
        member = self.uid in state.members
        return Roster(
            state.kind is ConversationKind.GROUP or len(state.members) > 2,
            tuple((u, self.name(u), u in state.admins) for u in state.members),
            member,
            self.conversation_title(conversation),
            "" if member else self._removed_by(ConversationId(conversation)),
        )

    def _removed_by(self, cid: ConversationId) -> str:
        """Who removed us, by the newest "X removed you" line among the last messages."""
        for message in self.container.messages.page(cid, limit=REMOVAL_LOOKBACK).messages:
            decoded = system_lines.decode(message.body)
            if message.kind is MessageKind.SYSTEM and decoded and decoded[0] == "removed_you":
                return decoded[1]["by"]
        return ""
