"""`wardlink demo` (what `make run` starts): a demo organisation, then the desktop app.

The first run makes a whole hospital in ``--dir`` (default ./demo-profile): a relay
with its organisation keys, about 200 fictional staff, two enrolled people of Station
3B and their conversations, sent for real through the relay. Later runs reuse it and
are quick. The window opens as the first person (the nurse); ``--as SECOND`` in a
second terminal opens the physician against the same relay, so two windows can chat.
The relay runs inside the process whose window started it and stops when that window
closes. This module only parses, prints and launches; demo_flow.py decides.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.services.errors import ClientError

if TYPE_CHECKING:
    from desktop_app.commands.demo_flow import DemoWindow, PreparedDemo

DEFAULT_DEMO_DIR = Path("demo-profile")
GUI_MODULES = ("desktop_app.ui", "PySide6", "shiboken6")  # missing: no window here


class WindowUnavailable(ClientError):
    """The desktop app cannot start in this installation (no GUI part, no PySide6)."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser(
        "demo",
        help="create a demo hospital with two people and open WardLink",
        description="Create (or reuse) a demo organisation with an embedded relay, a staff "
        "directory and two enrolled people with seeded conversations, then open WardLink.",
    )
    demo.add_argument(
        "--dir",
        type=Path,
        default=DEFAULT_DEMO_DIR,
        metavar="DIR",
        help=f"where the demo lives (default ./{DEFAULT_DEMO_DIR}); reused when it holds one",
    )
    demo.add_argument(
        "--fresh", action="store_true", help="remove the demo in DIR and create it again"
    )
    demo.add_argument(
        "--as",
        dest="who",
        default="FIRST",
        metavar="WHO",
        help="open FIRST (the nurse, default), SECOND (the physician) or a demo uid; "
        "start a second window with --as SECOND to chat between the two",
    )
    demo.add_argument(
        "--lang",
        choices=("de", "en"),
        help="user interface language (default: WARDLINK_LANG, else the system's)",
    )
    demo.add_argument(
        "--prepare-only",
        action="store_true",
        help="create or check the demo and say what is in it, but open no window",
    )
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    # Imported here: `wardlink --help` and the relay commands need none of this.
    from desktop_app.commands.demo_flow import prepare_demo, prepare_window

    prepared = prepare_demo(args.dir, fresh=args.fresh)
    try:
        if args.prepare_only:
            prepared.stop_relay()
            print_summary(prepared, None)
            return 0
        window = prepare_window(prepared, args.who)
    finally:
        prepared.stop_relay()  # nothing left to stop once the window holds the relay
    try:
        print_summary(prepared, window)
        return _launch(window, args.lang)
    finally:
        window.close()


def _launch(window: DemoWindow, language: str | None = None) -> int:
    """Hand over to the desktop app; only here does the command reach ui (and Qt)."""
    try:
        from desktop_app.ui.launch import LaunchOptions, run

        options = LaunchOptions(
            profile_root=window.profile_root,
            open_profile=window.open_profile,
            passphrase=window.passphrase,
            relay=window.relay_address,
            window_title=window.title,
            language=language,
            call_interfaces="127.0.0.1",  # demo calls between windows never leave the PC
        )
        return run(options)
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith(GUI_MODULES):
            raise
        raise WindowUnavailable(
            f"cannot open the WardLink window ({exc}); the demo itself is ready "
            "(see 'wardlink demo --prepare-only')"
        ) from None


def print_summary(prepared: PreparedDemo, window: DemoWindow | None) -> None:
    """Tell the user, in German and English, what the demo holds and how to use it."""
    from desktop_app.commands.demo_org import DEMO_ADMIN_PASSPHRASE, DEMO_PASSPHRASE

    record = prepared.record
    root = prepared.layout.root
    state = "neu erstellt / created" if prepared.created else "wiederverwendet / reused"
    print(f"\nWardLink-Demo: {record.organisation} ({state})")
    print(f"  Ordner / folder:          {root}/")
    print(f"  Relay:                    {record.relay_id}, {_relay_state(record.port, window)}")
    print(f"  Org-Fingerprint:          {record.fingerprint}")
    print(
        f"  Verzeichnis / directory:  {record.directory_entries} Einträge / entries, "
        f"Funktionskonten / functional accounts: {', '.join(record.functional_accounts)}"
    )
    print("  Personen / people:")
    for person in record.people:
        print(
            f"    {person.role:<7} {person.name} — {person.title}, {person.department}, "
            f"{person.ward} ({person.uid})"
        )
    print(f"  Passphrase (beide / both): {DEMO_PASSPHRASE}")
    print(f"  Admin-Passphrase (relay):  {DEMO_ADMIN_PASSPHRASE}")
    print("  Gespräche / conversations:")
    for conv in record.conversations:
        kind = "1:1" if conv.kind == "direct" else "Gruppe / group"
        files = f", 📎 {', '.join(conv.attachments)}" if conv.attachments else ""
        count = (
            "1 Nachricht / message"
            if conv.messages == 1
            else f"{conv.messages} Nachrichten / messages"
        )
        print(f"    {conv.title} ({kind}): {count}{files}")
    if window is None or window.person.role == "FIRST":
        second = f"wardlink demo --dir {root} --as SECOND"
        print(f"  Zweites Fenster / second window: {second}")
    if window is not None:
        print(f"\nÖffne / opening WardLink as {window.person.name} ({window.person.role}) …")


def _relay_state(port: int, window: DemoWindow | None) -> str:
    if window is None:
        return f"stopped; it starts with the window (last on 127.0.0.1:{port})"
    if window.relay is None:
        return f"{window.relay_address}, served by the other demo window"
    advert = (
        "advertised by zeroconf (_wardlink._tcp.local.) on loopback"
        if window.relay.advertised
        else f"not advertised ({window.relay.advert_problem})"
    )
    return f"{window.relay_address} in this process, {advert}"
