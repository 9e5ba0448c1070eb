"""What a receiver keeps of a team document version (docs/teamwork.md "Team files").

* only a current member of the conversation may add a version, and only while we are
  one too; only an admin (who adds members) may share documents (``files.share``, the
  author as the admin vouches), and only in a group (nobody joins a 1:1);
* a document id belongs to the conversation it was first seen in (and, when it was made
  for one, to that one);
* versions are numbered: a number not above the latest held is refused, and so is one
  more than MAX_VERSION_STEP above it (a member jumping to the last number would freeze
  the document); an upload to a document with no number left starts a new document;
* a member may send at most MAX_VERSIONS_PER_MEMBER versions per conversation;
* names and folders are plain names (no path, no control characters) in Unicode NFC
  (one spelling per name that looks the same), sizes bounded.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from desktop_app.domain import bound_ids
from desktop_app.domain.file_names import hidden_characters
from desktop_app.domain.ids import ConversationId
from desktop_app.domain.model import ConversationKind
from desktop_app.protocol.content_files import FOLDER_MAX, NAME_MAX
from desktop_app.storage.container import Container
from desktop_app.storage.sql_documents import DocVersion

# How far a received version's number may lie above the latest one held (versions this
# PC missed; honest clients count up by one). Without a bound one member could send the
# last number (MAX_VERSION) and every later version of the document would be refused.
MAX_VERSION_STEP: Final = 1_000
# Versions one member may send in one conversation (documents are not pruned by
# retention): a duty plan updated every day for 25 years stays below it. The sender's
# client checks it too (services/documents.py), so an honest member is told, not ignored.
MAX_VERSIONS_PER_MEMBER: Final = 10_000


def nfc(text: str) -> str:
    """``text`` in the one spelling document names and folders are kept in (NFC)."""
    return unicodedata.normalize("NFC", text)


def name_problem(name: str, limit: int = NAME_MAX, *, empty_ok: bool = False) -> str:
    """Why ``name`` is not a plain file or folder name ('' if it is)."""
    if not name:
        return "" if empty_ok else "the name is empty"
    if len(name) > limit:
        return f"the name is longer than {limit} characters"
    if name in (".", "..") or name != name.strip():
        return "the name is not a plain name"
    if any(c in "/\\" for c in name) or hidden_characters(name):
        return "the name contains a path separator, a control or an invisible character"
    if not unicodedata.is_normalized("NFC", name):  # a second spelling of another's name
        return "the name is not in Unicode NFC"
    return ""


def refusal(
    container: Container, own_uid: str, cid: ConversationId, sender_uid: str, v: DocVersion
) -> str:
    """Why ``v`` from ``sender_uid`` must not be kept in ``cid`` ('' if it may)."""
    state = container.conversations.state(cid)
    if state is None or sender_uid not in state.members:
        return "the sender is not a member of the conversation"
    if own_uid not in state.members:
        return "we are not a member of the conversation"
    if bound_ids.made_for(cid, v.document_id) is False:
        return "the document's id was made for another conversation"
    owner = container.documents.conversation_of(v.document_id)
    if owner is not None and owner != cid:
        return "the document belongs to another conversation"
    latest = container.documents.latest(v.document_id)
    if v.version <= latest:
        return "its number is not above the latest version held"
    if v.vouched_by is not None and state.kind is ConversationKind.DIRECT:
        # Nobody joins a 1:1, so nothing is shared there; both people count as its
        # admins, so any colleague could put documents "by" anyone into one.
        return "nothing is shared into a direct conversation"
    if v.vouched_by is not None and sender_uid not in state.admins:
        # Shares come from the admin who adds a member; from anyone else they would
        # be versions under another's name, to one member only.
        return "only an admin of the conversation shares documents"
    if latest and v.version > latest + MAX_VERSION_STEP:
        return f"its number is more than {MAX_VERSION_STEP} above the latest version held"
    if container.documents.sent_by(cid, sender_uid) >= MAX_VERSIONS_PER_MEMBER:
        return f"the sender has sent {MAX_VERSIONS_PER_MEMBER} versions here already"
    return name_problem(v.name) or name_problem(v.folder, FOLDER_MAX, empty_ok=True)
