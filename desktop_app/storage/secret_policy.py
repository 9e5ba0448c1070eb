"""Minimums for passphrases and PINs; each refusal names its rule (``key``) so the GUI
can say it in its own language."""

from __future__ import annotations

from desktop_app.storage.errors import WeakSecret

MIN_PASSPHRASE_CHARS = 10
MAX_PASSPHRASE_CHARS = 1024
MIN_PIN_DIGITS = 6
MAX_PIN_DIGITS = 12


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise WeakSecret(
            f"The passphrase needs at least {MIN_PASSPHRASE_CHARS} characters.",
            "passphrase_short",
            minimum=MIN_PASSPHRASE_CHARS,
        )
    if len(passphrase) > MAX_PASSPHRASE_CHARS:
        raise WeakSecret("The passphrase is too long.", "passphrase_long")
    if len(set(passphrase)) < 4:
        raise WeakSecret("The passphrase repeats too few characters.", "passphrase_repetitive")


def check_pin(pin: str | bytes | bytearray) -> None:
    """Refuse short, non-digit or trivial PINs; works on a bytearray without copying it."""
    if not pin.isascii() or not pin.isdigit():
        raise WeakSecret("A PIN consists of digits only.", "pin_digits")
    if not MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS:
        raise WeakSecret(
            f"A PIN has {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits.",
            "pin_length",
            minimum=MIN_PIN_DIGITS,
            maximum=MAX_PIN_DIGITS,
        )
    steps = {_code(pin, i + 1) - _code(pin, i) for i in range(len(pin) - 1)}
    if steps == {0} or steps in ({1}, {-1}):
        raise WeakSecret(
            "This PIN is too easy to guess (repeated or consecutive digits).", "pin_trivial"
        )


def _code(pin: str | bytes | bytearray, i: int) -> int:
    """The i-th character's code, read without copying the PIN into a list or set."""
    item = pin[i]
    return item if isinstance(item, int) else ord(item)
