"""The body of a tray notification, made literal where the system reads it as markup.

Reminders and alerts put a colleague's words in the body (a conversation, task or event
title, a display name). On Linux Qt hands the body to the freedesktop notification
server (org.freedesktop.Notifications), and a server that offers "body-markup" reads
``<b>``, ``<a href>`` and ``<img src>`` in it: a title could restyle the popup, hide
words or load a picture. Windows and macOS show the body as plain text, where an escape
would show up as ``&lt;``, so there it stays as written.
On a Linux desktop whose tray has no StatusNotifierWatcher, Qt draws its own balloon as
plain text; there the escapes show as written (``&lt;b&gt;``): literal and harmless,
and the rarer case, so the body is escaped on every platform but Windows and macOS.

The title (the notification's summary) is plain text by that specification and is only
ever WardLink's own words (``WardLink reminder``), so it passes unchanged.
"""

from __future__ import annotations

import sys

PLAIN_TEXT_PLATFORMS = ("win32", "cygwin", "darwin")  # native balloons: no markup


def body_reads_markup(platform: str = sys.platform) -> bool:
    """Whether a notification body may be read as markup on ``platform`` (``sys.platform``)."""
    return not platform.startswith(PLAIN_TEXT_PLATFORMS)


def notification_body(text: str, platform: str = sys.platform) -> str:
    """``text`` as the notification shows it literally on ``platform``: ``&``, ``<`` and
    ``>`` escaped where the body may be markup, unchanged where it is plain text."""
    if not body_reads_markup(platform):
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
