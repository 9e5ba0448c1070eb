"""The demo organisation's staff directory: about 200 fictional people and their roles.

``directory.generate.staff`` gives deterministic people spread over departments; the
demo makes them read like a hospital: titles match the first name's usual gender,
wards belong to their department, and the two demo people (a nurse and a physician)
work on the same ward, Kardiologie, Station 3B. Functional accounts such as
"Dienstarzt Kardiologie" are held by real entries, one of them by the physician.
The directory is published to the relay exactly as `wardlink admin directory import`
does: one signed version, audited.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.directory.generate import functional_account, staff
from desktop_app.directory.model import Entry
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import audit_publish, current_plan_base, plan, publish
from desktop_app.relay.errors import RelayDataError

STAFF_COUNT = 200
DEMO_DEPARTMENT = "Kardiologie"
DEMO_WARD = "Station 3B"
SOURCE = "wardlink demo"

_FEMALE = frozenset({"Anna", "Mia", "Lea", "Emma", "Sophie", "Hannah", "Zoë", "Ayşe", "Renée",
                     "Katrin"})  # fmt: skip
_FEMALE_TITLE = {
    "Assistenzarzt": "Assistenzärztin",
    "Oberarzt": "Oberärztin",
    "Chefarzt": "Chefärztin",
    "Pflegefachmann": "Gesundheits- und Krankenpflegerin",
}
_MALE_TITLE = {female: male for male, female in _FEMALE_TITLE.items()}
_MALE_TITLE["Gesundheits- und Krankenpflegerin"] = "Gesundheits- und Krankenpfleger"
_NURSES = frozenset({"Gesundheits- und Krankenpflegerin", "Gesundheits- und Krankenpfleger",
                     "Pflegefachmann"})  # fmt: skip
_SENIOR_PHYSICIANS = frozenset({"Oberärztin", "Oberarzt"})
_PHYSICIANS = frozenset({"Assistenzärztin", "Assistenzarzt", "Chefärztin", "Chefarzt",
                         *_SENIOR_PHYSICIANS})  # fmt: skip
_WARDS = {
    "Kardiologie": ("Station 3A", DEMO_WARD),
    "Innere Medizin": ("Station 2A", "Station 2B"),
    "Chirurgie": ("Station 5A", "Station 5B"),
    "Gynäkologie": ("Station 4A", "Kreißsaal"),
    "Neurologie": ("Station 6A", "Stroke Unit"),
    "Orthopädie": ("Station 7A", "Station 7B"),
    "Onkologie": ("Station 8A", "Tagesklinik Onkologie"),
    "Urologie": ("Station 9A", "Station 9B"),
    "Pädiatrie": ("Kinderstation K1", "Kinderstation K2"),
    "Anästhesie": ("Intensivstation", "Zentral-OP"),
    "Notaufnahme": ("Zentrale Notaufnahme", "Aufnahmestation"),
    "Radiologie": ("Röntgen", "CT/MRT"),
}


@dataclasses.dataclass(frozen=True, slots=True)
class DemoDirectory:
    entries: tuple[Entry, ...]
    nurse: Entry  # the FIRST demo person
    physician: Entry  # the SECOND demo person

    @property
    def functional_accounts(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.is_function)


def _plausible(entry: Entry, index: int) -> Entry:
    """Title by the first name's usual gender, ward within the department."""
    titles = _FEMALE_TITLE if entry.given_name in _FEMALE else _MALE_TITLE
    wards = _WARDS.get(entry.department)
    return dataclasses.replace(
        entry,
        title=titles.get(entry.title, entry.title),
        ward=wards[index % len(wards)] if wards else entry.ward,
    )


def _first(people: Sequence[Entry], wanted: Callable[[Entry], bool], what: str) -> Entry:
    """The first match, preferring people already in the demo department."""
    matches = [e for e in people if wanted(e)]
    if not matches:
        raise RelayDataError(f"the generated directory has no {what}")
    return min(matches, key=lambda e: e.department != DEMO_DEPARTMENT)


def _on_demo_ward(entry: Entry, cn: str) -> Entry:
    return dataclasses.replace(entry, cn=cn, department=DEMO_DEPARTMENT, ward=DEMO_WARD)


def _holders(people: Sequence[Entry], department: str, titles: frozenset[str]) -> tuple[str, ...]:
    found = [e.uid for e in people if e.department == department and e.title in titles]
    return tuple(found[:2])


def demo_directory(count: int = STAFF_COUNT) -> DemoDirectory:
    """The same directory on every run: people, the two demo people, functional accounts."""
    people = [_plausible(e, n) for n, e in enumerate(staff(count))]
    nurse = _first(people, lambda e: e.title in _NURSES, "nurse")
    physician = _first(people, lambda e: e.title in _SENIOR_PHYSICIANS, "senior physician")
    nurse = _on_demo_ward(nurse, nurse.cn)
    physician = _on_demo_ward(physician, f"Dr. {physician.cn}")
    people = [
        {nurse.uid: nurse, physician.uid: physician}.get(e.uid, e) for e in people
    ]  # same order, the two replaced
    accounts = [
        functional_account(
            "dienstarzt.kardiologie", "Dienstarzt Kardiologie", DEMO_DEPARTMENT, (physician.uid,)
        ),
        functional_account(
            "stationstelefon.3b", "Stationstelefon 3B", DEMO_DEPARTMENT, (nurse.uid,)
        ),
        functional_account(
            "dienstarzt.chirurgie",
            "Dienstarzt Chirurgie",
            "Chirurgie",
            _holders(people, "Chirurgie", _PHYSICIANS)[:1],
        ),
        functional_account(
            "hintergrund.innere",
            "Hintergrunddienst Innere Medizin",
            "Innere Medizin",
            _holders(people, "Innere Medizin", _SENIOR_PHYSICIANS)[:1],
        ),
        functional_account(
            "reanimationsteam",
            "Reanimationsteam",
            "",
            tuple(e.uid for e in people if "Reanimationsteam" in e.roles)[:3],
        ),
        functional_account(
            "befundung.radiologie",
            "Befundung Radiologie",
            "Radiologie",
            _holders(people, "Radiologie", _PHYSICIANS),
        ),
    ]
    return DemoDirectory((*people, *accounts), nurse, physician)


def publish_directory(relay_root: Path, admin_passphrase: str, entries: Sequence[Entry]) -> int:
    """Publish ``entries`` as the relay's directory (a signed version); its number."""
    data = RelayDataDir(relay_root)
    data.check_initialised()
    issuer = load_issuing_authority(relay_root, admin_passphrase)
    store = data.open_store()
    try:
        current, base = current_plan_base(store)
        result = publish(store, issuer, plan(current, base, entries, replace_all=True), SOURCE)
    finally:
        store.close()
    audit_publish(data, result, SOURCE)
    return result.version if result.version is not None else base
