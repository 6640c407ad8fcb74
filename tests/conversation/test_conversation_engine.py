"""The conversation engine, in-process: every state and command, in all three languages."""

from __future__ import annotations

import datetime as dt

import pytest
from conversation_chat import Chat, script_of

from bot.conversation import State
from bot.i18n.sms import sms_segments

GREETINGS = {"or": "ନମସ୍କାର", "hi": "नमस्ते", "en": "hello"}
HOME = {"or": "ଘରୋଇ", "hi": "घरेलू", "en": "domestic"}


# -- greeting and language -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
def test_first_message_sets_language_by_script(lang: str) -> None:
    chat = Chat()
    reply = chat.send(GREETINGS[lang])
    assert chat.state.language == lang
    assert chat.state.state is State.CATEGORY
    assert script_of(reply) == lang
    assert "1." in reply
    assert "6." in reply


def test_language_name_switches_at_any_time_and_keeps_the_answers(chat: Chat) -> None:
    chat.run(["hello", "1", "2"])
    reply = chat.send("ଓଡ଼ିଆ")
    assert chat.state.language == "or"
    assert chat.state.language_chosen
    assert chat.state.state is State.UNITS
    assert chat.state.answers.demand == 2
    assert script_of(reply) == "or"
    chat.send("hindi")
    assert chat.state.language == "hi"


def test_language_command_opens_the_menu_and_returns(chat: Chat) -> None:
    chat.run(["hello", "1"])
    chat.send("language")
    assert chat.state.state is State.LANGUAGE
    reply = chat.send("2")
    assert chat.state.language == "hi"
    assert chat.state.state is State.DEMAND
    assert script_of(reply) == "hi"


def test_language_menu_rejects_a_wrong_pick(chat: Chat) -> None:
    chat.run(["hello", "language"])
    before = chat.session
    reply = chat.send("7")
    assert chat.session == before
    assert "1" in reply
    assert "3" in reply


def test_chosen_language_wins_over_the_script_of_a_quick_request(chat: Chat) -> None:
    chat.run(["hello", "hindi"])
    chat.send("domestic 250")
    assert chat.state.language == "hi"
    assert chat.state.state is State.ESTIMATE


# -- category --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("1", "1.b"),
        ("2", "1.a"),
        ("3", "2"),
        ("4", "3"),
        ("5", "7"),
        ("gharelu", "1.b"),
        ("ଘରୋଇ", "1.b"),
        ("घरेलू", "1.b"),
        ("dukan", "2"),
        ("कृषि", "3"),
        ("domestik", "1.b"),
    ],
)
def test_category_by_number_or_word(chat: Chat, message: str, category: str) -> None:
    chat.send("hello")
    chat.send(message)
    assert chat.state.answers.category == category


def test_other_opens_groups_and_the_full_list(chat: Chat) -> None:
    chat.run(["hello", "6"])
    assert chat.state.state is State.CATEGORY_GROUP
    reply = chat.send("2")  # HT
    assert chat.state.state is State.CATEGORY_LIST
    assert "15." in reply  # fifteen HT categories, 14 to 28
    chat.send("10")  # the tenth HT category is 23, large industry
    assert chat.state.answers.category == "23"
    assert chat.state.state is State.DEMAND


def test_ambiguous_word_asks_which(chat: Chat) -> None:
    chat.send("hello")
    reply = chat.send("industry")
    assert chat.state.state is State.CATEGORY_PICK
    offered = chat.state.options
    assert len(offered) >= 2
    chat.send("1")
    assert chat.state.answers.category == offered[0]
    assert chat.state.state is State.DEMAND
    assert "1." in reply


def test_nonsense_category_reprompts_without_change(chat: Chat) -> None:
    chat.send("hello")
    before = chat.session
    reply = chat.send("xyzzy qwerty")
    assert chat.session == before
    assert "1 to 6" in reply


# -- questions ---------------------------------------------------------------------------------


def test_domestic_full_flow_gives_the_estimate(chat: Chat) -> None:
    reply = chat.run(["hello", "1", "2", "250"])  # three replies after the greeting
    assert chat.state.state is State.ESTIMATE
    # 50x2.90 + 150x4.70 + 50x5.70 = 1135; fixed 20 + 20 (2 kW); meter rent 40; rebate 25;
    # duty 4% x 1135 = 45.40 (D3): 1215 - 25 + 45.40 = 1235.40 -> 1235
    assert "₹1,215.00" in reply
    assert "₹1,235.00" in reply
    assert len(reply) <= 700
    assert "1912" in chat.send("details")


