"""The app's translations and locale for one UI language, English and German in turn
(``language``), for the tests that check what each language shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations


@pytest.fixture(params=["en", "de"])
def language(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    """The app's translations and locale for one language, as at start or unlock."""
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, request.param)
    yield str(request.param)
    for translator in installed:
        app.removeTranslator(translator)
