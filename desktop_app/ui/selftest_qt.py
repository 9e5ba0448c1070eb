"""The Qt half of `wardlink --self-test`: rendering, plugins and translations.

desktop_app.commands.selftest_cmd imports this module only when these checks run. Each
function returns a short phrase of what it showed, or raises QtCheckFailed with the
reason. A QApplication that already exists is reused; otherwise one is made for the
check and kept only while it runs (no module global).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QIODevice,
    QLibraryInfo,
    QSize,
    Qt,
    QTranslator,
    qVersion,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QImageReader,
    QPainter,
    QPaintEvent,
    QPdfWriter,
)
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

SIZE = (120, 40)
BACKGROUND = QColor(31, 111, 235)
TEXT = "WardLink Grüße"
# Image formats the app shows: photos (JPEG/PNG) and its own SVG icons.
REQUIRED_IMAGE_FORMATS = ("png", "jpeg", "svg")
# Qt's own translations for standard dialogs, loaded beside the app's (qtbase_de.qm).
QT_CATALOGUE = "qtbase"
PDF_PAGE = (210, 297)  # pixels the self-test renders its A4 page at


class QtCheckFailed(Exception):
    """What is missing or wrong; shown after FAIL."""


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication([sys.argv[0] if sys.argv else "wardlink"])


class _Probe(QWidget):
    """Paints a known background and a line of text; the grab is checked pixel by pixel."""

    def __init__(self) -> None:
        super().__init__()
        self.resize(*SIZE)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        painter.setPen(QColor("white"))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.rect().adjusted(4, 0, 0, 0), align, TEXT)
        painter.end()


def _plugin_names(kind: str) -> list[str]:
    names: set[str] = set()
    for base in QCoreApplication.libraryPaths():
        folder = Path(base) / kind
        if folder.is_dir():
            names.update(p.name for p in folder.iterdir() if p.is_file())
    return sorted(names)


def _native_platform_plugin() -> str:
    if sys.platform == "win32":
        return "qwindows"
    if sys.platform == "darwin":
        return "qcocoa"
    return "qxcb"


def check_render() -> str:
    app = _application()
    platforms = _plugin_names("platforms")
    native = _native_platform_plugin()
    if not any(native in name for name in platforms):
        raise QtCheckFailed(
            f"the {native} platform plugin is missing, windows cannot open on this OS "
            f"(found: {', '.join(platforms) or 'no platform plugins'})"
        )
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in REQUIRED_IMAGE_FORMATS if f not in formats]
    if missing:
        raise QtCheckFailed(f"image format plugins missing: {', '.join(missing)}")
    if not QFontDatabase.families():
        raise QtCheckFailed("Qt finds no fonts; text would not be shown")
    probe = _Probe()
    try:
        image = probe.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    finally:
        probe.deleteLater()
    if (image.width(), image.height()) != SIZE:
        raise QtCheckFailed(f"rendered {image.width()} x {image.height()}, expected {SIZE}")
    if image.pixelColor(SIZE[0] - 2, 2) != BACKGROUND:
        raise QtCheckFailed(
            f"background pixel is {image.pixelColor(SIZE[0] - 2, 2).name()}, "
            f"expected {BACKGROUND.name()}"
        )
    text_pixels = sum(
        image.pixelColor(x, y) != BACKGROUND for x in range(SIZE[0]) for y in range(SIZE[1])
    )
    if text_pixels < 20:
        raise QtCheckFailed("the text was not drawn (no usable font?)")
    styles = ", ".join(QStyleFactory.keys())
    return (
        f"widget rendered on {app.platformName()} (Qt {qVersion()}; "
        f"platforms: {', '.join(_short(p) for p in platforms)}; styles: {styles})"
    )


def _short(plugin_file: str) -> str:
    """'libqxcb.so' and 'qxcb.dll' -> 'xcb'."""
    return plugin_file.split(".")[0].removeprefix("lib").removeprefix("q")


def check_translations(folder: Path) -> str:
    """Every wardlink_*.qm in ``folder`` loads, and Qt's own catalogue for its language."""
    files = sorted(folder.glob("wardlink_*.qm")) if folder.is_dir() else []
    if not files:
        raise QtCheckFailed(
            f"no translations (wardlink_*.qm) in {folder}; the UI could not switch language"
        )
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    loaded = []
    for path in files:
        translator = QTranslator()
        if not translator.load(str(path)):
            raise QtCheckFailed(f"{path.name} is not a loadable Qt translation file")
        if translator.isEmpty():
            raise QtCheckFailed(f"{path.name} contains no translated text")
        language = path.stem.removeprefix("wardlink_")
        if not language.startswith("en"):
            qt_translator = QTranslator()
            if not qt_translator.load(f"{QT_CATALOGUE}_{language}", str(qt_folder)):
                raise QtCheckFailed(
                    f"Qt's own {QT_CATALOGUE}_{language}.qm is missing from {qt_folder}; "
                    "standard dialogs would stay English"
                )
        loaded.append(language)
    return f"loaded {', '.join(loaded)} from {folder}"


