"""The hospital's privacy notice (Art. 13 GDPR): read in German or English, acknowledged.

``PrivacyNoticeView`` shows the notice (the Join dialog embeds it); ``PrivacyDialog``
shows it from the "Datenschutz / Privacy" action, and at unlock when a new version needs
the owner's acknowledgement: then OK stays disabled until the checkbox is ticked.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.privacy_notice import PrivacyNotice


class PrivacyNoticeView(QWidget):
    """Both languages in tabs, the UI's language first; a note when IT set no notice."""

    def __init__(self, notice: PrivacyNotice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        self.tabs = QTabWidget()
        self.texts: dict[str, QTextBrowser] = {}
        for language, title in (("de", "Deutsch"), ("en", "English")):
            text = QTextBrowser()
            text.setOpenExternalLinks(False)
            text.setMarkdown(notice.text(language))
            text.setAccessibleName(self.tr("Privacy notice"))
            self.texts[language] = text
            self.tabs.addTab(text, title)
        german = QLocale().language() == QLocale.Language.German
        self.tabs.setCurrentIndex(0 if german else 1)
        self.unconfigured = QLabel(
            self.tr(
                "Your IT department has not configured a privacy notice for this hospital. "
                "This is WardLink's template, filled in with the settings of this PC."
            )
        )
        self.unconfigured.setWordWrap(True)
        self.unconfigured.setStyleSheet("color: #8a5300;")
        self.unconfigured.setVisible(not notice.configured)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.unconfigured)
        layout.addWidget(self.tabs, 1)


def acknowledgement_box(parent: QWidget) -> QCheckBox:
    text = QCoreApplication.translate(
        "PrivacyDialog", "I have read the privacy notice and acknowledge it."
    )
    box = QCheckBox(text, parent)
    box.setAccessibleName(box.text())
    return box


class PrivacyDialog(QDialog):
    """The notice; with ``ask_acknowledgement`` the person must tick the box to go on."""

    def __init__(
        self,
        notice: PrivacyNotice,
        *,
        ask_acknowledgement: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Privacy notice"))
        self.resize(640, 560)
        self.view = PrivacyNoticeView(notice)
        layout = QVBoxLayout(self)
        if ask_acknowledgement:
            intro = QLabel(
                self.tr(
                    "The privacy notice has changed since you last acknowledged it. Please "
                    "read it; WardLink opens once you acknowledge it."
                )
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        self.acknowledged: QCheckBox | None = None
        if ask_acknowledgement:
            self.acknowledged = acknowledgement_box(self)
            layout.addWidget(self.acknowledged)
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            )
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            ok.setEnabled(False)
            self.acknowledged.toggled.connect(ok.setEnabled)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
                self.tr("Switch user")
            )
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if self.acknowledged is None or self.acknowledged.isChecked():
            self.accept()
