"""Every key the services raise has its sentence in the GUI's table (ui/error_texts_services.py).

The services' sources are parsed for each ClientError (or subclass) built with ``key=``;
a key without a sentence, a sentence naming a value its raise site does not give, a
sentence no service raises, or a German translation that drops a ``%name`` fails here,
so no key can be added without its words. user_message itself: keyed errors are worded,
errors without a (known) key keep their English message.
"""

from __future__ import annotations

import ast
import errno
import importlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.crypto.trust_errors import (
    CertificateExpired,
    CertificateNotYetValid,
    CodeCharacter,
    CodeCheckDigits,
    CodeLength,
    CodeOfOtherVersion,
    CodeWithoutPrefix,
    EnrollmentCodeError,
    FingerprintError,
    UntrustedIssuer,
)
from desktop_app.services.errors import (
    QUOTA_EXCEEDED,
    RATE_LIMITED,
    UNAVAILABLE,
    ClientError,
    ConnectNotTrusted,
    FileUnusable,
    JoinNotTrusted,
    RelayRefused,
)
from desktop_app.services.export import REFUSED_BY_POLICY, ExportRefused
from desktop_app.storage.errors import DiskFull
from desktop_app.ui.error_text import user_message
from desktop_app.ui.error_texts_services import service_texts

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "desktop_app" / "services"
SHELL_TS = ROOT / "resources" / "translations" / "de" / "shell.ts"
PLACEHOLDER = re.compile(r"%([A-Za-z_]+)")

COMPUTED: dict[str, list[ClientError]] = {
    # errors.py: RelayRefused chooses its key by the relay's code.
    "RelayRefused": [RelayRefused(code, "why") for code in (UNAVAILABLE, QUOTA_EXCEEDED,
                                                            RATE_LIMITED, "forbidden")],
    # errors.py: JoinNotTrusted chooses its key by the kind of TrustError.
    "JoinNotTrusted": [JoinNotTrusted(EnrollmentCodeError("typo")),
                       *(JoinNotTrusted(kind("why")) for kind in (
                           CodeOfOtherVersion, CodeWithoutPrefix, CodeCharacter,
                           CodeCheckDigits)),
                       JoinNotTrusted(CodeLength("short", found=3, expected=80)),
                       JoinNotTrusted(CodeLength("long", found=160, expected=80)),
                       *(JoinNotTrusted(kind("why"), "10.0.0.5:7443")
                         for kind in (FingerprintError, CertificateExpired,
                                      CertificateNotYetValid, UntrustedIssuer))],
    # errors.py: ConnectNotTrusted chooses its key by the kind of TrustError too.
    "ConnectNotTrusted": [ConnectNotTrusted(kind("why"), "10.0.0.5:7443")
                          for kind in (FingerprintError, CertificateExpired,
                                       CertificateNotYetValid, UntrustedIssuer)],
    # errors.py: FileUnusable chooses its key by the OS's reason and reading or saving.
    "FileUnusable": [FileUnusable(Path("/ward/plan.ics"), OSError(number, "why"), saving=saving)
                     for number in (errno.ENOENT, errno.EACCES, errno.EISDIR, errno.EIO)
                     for saving in (False, True)]
                    + [FileUnusable(Path("/stick/akte.pdf"), DiskFull(), saving=True)],
}  # fmt: skip
"""Classes whose key is not a literal at the raise site, with one error per key they make."""


@dataclass(frozen=True)
class Raised:
    where: str
    key: str
    params: frozenset[str]


def _client_error_class(module: object, name: str) -> bool:
    found = getattr(module, name, None)
    return isinstance(found, type) and issubclass(found, ClientError)


def _builds_client_error(module: object, call: ast.Call, owner: str | None) -> bool:
    """``SomeError(...)`` of a ClientError class, or ``super().__init__`` /
    ``ClientError.__init__`` inside one (the classes of errors.py)."""
    func = call.func
    if isinstance(func, ast.Name):
        return _client_error_class(module, func.id)
    if isinstance(func, ast.Attribute) and func.attr == "__init__" and owner is not None:
        return _client_error_class(module, owner)
    return False


