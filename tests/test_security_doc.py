"""docs/security.md maps threats to tests: every test it names must exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
# `tests/x/y.py::test_name` or `tests/x/y.py` (a whole file); `…name` continues the
# previous file with a name ending (`test_a.py::…suffix`).
_REF = re.compile(r"`(tests/[\w/]+\.py)(?:::([\w…\[\]|-]+))?`")
_SHORT = re.compile(r"`(test_\w+\.py)::(…?\w+)`")


def _names(path: Path) -> set[str]:
    return set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))


def test_every_test_named_in_the_threat_model_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    refs = _REF.findall(text)
    assert len(refs) >= 30  # the doc really maps threats to tests
    files = {}
    for file, name in refs:
        path = ROOT / file
        assert path.is_file(), f"docs/security.md names {file}, which does not exist"
        files[path.name] = path
        if name:
            base = name.split("[")[0]
            names = _names(path)
            assert any(n == base or n.endswith(base.lstrip("…")) for n in names), (
                f"docs/security.md names {file}::{name}, which does not exist"
            )
    for short, name in _SHORT.findall(text):
        path = files.get(short) or next(ROOT.glob(f"tests/**/{short}"), None)
        assert path is not None, f"docs/security.md names {short}, which does not exist"
        suffix = name.lstrip("…")
        assert any(n.endswith(suffix) for n in _names(path)), (
            f"docs/security.md names {short}::{name}, which does not exist"
        )
