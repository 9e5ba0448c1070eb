"""Minimums for passphrases and PINs, with messages in both languages of the wards."""

from __future__ import annotations

from desktop_app.storage.errors import WeakSecret

MIN_PASSPHRASE_CHARS = 10
MAX_PASSPHRASE_CHARS = 1024
MIN_PIN_DIGITS = 6
MAX_PIN_DIGITS = 12


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise WeakSecret(
            f"The passphrase needs at least {MIN_PASSPHRASE_CHARS} characters. / "
            f"Die Passphrase braucht mindestens {MIN_PASSPHRASE_CHARS} Zeichen."
        )
    if len(passphrase) > MAX_PASSPHRASE_CHARS:
        raise WeakSecret("The passphrase is too long. / Die Passphrase ist zu lang.")
    if len(set(passphrase)) < 4:
        raise WeakSecret(
            "The passphrase repeats too few characters. / "
            "Die Passphrase besteht aus zu wenigen verschiedenen Zeichen."
        )


def check_pin(pin: str | bytes | bytearray) -> None:
    """Refuse short, non-digit or trivial PINs; works on a bytearray without copying it."""
    if not pin.isascii() or not pin.isdigit():
        raise WeakSecret("A PIN consists of digits only. / Eine PIN besteht nur aus Ziffern.")
    if not MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS:
        raise WeakSecret(
            f"A PIN has {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits. / "
            f"Eine PIN hat {MIN_PIN_DIGITS} bis {MAX_PIN_DIGITS} Ziffern."
        )
    steps = {_code(pin, i + 1) - _code(pin, i) for i in range(len(pin) - 1)}
    if steps == {0} or steps in ({1}, {-1}):
        raise WeakSecret(
            "This PIN is too easy to guess (repeated or consecutive digits). / "
            "Diese PIN ist zu leicht zu erraten."
        )


def _code(pin: str | bytes | bytearray, i: int) -> int:
    """The i-th character's code, read without copying the PIN into a list or set."""
    item = pin[i]
    return item if isinstance(item, int) else ord(item)
