"""Directory search as the user types, over 50 k generated staff.

Each query is typed one character at a time; every prefix is one search (limit 50),
timed separately. Goal from issue 5: p95 <= 5 ms per keystroke. The baseline in the
same run is a plain Python loop over the same folded texts (what a naive search does).

Usage: python -m bench directory [--quick]   (--quick: 10 k entries)
"""

from __future__ import annotations

import statistics
import time

from bench.table import print_table
from desktop_app.directory.folding import fold
from desktop_app.directory.generate import staff
from desktop_app.directory.search import Filters, SearchIndex

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
