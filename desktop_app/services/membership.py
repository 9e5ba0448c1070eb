"""Who may say who is in a conversation: the rule every receiving device applies.

The members of a conversation are the people every device encrypts to, so a
membership state from a peer is judged here before anything is stored. Megolm has
already proved which person's device sent it; this decides whether that person may.

* **Direct** (id ``d-`` + hash of the two uids): its members are exactly the two people
  the id is derived from, forever. A state for it must say ``direct``, list exactly
  those two and come from one of them. Once known it never changes, so a later state
  (whatever its version) is ignored.
* **Group** (id ``g-`` + hash of the creator's uid and a random salt): the id itself
  names the creator. A device meeting the group for the first time (a member added
  later, a new device) accepts its state only from that creator, with the creator as
  the only admin. Afterwards a change needs a current admin, a higher version, no new
  admins, and the same creator and salt. Nobody can be made admin, so in practice the
  creator alone changes a group; a group whose creator left keeps its members.
* A group's title holds no control or direction-changing characters (line breaks, a
  right-to-left override): its creator's client leaves them out, so one that has them
  was made to mislead and is refused.
* In both, the sender is a member of the state it sends, and a state that does not
  list this device's person is not for it: a removed member gets the new state in an
  Olm control message instead (``judge_removal``), by the group rules above, and only
  if it removes her; so "X removed you" is shown only where X did, and her devices
  stop sending into a group that no longer delivers to anyone.

Groups made before schema 7 (random ids) keep working where their state is known; a
device meeting one for the first time refuses it, since nothing proves its admin.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.plain_text import hides_text
from desktop_app.protocol import content as wire
from desktop_app.storage.sql_messages import ConversationState

DIRECT_PREFIX = "d-"
GROUP_PREFIX = "g-"


def direct_conversation_id(a: str, b: str) -> ConversationId:
    """Both people compute the same id, so two first messages meet in one conversation."""
    low, high = sorted((a, b))
    digest = hashlib.sha256(f"wardlink-direct\0{low}\0{high}".encode()).hexdigest()
    return ConversationId(DIRECT_PREFIX + digest[:32])


def group_conversation_id(creator: str, salt: bytes) -> ConversationId:
    """A group id that commits to its creator: nobody else can produce a state for it."""
    digest = hashlib.sha256(b"wardlink-group\0" + creator.encode() + b"\0" + salt).hexdigest()
    return ConversationId(GROUP_PREFIX + digest[:32])


class Outcome(enum.Enum):
    ACCEPT = "accept"
    UNCHANGED = "unchanged"  # allowed, but nothing new (a known direct chat, an old version)
    REFUSE = "refuse"  # not allowed: log it as a security event


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    reason: str = ""


_ACCEPT = Verdict(Outcome.ACCEPT)


def judge(
    conversation_id: str,
    current: ConversationState | None,
    offered: wire.GroupState,
    *,
    sender: str,
    me: str,
) -> Verdict:
    """May ``sender`` set ``conversation_id`` to ``offered``, given what we hold?"""
    if sender not in offered.members:
        return Verdict(Outcome.REFUSE, "the sender is not among the members it names")
    if me not in offered.members:
        return Verdict(Outcome.UNCHANGED, "a state without us is not ours to apply")
    if offered.kind == "direct" or conversation_id.startswith(DIRECT_PREFIX):
        return _judge_direct(conversation_id, current, offered)
    return _judge_group(conversation_id, current, offered, sender)


def judge_removal(
    conversation_id: str,
    current: ConversationState | None,
    offered: wire.GroupState,
    *,
    sender: str,
    me: str,
) -> Verdict:
    """May ``sender`` remove us from ``conversation_id`` by setting it to ``offered``?"""
    if current is None:
        return Verdict(Outcome.REFUSE, "a removal from a conversation we do not know")
    if offered.kind != "group" or conversation_id.startswith(DIRECT_PREFIX):
        return Verdict(Outcome.REFUSE, "nobody is removed from a direct conversation")
    if me not in current.members:
        return Verdict(Outcome.UNCHANGED, "removed already")
    if me in offered.members:
        return Verdict(Outcome.REFUSE, "a removal notice whose state keeps us")
    if sender not in offered.members:
        return Verdict(Outcome.REFUSE, "the sender is not among the members it names")
    return _judge_group(conversation_id, current, offered, sender)


def _judge_direct(
    conversation_id: str, current: ConversationState | None, offered: wire.GroupState
) -> Verdict:
    if offered.kind != "direct":
        return Verdict(Outcome.REFUSE, "a direct conversation cannot become a group")
    pair = set(offered.members)
    if len(pair) != 2 or len(offered.members) != 2:
        return Verdict(Outcome.REFUSE, "a direct conversation has exactly two people")
    if direct_conversation_id(*pair) != conversation_id:
        return Verdict(Outcome.REFUSE, "its members are not the two people of its id")
    if current is not None:
        return Verdict(Outcome.UNCHANGED, "a direct conversation never changes")
    return _ACCEPT


def _judge_group(
    conversation_id: str,
    current: ConversationState | None,
    offered: wire.GroupState,
    sender: str,
) -> Verdict:
    if hides_text(offered.title):  # honest clients leave them out (plain_title)
        return Verdict(Outcome.REFUSE, "the title holds control or direction characters")
    if current is None:
        if offered.creator is None or len(offered.salt) != wire.GROUP_SALT_BYTES:
            return Verdict(Outcome.REFUSE, "a group state must name its creator")
        if group_conversation_id(offered.creator, offered.salt) != conversation_id:
            return Verdict(Outcome.REFUSE, "the group id was not made by the named creator")
        if sender != offered.creator:
            return Verdict(Outcome.REFUSE, "only the group's creator introduces it")
        if set(offered.admins) - {offered.creator}:
            return Verdict(Outcome.REFUSE, "nobody but the creator can be an admin")
        return _ACCEPT
    if current.creator is not None and (
        offered.creator != current.creator or offered.salt != current.salt
    ):
        return Verdict(Outcome.REFUSE, "the state names another creator")
    if _same(current, offered):
        # Any member announces the state it holds when its room key rotates (for a
        # device that joined since); the one we hold already is no change, and no
        # reason to warn about the member who repeated it.
        return Verdict(Outcome.UNCHANGED, "the state we hold")
    if sender not in current.admins:
        return Verdict(Outcome.REFUSE, "only a current admin changes a group")
    if offered.version <= current.version:
        return Verdict(Outcome.UNCHANGED, "an older or equal version")
    if set(offered.admins) - set(current.admins):
        return Verdict(Outcome.REFUSE, "a change cannot make new admins")
    return _ACCEPT


def _same(current: ConversationState, offered: wire.GroupState) -> bool:
    return (
        offered.version == current.version
        and offered.title == current.title
        and set(offered.members) == set(current.members)
        and set(offered.admins) == set(current.admins)
    )
