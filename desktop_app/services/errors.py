"""Errors of the client services; each message is one sentence for the person at the PC."""

import errno
import os
from pathlib import Path

from desktop_app.crypto.trust_errors import (
    CertificateValidityError,
    CodeCharacter,
    CodeCheckDigits,
    CodeLength,
    CodeOfOtherVersion,
    CodeWithoutPrefix,
    EnrollmentCodeError,
    FingerprintError,
    TrustError,
)
from desktop_app.protocol.limits import MAX_TAKEOVERS_PER_WINDOW, TAKEOVER_WINDOW_MS
from desktop_app.storage.errors import DiskFull


class ClientError(Exception):
    """Base class; the CLI prints ``str(err)`` as one line, the English ``message``.

    ``key`` names the reason for the GUI, which words it in the UI language
    (ui/error_text.py) with ``params`` filled into its ``%name`` parts; without a key
    (or one the GUI does not know) the GUI shows the English message.
    """

    def __init__(self, message: str = "", /, *, key: str = "", **params: object) -> None:
        super().__init__(message)
        self.key = key
        self.params = params


class NotEnrolled(ClientError):
    def __init__(self) -> None:
        super().__init__(
            "This container is not enrolled with a hospital yet; run "
            "'wardlink client enroll --relay HOST:PORT --code CODE' first.",
            key="not_enrolled",
        )


class EnrollmentPending(ClientError):
    """Offline issuing: the relay took the request; IT has not signed the device yet.

    The container and its keys stay; enrolling again with the same code picks up the
    certificate once IT imported it.
    """

    def __init__(self, key_fingerprint: str) -> None:
        self.key_fingerprint = key_fingerprint
        super().__init__(
            "Waiting for IT to confirm this device; try again later with the same code. "
            f"(Device key: {key_fingerprint})",
            key="enrollment_pending",
            fingerprint=key_fingerprint,
        )


class RelayUnavailable(ClientError):
    """The relay cannot be reached (network, down, timeout)."""


class NoRelayFound(RelayUnavailable):
    """Discovery found no relay on the LAN; the person must enter an address."""

    def __init__(self) -> None:
        super().__init__(
            "No relay found on the network. Enter the relay address from your IT "
            "department (HOST:PORT).",
            key="no_relay_found",
        )


class NoRelayAccepted(RelayUnavailable):
    """Relays were found, but none belongs to this hospital or accepted the code.

    ``problems`` are the English per address (the CLI's); ``failures`` the same as
    pairs of address and keyed error, for the GUI to word in its language.
    """

    def __init__(
        self, problems: list[str], failures: tuple[tuple[str, ClientError], ...] = ()
    ) -> None:
        self.problems = problems
        super().__init__(
            "None of the relays on the network belongs to your hospital or accepted the "
            "code (" + "; ".join(problems) + "). Ask IT for the relay address.",
            key="no_relay_accepted",
            problems="; ".join(problems),
            failures=failures,
        )


class WrongOrganisation(ClientError):
    """The enrollment code is for another organisation than this managed PC's."""

    def __init__(self) -> None:
        super().__init__(
            "This enrollment code belongs to another organisation than the one this "
            "PC is managed for.",
            key="wrong_organisation",
        )


_TRUST_KINDS: tuple[tuple[type[TrustError], str], ...] = (
    (CodeOfOtherVersion, "code_other_version"),
    (CodeWithoutPrefix, "code_prefix"),
    (CodeCharacter, "code_character"),
    (CodeCheckDigits, "code_check_digits"),
    (EnrollmentCodeError, "code_unusable"),
    (FingerprintError, "relay_other_hospital"),
    (CertificateValidityError, "relay_certificate_time"),
)
"""The GUI's key for the kinds of TrustError joining meets, first match in this order;
any other is ``relay_not_trusted``."""
_CONNECT_KINDS: tuple[tuple[type[TrustError], str], ...] = (
    (FingerprintError, "connect_other_hospital"),
    (CertificateValidityError, "connect_certificate_time"),
)
"""The same for connecting an enrolled PC; any other is ``connect_not_trusted``."""


class JoinNotTrusted(ClientError):
    """Joining: the code, or what the relay at ``address`` presented, cannot be trusted.

    Carries the crypto layer's TrustError (``trust_error``; its English words are the
    ``detail`` for IT) and a key by its kind, so the join dialog says in the UI language
    what it means; crypto/ itself knows nothing of keys or wording.
    """

    def __init__(self, error: TrustError, address: str = "") -> None:
        self.trust_error = error
        key = next((k for kind, k in _TRUST_KINDS if isinstance(error, kind)), None)
        counts: dict[str, object] = {}
        if isinstance(error, CodeLength):  # the dialog says how much is missing or extra
            key = "code_incomplete" if error.found < error.expected else "code_too_long"
            counts = {"found": error.found, "expected": error.expected}
        where = f"the relay at {address}" if address else "the relay"
        super().__init__(
            f"The enrollment code cannot be used: {error}."
            if isinstance(error, EnrollmentCodeError)
            else f"Cannot trust {where}: {error}. Nothing was enrolled; ask IT.",
            key=key or "relay_not_trusted",
            address=address,
            detail=str(error),
            **counts,
        )


