"""The demo directory on disk: what is in it, ``demo.json``, and what may be removed.

``wardlink demo`` owns exactly three entries of its directory: ``relay/`` (the relay's
data directory), ``profiles/`` (one container per demo person) and ``demo.json`` (who
is who, which port, what was seeded). ``demo.json`` is written first with
``complete: false`` and rewritten with ``true`` at the end, so a setup cut short is
recognised and redone. Nothing else in the directory is ever deleted: a container
from the previous demo (``wardlink-key.json`` at the top) is moved into a
``previous-demo-container-…`` folder, and a directory with other files is refused.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path

from desktop_app.storage.atomic import atomic_output
from desktop_app.storage.errors import ContainerError
from desktop_app.storage.keyslot import KEYSLOT_NAME

FORMAT = "wardlink-demo"
VERSION = 1
RECORD_NAME = "demo.json"
RELAY_DIR = "relay"
PROFILES_DIR = "profiles"
ASIDE_PREFIX = "previous-demo-container-"
MAX_RECORD_BYTES = 256 * 1024
ROLES = ("FIRST", "SECOND")


class DemoDirError(ContainerError):
    """The demo directory cannot be used as it is; the message says what to do."""


class DirKind(StrEnum):
    EMPTY = "empty"  # missing, empty, or holding only containers moved aside earlier
    DEMO = "demo"  # a finished demo: reuse it
    UNFINISHED = "unfinished"  # our demo.json says setup did not finish: redo it
    OLD_CONTAINER = "old-container"  # the previous demo's bare container at the top
    FOREIGN = "foreign"  # other files: not ours to touch


@dataclass(frozen=True, slots=True)
class DemoPerson:
    role: str  # FIRST or SECOND
    uid: str
    name: str
    title: str
    department: str
    ward: str
    profile: str  # container directory, relative to the demo directory


@dataclass(frozen=True, slots=True)
class SeededConversation:
    title: str
    kind: str  # "direct" or "group"
    messages: int
    attachments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DemoRecord:
    """What ``demo.json`` says about the demo organisation."""

    organisation: str
    relay_id: str
    fingerprint: str
    port: int
    people: tuple[DemoPerson, ...]
    directory_entries: int = 0
    functional_accounts: tuple[str, ...] = ()
    conversations: tuple[SeededConversation, ...] = ()
    complete: bool = False
    created: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M"))

    def person(self, who: str) -> DemoPerson:
        """FIRST, SECOND (any case) or one of the two uids."""
        for person in self.people:
            if who.upper() == person.role or who == person.uid:
                return person
        choices = ", ".join([*ROLES, *(p.uid for p in self.people)])
        raise DemoDirError(f"--as {who}: not a demo person; choose one of {choices}")

    def to_json(self) -> bytes:
        doc = {"format": FORMAT, "version": VERSION, **asdict(self)}
        return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"

    @classmethod
    def from_json(cls, raw: bytes, where: Path) -> DemoRecord:
        try:
            doc = json.loads(raw)
            if doc.get("format") != FORMAT or doc.get("version") != VERSION:
                raise ValueError("not a WardLink demo record of this version")
            return cls(
                organisation=str(doc["organisation"]),
                relay_id=str(doc["relay_id"]),
                fingerprint=str(doc["fingerprint"]),
                port=int(doc["port"]),
                people=tuple(DemoPerson(**p) for p in doc["people"]),
                directory_entries=int(doc["directory_entries"]),
                functional_accounts=tuple(doc["functional_accounts"]),
                conversations=tuple(
                    SeededConversation(
                        c["title"], c["kind"], int(c["messages"]), tuple(c["attachments"])
                    )
                    for c in doc["conversations"]
                ),
                complete=bool(doc["complete"]),
                created=str(doc["created"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DemoDirError(
                f"{where} is damaged ({exc}); run 'wardlink demo --fresh' to recreate the demo"
            ) from None


class DemoLayout:
    """Paths of one demo directory and the few operations allowed on it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.relay_dir = self.root / RELAY_DIR
        self.profiles_dir = self.root / PROFILES_DIR
        self.record_path = self.root / RECORD_NAME

    def profile(self, person: DemoPerson) -> Path:
        return self.root / person.profile

    def kind(self) -> DirKind:
        if self.root.exists() and not self.root.is_dir():
            raise DemoDirError(f"{self.root} is a file, not a directory; choose another --dir")
        if (self.root / KEYSLOT_NAME).is_file():
            return DirKind.OLD_CONTAINER
        if self.record_path.is_file():
            try:
                record = self.read()
            except DemoDirError:
                return DirKind.FOREIGN
            return DirKind.DEMO if record.complete else DirKind.UNFINISHED
        return DirKind.FOREIGN if self.other_entries() else DirKind.EMPTY

    def other_entries(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return [p for p in self.root.iterdir() if not p.name.startswith(ASIDE_PREFIX)]

    def read(self) -> DemoRecord:
        try:
            with self.record_path.open("rb") as fh:
                raw = fh.read(MAX_RECORD_BYTES + 1)
        except OSError as exc:
            raise DemoDirError(f"cannot read {self.record_path}: {exc.strerror}") from None
        if len(raw) > MAX_RECORD_BYTES:
            raise DemoDirError(f"{self.record_path} is too large to be a demo record")
        return DemoRecord.from_json(raw, self.record_path)

    def write(self, record: DemoRecord) -> None:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        with atomic_output(self.record_path) as fh:
            fh.write(record.to_json())

    def move_old_container_aside(self) -> Path:
        """Move everything of the previous demo's container into a sibling folder inside
        the demo directory (it stays gitignored and nothing is lost)."""
        aside = self.root / (ASIDE_PREFIX + time.strftime("%Y%m%d-%H%M%S"))
        while aside.exists():
            aside = aside.with_name(aside.name + "-1")
        entries = self.other_entries()
        aside.mkdir(mode=0o700)
        try:
            for entry in entries:
                entry.rename(aside / entry.name)
        except OSError as exc:
            raise DemoDirError(
                f"cannot move the old demo container into {aside}: {exc.strerror}"
            ) from None
        return aside

    def remove_demo(self) -> None:
        """Delete what a demo made here (relay, profiles, demo.json) and nothing else."""
        try:
            for directory in (self.relay_dir, self.profiles_dir):
                if directory.is_dir():
                    shutil.rmtree(directory)
            self.record_path.unlink(missing_ok=True)
        except OSError as exc:
            raise DemoDirError(f"cannot remove the old demo in {self.root}: {exc}") from None


def foreign_dir_error(layout: DemoLayout) -> DemoDirError:
    names = sorted(p.name for p in layout.other_entries())[:5]
    return DemoDirError(
        f"{layout.root} is not empty and holds no WardLink demo ({', '.join(names)}); "
        "choose another --dir or empty it"
    )
