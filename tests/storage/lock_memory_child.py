"""Child process for test_lock_memory: unlock, set a PIN and lock via the real LockSession.

Secrets arrive on stdin (read straight into bytearrays, never as ``str``), the way the
GUI hands them over. The child answers on stdout: ``locked`` once PIN-locked (the parent
then reads this process's memory), ``reopened N`` after the parent sends the PIN again.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from desktop_app.crypto.keywrap import KdfParams
from desktop_app.storage.lock_state import LockState
from desktop_app.storage.session import LockSession

CHEAP_PIN_KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


def read_exactly(size: int) -> bytearray:
    buf = bytearray(size)
    view = memoryview(buf)
    got = 0
    while got < size:
        n = os.readv(0, [view[got:]])
        if n == 0:
            raise SystemExit("parent closed stdin early")
        got += n
    return buf


def main() -> None:
    directory = Path(sys.argv[1])
    canary_len, passphrase_len, pin_len = (int(a) for a in sys.argv[2:5])
    receiving = sys.argv[5] == "receiving"  # the app's default: the database stays open
    canary = read_exactly(canary_len)  # stays referenced: the scan must find it
    passphrase = read_exactly(passphrase_len)
    pin = read_exactly(pin_len)
    session = LockSession(directory, pin_kdf=CHEAP_PIN_KDF, receive_while_pin_locked=receiving)
    # The caller keeps its buffers (as the GUI's handler does until it returns):
    # the session must zero them, not just drop its own references.
    container = session.unlock_with_passphrase(passphrase)
    container.messages.count()
    session.set_pin(pin)
    if not receiving:
        del container  # else it stays referenced, as by the client that keeps receiving
    session.lock()
    assert session.state is LockState.PIN_LOCKED, session.state
    gc.collect()
    print("locked", flush=True)
    again = read_exactly(pin_len)
    reopened = session.unlock_with_pin(again)
    print(f"reopened {reopened.messages.count()}", flush=True)
    session.close()
    assert canary and passphrase and pin


if __name__ == "__main__":
    main()
