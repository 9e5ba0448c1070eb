"""Receiving a batch of envelopes as one unit of work: one SQLCipher commit for all.

Handling an envelope on its own costs several commits (the Megolm replay record, the
message row, the "seen" mark, ...), and each commit encrypts and writes the pages it
touched. Here the envelopes of one batch are handled in ONE transaction, each in its own
SAVEPOINT (``Database.atomic`` nested): a bad envelope undoes only its own writes and is
not acknowledged (up to ``MAX_KEPT_FAILURES`` of them; more are acknowledged, so they
cannot fill the relay's window of unacknowledged envelopes), the others still commit.
The caller acknowledges only what this returns as handled, and only after
``Container.barrier()``, so nothing the relay may delete is lost on a crash: a crash
before the commit loses the whole batch on this PC, which the relay still holds and
delivers again (the "seen" marks are in the same transaction, so a redelivery is
recognised exactly when its effects are stored).

Nothing inside the transaction waits for the network, so no other task of this event
loop can run, and join the transaction, meanwhile. A step that would need the relay (an
unknown sender device, an attachment or document download) raises ``NeedsNetwork``; its
savepoint is rolled back, the batch before it commits, and that envelope is handled on
its own by ``Incoming.handle`` as before; the rest follow in a new batch. The order of
envelopes is therefore kept exactly, so the receiver's checks (who may say this, about
which conversation, in which order) see the same history as one by one.

``BATCHED = False`` restores one-by-one handling (the benchmark's same-run baseline).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from desktop_app.domain.model import Message
from desktop_app.protocol import Deliver
from desktop_app.services.errors import RelayUnavailable
from desktop_app.services.incoming import Incoming, NeedsNetwork
from desktop_app.storage.errors import ContainerError

log = logging.getLogger("wardlink.receive")

BATCHED = True  # False: one transaction per step as before (benchmark baseline)
# Envelopes an error no check foresaw left unacknowledged, for a retry at a later login
# (a passing fault, or a bug an update fixes). The relay hands a device at most
# MAX_UNACKED_DELIVERIES (256) envelopes before acknowledgements return, oldest first:
# that many such envelopes from a colleague's modified client stopped the mailbox at
# every login. Past this bound a failed envelope is acknowledged (dropped, logged).
MAX_KEPT_FAILURES: Final = 32
DURABLE_BATCH = False  # True: each batch forced to disk on its own (measured against)

T = TypeVar("T")


@dataclass
class BatchResult:
    """What a batch left: messages to show, deliveries to acknowledge, and the error
    that stopped it (the envelopes from there on are not acknowledged: they come again)."""

    messages: list[Message] = field(default_factory=list)
    handled: list[tuple[str, str]] = field(default_factory=list)
    new_sessions: bool = False  # an Olm part may have used up one of our one-time keys
    error: ContainerError | RelayUnavailable | None = None


async def handle_batch(incoming: Incoming, frames: list[Deliver]) -> BatchResult:
    """Handle ``frames`` in order; see the module docstring for what commits when."""
    result = BatchResult()
    start = 0
    while start < len(frames) and result.error is None:
        if BATCHED:
            start = _in_one_transaction(incoming, frames, start, result)
        if start < len(frames) and result.error is None:
            await _one(incoming, frames[start], result)
            start += 1
    return result


def _in_one_transaction(
    incoming: Incoming, frames: list[Deliver], start: int, result: BatchResult
) -> int:
    """Handle frames from ``start`` in one transaction until one needs the network;
    returns the index of the first frame not handled here."""
    db = incoming.s.container.database
    done = BatchResult()
    index = start
    incoming.offline = True
    try:
        # Not forced to disk (DURABLE_BATCH): the acknowledgement waits for more
        # (ACK_LINGER_S), and the Container.barrier() before it makes every batch since
        # the last one durable with one fsync. Until then a power cut may lose a suffix
        # of whole batches, never part of one; the relay still holds them.
        with db.atomic(durable=DURABLE_BATCH):
            while index < len(frames):
                frame = frames[index]
                try:
                    with db.atomic():
                        shown = _now(incoming.handle(frame))
                except NeedsNetwork:
                    incoming.forget_unsaved()
                    break
                except ContainerError:
                    raise  # nothing can be stored now: the whole batch is undone
                except Exception:  # one bad envelope must not stop the ones behind it
                    incoming.forget_unsaved()
                    log.exception("could not handle envelope %s", frame.envelope_id)
                    if not keep_for_retry(incoming, frame):
                        done.handled.append((frame.sender_device, frame.envelope_id))
                    index += 1
                    continue
                done.messages += shown
                done.handled.append(handled(incoming, frame))
                done.new_sessions = done.new_sessions or frame.device_payload is not None
                index += 1
    except ContainerError as exc:
        # Not an envelope's fault (disk full, I/O error): the batch is rolled back, none
        # of it is acknowledged, and it all comes again.
        incoming.forget_unsaved()
        result.error = exc
        return len(frames)
    except BaseException:
        incoming.forget_unsaved()
        raise
    finally:
        incoming.offline = False
    result.messages += done.messages
    result.handled += done.handled
    result.new_sessions = result.new_sessions or done.new_sessions
    return index


async def _one(incoming: Incoming, frame: Deliver, result: BatchResult) -> None:
    """One envelope on its own, as ``Messenger.sync`` always did."""
    try:
        shown = await incoming.handle(frame)
    except (RelayUnavailable, ContainerError) as exc:
        result.error = exc  # not acknowledged: it comes again
        return
    except Exception:  # one bad envelope must not stop the ones behind it
        log.exception("could not handle envelope %s", frame.envelope_id)
        if not keep_for_retry(incoming, frame):
            result.handled.append((frame.sender_device, frame.envelope_id))
        return
    result.messages += shown
    result.handled.append(handled(incoming, frame))
    result.new_sessions = result.new_sessions or frame.device_payload is not None


def handled(incoming: Incoming, frame: Deliver) -> tuple[str, str]:
    """The envelope's key for the acknowledgement; one that failed before and was kept
    for a retry frees its place among the MAX_KEPT_FAILURES."""
    key = (frame.sender_device, frame.envelope_id)
    incoming.kept_failures.discard(key)
    return key


def keep_for_retry(incoming: Incoming, frame: Deliver) -> bool:
    """After an error no check foresaw: True if ``frame`` stays unacknowledged (comes
    again at the next login), False if it is to be acknowledged, because
    MAX_KEPT_FAILURES others wait for a retry already: failures must never fill the
    relay's window of unacknowledged envelopes, which stops everything behind them."""
    key = (frame.sender_device, frame.envelope_id)
    kept = incoming.kept_failures
    if key in kept or len(kept) < MAX_KEPT_FAILURES:
        kept.add(key)
        return True
    log.warning(
        "dropped envelope %s from %s: %d others that failed wait for a retry already",
        frame.envelope_id,
        frame.sender_device,
        MAX_KEPT_FAILURES,
    )
    return False


