"""The conversation view: paged message list with bubbles, attachments, urgent messages and
the composer. ``ChatView`` is the one entry point for the app shell."""

from desktop_app.ui.chat.view import ChatView

__all__ = ["ChatView"]
