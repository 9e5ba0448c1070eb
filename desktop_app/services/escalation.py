"""Escalation: an urgent message nobody acknowledged in time goes on to someone on duty.

The sender's own client does it (no relay support needed, the relay sees only one more
urgent message): every ``ESCALATION_CHECK_S`` it looks at its urgent messages sent
between ``ESCALATION_WINDOW`` and N minutes ago (machine policy
``urgent_escalation_minutes``, default 5, 0 = off) that no recipient acknowledged
(no ACKNOWLEDGED receipt; only these are read from the container, the oldest
``MAX_ESCALATIONS_PER_ROUND`` of them per round, so handled ones never crowd out a new
one). Each is re-sent, once, as an urgent message
"Escalated from Anna Weber → Jonas Müller: <text>" to the person's escalation target,
and the original conversation gets the line "Not acknowledged within 5 minutes: sent
on to Dienstarzt Kardiologie."

The target is the one the sender picked for THAT message ("Escalate to…" at the
composer's urgent toggle, ``client send --urgent --escalate-to UID``; it travels in
``ChatMessage.escalate_to`` and is stored with the message), else the person's own
container setting ``urgent_escalation_to``: a person's uid or a functional account's uid
(its current holders receive it, as any message to the role). Either must be a uid of
the verified staff directory (services/escalation_target.py): the sender's client refuses others, a
receiver drops the field. Without a target nothing is escalated. A message once escalated is marked
with the container setting ``escalated.<message id>`` so it never goes twice; the
copy is marked the same way, so it is not escalated in turn. A person's other PCs
receive her message (and the copy) too: they escalate it only if the PC it was written on
has not after twice the time, so the target is paged once. Once stored, a copy is
never made again: one that cannot be sent now stays queued (or shows as failed).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from desktop_app.domain import system_lines
from desktop_app.domain.ids import MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.services import conversations, escalation_copies
from desktop_app.services.errors import ClientError
from desktop_app.services.messenger import Messenger
from desktop_app.services.preferences import ESCALATE_TO_KEY
from desktop_app.storage.sql_receipts import ReceiptKind

log = logging.getLogger("wardlink.escalation")

TARGET_SETTING = ESCALATE_TO_KEY  # the person chooses it in Settings
"""Container setting: the uid (person or functional account) escalations go to."""
ESCALATED_PREFIX = "escalated."
"""Container setting ``escalated.<message id>``: that message was escalated already."""
ESCALATION_CHECK_S = 30.0
"""How often the sender's client looks for due escalations while connected."""
ESCALATION_WINDOW = timedelta(hours=12)
"""Older urgent messages are not escalated any more (e.g. after a PC was off overnight)."""
MAX_ESCALATIONS_PER_ROUND = 20


def due(
    sent: Iterable[Message],
    acknowledged: Callable[[MessageId], bool],
    escalated: Callable[[MessageId], bool],
    now: datetime,
    minutes: int,
) -> list[Message]:
    """My urgent messages due for escalation at ``now``: older than ``minutes``, within
    the window, not acknowledged by anyone and not escalated yet. ``minutes`` 0 = off."""
    if minutes <= 0:
        return []
    limit = now - timedelta(minutes=minutes)
    return [
        m
        for m in sent
        if m.urgent
        and now - ESCALATION_WINDOW <= m.sent_at <= limit
        and not acknowledged(m.message_id)
        and not escalated(m.message_id)
    ]


def escalated_text(sender: str, recipient: str, text: str) -> str:
    """The body of the re-sent message: whose it was and to whom it went."""
    return f"{_copy_prefix(sender)}{recipient}: {text}"


def _copy_prefix(sender: str) -> str:
    return f"Escalated from {sender} → "


