"""Build wardlink_VERSION_ARCH.deb from the PyInstaller bundle (make installer-linux).

    python installer/linux/build_deb.py --bundle dist/wardlink --icons build/icons --out dist

Layout: the bundle in /opt/wardlink, /usr/bin/wardlink -> /opt/wardlink/wardlink, the
desktop entry and hicolor icons, wardlink-relay.service (disabled) with its settings in
/etc/wardlink/relay.conf (a conffile), and the maintainer scripts in debian/ beside this
file. Depends is computed by dpkg-shlibdeps from every ELF file in the bundle, because
the spec leaves distribution libraries (OpenSSL, X11, fontconfig, ...) out of it.
Uses only the standard library plus dpkg-deb, dpkg-shlibdeps and strip (binutils).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGE = "wardlink"
PREFIX = Path("opt/wardlink")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Not found by dpkg-shlibdeps: run-time needs of the maintainer scripts and of Qt.
EXTRA_DEPENDS = ("adduser",)
RECOMMENDS = ("fonts-dejavu-core | fonts-liberation2 | fonts-noto-core",)
DESCRIPTION = """\
End-to-end encrypted messenger for hospital wards
 WardLink replaces the chat groups in which nurses and physicians swap X-rays, ECGs
 and duty plans: end-to-end encrypted (Olm/Megolm), an encrypted container per person
 on shared ward PCs, the hospital's own staff directory, and a DICOM/ECG viewer.
 .
 This package holds the desktop app, the `wardlink` command and the relay that
 hospital IT runs on the clinic LAN (wardlink-relay.service, disabled until set up)."""


class BuildError(Exception):
    pass


def version() -> str:
    text = (ROOT / "desktop_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if not match:
        raise BuildError("no __version__ in desktop_app/__init__.py")
    return match.group(1)


def run(*cmd: str, cwd: Path | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BuildError(f"{' '.join(cmd[:2])} failed:\n{done.stderr.strip()}")
    return done.stdout


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as fp:
        return fp.read(4) == b"\x7fELF"


def elf_files(tree: Path) -> list[Path]:
    return sorted(p for p in tree.rglob("*") if is_elf(p))


def strip_debug(files: list[Path]) -> int:
    """Drop debug sections where it is safe; returns the bytes saved.

    Not for what auditwheel touched: libraries a wheel vendored (in a *.libs folder) and
    extensions whose RPATH points there ($ORIGIN). patchelf rewrote those, and strip
    corrupts them (numpy's OpenBLAS then fails with "ELF load command address/offset not
    page-aligned"). `wardlink --self-test` loads every library this could break.
    """
    saved = 0
    for path in files:
        if any(part.endswith(".libs") for part in path.parts):
            continue
        if "$ORIGIN" in run("readelf", "-d", str(path)):
            continue
        before = path.stat().st_size
        run("strip", "--strip-debug", "--preserve-dates", str(path))
        saved += before - path.stat().st_size
    return saved


def copy_bundle(bundle: Path, target: Path) -> None:
    if not (bundle / "wardlink").is_file():
        raise BuildError(f"{bundle} is not a PyInstaller bundle (no 'wardlink' executable)")
    shutil.copytree(bundle, target, symlinks=True)
    for path in target.rglob("*"):  # dpkg wants 0755 dirs and no group/world write bits
        if not path.is_symlink():
            mode = path.stat().st_mode
            path.chmod((mode & 0o755) | (0o755 if path.is_dir() else 0))


def install(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def shlib_depends(work: Path, stage: Path) -> str:
    """What the bundle needs from the system, as dpkg-shlibdeps finds it."""
    (work / "debian").mkdir(exist_ok=True)
    (work / "debian" / "control").write_text(
        f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8"
    )
    private = sorted({str(p.parent) for p in elf_files(stage)})
    cmd = [
        "dpkg-shlibdeps",
        "-O",
        "--ignore-missing-info",
        *(f"-l{d}" for d in private),
        *(str(p) for p in elf_files(stage)),
    ]
    done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, check=False)  # noqa: S603
    missing = sorted(set(re.findall(r"cannot find library (\S+)", done.stderr)))
    if missing:
        raise BuildError(
            "these libraries, needed by the bundle, are not installed on the build machine, "
            f"so the package cannot depend on them: {', '.join(missing)}.\n"
            "Install them (.ci/run lists them: libxcb-icccm4 libxcb-keysyms1 "
            "libwayland-cursor0) and build again."
        )
    if done.returncode != 0:
        raise BuildError(f"dpkg-shlibdeps failed:\n{done.stderr.strip()}")
    match = re.search(r"^shlibs:Depends=(.*)$", done.stdout, re.MULTILINE)
    return match.group(1).strip() if match else ""


def installed_size_kib(stage: Path) -> int:
    total = sum(p.lstat().st_size for p in stage.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def build(bundle: Path, icons: Path, out: Path) -> Path:
    ver = version()
    arch = run("dpkg", "--print-architecture").strip()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wardlink-deb-") as tmp:
        work = Path(tmp)
        stage = work / "debian" / PACKAGE  # where dpkg-shlibdeps expects package files
        copy_bundle(bundle, stage / PREFIX)
        saved = strip_debug(elf_files(stage / PREFIX))

        (stage / "usr/bin").mkdir(parents=True)
        (stage / "usr/bin/wardlink").symlink_to(f"/{PREFIX}/wardlink")
        install(HERE / "wardlink.desktop", stage / "usr/share/applications/wardlink.desktop")
        hicolor = stage / "usr/share/icons/hicolor"
        for size in ICON_SIZES:
            png = icons / f"wardlink-{size}.png"
            if not png.is_file():
                raise BuildError(f"{png} is missing; run installer/make_icons.py first")
            install(png, hicolor / f"{size}x{size}/apps/wardlink.png")
        install(ROOT / "resources/icons/wardlink.svg", hicolor / "scalable/apps/wardlink.svg")
        unit = "wardlink-relay.service"
        install(HERE / unit, stage / "lib/systemd/system" / unit)
        install(HERE / "relay.conf", stage / "etc/wardlink/relay.conf", 0o640)
        doc = stage / "usr/share/doc" / PACKAGE
        for name in ("copyright", "README.Debian", "policy.json.example"):
            install(HERE / "debian" / name, doc / name)

        depends = shlib_depends(work, stage)
        control_dir = stage / "DEBIAN"
        control_dir.mkdir()
        for script in ("postinst", "prerm", "postrm"):
            install(HERE / "debian" / script, control_dir / script, 0o755)
        (control_dir / "conffiles").write_text("/etc/wardlink/relay.conf\n", encoding="utf-8")
        fields = {
            "Package": PACKAGE,
            "Version": f"{ver}-1",
            "Architecture": arch,
            "Maintainer": "WardLink developers <it@wardlink.invalid>",
            "Installed-Size": str(installed_size_kib(stage)),
            "Depends": ", ".join(filter(None, (depends, *EXTRA_DEPENDS))),
            "Recommends": ", ".join(RECOMMENDS),
            "Section": "net",
            "Priority": "optional",
            "Homepage": "https://wardlink.invalid",
            "Description": DESCRIPTION,
        }
        control = "".join(f"{key}: {value}\n" for key, value in fields.items())
        (control_dir / "control").write_text(control, encoding="utf-8")

        deb = out / f"{PACKAGE}_{ver}-1_{arch}.deb"
        run("dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(deb))
        print(f"stripped debug info: {saved / 2**20:.1f} MiB")
        print(f"installed size: {int(fields['Installed-Size']) / 1024:.1f} MiB")
        print(f"Depends: {fields['Depends']}")
    print(f"built {deb} ({deb.stat().st_size / 2**20:.1f} MiB)")
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "wardlink")
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    if os.name != "posix" or shutil.which("dpkg-deb") is None:
        print("build_deb: needs Debian/Ubuntu with dpkg-deb", file=sys.stderr)
        return 1
    try:
        build(args.bundle, args.icons, args.out)
    except BuildError as exc:
        print(f"build_deb: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
