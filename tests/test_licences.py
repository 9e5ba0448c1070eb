"""No GPL code ships with WardLink: every runtime dependency is checked transitively.

LGPL (Qt for Python) is fine for dynamic linking; GPL and AGPL are not.
"""

from __future__ import annotations

import re
from importlib import metadata

from packaging.requirements import Requirement

RUNTIME_EXTRAS = {"gui", "medical", "postgres", "calls"}
_GPL = re.compile(r"(?<![L])(A?GPL|GNU General Public|GNU Affero)", re.IGNORECASE)
_LGPL = re.compile(r"LGPL|Lesser General Public|Library General Public", re.IGNORECASE)


def licence_texts(dist: metadata.Distribution) -> list[str]:
    meta = dist.metadata
    texts = [meta.get("License-Expression") or "", (meta.get("License") or "")[:300]]
    texts += [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return [t for t in texts if t]


# Packages whose wheels carry no licence metadata, with the licence we checked by hand.
KNOWN = {
    "sqlcipher3": "zlib (pysqlite) and BSD-3-Clause (SQLCipher Community Edition)",
    "vodozemac": "Apache-2.0 (vodozemac-python and the vodozemac crate)",
}


def wanted(req: Requirement, extras: set[str]) -> bool:
    if req.marker is None:
        return True
    return any(req.marker.evaluate({"extra": e}) for e in extras)


def runtime_closure() -> dict[str, metadata.Distribution]:
    """wardlink's own dependencies plus its runtime extras, transitively."""
    seen: dict[str, metadata.Distribution] = {}
    top = [Requirement(r) for r in metadata.requires("wardlink") or []]
    todo = [r for r in top if wanted(r, RUNTIME_EXTRAS | {""})]
    while todo:
        req = todo.pop()
        name = req.name.lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue  # a platform-specific dependency that this OS does not install
        seen[name] = dist
        todo += [r for r in map(Requirement, dist.requires or []) if wanted(r, {""})]
    return seen


def test_no_gpl_in_runtime_dependencies() -> None:
    closure = runtime_closure()
    assert {"sqlcipher3", "cryptography", "argon2-cffi"} <= set(closure)
    offenders = {
        name: texts
        for name, dist in closure.items()
        for texts in [licence_texts(dist)]
        if any(_GPL.search(t) and not _LGPL.search(t) for t in texts)
    }
    assert offenders == {}
    unknown = [n for n, d in closure.items() if not licence_texts(d) and n not in KNOWN]
    assert unknown == []
