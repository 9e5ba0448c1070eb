"""`wardlink client … files`: a conversation's team files (services/documents.py).

    files CONVERSATION [--json] [--search TEXT]       documents (every version) + chat files
    files put CONVERSATION PATH [--folder NAME]       a new document, or its next version
    files get CONVERSATION NAME OUT [--version N]     export a version (policy check)
    files restore CONVERSATION NAME --version N       an old version as the newest again

Listing is offline; put and get talk to the relay (get only if this PC does not hold the
version yet). Getting writes plaintext outside the container, so, like save-attachment,
it asks the machine policy (export_allowed) first and says the file is not encrypted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.commands.attachment_client_cmd import NOT_ENCRYPTED_NOTE
from desktop_app.services.documents import Files
from desktop_app.services.messenger import Messenger
from desktop_app.services.policy import DEFAULT_EXPORT_ALLOWED, effective, load_policy
from desktop_app.storage.sql_documents import DocVersion
from desktop_app.storage.timeutil import from_ms

Runner = Callable[..., Callable[[argparse.Namespace], int]]
USAGE = (
    "files CONVERSATION [--json] | files put CONVERSATION PATH [--folder NAME] | "
    "files get CONVERSATION NAME OUT [--version N] | "
    "files restore CONVERSATION NAME --version N"
)


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner) -> None:
    p = actions.add_parser(
        "files", help="a conversation's team files: list, put a version, get one", usage=USAGE
    )
    p.add_argument("words", nargs="+", metavar="ARGS", help="CONVERSATION | put … | get …")
    p.add_argument("--json", action="store_true", help="list as JSON")
    p.add_argument("--search", default="", metavar="TEXT", help="only names containing TEXT")
    p.add_argument("--folder", default=None, metavar="NAME", help="the document's folder")
    p.add_argument("--version", type=int, default=None, metavar="N", help="default: latest")
    handlers = {
        "list": run(_list, online=False),
        "put": run(_put),
        "get": run(_get),
        "restore": run(_restore),
    }

    def dispatch(args: argparse.Namespace) -> int:
        words: list[str] = args.words
        action = words[0] if words[0] in ("put", "get", "restore") else "list"
        wanted = {"list": 1, "put": 3, "get": 4, "restore": 3}[action]
        if len(words) != wanted or (action == "restore" and args.version is None):
            print(f"wardlink: usage: wardlink client {USAGE}", file=sys.stderr)
            return 2
        return handlers[action](args)

    p.set_defaults(handler=dispatch)


async def _list(m: Messenger, args: argparse.Namespace) -> int:
    found = m.documents.files(args.words[0], args.search)
    if args.json:
        json.dump(files_json(found), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for d in found.documents:
        v = d.latest
        where = f"{d.folder}/" if d.folder else ""
        print(
            f"{where}{d.name}  v{v.version}  {v.size} B  by {v.author} "
            f"{from_ms(v.at_ms).astimezone():%Y-%m-%d %H:%M}  ({len(d.versions)} version(s))"
        )
    for a in found.attachments:
        print(f"[chat] {a.name}  {a.size} B  by {a.by} {from_ms(a.at_ms).astimezone():%Y-%m-%d}")
    return 0


def files_json(found: Files) -> list[dict[str, Any]]:
    """Documents then chat attachments, with the keys of issue 14 (name, folder,
    versions: version, sha256, size, by, at) and a few more."""
    out: list[dict[str, Any]] = [
        {
            "kind": "document",
            "id": d.document_id,
            "name": d.name,
            "folder": d.folder,
            "versions": [_version_json(v) for v in d.versions],
        }
        for d in found.documents
    ]
    out += [
        {
            "kind": "attachment",
            "id": a.attachment_id,
            "message_id": a.message_id,
            "name": a.name,
            "folder": None,
            "versions": [
                {
                    "version": 1,
                    "sha256": a.sha256,
                    "size": a.size,
                    "by": a.by,
                    "at": from_ms(a.at_ms).isoformat(),
                }
            ],
        }
        for a in found.attachments
    ]
    return out


def _version_json(v: DocVersion) -> dict[str, Any]:
    return {
        "version": v.version,
        "sha256": v.sha256,
        "size": v.size,
        "by": v.author,
        "at": from_ms(v.at_ms).isoformat(),
        "shared_by": v.vouched_by,  # set when a member shared it with us as we joined
    }


async def _put(m: Messenger, args: argparse.Namespace) -> int:
    _put_word, conversation, path = args.words
    v = await m.documents.put(conversation, Path(path), args.folder or "")
    where = f"{v.folder}/" if v.folder else ""
    print(f"stored {where}{v.name} version {v.version} ({v.size} B, sha256 {v.sha256})")
    return 0


async def _restore(m: Messenger, args: argparse.Namespace) -> int:
    _restore_word, conversation, name = args.words
    v = await m.documents.restore(conversation, name, args.version, args.folder)
    print(f"restored {name} version {args.version} as version {v.version}")
    return 0


async def _get(m: Messenger, args: argparse.Namespace) -> int:
    _get_word, conversation, name, out = args.words
    if not effective(load_policy().export_allowed, None, DEFAULT_EXPORT_ALLOWED):
        print(
            "wardlink: saving files outside WardLink is switched off by your IT department "
            "(policy export_allowed); nothing was written.",
            file=sys.stderr,
        )
        return 1
    documents = m.documents
    documents.find(conversation, name, args.folder)  # a clear error before anything else
    print(NOT_ENCRYPTED_NOTE, file=sys.stderr)
    v = await documents.export(conversation, name, Path(out), args.version, args.folder)
    print(f"saved {name} version {v.version} ({v.size} B) to {out}")
    return 0