def _now(step: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that must finish without waiting (inside the transaction).

    ``Incoming.offline`` makes every network step raise first; should anything else
    suspend, the step is abandoned and handled on its own instead."""
    try:
        step.send(None)
    except StopIteration as done:
        value: T = done.value
        return value
    step.close()
    log.warning("a batched receive step waited; handling its envelope on its own")
    raise NeedsNetwork


def take_delivers(
    first: Deliver, queue: asyncio.Queue[Any], limit: int
) -> tuple[list[Deliver], Any]:
    """``first`` and the Deliver frames queued right behind it (up to ``limit``): what
    has arrived is one batch. Returns them and the frame that ended the run (a
    revocation list or the end-of-link None), or NO_FRAME; the caller handles that one
    after the batch, so the order of frames is kept."""
    batch = [first]
    while len(batch) < limit and not queue.empty():
        frame = queue.get_nowait()
        if not isinstance(frame, Deliver):
            return batch, frame
        batch.append(frame)
    return batch, NO_FRAME


NO_FRAME: Final = object()  # take_delivers: the run ended because nothing more had come

# How long a receive loop waits for more after its queue ran empty before it
# acknowledges what it stored. Messages from several colleagues at a busy moment
# arrive a few milliseconds apart, each on its own; acknowledged one by one, each
# costs an acknowledgement frame, its answer and a relay commit of its own. Waiting
# this long lets one acknowledgement cover those that come together. Nothing waits
# for it: the messages are stored (durably) and shown before; the relay only deletes
# them this much later, and a link that ends meanwhile delivers them again, which
# the "seen" marks recognise.
ACK_LINGER_S: Final = 0.025


async def linger(queue: asyncio.Queue[Any]) -> Any:
    """The next frame if one comes within ACK_LINGER_S, else NO_FRAME (acknowledge now)."""
    try:
        return await asyncio.wait_for(queue.get(), ACK_LINGER_S)
    except TimeoutError:
        return NO_FRAME
