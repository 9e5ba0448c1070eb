"""The person card: who someone is, how to reach them, and how far to trust their devices.

It only shows a ``PersonCard`` the panel fetched; it never calls the services itself.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.directory_view import (
    DeviceTrust,
    DeviceView,
    PersonCard,
    TakeOverRequest,
)
from desktop_app.ui.clipboard_guard import CopyRule
from desktop_app.ui.directory.button_flow import ButtonFlow
from desktop_app.ui.elided_copy_label import ElidedCopyLabel
from desktop_app.ui.guarded_label import GuardedLabel
from desktop_app.ui.shift_time import shift_time

CAPTION_GAP = 18  # px between a caption and its value

GLYPHS = {
    DeviceTrust.CONFIRMED: "✔",
    DeviceTrust.CERTIFIED: "✓",
    DeviceTrust.MISMATCH: "⚠",
    DeviceTrust.REVOKED: "✕",
    DeviceTrust.UNCERTIFIED: "✕",
}
# Semantic colours, readable on light and dark window backgrounds.
COLOURS = {
    DeviceTrust.CONFIRMED: "#2e7d32",
    DeviceTrust.CERTIFIED: "#1565c0",
    DeviceTrust.MISMATCH: "#c62828",
    DeviceTrust.REVOKED: "#757575",
    DeviceTrust.UNCERTIFIED: "#757575",
}


def local_time(moment: datetime) -> str:
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


def scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    out = QFont(font)
    if out.pointSizeF() > 0:
        out.setPointSizeF(out.pointSizeF() * factor)
    out.setBold(bold)
    return out


def device_title(number: int) -> str:
    """ "Device 2": how the card and the safety-number dialog name a person's device."""
    return QCoreApplication.translate("DeviceRow", "Device %1").replace("%1", str(number))


class DeviceRow(QFrame):
    """One device: a coloured state mark, "Device 2" and its state, since when this PC
    knows it and, small, its id for IT (a raw id as the name was jargon to nurses),
    and "Verify…"."""

    verify = Signal(str)  # device id

    def __init__(
        self,
        device: DeviceView,
        can_verify: bool,
        parent: QWidget | None = None,
        copy_rule: CopyRule | None = None,
        number: int = 1,
    ) -> None:
        super().__init__(parent)
        self.device = device
        self.title = device_title(number)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        mark = QLabel(GLYPHS[device.trust], self)
        mark.setFont(scaled(self.font(), 1.4, bold=True))
        mark.setStyleSheet(f"color: {COLOURS[device.trust]};")
        mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mark.setMinimumWidth(mark.fontMetrics().horizontalAdvance("MM"))
        mark.setAccessibleName(self.state_text())
        self.id_text = self.tr("Device ID: %1").replace("%1", device.device_id)
        self.name = QLabel(self.title, self)
        self.name.setFont(scaled(self.font(), 1.0, bold=True))
        self.name.setToolTip(self.id_text)
        self.state = QLabel(self.state_text(), self)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        if device.trust in (DeviceTrust.MISMATCH,):
            self.state.setStyleSheet(f"color: {COLOURS[device.trust]}; font-weight: bold;")
        since = device.known_since
        known = (
            self.tr("Known to this PC since %1").replace("%1", local_time(since))
            if since is not None
            else ""
        )
        self.known = QLabel(known, self)
        self.known.setWordWrap(True)
        self.known.setTextFormat(Qt.TextFormat.PlainText)
        self.known.setVisible(since is not None)
        # One line, cut in the middle where narrow; IT copies the whole id.
        self.id_line = ElidedCopyLabel(self.id_text, device.device_id, self, copy_rule)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.state)
        for small in (self.known, self.id_line):
            small.setFont(scaled(self.font(), 0.85))
            small.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            text.addWidget(small)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(mark)
        row.addLayout(text, 1)
        self.button: QPushButton | None = None
        if can_verify:
            label = (
                self.tr("Compare again…")
                if device.trust in (DeviceTrust.CONFIRMED, DeviceTrust.MISMATCH)
                else self.tr("Verify…")
            )
            self.button = QPushButton(label, self)
            self.button.setAccessibleName(
                self.tr("Compare safety numbers for %1").replace("%1", self.title)
            )
            self.button.clicked.connect(self._verify_clicked)
            row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def _verify_clicked(self) -> None:
        self.verify.emit(self.device.device_id)

    def state_text(self) -> str:
        d = self.device
        if d.this_device:
            return self.tr("This device")
        when = local_time(d.checked_at) if d.checked_at is not None else ""
        if d.trust is DeviceTrust.CONFIRMED:
            return self.tr("Certified by the hospital and confirmed in person by you (%1)").replace(
                "%1", when
            )
        if d.trust is DeviceTrust.MISMATCH:
            return self.tr(
                "Safety numbers did NOT match (%1): possibly an impostor's device. Tell IT."
            ).replace("%1", when)
        if d.trust is DeviceTrust.REVOKED:
            return self.tr("Revoked by IT: receives nothing")
        if d.trust is DeviceTrust.UNCERTIFIED:
            return self.tr("Certificate not valid: receives nothing")
        return self.tr("Certified by the hospital, not yet compared in person")


