"""Service errors as the person at the PC reads them: their language, no internal ids.

The services speak English with uids (right for the CLI and the log); where the GUI
shows such an error next to the action that failed, the known ones are said again in
the user's language. Anything unknown is shown as it came (it is rare and still clear).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def user_error(message: str) -> str:
    """The translated, id-free sentence for a known service error."""
    if message.startswith("Nobody you chose has an enrolled device"):
        return translate("DirectoryErrors", "Nobody you chose has an enrolled device yet.")
    if message.startswith("Not in the staff directory"):
        return translate(
            "DirectoryErrors", "Someone you chose is no longer in the staff directory."
        )
    if message.startswith("No enrolled device for"):
        return translate(
            "DirectoryErrors", "This person has no enrolled device yet and cannot receive messages."
        )
    if message.startswith("A group needs at least one other person"):
        return translate("DirectoryErrors", "A group needs at least one other person.")
    if message.startswith("Only a group admin"):
        return translate("DirectoryErrors", "Only the group's creator can change its members.")
    if "needs the relay" in message:
        return translate(
            "DirectoryErrors", "Not connected to the relay. Try again once the connection is back."
        )
    return message
