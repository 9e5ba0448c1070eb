"""The join dialog as a person meets it: a mistyped code is said before her passphrase is
asked for again, and an error of several lines never squeezes the form or the privacy
checkbox out of sight (seen on a 1280x800 screen under a window manager)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.crypto.enrollment import EnrollmentCode
from desktop_app.services import policy
from desktop_app.services.privacy_notice import current_notice
from desktop_app.ui.start.join_dialog import JoinDialog, JoinRequest

PASSPHRASE = "Visite-um-neun-2026"
# WL1- and the 80 characters of a real code, one of them changed: the check digits fail.
TYPO = "WL1-" + "A" * 80


def filled(qtbot: QtBot, code: str) -> JoinDialog:
    dialog = JoinDialog("127.0.0.1:9", notice=current_notice(policy.Policy()))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.code, code)
    qtbot.keyClicks(dialog.name, "Jonas Mueller")
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, PASSPHRASE)
    qtbot.mouseClick(dialog.understood, Qt.MouseButton.LeftButton)
    assert dialog.privacy_ack is not None
    dialog.privacy_ack.setChecked(True)
    return dialog


def click_join(qtbot: QtBot, dialog: JoinDialog) -> None:
    join = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(join, Qt.MouseButton.LeftButton)


def test_a_mistyped_code_is_said_at_once_and_the_passphrase_stays_typed(qtbot: QtBot) -> None:
    dialog = filled(qtbot, TYPO)
    sent: list[JoinRequest] = []
    dialog.submitted.connect(sent.append)
    click_join(qtbot, dialog)
    assert sent == []  # nothing goes to the relay, nothing is enrolled
    assert dialog.error.text().startswith("The code has a typing error:")
    assert dialog.buttons.isEnabled()
    # she corrects the code and joins without typing her passphrase twice again
    assert (dialog.passphrase.text(), dialog.repeat.text()) == (PASSPHRASE, PASSPHRASE)


def in_view(dialog: JoinDialog, widget: QWidget) -> bool:
    """Wholly inside the dialog's visible part (the form's scroll area counts as such
    only where it is scrolled to)."""
    top_left = widget.mapTo(dialog, QPoint(0, 0))
    shown = QRect(top_left, widget.size())
    if dialog.form_area.isAncestorOf(widget):
        viewport = dialog.form_area.viewport()
        area = QRect(viewport.mapTo(dialog, QPoint(0, 0)), viewport.size())
        return area.contains(shown)
    return dialog.rect().contains(shown)


def not_squeezed(widget: QWidget) -> bool:
    return widget.height() >= widget.minimumSizeHint().height()


LONG_ERROR = "Dieser Registrierungscode ist ungültig. " + "Bitte wenden Sie sich an die IT. " * 6


def test_an_error_of_several_lines_leaves_everything_in_view(qtbot: QtBot) -> None:
    """As opened (the screen has room): every field, the privacy checkbox, the error and
    the buttons in view at their full height, before and after a long error."""
    dialog = filled(qtbot, "WL1-ABC")
    ack = dialog.privacy_ack
    assert ack is not None
    fields = (dialog.code, dialog.relay, dialog.name, dialog.passphrase, dialog.repeat)
    for error in ("", LONG_ERROR):
        dialog.show_error(error)
        qtbot.wait(50)  # the layout settles
        for widget in (*fields, ack, dialog.buttons):
            assert not_squeezed(widget) and in_view(dialog, widget), widget.accessibleName()
        assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())


def test_on_a_small_screen_the_form_scrolls_instead_of_shrinking(qtbot: QtBot) -> None:
    dialog = filled(qtbot, "WL1-ABC")
    dialog.resize(480, 420)
    dialog.show_error(LONG_ERROR)
    qtbot.wait(50)
    ack = dialog.privacy_ack
    assert ack is not None
    for widget in (dialog.code, dialog.passphrase, dialog.repeat, ack):
        assert not_squeezed(widget), widget.accessibleName()
    assert in_view(dialog, dialog.error) and in_view(dialog, dialog.buttons)
    assert dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())
    dialog.form_area.ensureWidgetVisible(ack)  # what scrolling down shows
    qtbot.wait(50)
    assert in_view(dialog, ack)


VALID = EnrollmentCode(bytes(range(16)), hashlib.sha256(b"Klinikum Nord").digest()).text()


def wrong_code(d: JoinDialog) -> QWidget:
    d.code.setText(TYPO)
    return d.code


def no_name(d: JoinDialog) -> QWidget:
    d.name.clear()
    return d.name


def short_passphrase(d: JoinDialog) -> QWidget:
    d.passphrase.setText("kurz")
    d.repeat.setText("kurz")
    return d.passphrase


def other_repetition(d: JoinDialog) -> QWidget:
    d.repeat.setText(PASSPHRASE + "x")
    return d.repeat


def easy_pin(d: JoinDialog) -> QWidget:
    d.pin.setText("12")
    return d.pin


def unconfirmed_shared_pc(d: JoinDialog) -> QWidget:
    d.understood.setChecked(False)
    return d.understood


@pytest.mark.parametrize(
    "spoil",
    [wrong_code, no_name, short_passphrase, other_repetition, easy_pin, unconfirmed_shared_pc],
)
def test_an_error_puts_the_cursor_in_the_field_to_fix(
    qtbot: QtBot, spoil: Callable[[JoinDialog], QWidget]
) -> None:
    """Seen in the demo: the error was said under the form and the cursor stayed on
    Join, so she had to find and click the field herself."""
    dialog = filled(qtbot, VALID)
    wrong = spoil(dialog)
    sent: list[JoinRequest] = []
    dialog.submitted.connect(sent.append)
    click_join(qtbot, dialog)
    assert sent == [] and dialog.error.text()
    assert dialog.focusWidget() is wrong
    qtbot.keyClicks(dialog.focusWidget(), "x")  # a wrong text is selected: typed over
    if isinstance(wrong, QLineEdit):
        assert wrong.text() == "x"


def test_a_refusal_from_the_relay_puts_the_cursor_in_the_emptied_passphrase(
    qtbot: QtBot,
) -> None:
    dialog = filled(qtbot, VALID)
    sent: list[JoinRequest] = []
    dialog.submitted.connect(sent.append)
    click_join(qtbot, dialog)
    assert len(sent) == 1 and dialog.passphrase.text() == ""
    dialog.show_error("This enrollment code has expired. Please ask IT for a new one.")
    assert dialog.focusWidget() is dialog.passphrase
