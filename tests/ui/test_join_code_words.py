"""A mistyped enrollment code in the join dialog is said in the person's language only,
in words a nurse understands: how much of the code is missing, that a character cannot
be in it, that it has a typo. (Seen in the walk: a German error with the crypto layer's
English inside, "(the enrollment code has 3 characters after WL1-, expected 80 ...)".)"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.language_support import language
from tests.ui.test_join_dialog import TYPO, click_join, filled

__all__ = ["language"]  # the fixture

SAID = {
    ("en", "WL1-ABC"): "The code is incomplete: after “WL1-” it has 3 of its 80 characters. "
    "Please copy or type the whole code from IT again.",
    ("de", "WL1-ABC"): "Der Code ist unvollständig: Nach „WL1-“ hat er 3 seiner 80 Zeichen. "
    "Bitte kopieren oder tippen Sie den ganzen Code von der IT noch einmal.",
    ("en", "WL1-" + "A" * 160): "The code is too long: after “WL1-” it has 160 characters "
    "instead of 80; perhaps a part was pasted twice. Please copy or type the code from IT "
    "again.",
    ("de", "WL1-" + "A" * 160): "Der Code ist zu lang: Nach „WL1-“ hat er 160 statt 80 "
    "Zeichen; vielleicht wurde ein Teil doppelt eingefügt. Bitte kopieren oder tippen Sie "
    "den Code von der IT noch einmal.",
    ("en", "WL1-" + "8" * 80): "The code contains a character that cannot be in it (only the "
    "letters A to Z and the digits 2 to 7). Please compare it with the code from IT.",
    ("de", "WL1-" + "8" * 80): "Der Code enthält ein Zeichen, das darin nicht vorkommen kann "
    "(nur die Buchstaben A bis Z und die Ziffern 2 bis 7). Bitte vergleichen Sie ihn mit dem "
    "Code von der IT.",
    ("en", TYPO): "The code has a typing error: one of its characters differs from the code "
    "IT gave you. Please compare it character by character, or ask IT for a new code.",
    ("de", TYPO): "Der Code hat einen Tippfehler: Eines seiner Zeichen weicht vom Code der IT "
    "ab. Bitte vergleichen Sie ihn Zeichen für Zeichen, oder bitten Sie die IT um einen "
    "neuen Code.",
    ("en", "Station 3B"): "An enrollment code starts with “WL1-”. Please enter the code you "
    "got from IT.",
    ("de", "Station 3B"): "Ein Registrierungscode beginnt mit „WL1-“. Bitte geben Sie den "
    "Code ein, den Sie von der IT bekommen haben.",
    ("en", "WL2-ABC"): "This code is for another version of WardLink. Please ask IT for a "
    "new code.",
    ("de", "WL2-ABC"): "Dieser Code ist für eine andere WardLink-Version. Bitte fragen Sie "
    "die IT nach einem neuen Code.",
}


@pytest.mark.parametrize(
    "code", ["WL1-ABC", "WL1-" + "A" * 160, "WL1-" + "8" * 80, TYPO, "Station 3B", "WL2-ABC"]
)
def test_a_mistyped_code_is_said_in_the_persons_language_only(
    qtbot: QtBot, language: str, code: str
) -> None:
    dialog = filled(qtbot, code)
    click_join(qtbot, dialog)
    assert dialog.error.text() == SAID[(language, code)]
