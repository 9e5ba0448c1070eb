#!/usr/bin/env bash
# Compile installer/windows/wardlink.nsi with makensis over a placeholder payload, so a
# syntax or path error in the script fails CI on Linux. The real payload (the PyInstaller
# bundle) can only be built on Windows: installer/README.md.
#
#   installer/windows/check_nsis.sh [ICON]      (make installer-windows-check)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ICON=$(realpath -m "${1:-$ROOT/build/icons/wardlink.ico}")
WORK=$ROOT/build/nsis-check
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/desktop_app/__init__.py")

if ! command -v makensis >/dev/null; then
    echo "installer-windows-check: makensis is missing (apt-get install nsis)" >&2
    exit 1
fi
[[ -f $ICON ]] || { echo "installer-windows-check: $ICON missing (installer/make_icons.py)" >&2; exit 1; }

rm -rf "$WORK"
mkdir -p "$WORK/dist/wardlink/_internal"
for exe in wardlink.exe wardlinkw.exe; do
    printf 'placeholder for %s: the real one is built by PyInstaller on Windows\n' "$exe" \
        >"$WORK/dist/wardlink/$exe"
done
echo "placeholder" >"$WORK/dist/wardlink/_internal/base_library.zip"

OUT=$WORK/wardlink-setup-$VERSION-placeholder.exe
makensis -V2 -WX \
    "-DVERSION=$VERSION" "-DDIST_DIR=$WORK/dist/wardlink" "-DICON=$ICON" "-DOUT_FILE=$OUT" \
    "$HERE/wardlink.nsi"
[[ $(head -c 2 "$OUT") == MZ ]] || { echo "installer-windows-check: $OUT is not a Windows executable" >&2; exit 1; }
echo "installer-windows-check: wardlink.nsi compiles ($(basename "$OUT"), $(stat -c %s "$OUT") bytes)"
