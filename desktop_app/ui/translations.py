"""German or English: the app's own .qm files plus Qt's for standard dialogs.

German is the default on a German system; anything else gets English (the source
language of every string). ``WARDLINK_LANG`` or ``--lang`` choose explicitly: that is the
PC's language, which the start screen speaks. A person may choose another one in
Settings (kept in their container); ``UiLanguage`` switches to it while they are
unlocked and back at "Switch user". Windows are built in the language in force when
they are made; the few that outlive a person (the call window) retranslate themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app.resource_files import resources_dir

LANGUAGES = ("de", "en")
LANGUAGE_ENV = "WARDLINK_LANG"


def choose_language(requested: str | None) -> str:
    """``--lang``, else ``WARDLINK_LANG``, else the system's language (German or English)."""
    if requested in LANGUAGES:
        return requested
    chosen = os.environ.get(LANGUAGE_ENV, "")
    if chosen in LANGUAGES:
        return chosen
    return "de" if QLocale.system().language() == QLocale.Language.German else "en"


class UiLanguage:
    """The language in force: the PC's, or the unlocked person's choice."""

    def __init__(self, app: QCoreApplication, pc_language: str) -> None:
        self.app = app
        self.pc_language = pc_language
        self.current = pc_language
        self._installed = install(app, pc_language)

    def use(self, language: str) -> bool:
        """Switch to ``language`` ("" = the PC's); True if it changed."""
        wanted = language if language in LANGUAGES else self.pc_language
        if wanted == self.current:
            return False
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = install(self.app, wanted)
        self.current = wanted
        return True

    def close(self) -> None:
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load and install translators; keep the returned list alive with the app."""
    installed: list[QTranslator] = []
    ours = HeldTranslator(app)
    if ours.load_file(resources_dir() / "translations" / f"wardlink_{language}.qm"):
        app.installTranslator(ours)
        installed.append(ours)
    qt = HeldTranslator(app)
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if language != "en" and qt.load_file(qt_dir / f"qtbase_{language}.qm"):
        app.installTranslator(qt)
        installed.append(qt)
    QLocale.setDefault(locale_for(language))
    return installed


class HeldTranslator(QTranslator):
    """A translator over a copy of its .qm file in memory. ``QTranslator.load(path)``
    maps the file, so an installer or update rewriting it under a running WardLink
    turned the wording English (or crashed it); the copy is kept here, alive as long
    as the translator, since Qt reads it without owning it."""

    def __init__(self, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self.data = b""

    def load_file(self, path: Path) -> bool:
        """Read ``path`` into memory and load from there; False if absent or not a .qm."""
        try:
            data = path.read_bytes()
        except OSError:
            return False
        if not self.load(data, str(path.parent)):
            return False
        self.data = data
        return True


def locale_for(language: str) -> QLocale:
    """The locale whose forms dates, times and numbers take (ui/dates.py): German, or
    British English. Both write the day before the month and the time in 24 hours,
    as the ward's duty plans and records do; US English (12/7/26 10:49 PM) reads the
    7th of December as the 12th of July next to a German colleague's 07.12."""
    if language == "de":
        return QLocale(QLocale.Language.German, QLocale.Country.Germany)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
