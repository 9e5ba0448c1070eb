"""`wardlink --self-test`: prove that an installed (frozen) WardLink has all its parts.

A PyInstaller bundle fails quietly when it lost a shared library or a data file: the
app starts, and the first X-ray, the first unlock or the German UI breaks on a ward PC.
Each check here exercises one such part for real, headlessly, in a temp dir:

    sqlcipher     create, close and reopen an encrypted container (a fast KDF)
    vodozemac     an Olm round trip between two fresh device accounts
    dicom         every embedded sample through the viewer's decoding path
    codec NAME    each bundled codec decodes its samples on its own
    qt            offscreen widget render, platform and image-format plugins
    translations  each resources/translations/wardlink_*.qm loads
    policy        the machine policy file (and registry) has no broken value

One line per check ("ok   NAME: what was shown" or "FAIL NAME: why"), exit code 1 if
any failed. The Qt checks live in desktop_app.ui.selftest_qt, imported here only when
they run, so `wardlink --help` never loads Qt, pydicom or numpy.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

# Checks return what they showed (one short phrase) or raise with the reason.
Check = tuple[str, Callable[[], str]]

SCRATCH_PASSPHRASE = "self-test passphrase for a temp container"  # noqa: S105
EXIT_FAILED = 1
MAX_REASON_CHARS = 400


class SelfTestFailed(Exception):
    """A check found a problem; the message is the reason shown after FAIL."""


def ensure_headless_qt() -> None:
    """Use Qt's offscreen platform when there is no display to open a window on."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# ---- the checks ----------------------------------------------------------------------


def check_sqlcipher() -> str:
    import sqlcipher3

    from desktop_app.crypto.keywrap import KdfParams
    from desktop_app.storage.container import DB_NAME, Container
    from desktop_app.storage.errors import WrongPassphrase
    from desktop_app.storage.keyslot import Owner

    fast = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
    with tempfile.TemporaryDirectory(prefix="wardlink-selftest-") as tmp:
        where = Path(tmp) / "container"
        with Container.create(where, SCRATCH_PASSPHRASE, Owner("Self-test"), kdf=fast) as container:
            container.settings.set("selftest.value", "Grüße aus Station 3B")
            version = str(container.database.scalar("PRAGMA cipher_version"))
        header = (where / DB_NAME).read_bytes()[:16]
        if header.startswith(b"SQLite format 3"):
            raise SelfTestFailed("the database file is NOT encrypted (plain SQLite header)")
        with Container.open(where, SCRATCH_PASSPHRASE) as container:
            if container.settings.get("selftest.value") != "Grüße aus Station 3B":
                raise SelfTestFailed("the value written before closing did not come back")
            if problems := container.integrity_check():
                raise SelfTestFailed(f"integrity check after reopening: {problems[0]}")
        try:
            Container.open(where, SCRATCH_PASSPHRASE + "x").close()
        except WrongPassphrase:
            pass
        else:
            raise SelfTestFailed("a wrong passphrase opened the container")
    library = getattr(sqlcipher3, "sqlite_version", "?")
    return (
        f"encrypted container created, reopened and checked (SQLCipher {version}, SQLite {library})"
    )


