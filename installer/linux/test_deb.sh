#!/usr/bin/env bash
# Install the .deb on this machine, use it as IT and a ward user would, remove it, and
# check that nothing is left. Run by `make installer-test` (as root: dpkg needs it).
#
#   installer/linux/test_deb.sh dist/wardlink_0.1.0-1_amd64.deb PYTHON
#
# PYTHON is the build venv's interpreter; it only writes the sample DICOM files.
set -euo pipefail

DEB=${1:?usage: test_deb.sh PACKAGE.deb PYTHON}
PY=${2:?usage: test_deb.sh PACKAGE.deb PYTHON}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/wardlink-installer-test.XXXXXX)
chmod 755 "$WORK"
ADMIN_PASS="installer-test-admin-passphrase"
RELAY_PID=

step() { printf '\n== %s\n' "$*"; }
fail() {
    printf 'installer-test FAILED: %s\n' "$*" >&2
    exit 1
}

[[ $(id -u) == 0 ]] || fail "run as root (dpkg -i and a system user are part of the test)"
[[ -f $DEB ]] || fail "$DEB does not exist; run make installer-linux"
if dpkg-query -W -f='${Status}' wardlink 2>/dev/null | grep -q installed; then
    fail "a wardlink package is already installed here; dpkg --purge wardlink first"
fi
if getent passwd wardlink >/dev/null; then
    fail "a 'wardlink' user exists already; this test creates and removes it (userdel wardlink)"
fi

