"""Read a SQLCipher 4 file page by page with the raw key, like a forensic tool would.

SQLCipher only shows live rows; what we must prove is that purged text is gone from
*every* page, free pages included. SQLCipher 4 defaults: 4096-byte pages, AES-256-CBC,
each page ending in a 16-byte IV and a 64-byte HMAC; page 1 starts with the 16-byte salt.
With a raw key the key is the AES key itself.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # 16 IV + 64 HMAC
WAL_HEADER = 32
WAL_FRAME_HEADER = 24


def decrypt_page(page: bytes, key: bytes, first: bool) -> bytes:
    start = 16 if first else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    body = page[start : PAGE - RESERVE]
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(body) + dec.finalize()


def decrypted_db(path: Path, key: bytes) -> bytes:
    data = path.read_bytes()
    assert len(data) % PAGE == 0
    return b"".join(
        decrypt_page(data[i : i + PAGE], key, i == 0) for i in range(0, len(data), PAGE)
    )


def decrypted_wal(path: Path, key: bytes) -> bytes:
    if not path.exists():
        return b""
    data = path.read_bytes()
    out = []
    offset = WAL_HEADER
    while offset + WAL_FRAME_HEADER + PAGE <= len(data):
        page_no = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + WAL_FRAME_HEADER : offset + WAL_FRAME_HEADER + PAGE]
        out.append(decrypt_page(page, key, page_no == 1))
        offset += WAL_FRAME_HEADER + PAGE
    return b"".join(out)
