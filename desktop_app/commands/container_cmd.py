"""`wardlink container …` and `wardlink profiles`: manage a person's encrypted container."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.commands.secrets_input import (
    NEW_PASSPHRASE_ENV,
    read_new_passphrase,
    read_passphrase,
)
from desktop_app.services.policy import load_policy
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.profiles import ProfileRoot
from desktop_app.storage.prune import prune_profiles


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    container = sub.add_parser("container", help="create, check and maintain a container")
    csub = container.add_subparsers(dest="action", required=True, metavar="ACTION")

    create = csub.add_parser("create", help="create a new container for one person")
    _profile_arg(create)
    create.add_argument("--name", required=True, help="display name, e.g. 'Dr. Anna Weber'")
    create.add_argument("--department", default="")
    create.add_argument("--uid", default="", help="directory uid, if known")
    create.set_defaults(handler=_create)

    info = csub.add_parser("info", help="show what a container is, without unlocking it")
    _profile_arg(info)
    info.set_defaults(handler=_info)

    check = csub.add_parser("check", help="unlock and verify every page of the container")
    _profile_arg(check)
    check.set_defaults(handler=_check)

    passwd = csub.add_parser("passwd", help="change the passphrase (the data is not rewritten)")
    _profile_arg(passwd)
    passwd.set_defaults(handler=_passwd)

    purge = csub.add_parser("purge", help="delete messages older than N days (retention)")
    _profile_arg(purge)
    purge.add_argument("--days", type=int, required=True)
    purge.set_defaults(handler=_purge)

    profiles = sub.add_parser("profiles", help="list the people with a container on this PC")
    profiles.add_argument("--root", type=Path, default=None, help="profile root directory")
    profiles.set_defaults(handler=_profiles)
    psub = profiles.add_subparsers(dest="profiles_action", required=False, metavar="ACTION")
    prune = psub.add_parser(
        "prune",
        help="delete containers of withdrawn devices, and (--unused-days) those not used "
        "for N days; default N: policy prune_unused_days",
    )
    prune.add_argument("--root", type=Path, default=None, help="profile root directory")
    prune.add_argument("--unused-days", type=int, default=None, metavar="N")
    prune.set_defaults(handler=_prune)


def _profile_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile", type=Path, required=True, metavar="DIR", help="the person's container"
    )


def _create(args: argparse.Namespace) -> int:
    passphrase = read_new_passphrase()
    owner = Owner(display_name=args.name, department=args.department, uid=args.uid)
    with Container.create(args.profile, passphrase, owner) as container:
        print(f"created container {container.slot.container_id} for {owner.display_name}")
        print(f"schema {container.schema_version}, at {container.directory}")
    return 0


def _info(args: argparse.Namespace) -> int:
    slot = Container.read_keyslot(args.profile)
    p = slot.wrapped.params
    print(f"container  {slot.container_id}")
    print(f"owner      {slot.owner.display_name} ({slot.owner.department or '-'})")
    print(f"key        argon2id t={p.time_cost} m={p.memory_kib} KiB p={p.parallelism}")
    return 0


def _check(args: argparse.Namespace) -> int:
    with Container.open(args.profile, read_passphrase()) as container:
        problems = container.integrity_check()
        print(f"schema {container.schema_version}, {container.messages.count()} messages")
    for problem in problems:
        print(f"problem: {problem}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


def _passwd(args: argparse.Namespace) -> int:
    old = read_passphrase("Current passphrase / Aktuelle Passphrase: ")
    new = read_new_passphrase(NEW_PASSPHRASE_ENV)
    with Container.open(args.profile, old) as container:
        container.change_passphrase(old, new)
    print("passphrase changed")
    return 0


def _purge(args: argparse.Namespace) -> int:
    with Container.open(args.profile, read_passphrase()) as container:
        report = container.purge_older_than(args.days)
    print(f"deleted {report.messages} message(s) and {report.attachments} attachment(s)")
    return 0


def _profiles(args: argparse.Namespace) -> int:
    root = ProfileRoot(args.root)
    people = root.people()
    if not people:
        print(f"no containers under {root.root}")
    for entry in people:
        department = f" — {entry.owner.department}" if entry.owner.department else ""
        print(f"{entry.owner.display_name}{department}  [{entry.directory}]")
    return 0


def _prune(args: argparse.Namespace) -> int:
    root = ProfileRoot(args.root).root
    days = args.unused_days
    if days is None:
        days = load_policy().prune_unused_days
    removed = prune_profiles(root, days)
    for item in removed:
        print(f"removed {item.directory} ({item.reason})")
    print(f"{len(removed)} container(s) removed under {root}")
    return 0