class RequestRow(QFrame):
    """Someone asks to take over the role on the card: Approve / Decline (for a holder)."""

    answer = Signal(int, bool)  # request id, approve

    def __init__(self, request: TakeOverRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(
            self.tr("%1 asks to take over this role.").replace("%1", request.requester.name), self
        )
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.approve = QPushButton(self.tr("Approve"), self)
        self.decline = QPushButton(self.tr("Decline"), self)
        self.approve.clicked.connect(lambda: self.answer.emit(request.request_id, True))
        self.decline.clicked.connect(lambda: self.answer.emit(request.request_id, False))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.approve)
        row.addWidget(self.decline)


class PersonCardView(QWidget):
    write_to = Signal(str)
    call_to = Signal(str, str)  # uid, name
    start_group = Signal(list)  # list[str] uids
    verify_requested = Signal(str, str)  # uid, device id
    take_over = Signal(str)  # functional account uid
    answer_request = Signal(int, bool)  # request id, approve

    def __init__(self, parent: QWidget | None = None, copy_rule: CopyRule | None = None) -> None:
        super().__init__(parent)
        self.card: PersonCard | None = None
        self.copy_rule = copy_rule  # selected text copied through the session's guard
        self.setAccessibleName(self.tr("Person card"))
        self.name = GuardedLabel("", self, copy_rule)
        self.name.setFont(scaled(self.font(), 1.6, bold=True))
        self.name.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.subtitle.setFont(scaled(self.font(), 1.1))
        self.badge = QLabel(self.tr("Functional account"), self)
        self.badge.setAccessibleName(self.tr("Functional account"))
        self.badge.setStyleSheet(
            "QLabel { border-radius: 9px; padding: 2px 10px; background: palette(midlight); }"
        )
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        # A value that cannot wrap (a long e-mail address) goes under its caption rather
        # than making the card wider than its column. QFormLayout leaves the spacing out
        # when it decides whether a row fits, so the gap is the captions' right margin.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setHorizontalSpacing(0)
        self.form.setVerticalSpacing(6)
        self.devices_title = QLabel(self.tr("Devices"), self)
        self.devices_title.setFont(scaled(self.font(), 1.15, bold=True))
        self.devices_box = QVBoxLayout()
        self.devices_box.setSpacing(6)
        self.devices_note = QLabel(self)
        self.devices_note.setWordWrap(True)
        self.devices_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.write_button = QPushButton(self.tr("Write message"), self)
        self.write_button.setDefault(True)
        self.write_button.setAccessibleName(self.tr("Write a message to this person"))
        self.call_button = QPushButton(self.tr("Call"), self)
        self.call_button.setAccessibleName(self.tr("Call this person"))
        self.call_button.hide()  # shown when the shell can place calls (set_can_call)
        self._can_call = False
        self.group_button = QPushButton(self.tr("Start group"), self)
        self.group_button.setAccessibleName(self.tr("Start a group with this person"))
        self.take_over_button = QPushButton(self.tr("Take over this role"), self)
        self.take_over_button.setAccessibleName(
            self.tr("Take over this functional account for your shift")
        )
        self.write_reason = QLabel(self)  # why "Write message" is disabled, in words
        self.write_reason.setWordWrap(True)
        self.write_reason.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.write_reason.hide()
        self.requests_box = QVBoxLayout()
        self.requests_box.setSpacing(6)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.write_button.clicked.connect(self._write)
        self.group_button.clicked.connect(self._group)
        self.call_button.clicked.connect(self._call)
        self.take_over_button.clicked.connect(self._take_over)
        buttons = ButtonFlow()  # wraps in a narrow card instead of cutting the last one
        for button in (
            self.write_button,
            self.call_button,
            self.group_button,
            self.take_over_button,
        ):
            buttons.add(button)
        self.placeholder = QLabel(self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.content = QWidget(self)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(8)
        inner.addWidget(self.name)
        inner.addWidget(self.subtitle)
        inner.addWidget(self.badge)
        inner.addWidget(self._rule())
        inner.addLayout(self.form)
        inner.addWidget(self._rule())
        inner.addWidget(self.devices_title)
        inner.addLayout(self.devices_box)
        inner.addWidget(self.devices_note)
        inner.addLayout(self.requests_box)
        inner.addWidget(self.notice)
        inner.addSpacing(10)
        inner.addLayout(buttons)
        inner.addWidget(self.write_reason)
        inner.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 14)
        outer.addWidget(self.placeholder, 1)
        outer.addWidget(self.content, 1)
        self.show_hint()

    def show_hint(self) -> None:
        """Nobody chosen: say how to choose someone."""
        self.show_message(self.tr("Search or pick someone in the tree to see their details."))

    def _rule(self) -> QFrame:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    # ---- states ----------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.card = None
        self.placeholder.setText(text)
        self.placeholder.show()
        self.content.hide()

    def show_card(self, card: PersonCard) -> None:
        self.card = card
        entry = card.entry
        self.placeholder.hide()
        self.content.show()
        self.name.setText(entry.cn)
        self.subtitle.setText(entry.title)
        self.subtitle.setVisible(bool(entry.title))
        self.badge.setVisible(entry.is_function)
        while self.form.rowCount():
            self.form.removeRow(0)
        rows = [
            (self.tr("Department"), entry.department),
            (self.tr("Ward"), entry.ward),
            (self.tr("Phone"), entry.telephone_number),
            (self.tr("Pager"), entry.pager),
            (self.tr("E-mail"), entry.mail),
            (self.tr("Roles"), ", ".join(entry.roles)),
        ]
        if entry.is_function:
            names = ", ".join(h.name for h in card.holders) or self.tr("nobody at the moment")
            rows.insert(0, (self.tr("Held now by"), names))
        now, later = card.on_duty
        if now is not None:
            rows.insert(1, (self.tr("On duty now"), self.tr("%1 until %2").replace(
                "%1", now.holder_name).replace("%2", shift_time(now.end))))  # fmt: skip
        if later is not None:
            rows.insert(2 if now else 1, (self.tr("Next on duty"), self.tr("%1 from %2").replace(
                "%1", later.holder_name).replace("%2", shift_time(later.start))))  # fmt: skip
        for other in card.on_duty_also:  # another calendar disagrees: said, not hidden
            rows.insert(2, (self.tr("Also named on duty"), self.tr("%1 until %2 (in %3)").replace(
                "%1", other.holder_name).replace("%2", shift_time(other.end)).replace(
                "%3", other.conversation_title)))  # fmt: skip
        for label, value in rows:
            if value:
                self._add_row(label, value)
        self._show_devices(card)
        others = [h for h in card.holders if h.uid != card.uid]
        no_device = not entry.is_function and not card.is_me and not card.has_device
        can_write = not card.is_me and (not entry.is_function or bool(others)) and not no_device
        self.write_button.setVisible(not card.is_me)
        self.write_button.setEnabled(can_write)
        # People with a device, and a functional account someone else holds (it rings them)
        self.call_button.setVisible(
            self._can_call and not card.is_me and (not entry.is_function or bool(others))
        )
        self.call_button.setEnabled(can_write)
        reason = (
            self.tr(
                "No device yet: %1 cannot receive messages until IT enrolls their PC. "
                "You can already add them to a group; they join when enrolled."
            ).replace("%1", entry.cn)
            if no_device
            else ""
        )
        self.write_button.setToolTip(reason)
        self.write_button.setAccessibleDescription(reason)
        self.write_reason.setText(reason)
        self.write_reason.setVisible(bool(reason))
        self.group_button.setVisible(not card.is_me and not entry.is_function)
        self.take_over_button.setVisible(card.can_take_over)
        self._show_requests(card)
        self.set_notice("")

    def set_notice(self, text: str) -> None:
        """A line under the card: the outcome of a take-over, or why it was refused."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _show_requests(self, card: PersonCard) -> None:
        while self.requests_box.count():
            item = self.requests_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for request in card.requests:
            if request.mine:
                names = ", ".join(h.name for h in card.holders if h.uid != card.me)
                waiting = QLabel(
                    self.tr("You asked to take over this role; waiting for approval by %1.")
                    .replace("%1", names),
                    self.content,
                )  # fmt: skip
                waiting.setWordWrap(True)
                waiting.setTextFormat(Qt.TextFormat.PlainText)
                self.requests_box.addWidget(waiting)
                continue
            row = RequestRow(request, self.content)
            row.answer.connect(self.answer_request)
            self.requests_box.addWidget(row)

    def request_rows(self) -> list[RequestRow]:
        rows = []
        for i in range(self.requests_box.count()):
            item = self.requests_box.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, RequestRow):
                rows.append(widget)
        return rows

    def _add_row(self, label: str, value: str) -> None:
        field = GuardedLabel(value, self.content, self.copy_rule)
        field.setWordWrap(True)
        field.setAccessibleName(f"{label}: {value}")
        caption = QLabel(label, self.content)
        caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        caption.setContentsMargins(0, 0, CAPTION_GAP, 0)  # the gap, see __init__
        self.form.addRow(caption, field)

    def _show_devices(self, card: PersonCard) -> None:
        while self.devices_box.count():
            item = self.devices_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        function = card.entry.is_function
        notes = []
        if function:
            notes.append(self.tr("Messages go to whoever holds this role now."))
        if not function and not card.devices_current and not card.is_me:
            notes.append(self.tr("Devices as last known: the relay is not reachable."))
        # No device at all: the reason under "Write message" says so (it was said twice,
        # here and there), so the empty Devices heading goes too.
        self.devices_title.setVisible(not function and bool(card.devices or notes))
        self.devices_note.setText(" ".join(notes))
        self.devices_note.setVisible(bool(notes))
        for number, device in enumerate(card.devices, 1):  # in the order this PC met them
            can_verify = (
                not card.is_me
                and not device.this_device
                and device.trust not in (DeviceTrust.REVOKED, DeviceTrust.UNCERTIFIED)
            )
            row = DeviceRow(device, can_verify, self.content, self.copy_rule, number)
            row.verify.connect(self._verify_device)
            self.devices_box.addWidget(row)

    def _verify_device(self, device_id: str) -> None:
        if self.card is not None:
            self.verify_requested.emit(self.card.uid, device_id)

    def device_rows(self) -> list[DeviceRow]:
        rows = []
        for i in range(self.devices_box.count()):
            item = self.devices_box.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, DeviceRow):
                rows.append(widget)
        return rows

    # ---- actions ---------------------------------------------------------------------

    def _write(self) -> None:
        if self.card is not None:
            self.write_to.emit(self.card.uid)

    def set_can_call(self, can: bool) -> None:
        self._can_call = can

    def _call(self) -> None:
        if self.card is not None:
            self.call_to.emit(self.card.uid, self.card.entry.cn)

    def _group(self) -> None:
        if self.card is not None:
            self.start_group.emit([self.card.uid])

    def _take_over(self) -> None:
        if self.card is not None:
            self.take_over.emit(self.card.uid)
