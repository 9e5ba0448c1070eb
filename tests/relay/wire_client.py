"""A scripted protocol client for relay tests: websockets + the client Connection + vodozemac.

It speaks exactly what a real client speaks (the client-side ``Connection`` checks every
reply the relay sends: req_ids, reply types, blob offsets), over real TLS pinned to the
org root, and signs transcripts with a real vodozemac ``Account``. It has no outbox, no
container and no E2E encryption: payloads are whatever bytes a test puts in.
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass, field
from pathlib import Path

import vodozemac
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed as WsClosed

from desktop_app.crypto.e2e.keys import signed_key_message
from desktop_app.crypto.keyformat import decode_b64
from desktop_app.crypto.org import OrgCertificates
from desktop_app.crypto.org_files import load_org_certificates
from desktop_app.protocol import (
    NEED_DATA,
    PROTOCOL_VERSION,
    Authenticate,
    Connection,
    ConnectionClosed,
    Deliver,
    Enroll,
    Error,
    Frame,
    Hello,
    RequestIds,
    Revocations,
    Role,
    SignedKey,
    Welcome,
)
from desktop_app.protocol.limits import MAX_FRAME_BYTES
from desktop_app.services.tls_client import client_context, verify_relay_peer

TIMEOUT_S = 10.0


@dataclass
class Device:
    """A device as a test holds it: uid, device id and its vodozemac identity."""

    uid: str
    device_id: str
    account: vodozemac.Account = field(default_factory=vodozemac.Account)
    certificate: bytes = b""

    @property
    def ed25519(self) -> str:
        return str(self.account.ed25519_key.to_base64())

    @property
    def curve25519(self) -> str:
        return str(self.account.curve25519_key.to_base64())

    def sign(self, message: bytes) -> bytes:
        return decode_b64(self.account.sign(message).to_base64(), "signature")

    def signed_key(self, key_id: str, key: str, fallback: bool = False) -> SignedKey:
        """A key to publish, signed as DeviceAccount.upload_keys signs (the relay
        refuses keys whose signature does not verify; it never reads the key itself)."""
        return SignedKey(key_id, key, self.sign(signed_key_message(key_id, key, fallback)))


class Closed(Exception):
    """The relay closed the connection; ``event`` says whether cleanly and why."""

    def __init__(self, event: ConnectionClosed) -> None:
        super().__init__(event.reason)
        self.event = event


class WireClient:
    def __init__(self, ws: ClientConnection, conn: Connection, welcome: Welcome) -> None:
        self.ws = ws
        self.conn = conn
        self.welcome = welcome
        self.ids = RequestIds()
        self.delivered: list[Deliver] = []
        self.pushed: list[Revocations] = []
        self.fatal: Error | None = None

    @classmethod
    async def connect(cls, port: int, org: OrgCertificates) -> WireClient:
        """TLS pinned to the org root, relay identity checked, Hello -> Welcome."""
        ws = await connect(
            f"wss://127.0.0.1:{port}/",
            ssl=client_context(org.root_pem()),
            max_size=MAX_FRAME_BYTES,
            compression=None,
            open_timeout=TIMEOUT_S,
        )
        ssl_object = ws.transport.get_extra_info("ssl_object")
        assert isinstance(ssl_object, ssl.SSLObject)
        verify_relay_peer(ssl_object, org)
        conn = Connection(Role.CLIENT)
        await ws.send(conn.send(Hello(PROTOCOL_VERSION, "relay tests")))
        client = cls(ws, conn, Welcome(1, "x", bytes(32), 0))
        first = await client.next_frame()
        assert isinstance(first, Welcome), first
        client.welcome = first
        return client

    async def send(self, frame: Frame) -> None:
        await self.ws.send(self.conn.send(frame))

    async def send_raw(self, data: bytes | str) -> None:
        """Bytes that bypass the client Connection (for malformed-frame tests)."""
        await self.ws.send(data)

    async def next_frame(self, timeout: float = TIMEOUT_S) -> Frame:
        """The next frame from the relay; raises Closed when the connection ended."""
        while True:
            event = self.conn.next_event()
            if isinstance(event, ConnectionClosed):
                raise Closed(event)
            if event is not NEED_DATA:
                if isinstance(event, Error) and event.fatal:
                    self.fatal = event
                return event
            try:
                message = await asyncio.wait_for(self.ws.recv(), timeout)
            except WsClosed:
                self.conn.receive_data(b"")
                continue
            self.conn.receive_data(message)

    async def request(self, frame: Frame, timeout: float = TIMEOUT_S) -> Frame:
        """Send a request and return its reply (or a fatal Error); pushes are collected."""
        await self.send(frame)
        req_id = getattr(frame, "req_id", 0)
        while True:
            reply = await self.next_frame(timeout)
            if isinstance(reply, Deliver):
                self.delivered.append(reply)
            elif isinstance(reply, Revocations) and reply.req_id == 0:
                self.pushed.append(reply)
            elif getattr(reply, "req_id", None) == req_id or (
                isinstance(reply, Error) and reply.fatal
            ):
                return reply

    async def wait_deliveries(self, count: int, timeout: float = TIMEOUT_S) -> list[Deliver]:
        """Read until ``count`` Deliver frames arrived in total on this connection."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(self.delivered) < count:
            frame = await self.next_frame(max(0.01, deadline - loop.time()))
            if isinstance(frame, Deliver):
                self.delivered.append(frame)
            elif isinstance(frame, Revocations) and frame.req_id == 0:
                self.pushed.append(frame)
        return self.delivered

    async def quiet(self, seconds: float) -> list[Frame]:
        """Everything the relay sends within ``seconds`` (expecting nothing, usually)."""
        got: list[Frame] = []
        try:
            while True:
                got.append(await self.next_frame(seconds))
        except TimeoutError:
            return got

    async def enroll(self, device: Device, code: str, name: str = "Stationsrechner") -> Frame:
        transcript = self.conn.enroll_transcript(
            device.device_id, curve25519=device.curve25519, ed25519=device.ed25519
        )
        return await self.request(
            Enroll(
                self.ids.next(),
                code,
                device.device_id,  # type: ignore[arg-type]
                device.curve25519,
                device.ed25519,
                name,
                device.sign(transcript),
            )
        )

    async def login(self, device: Device) -> Frame:
        transcript = self.conn.auth_transcript(device.device_id)
        return await self.request(
            Authenticate(self.ids.next(), device.device_id, device.sign(transcript))  # type: ignore[arg-type]
        )

    async def close(self) -> None:
        await self.ws.close()


def org_of(root: Path) -> OrgCertificates:
    return load_org_certificates(root)
