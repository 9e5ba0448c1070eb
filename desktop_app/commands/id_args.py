"""Positional ids that may begin with "-", e.g. ``wardlink admin revoke -fazs…``.

Ids made before issue 19 are url-safe base64 and about one in 64 begins with "-";
argparse takes such a word for an unknown option ("the following arguments are
required"). They live on in containers and relay stores, so every command that takes
an id must accept them without the user knowing about ``--``.

How: the `wardlink` parser is an ``IdParser`` (subparsers inherit the class), and
commands declare id positionals with ``add_id_argument``. While a parser that has id
positionals sorts its words, a word is read as a positional value, not an option, when
it looks like an id (``-`` and url-safe characters, at least ``MIN_ID_CHARS`` long) and
is neither one of that parser's options nor an abbreviation of one. Every other word,
and every parser without ids, behaves as argparse always did; ``--`` still works.
"""

from __future__ import annotations

import argparse
import re
from typing import Final

# The shortest id WardLink ever generated is a device id: 16 characters (12 random
# bytes in url-safe base64). Shorter words stay options, so `--jsn` is still a typo.
MIN_ID_CHARS: Final = 16
_ID_LIKE: Final = re.compile(rf"-[A-Za-z0-9_-]{{{MIN_ID_CHARS - 1},}}")

ID_EPILOG: Final = "Ids may begin with '-' and are still read as ids; '--' before them also works."


class IdParser(argparse.ArgumentParser):
    """An ArgumentParser whose id positionals accept values beginning with "-"."""

    id_dests: frozenset[str] = frozenset()  # add_id_argument sets the instance's own

    def _parse_optional(
        self, arg_string: str
    ) -> tuple[argparse.Action | None, str, str | None] | None:
        if self.id_dests and _ID_LIKE.fullmatch(arg_string) and not self._names_option(arg_string):
            return None  # a positional value: the id
        return super()._parse_optional(arg_string)

    def _names_option(self, word: str) -> bool:
        """Whether ``word`` is one of this parser's options or an abbreviation of one."""
        return any(option.startswith(word) for option in self._option_string_actions)


def add_id_argument(parser: argparse.ArgumentParser, dest: str, what: str) -> None:
    """Add a positional id to a parser made under the `wardlink` IdParser."""
    if not isinstance(parser, IdParser):
        raise TypeError(f"{parser.prog}: ids need an IdParser (build it with cli.build_parser)")
    parser.id_dests = parser.id_dests | {dest}
    parser.add_argument(dest, help=what)
    if parser.epilog is None:
        parser.epilog = ID_EPILOG


def add_id_option(parser: argparse.ArgumentParser, flag: str, dest: str, **kwargs: object) -> None:
    """An option whose value is an id (``--device -fazs…``), read like an id positional."""
    if not isinstance(parser, IdParser):
        raise TypeError(f"{parser.prog}: ids need an IdParser (build it with cli.build_parser)")
    parser.id_dests = parser.id_dests | {dest}
    parser.add_argument(flag, dest=dest, **kwargs)  # type: ignore[arg-type]
    if parser.epilog is None:
        parser.epilog = ID_EPILOG
