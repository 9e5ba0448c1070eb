"""docs/security.md maps threats to tests: every test it names must exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
# In order of appearance: `tests/x/y.py`, `tests/x/y.py::test_name`, `y.py::test_name`
# (a file named before), and `…suffix` (a test of the last file whose name ends so).
_TOKEN = re.compile(r"`((?:tests/[\w/]+/)?test_\w+\.py)(?:::(test_\w+))?`|`…(\w+)`")


def _names(path: Path) -> set[str]:
    return set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))


def references() -> list[tuple[Path, str]]:
    """(test file, name or name ending or "") for every test the doc names."""
    found: list[tuple[Path, str]] = []
    last: Path | None = None
    for file, name, suffix in _TOKEN.findall(DOC.read_text(encoding="utf-8")):
        if file:
            path = ROOT / file if "/" in file else next(ROOT.glob(f"tests/**/{file}"), None)
            assert path is not None and path.is_file(), f"docs/security.md: no {file}"
            last = path
            found.append((path, name))
        else:
            assert last is not None, f"docs/security.md: …{suffix} before any test file"
            found.append((last, "…" + suffix))
    return found


def test_every_test_named_in_the_threat_model_exists() -> None:
    refs = references()
    assert len(refs) >= 30  # the doc really maps threats to tests
    for path, name in refs:
        names = _names(path)
        if name.startswith("…"):
            ok = any(n.endswith(name[1:]) for n in names)
        else:
            ok = not name or name in names
        assert ok, f"docs/security.md names {path.relative_to(ROOT)}::{name}: no such test"
