"""The `wardlink` command. Every error a user can cause ends as one line and exit code 1."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.commands import container_cmd, demo_cmd
from desktop_app.commands.secrets_input import InputAborted
from desktop_app.storage.errors import ContainerError

EXIT_USER_ERROR = 1
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wardlink",
        description="WardLink — end-to-end encrypted messaging for hospital wards.",
    )
    parser.add_argument("--version", action="version", version=f"wardlink {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    container_cmd.register(sub)
    demo_cmd.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args)
    except (ContainerError, InputAborted) as exc:
        print(f"wardlink: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("wardlink: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return result