def test_dont_know_load_takes_one_kilowatt_and_says_so(chat: Chat) -> None:
    chat.run(["hello", "1"])
    reply = chat.send("don't know")
    assert "1 kW" in reply
    assert chat.state.answers.demand_defaulted
    final = chat.send("250")
    assert "1 kW" in final  # the assumption is stated in the estimate


def test_load_in_hp_for_a_pump(chat: Chat) -> None:
    chat.run(["hello", "4"])
    chat.send("5 hp")
    assert chat.state.answers.demand is not None
    assert float(chat.state.answers.demand) == pytest.approx(3.73)


def test_meter_readings_with_roll_over(chat: Chat) -> None:
    chat.run(["hello", "1", "1"])
    reply = chat.send("99950 30")
    assert chat.state.answers.units == 80
    assert "80" in reply


@pytest.mark.parametrize("bad", ["abc", "😀😀", "-50", "units -50", "1000000"])
def test_bad_units_reprompt_and_change_nothing(chat: Chat, bad: str) -> None:
    chat.run(["hello", "1", "1"])
    before = chat.session
    reply = chat.send(bad)
    assert chat.session == before
    assert reply


def test_a_load_given_at_the_units_question_is_kept_and_said(chat: Chat) -> None:
    chat.run(["hello", "1", "don't know"])
    reply = chat.send("2 किलोवाट का कनेक्शन है")
    assert chat.state.answers.demand == 2
    assert chat.state.state is State.UNITS
    assert "2 kW" in reply


def test_negative_and_zero_load_are_refused(chat: Chat) -> None:
    chat.run(["hello", "1"])
    before = chat.session
    assert "negative" in chat.send("-2")
    assert "more than zero" in chat.send("0")
    assert chat.session == before


def test_media_and_long_paste_and_empty(chat: Chat) -> None:
    chat.run(["hello", "1"])
    before = chat.session
    assert "text" in chat.send("", media=1)
    assert "too long" in chat.send("a" * 5000)
    assert chat.send("   ")
    assert chat.session == before


def test_a_smart_meter_answer_after_the_estimate_changes_the_rent(chat: Chat) -> None:
    reply = chat.run(["hello", "1", "2", "250"])  # single-phase: ₹40 static, ₹60 smart
    assert chat.state.state is State.ESTIMATE
    assert "village" in reply  # the offers worth most are named with their amounts
    assert "₹25.00 less" in reply
    chat.send("yes, smart meter")
    assert chat.state.answers.smart_meter is True
    assert "Meter rent: ₹60.00" in chat.replies[-1]


def test_offers_are_answered_in_every_language(chat: Chat) -> None:
    chat.run(["hello", "1", "2", "250"])
    assert chat.state.state is State.ESTIMATE
    chat.send("ହଁ, ଗାଁରେ")
    assert chat.state.answers.rural is True
    chat.send("स्मार्ट मीटर नहीं है")
    assert chat.state.answers.smart_meter is False
    chat.send("e-bill")
    assert chat.state.answers.ebill is True
    before = chat.session
    chat.send("maybe later")
    assert chat.session == before


def test_tod_question_only_after_july_2026() -> None:
    june = Chat(month=dt.date(2026, 6, 1))
    june.run(["hello", "6", "2", "10", "1000", "900", "500000", "480000"])
    assert june.state.state is State.ESTIMATE  # no time-of-day rates before July
    july = Chat(month=dt.date(2026, 7, 1))
    july.run(["hello", "6", "2", "10", "1000", "900", "500000", "480000"])
    assert july.state.state is State.TOD_SPLIT
    before = july.session
    assert "500,000" in july.send("300000 250000") or july.session == before
    assert july.session == before  # more than the month's units
    july.send("100000 50000")
    assert july.state.answers.solar_units == 100000
    assert july.state.state is State.ESTIMATE


