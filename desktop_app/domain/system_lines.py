"""System lines ("X added Y.") stored as a kind and parameters, rendered when shown.

Services used to store finished German sentences, so an English UI showed German.
Now the stored body is a small JSON object such as
``{"k": "group_created", "by": "Dr. Weber", "title": "Station 4"}``; the GUI renders it
with tr() in the reader's language, the CLI in English (``english``). Bodies stored
before this change are plain text and are shown as they are (``decode`` gives None).
"""

from __future__ import annotations

import json
from typing import Final

# kind -> (English template, the parameters it needs). The GUI keeps the same
# sentences in its translation catalogue (ui/chat/system_text.py).
TEMPLATES: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "you_created": ("You created the group “{title}”.", ("title",)),
    "group_created": ("{by} created the group “{title}”.", ("by", "title")),
    "added_you": ("{by} added you to the group “{title}”.", ("by", "title")),
    "member_added": ("{by} added {who}.", ("by", "who")),
    "member_removed": ("{by} removed {who}.", ("by", "who")),
    "renamed": ("{by} renamed the group to “{title}”.", ("by", "title")),
    "new_device": ("{who} has a new device.", ("who",)),
    "removed_you": ("{by} removed you from the group.", ("by",)),
    "escalated": (
        "Not acknowledged within {minutes} minutes: sent on to {to}.",
        ("minutes", "to"),
    ),
    # A message deleted for everyone leaves this tombstone (services/message_events.py).
    "deleted": ("Message deleted by {by} at {at}.", ("by", "at")),
    # Disappearing messages switched on or off (services/ephemeral.py).
    "ephemeral_on": (
        "{by} turned on disappearing messages: deleted {hours} hours after reading.",
        ("by", "hours"),
    ),
    "ephemeral_off": ("{by} turned off disappearing messages.", ("by",)),
    # Content of a kind or version this client does not know (protocol/content.py).
    "needs_newer": ("This message needs a newer WardLink.", ()),
    "missed_call": ("Missed call from {who}.", ("who",)),
    "call_held": ("Call with {who}, {duration}.", ("who", "duration")),  # before direction
    # A 1:1 call (services/call_history.py): direction, who, and how long (m:ss) or how
    # it ended unanswered, on the side that placed or took it.
    "call_out": ("Outgoing call to {who}, {duration}.", ("who", "duration")),
    "call_in": ("Incoming call from {who}, {duration}.", ("who", "duration")),
    "call_not_answered": ("Outgoing call to {who}: no answer.", ("who",)),
    "call_declined": ("Outgoing call to {who}: declined.", ("who",)),
    "call_busy": ("Outgoing call to {who}: busy.", ("who",)),
    "call_failed": ("Call with {who}: no connection.", ("who",)),
    "you_declined": ("Incoming call from {who}: declined.", ("who",)),
    # A group call (services/group_calls.py): who is in it now, and its end.
    "group_call": ("Group call: {who}.", ("who",)),
    "group_call_over": ("The group call has ended.", ()),
}
MAX_PARAM_CHARS: Final = 256  # names and titles; a longer value is cut when rendered


def encode(kind: str, **params: str) -> str:
    """The body to store for one system line."""
    if kind not in TEMPLATES:
        raise ValueError(f"unknown system line kind {kind!r}")
    missing = set(TEMPLATES[kind][1]) - set(params)
    if missing:
        raise ValueError(f"system line {kind!r} needs {sorted(missing)}")
    return json.dumps({"k": kind, **params}, ensure_ascii=False, sort_keys=True)


def decode(body: str) -> tuple[str, dict[str, str]] | None:
    """(kind, parameters) of a structured body; None for old plain-text lines and junk."""
    if not body.startswith("{"):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("k") not in TEMPLATES:
        return None
    kind = str(data["k"])
    params = {name: str(data.get(name, ""))[:MAX_PARAM_CHARS] for name in TEMPLATES[kind][1]}
    return kind, params


def english(body: str) -> str:
    """The line in English (CLI, logs); an old plain-text line unchanged."""
    decoded = decode(body)
    if decoded is None:
        return body
    kind, params = decoded
    return TEMPLATES[kind][0].format(**params)
