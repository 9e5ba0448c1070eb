"""Directory search as the user types, and LDAP sync, over 50 k generated staff.

Search: each query is typed one character at a time; every prefix is one search (limit
50), timed separately. Goal from issue 5: p95 <= 5 ms per keystroke. The baseline in
the same run is a plain Python loop over the same folded texts.

Sync: a private slapd (tests/directory/slapd.py) holds the same staff; a full
``sync_ldap`` into an empty relay (map, diff, sign, commit) is compared with a raw ldap3
paged dump of the same attributes in the same run. Goal: sync <= 2x the dump. Skipped
when slapd is not installed.

Usage: python -m bench directory [--quick]   (--quick: 10 k entries)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.table import print_table
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.directory.folding import fold
from desktop_app.directory.generate import staff
from desktop_app.directory.ldap_mapping import Schema, mapping_for
from desktop_app.directory.model import Entry
from desktop_app.directory.search import Filters, SearchIndex
from desktop_app.relay.admin import init_relay
from desktop_app.relay.ldap_sync import LdapSource, raw_people, sync_ldap
from tests.directory import slapd

QUERIES = (
    "müller",
    "mueller anna",
    "kardiologie",
    "dienstarzt",
    "schröder station",
    "oberärztin chirurgie",
    "yilmaz",
    "1234-0421",
    "neumann katrin",
    "pflegefachmann",
    "xyzzy",
    "zoe",
)


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def _typing(search: object, queries: tuple[str, ...]) -> list[float]:
    times: list[float] = []
    for query in queries:
        for end in range(1, len(query) + 1):
            start = time.perf_counter()
            search(query[:end])  # type: ignore[operator]
            times.append((time.perf_counter() - start) * 1000)
    return times


def main(argv: list[str]) -> None:
    count = 10_000 if "--quick" in argv else 50_000
    entries = staff(count)
    start = time.perf_counter()
    index = SearchIndex(entries)
    build_s = time.perf_counter() - start

    texts = [
        fold(f"{e.cn} {e.title} {e.department} {e.ward} {e.telephone_number}") for e in entries
    ]

    def naive(query: str) -> list[int]:
        words = fold(query).split()
        return [i for i, t in enumerate(texts) if all(w in t for w in words)][:50]

    keystrokes = _typing(index.search, QUERIES)
    filtered = _typing(lambda q: index.search(q, Filters(department="Kardiologie")), QUERIES)
    baseline = _typing(naive, QUERIES)
    rows = []
    for name, samples in (
        ("SearchIndex.search", keystrokes),
        ("  with department filter", filtered),
        ("naive loop (baseline)", baseline),
    ):
        rows.append(
            (
                name,
                len(samples),
                f"{statistics.median(samples):.2f}",
                f"{_percentile(samples, 0.95):.2f}",
                f"{max(samples):.2f}",
            )
        )
    print(f"{count} entries, index built in {build_s:.2f} s")
    print_table(("search per keystroke", "keystrokes", "p50 ms", "p95 ms", "max ms"), rows)
    p95 = _percentile(keystrokes, 0.95)
    print(f"goal p95 <= 5 ms: {'met' if p95 <= 5 else 'NOT met'} ({p95:.2f} ms)")
    _bench_sync(entries)


def _bench_sync(entries: list[Entry]) -> None:
    if not slapd.available():
        print("\nLDAP sync: skipped (slapd is not installed)")
        return
    admin = "bench admin passphrase"
    with tempfile.TemporaryDirectory() as tmp, slapd.running_slapd(entries) as server:
        root = Path(tmp) / "relay"
        kdf = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
        init_relay(root, "Bench Klinikum", admin, ["127.0.0.1"], kdf=kdf)
        source = LdapSource.create(
            server.url,
            server.base,
            Schema.OPENLDAP,
            mapping_for(Schema.OPENLDAP),
            bind_dn=server.bind_dn,
            password=server.password,
        )
        start = time.perf_counter()
        dumped = sum(1 for _ in raw_people(source))
        dump_s = time.perf_counter() - start
        start = time.perf_counter()
        first = sync_ldap(root, source, admin)
        sync_s = time.perf_counter() - start
        start = time.perf_counter()
        again = sync_ldap(root, source, admin)
        resync_s = time.perf_counter() - start
    print(f"\nLDAP sync of {len(entries)} people from slapd (paged, 500 per page)")
    print_table(
        ("run", "entries", "seconds", "x raw dump"),
        [
            ("raw ldap3 paged dump (baseline)", dumped, f"{dump_s:.2f}", "1.00"),
            ("sync_ldap into an empty relay", first.people, f"{sync_s:.2f}",
             f"{sync_s / dump_s:.2f}"),
            ("sync_ldap again, nothing changed", again.people, f"{resync_s:.2f}",
             f"{resync_s / dump_s:.2f}"),
        ],
    )  # fmt: skip
    print(f"goal sync <= 2x dump: {'met' if sync_s <= 2 * dump_s else 'NOT met'}")
