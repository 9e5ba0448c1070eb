"""A subset of RFC 4515 LDAP filters, for IT to select entries the way it knows:
``(&(department=Kardiologie)(title=*arzt*))``.

Supported: ``&``, ``|``, ``!``, equality with ``*`` wildcards (``title=*arzt*``),
presence (``mail=*``), and the escapes ``\\2a \\28 \\29 \\5c``. Attribute names are the
LDAP ones (``givenName``, ``ou``/``department``, ``telephoneNumber``, ``role``...),
case-insensitive; values compare folded, so ``sn=muller`` finds "Müller". Ranges
(``>=``, ``<=``), approximate match (``~=``) and extensible match are refused with a
clear error rather than half-supported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, TypeAlias

from desktop_app.directory.errors import FilterSyntaxError
from desktop_app.directory.folding import fold_variants
from desktop_app.directory.model import LDAP_ATTRIBUTES, Entry

MAX_FILTER_CHARS: Final = 2048
MAX_DEPTH: Final = 16
_ESCAPE: Final = re.compile(r"\\([0-9a-fA-F]{2})")


@dataclass(frozen=True, slots=True)
class Match:
    """``attribute=pattern``; ``parts`` are the pattern split at ``*`` (folded)."""

    field: str
    parts: tuple[str, ...]
    presence: bool = False

    def matches(self, entry: Entry) -> bool:
        raw = getattr(entry, self.field)
        values: Sequence[str] = raw if isinstance(raw, tuple) else (str(raw),)
        values = [v for v in values if v]
        if self.presence:
            return bool(values)
        return any(_glob(variant, self.parts) for v in values for variant in fold_variants(v))


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Filter, ...]

    def matches(self, entry: Entry) -> bool:
        return all(i.matches(entry) for i in self.items)


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Filter, ...]

    def matches(self, entry: Entry) -> bool:
        return any(i.matches(entry) for i in self.items)


@dataclass(frozen=True, slots=True)
class Not:
    item: Filter

    def matches(self, entry: Entry) -> bool:
        return not self.item.matches(entry)


Filter: TypeAlias = Match | And | Or | Not


def _glob(value: str, parts: tuple[str, ...]) -> bool:
    """RFC 4515 substring semantics: parts[0] is a prefix, parts[-1] a suffix, the rest
    occur in order. A single part is plain equality."""
    if len(parts) == 1:
        return value == parts[0]
    head, *middle, tail = parts
    if not value.startswith(head):
        return False
    pos = len(head)
    for part in middle:
        found = value.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return len(value) - pos >= len(tail) and value.endswith(tail)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, why: str) -> FilterSyntaxError:
        return FilterSyntaxError(f"filter {why} at character {self.pos + 1}")

    def expect(self, char: str) -> None:
        if self.pos >= len(self.text) or self.text[self.pos] != char:
            raise self.fail(f"expects {char!r}")
        self.pos += 1

    def parse(self, depth: int) -> Filter:
        if depth > MAX_DEPTH:
            raise self.fail(f"nests deeper than {MAX_DEPTH}")
        self.expect("(")
        if self.pos >= len(self.text):
            raise self.fail("ends early")
        op = self.text[self.pos]
        result: Filter
        if op in "&|":
            self.pos += 1
            items: list[Filter] = []
            while self.pos < len(self.text) and self.text[self.pos] == "(":
                items.append(self.parse(depth + 1))
            if not items:
                raise self.fail(f"has an empty {op!r}")
            result = And(tuple(items)) if op == "&" else Or(tuple(items))
        elif op == "!":
            self.pos += 1
            result = Not(self.parse(depth + 1))
        else:
            result = self.item()
        self.expect(")")
        return result

    def item(self) -> Match:
        end = self.text.find(")", self.pos)
        if end < 0:
            raise self.fail("has no closing ')'")
        body = self.text[self.pos : end]
        if "(" in body:
            raise self.fail("has an unescaped '('")
        name, eq, value = body.partition("=")
        if not eq or not name:
            raise self.fail(f"item {body!r} is not attribute=value")
        if name[-1:] in ("<", ">", "~", ":") or ":" in name:
            raise self.fail(f"uses an unsupported match type in {body!r}")
        field = LDAP_ATTRIBUTES.get(name.strip().lower())
        if field is None:
            raise self.fail(f"names an unknown attribute {name!r}")
        self.pos = end
        if value == "*":
            return Match(field, (), presence=True)
        parts = tuple(fold_variants(_unescape(p))[0] for p in value.split("*"))
        return Match(field, parts)


def parse_filter(text: str) -> Filter:
    """Parse ``text``; raise FilterSyntaxError with the position of the first problem."""
    text = text.strip()
    if len(text) > MAX_FILTER_CHARS:
        raise FilterSyntaxError(f"filter is longer than {MAX_FILTER_CHARS} characters")
    if not text.startswith("("):
        text = f"({text})"  # "title=*arzt*" is what people type
    parser = _Parser(text)
    result = parser.parse(0)
    if parser.pos != len(text):
        raise parser.fail("has text after the end")
    return result
