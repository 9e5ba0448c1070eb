"""Unlocking a person's session and reading their preferences in one step.

The main window is built in the person's own language (Settings), so their preferences
must be known before any event of the new session can reach a window: both are done on
the services' thread, one after the other, and handed to the GUI together.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable

from desktop_app.services.live_client import LiveClient

log = logging.getLogger("wardlink.ui")


async def with_preferences(unlocking: Awaitable[LiveClient]) -> tuple[LiveClient, object]:
    """The unlocked client and the person's preferences (None if they cannot be read:
    a preference that cannot be read keeps nobody out; the PC's defaults apply)."""
    client = await unlocking
    try:
        prefs: object = client.preferences()
    except Exception:  # the window opens with the PC's defaults
        log.warning("preferences not readable; the PC's defaults apply", exc_info=True)
        prefs = None
    return client, prefs
