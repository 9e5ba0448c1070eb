"""The start screen's label of a container, taken from the signed staff directory.

At joining the person types a name and department for the start screen ("Anna",
nothing); colleagues see the directory's name ("Dr. Anna Klein", Neurologie). On a
shared PC the chooser should show the name IT verified, so two Annas of a ward can
tell their containers apart and nobody's typed label stands for someone else's name.
"""

from __future__ import annotations

from desktop_app.directory.clean_text import clean_text
from desktop_app.services.staff_directory import StaffDirectory
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner


def label_from_directory(container: Container, directory: StaffDirectory, uid: str) -> bool:
    """Relabel ``container`` with its person's directory name and department; True if
    the label changed. A directory without the person (not yet synced, or she left)
    leaves the label as it is."""
    entry = directory.get(uid)
    name = clean_text(entry.cn) if entry is not None else ""
    if entry is None or not name:
        return False
    return container.relabel(Owner(name, clean_text(entry.department), uid))
