"""The hospital's privacy notice (Art. 13 GDPR) and who acknowledged which version.

IT configures the notice by machine policy (``privacy_notice_de`` / ``privacy_notice_en``,
see services/policy.py). Without one, WardLink shows its shipped template
(resources/privacy/, a copy of docs/privacy-notice.*.md) filled with what this PC knows
and says plainly that IT has not configured a notice. Everyone acknowledges the notice
when joining; the acknowledged version is kept in their own container, and a notice
whose version differs is shown again once at the next unlock.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from desktop_app.resource_files import resources_dir
from desktop_app.services import policy as machine
from desktop_app.storage.repositories import SettingsRepository

ACK_SETTING = "privacy.notice_acknowledged"  # the version the container's owner accepted
TEMPLATE_NAME = "privacy-notice.{language}.md"
LANGUAGES = ("de", "en")
# relay.json's default ``retention_days`` (docs/relay.md); the client cannot ask the relay
# for its configuration, so the template names the default (a test keeps them equal).
RELAY_DEFAULT_RETENTION_DAYS = 30
_TEMPLATE_VERSION_PREFIX = "template-"
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)


@dataclass(frozen=True, slots=True)
class PrivacyNotice:
    text_de: str
    text_en: str
    version: str  # what an acknowledgement records
    configured: bool  # False: IT set no notice, this is WardLink's filled-in template

    def text(self, language: str) -> str:
        return self.text_de if language == "de" else self.text_en


def current_notice(rules: machine.Policy) -> PrivacyNotice:
    """The notice in force on this PC: IT's (one language may stand in for the other)."""
    version = rules.privacy_notice_version
    if version is not None:
        de = rules.privacy_notice_de or rules.privacy_notice_en or ""
        en = rules.privacy_notice_en or rules.privacy_notice_de or ""
        return PrivacyNotice(de, en, version, configured=True)
    de, en = (_filled_template(language, rules) for language in LANGUAGES)
    digest = hashlib.sha256(f"{de}\x00{en}".encode()).hexdigest()[:16]
    return PrivacyNotice(de, en, _TEMPLATE_VERSION_PREFIX + digest, configured=False)


def template_text(language: str) -> str:
    """The shipped template as it is, with its {placeholders}."""
    path = resources_dir() / "privacy" / TEMPLATE_NAME.format(language=language)
    return path.read_text(encoding="utf-8")


def _filled_template(language: str, rules: machine.Policy) -> str:
    retention = machine.retention_days(rules)  # None: kept until deleted (policy 0)
    auto_lock = machine.effective(rules.auto_lock_minutes, None, machine.DEFAULT_AUTO_LOCK_MINUTES)
    export = machine.effective(rules.export_allowed, None, machine.DEFAULT_EXPORT_ALLOWED)
    copy = machine.effective(rules.copy_allowed, None, machine.DEFAULT_COPY_ALLOWED)
    german = language == "de"
    if retention is None:
        kept = "bis Sie sie löschen" if german else "until you delete them"
    else:
        kept = f"{retention} Tage" if german else f"{retention} days"
    yes, no = ("erlaubt", "abgeschaltet") if german else ("allowed", "switched off")
    values = {
        "relay_retention_days": str(RELAY_DEFAULT_RETENTION_DAYS),
        "client_retention": kept,
        "auto_lock_minutes": str(auto_lock),
        "export_allowed": yes if export else no,
        "copy_allowed": yes if copy else no,
    }
    text = _COMMENT.sub("", template_text(language))  # the hints for IT, not for staff
    return text.format_map(_Keep(values)).strip() + "\n"


class _Keep(dict[str, str]):
    """Leaves a placeholder this PC cannot fill as it is, instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def acknowledged_version(settings: SettingsRepository) -> str | None:
    return settings.get(ACK_SETTING) or None


def needs_acknowledgement(settings: SettingsRepository, notice: PrivacyNotice) -> bool:
    """True when the owner has not yet accepted this version of the notice."""
    return acknowledged_version(settings) != notice.version


def record_acknowledgement(settings: SettingsRepository, version: str) -> None:
    settings.set(ACK_SETTING, version)