def _literal_keys(value: ast.expr) -> list[str] | None:
    """The key(s) a ``key=`` gives: a literal, or either literal of ``a if c else b``."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    if isinstance(value, ast.IfExp):
        both = [_literal_keys(value.body), _literal_keys(value.orelse)]
        if all(k is not None for k in both):
            return [k for ks in both if ks is not None for k in ks]
    return None


def raised_in_services() -> tuple[list[Raised], list[str]]:
    """(every literal key with the params its site gives, the classes computing theirs)."""
    found: list[Raised] = []
    computed: list[str] = []
    for path in sorted(SERVICES.glob("*.py")):
        module = importlib.import_module(f"desktop_app.services.{path.stem}")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owners = {
            id(node): cls.name
            for cls in ast.walk(tree)
            if isinstance(cls, ast.ClassDef)
            for node in ast.walk(cls)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            key = next((k for k in node.keywords if k.arg == "key"), None)
            if key is None or not _builds_client_error(module, node, owners.get(id(node))):
                continue
            where = f"{path.name}:{node.lineno}"
            keys = _literal_keys(key.value)
            if keys is None:
                computed.append(owners.get(id(node)) or where)
                continue
            params = frozenset(k.arg for k in node.keywords if k.arg not in (None, "key"))
            found += [Raised(where, k, params) for k in keys]
    return found, computed


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_scan_finds_the_keys_of_every_kind_of_raise_site() -> None:
    raised, computed = raised_in_services()
    keys = {r.key for r in raised}
    assert len(raised) > 100
    # a plain raise, one with params, super().__init__ in errors.py, a conditional key
    assert {"export_off", "pins_full", "no_relay_found", "withdrawn_wiped"} <= keys
    assert next(r for r in raised if r.key == "pins_full").params == {"maximum"}
    assert sorted(computed) == [
        "ConnectNotTrusted",
        "FileUnusable",
        "JoinNotTrusted",
        "RelayRefused",
    ]


def test_every_key_raised_in_the_services_has_a_sentence(qtbot: QtBot) -> None:
    texts = service_texts()
    raised, _ = raised_in_services()
    missing = sorted({f"{r.key} ({r.where})" for r in raised if r.key not in texts})
    assert missing == []


def test_every_key_computed_in_an_error_class_has_a_sentence(qtbot: QtBot) -> None:
    texts = service_texts()
    _, computed = raised_in_services()
    assert set(computed) <= set(COMPUTED), "add the class and its keys to COMPUTED"
    for error in (e for name in computed for e in COMPUTED[name]):
        assert error.key in texts, error.key
        assert placeholders(texts[error.key]) <= set(error.params), error.key


def test_a_sentence_names_only_values_each_of_its_raise_sites_gives(qtbot: QtBot) -> None:
    texts = service_texts()
    raised, _ = raised_in_services()
    short = [
        f"{r.where}: {r.key} needs {sorted(placeholders(texts[r.key]) - r.params)}"
        for r in raised
        if r.key in texts and not placeholders(texts[r.key]) <= r.params
    ]
    assert short == []


def test_every_sentence_in_the_table_is_raised_somewhere(qtbot: QtBot) -> None:
    raised, computed = raised_in_services()
    keys = {r.key for r in raised} | {e.key for name in computed for e in COMPUTED[name]}
    assert sorted(set(service_texts()) - keys) == []


def test_the_german_sentences_keep_every_placeholder() -> None:
    lost = []
    for context in ET.parse(SHELL_TS).iter("context"):
        if context.findtext("name") != "ErrorText":
            continue
        for message in context.iter("message"):
            source, german = message.findtext("source") or "", message.findtext("translation")
            if placeholders(source) != placeholders(german or ""):
                lost.append(f"{source!r} -> {german!r}")
    assert lost == []


def test_a_keyed_error_is_worded_with_its_values(qtbot: QtBot) -> None:
    error = ClientError("A.txt is larger than 100 bytes.", key="too_large", name="A.txt")
    assert user_message(error) == "A.txt is larger than the relay accepts."
    export = ExportRefused(REFUSED_BY_POLICY, key="export_off")
    assert str(export) == REFUSED_BY_POLICY  # the CLI's message is unchanged
    assert user_message(export) == (
        "Exporting from WardLink is switched off by your IT department; nothing was saved."
    )


def test_a_value_is_filled_in_once_even_if_it_looks_like_a_placeholder(qtbot: QtBot) -> None:
    error = ClientError("x", key="not_a_file", name="%name and %maximum.txt")
    assert user_message(error) == "%name and %maximum.txt is not a file."


@pytest.mark.parametrize("key", ["", "no_such_key"])
def test_an_error_without_a_known_key_shows_its_message(qtbot: QtBot, key: str) -> None:
    assert user_message(ClientError("The relay is far away.", key=key)) == (
        "The relay is far away."
    )
    assert user_message(ClientError()) == "ClientError"
