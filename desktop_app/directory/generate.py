"""Deterministic synthetic staff for demos, tests and benchmarks (no real people).

The same ``count`` and ``seed`` always give the same entries, so a benchmark run and a
test can be repeated exactly.
"""

from __future__ import annotations

import random
from typing import Final

from desktop_app.directory.model import Entry, EntryKind

_GIVEN: Final = (
    "Anna", "Jonas", "Mia", "Lukas", "Lea", "Finn", "Emma", "Paul", "Sophie", "Ben",
    "Hannah", "Jörg", "Zoë", "Ümit", "Ayşe", "Björn", "Renée", "Mehmet", "Katrin", "Tobias",
)  # fmt: skip
_SN: Final = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
    "Schröder", "Neumann", "Schwarz", "Zimmermann", "Yılmaz", "Krüger", "Hartmann", "Groß",
)  # fmt: skip
_DEPARTMENTS: Final = (
    "Kardiologie", "Chirurgie", "Innere Medizin", "Neurologie", "Pädiatrie", "Radiologie",
    "Anästhesie", "Gynäkologie", "Orthopädie", "Notaufnahme", "Onkologie", "Urologie",
)  # fmt: skip
_TITLES: Final = (
    "Assistenzärztin", "Assistenzarzt", "Oberärztin", "Oberarzt", "Chefarzt",
    "Gesundheits- und Krankenpflegerin", "Pflegefachmann", "Stationsleitung", "MTRA",
)  # fmt: skip
_ROLES: Final = ("Dienstarzt", "Hintergrunddienst", "Reanimationsteam", "Praxisanleitung")


def _ascii_uid(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ë": "e", "é": "e",
                           "ş": "s", "ı": "i", "ø": "o"})  # fmt: skip
    return "".join(c for c in text.lower().translate(table) if c.isascii() and c.isalnum())


def staff(count: int, seed: int = 5) -> list[Entry]:
    """``count`` people spread over departments and wards, plus nothing else."""
    rng = random.Random(seed)
    out: list[Entry] = []
    for n in range(count):
        given, sn = rng.choice(_GIVEN), rng.choice(_SN)
        department = rng.choice(_DEPARTMENTS)
        ward = f"Station {1 + n % 9}{'ABC'[n % 3]}"
        roles = tuple(sorted({rng.choice(_ROLES)})) if rng.random() < 0.3 else ()
        out.append(
            Entry(
                uid=f"{_ascii_uid(sn)}.{_ascii_uid(given)}.{n}",
                cn=f"{given} {sn}",
                given_name=given,
                sn=sn,
                title=rng.choice(_TITLES),
                department=department,
                ward=ward,
                roles=roles,
                telephone_number=f"+49 40 1234-{n % 100000:05d}",
                pager=f"{n % 9000 + 1000}",
                mail=f"{_ascii_uid(given)}.{_ascii_uid(sn)}.{n}@klinikum.example",
            )
        )
    return out


def functional_account(uid: str, cn: str, department: str, holders: tuple[str, ...]) -> Entry:
    return Entry(
        uid=uid, cn=cn, department=department, kind=EntryKind.FUNCTION, holders=holders,
        roles=("Funktionskonto",),
    )  # fmt: skip
