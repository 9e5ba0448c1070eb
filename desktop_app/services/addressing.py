"""Who a new message goes to: a known conversation, a person's 1:1 (created and
announced if new) or a functional account's current holders, and the checks a new
message of mine passes before it is stored (membership, mentions, escalation target)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.domain.ids import ConversationId, Uid
from desktop_app.domain.message_ids import new_id_from
from desktop_app.domain.model import Message, MessageState
from desktop_app.protocol import content as wire
from desktop_app.services import conversations
from desktop_app.services import mentions as mentions_rule
from desktop_app.services import role_conversations as roles
from desktop_app.services.errors import ClientError, RelayUnavailable
from desktop_app.services.escalation_target import known_target
from desktop_app.services.session import ClientSession
from desktop_app.storage.sql_messages import ConversationState

if TYPE_CHECKING:
    from desktop_app.services.messenger import Messenger


async def new_message(
    m: Messenger,
    to: str,
    text: str,
    *,
    urgent: bool = False,
    reply_to: str | None = None,
    forwarded: bool = False,
    mentions: tuple[str, ...] = (),
    escalate_to: str | None = None,
) -> tuple[Message, ConversationState]:
    """A new QUEUED message of mine (not stored yet) and its conversation's state."""
    s = m.s
    if escalate_to is not None:
        _check_escalation_target(s, urgent, escalate_to)
    # A known conversation id (every send from the GUI) is one read, not five.
    state = s.container.conversations.state(ConversationId(to))
    cid = ConversationId(to)
    if state is None:
        cid = await open_conversation(m, to)
        state = s.container.conversations.state(cid)
    assert state is not None
    if s.uid not in state.members:
        raise ClientError("You are no longer a member of this conversation.", key="not_member")
    message = Message(
        message_id=new_id_from(s.uid),  # names me: nobody else's can take it
        conversation_id=cid,
        sender_uid=Uid(s.uid),
        sent_at=s.clock(),
        body=text[: wire.MAX_TEXT_CHARS],
        state=MessageState.QUEUED,
        urgent=urgent,
        reply_to=m.events.reply_target(cid, reply_to),
        forwarded=forwarded,
        mentions=_mentions(s, state.members, mentions),
        escalate_to=None if escalate_to is None else Uid(escalate_to),
    )
    return message, state


async def open_conversation(m: Messenger, to: str) -> ConversationId:
    """The conversation a message to ``to`` goes into: a known conversation id, the
    1:1 with a person (created and announced if new), or this sender's conversation
    with a functional account's current holders."""
    role = await roles.functional_account(m.s, to)
    if role is not None:
        return await roles.role_conversation(m, role)
    return await _direct_conversation(m, to)


async def _direct_conversation(m: Messenger, to: str) -> ConversationId:
    s = m.s
    cid = conversations.resolve(s.container, s.uid, to)
    if s.container.conversations.state(cid) is not None:
        return cid
    if s.link is None:
        raise RelayUnavailable(
            "A new conversation needs the relay (to check the person's devices); "
            "existing conversations work offline.",
            key="new_chat_offline",
        )
    await roles.require_people(s, [to])
    person = s.container.peers.person(Uid(to))
    title = person.display_name if person else to
    state = conversations.direct_state(s.uid, to, title, s.clock())
    s.container.conversations.apply_state(cid, conversations.to_local(state), s.clock())
    await m.outgoing.queue_content(cid, tuple(state.members), state, message_id=None, now=s.clock())
    return cid


def _mentions(
    s: ClientSession, members: tuple[Uid, ...], named: tuple[str, ...]
) -> tuple[Uid, ...]:
    kept = mentions_rule.accepted(s, named, members)
    if len(kept) != len(set(named)):
        unknown = sorted(set(named) - set(kept))
        raise ClientError(
            f"Only members or functional accounts can be mentioned, not {', '.join(unknown)}.",
            key="mention_not_member",
            who=", ".join(s.display_name(u) for u in unknown),
        )
    return kept[: wire.MAX_MENTIONS]


def _check_escalation_target(s: ClientSession, urgent: bool, uid: str) -> None:
    """A per-message escalation target: only for urgent messages, only a directory uid."""
    if not urgent:
        raise ClientError(
            "Only an urgent message can have an escalation target.", key="escalate_urgent_only"
        )
    if not known_target(s, uid):
        raise ClientError(
            f"{uid} is not in the staff directory; urgent messages can only be escalated "
            "to a person or functional account of the directory.",
            key="escalate_not_in_directory",
        )
