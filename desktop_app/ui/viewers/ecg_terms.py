"""The words the ECG panel uses for a device's measurements, in the UI's language.

Devices name their measurements in English code meanings ("QTc Interval"); a German
physician reads "QTc-Zeit" on paper. The common ones are translated by their meaning
(case and spacing ignored, so vendors' spellings match; the English words are the
DICOM code meanings); any other keeps the device's own name. Numbers follow the UI's
locale (QLocale's default: "0,05 Hz" in German).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def _names() -> dict[str, str]:
    # Spelled out call by call: lupdate reads only literal translate() calls.
    return {
        "rr interval": QCoreApplication.translate("EcgFindings", "RR Interval"),
        "pp interval": QCoreApplication.translate("EcgFindings", "PP Interval"),
        "pr interval": QCoreApplication.translate("EcgFindings", "PR Interval"),
        "p duration": QCoreApplication.translate("EcgFindings", "P Duration"),
        "qrs duration": QCoreApplication.translate("EcgFindings", "QRS Duration"),
        "qt interval": QCoreApplication.translate("EcgFindings", "QT Interval"),
        "qtc interval": QCoreApplication.translate("EcgFindings", "QTc Interval"),
        "p axis": QCoreApplication.translate("EcgFindings", "P Axis"),
        "qrs axis": QCoreApplication.translate("EcgFindings", "QRS Axis"),
        "t axis": QCoreApplication.translate("EcgFindings", "T Axis"),
        "ventricular heart rate": QCoreApplication.translate(
            "EcgFindings", "Ventricular Heart Rate"
        ),
        "ventricular rate": QCoreApplication.translate("EcgFindings", "Ventricular Heart Rate"),
        "atrial heart rate": QCoreApplication.translate("EcgFindings", "Atrial Heart Rate"),
        "atrial rate": QCoreApplication.translate("EcgFindings", "Atrial Heart Rate"),
        "heart rate": QCoreApplication.translate("EcgFindings", "Heart Rate"),
    }


def measurement_name(meaning: str) -> str:
    """The device's code meaning in the UI's words where WardLink knows the term."""
    return _names().get(" ".join(meaning.lower().split()), meaning)


def number(value: float) -> str:
    """A value as "%g" would write it, with the UI locale's decimal sign."""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)  # 1000, not 1.000
    return locale.toString(float(value), "g", 6)
