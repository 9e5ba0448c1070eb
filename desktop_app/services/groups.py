"""Groups: create them, add and remove members, rename them, and add pending members
once they enrolled (services/pending_members.py). The membership rule every receiver applies is
services/membership.py; this is the admin's side of it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.directory.errors import DirectoryError
from desktop_app.domain.ids import ConversationId, Uid
from desktop_app.domain.model import ConversationKind
from desktop_app.protocol import content as wire
from desktop_app.services import conversations, pending_members
from desktop_app.services.errors import ClientError, UnknownRecipient
from desktop_app.services.outgoing import Outgoing
from desktop_app.services.session import ClientSession
from desktop_app.storage.sql_messages import ConversationState


class Groups:
    def __init__(self, session: ClientSession, outgoing: Outgoing) -> None:
        self.s = session
        self.outgoing = outgoing
        # Told of each member added (services/documents.py shares the team's documents).
        self.on_member_added: Callable[[ConversationId, str], Awaitable[object]] | None = None

    async def create_group(self, title: str, uids: list[str]) -> ConversationId:
        """Create the group with everyone who has an enrolled device; the others are kept
        as pending members here and added once they enrolled (``add_pending_members``)."""
        s = self.s
        others = sorted(set(uids) - {s.uid})
        if not others:
            raise ClientError("A group needs at least one other person.", key="group_needs_someone")
        if not conversations.group_title(title):
            raise ClientError("A group needs a name.", key="group_title_empty")
        ready, waiting = await self._split_by_device(others)
        if not ready:
            raise UnknownRecipient(
                "Nobody you chose has an enrolled device yet; a group needs at least one.",
                key="group_nobody_enrolled",
            )
        cid, state = conversations.create_group_locally(
            s.container, s.uid, title, tuple(ready), s.clock()
        )
        if waiting:
            pending_members.add(s.container.settings, cid, waiting)
        await self.outgoing.queue_content(
            cid, tuple(state.members), state, message_id=None, now=s.clock()
        )
        await self.outgoing.flush()
        return cid

    async def add_member(self, conversation: str, uid: str) -> bool:
        """Add ``uid``; True if added now, False if kept pending (no enrolled device yet)."""
        cid, state = self._admin_of(conversation)
        if uid in state.members:
            return True
        ready, _waiting = await self._split_by_device([uid])
        if not ready:
            pending_members.add(self.s.container.settings, cid, [uid])
            return False
        await self.change(cid, state, (*state.members, Uid(uid)))
        pending_members.remove(self.s.container.settings, cid, [uid])
        if self.on_member_added is not None:
            await self.on_member_added(cid, uid)
        return True

    async def add_pending_members(self) -> list[tuple[ConversationId, str]]:
        """Add the pending members who have enrolled since (one device fetch for all).

        Groups I no longer administer, or that are gone, lose their pending list.
        """
        s = self.s
        if s.link is None:
            return []
        settings = s.container.settings
        waiting = pending_members.load(settings)
        if not waiting:
            return []
        await s.peers.refresh(s.require_link(), {u for uids in waiting.values() for u in uids})
        added: list[tuple[ConversationId, str]] = []
        for conversation, uids in waiting.items():
            cid = ConversationId(conversation)
            state = s.container.conversations.state(cid)
            if state is None or s.uid not in state.admins or s.uid not in state.members:
                pending_members.forget(settings, cid)
                continue
            ready = [u for u in uids if s.peers.live_devices([u])]
            for uid in ready:
                await self.add_member(cid, uid)
                added.append((cid, uid))
        return added

    async def _split_by_device(self, uids: list[str]) -> tuple[list[str], list[str]]:
        """(people with an enrolled device, people without one yet); a uid the verified
        directory does not list is refused: it can never enroll."""
        s = self.s
        await s.peers.refresh(s.require_link(), uids)
        unknown = [u for u in uids if not self._may_enroll(u)]
        if unknown:
            raise UnknownRecipient(
                f"Not in the staff directory: {', '.join(unknown)}.",
                key="not_in_directory",
            )
        ready = [u for u in uids if s.peers.live_devices([u])]
        return ready, [u for u in uids if u not in ready]

    def _may_enroll(self, uid: str) -> bool:
        """Listed in the verified directory (or no directory is known to check against)."""
        directory = self.s.directory
        try:
            verified = directory.load()
            if verified is None or not verified.entries:
                return True
            entry = verified.entries.get(uid)
        except DirectoryError:
            return True
        return entry is not None and not entry.is_function

    async def remove_member(self, conversation: str, uid: str) -> None:
        cid, state = self._admin_of(conversation)
        pending_members.remove(self.s.container.settings, cid, [uid])
        if uid not in state.members:
            return
        new = await self.change(cid, state, tuple(m for m in state.members if m != uid))
        await self.tell_removed(cid, uid, new)

    async def rename_group(self, conversation: str, title: str) -> bool:
        """Give the group a new title (an admin only); True if renamed, False if the title
        is the one it has (then nothing is sent). Every member's device shows the line
        "Anna renamed the group to ..." (conversations._describe)."""
        cid = ConversationId(conversation)
        state = self._state(cid)
        if state.kind is ConversationKind.DIRECT:
            raise ClientError(
                "A 1:1 conversation has no name of its own; start a group.",
                key="rename_direct",
            )
        if self.s.uid not in state.admins or self.s.uid not in state.members:
            raise ClientError("Only a group admin can rename the group.", key="rename_admins_only")
        plain = conversations.group_title(title)
        if not plain:
            raise ClientError("A group needs a name.", key="group_title_empty")
        if plain == state.title:
            return False
        now = self.s.clock()
        await self._send_state(cid, conversations.renamed_state(state, title=plain, now=now))
        return True

    def _state(self, cid: ConversationId) -> ConversationState:
        state = self.s.container.conversations.state(cid)
        if state is None:
            raise UnknownRecipient(
                f"No conversation {cid} in this container.", key="no_conversation"
            )
        return state

    def _admin_of(self, conversation: str) -> tuple[ConversationId, ConversationState]:
        cid = ConversationId(conversation)
        state = self._state(cid)
        if state.kind is ConversationKind.DIRECT:
            raise ClientError(
                "Members of a 1:1 conversation cannot change; start a group.",
                key="direct_members_fixed",
            )
        if self.s.uid not in state.admins:
            raise ClientError("Only a group admin can change its members.", key="admins_only")
        return cid, state

    async def change(
        self, cid: ConversationId, state: ConversationState, members: tuple[str, ...]
    ) -> wire.GroupState:
        """Set and send the group's new members; returns the new state."""
        new = conversations.changed_state(state, members=members, now=self.s.clock())
        await self._send_state(cid, new)
        return new

    async def _send_state(self, cid: ConversationId, new: wire.GroupState) -> None:
        """Apply the group's next state here (with its system lines), then send it to its
        members, as every receiver will judge it (services/membership.py)."""
        s = self.s
        now = s.clock()
        conversations.apply_received_state(
            s.container,
            cid,
            new,
            sender_uid=s.uid,
            me=s.uid,
            envelope_key=f"local/{new.version}",
            at=now,
            name=s.display_name,
        )
        await self.outgoing.queue_content(cid, tuple(new.members), new, message_id=None, now=now)
        await self.outgoing.flush()

    async def tell_removed(self, cid: ConversationId, uid: str, new: wire.GroupState) -> None:
        """The removed person no longer gets the group's messages: her devices get its new
        state over Olm (services/membership.py ``judge_removal``)."""
        body = wire.encode_removal(wire.Removal(1, cid, new))
        await self.outgoing.queue_control(
            uid, Control("conversation.removed", body), now=self.s.clock()
        )
        await self.outgoing.flush()
