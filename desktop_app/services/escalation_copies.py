"""Which copy my client made of which urgent message when it escalated it.

Escalation (services/escalation.py) re-sends an unacknowledged urgent message on its own
to someone on duty. The sender never chose that copy, so deleting the original for
everyone must delete the copy too (docs/privacy.md "What deleting leaves"); this records
the link in the container setting ``escalation_copy.<original id>`` = the copy's id.
Copies made before the link was kept, or on another PC of mine, are not linked.
"""

from __future__ import annotations

from desktop_app.domain.ids import MessageId
from desktop_app.storage.container import Container

COPY_PREFIX = "escalation_copy."


def remember(container: Container, original: MessageId, copy: MessageId) -> None:
    container.settings.set(COPY_PREFIX + original, copy)


def copy_of(container: Container, original: MessageId) -> MessageId | None:
    found = container.settings.get(COPY_PREFIX + original)
    return MessageId(found) if found else None


def forget(container: Container, original: MessageId) -> None:
    container.settings.delete(COPY_PREFIX + original)
