"""A person's language is kept in their own container; only German and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services import preferences
from desktop_app.services.errors import ClientError
from desktop_app.services.policy import Policy
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE


def test_the_language_is_kept_refused_when_unknown_and_reset_to_the_pcs(tmp_path: Path) -> None:
    profile = tmp_path / "anna"
    container = Container.create(profile, PASSPHRASE, Owner("Anna"), kdf=FAST_KDF)
    rules = Policy()
    try:
        assert preferences.load(container.settings, rules).language == ""
        chosen = preferences.save(container.settings, rules, language="en")
        assert chosen.language == "en"
        with pytest.raises(ClientError) as refused:
            preferences.save(container.settings, rules, language="fr")
        assert refused.value.key == "unknown_language"
    finally:
        container.close()
    container = Container.open(profile, PASSPHRASE)
    try:
        assert preferences.load(container.settings, rules).language == "en"
        container.settings.set(preferences.LANGUAGE_KEY, "<b>xx</b>")  # not ours: ignored
        assert preferences.load(container.settings, rules).language == ""
        assert preferences.save(container.settings, rules, language="").language == ""
        assert container.settings.get(preferences.LANGUAGE_KEY) is None
    finally:
        container.close()