def test_ht_consumer_with_demand_and_load_factor(chat: Chat) -> None:
    chat.run(["hello", "6", "2", "10"])  # HT large industry
    chat.send("1000")  # contract demand
    chat.send("900")  # maximum demand
    chat.send("500000")  # kVAh
    assert chat.state.state is State.KWH
    before = chat.session
    chat.send("600000")  # more kWh than kVAh
    assert chat.session == before
    chat.send("480000")
    assert chat.state.state in (State.TOD_SPLIT, State.ESTIMATE)
    if chat.state.state is State.TOD_SPLIT:
        chat.send("skip")
    reply = chat.send("details")
    # November: LF = 480000 x 100 / (1000 x 720) = 66.67 %; 500000 x 60 / 66.67 = 450000 at 5.85
    assert "₹26,32,500.00" in reply
    assert "66.67" in chat.run(["explain", "1"])  # explains the load factor


def test_kutir_jyoti_within_and_above_thirty(chat: Chat) -> None:
    within = chat.run(["hello", "2", "25"])
    assert "₹70.00" in within
    above = chat.run(["1", "31"])  # change units
    assert "30" in above
    assert chat.state.state is State.ESTIMATE


# -- follow-ups --------------------------------------------------------------------------------


def test_follow_ups(chat: Chat) -> None:
    chat.run(["hello", "domestic 250"])
    assert "₹25.00" in chat.send("rebates")
    assert chat.state.state is State.ESTIMATE
    assert "₹25.00" in chat.send("1")  # details: every line and rebate
    assert "₹47.80" in chat.send("5")  # tips: pay digitally
    chat.send("4")
    assert chat.state.state is State.EXPLAIN
    assert "slab by slab" in chat.send("2")
    assert chat.state.state is State.ESTIMATE
    chat.send("2")
    assert chat.state.state is State.UNITS
    assert "₹1,507.00" in chat.send("300")  # 1420 + 20 + 40 - 30 + duty 4% x 1420 = 56.80
    assert "₹1,215.00" in chat.send("250")  # a bare number re-estimates: 1170 + 45.40
    chat.send("3")
    assert chat.state.state is State.CATEGORY
    assert chat.state.answers.category is None


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("details", State.ESTIMATE),
        ("ବିବରଣୀ", State.ESTIMATE),
        ("tips", State.ESTIMATE),
        ("change units", State.UNITS),
        ("new", State.CATEGORY),
        ("explain", State.EXPLAIN),
    ],
)
def test_the_follow_up_words_work_as_well_as_numbers(chat: Chat, word: str, state: State) -> None:
    chat.send("domestic 250")
    chat.send(word)
    assert chat.state.state is state


def test_field_agent_three_consumers_in_a_row(chat: Chat) -> None:
    chat.send("domestic 250")
    assert "₹1,215.00" in "\n".join(chat.replies)  # 1195 - 25 + duty 4% x 1135 = 45.40
    chat.send("shop 180")
    assert chat.state.answers.category == "2"
    reply = chat.send("irrigation 400")
    assert chat.state.answers.category == "3"
    assert "₹600.00" in reply  # 400 x 1.50


# -- global commands ------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["menu", "ମେନୁ", "मेनू", "start over"])
def test_menu_starts_over(chat: Chat, word: str) -> None:
    chat.run(["hello", "1", "2"])
    chat.send(word)
    assert chat.state.state is State.CATEGORY
    assert chat.state.answers.category is None


@pytest.mark.parametrize("word", ["back", "ପଛକୁ", "पीछे"])
def test_back_goes_to_the_previous_question_and_forgets_its_answer(chat: Chat, word: str) -> None:
    chat.run(["hello", "1", "2", "250"])
    chat.send(word)
    assert chat.state.state is State.UNITS
    assert State.UNITS not in chat.state.answers.answered
    chat.send(word)
    assert chat.state.state is State.DEMAND
    chat.send("3")
    assert chat.state.answers.demand == 3
    chat.send(word)
    chat.send(word)
    assert chat.state.state is State.CATEGORY
    reply = chat.send(word)
    assert chat.state.state is State.CATEGORY
    assert reply


@pytest.mark.parametrize("word", ["help", "ସାହାଯ୍ୟ", "मदद"])
def test_help_explains_and_repeats_the_question(chat: Chat, word: str) -> None:
    chat.run(["hello", "1"])
    reply = chat.send(word)
    assert "1 kW" in reply or "kW" in reply
    assert chat.state.state is State.DEMAND


