"""A colleague's modified client files an offline enrollment request IT cannot sign
(session 19 attack on the enrollment door).

With offline issuing the relay stores what a device with a valid code sends (its own
code: any colleague enrolling a second PC) and IT signs the whole queue on the
workstation. The Ed25519 key is proven by the transcript signature, but the Curve25519
key was stored unchecked: one request naming a key that is no key (here 16 bytes)
made ``sign-enrollments`` fail for every request in the queue, so nobody's new device
was signed until IT found and removed it. The relay now checks the key as online
issuing does, before anything is stored, and the code stays usable.
"""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

from desktop_app.protocol import Error, ErrorCode
from desktop_app.relay.admin import issue_code
from desktop_app.relay.offline_issuing import export_pending
from tests.relay.conftest import live_relay
from tests.relay.test_offline_issuing_relay import _sign_all, offline  # noqa: F401
from tests.relay.wire_client import Device

NOT_A_KEY = base64.b64encode(bytes(16)).decode()


class NoKeyDevice(Device):
    """A device whose client claims a Curve25519 key of the wrong length."""

    @property
    def curve25519(self) -> str:
        return NOT_A_KEY


def test_a_request_with_a_key_that_is_no_key_is_refused_and_the_queue_still_signs(
    offline: tuple[Path, Path],  # noqa: F811
) -> None:
    root, keys = offline

    async def scenario() -> tuple[object, object]:
        async with live_relay(root) as relay:
            anna = await (await relay.client()).enroll(
                Device("weber.anna", "WEBER-PC1"), issue_code(root, "weber.anna").code
            )
            mallory_code = issue_code(root, "schulz.jonas").code
            mallory = await (await relay.client()).enroll(
                NoKeyDevice("schulz.jonas", "SCHULZ-PC2"), mallory_code
            )
            return anna, mallory

    anna, mallory = asyncio.run(scenario())
    assert isinstance(anna, Error) and anna.code is ErrorCode.ENROLLMENT_PENDING
    assert isinstance(mallory, Error) and mallory.code is ErrorCode.ENROLLMENT_REFUSED
    assert "Curve25519" in mallory.message
    assert [r.device_id for r in export_pending(root)[1]] == ["WEBER-PC1"]
    assert _sign_all(root, keys) == 1  # the honest request is signed
