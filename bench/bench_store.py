"""The encrypted container against plain stdlib sqlite3 on the same schema and workload.

Both run the same stores and SQL (desktop_app.storage) on the same pragmas; only the
driver differs (sqlcipher3 with a raw key vs the standard library). Goals from the
issue: container within 1.3x of plain SQLite for each row, page load <= 5 ms,
FTS search <= 50 ms among 1 M messages.

Usage: python -m bench store [--quick]   (--quick: 100 k rows instead of 1 M)
"""

from __future__ import annotations

import random
import secrets
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.table import median_ms, print_table
from desktop_app.crypto.keywrap import KdfParams, derive_key
from desktop_app.domain.ids import ConversationId, Uid
from desktop_app.domain.model import Conversation, ConversationKind, Message, MessageState
from desktop_app.storage import migrations
from desktop_app.storage.container import configure, connect
from desktop_app.storage.database import Database
from desktop_app.storage.sql_messages import SqlConversationStore, SqlMessageStore

WORDS = (
    "Visite",
    "Labor",
    "Röntgen",
    "Thorax",
    "EKG",
    "Blutdruck",
    "Zimmer",
    "Station",
    "Übergabe",
    "Dienstplan",
    "Befund",
    "Medikation",
    "Infusion",
    "Schmerz",
    "Fieber",
    "Kalium",
    "Natrium",
    "Troponin",
    "Entlassung",
    "Aufnahme",
    "Konsil",
    "Patient",
    "Patientin",
    "Nachtdienst",
    "Frühdienst",
    "Spätdienst",
    "Arzt",
    "Pflege",
    "bitte",
    "danke",
    "heute",
    "morgen",
)
T0 = datetime(2025, 1, 1, tzinfo=UTC)
CONVERSATIONS = 200
BATCH = 1000


def open_plain(path: Path) -> Database:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    db = Database(conn, sqlite3)
    db.scalar("SELECT count(*) FROM sqlite_master")
    return db


def schema_plain(db: Database) -> None:
    """Same migrations; stdlib SQLite 3.40 lacks FTS5 'secure-delete', so that one line
    is skipped (it only costs the container work on deletes, not in this workload)."""
    for migration in migrations.available():
        with db.transaction() as cur:
            for statement in migration.statements():
                if "secure-delete" not in statement:
                    cur.execute(statement)
            cur.execute(f"PRAGMA user_version = {migration.version}")


def messages(rng: random.Random, start: int, n: int) -> list[Message]:
    out = []
    for i in range(start, start + n):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 18)))
        out.append(
            Message(
                message_id=secrets.token_hex(8),  # type: ignore[arg-type]
                conversation_id=ConversationId(f"c{i % CONVERSATIONS}"),
                sender_uid=Uid(f"user{i % 37}"),
                sent_at=T0 + timedelta(seconds=i),
                body=f"{body} #{i}",
                state=MessageState.RECEIVED,
            )
        )
    return out


def fill(db: Database, total: int, seed: int) -> float:
    """Insert ``total`` messages in batches; returns seconds for the first 100 k."""
    convs = SqlConversationStore(db)
    for c in range(CONVERSATIONS):
        convs.create(Conversation(ConversationId(f"c{c}"), ConversationKind.GROUP, f"C{c}", T0))
    store = SqlMessageStore(db)
    rng = random.Random(seed)
    first_100k = 0.0
    done = 0
    start = time.perf_counter()
    while done < total:
        store.add_many(messages(rng, done, BATCH))
        done += BATCH
        if done == min(total, 100_000):
            first_100k = time.perf_counter() - start
    return first_100k


def workload(db: Database, rng: random.Random) -> tuple[float, float]:
    store = SqlMessageStore(db)
    page = median_ms(
        lambda: store.page(ConversationId(f"c{rng.randrange(CONVERSATIONS)}"), limit=50), 300
    )
    queries = ["troponin kalium", "Röntgen", "ubergabe zimmer", "nachtd", "befund thorax ekg"]
    search = median_ms(lambda: store.search(rng.choice(queries), limit=50), 60)
    return page, search


def main(argv: list[str]) -> None:
    rows = 100_000 if "--quick" in argv else 1_000_000
    work = Path(tempfile.mkdtemp(prefix="wardlink-bench-"))
    try:
        key = secrets.token_bytes(32)
        results: dict[str, dict[str, float]] = {}
        for name in ("plain", "container"):
            path = work / f"{name}.db"
            if name == "plain":
                db = open_plain(path)
                configure(db)
                schema_plain(db)
            else:
                db = connect(path, key)
                configure(db)
                migrations.migrate(db)
            insert_s = fill(db, rows, seed=7)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()

            def reopen(name: str = name, path: Path = path) -> Database:
                return open_plain(path) if name == "plain" else connect(path, key)

            open_ms = median_ms(lambda: reopen().close(), 30)
            db = reopen()
            configure(db)
            page_ms, search_ms = workload(db, random.Random(3))
            db.close()
            results[name] = {
                "insert": insert_s * 1000,
                "page": page_ms,
                "search": search_ms,
                "open": open_ms,
            }
        kdf_ms = median_ms(lambda: derive_key("passphrase", b"0" * 16, KdfParams()), 3)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    labels = {
        "insert": "insert 100 k messages (batches of 1000)",
        "page": f"newest page of 50 among {rows:,} rows",
        "search": f"FTS search, 50 hits, among {rows:,} rows",
        "open": "open (raw key) + read schema",
    }
    table = []
    for key_name, label in labels.items():
        plain, cont = results["plain"][key_name], results["container"][key_name]
        table.append([label, f"{plain:.2f}", f"{cont:.2f}", f"{cont / plain:.2f}x"])
    table.append(["unlock: Argon2id (t=3, 256 MiB, p=2)", "-", f"{kdf_ms:.0f}", "-"])
    print_table(["workload (median ms)", "sqlite3", "container", "ratio"], table)
    print(
        f"\nSQLite {sqlite3.sqlite_version} (stdlib) vs SQLCipher; goals: ratio <= 1.3x, "
        "page <= 5 ms, FTS <= 50 ms."
    )


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
