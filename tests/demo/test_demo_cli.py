"""`wardlink demo` as `make run` starts it: the product's Argon2 cost, a real process,
German/English output, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.demo.conftest import MadeDemo
from tests.test_cli import wardlink


@pytest.mark.slow
def test_prepare_only_with_the_real_kdf_then_reuse(tmp_path: Path) -> None:
    root = tmp_path / "demo-profile"
    first = wardlink("demo", "--dir", str(root), "--prepare-only")
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert "WardLink-Demo: Klinikum Nord (Demo) (neu erstellt / created)" in out
    assert "Passphrase (beide / both): demo-station-3b" in out
    assert "206 Einträge / entries" in out and "Dienstarzt Kardiologie" in out
    assert "Station 3B (Gruppe / group): 2 Nachrichten / messages" in out
    assert "📎 ruhe-ekg-zimmer12.dcm, roentgen-thorax-zimmer12.dcm" in out
    assert f"wardlink demo --dir {root} --as SECOND" in out
    assert '"memory_kib": 262144' in (root / "relay" / "org-root.key.json").read_text()
    again = wardlink("demo", "--dir", str(root), "--prepare-only")
    assert again.returncode == 0, again.stderr
    assert "(wiederverwendet / reused)" in again.stdout and "Creating" not in again.stdout


def test_a_foreign_folder_is_one_line_and_untouched(tmp_path: Path) -> None:
    (tmp_path / "dienstplan.xlsx").write_bytes(b"PK")
    done = wardlink("demo", "--dir", str(tmp_path), "--prepare-only")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"wardlink: {tmp_path} is not empty and holds no WardLink demo (dienstplan.xlsx); "
        "choose another --dir or empty it"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["dienstplan.xlsx"]


def test_an_unknown_person_is_one_line(made_demo: MadeDemo, tmp_path: Path) -> None:
    root = made_demo.copy(tmp_path / "demo")
    done = wardlink("demo", "--dir", str(root), "--as", "THIRD")
    assert done.returncode == 1, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wardlink: --as THIRD: not a demo person")
    assert made_demo.record.people[1].uid in lines[0]
