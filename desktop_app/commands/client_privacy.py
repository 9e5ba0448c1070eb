"""The privacy notice in the headless client, as in the app (Art. 13 GDPR).

Joining needs an explicit acknowledgement (``enroll --accept-privacy-notice``; without
it the notice is printed and nothing is created), the acknowledged version is stored in
the container, and a notice IT changed since must be acknowledged again
(``client privacy --accept``) before the container is used: the GUI does the same at
unlock. WardLink's own template (IT configured no notice) is acknowledged at joining only.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from desktop_app.commands.secrets_input import read_passphrase
from desktop_app.services import privacy_notice
from desktop_app.services.policy import Policy, load_policy
from desktop_app.storage.container import Container

ACCEPT_FLAG = "--accept-privacy-notice"
TEMPLATE_NOTE = {  # said under WardLink's own template, as the app's join dialog says it
    "de": "Ihre IT hat für dieses Krankenhaus keine Datenschutzhinweise hinterlegt. Dies "
    "ist die Vorlage von WardLink, ergänzt um die Einstellungen dieses PCs.",
    "en": "Your IT department has not configured a privacy notice for this hospital. This "
    "is WardLink's template, filled in with the settings of this PC.",
}


def language(requested: str | None) -> str:
    """``--language``, else ``WARDLINK_LANG``, else German on a German locale."""
    if requested in privacy_notice.LANGUAGES:
        return requested
    chosen = os.environ.get("WARDLINK_LANG", "")
    if chosen in privacy_notice.LANGUAGES:
        return chosen
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return "de" if (locale or "").lower().startswith("de") else "en"


def add_language_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language", choices=privacy_notice.LANGUAGES, help="language of the privacy notice"
    )


def add_enroll_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        ACCEPT_FLAG,
        action="store_true",
        dest="accept_privacy_notice",
        help="I have read the privacy notice and accept it (needed to join)",
    )
    add_language_argument(parser)


def refuse_without_acceptance(args: argparse.Namespace) -> bool:
    """Before joining: without the flag, print the notice and say how to accept it."""
    if args.accept_privacy_notice:
        return False
    notice = privacy_notice.current_notice(load_policy())
    chosen = language(args.language)
    print(notice.text(chosen))
    if not notice.configured:  # its [placeholders] are not the hospital's
        print(f"wardlink: {TEMPLATE_NOTE[chosen]}", file=sys.stderr)
    print(
        "wardlink: read the privacy notice above; to join, run the same command again "
        f"with {ACCEPT_FLAG}. Nothing was created.",
        file=sys.stderr,
    )
    return True


def record_at_enrollment(container: Container) -> None:
    notice = privacy_notice.current_notice(load_policy())
    privacy_notice.record_acknowledgement(container.settings, notice.version)


def pending_notice(container: Container, rules: Policy, profile: Path) -> str | None:
    """A message when IT's notice changed since the owner acknowledged it, else None;
    it names ``profile``, so the commands it gives can be run as they stand."""
    notice = privacy_notice.current_notice(rules)
    if not notice.configured:
        return None
    if not privacy_notice.needs_acknowledgement(container.settings, notice):
        return None
    where = shlex.quote(str(profile))
    return (
        "the hospital's privacy notice is new or has changed; read it with "
        f"`wardlink client --profile {where} privacy` and accept it with "
        f"`wardlink client --profile {where} privacy --accept` before going on"
    )


def register(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = actions.add_parser("privacy", help="show the privacy notice (and accept a new one)")
    p.add_argument("--accept", action="store_true", help="accept the notice shown")
    add_language_argument(p)
    p.set_defaults(handler=_privacy)


def _privacy(args: argparse.Namespace) -> int:
    notice = privacy_notice.current_notice(load_policy())
    with Container.open(args.profile, read_passphrase()) as container:
        print(notice.text(language(args.language)))
        accepted = privacy_notice.acknowledged_version(container.settings)
        if args.accept:
            privacy_notice.record_acknowledgement(container.settings, notice.version)
            print(f"accepted privacy notice version {notice.version}", file=sys.stderr)
        elif accepted == notice.version:
            print(f"you accepted this version ({notice.version})", file=sys.stderr)
        else:
            print(
                f"not yet accepted (version {notice.version}); accept it with --accept",
                file=sys.stderr,
            )
    return 0
