"""The `wardlink` command. Every error a user can cause ends as one line and exit code 1."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.commands import (
    admin_cmd,
    app_cmd,
    client_cmd,
    container_cmd,
    demo_cmd,
    issuing_cmd,
    relay_cmd,
    selftest_cmd,
    view_cmd,
)
from desktop_app.commands.id_args import IdParser
from desktop_app.commands.secrets_input import InputAborted
from desktop_app.crypto.errors import CryptoError
from desktop_app.crypto.secret_memory import no_core_dumps
from desktop_app.directory.errors import DirectoryError
from desktop_app.medical.errors import MedicalError
from desktop_app.relay.errors import RelayError
from desktop_app.services.errors import ClientError
from desktop_app.storage.errors import ContainerError

# Each module adds its subcommands with register(sub); one line per module here.
COMMANDS = (
    app_cmd,
    container_cmd,
    demo_cmd,
    relay_cmd,
    admin_cmd,
    issuing_cmd,
    client_cmd,
    view_cmd,
)

# Errors a user or administrator can cause: shown as one line, exit code 1.
USER_ERRORS: tuple[type[BaseException], ...] = (
    ClientError,
    ContainerError,
    CryptoError,
    DirectoryError,
    InputAborted,
    MedicalError,
    RelayError,
)

EXIT_USER_ERROR = 1
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    # An IdParser, inherited by every subcommand: ids beginning with "-" stay ids.
    parser = IdParser(
        prog="wardlink",
        description="WardLink — end-to-end encrypted messaging for hospital wards.",
    )
    parser.add_argument("--version", action="version", version=f"wardlink {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation is complete (encryption, codecs, Qt, "
        "translations, policy) and exit; non-zero if anything is missing",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


DUMPS_ALLOWED = frozenset({"relay"})
"""The relay is a server IT may need to debug from a core file; it holds no plaintext
of any message. Every other command may hold a container's key or decrypted content."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="wardlink: %(message)s")
    if args.self_test:  # a flag, not a command: `wardlink --self-test` after installing
        if args.command is not None:
            parser.error("--self-test takes no command")
        return selftest_cmd.run()
    if args.command is None:  # the Start menu / desktop entry: just open the app
        given = list(argv) if argv is not None else sys.argv[1:]
        args = parser.parse_args([*given, "app"])
    if argv is None and args.command not in DUMPS_ALLOWED:
        # The wardlink process itself (console script, python -m, the installed app;
        # not a test calling main() in its own process): decrypted messages and keys
        # must not land in a core file on the shared PC.
        no_core_dumps()
    try:
        result: int = args.handler(args)
    except USER_ERRORS as exc:
        print(f"wardlink: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("wardlink: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return result