cleanup() {
    local rc=$?
    if [[ -n $RELAY_PID ]]; then kill "$RELAY_PID" 2>/dev/null || true; fi
    if dpkg-query -W -f='${Status}' wardlink 2>/dev/null | grep -q installed; then
        dpkg --purge wardlink >/dev/null 2>&1 || true
    fi
    rm -rf /var/lib/wardlink
    if getent passwd wardlink >/dev/null; then userdel wardlink 2>/dev/null || true; fi
    if getent group wardlink >/dev/null; then groupdel wardlink 2>/dev/null || true; fi
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT

# The directories the package owns; nothing of WardLink may stay there after purge.
INSTALL_PATHS=(/opt/wardlink /usr/bin/wardlink /usr/share/applications/wardlink.desktop
    /lib/systemd/system/wardlink-relay.service /etc/wardlink /usr/share/doc/wardlink)

step "install $(basename "$DEB") as IT does: apt-get install ./PACKAGE.deb (dpkg underneath)"
for path in "${INSTALL_PATHS[@]}"; do
    [[ ! -e $path ]] || fail "$path exists before installing; clean it first"
done
started=$SECONDS
DEB_ABS=$(realpath "$DEB")
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$DEB_ABS" ||
    fail "installing failed (see apt's message above)"
echo "installed in $((SECONDS - started)) s: $(du -sh /opt/wardlink | cut -f1) in /opt/wardlink"
[[ -L /usr/bin/wardlink ]] || fail "/usr/bin/wardlink is not a symlink"
wardlink --version

step "what the package set up"
getent passwd wardlink >/dev/null || fail "postinst did not create the wardlink user"
[[ $(stat -c %U:%G:%a /etc/wardlink/relay.conf) == root:wardlink:640 ]] ||
    fail "relay.conf is $(stat -c %U:%G:%a /etc/wardlink/relay.conf), not root:wardlink:640"
[[ $(stat -c %U:%a /var/lib/wardlink) == wardlink:750 ]] || fail "/var/lib/wardlink owner/mode"
grep -qx /etc/wardlink/relay.conf /var/lib/dpkg/info/wardlink.conffiles || fail "conffiles"
for size in 16 32 48 256; do
    [[ -f /usr/share/icons/hicolor/${size}x${size}/apps/wardlink.png ]] || fail "icon ${size}px"
done
[[ -f /usr/share/icons/hicolor/scalable/apps/wardlink.svg ]] || fail "scalable icon"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/wardlink.desktop
fi
if [[ -e /etc/systemd/system/multi-user.target.wants/wardlink-relay.service ]]; then
    fail "the relay service was enabled by the package; it must stay disabled"
fi
if command -v systemd-analyze >/dev/null; then
    # Offline syntax check of the unit (no running systemd needed).
    out=$(systemd-analyze verify /lib/systemd/system/wardlink-relay.service 2>&1 || true)
    if grep -Ei "unknown|invalid|failed to parse|ignoring" <<<"$out"; then
        fail "systemd-analyze verify found problems in wardlink-relay.service"
    fi
fi
if find /opt/wardlink -iname '*gdcm*' | grep .; then fail "GDCM must never be bundled"; fi

step "wardlink --self-test (headless, as an unprivileged user)"
expect_translations_missing=0
if ! compgen -G "$ROOT/resources/translations/wardlink_*.qm" >/dev/null; then
    # The GUI issue adds the translations; until then this one check must fail, and say so.
    expect_translations_missing=1
fi
check_self_test() { # $1: output file; $2: exit code
    local out=$1 rc=$2
    cat "$out"
    if ((expect_translations_missing)); then
        echo "NOTE: resources/translations has no .qm files yet: the translations check must FAIL"
        [[ $rc == 1 ]] || fail "self-test exit code $rc, expected 1 (translations missing)"
        [[ $(grep -c '^FAIL ' "$out") == 1 ]] && grep -q '^FAIL translations: no translations' "$out" ||
            fail "self-test failed beyond the missing translations"
    else
        [[ $rc == 0 ]] || fail "self-test exit code $rc"
    fi
    grep -q '^ok   sqlcipher: ' "$out" && grep -q '^ok   codec pylibjpeg-rle: ' "$out" ||
        fail "self-test output lacks expected lines"
}
set +e
(cd / && env -u DISPLAY -u WAYLAND_DISPLAY runuser -u nobody -- wardlink --self-test) \
    >"$WORK/selftest.txt" 2>&1
rc=$?
set -e
check_self_test "$WORK/selftest.txt" $rc
grep -q '^ok   qt: widget rendered on offscreen' "$WORK/selftest.txt" || fail "not offscreen"

if command -v xvfb-run >/dev/null; then
    step "wardlink --self-test on a real X server (Xvfb): the xcb platform plugin and its libraries"
    set +e
    (cd / && env -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM xvfb-run -a wardlink --self-test) \
        >"$WORK/selftest-x.txt" 2>&1
    rc=$?
    set -e
    check_self_test "$WORK/selftest-x.txt" $rc
    grep -q '^ok   qt: widget rendered on xcb' "$WORK/selftest-x.txt" || fail "xcb was not used"
else
    echo "xvfb-run not installed: the xcb platform is not exercised (.ci/run installs xvfb)"
fi

step "wardlink view, headless, from the installed package"
"$PY" - "$WORK" <<'EOF'
import shutil
import sys
from pathlib import Path

import pydicom.data

from desktop_app.medical.codec_samples import SAMPLES, sample_file

work = Path(sys.argv[1])
for sample in SAMPLES:
    if sample.key in ("jpeg-ls", "rle"):
        (work / f"{sample.key}.dcm").write_bytes(sample_file(sample))
shipped = Path(pydicom.data.__file__).parent / "test_files"
for name in ("MR_small_jp2klossless.dcm", "CT_small.dcm"):
    shutil.copy(shipped / name, work / name)
EOF
chmod 644 "$WORK"/*.dcm
install -d -o nobody "$WORK/out"
for file in MR_small_jp2klossless.dcm CT_small.dcm jpeg-ls.dcm rle.dcm; do
    png="$WORK/out/${file%.dcm}.png"
    (cd / && env -u DISPLAY runuser -u nobody -- wardlink view "$WORK/$file" --png "$png")
    [[ $(head -c 8 "$png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
        fail "$png is not a PNG"
done
runuser -u nobody -- wardlink view "$WORK/CT_small.dcm" --info | head -4

step "the relay as IT runs it: init and serve as the wardlink user with relay.conf"
sed -i "s|^#WARDLINK_ADMIN_PASSPHRASE=.*|WARDLINK_ADMIN_PASSPHRASE=$ADMIN_PASS|" /etc/wardlink/relay.conf
(cd / && runuser -u wardlink -- env WARDLINK_ADMIN_PASSPHRASE="$ADMIN_PASS" \
    wardlink relay init --data /var/lib/wardlink/relay --org "Installer Test" --host 127.0.0.1 |
    tail -3)
# What the unit's ExecStart does (its settings from relay.conf), on loopback and without
# zeroconf for this test.
conf() { sed -n "s/^$1=//p" /etc/wardlink/relay.conf; }
# setpriv execs in place (runuser would stay as a parent), so SIGTERM reaches the relay.
(cd / && exec env WARDLINK_ADMIN_PASSPHRASE="$(conf WARDLINK_ADMIN_PASSPHRASE)" \
    setpriv --reuid wardlink --regid wardlink --init-groups \
    wardlink relay serve --data "$(conf WARDLINK_RELAY_DATA)" \
    --host 127.0.0.1 --port 0 --no-advertise) >"$WORK/relay.out" 2>"$WORK/relay.err" &
RELAY_PID=$!
for _ in $(seq 1 100); do
    grep -q '^listening on ' "$WORK/relay.out" 2>/dev/null && break
    kill -0 "$RELAY_PID" 2>/dev/null || break
    sleep 0.1
done
grep '^listening on 127.0.0.1:' "$WORK/relay.out" || {
    cat "$WORK/relay.err"
    fail "the relay did not start"
}
kill -TERM "$RELAY_PID"
rc=0
wait "$RELAY_PID" || rc=$?
if [[ $rc != 0 ]]; then
    cat "$WORK/relay.err"
    fail "the relay exited with $rc on SIGTERM, not 0"
fi
RELAY_PID=

step "reinstall over itself (postinst configure with an old version)"
dpkg -i "$DEB" >/dev/null || fail "reinstalling failed"
[[ $(stat -c %U:%G:%a /etc/wardlink/relay.conf) == root:wardlink:640 ]] || fail "relay.conf mode"
grep -q "^WARDLINK_ADMIN_PASSPHRASE=$ADMIN_PASS" /etc/wardlink/relay.conf ||
    fail "reinstalling replaced the admin's edits to relay.conf"

step "purge and look for leftovers"
dpkg --purge wardlink 2>&1 | tee "$WORK/purge.txt"
for path in "${INSTALL_PATHS[@]}"; do
    [[ ! -e $path && ! -L $path ]] || fail "$path is left after purge: $(find "$path" | head -5)"
done
if find /usr/share/icons/hicolor -name 'wardlink*' | grep .; then fail "icons left"; fi
[[ -d /var/lib/wardlink/relay ]] || fail "purge deleted the relay's data (organisation keys)"
grep -q 'kept /var/lib/wardlink' "$WORK/purge.txt" || fail "purge did not say it kept the data"
rm -rf /var/lib/wardlink
userdel wardlink

echo
echo "installer-test passed: $(basename "$DEB") installed, self-tested, viewed, relay served, purged clean"
