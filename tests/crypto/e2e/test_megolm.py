"""Group messages: Anna shares her Megolm key over Olm to Jonas and Mia, everyone reads.

Also covers replays, rotation by count, age and membership (Mia removed), restarts,
tampering and the pickle key, all with real containers.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

import pytest

from desktop_app.crypto.e2e import (
    GroupPlaintext,
    MegolmCiphertext,
    MegolmInbound,
    MegolmOutbound,
    MemberDevice,
    RoomKey,
    RotationReason,
    SharePlan,
    accept_room_key,
    megolm_inbound,
    receive_from_device,
    share_room_key,
)
from desktop_app.crypto.e2e.errors import (
    GroupDecryptionFailed,
    InvalidArgument,
    KeyNotShared,
    NoOutboundSession,
    PayloadError,
    PickleKeyMismatch,
    ReplayError,
    ReplayWindowFull,
    RotationRequired,
    SessionMismatch,
    UnknownSession,
)
from desktop_app.crypto.e2e.megolm_inbound import _SeenRecord, seen_at_name
from desktop_app.crypto.e2e.payloads import MAX_GROUP_CONTENT_BYTES
from desktop_app.crypto.e2e.rotation import RotationPolicy
from desktop_app.crypto.e2e.store import (
    KIND_MEGOLM_IN,
    KIND_MEGOLM_OUT,
    KIND_MEGOLM_SEEN,
    KIND_MEGOLM_SEEN_AT,
    encode_record,
)
from tests.crypto.e2e.conftest import T0, Person, Ward

CID = "conv-station-3b"
SECRET = b"Rea-Verlegung Bett 7, Troponin positiv"
_envelopes = count()


def share(ward: Ward, sender: Person, recipients: list[Person], now: datetime = T0) -> SharePlan:
    """Prepare, share the key over Olm to whoever is pending, mark shared."""
    plan = sender.outbound.prepare(CID, [p.member for p in recipients], now)
    by_id = {p.device_id: p for p in recipients}
    claimed = {
        d.device_id: sender.claim_from(ward.relay, by_id[d.device_id])
        for d in plan.pending
        if not sender.olm.has_session(d.device_id, d.curve25519)
    }
    result = share_room_key(sender.olm, plan, own_device_id=sender.device_id, claimed_keys=claimed)
    assert result.needs_one_time_key == ()
    assert set(result.ciphertexts) == {d.device_id for d in plan.pending}
    for device_id, ciphertext in result.ciphertexts.items():
        person = by_id[device_id]
        content = receive_from_device(
            person.olm,
            own_device_id=person.device_id,
            own_ed25519=person.member.ed25519,
            sender=sender.member,
            message=ciphertext,
        )
        assert accept_room_key(person.inbound, content, sender=sender.member)
    assert sender.outbound.mark_shared(CID, plan.session_id, result.ciphertexts)
    return plan


def read(
    person: Person, sender: Person, ct: MegolmCiphertext, envelope_id: str | None = None
) -> GroupPlaintext:
    return person.inbound.decrypt(
        conversation_id=CID,
        sender_device_id=sender.device_id,
        sender_curve25519=sender.member.curve25519,
        session_id=ct.session_id,
        body=ct.body,
        envelope_id=envelope_id or f"env-{next(_envelopes)}",
    )


def test_group_of_three_everyone_decrypts(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    plan = share(ward, anna, [jonas, mia])
    assert plan.rotated is RotationReason.NEW
    assert plan.room_key.sender_ed25519 == anna.member.ed25519
    ct = anna.outbound.encrypt(CID, SECRET, T0)
    assert (ct.session_id, ct.message_index) == (plan.session_id, 0)
    assert SECRET not in ct.body
    for person in (jonas, mia):
        got = read(person, anna, ct)
        assert got.plaintext == SECRET
        assert got.message_index == 0
        assert (got.sender_device_id, got.sender_ed25519) == (anna.device_id, anna.member.ed25519)
        assert not got.redelivered
    second = anna.outbound.encrypt(CID, b"zweite", T0)
    assert second.message_index == 1
    assert read(mia, anna, second).plaintext == b"zweite"
    # Jonas answers in the same conversation with his own session.
    share(ward, jonas, [anna, mia])
    answer = jonas.outbound.encrypt(CID, b"verstanden", T0)
    assert read(anna, jonas, answer).plaintext == b"verstanden"
    assert read(mia, jonas, answer).plaintext == b"verstanden"


def test_no_encryption_before_prepare_or_before_everyone_has_the_key(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    with pytest.raises(NoOutboundSession):
        anna.outbound.encrypt(CID, b"x", T0)
    plan = anna.outbound.prepare(CID, [jonas.member, mia.member], T0)
    assert [d.device_id for d in plan.pending] == ["dev-jonas", "dev-mia"]
    with pytest.raises(KeyNotShared, match="2 recipient"):
        anna.outbound.encrypt(CID, b"x", T0)
    assert anna.outbound.mark_shared(CID, plan.session_id, ["dev-jonas"])
    with pytest.raises(KeyNotShared, match="1 recipient"):
        anna.outbound.encrypt(CID, b"x", T0)
    with pytest.raises(InvalidArgument):
        anna.outbound.mark_shared(CID, plan.session_id, ["dev-stranger"])
    assert not anna.outbound.mark_shared(CID, "some-old-session", ["dev-mia"])
    again = anna.outbound.prepare(CID, [jonas.member, mia.member], T0)
    assert again.rotated is None and again.session_id == plan.session_id
    assert [d.device_id for d in again.pending] == ["dev-mia"]


def test_devices_without_session_or_claimed_key_are_reported(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    plan = anna.outbound.prepare(CID, [jonas.member], T0)
    result = share_room_key(anna.olm, plan, own_device_id=anna.device_id)
    assert result.ciphertexts == {}
    assert result.needs_one_time_key == (jonas.member,)


def test_replay_is_rejected_and_redelivery_is_recognised(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    share(ward, anna, [jonas])
    ct = anna.outbound.encrypt(CID, SECRET, T0)
    assert read(jonas, anna, ct, "env-1").plaintext == SECRET
    again = read(jonas, anna, ct, "env-1")
    assert again.redelivered and again.plaintext == SECRET
    with pytest.raises(ReplayError) as caught:
        read(jonas, anna, ct, "env-2")
    assert caught.value.message_index == 0
    assert SECRET.decode() not in str(caught.value)
    jonas.restart()
    with pytest.raises(ReplayError):
        read(jonas, anna, ct, "env-3")
    assert jonas.container.pickles.names(KIND_MEGOLM_SEEN_AT) == [seen_at_name(ct.session_id, 0)]


def test_a_replay_record_of_an_older_version_still_counts(ward: Ward) -> None:
    """Containers written before the per-index records kept one record per session;
    the indices in it stay taken (read, never rewritten)."""
    anna, jonas = ward.anna, ward.jonas
    share(ward, anna, [jonas])
    first = anna.outbound.encrypt(CID, SECRET, T0)
    second = anna.outbound.encrypt(CID, b"zwei", T0)
    old = encode_record(_SeenRecord(1, {0: "env-old"}))
    jonas.container.pickles.save(KIND_MEGOLM_SEEN, first.session_id, old)
    jonas.restart()
    assert read(jonas, anna, first, "env-old").redelivered
    with pytest.raises(ReplayError):
        read(jonas, anna, first, "env-new")
    assert not read(jonas, anna, second, "env-2").redelivered
    assert jonas.container.pickles.names(KIND_MEGOLM_SEEN_AT) == [seen_at_name(first.session_id, 1)]


def test_an_index_far_past_the_rotation_policy_is_refused(
    ward: Ward, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, jonas = ward.anna, ward.jonas
    monkeypatch.setattr(megolm_inbound, "MAX_TRACKED_INDICES", 3)
    anna.outbound.policy = RotationPolicy(max_messages=10)
    share(ward, anna, [jonas])
    for i in range(3):
        read(jonas, anna, anna.outbound.encrypt(CID, b"%d" % i, T0))
    with pytest.raises(ReplayWindowFull):
        read(jonas, anna, anna.outbound.encrypt(CID, b"3", T0))


def test_rotation_after_one_hundred_messages(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    first = share(ward, anna, [jonas])
    for i in range(100):
        ct = anna.outbound.encrypt(CID, b"msg %d" % i, T0)
        assert (ct.session_id, ct.message_index) == (first.session_id, i)
    assert read(jonas, anna, ct).plaintext == b"msg 99"
    with pytest.raises(RotationRequired, match="message-limit"):
        anna.outbound.encrypt(CID, b"msg 100", T0)
    second = share(ward, anna, [jonas])
    assert second.rotated is RotationReason.MESSAGE_LIMIT
    assert second.session_id != first.session_id
    ct = anna.outbound.encrypt(CID, b"msg 100", T0)
    assert (ct.session_id, ct.message_index) == (second.session_id, 0)
    assert read(jonas, anna, ct).plaintext == b"msg 100"


def test_rotation_after_one_week(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    first = share(ward, anna, [jonas])
    almost = T0 + timedelta(weeks=1) - timedelta(seconds=1)
    assert read(jonas, anna, anna.outbound.encrypt(CID, b"a", almost)).plaintext == b"a"
    assert anna.outbound.prepare(CID, [jonas.member], almost).rotated is None
    week = T0 + timedelta(weeks=1)
    with pytest.raises(RotationRequired, match="age-limit"):
        anna.outbound.encrypt(CID, b"b", week)
    second = share(ward, anna, [jonas], now=week)
    assert second.rotated is RotationReason.AGE_LIMIT and second.session_id != first.session_id
    assert read(jonas, anna, anna.outbound.encrypt(CID, b"b", week)).plaintext == b"b"
    with pytest.raises(RotationRequired, match="clock-went-back"):
        anna.outbound.encrypt(CID, b"c", T0)
    with pytest.raises(InvalidArgument, match="timezone"):
        anna.outbound.encrypt(CID, b"c", week.replace(tzinfo=None))


def test_removing_mia_rotates_and_she_cannot_read_later_messages(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    before = share(ward, anna, [jonas, mia])
    old = anna.outbound.encrypt(CID, b"vor der Entfernung", T0)
    assert read(mia, anna, old).plaintext == b"vor der Entfernung"
    after = share(ward, anna, [jonas])
    assert after.rotated is RotationReason.MEMBERSHIP_CHANGED
    assert after.session_id != before.session_id
    assert [d.device_id for d in after.pending] == ["dev-jonas"]
    new = anna.outbound.encrypt(CID, SECRET, T0)
    assert read(jonas, anna, new).plaintext == SECRET
    with pytest.raises(UnknownSession) as caught:
        read(mia, anna, new)
    assert caught.value.session_id == after.session_id
    assert SECRET.decode() not in str(caught.value)
    mia.restart()
    with pytest.raises(UnknownSession):
        read(mia, anna, new)


def test_a_new_device_of_a_member_also_rotates(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    first = share(ward, anna, [jonas])
    plan = anna.outbound.prepare(CID, [jonas.member, mia.member], T0)
    assert plan.rotated is RotationReason.MEMBERSHIP_CHANGED
    assert plan.session_id != first.session_id


def test_unknown_session_decrypts_once_the_key_arrives(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    plan = anna.outbound.prepare(CID, [jonas.member], T0)
    result = share_room_key(
        anna.olm,
        plan,
        own_device_id=anna.device_id,
        claimed_keys={"dev-jonas": anna.claim_from(ward.relay, jonas)},
    )
    anna.outbound.mark_shared(CID, plan.session_id, result.ciphertexts)
    ct = anna.outbound.encrypt(CID, SECRET, T0)  # overtakes the key on the wire
    with pytest.raises(UnknownSession):
        read(jonas, anna, ct, "env-late")
    content = receive_from_device(
        jonas.olm,
        own_device_id=jonas.device_id,
        own_ed25519=jonas.member.ed25519,
        sender=anna.member,
        message=result.ciphertexts["dev-jonas"],
    )
    accept_room_key(jonas.inbound, content, sender=anna.member)
    assert read(jonas, anna, ct, "env-late").plaintext == SECRET


def test_session_cannot_be_moved_to_another_conversation_or_sender(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    share(ward, anna, [jonas, mia])
    ct = anna.outbound.encrypt(CID, SECRET, T0)
    with pytest.raises(SessionMismatch):
        jonas.inbound.decrypt(
            conversation_id="conv-other",
            sender_device_id=anna.device_id,
            sender_curve25519=anna.member.curve25519,
            session_id=ct.session_id,
            body=ct.body,
            envelope_id="env-x",
        )
    with pytest.raises(SessionMismatch):
        read(jonas, mia, ct)  # Mia's envelope carrying Anna's ciphertext


def test_tampered_group_message_fails_with_a_typed_error(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    share(ward, anna, [jonas])
    ct = anna.outbound.encrypt(CID, SECRET, T0)
    for position in (10, len(ct.body) // 2, len(ct.body) - 1):
        body = bytearray(ct.body)
        body[position] ^= 0x40
        forged = MegolmCiphertext(ct.session_id, ct.message_index, bytes(body))
        with pytest.raises(GroupDecryptionFailed) as caught:
            read(jonas, anna, forged, "env-forged")
        assert SECRET.decode() not in str(caught.value)
    with pytest.raises(GroupDecryptionFailed):
        read(jonas, anna, MegolmCiphertext(ct.session_id, 0, b"garbage"), "env-garbage")
    # Forgeries did not poison the replay record: the real message still decrypts.
    assert read(jonas, anna, ct, "env-forged").plaintext == SECRET


def test_everything_survives_an_app_restart(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    plan = share(ward, anna, [jonas, mia])
    first = anna.outbound.encrypt(CID, b"eins", T0)
    for person in (anna, jonas, mia):
        person.restart()
    second = anna.outbound.encrypt(CID, b"zwei", T0)
    assert (second.session_id, second.message_index) == (plan.session_id, 1)
    for person in (jonas, mia):
        assert read(person, anna, first).plaintext == b"eins"
        assert read(person, anna, second).plaintext == b"zwei"
    assert anna.outbound.prepare(CID, [jonas.member, mia.member], T0).rotated is None
    assert anna.container.pickles.names(KIND_MEGOLM_OUT) == [CID]
    assert jonas.container.pickles.names(KIND_MEGOLM_IN) == [plan.session_id]
    # Jonas answers over the Olm session Anna opened before the restarts.
    share(ward, jonas, [anna])
    assert read(anna, jonas, jonas.outbound.encrypt(CID, b"drei", T0)).plaintext == b"drei"


def test_stored_records_hold_no_plaintext_and_no_bare_session_key(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    plan = share(ward, anna, [jonas])
    read(jonas, anna, anna.outbound.encrypt(CID, SECRET, T0))
    for person in (anna, jonas):
        store = person.container.pickles
        for kind in ("account", "olm", KIND_MEGOLM_OUT, KIND_MEGOLM_IN, KIND_MEGOLM_SEEN_AT):
            for name in store.names(kind):
                value = store.load(kind, name)
                assert value is not None
                assert SECRET not in value
                assert plan.room_key.session_key.encode() not in value


def test_group_sessions_need_the_right_pickle_key(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    plan = share(ward, anna, [jonas])
    ct = anna.outbound.encrypt(CID, b"x", T0)
    wrong_out = MegolmOutbound(
        anna.container.pickles, bytes(32), own_device_id="dev-anna", own_ed25519=anna.member.ed25519
    )
    with pytest.raises(PickleKeyMismatch):
        wrong_out.encrypt(CID, b"y", T0)
    wrong_in = MegolmInbound(jonas.container.pickles, bytes(32))
    with pytest.raises(PickleKeyMismatch):
        wrong_in.has_session(plan.session_id)
    assert read(jonas, anna, ct).plaintext == b"x"


def test_a_member_cannot_pass_off_anothers_session_as_their_own(ward: Ward) -> None:
    anna, jonas, mia = ward.anna, ward.jonas, ward.mia
    plan = share(ward, anna, [mia])  # Jonas is not in this conversation yet
    ct = anna.outbound.encrypt(CID, SECRET, T0)
    # Mia forwards Anna's key to Jonas as if it were her session...
    stolen = RoomKey(CID, plan.session_id, plan.room_key.session_key, mia.member.ed25519)
    assert jonas.inbound.add_room_key(stolen, sender=mia.member)
    # ...and re-sends Anna's ciphertext from her own device: the signed content says Anna.
    with pytest.raises(SessionMismatch, match="written by device dev-anna"):
        read(jonas, mia, ct)


def test_oversized_group_content_is_refused_before_encryption(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    share(ward, anna, [jonas])
    with pytest.raises(PayloadError, match="attachment"):
        anna.outbound.encrypt(CID, b"x" * (MAX_GROUP_CONTENT_BYTES + 1), T0)
    assert anna.outbound.encrypt(CID, b"ok", T0).message_index == 0


def test_recipients_are_checked(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    with pytest.raises(InvalidArgument, match="own room key"):
        anna.outbound.prepare(CID, [jonas.member, anna.member], T0)
    rekeyed = MemberDevice(jonas.device_id, ward.mia.member.curve25519, jonas.member.ed25519)
    with pytest.raises(InvalidArgument, match="twice"):
        anna.outbound.prepare(CID, [jonas.member, rekeyed], T0)
    assert anna.outbound.session_id(CID) is None


def test_session_key_and_discard(ward: Ward) -> None:
    anna, jonas = ward.anna, ward.jonas
    with pytest.raises(NoOutboundSession):
        anna.outbound.session_key(CID)
    plan = share(ward, anna, [jonas])
    assert anna.outbound.session_key(CID) == plan.room_key.session_key
    anna.outbound.discard(CID)
    assert anna.outbound.session_id(CID) is None
    assert anna.container.pickles.names(KIND_MEGOLM_OUT) == []
    again = anna.outbound.prepare(CID, [jonas.member], T0)
    assert again.rotated is RotationReason.NEW and again.session_id != plan.session_id
