"""The staff directory in the GUI: panel (tree, search, person card), safety-number
comparison, and the dialogs the shell opens (new chat, new group, members)."""

from desktop_app.ui.directory.actions import create_group, open_conversation
from desktop_app.ui.directory.card import PersonCardView
from desktop_app.ui.directory.dialogs import NewChatDialog, NewGroupDialog
from desktop_app.ui.directory.members import MembersDialog
from desktop_app.ui.directory.panel import DirectoryPanel
from desktop_app.ui.directory.search import PersonSearch
from desktop_app.ui.directory.verify import VerifyDialog

__all__ = [
    "DirectoryPanel",
    "MembersDialog",
    "NewChatDialog",
    "NewGroupDialog",
    "PersonCardView",
    "PersonSearch",
    "VerifyDialog",
    "create_group",
    "open_conversation",
]
