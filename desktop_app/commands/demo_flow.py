"""What `wardlink demo` decides before a window opens: make, reuse or remake the demo, and
which relay the window talks to.

``prepare_demo`` looks at the directory: empty -> create; a finished demo -> reuse it
(fast: nothing is made, no key is unwrapped); ``--fresh`` or an unfinished setup ->
remove only what the demo made and create again; the previous demo's bare container ->
move it aside, then create. ``prepare_window`` picks the relay: the one that seeding
just started, else one another demo window already runs (``relay_answers``), else a new
embedded one in this process. Both are plain functions so tests drive them without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.commands.demo_layout import (
    DemoDirError,
    DemoLayout,
    DemoPerson,
    DemoRecord,
    DirKind,
    foreign_dir_error,
)
from desktop_app.commands.demo_org import (
    DEMO_ADMIN_PASSPHRASE,
    DEMO_PASSPHRASE,
    Say,
    create_demo,
    missing_files,
)
from desktop_app.commands.demo_relay import LOOPBACK, EmbeddedRelay, relay_answers
from desktop_app.crypto.keywrap import KdfParams

DEMO_TITLE = "WardLink Demo"
"""Every demo window's title; the app adds who is unlocked ("WardLink Demo — Jörg Bauer")."""


@dataclass
class PreparedDemo:
    layout: DemoLayout
    record: DemoRecord
    created: bool
    relay: EmbeddedRelay | None = None  # running, when this process just made the demo
    moved_aside: Path | None = None  # where the previous demo's container went

    def stop_relay(self) -> None:
        if self.relay is not None:
            self.relay.stop()
            self.relay = None


@dataclass
class DemoWindow:
    """Everything the desktop app needs to open one demo person, and the relay this
    process serves for it (None when another demo process serves it)."""

    person: DemoPerson
    profile_root: Path
    open_profile: Path
    passphrase: str
    relay_address: str
    title: str
    relay: EmbeddedRelay | None

    def close(self) -> None:
        if self.relay is not None:
            self.relay.stop()
            self.relay = None


def prepare_demo(
    root: Path,
    *,
    fresh: bool = False,
    kdf: KdfParams | None = None,
    advertise: bool = True,
    say: Say = print,
) -> PreparedDemo:
    """Create or reuse the demo organisation in ``root`` (see the module docstring)."""
    layout = DemoLayout(root)
    kind = layout.kind()
    moved: Path | None = None
    if kind is DirKind.FOREIGN:
        raise foreign_dir_error(layout)
    if kind is DirKind.OLD_CONTAINER:
        moved = layout.move_old_container_aside()
        say(
            f"{root}/ held a container of the previous demo (before the demo organisation); "
            f"moved it to {moved}/ and creating the new demo."
        )
    elif kind is DirKind.UNFINISHED:
        say(f"The demo in {root}/ was not finished last time; making it again.")
        layout.remove_demo()
    elif kind is DirKind.DEMO:
        record = layout.read()
        if not fresh:
            missing = missing_files(layout, record)
            if missing:
                raise DemoDirError(
                    f"the demo in {root} is incomplete ({missing[0]} is missing); "
                    "run 'wardlink demo --fresh' to recreate it"
                )
            return PreparedDemo(layout, record, created=False)
        if relay_answers(layout.relay_dir, record.port, record.relay_id):
            raise DemoDirError(
                f"the demo relay of {root} is running (another 'wardlink demo' window?); "
                "close it before --fresh"
            )
        say(f"--fresh: removing the demo in {root}/ and creating it again.")
        layout.remove_demo()
    record, relay = create_demo(layout, kdf, say, advertise=advertise)
    return PreparedDemo(layout, record, created=True, relay=relay, moved_aside=moved)


def prepare_window(prepared: PreparedDemo, who: str, *, advertise: bool = True) -> DemoWindow:
    """Choose the person and the relay for a window; start a relay only if none answers.

    The relay this returns (if any) belongs to the window: ``DemoWindow.close`` stops it.
    """
    record = prepared.record
    person = record.person(who)
    layout = prepared.layout
    relay, prepared.relay = prepared.relay, None
    if relay is not None:
        port = relay.port
    elif relay_answers(layout.relay_dir, record.port, record.relay_id):
        port = record.port  # another demo window serves it
    else:
        relay = EmbeddedRelay(
            layout.relay_dir, DEMO_ADMIN_PASSPHRASE, port=record.port, advertise=advertise
        )
        port = relay.start()
    if port != record.port:
        record = replace(record, port=port)
        try:
            layout.write(record)
        except BaseException:
            if relay is not None:
                relay.stop()
            raise
        prepared.record = record
    return DemoWindow(
        person=person,
        profile_root=layout.profiles_dir,
        open_profile=layout.profile(person),
        passphrase=DEMO_PASSPHRASE,
        relay_address=f"{LOOPBACK}:{port}",
        title=DEMO_TITLE,  # names nobody: "Switch user" may bring the other person
        relay=relay,
    )
