"""File dialogs that leave no trail of a person's folders on the shared ward PC.

Qt's file dialog writes the folders last used ("history", "lastVisited") in clear to
the OS account's QtProject settings (~/.config/QtProject.conf, the registry on
Windows) whenever it closes, and the system dialogs keep their own lists (Windows'
OpenSavePidlMRU with every file name, GTK's recently-used.xbel). On a ward PC where
everyone shares one OS login, that told the next person where a colleague attached or
exported patient files ("…/Station 3B/Müller Hans"), and the dialog even opened there.

So every dialog here is Qt's own (no system list), starts in the person's documents
folder unless the caller names one, and its two folder traces are removed from the
settings as soon as it closes. Sizes and the view mode stay (no content in them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

QT_SETTINGS_APP: Final = "QtProject"  # where QFileDialog keeps its state (Qt's choice)
QT_SETTINGS_GROUP: Final = "FileDialog"
FOLDER_TRACES: Final = ("history", "lastVisited")
_OWN_DIALOG = QFileDialog.Option.DontUseNativeDialog


def forget_folders() -> None:
    """Remove the folders Qt's file dialog remembered for the next one."""
    settings = QSettings(QSettings.Scope.UserScope, QT_SETTINGS_APP)
    settings.beginGroup(QT_SETTINGS_GROUP)
    for key in FOLDER_TRACES:
        settings.remove(key)
    settings.endGroup()
    settings.sync()


def start_folder() -> str:
    """The person's documents folder (else home): never the last person's folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def _where(suggested: str) -> str:
    """A suggested name without a folder ("handover.pdf") goes into the start folder."""
    if not suggested:
        return start_folder()
    path = Path(suggested)
    return suggested if path.is_absolute() else str(Path(start_folder()) / path)


def get_open_file_name(
    parent: QWidget | None, caption: str, directory: str = "", filter: str = ""
) -> tuple[str, str]:
    try:
        name, chosen = QFileDialog.getOpenFileName(
            parent, caption, _where(directory), filter, "", _OWN_DIALOG
        )
    finally:
        forget_folders()
    return name, chosen


def get_open_file_names(
    parent: QWidget | None, caption: str, directory: str = "", filter: str = ""
) -> tuple[list[str], str]:
    try:
        names, chosen = QFileDialog.getOpenFileNames(
            parent, caption, _where(directory), filter, "", _OWN_DIALOG
        )
    finally:
        forget_folders()
    return list(names), chosen


def get_save_file_name(
    parent: QWidget | None, caption: str, suggested: str = "", filter: str = ""
) -> tuple[str, str]:
    try:
        name, chosen = QFileDialog.getSaveFileName(
            parent, caption, _where(suggested), filter, "", _OWN_DIALOG
        )
    finally:
        forget_folders()
    return name, chosen


def get_existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    try:
        return QFileDialog.getExistingDirectory(
            parent, caption, _where(directory), QFileDialog.Option.ShowDirsOnly | _OWN_DIALOG
        )
    finally:
        forget_folders()
