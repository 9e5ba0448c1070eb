"""The GUI's conversation tools (issue 13/17): forward, mute, disappearing messages,
@mention candidates, pins, search across conversations, message info and typing.

A mixin of ``LiveClient`` (which supplies the messenger, the ratchet lock and the event
hook); kept apart so the live client stays small. The rules themselves live in
services/forwarding.py, mentions.py, ephemeral.py and search.py; this only adapts them
to rows the widgets can hold after the container is locked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from desktop_app.directory.errors import DirectoryError
from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.domain.model import ConversationKind
from desktop_app.services import forwarding, voice
from desktop_app.services import message_info as info
from desktop_app.services import policy as machine
from desktop_app.services import search as searching
from desktop_app.services.errors import ClientError
from desktop_app.services.live_sending import LiveSending
from desktop_app.services.live_views import (
    EVENT_CONVERSATIONS,
    MAX_QUOTE_CHARS,
    MessageRow,
    PinnedRow,
)
from desktop_app.services.search import SearchResult
from desktop_app.storage.timeutil import to_ms

MAX_PINNED_CHATS: Final = 3  # pinned to the top of the list, as in the messengers staff know


@dataclass(frozen=True, slots=True)
class Disappearing:
    """What the conversation menu and the chat header show about disappearing messages."""

    hours: int | None  # in force on this PC (the shorter of the chat's and IT's); None: off
    may_set: bool  # an admin of the group, or either person of a 1:1 chat
    by_policy: bool  # IT's ``ephemeral_hours`` sets the hours (the chat cannot lengthen it)


@dataclass(frozen=True, slots=True)
class Mentionable:
    uid: str
    name: str
    function: bool  # a functional account (e.g. the doctor on duty), not a person


class LiveConversationTools(LiveSending):
    rules: machine.Policy
    receipts_enabled: bool

    # ---- pins ------------------------------------------------------------------------

    def pinned(self, conversation: str) -> list[PinnedRow]:
        """The chat's pinned bar: the (at most 3) most recently pinned messages."""
        rows = []
        for mid in self.container.events.pinned(conversation):
            message = self.container.messages.get(mid)
            if message is not None:
                snippet = self._preview(message).strip()[:MAX_QUOTE_CHARS]
                rows.append(PinnedRow(mid, self.name(message.sender_uid), snippet))
        return rows

    def still_stored(self, message_ids: list[MessageId]) -> set[MessageId]:
        """Which of the chat's rows are still in the container: retention and the
        disappearing-messages timer purge without naming what (docs/privacy.md)."""
        return self.container.messages.stored(message_ids)

    async def pin(self, message_id: MessageId, pinned: bool = True) -> MessageRow | None:
        """Pin a message for everyone in its conversation, or unpin it (any member)."""
        async with self._busy:
            await self.messenger.events.pin(message_id, pinned)
        return self._changed(message_id)

    # ---- forward ---------------------------------------------------------------------

    @property
    def forward_allowed(self) -> bool:
        return machine.forward_allowed(self.rules)

    async def forward(self, message_id: MessageId, to: str) -> MessageRow:
        """Copy a message (and its files, re-encrypted) into conversation ``to``."""
        async with self._busy:
            copy = await forwarding.forward(
                self.messenger, message_id, to, allowed=self.forward_allowed
            )
        return self._after_send(copy)

    # ---- mute ------------------------------------------------------------------------

    def muted(self, conversation: str) -> bool:
        return self.container.conversations.muted(ConversationId(conversation))

    def set_muted(self, conversation: str, muted: bool) -> None:
        """No pop-ups from this conversation, except urgent messages and mentions of me."""
        self.container.conversations.set_muted(ConversationId(conversation), muted)
        self._notify(EVENT_CONVERSATIONS, None)

    # ---- the person's own list: pinned to the top, marked unread ----------------------

    def set_pinned(self, conversation: str, pinned: bool) -> None:
        """Pin to the top of my list (at most MAX_PINNED_CHATS), or unpin; only here."""
        conversations = self.container.conversations
        cid = ConversationId(conversation)
        if pinned and conversations.pinned_count() >= MAX_PINNED_CHATS:
            raise ClientError(
                f"At most {MAX_PINNED_CHATS} conversations can be pinned; unpin one first.",
                key="chats_pinned_full",
                maximum=MAX_PINNED_CHATS,
            )
        conversations.set_pinned(cid, to_ms(self.session.clock()) if pinned else None)
        self._notify(EVENT_CONVERSATIONS, None)

    def mark_unread(self, conversation: str) -> None:
        """Counts as unread (a badge) until opened again: to come back to it later."""
        self.container.conversations.mark_unread(ConversationId(conversation))
        self._notify(EVENT_CONVERSATIONS, None)

    # ---- disappearing messages -------------------------------------------------------

    def disappearing(self, conversation: str) -> Disappearing:
        ephemeral = self.messenger.ephemeral
        hours = ephemeral.hours(conversation)
        policy = ephemeral.policy_hours
        return Disappearing(
            hours, ephemeral.may_set(conversation), bool(policy) and hours == policy
        )

    async def set_disappearing(self, conversation: str, hours: int | None) -> Disappearing:
        """For everyone in the conversation (refused unless ``may_set``)."""
        async with self._busy:
            await self.messenger.ephemeral.set(conversation, hours)
        self._notify(EVENT_CONVERSATIONS, None)
        return self.disappearing(conversation)

    # ---- @mentions -------------------------------------------------------------------

    def mentionable(self, conversation: str) -> list[Mentionable]:
        """Who "@" offers in a group: its other members, then the functional accounts."""
        state = self.container.conversations.state(ConversationId(conversation))
        if state is None or state.kind is ConversationKind.DIRECT:
            return []
        people = [
            Mentionable(uid, self.name(uid), False) for uid in state.members if uid != self.uid
        ]
        try:
            entries = self.session.directory.index().entries
        except DirectoryError:  # an unverifiable directory offers no roles
            entries = ()
        roles = [Mentionable(e.uid, e.cn or e.uid, True) for e in entries if e.is_function]
        return sorted(people, key=lambda m: m.name.casefold()) + sorted(
            roles, key=lambda m: m.name.casefold()
        )

    # ---- voice messages --------------------------------------------------------------

    async def send_voice(self, conversation: str, pcm: bytes, rate: int) -> MessageRow:
        """A recording from the app (mono 16-bit PCM in memory), encoded to Opus here."""
        clip = voice.encode_pcm(pcm, rate)
        async with self._busy:
            message = await voice.send_voice(self.messenger, conversation, clip, deliver=False)
        self._after_send(message)
        async with self._busy:
            await self.messenger.deliver_if_online()
        return self._after_send(self.container.messages.get(message.message_id) or message)

    # ---- search ----------------------------------------------------------------------

    def search_messages(
        self, text: str, conversation: str | None = None, limit: int = searching.DEFAULT_RESULTS
    ) -> list[SearchResult]:
        """Every conversation's messages and file names matching ``text``, newest first."""
        return searching.search(
            self.container, self.uid, self.name, text, conversation=conversation, limit=limit
        )

    # ---- message info and typing -----------------------------------------------------

    def message_info(self, message_id: str) -> info.MessageInfo:
        """Each other member's delivered/read/acknowledged time of one of my messages."""
        return info.message_info(
            self.container,
            self.uid,
            MessageId(message_id),
            receipts_enabled=self.receipts_enabled,
            name=self.name,
        )

    async def typing(self, conversation: str) -> None:
        """The person types in ``conversation`` (called per keystroke, at most every few
        seconds): the room key goes out now if a device lacks it (services/key_ahead.py),
        and "is typing" where the policy has it on."""
        if self.messenger.key_ahead.due(conversation):
            async with self._busy:
                await self.messenger.key_ahead.prepare(conversation)
        if self.messenger.typing.due(conversation):
            async with self._busy:
                await self.messenger.typing.typing(conversation)

    async def about_to_send(self, conversation: str) -> None:
        """The person is about to send here without typing (a file attached, a forward's
        conversation chosen): the room key goes out now if a device lacks it, as while
        typing (services/key_ahead.py), so Send does not wait for it."""
        if self.messenger.key_ahead.due(conversation):
            async with self._busy:
                await self.messenger.key_ahead.prepare(conversation)

    def typing_names(self, conversation: str) -> tuple[str, ...]:
        """The names of who is typing in ``conversation`` now."""
        return tuple(self.name(u) for u in self.messenger.typing.who(conversation))