class ConnectNotTrusted(RelayUnavailable):
    """Connecting: the relay at ``address`` (given with --relay or by policy) cannot be
    trusted, so nothing was sent to it; keyed by the TrustError's kind like
    JoinNotTrusted, crypto's words the ``detail`` for IT.

    A RelayUnavailable, so the reconnect loop keeps trying and discovery may still find
    the hospital's relay; the CLI does not queue on it (client_cmd.py).
    """

    def __init__(self, error: TrustError, address: str) -> None:
        self.trust_error = error
        key = next((k for kind, k in _CONNECT_KINDS if isinstance(error, kind)), None)
        super().__init__(
            f"Cannot trust the relay at {address}: {error}. Nothing was sent to it; ask IT.",
            key=key or "connect_not_trusted",
            address=address,
            detail=str(error),
        )


QUOTA_EXCEEDED = "quota_exceeded"
UNAVAILABLE = "unavailable"
RATE_LIMITED = "rate_limited"
_EXPLAINED = {
    UNAVAILABLE: (
        "The relay cannot store messages right now ({message}). Nothing is lost: what "
        "you sent stays unsent here and goes out on the next connection; tell IT if "
        "it persists (the relay's disk may be full)."
    ),
    QUOTA_EXCEEDED: (
        "The relay cannot store this now: {message}. It stays unsent and is tried again "
        "later (once colleagues have picked up their messages); tell IT if it persists."
    ),
}
"""Codes whose message the person at the PC should read as a sentence, not a code."""
_KEYS = {UNAVAILABLE: "relay_cannot_store", QUOTA_EXCEEDED: "relay_quota"}
"""The GUI's key for those codes; any other refusal is ``relay_refused``."""


class RelayRefused(ClientError):
    """The relay answered with an error (enrollment refused, revoked device, ...)."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.relay_message = message
        explained = _EXPLAINED.get(code)
        super().__init__(
            explained.format(message=message)
            if explained
            else f"The relay refused: {message} ({code}).",
            key=_KEYS.get(code, "relay_refused"),
            code=code,
            message=message,
        )


class DeviceWithdrawn(RelayRefused):
    """IT revoked this device and a revocation list signed by the organisation says so.

    ``wiped``: the container was crypto-shredded (the default); False only when IT
    revoked with ``--keep-data``. Never raised on the relay's word alone.
    """

    def __init__(self, wiped: bool) -> None:
        self.code = "device_revoked"
        self.relay_message = "this device was revoked by IT"
        self.wiped = wiped
        ClientError.__init__(
            self,
            WITHDRAWN_WIPED if wiped else WITHDRAWN_KEPT,
            key="withdrawn_wiped" if wiped else "withdrawn_kept",
        )


WITHDRAWN_WIPED = "This device was withdrawn by IT; its WardLink data on this PC has been deleted."
WITHDRAWN_KEPT = "This device was withdrawn by IT; its WardLink data on this PC was kept."


class UnknownRecipient(ClientError):
    """A uid or conversation that this container does not know or cannot reach."""


def kept_unsent(exc: UnknownRecipient) -> None:
    """Make ``exc``'s message also say what became of the message (the headless
    client's `send` said only that nobody could receive it; the GUI words it by its
    key, which stays)."""
    exc.args = (
        f"{exc} The message is kept here, marked as not sent; it does not go out later by itself.",
    )


class AttachmentFailed(ClientError):
    """An attachment could not be uploaded, downloaded or verified."""


_NO_SPACE = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_NOT_ALLOWED = (errno.EACCES, errno.EPERM, errno.EROFS)
_READING = {errno.ENOENT: "file_missing", errno.EISDIR: "file_is_folder"}


class FileUnusable(ClientError):
    """A file the person chose cannot be read, or not be saved where she chose.

    The OS's reason (an OSError; for a save also storage's DiskFull, which is how
    ``atomic_output`` reports ENOSPC) keyed by its kind, the file named by the path she
    chose (not a temporary one), the OS's words the ``detail`` for IT.
    """

    def __init__(self, path: Path, error: OSError | DiskFull, *, saving: bool = False) -> None:
        self.path = path
        number = errno.ENOSPC if isinstance(error, DiskFull) else error.errno
        if isinstance(error, DiskFull):
            detail = error.detail or os.strerror(errno.ENOSPC)
        else:
            detail = error.strerror or str(error) or type(error).__name__
        if saving:
            if number in _NO_SPACE:
                key = "save_no_space"
            else:
                key = "save_not_allowed" if number in _NOT_ALLOWED else "save_failed"
            message = f"Cannot save {path}: {detail}. Nothing was saved."
        else:
            if number in _NOT_ALLOWED:
                key = "file_not_allowed"
            else:
                key = _READING.get(number or 0, "file_unreadable")
            message = f"Cannot read {path}: {detail}."
        super().__init__(message, key=key, name=path.name, detail=detail)


class TakenTooOften(ClientError):
    """The relay refused a take-over: this person took the role over too often just now
    (protocol/limits.py ``MAX_TAKEOVERS_PER_WINDOW``), e.g. handing it back and forth."""

    def __init__(self) -> None:
        minutes = TAKEOVER_WINDOW_MS // 60_000
        super().__init__(
            f"You took over this role {MAX_TAKEOVERS_PER_WINDOW} times in the last "
            f"{minutes} minutes; try again in a few minutes, or ask IT to hand it over.",
            key="role_taken_too_often",
            count=MAX_TAKEOVERS_PER_WINDOW,
            minutes=minutes,
        )
