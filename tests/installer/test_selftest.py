"""`wardlink --self-test` in-process: every check passes here, and a broken part fails."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import imagecodecs
import pytest
from pydicom import uid
from pydicom.pixels.decoders.base import get_decoder
from PySide6.QtWidgets import QApplication

from desktop_app import cli, resource_files
from desktop_app.commands import app_cmd, selftest_cmd
from desktop_app.services import policy

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="{lang}">
<context><name>Selftest</name>
<message><source>Unlock</source><translation>{text}</translation></message>
</context>
</TS>
"""


def lrelease() -> Path:
    tool = Path(sys.executable).with_name("pyside6-lrelease")
    if not tool.exists():
        found = shutil.which("pyside6-lrelease")
        assert found, "pyside6-lrelease comes with PySide6 (the gui extra)"
        tool = Path(found)
    return tool


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A resources folder with compiled de/en translations, and no machine policy."""
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    for lang, text in (("de", "Entsperren"), ("en", "Unlock")):
        source = tmp_path / f"wardlink_{lang}.ts"
        source.write_text(TS.format(lang=lang, text=text), encoding="utf-8")
        subprocess.run(
            [str(lrelease()), str(source), "-qm", str(folder / f"wardlink_{lang}.qm")],
            check=True,
            capture_output=True,
            timeout=60,
        )
    monkeypatch.setattr(resource_files, "resources_dir", lambda: tmp_path / "resources")
    monkeypatch.setattr(policy, "default_policy_path", lambda: tmp_path / "policy.json")
    return tmp_path


def run_self_test() -> tuple[int, list[str]]:
    out = io.StringIO()
    code = selftest_cmd.run(out=out)
    return code, out.getvalue().splitlines()


def test_every_check_passes_in_a_complete_installation(qapp: QApplication, resources: Path) -> None:
    code, lines = run_self_test()
    assert code == 0, "\n".join(lines)
    names = [line[5:].split(":")[0] for line in lines[:-1]]
    assert names == [
        "sqlcipher",
        "vodozemac",
        "dicom",
        "codec imagecodecs",
        "codec pylibjpeg-openjpeg",
        "codec pylibjpeg-rle",
        "qt",
        "pdf",
        "audio",
        "media",
        "translations",
        "export pdf",
        "policy",
    ]
    assert all(line.startswith("ok   ") for line in lines[:-1])
    assert lines[-1].startswith("self-test passed: 13 checks")
    assert "loaded de, en" in next(line for line in lines if "translations" in line)


def test_a_broken_codec_fails_its_checks_and_the_exit_code(
    qapp: QApplication, resources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost_library(*args: object, **kwargs: object) -> None:
        raise ImportError("libcharls.so.2: cannot open shared object file")

    monkeypatch.setattr(imagecodecs, "jpegls_decode", lost_library)
    # pyjpegls (highdicom's dependency) would stand in for JPEG-LS: an installation that
    # lost CharLS lost it there too, so the fallback goes as well.
    for ts in (uid.JPEGLSLossless, uid.JPEGLSNearLossless):
        decoder = get_decoder(ts)
        kept = {k: v for k, v in decoder._available.items() if k != "pyjpegls"}
        monkeypatch.setattr(decoder, "_available", kept)
    code, lines = run_self_test()
    assert code == 1
    failed = [line for line in lines if line.startswith("FAIL ")]
    assert [line.split(":")[0] for line in failed] == ["FAIL dicom", "FAIL codec imagecodecs"]
    assert "JPEG-LS Lossless" in failed[0]  # the viewer's message names the syntax
    assert "imagecodecs cannot decode JPEG-LS Lossless" in failed[1]
    assert "libcharls.so.2" in failed[1]  # and the codec's own check names the cause
    assert lines[-1].startswith("self-test FAILED: 2 of 13 checks")
    # The other checks still ran and passed.
    assert sum(line.startswith("ok   ") for line in lines) == 11


def test_missing_translations_fail_with_a_clear_message(
    qapp: QApplication, resources: Path
) -> None:
    for qm in (resources / "resources" / "translations").glob("*.qm"):
        qm.unlink()
    code, lines = run_self_test()
    assert code == 1
    (failed,) = [line for line in lines if line.startswith("FAIL")]
    assert failed.startswith("FAIL translations: no translations (wardlink_*.qm) in ")


def test_a_damaged_translation_file_is_named(qapp: QApplication, resources: Path) -> None:
    (resources / "resources" / "translations" / "wardlink_fr.qm").write_bytes(b"not a qm")
    code, lines = run_self_test()
    assert code == 1
    assert "FAIL translations: wardlink_fr.qm is not a loadable Qt translation file" in lines


def test_a_bad_machine_policy_fails_the_policy_check(qapp: QApplication, resources: Path) -> None:
    (resources / "policy.json").write_text(json.dumps({"auto_lock_minutes": 0}))
    code, lines = run_self_test()
    assert code == 1
    (failed,) = [line for line in lines if line.startswith("FAIL")]
    assert failed.startswith("FAIL policy: ")
    assert "auto_lock_minutes must be between 1 and 720 minutes, not 0" in failed


def test_a_managed_policy_is_listed(qapp: QApplication, resources: Path) -> None:
    (resources / "policy.json").write_text(json.dumps({"receipts": False, "retention_days": 30}))
    code, lines = run_self_test()
    assert code == 0
    assert "ok   policy: managed by IT: retention_days, receipts" in lines


def test_an_unexpected_exception_is_one_line_with_its_type() -> None:
    def boom() -> str:
        raise RuntimeError("first line\n  second line")

    out = io.StringIO()
    assert selftest_cmd.run([("x", boom), ("y", lambda: "fine")], out=out) == 1
    assert out.getvalue().splitlines()[:2] == [
        "FAIL x: RuntimeError: first line second line",
        "ok   y: fine",
    ]


def test_the_flag_needs_no_command_and_takes_none(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ran: list[bool] = []
    monkeypatch.setattr(selftest_cmd, "run", lambda: ran.append(True) or 0)
    assert cli.main(["--self-test"]) == 0
    assert ran == [True]
    with pytest.raises(SystemExit) as exc:
        cli.main(["--self-test", "profiles"])
    assert exc.value.code == 2
    assert "--self-test takes no command" in capsys.readouterr().err
    opened: list[object] = []
    monkeypatch.setattr(app_cmd, "_run", lambda args: opened.append(args.lang) or 0)
    assert cli.main([]) == 0  # no command: the desktop app, as the menu entry starts it
    assert opened == [None]


def test_headless_qt_is_forced_only_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest_cmd.sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    selftest_cmd.ensure_headless_qt()
    assert selftest_cmd.os.environ["QT_QPA_PLATFORM"] == "offscreen"
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    selftest_cmd.ensure_headless_qt()
    assert selftest_cmd.os.environ["QT_QPA_PLATFORM"] == "xcb"


def test_a_codec_module_that_cannot_import_is_a_fail_line_not_a_traceback(
    qapp: QApplication, resources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # None in sys.modules makes the next import raise ImportError, as a lost .so would.
    monkeypatch.setitem(sys.modules, "desktop_app.medical.codec_samples", None)
    code, lines = run_self_test()
    assert code == 1
    failed = [line.split(":")[0] for line in lines if line.startswith("FAIL")]
    assert failed == ["FAIL dicom", "FAIL codecs"]
    assert lines[-1].startswith("self-test FAILED: 2 of 11 checks")


def test_a_bundle_without_qtpdf_fails_the_pdf_check(
    qapp: QApplication, resources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the spec had listed QtPdf in UNUSED_QT again: PDF attachments could not open.
    monkeypatch.setitem(sys.modules, "PySide6.QtPdf", None)
    code, lines = run_self_test()
    assert code == 1
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL pdf: QtPdf is missing")


def test_a_bundle_without_qtmultimedia_fails_the_audio_check(
    qapp: QApplication, resources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the spec had listed QtMultimedia in UNUSED_QT again: calls would be silent.
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    code, lines = run_self_test()
    assert code == 1
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) == 2 and failed[0].startswith("FAIL audio: QtMultimedia is missing")
    assert failed[1].startswith("FAIL media: QtMultimedia is missing")


def test_a_bundle_without_the_media_backend_fails_the_media_check(
    qapp: QApplication, resources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the spec dropped plugins/multimedia again: voice messages and videos silent.
    from PySide6.QtMultimedia import QMediaFormat

    monkeypatch.setattr(QMediaFormat, "supportedFileFormats", lambda self, mode: [])
    code, lines = run_self_test()
    assert code == 1
    failed = [line for line in lines if line.startswith("FAIL")]
    assert failed == [
        "FAIL media: Qt's media backend is missing: voice messages and videos would not play"
    ]
