"""The behaviour every session store must have, run against SQLite and a real Redis."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from stores_support import Backend, key_for

from bot.stores import SessionSlot, SessionStore, SlotClosedError

ALICE = key_for("whatsapp:+919876543210")
BOB = key_for("+919812345678")
ODIA = "ବିଦ୍ୟୁତ ବିଲ୍ ୧୨୩ ୟୁନିଟ୍ — ଘରୋଇ"
HINDI = "बिजली बिल १२३ यूनिट — घरेलू"


class BoomError(Exception):
    """Raised inside a `with` block to check that nothing is saved."""


def fail_inside(store: SessionStore, user: str, action: Callable[[SessionSlot], None]) -> None:
    """Open ``user``'s slot, do ``action`` and raise before the block can commit."""
    with store.open(user) as slot:
        action(slot)
        raise BoomError


def load(store: SessionStore, user: str) -> str | None:
    with store.open(user) as slot:
        return slot.data


def test_store_and_slot_satisfy_the_protocols(store: SessionStore) -> None:
    assert isinstance(store, SessionStore)
    with store.open(ALICE) as slot:
        assert isinstance(slot, SessionSlot)


def test_absent_user_reads_as_none(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        assert slot.data is None
        assert slot.reply_for("SM" + "0" * 32) is None


def test_save_then_load_round_trips(store: SessionStore) -> None:
    session = json.dumps({"state": "ASK_UNITS", "lang": "or"})
    with store.open(ALICE) as slot:
        slot.save(session)
        assert slot.data == session
    assert load(store, ALICE) == session


def test_save_overwrites_and_other_users_are_untouched(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        slot.save('{"v": 1}')
    with store.open(ALICE) as slot:
        slot.save('{"v": 2}')
    assert load(store, ALICE) == '{"v": 2}'
    assert load(store, BOB) is None


def test_reply_is_recorded_with_the_session_and_replayed(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        assert slot.reply_for("SM1") is None
        slot.save('{"step": 2}', message_id="SM1", reply="<Response>one</Response>")
    # The Twilio retry: same MessageSid, same reply, and the session has not moved on.
    with store.open(ALICE) as slot:
        assert slot.reply_for("SM1") == "<Response>one</Response>"
        assert slot.reply_for("SM2") is None
        assert slot.data == '{"step": 2}'


def test_replies_are_scoped_to_their_user(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        slot.save("{}", message_id="SM1", reply="for alice")
    with store.open(BOB) as slot:
        assert slot.reply_for("SM1") is None


def test_a_reply_saved_in_the_block_is_visible_in_the_block(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        slot.save("{}", message_id="SM1", reply="r1")
        assert slot.reply_for("SM1") == "r1"


def test_an_empty_reply_counts_as_answered(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        slot.save("{}", message_id="SM1", reply="")
    with store.open(ALICE) as slot:
        assert slot.reply_for("SM1") == ""


@pytest.mark.parametrize(("message_id", "reply"), [("SM1", None), (None, "r"), ("", "r")])
def test_message_id_and_reply_go_together(
    store: SessionStore, message_id: str | None, reply: str | None
) -> None:
    with store.open(ALICE) as slot, pytest.raises(ValueError, match="message_id"):
        slot.save("{}", message_id=message_id, reply=reply)


def test_exception_in_block_saves_nothing_and_releases_the_lock(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        slot.save('{"v": 1}')
    with pytest.raises(BoomError):
        fail_inside(store, ALICE, lambda slot: slot.save('{"v": 2}', message_id="SM2", reply="x"))
    # Neither the session nor the reply were saved, and the user is not locked out.
    with store.open(ALICE) as slot:
        assert slot.data == '{"v": 1}'
        assert slot.reply_for("SM2") is None


def test_exception_after_delete_keeps_the_data(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        slot.save("{}", message_id="SM1", reply="r1")
    with pytest.raises(BoomError):
        fail_inside(store, ALICE, lambda slot: slot.delete())
    with store.open(ALICE) as slot:
        assert slot.data == "{}"
        assert slot.reply_for("SM1") == "r1"


def test_delete_removes_session_and_replies_but_not_other_users(store: SessionStore) -> None:
    for user in (ALICE, BOB):
        with store.open(user) as slot:
            slot.save('{"n": 1}', message_id="SM1", reply="r1")
            slot.save('{"n": 2}', message_id="SM2", reply="r2")
    with store.open(ALICE) as slot:
        slot.delete()
        assert slot.data is None
        assert slot.reply_for("SM1") is None
    with store.open(ALICE) as slot:
        assert slot.data is None
        assert slot.reply_for("SM1") is None
        assert slot.reply_for("SM2") is None
    with store.open(BOB) as slot:
        assert slot.data == '{"n": 2}'
        assert slot.reply_for("SM1") == "r1"
        assert slot.reply_for("SM2") == "r2"


def test_save_after_delete_in_one_block_starts_afresh(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        slot.save('{"old": true}', message_id="SM1", reply="old")
    with store.open(ALICE) as slot:
        slot.delete()
        slot.save('{"new": true}', message_id="SM2", reply="new")
    with store.open(ALICE) as slot:
        assert slot.data == '{"new": true}'
        assert slot.reply_for("SM1") is None
        assert slot.reply_for("SM2") == "new"


def test_odia_and_hindi_text_survive_intact(store: SessionStore) -> None:
    session = json.dumps({"name": ODIA, "note": HINDI}, ensure_ascii=False)
    with store.open(ALICE) as slot:
        slot.save(session, message_id="SM1", reply=f"{ODIA}\n{HINDI}")
    with store.open(ALICE) as slot:
        assert slot.data == session
        assert json.loads(slot.data)["name"] == ODIA
        assert slot.reply_for("SM1") == f"{ODIA}\n{HINDI}"


def test_slot_cannot_be_used_after_its_block(store: SessionStore) -> None:
    with store.open(ALICE) as slot:
        pass
    with pytest.raises(SlotClosedError):
        slot.save("{}")
    with pytest.raises(SlotClosedError):
        slot.reply_for("SM1")
    with pytest.raises(SlotClosedError):
        slot.delete()


@pytest.mark.parametrize("bad_key", ["+919876543210", "whatsapp:+919876543210", "", "A" * 64])
def test_raw_addresses_are_refused_as_user_keys(store: SessionStore, bad_key: str) -> None:
    with pytest.raises(ValueError, match="user key") as caught:
        store.open(bad_key).__enter__()
    assert "9876543210" not in str(caught.value)


def test_ping_answers_true(store: SessionStore) -> None:
    assert store.ping() is True


def test_two_store_objects_share_the_same_data(backend: Backend) -> None:
    # Everything written by one store is readable by another on the same data: what
    # several worker processes or instances rely on.
    writer, reader = backend.make(), backend.make()
    with writer.open(ALICE) as slot:
        slot.save('{"shared": true}', message_id="SM1", reply="r")
    with reader.open(ALICE) as slot:
        assert slot.data == '{"shared": true}'
        assert slot.reply_for("SM1") == "r"
