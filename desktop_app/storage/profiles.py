"""Where containers live on a PC, and which people have one.

A ward PC often has one OS login for the whole ward, so the profile root (per OS user,
from platformdirs) holds one container directory per person. The start screen lists
them from their key files, which carry only name and department in the clear.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from desktop_app.storage.container import Container
from desktop_app.storage.errors import ContainerError
from desktop_app.storage.keyslot import KEYSLOT_NAME, Owner

APP_NAME = "WardLink"
APP_AUTHOR = "WardLink"
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def default_root() -> Path:
    """Per-OS-user data directory, e.g. ~/.local/share/WardLink/profiles on Linux."""
    return user_data_path(APP_NAME, APP_AUTHOR) / "profiles"


def demo_directory() -> Path:
    """Where the start screen's "Try the demo" keeps its demo hospital: beside the
    profiles in the OS user's data folder, not in the folder WardLink was started from."""
    return user_data_path(APP_NAME, APP_AUTHOR) / "demo"


@dataclass(frozen=True, slots=True)
class ProfileEntry:
    directory: Path
    owner: Owner
    container_id: str


# A container whose device waits for IT's signature (services/joining.py): not a person
# who can log in yet, so the start screen does not list it.
PENDING_JOIN_FILE = "pending-join"


class ProfileRoot:
    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()

    def people(self) -> list[ProfileEntry]:
        """Containers under the root, sorted by name; damaged ones are skipped."""
        if not self.root.is_dir():
            return []
        found = []
        for child in sorted(self.root.iterdir()):
            if not (child / KEYSLOT_NAME).is_file() or (child / PENDING_JOIN_FILE).exists():
                continue  # no container, or one still waiting for IT (offline issuing)
            try:
                slot = Container.read_keyslot(child)
            except ContainerError:
                continue
            found.append(ProfileEntry(child, slot.owner, slot.container_id))
        return sorted(found, key=lambda e: e.owner.display_name.casefold())

    def new_directory(self, owner: Owner) -> Path:
        """A fresh, not yet existing directory name for a new person's container."""
        base = _UNSAFE.sub("-", (owner.uid or owner.display_name).casefold()).strip("-.")
        base = base[:40] or "person"
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        candidate = self.root / base
        while candidate.exists():
            candidate = self.root / f"{base}-{secrets.token_hex(3)}"
        return candidate