@pytest.mark.parametrize(("stop", "start"), [("STOP", "START"), ("ବନ୍ଦ", "START"), ("बंद", "start")])
def test_stop_silences_until_start(chat: Chat, stop: str, start: str) -> None:
    chat.run(["hello", "1"])
    assert chat.send(stop)
    assert chat.state.opted_out
    assert chat.send("hello") == ""
    assert chat.send("domestic 250") == ""
    assert chat.state.opted_out
    assert chat.send(start)
    assert not chat.state.opted_out
    assert chat.state.state is State.CATEGORY


@pytest.mark.parametrize("words", ["delete my data", "मेरा डेटा हटाओ"])
def test_delete_my_data(chat: Chat, words: str) -> None:
    chat.run(["hello", "1", "2"])
    reply = chat.send(words)
    assert chat.deleted
    assert chat.session is None
    assert reply
    chat.send("hello")
    assert chat.state.answers.category is None


def test_corrupt_session_starts_afresh() -> None:
    chat = Chat(session='{"version": 1, "state": "nowhere"')
    reply = chat.send("hello")
    assert chat.state.state is State.CATEGORY
    assert reply


# -- channels --------------------------------------------------------------------------------


@pytest.mark.parametrize("quick", ["domestic 250", "ଘରୋଇ ୨୫୦ ୟୁନିଟ", "घरेलू 300 यूनिट 2 किलोवाट"])
def test_sms_estimate_fits_three_segments(sms: Chat, quick: str) -> None:
    sms.send(quick)
    estimate = sms.replies[-1]
    assert sms_segments(estimate) <= 3
    assert "1912" in estimate


@pytest.mark.parametrize("quick", ["domestic 250", "ଘରୋଇ ୨୫୦ ୟୁନିଟ", "घरेलू 300 यूनिट 2 किलोवाट"])
def test_whatsapp_replies_fit_1600_characters(chat: Chat, quick: str) -> None:
    chat.send(quick)
    assert all(len(reply) <= 1600 for reply in chat.replies)


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
def test_quick_request_answers_in_the_script_of_the_message(lang: str) -> None:
    chat = Chat()
    chat.send(f"{HOME[lang]} 250")
    assert chat.state.language == lang
    assert chat.state.state is State.ESTIMATE
    assert script_of(chat.replies[-1]) == lang
    assert "₹1,215.00" in chat.replies[-1]  # 1195 - 25 + duty 4% x 1135 = 45.40 -> 1215


def test_a_language_name_as_first_message_still_greets() -> None:
    chat = Chat()
    reply = chat.send("hindi")
    assert chat.state.language == "hi"
    assert "OERC" in reply  # the greeting names the tariff
    assert chat.state.state is State.CATEGORY


def test_a_photo_with_an_emoji_caption_is_media(chat: Chat) -> None:
    chat.run(["hello", "1"])
    before = chat.session
    assert "only text" in chat.send("📷", media=1)
    assert chat.session == before


def test_a_small_bare_number_after_an_estimate_is_a_menu_typo(chat: Chat) -> None:
    chat.send("domestic 250")
    before = chat.session
    reply = chat.send("9")
    assert chat.session == before
    assert "1=details" in reply
    assert "₹" not in reply  # the short menu, not the estimate again
    assert "₹" in chat.send("9 units")  # with the word, it is a what-if on units
    assert chat.state.answers.units == 9


def test_kutir_jyoti_above_thirty_says_so_on_sms(sms: Chat) -> None:
    sms.run(["english", "kutir jyoti 45"])
    estimate = sms.replies[-1]
    assert "billed as domestic" in estimate
    assert sms_segments(estimate) <= 2


def test_the_phase_assumption_reads_right_above_five_kilowatts(chat: Chat) -> None:
    chat.send("domestic 400 units 12 kw")
    reply = chat.send("details")
    assert "three-phase above" in reply
    assert "₹150.00" in reply  # three-phase whole-current meter rent


@pytest.mark.parametrize("greeting", ["hi", "Hello 👋", "namaskar"])
def test_a_greeting_mid_conversation_asks_again_without_complaint(
    chat: Chat, greeting: str
) -> None:
    chat.run(["hello", "1"])
    before = chat.session
    reply = chat.send(greeting)
    assert chat.session == before
    assert "kW" in reply  # the load question again
    assert "Please reply" not in reply