class _MemoryPickles:
    """A PickleStore in a dict: the Olm check needs no container."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], bytes] = {}

    def save(self, kind: str, name: str, pickle: bytes) -> None:
        self.data[kind, name] = pickle

    def save_many(self, kind: str, items: Sequence[tuple[str, bytes]]) -> None:
        for name, pickle in items:
            self.save(kind, name, pickle)

    def load(self, kind: str, name: str) -> bytes | None:
        return self.data.get((kind, name))

    def names(self, kind: str) -> list[str]:
        return [name for k, name in self.data if k == kind]

    def delete(self, kind: str, name: str) -> None:
        self.data.pop((kind, name), None)


def check_vodozemac() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from desktop_app.crypto.e2e import DeviceAccount, OlmSessions, verify_signed_key

    pickle_key = os.urandom(32)
    people = {}
    for name in ("alice", "bob"):
        store = _MemoryPickles()
        account = DeviceAccount.create(store, pickle_key)
        people[name] = (account, OlmSessions(account, store, pickle_key))
    (alice, alice_olm), (bob, bob_olm) = people["alice"], people["bob"]
    bob.generate_one_time_keys(1, published_unused=0)
    claimed = next(k for k in bob.upload_keys() if not k.fallback)
    verify_signed_key(bob.identity_keys.ed25519, claimed)
    a, b = alice.identity_keys.curve25519, bob.identity_keys.curve25519
    first = alice_olm.encrypt("dev-bob", b, claimed.key, b"Visite um 9?")
    if bob_olm.decrypt("dev-alice", a, first.message_type, first.body) != b"Visite um 9?":
        raise SelfTestFailed("Olm pre-key message decrypted to the wrong text")
    reply = bob_olm.encrypt("dev-alice", a, None, b"Ja, bis gleich.")
    if alice_olm.decrypt("dev-bob", b, reply.message_type, reply.body) != b"Ja, bis gleich.":
        raise SelfTestFailed("Olm reply decrypted to the wrong text")
    try:
        release = version("vodozemac")
    except PackageNotFoundError:
        release = "version unknown"
    return f"Olm session opened, message and reply decrypted (vodozemac {release})"


def check_dicom() -> str:
    from desktop_app.medical.codec_samples import SAMPLES, check_viewer_path

    for sample in SAMPLES:
        check_viewer_path(sample)
    syntaxes = len({s.transfer_syntax for s in SAMPLES})
    return f"{len(SAMPLES)} samples in {syntaxes} transfer syntaxes decoded as the viewer does"


def codec_check(codec: str) -> Check:
    def check() -> str:
        from desktop_app.medical.codec_samples import check_codec

        samples = check_codec(codec)
        families = ", ".join(dict.fromkeys(s.family for s in samples))
        plural = "" if len(samples) == 1 else "s"
        return f"{len(samples)} sample{plural} decoded ({families})"

    return (f"codec {codec}", check)


def check_export_pdf() -> str:
    """The patient-record PDF: fpdf2, its font tools and the bundled font in this build."""
    from datetime import UTC, datetime

    from desktop_app.services.export_pdf import text_pdf

    data = text_pdf("Übergabe", ["Dr. Yılmaz, Łukasz Wójcik"], datetime.now(UTC))
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise SelfTestFailed("the PDF was written without its embedded font")
    return f"a PDF with its embedded font written ({len(data) // 1024} KB)"


def check_policy() -> str:
    from desktop_app.services.policy import default_policy_path, load_policy

    path = default_policy_path()
    policy = load_policy(path)
    if policy.problems:
        raise SelfTestFailed("; ".join(policy.problems))
    if not policy.managed:
        return f"no managed settings ({path} absent or empty)"
    return f"managed by IT: {', '.join(policy.managed)}"


def check_qt() -> str:
    from desktop_app.ui import selftest_qt  # Qt only when this check runs

    return selftest_qt.check_render()


def check_pdf() -> str:
    from desktop_app.ui import selftest_qt

    return selftest_qt.check_pdf()


def check_audio() -> str:
    from desktop_app.ui import selftest_qt

    return selftest_qt.check_audio()


def check_media_playback() -> str:
    from desktop_app.ui import selftest_qt

    return selftest_qt.check_media_playback()


def check_translations() -> str:
    from desktop_app.resource_files import resources_dir
    from desktop_app.ui import selftest_qt

    return selftest_qt.check_translations(resources_dir() / "translations")


def _codec_checks() -> list[Check]:
    """One check per bundled codec; if even the list cannot load, one check that says why."""
    try:
        from desktop_app.medical.codec_samples import BUNDLED_CODECS
    except Exception as exc:  # e.g. numpy's shared library missing from the bundle
        error = exc

        def unavailable() -> str:
            raise error

        return [("codecs", unavailable)]
    return [codec_check(name) for name in BUNDLED_CODECS]


def all_checks() -> list[Check]:
    return [
        ("sqlcipher", check_sqlcipher),
        ("vodozemac", check_vodozemac),
        ("dicom", check_dicom),
        *_codec_checks(),
        ("qt", check_qt),
        ("pdf", check_pdf),
        ("audio", check_audio),
        ("media", check_media_playback),
        ("translations", check_translations),
        ("export pdf", check_export_pdf),
        ("policy", check_policy),
    ]


# ---- running them --------------------------------------------------------------------


def _reason(exc: BaseException) -> str:
    """One line; our own errors speak for themselves, others also name their type."""
    text = " ".join(str(exc).split())  # codec errors list every plugin on its own line
    if len(text) > MAX_REASON_CHARS:
        text = text[: MAX_REASON_CHARS - 1] + "…"
    if isinstance(exc, SelfTestFailed) or (text and type(exc).__module__.startswith("desktop_app")):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _results(checks: list[Check]) -> Iterator[tuple[str, bool, str]]:
    for name, check in checks:
        try:
            detail = check()
        except Exception as exc:  # any failure of a part is the finding
            yield name, False, _reason(exc)
        else:
            yield name, True, detail


def run(checks: list[Check] | None = None, out: TextIO | None = None) -> int:
    """Run every check, print one line each, and return the exit code."""
    out = out or sys.stdout
    ensure_headless_qt()
    checks = all_checks() if checks is None else checks
    started = time.monotonic()
    failed = 0
    for name, ok, detail in _results(checks):
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", file=out, flush=True)
    total = len(checks)
    seconds = time.monotonic() - started
    if failed:
        print(f"self-test FAILED: {failed} of {total} checks ({seconds:.1f} s)", file=out)
        return EXIT_FAILED
    print(f"self-test passed: {total} checks ({seconds:.1f} s)", file=out)
    return 0