async def escalate_due(messenger: Messenger, minutes: int) -> list[Message]:
    """One round: re-send every due message to the target; the re-sent messages."""
    s = messenger.s
    container = s.container
    default = (container.settings.get(TARGET_SETTING) or "").strip()
    if minutes <= 0:
        return []
    now = s.clock()
    since = now - ESCALATION_WINDOW
    mine = container.messages.escalation_candidates(
        Uid(s.uid),
        since,
        now - timedelta(minutes=minutes),
        MAX_ESCALATIONS_PER_ROUND,
        marked_prefix=ESCALATED_PREFIX,
        any_target=bool(default),
    )
    here = [m for m in mine if m.sender_device in (None, s.device_id)]
    me = s.display_name(s.uid)

    def handled_elsewhere(m: Message) -> bool:
        """My other PC's copy (never escalated again), or a message it escalated (its
        copy came here too): the "escalated" marks are per container."""
        if m.body.startswith(_copy_prefix(me)):
            return True
        copy = escalated_text(me, _conversation_name(messenger, m), m.body)
        return container.messages.sent_urgent_text(Uid(s.uid), since, copy)

    # Written on another PC of mine: escalated here only if that PC did not, after twice
    # the time (it goes first; it may be switched off or its person's session closed).
    # What it handled is marked here too, so it is not looked at again.
    elsewhere = []
    for m in mine:
        if m in here:
            continue
        if handled_elsewhere(m):
            container.settings.set(ESCALATED_PREFIX + m.message_id, now.isoformat())
        else:
            elsewhere.append(m)

    def acknowledged(message_id: MessageId) -> bool:
        return any(
            r.kind is ReceiptKind.ACKNOWLEDGED and r.uid != s.uid
            for r in container.receipts.for_message(message_id)
        )

    def escalated(message_id: MessageId) -> bool:
        return container.settings.get(ESCALATED_PREFIX + message_id) is not None

    sent = []
    ripe = due(here, acknowledged, escalated, now, minutes)
    ripe += due(elsewhere, acknowledged, escalated, now, 2 * minutes)
    for message in ripe:
        target = message.escalate_to or default  # picked for this message, else setting
        if not target:
            continue
        if message.conversation_id in (target, conversations.direct_conversation_id(s.uid, target)):
            # Written to the target itself (or its conversation): nothing to escalate.
            container.settings.set(ESCALATED_PREFIX + message.message_id, now.isoformat())
            continue
        recipient = _conversation_name(messenger, message)
        to_name = s.display_name(target)
        body = escalated_text(s.display_name(s.uid), recipient, message.body)
        # Marked first: a failure below must not lead to a second copy on the next round.
        container.settings.set(ESCALATED_PREFIX + message.message_id, now.isoformat())
        try:
            again = await messenger.send_text(target, body, urgent=True, deliver=False)
        except ClientError as exc:  # nothing stored: the next round tries again
            log.warning("escalation of %s to %s failed: %s", message.message_id, target, exc)
            container.settings.delete(ESCALATED_PREFIX + message.message_id)
            continue
        # The copy is urgent too, but is not escalated again (no chain of copies).
        container.settings.set(ESCALATED_PREFIX + again.message_id, now.isoformat())
        escalation_copies.remember(container, message.message_id, again.message_id)
        if not await _deliver(messenger, again):
            continue
        line = system_lines.encode("escalated", minutes=str(minutes), to=to_name)
        conversations.system_line(
            container,
            message.conversation_id,
            s.uid,
            line,
            f"escalated/{message.message_id}",
            now,
        )
        sent.append(again)
    return sent


async def _deliver(messenger: Messenger, copy: Message) -> bool:
    """Send the stored copy; False if it cannot reach anyone. Once stored it is never
    made again: a target whose devices take no keys (a modified client can publish keys
    that do not verify) would otherwise get a new copy every round for 12 hours."""
    try:
        await messenger.deliver_if_online()
    except ClientError as exc:  # queued copies go on the next connect, failed ones show
        log.warning("escalated copy %s not sent now: %s", copy.message_id, exc)
    stored = messenger.s.container.messages.get(copy.message_id)
    return stored is not None and stored.state is not MessageState.FAILED


def _conversation_name(messenger: Messenger, message: Message) -> str:
    """Who the original went to: the other person of a 1:1, else the group's title."""
    s = messenger.s
    state = s.container.conversations.state(message.conversation_id)
    if state is None:
        return str(message.conversation_id)
    others = [m for m in state.members if m != s.uid]
    if len(others) == 1:
        return s.display_name(others[0])
    return state.title or ", ".join(s.display_name(m) for m in others)


async def watch_escalations(
    messenger: Messenger,
    busy: asyncio.Lock,
    minutes: int,
    changed: Callable[[], None],
    interval_s: float = ESCALATION_CHECK_S,
) -> None:
    """Until cancelled: escalate what is due, wait, again (off with ``minutes`` 0)."""
    if minutes <= 0:
        return
    while True:
        try:
            async with busy:
                sent = await escalate_due(messenger, minutes)
        except ClientError as exc:  # e.g. the relay went away; the next round retries
            log.warning("escalation round failed: %s", exc)
            sent = []
        if sent:
            changed()
        await asyncio.sleep(interval_s)