@pytest.mark.parametrize("greeting", ["ନମସ୍କାର", "नमस्ते"])
def test_a_greeting_in_another_script_keeps_the_language_and_the_answers(
    chat: Chat, greeting: str
) -> None:
    chat.run(["hello", "1"])
    before = chat.state
    reply = chat.send(greeting)
    assert chat.state.answers == before.answers
    assert chat.state.state is State.DEMAND
    assert script_of(reply) == "en"  # one word in another script is not a change of language


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [("ମୋର ଲୋଡ୍ କେତେ ମୁଁ ଜାଣିନି", "or"), ("मुझे अपना लोड नहीं पता है", "hi")],
)
def test_a_sentence_in_another_script_switches_the_language(
    chat: Chat, sentence: str, lang: str
) -> None:
    chat.run(["hello", "1"])
    reply = chat.send(sentence)
    assert chat.state.language == lang
    assert script_of(reply) == lang


def test_sms_follow_ups_use_the_short_menu(sms: Chat) -> None:
    sms.send("domestic 250")
    reply = sms.send("5")
    assert "1=details 2=change units 3=new" in reply
    assert "₹" not in reply  # English SMS writes Rs, so it stays GSM-7


def test_a_bill_amount_instead_of_units_is_turned_into_units(chat: Chat) -> None:
    chat.run(["hello", "1", "2"])
    # 2 kW: 1135 energy + 40 fixed + 40 meter rent + duty 4% x 1135 = 1260.40: 250 units
    reply = chat.send("₹1261")
    assert "250 units" in reply
    assert chat.state.answers.units == 250
    assert chat.state.state is State.ESTIMATE


def test_a_fixed_kutir_jyoti_bill_fits_a_range_of_units(chat: Chat) -> None:
    chat.run(["hello", "2"])
    reply = chat.send("Rs 70")
    assert "from 0 to 30 units" in reply
    assert chat.state.answers.units == 30


def test_a_bill_below_the_fixed_charges_is_refused(chat: Chat) -> None:
    chat.run(["hello", "1", "2"])
    before = chat.session
    reply = chat.send("10 rupees")
    assert chat.session == before
    assert "₹80.00" in reply  # what 2 kW costs with no units: fixed 40 + meter rent 40


def test_bill_amounts_are_not_taken_for_ht_kvah(chat: Chat) -> None:
    chat.run(["hello", "6", "2", "10", "1000", "900"])  # HT large industry, at the units
    before = chat.session
    chat.send("₹500000")
    assert chat.session == before


DONT_KNOW = {"or": "ଜାଣିନି", "hi": "पता नहीं", "en": "don't know"}
#: Paths (in English words and digits) to every question, and what "don't know" must lead to.
DONT_KNOW_PATHS: list[tuple[list[str], State]] = [
    ([], State.CATEGORY),  # explained, the same question again
    (["1"], State.UNITS),  # the load is taken as 1 kW, said aloud
    # explained: where units are printed, readings, a bill amount; then the appliances at home
    (["1", "1"], State.APPLIANCES),
    (["6", "2", "10", "1000"], State.UNITS),  # HT maximum demand: the contract demand is billed
    (["6", "2", "10", "1000", "900", "500000", "480000"], State.ESTIMATE),  # ToD split skipped
    (["1", "2", "250 units or 300 units"], State.ESTIMATE),  # the later figure, said aloud
]


@pytest.mark.parametrize("lang", ["or", "hi", "en"])
@pytest.mark.parametrize(("path", "then"), DONT_KNOW_PATHS)
def test_dont_know_is_accepted_at_every_question(lang: str, path: list[str], then: State) -> None:
    chat = Chat()
    chat.send({"or": "ନମସ୍କାର", "hi": "नमस्ते", "en": "hello"}[lang])
    chat.run(path)
    asked = chat.state.state
    reply = chat.send(DONT_KNOW[lang])
    assert reply
    assert chat.state.state is then, (asked, reply)
    assert script_of(reply) == lang
    if then is asked:  # not a dead end: the reply explains before asking again
        assert len(reply.split("\n\n")) >= 2
