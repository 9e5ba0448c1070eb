"""Installer sources that can be checked without building: NSIS, spec, Debian files.

The full build (PyInstaller, .deb, install, self-test, purge) runs in
`make installer-test`, not here: it takes minutes and needs root.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ON_CI = bool(os.environ.get("CI") or os.environ.get("WARDLINK_CI"))


def test_nsis_script_compiles_over_a_placeholder_payload(tmp_path: Path) -> None:
    """CI installs NSIS, so there a missing makensis is a failure, not a skip."""
    if shutil.which("makensis") is None:
        if ON_CI:
            pytest.fail("makensis is missing on CI; .ci/run installs the nsis package")
        pytest.skip("makensis not installed (apt-get install nsis)")
    icons = tmp_path / "icons"
    subprocess.run(
        [sys.executable, str(INSTALLER / "make_icons.py"), str(icons)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    done = subprocess.run(
        [str(INSTALLER / "windows" / "check_nsis.sh"), str(icons / "wardlink.ico")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "wardlink.nsi compiles" in done.stdout


def test_icons_cover_the_hicolor_sizes_and_windows(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(INSTALLER / "make_icons.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = (tmp_path / f"wardlink-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (size, size)
    ico = (tmp_path / "wardlink.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0" and int.from_bytes(ico[4:6], "little") == 7


def test_spec_bundles_every_imagecodecs_extension_the_plugin_calls() -> None:
    """imagecodecs imports its extensions lazily, so the spec names them one by one."""
    from imagecodecs import imagecodecs as lazy

    spec = (INSTALLER / "wardlink.spec").read_text(encoding="utf-8")
    match = re.search(r"^IMAGECODECS = \[(.*?)\]", spec, re.MULTILINE | re.DOTALL)
    assert match is not None
    bundled = set(re.findall(r'"(\w+)"', match.group(1)))
    plugin = (ROOT / "desktop_app" / "medical" / "plugin_imagecodecs.py").read_text()
    used = set(re.findall(r"imagecodecs\.(\w+)", plugin)) - {"available"}
    assert used, "the plugin no longer calls imagecodecs?"
    needed = {lazy._ATTRIBUTES[name] for name in used}
    assert needed <= bundled, f"add to IMAGECODECS in the spec: {sorted(needed - bundled)}"


def test_desktop_entry_and_service_unit() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(INSTALLER / "linux" / "wardlink.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == "wardlink" and desktop["Icon"] == "wardlink"
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(
            ["desktop-file-validate", str(INSTALLER / "linux" / "wardlink.desktop")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr

    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(INSTALLER / "linux" / "wardlink-relay.service", encoding="utf-8")
    service = unit["Service"]
    assert (
        service["User"] == "wardlink" and service["EnvironmentFile"] == "/etc/wardlink/relay.conf"
    )
    assert service["ExecStart"].startswith("/usr/bin/wardlink relay serve ")
    conf = (INSTALLER / "linux" / "relay.conf").read_text(encoding="utf-8")
    for variable in re.findall(r"\$\{?(WARDLINK_\w+)", service["ExecStart"]):
        assert re.search(rf"^{variable}=", conf, re.MULTILINE), variable


def test_maintainer_scripts_are_posix_shell() -> None:
    for name in ("postinst", "prerm", "postrm"):
        script = INSTALLER / "linux" / "debian" / name
        assert script.read_text().startswith("#!/bin/sh\n")
        assert os.access(script, os.X_OK)
        subprocess.run(["sh", "-n", str(script)], check=True)
    # The service is never enabled or started by the package itself.
    text = (INSTALLER / "linux" / "debian" / "postinst").read_text()
    code = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in code if re.search(r"\benable\b|\bstart\b", line)]