def check_pdf() -> str:
    """QtPdf is in the installation: a one-page PDF written here renders with ink on it
    (PDF attachments open in the app, so a bundle without libQt6Pdf is broken)."""
    _application()
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError as exc:
        raise QtCheckFailed(f"QtPdf is missing, PDFs cannot be shown: {exc}") from exc
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    painter = QPainter(writer)
    font = QFont()
    font.setPointSize(40)
    painter.setFont(font)
    painter.drawText(200, 1000, TEXT)
    painter.end()
    buffer.close()
    reader = QBuffer()
    reader.setData(buffer.data())
    reader.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(reader)
    if document.status() is not QPdfDocument.Status.Ready:
        raise QtCheckFailed(f"QtPdf cannot open a PDF ({document.error().name})")
    image = document.render(0, QSize(*PDF_PAGE)).convertToFormat(QImage.Format.Format_ARGB32)
    document.close()
    ink = sum(image.pixelColor(x, y).alpha() > 0 for x in range(0, PDF_PAGE[0], 2)
              for y in range(0, PDF_PAGE[1] // 4, 2))  # fmt: skip
    if ink < 20:
        raise QtCheckFailed("QtPdf rendered an empty page")
    return f"PDF page rendered with QtPdf ({ink} ink samples)"


def check_audio() -> str:
    """QtMultimedia is in the installation (call sound, ui/calls/devices.py) and lists the
    PC's sound devices and cameras. None is no failure: a call still connects, silent,
    and without a camera the call window just has no "Camera on"."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as exc:
        raise QtCheckFailed(f"QtMultimedia is missing, calls would have no sound: {exc}") from exc
    _application()
    microphones = len(QMediaDevices.audioInputs())
    speakers = len(QMediaDevices.audioOutputs())
    cameras = len(QMediaDevices.videoInputs())
    return (
        f"QtMultimedia present: {microphones} microphone(s), {speakers} speaker(s), "
        f"{cameras} camera(s)"
    )


def check_media_playback() -> str:
    """Qt's media backend plugin (FFmpeg) is installed: voice messages (Ogg Opus) and
    video clips (MP4/WebM) play through QMediaPlayer, which without it plays nothing."""
    try:
        from PySide6.QtMultimedia import QMediaFormat
    except ImportError as exc:
        raise QtCheckFailed(f"QtMultimedia is missing, nothing could play: {exc}") from exc
    _application()
    decode = QMediaFormat.ConversionMode.Decode
    formats = set(QMediaFormat().supportedFileFormats(decode))
    needed = {QMediaFormat.FileFormat.Ogg, QMediaFormat.FileFormat.MPEG4}
    if not needed <= formats:
        raise QtCheckFailed(
            "Qt's media backend is missing: voice messages and videos would not play"
        )
    return f"Qt media backend plays {len(formats)} container formats (Ogg, MP4, ...)"
