"""Compare a safety number in person: seven emoji and 60 digits, the same on both screens.

The two people stand together, each opens this dialog for the other's device, and they
compare. "They match" records the device as confirmed in person (for that key only);
"They don't match" records the mismatch and says plainly what to do: send nothing
confidential to that device and tell IT. Nothing goes over the network.
"""

from __future__ import annotations

import functools
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import directory_view
from desktop_app.services.directory_view import DeviceTrust, SafetyView
from desktop_app.ui.context import UiContext
from desktop_app.ui.directory.card import COLOURS, device_title, scaled
from desktop_app.ui.directory.emoji_names import translated
from desktop_app.ui.guarded_label import GuardedLabel

GROUPS_PER_LINE = 4


class VerifyDialog(QDialog):
    recorded = Signal(str, str, bool)  # uid, device id, matched
    loaded = Signal()  # the safety number is on screen

    def __init__(
        self, ctx: UiContext, uid: str, device_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._uid = uid
        self._device_id = device_id
        self.view: SafetyView | None = None
        self.setWindowTitle(self.tr("Compare safety numbers"))
        self.setAccessibleName(self.tr("Compare safety numbers"))
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setFont(scaled(self.font(), 1.3, bold=True))
        self.heading.setWordWrap(True)
        self.intro = QLabel(
            self.tr(
                "Stand next to this person and open the same screen on their PC for your "
                "device. Compare the pictures or the numbers: both screens must show exactly "
                "the same."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.pictures = QFrame(self)
        self.pictures.setFrameShape(QFrame.Shape.StyledPanel)
        self.pictures.setBackgroundRole(QPalette.ColorRole.Base)
        self.pictures.setAutoFillBackground(True)
        self.emoji_grid = QGridLayout(self.pictures)
        self.emoji_grid.setContentsMargins(12, 12, 12, 10)
        self.emoji_grid.setHorizontalSpacing(10)
        self.emoji_grid.setVerticalSpacing(4)
        self.or_label = QLabel(self.tr("or the numbers:"), self)
        self.or_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.digits = QLabel(self)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if self.font().pointSizeF() > 0:
            mono.setPointSizeF(self.font().pointSizeF() * 1.35)
        self.digits.setFont(mono)
        self.digits.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits.setFrameShape(QFrame.Shape.StyledPanel)
        self.digits.setBackgroundRole(QPalette.ColorRole.Base)
        self.digits.setAutoFillBackground(True)
        self.digits.setMargin(10)
        self.digits.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.digits.setAccessibleName(self.tr("Safety number"))
        self.devices = QLabel(self)
        self.devices.setTextFormat(Qt.TextFormat.PlainText)
        self.devices.setWordWrap(True)
        self.ids = GuardedLabel("", self, ctx.copy_rule)  # small, for IT (as on the card)
        self.ids.setFont(scaled(self.font(), 0.85))
        self.ids.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.ids.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.warning.setFrameShape(QFrame.Shape.StyledPanel)
        red = COLOURS[DeviceTrust.MISMATCH]
        self.warning.setStyleSheet(
            f"QLabel {{ border: 2px solid {red}; border-radius: 4px; padding: 10px; }}"
        )
        self.warning.hide()
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {red};")
        self.error.hide()
        self.match_button = QPushButton(self.tr("They match"), self)
        self.match_button.setAccessibleName(self.tr("They match: confirm this device"))
        self.mismatch_button = QPushButton(self.tr("They don't match"), self)
        self.mismatch_button.setAccessibleName(self.tr("They don't match: warn about this device"))
        self.close_button = QPushButton(self.tr("Close"), self)
        for button in (self.match_button, self.mismatch_button):
            button.setEnabled(False)
            button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        self.match_button.clicked.connect(self._match)
        self.mismatch_button.clicked.connect(self._mismatch)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mismatch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.match_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.pictures)
        layout.addWidget(self.or_label)
        layout.addWidget(self.digits)
        layout.addWidget(self.devices)
        layout.addWidget(self.ids)
        layout.addWidget(self.state)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.pictures.hide()
        self.or_label.hide()
        self.digits.hide()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        self.heading.setText(self.tr("Loading…"))
        ctx.bridge.call(
            directory_view.safety,
            ctx.client,
            uid,
            device_id,
            done=self._show,
            error=self._failed,
        )

    # ---- showing ---------------------------------------------------------------------

    def _show(self, view: object) -> None:
        assert isinstance(view, SafetyView)
        self.view = view
        self.heading.setText(self.tr("Compare with %1").replace("%1", view.name))
        big = scaled(self.font(), 2.6)
        small = scaled(self.font(), 0.95)
        for column, emoji in enumerate(view.number.emoji):
            name = translated(emoji.name)
            picture = QLabel(emoji.emoji, self)
            picture.setFont(big)
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setAccessibleName(
                self.tr("Picture %1 of 7: %2").replace("%1", str(column + 1)).replace("%2", name)
            )
            caption = QLabel(name, self)
            caption.setFont(small)
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.emoji_grid.addWidget(picture, 0, column)
            self.emoji_grid.addWidget(caption, 1, column)
            self.emoji_grid.setColumnStretch(column, 1)
        groups = view.number.groups
        lines = [
            "  ".join(groups[i : i + GROUPS_PER_LINE])
            for i in range(0, len(groups), GROUPS_PER_LINE)
        ]
        self.digits.setText("\n".join(lines))
        self.devices.setText(
            self.tr("Their device: %1\nYour device: this PC").replace(
                "%1", device_title(view.position)
            )
        )
        self.ids.setText(
            self.tr("Device IDs for IT: theirs %1, yours %2")
            .replace("%1", view.device_id)
            .replace("%2", self._ctx.client.session.device_id)
        )
        self._show_state(view.trust)
        self.match_button.setEnabled(True)
        self.mismatch_button.setEnabled(True)
        self.match_button.setDefault(True)
        for widget in (self.pictures, self.or_label, self.digits):
            widget.show()
        self.adjustSize()
        self.loaded.emit()

    def _show_state(self, trust: DeviceTrust) -> None:
        texts = {
            DeviceTrust.CONFIRMED: self.tr("You already confirmed this device in person."),
            DeviceTrust.MISMATCH: self.tr("Last time the numbers did NOT match."),
            DeviceTrust.CERTIFIED: self.tr(
                "Certified by the hospital, not yet compared in person."
            ),
        }
        self.state.setText(texts.get(trust, ""))
        self.state.setVisible(trust in texts)

    def _failed(self, message: str) -> None:
        self.heading.setText(self.tr("Cannot compare"))
        self.error.setText(message)
        self.error.show()
        self.match_button.setEnabled(False)
        self.mismatch_button.setEnabled(False)
        self.adjustSize()

    # ---- recording -------------------------------------------------------------------

    def _match(self) -> None:
        self._record(matched=True)

    def _mismatch(self) -> None:
        self._record(matched=False)

    def _record(self, *, matched: bool) -> None:
        view = self.view
        if view is None:
            return
        self.match_button.setEnabled(False)
        self.mismatch_button.setEnabled(False)
        self._ctx.bridge.call(
            functools.partial(directory_view.record_comparison, matched=matched),
            self._ctx.client,
            view.uid,
            view.device_id,
            view.ed25519,
            done=lambda trust: self._recorded(matched, trust),
            error=self._record_failed,
        )

    def _recorded(self, matched: bool, trust: object) -> None:
        assert isinstance(trust, DeviceTrust)
        self.recorded.emit(self._uid, self._device_id, matched)
        if matched:
            self.accept()
            return
        self._show_state(trust)
        self.state.hide()
        self.warning.setText(
            self.tr(
                "<b>The safety numbers do not match.</b><br>This device may belong to an "
                "impostor. Do not send patient data to it, and tell IT now (%1 of %2; its "
                "ID is below). Your other conversations are not affected."
            )
            .replace("%1", html.escape(device_title(self.view.position if self.view else 1)))
            .replace("%2", html.escape(self.view.name if self.view is not None else self._uid))
        )
        self.warning.show()
        self.match_button.hide()
        self.mismatch_button.hide()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.adjustSize()

    def _record_failed(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.match_button.setEnabled(True)
        self.mismatch_button.setEnabled(True)
