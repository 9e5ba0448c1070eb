"""How LDAP / Active Directory attributes become directory entries (pure; the network
side is desktop_app/relay/ldap_sync.py).

Two presets cover the usual servers: OpenLDAP's inetOrgPerson (uid, cn, ou, ...; the
ward in physicalDeliveryOfficeName, roles in employeeType) and Active Directory
(sAMAccountName, displayName, department, ...). ``--map attr=ldapAttr`` overrides single
fields, e.g. ``--map ward=roomNumber``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from desktop_app.directory.clean_text import clean_text
from desktop_app.directory.errors import DirectoryError
from desktop_app.directory.model import LDAP_ATTRIBUTES, Entry, make_entry

MAX_MAP_OVERRIDES: Final = 32


class Schema(StrEnum):
    OPENLDAP = "openldap"
    AD = "ad"


_OPENLDAP: Final = {
    "uid": "uid", "cn": "cn", "given_name": "givenName", "sn": "sn", "title": "title",
    "department": "ou", "ward": "physicalDeliveryOfficeName", "roles": "employeeType",
    "telephone_number": "telephoneNumber", "pager": "pager", "mail": "mail",
}  # fmt: skip
_AD: Final = {
    **_OPENLDAP, "uid": "sAMAccountName", "cn": "displayName", "department": "department",
}  # fmt: skip
DEFAULT_FILTERS: Final = {
    Schema.OPENLDAP: "(objectClass=inetOrgPerson)",
    # people with a user account that is not disabled (bit 2 of userAccountControl)
    Schema.AD: "(&(objectCategory=person)(objectClass=user)"
    "(!(userAccountControl:1.2.840.113556.1.4.803:=2)))",
}


@dataclass(frozen=True, slots=True)
class AttributeMap:
    """Entry field -> LDAP attribute name."""

    fields: Mapping[str, str]

    @property
    def attributes(self) -> list[str]:
        return sorted(set(self.fields.values()))


def mapping_for(schema: Schema, overrides: Sequence[str] = ()) -> AttributeMap:
    """The preset for ``schema`` with ``attr=ldapAttr`` overrides (attr as in CSV)."""
    if len(overrides) > MAX_MAP_OVERRIDES:
        raise DirectoryError(f"at most {MAX_MAP_OVERRIDES} --map overrides")
    fields = dict(_AD if schema is Schema.AD else _OPENLDAP)
    for item in overrides:
        name, eq, ldap_name = item.partition("=")
        field = LDAP_ATTRIBUTES.get(name.strip().lower())
        if not eq or field is None or field in ("kind", "holders", "takeover_policy"):
            raise DirectoryError(
                f"--map {item!r}: use attribute=ldapAttribute, e.g. ward=roomNumber"
            )
        if not ldap_name.strip().replace("-", "").isalnum():
            raise DirectoryError(f"--map {item!r}: {ldap_name!r} is not an LDAP attribute name")
        fields[field] = ldap_name.strip()
    return AttributeMap(fields)


def entry_from_ldap(attributes: Mapping[str, Sequence[str]], mapping: AttributeMap) -> Entry:
    """One person from an LDAP search result (attribute -> values, any case);
    InvalidEntry if it lacks a usable uid or breaks a limit. Texts are cleaned
    (``clean_text``: no controls, no direction overrides, NFC). uids are lower-cased,
    since AD's sAMAccountName is case-insensitive but WardLink's uids are not."""
    lowered = {k.lower(): v for k, v in attributes.items()}
    values: dict[str, list[str]] = {}
    for field, ldap_name in mapping.fields.items():
        found = [clean_text(str(v)) for v in lowered.get(ldap_name.lower(), ())]
        if found:
            values[field] = found
    if "uid" in values:
        values["uid"] = [values["uid"][0].strip().lower()]
    return make_entry(values)
