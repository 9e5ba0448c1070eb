"""Search across all conversations (or one): message text through the container's FTS
index, and attachments by file name (issue 13). Used by the GUI's results list and by
``wardlink client search``; both show the conversation, sender, time and a snippet.

System lines are left out (their stored body is a structured code, not what anyone
reads), and so are deleted messages (their text is purged anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.marked_text import MarkedText
from desktop_app.domain.model import Message, MessageKind
from desktop_app.services import conversations
from desktop_app.storage.container import Container

MAX_RESULTS: Final = 200  # what one search shows at most (newest first)
DEFAULT_RESULTS: Final = 50


@dataclass(frozen=True, slots=True)
class SearchResult:
    message: Message
    conversation_title: str
    sender_name: str
    snippet: MarkedText  # text around the match, the matches as spans; or the file name
    file_name: str = ""  # set when the match is an attachment's file name


def search(
    container: Container,
    me: str,
    name: Callable[[str], str],
    text: str,
    *,
    conversation: str | None = None,
    limit: int = DEFAULT_RESULTS,
) -> list[SearchResult]:
    """Matches of ``text`` newest first; each message once (text before file name).
    ``me``: my uid (a 1:1 chat is titled after the other person); ``name``: uid → name."""
    limit = max(1, min(limit, MAX_RESULTS))
    messages = container.messages
    cid = ConversationId(conversation) if conversation else None
    hits = [
        (hit.message, hit.snippet, "")
        for hit in messages.search(text, limit=limit, conversation_id=cid)
    ]
    seen = {m.message_id for m, _s, _f in hits}
    for hit in messages.search_files(text, limit=limit, conversation_id=cid):
        if hit.message.message_id not in seen:
            seen.add(hit.message.message_id)
            hits.append((hit.message, hit.snippet, hit.snippet.text))
    hits = [h for h in hits if h[0].kind is MessageKind.TEXT and h[0].deleted_at is None]
    hits.sort(key=lambda h: h[0].sent_at, reverse=True)
    titles: dict[str, str] = {}
    return [
        SearchResult(
            message,
            _title(container, me, name, message.conversation_id, titles),
            name(message.sender_uid),
            snippet,
            file_name,
        )
        for message, snippet, file_name in hits[:limit]
    ]


def _title(
    container: Container,
    me: str,
    name: Callable[[str], str],
    cid: ConversationId,
    cache: dict[str, str],
) -> str:
    """A group's title; a 1:1 chat is called after the other person."""
    if cid not in cache:
        cache[cid] = conversations.title_of(container, cid, me, name)
    return cache[cid]
