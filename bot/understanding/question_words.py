"""Words that make a message a question, and the words of each FAQ topic, as data.

Read by :mod:`bot.understanding.questions`. Every entry is a raw spelling, written the way
people type it: Odia and Devanagari script, English, and Odia or Hindi typed in Latin letters
("kana", "kya", "rihati", "chhoot"). The matcher normalises and folds each entry once at import
(nukta, vowel length, doubled Latin letters, a final virama and apostrophes do not matter), so
``କ'ଣ`` and ``କଣ``, ``ज़्यादा`` and ``ज्यादा``, ``bill`` and ``bil`` are the same entry.

An entry of several words matches those words next to each other. An Odia word also matches
with a case ending attached (``ରିହାତିର``, ``ବିଲରେ``), a Latin word with one of
:data:`LATIN_ENDINGS` (``rebates``, ``billre``); see :data:`ODIA_ENDINGS`.

Adding a word: put it under the one topic it names. A word that means a topic only next to
another word (``bill`` + ``high``) belongs in the pair tables below, not in a topic.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final, NamedTuple

from bot.understanding.vocabulary import CATEGORY_WORDS


class FaqTopic(StrEnum):
    """A question Bijuli answers at any step, by its FAQ id."""

    KUTIR_JYOTI = "kutir_jyoti"
    SANCTIONED_LOAD = "sanctioned_load"
    SMART_METER = "smart_meter"
    METER_READING = "meter_reading"
    DUE_DATE = "due_date"
    PAYMENT = "payment"
    REBATES = "rebates"
    REBATE_DIGITAL = "rebate_digital"
    REBATE_PROMPT = "rebate_prompt"
    REBATE_RURAL = "rebate_rural"
    REBATE_EBILL = "rebate_ebill"
    REBATE_PREPAID = "rebate_prepaid"
    DPS = "dps"
    TOD = "tod"
    HIGH_BILL = "high_bill"
    CONTACT = "contact"


# --- What makes a message a question ----------------------------------------------------------

#: Question words and asking phrases. A "?" anywhere counts as well (see ``QUESTION_MARKS``).
QUESTION_WORDS: Final[tuple[str, ...]] = (
    # Odia script
    "କଣ",
    "କ'ଣ",
    "କଅଣ",
    "କି",
    "କେମିତି",
    "କିପରି",
    "କେବେ",
    "କେଉଁଠି",
    "କେଉଁଠାରେ",
    "କୁଆଡ଼େ",
    "କାହିଁକି",
    "କିଏ",
    "କାହାକୁ",
    "କେତେ",
    "କେଉଁ",
    "ମାନେ",
    "ଅର୍ଥ",
    "ବୁଝାନ୍ତୁ",
    "ବୁଝାଅ",
    "କୁହନ୍ତୁ",
    "କହନ୍ତୁ",
    "ଜଣାନ୍ତୁ",
    # Devanagari
    "क्या",
    "कैसे",
    "कैसा",
    "कब",
    "कहाँ",
    "कहां",
    "किधर",
    "क्यों",
    "क्यूँ",
    "कौन",
    "कौनसा",
    "किसे",
    "किसको",
    "कितना",
    "कितनी",
    "कितने",
    "मतलब",
    "अर्थ",
    "बताइए",
    "बताइये",
    "बताओ",
    "बताएं",
    "बताएँ",
    "समझाइए",
    "समझाओ",
    # English
    "what",
    "whats",
    "what's",
    "how",
    "when",
    "where",
    "why",
    "who",
    "whom",
    "which",
    "explain",
    "meaning",
    "mean",
    "means",
    "tell me",
    # Odia in Latin letters
    "kana",
    "kan",
    "kn",
    "kemiti",
    "kemti",
    "kipari",
    "kebe",
    "kouthi",
    "kauthi",
    "kuade",
    "kahinki",
    "kahiki",
    "kie",
    "kahaku",
    "kete",
    "keun",
    "mane",
    "bujhantu",
    "kuhantu",
    "kahantu",
    # Hindi in Latin letters
    "kya",
    "kyaa",
    "kaise",
    "kese",
    "kaisa",
    "kab",
    "kahan",
    "kahaan",
    "kaha",
    "kidhar",
    "kyun",
    "kyu",
    "kyon",
    "kyo",
    "kaun",
    "kon",
    "konsa",
    "kaunsa",
    "kise",
    "kisko",
    "kitna",
    "kitni",
    "kitne",
    "matlab",
    "batao",
    "bataiye",
    "bataye",
    "samjhao",
    "samjhaiye",
)

#: Characters that mark a question by themselves.
QUESTION_MARKS: Final = "?？¿"

#: "How much": about the bill amount it is the main request (an estimate), never an FAQ.
AMOUNT_WORDS: Final[tuple[str, ...]] = (
    "କେତେ",
    "कितना",
    "कितनी",
    "कितने",
    "how much",
    "kete",
    "kitna",
    "kitni",
    "kitne",
)

#: Words for the bill or its amount; with :data:`AMOUNT_WORDS` they ask for an estimate.
BILL_WORDS: Final[tuple[str, ...]] = (
    "ବିଲ",
    "ବିଲ୍",
    "ଟଙ୍କା",
    "बिल",
    "रुपये",
    "रुपए",
    "bill",
    "billa",
    "amount",
    "rupees",
    "taka",
    "tanka",
    "rupaye",
)

#: "When": asked about paying, it is a due-date question ("bill kebe deba").
WHEN_WORDS: Final[tuple[str, ...]] = ("କେବେ", "कब", "when", "kebe", "kab")

#: "Why": asked about the bill, it is the high-bill question ("bill kyun aaya").
WHY_WORDS: Final[tuple[str, ...]] = (
    "କାହିଁକି",
    "क्यों",
    "क्यूँ",
    "why",
    "kahinki",
    "kahiki",
    "kyun",
    "kyu",
    "kyon",
    "kyo",
)

#: Words that say "more than usual"; next to a bill word they ask why a bill is high.
HIGH_WORDS: Final[tuple[str, ...]] = (
    "ଅଧିକ",
    "ବେଶି",
    "ବେଶୀ",
    "ଏତେ",
    "ବଢ଼ିଲା",
    "ବଢ଼ିଗଲା",
    "ବଢ଼ିଛି",
    "ଦୁଇଗୁଣ",
    "ज्यादा",
    "ज़्यादा",
    "जादा",
    "इतना",
    "बहुत",
    "अधिक",
    "बढ़",
    "बढ़ा",
    "बढ़ गया",
    "दोगुना",
    "high",
    "higher",
    "more",
    "so much",
    "too much",
    "increased",
    "double",
    "zyada",
    "jyada",
    "jada",
    "itna",
    "bahut",
    "badh",
    "badha",
    "adhik",
    "adhika",
    "besi",
    "beshi",
    "ete",
    "eta",
    "badhila",
    "bodhila",
    "dui guna",
)

#: Words for a meter; with :data:`READ_WORDS` they ask how to read it.
METER_WORDS: Final[tuple[str, ...]] = ("ମିଟର", "ମିଟର୍", "मीटर", "meter", "metre", "mitar")

#: The word "units", for "where do I find my units?" (a question about reading the meter).
UNIT_WORDS_ASKED: Final[tuple[str, ...]] = (
    "ୟୁନିଟ",
    "ୟୁନିଟ୍",
    "यूनिट",
    "यूनिट्स",
    "unit",
    "units",
)

#: Where or how something is found ("ୟୁନିଟ କେଉଁଠୁ ଜାଣିବି?", "यूनिट कैसे पता करें?").
FIND_WORDS: Final[tuple[str, ...]] = (
    "କେଉଁଠୁ",
    "କେଉଁଠି",
    "କେମିତି",
    "ଜାଣିବି",
    "ଜାଣିବା",
    "ଦେଖିବି",
    "कैसे",
    "कहाँ",
    "कहां",
    "पता करें",
    "पता करूँ",
    "देखें",
    "kaise",
    "kahan",
    "kaha",
    "pata kare",
    "pata karen",
    "kemiti",
    "kouthi",
    "where",
    "find",
    "how do i know",
    "check",
)

#: Verbs of reading or looking at something ("how do I read my electricity meter").
READ_WORDS: Final[tuple[str, ...]] = (
    "ପଢ଼ିବା",
    "ପଢ଼ିବି",
    "ପଢ଼ିବେ",
    "ପଢ଼ନ୍ତି",
    "ଦେଖିବା",
    "ଦେଖିବି",
    "ଦେଖିବେ",
    "पढ़ें",
    "पढ़े",
    "पढ़ना",
    "पढ़ते",
    "पढ़ूँ",
    "देखें",
    "देखना",
    "देखूँ",
    "read",
    "reading",
    "padhe",
    "padhna",
    "padhein",
    "padhen",
    "padhte",
    "padhibi",
    "padhiba",
    "padhibe",
    "dekhe",
    "dekhna",
    "dekhibi",
    "dekhiba",
)

#: Verbs of paying; with a bill word they ask how to pay ("बिल ऑनलाइन कैसे भरें").
PAY_WORDS: Final[tuple[str, ...]] = (
    "ଦେବି",
    "ଦେବା",
    "ଦେବେ",
    "ଦେବୁ",
    "ଦେଇପାରିବି",
    "ଜମା",
    "ପୈଠ",
    "भरें",
    "भरना",
    "भरूँ",
    "भरूं",
    "भरे",
    "भरने",
    "भर",
    "जमा",
    "चुकाएं",
    "चुकाना",
    "pay",
    "paid",
    "deba",
    "debi",
    "debe",
    "debu",
    "jama",
    "bharna",
    "bhare",
    "bharein",
    "bharen",
    "bharu",
    "bharoon",
    "bharne",
    "bhar",
    "chukana",
)


class PairRule(NamedTuple):
    """Two kinds of word that name a topic together, anywhere in the message.

    ``length`` ranks the pair against topic phrases, as if it were a phrase of that many words.
    """

    topic: FaqTopic
    first: tuple[str, ...]
    second: tuple[str, ...]
    length: int


# --- Rebates: a rebate word, and what kind ---------------------------------------------------

#: Words for a rebate or discount in general.
REBATE_WORDS: Final[tuple[str, ...]] = (
    "ରିହାତି",
    "ରିବେଟ",
    "ରିବେଟ୍",
    "ଡିସକାଉଣ୍ଟ",
    "ଛାଡ଼ ମିଳିବ",
    "छूट",
    "छुट",
    "रिबेट",
    "डिस्काउंट",
    "रियायत",
    "rebate",
    "rebet",
    "discount",
    "rihati",
    "rihaati",
    "rihathi",
    "riyati",
    "chhoot",
    "chhut",
    "chut",
    "choot",
    "riyayat",
    "save money",
    "bachat",
)

#: Next to a rebate word, a qualifier names the rebate. The first kind found, in this order, wins
#: ("due date se pehle UPI se chhoot" is the digital rebate, which itself needs the due date).
REBATE_KINDS: Final[Mapping[FaqTopic, tuple[str, ...]]] = MappingProxyType(
    {
        FaqTopic.REBATE_PREPAID: (
            "ପ୍ରିପେଡ",
            "ପ୍ରିପେଡ୍",
            "ରିଚାର୍ଜ",
            "प्रीपेड",
            "रिचार्ज",
            "prepaid",
            "pre paid",
            "recharge",
        ),
        FaqTopic.REBATE_EBILL: (
            "ଇ ବିଲ",
            "ଇବିଲ",
            "ଇ-ବିଲ",
            "ई बिल",
            "ई-बिल",
            "ईबिल",
            "e bill",
            "ebill",
            "e-bill",
            "paperless",
            "email bill",
        ),
        FaqTopic.REBATE_RURAL: (
            "ଗାଁ",
            "ଗାଆଁ",
            "ଗ୍ରାମ",
            "ଗ୍ରାମାଞ୍ଚଳ",
            "ଗ୍ରାମୀଣ",
            "ପଲ୍ଲୀ",
            "गाँव",
            "गांव",
            "ग्रामीण",
            "देहात",
            "rural",
            "village",
            "villages",
            "gaon",
            "gaun",
            "gaan",
            "gaa",
            "gram",
            "gramin",
            "grameen",
            "gramya",
            "gramanchala",
        ),
        FaqTopic.REBATE_DIGITAL: (
            "ଡିଜିଟାଲ",
            "ଅନଲାଇନ",
            "ୟୁପିଆଇ",
            "डिजिटल",
            "ऑनलाइन",
            "ओनलाइन",
            "यूपीआई",
            "digital",
            "online",
            "upi",
            "paytm",
            "phonepe",
            "gpay",
            "google pay",
        ),
        FaqTopic.TOD: (
            "ସୋଲାର",
            "ପିକ",
            "सोलर",
            "पीक",
            "solar",
            "peak",
            "tod",
            "time of day",
        ),
        FaqTopic.REBATE_PROMPT: (
            "ସମୟରେ",
            "ସମୟ",
            "ଶେଷ ତାରିଖ",
            "ଠିକ ସମୟ",
            "समय",
            "समय पर",
            "आखिरी तारीख",
            "जल्दी",
            "prompt",
            "on time",
            "in time",
            "timely",
            "due date",
            "before due",
            "early",
            "time par",
            "time pe",
            "samay",
            "samaya",
            "samayare",
            "somoyare",
        ),
    }
)

# --- Topics -----------------------------------------------------------------------------------

#: Words and phrases that name a topic by themselves. The longest match wins; on a tie the
#: topic listed first in :data:`TOPIC_PRIORITY`.
TOPIC_WORDS: Final[Mapping[FaqTopic, tuple[str, ...]]] = MappingProxyType(
    {
        # Every spelling of the category names the topic too (one list: vocabulary.py's).
        FaqTopic.KUTIR_JYOTI: (*CATEGORY_WORDS["1.a"], "kj yojana"),
        FaqTopic.SANCTIONED_LOAD: (
            "ସାଙ୍କସନ ଲୋଡ",
            "ସାଙ୍କସନ୍ ଲୋଡ୍",
            "ସାଙ୍କସନଡ ଲୋଡ",
            "ମଞ୍ଜୁରି ଲୋଡ",
            "ମଞ୍ଜୁର ଲୋଡ",
            "ମଞ୍ଜୁରି ହୋଇଥିବା ଲୋଡ",
            "ଲୋଡ",
            "ଲୋଡ୍",
            "କଣ୍ଟ୍ରାକ୍ଟ ଡିମାଣ୍ଡ",
            "ଚୁକ୍ତି ଲୋଡ",
            "କିଲୋୱାଟ",
            "स्वीकृत लोड",
            "स्वीकृत भार",
            "सैंक्शन लोड",
            "सेंक्शन लोड",
            "सैंक्शंड लोड",
            "लोड",
            "भार",
            "कॉन्ट्रैक्ट डिमांड",
            "अनुबंधित भार",
            "किलोवाट",
            "sanctioned load",
            "sanction load",
            "sanctioned",
            "santioned load",
            "sanctn load",
            "load",
            "connected load",
            "contract demand",
            "kw",
            "kilowatt",
        ),
        FaqTopic.SMART_METER: (
            "ସ୍ମାର୍ଟ ମିଟର",
            "ସ୍ମାର୍ଟ ମିଟର୍",
            "ସ୍ମାର୍ଟ",
            "ପ୍ରିପେଡ ମିଟର",
            "स्मार्ट मीटर",
            "स्मार्ट",
            "प्रीपेड मीटर",
            "smart meter",
            "smartmeter",
            "smart",
            "prepaid meter",
            "smart prepaid meter",
        ),
        FaqTopic.METER_READING: (
            "ମିଟର ରିଡିଂ",
            "ମିଟର ରିଡିଙ୍ଗ",
            "ରିଡିଂ",
            "ରିଡିଙ୍ଗ",
            "ମିଟର ପଢ଼ିବା",
            "ମିଟର ପଢ଼ିବି",
            "ମିଟର ପଢ଼ିବେ",
            "ମିଟର ଦେଖିବା",
            "ମିଟର ଦେଖିବି",
            "मीटर रीडिंग",
            "रीडिंग",
            "मीटर पढ़ना",
            "मीटर पढ़ें",
            "मीटर पढ़े",
            "मीटर देखें",
            "मीटर देखना",
            "meter reading",
            "reading",
            "read the meter",
            "read my meter",
            "read meter",
            "read a meter",
            "meter padhe",
            "meter padhna",
            "meter padhein",
            "meter dekhe",
            "meter dekhna",
            "meter padhibi",
            "meter padhiba",
            "meter dekhibi",
            "riding",
        ),
        FaqTopic.DUE_DATE: (
            "ଶେଷ ତାରିଖ",
            "ଅନ୍ତିମ ତାରିଖ",
            "ଡ୍ୟୁ ଡେଟ",
            "ଡିୟୁ ଡେଟ",
            "ଡ୍ୟୁ ଡେଟ୍",
            "आखिरी तारीख",
            "आख़िरी तारीख",
            "अंतिम तारीख",
            "अंतिम तिथि",
            "ड्यू डेट",
            "due date",
            "duedate",
            "last date",
            "due",
            "deadline",
            "sesa tarikh",
            "sesa tarikha",
            "shesha tarikh",
            "shesh tarikh",
            "antim tarikh",
            "antim tithi",
            "akhri tarikh",
            "aakhri tarikh",
            "akhri tareekh",
            "aakhri tareekh",
        ),
        FaqTopic.PAYMENT: (
            "ପେମେଣ୍ଟ",
            "ପେମେଣ୍ଟ୍",
            "ପୈଠ",
            "ପଇଠ",
            "ପଇଠ କରିବି",
            "ପୈଠ କରିବି",
            "ବିଲ ଦେବା",
            "ବିଲ ଦେବି",
            "ବିଲ ଦେବେ",
            "ବିଲ ଦେବୁ",
            "ବିଲ ଜମା",
            "ଜମା କରିବି",
            "ଜମା କରିବା",
            "ଟଙ୍କା ଦେବି",
            "ଟଙ୍କା ଦେବା",
            "भुगतान",
            "पेमेंट",
            "बिल भरें",
            "बिल भरना",
            "बिल भरूँ",
            "बिल भरूं",
            "बिल भरे",
            "बिल भरने",
            "बिल जमा",
            "जमा करें",
            "जमा करूँ",
            "pay",
            "paying",
            "payment",
            "pay bill",
            "online payment",
            "digital payment",
            "bbps",
            "bharat billpay",
            "cash counter",
            "bill deba",
            "bill debi",
            "bill debu",
            "bill jama",
            "jama karibi",
            "jama kariba",
            "bill bharna",
            "bill bhare",
            "bill bharein",
            "bill bharen",
            "bill bharu",
            "bill bharoon",
            "bhugtan",
            "jama kare",
            "jama karu",
            "jama karna",
        ),
        FaqTopic.REBATES: REBATE_WORDS,
        FaqTopic.REBATE_EBILL: REBATE_KINDS[FaqTopic.REBATE_EBILL],
        FaqTopic.REBATE_PREPAID: (
            "ପ୍ରିପେଡ",
            "ପ୍ରିପେଡ୍",
            "प्रीपेड",
            "prepaid",
            "pre paid",
        ),
        FaqTopic.DPS: (
            "ଡିପିଏସ",
            "ବିଳମ୍ବ ଦେୟ ସରଚାର୍ଜ",
            "ବିଳମ୍ବ",
            "ଡେରି",
            "ଡେରିରେ",
            "ଜୋରିମାନା",
            "ଜରିମାନା",
            "ସରଚାର୍ଜ",
            "ଲେଟ ଫି",
            "ଲେଟ ପେମେଣ୍ଟ",
            "ଶେଷ ତାରିଖ ପରେ",
            "ଶେଷ ତାରିଖ ଗଲେ",
            "डीपीएस",
            "विलंब शुल्क",
            "विलंबित भुगतान अधिभार",
            "लेट फीस",
            "लेट पेमेंट",
            "देर से",
            "देरी",
            "जुर्माना",
            "सरचार्ज",
            "अधिभार",
            "आखिरी तारीख के बाद",
            "dps",
            "delayed payment surcharge",
            "delay payment surcharge",
            "late payment surcharge",
            "late payment",
            "late fee",
            "late fine",
            "pay late",
            "paid late",
            "surcharge",
            "penalty",
            "after due date",
            "after the due date",
            "due date ke baad",
            "due date ke bad",
            "due date pare",
            "due date gale",
            "der se",
            "deri se",
            "late",
            "jurmana",
            "deri",
            "derire",
            "bilamba",
            "jorimana",
        ),
        FaqTopic.TOD: (
            "ଟିଓଡି",
            "ପିକ ସମୟ",
            "ପିକ ଆୱାର",
            "ସୋଲାର ସମୟ",
            "ସୋଲାର ଆୱାର",
            "ସମୟ ଅନୁସାରେ ଟାରିଫ",
            "टीओडी",
            "पीक समय",
            "पीक आवर",
            "पीक टाइम",
            "सोलर समय",
            "सोलर आवर",
            "समय के हिसाब से",
            "tod",
            "tod tariff",
            "time of day",
            "time of day tariff",
            "solar hours",
            "solar hour",
            "solar time",
            "peak hours",
            "peak hour",
            "peak time",
            "peak",
            "solar samay",
            "peak samay",
            "pik samay",
        ),
        FaqTopic.CONTACT: (
            "1912",
            "ହେଲ୍ପଲାଇନ",
            "କଷ୍ଟମର କେୟାର",
            "ଅଭିଯୋଗ",
            "ବିଜୁଳି କଟ",
            "ବିଜୁଳି ନାହିଁ",
            "ବିଜୁଳି ଗଲା",
            "ବିଦ୍ୟୁତ କାଟ",
            "ଲାଇଟ ନାହିଁ",
            "ଲାଇଟ ଗଲା",
            "କରେଣ୍ଟ ନାହିଁ",
            "ଫୋନ ନମ୍ବର",
            "ଫୋନ କରିବି",
            "ଯୋଗାଯୋଗ",
            "हेल्पलाइन",
            "कस्टमर केयर",
            "शिकायत",
            "बिजली कटौती",
            "बिजली कट",
            "बिजली गई",
            "बिजली गयी",
            "बिजली नहीं",
            "लाइट नहीं",
            "लाइट गई",
            "फोन नंबर",
            "फ़ोन नंबर",
            "फोन करूँ",
            "फोन करें",
            "संपर्क",
            "टोल फ्री",
            "helpline",
            "help line",
            "customer care",
            "toll free",
            "complaint",
            "complain",
            "power cut",
            "power cuts",
            "no power",
            "no light",
            "no electricity",
            "outage",
            "load shedding",
            "phone number",
            "contact number",
            "helpline number",
            "contact",
            "call",
            "shikayat",
            "sikayat",
            "bijli gayi",
            "bijli gai",
            "bijli kati",
            "bijli nahi",
            "light nahi",
            "light gayi",
            "current nahi",
            "abhijoga",
            "avijoga",
            "bijuli kata",
            "bijuli nahi",
            "phone karu",
            "phone karibi",
        ),
    }
)

#: Pairs of words that name a topic together. The first pair that applies to a topic counts.
#: A bill word with a "high" word outranks a two-word phrase ("bill so high with a smart meter"
#: asks about the high bill).
TOPIC_PAIRS: Final[tuple[PairRule, ...]] = (
    PairRule(FaqTopic.HIGH_BILL, BILL_WORDS, HIGH_WORDS, 3),
    PairRule(FaqTopic.HIGH_BILL, BILL_WORDS, WHY_WORDS, 2),
    PairRule(FaqTopic.METER_READING, METER_WORDS, READ_WORDS, 3),
    PairRule(FaqTopic.METER_READING, UNIT_WORDS_ASKED, FIND_WORDS, 2),
    PairRule(FaqTopic.PAYMENT, BILL_WORDS, PAY_WORDS, 2),
)

#: Words that are part of a topic word's spelling but mean something else; they are removed
#: before topics are looked for ("kutir udyog" is cottage industry, not Kutir Jyoti).
NOT_TOPIC_WORDS: Final[tuple[str, ...]] = (
    "କୁଟୀର ଶିଳ୍ପ",
    "କୁଟୀର ଉଦ୍ୟୋଗ",
    "कुटीर उद्योग",
    "kutir udyog",
    "kutir udyoga",
    "kutira shilpa",
    "kutir shilpa",
    "load factor",
    "ଲୋଡ ଫ୍ୟାକ୍ଟର",
    "लोड फैक्टर",
)

#: Which topic wins when two matches are equally long: the more specific first. Payment comes
#: before contact so "can I pay at 1912?" hears that 1912 is not for paying.
TOPIC_PRIORITY: Final[tuple[FaqTopic, ...]] = (
    FaqTopic.KUTIR_JYOTI,
    FaqTopic.DPS,
    FaqTopic.TOD,
    FaqTopic.REBATE_PREPAID,
    FaqTopic.REBATE_EBILL,
    FaqTopic.REBATE_RURAL,
    FaqTopic.REBATE_DIGITAL,
    FaqTopic.REBATE_PROMPT,
    FaqTopic.HIGH_BILL,
    FaqTopic.METER_READING,
    FaqTopic.SMART_METER,
    FaqTopic.SANCTIONED_LOAD,
    FaqTopic.DUE_DATE,
    FaqTopic.PAYMENT,
    FaqTopic.CONTACT,
    FaqTopic.REBATES,
)

#: Topics whose answer is itself about an amount ("DPS kitna lagta hai", "kutir jyoti ra bill
#: kete"), so "how much" with a bill word still asks about them when no number is given.
AMOUNT_TOPICS: Final[frozenset[FaqTopic]] = frozenset(
    {
        FaqTopic.KUTIR_JYOTI,
        FaqTopic.DPS,
        FaqTopic.TOD,
        FaqTopic.REBATES,
        FaqTopic.REBATE_DIGITAL,
        FaqTopic.REBATE_PROMPT,
        FaqTopic.REBATE_RURAL,
        FaqTopic.REBATE_EBILL,
        FaqTopic.REBATE_PREPAID,
    }
)

#: Numbers that are part of a topic, not a quantity ("1912 kya hai").
TOPIC_NUMBERS: Final[frozenset[str]] = frozenset({"1912"})

# --- Word endings ------------------------------------------------------------------------------

#: Odia case endings written onto a word: ର (of), ରେ (in), କୁ (to), ରୁ (from), ଟି/ଟା (the), ଗୁଡ଼ିକ
#: (plural), ଙ୍କ (honorific of), ପାଇଁ (for) when typed without a space.
ODIA_ENDINGS: Final[tuple[str, ...]] = (
    "ର",
    "ରେ",
    "କୁ",
    "ରୁ",
    "ଟି",
    "ଟା",
    "ଗୁଡ଼ିକ",
    "ଙ୍କ",
    "ଙ୍କର",
    "ପାଇଁ",
)
#: Latin endings: English plurals, and Odia case endings typed in Latin ("billre", "rihatira").
LATIN_ENDINGS: Final[tuple[str, ...]] = ("s", "es", "re", "ra", "ku", "ru")
#: A word must keep at least this many letters once an ending is taken off.
MIN_STEM_LETTERS: Final = 3
