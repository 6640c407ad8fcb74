"""Words for the facts a message can hold besides categories, commands and numbers: answers,
where the connection is, the meter, the e-bill, negation and small talk (see :mod:`.facts`).

Raw spellings, as people type them in Odia and Devanagari script and in Latin letters; they are
normalised once at import by :mod:`bot.understanding.facts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from bot.understanding.vocabulary import COMMAND_WORDS, Command

# --- Answers -------------------------------------------------------------------------------
# The yes / no / don't-know commands, plus spellings that only ever start a longer answer
# ("yes village", "ହଁ, ଗାଁରେ", "हाँ गाँव में").
ANSWER_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "yes": (
            *COMMAND_WORDS[Command.YES],
            "yes it is",
            "ho",
            "hon",
            "ହଁ ଅଛି",
            "ହଁ ଆଜ୍ଞା",
            "आहे",
        ),
        "no": (*COMMAND_WORDS[Command.NO], "no it is not", "nahi hai", "nahin hai", "ନାଇଁ"),
        "dont_know": (
            *COMMAND_WORDS[Command.DONT_KNOW],
            "dunno",
            "don't know",
            "not known",
            "no idea",
            "jani nahin",
            "jani nai",
            "janeni",
            "jane na",
            "pata nai",
            "nahi pata",
            "nahin pata",
            "malum nahi",
            "ଜାଣେନି",
            "ଜାଣିନାହିଁ",
            "ଜଣାନାହିଁ",
            "ମୁଁ ଜାଣିନି",
            "ପତା ନାହିଁ",
            "मुझे नहीं पता",
            "पता नही",
            "मालूम नही",
            "नहीं जानता",
            "नहीं जानती",
        ),
    }
)

# --- Where the connection is -------------------------------------------------------------------
PLACE_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "rural": (
            "village",
            "villages",
            "rural",
            "rural area",
            "gaon",
            "gaanv",
            "gaav",
            "gav",
            "gaun",
            "gaan",
            "gaanre",
            "gaonre",
            "gramya",
            "gramin",
            "grameen",
            "ଗାଁ",
            "ଗାଁରେ",
            "ଗାଆଁ",
            "ଗାଆଁରେ",
            "ଗ୍ରାମ",
            "ଗ୍ରାମରେ",
            "ଗ୍ରାମାଞ୍ଚଳ",
            "ଗ୍ରାମାଞ୍ଚଳରେ",
            "ଗ୍ରାମୀଣ",
            "ପଲ୍ଲୀ",
            "गाँव",
            "गांव",
            "गाँव में",
            "गांव में",
            "ग्रामीण",
            "ग्राम",
            "देहात",
        ),
        "urban": (
            "town",
            "city",
            "urban",
            "shahar",
            "sahar",
            "sahara",
            "saharare",
            "nagar",
            "ସହର",
            "ସହରରେ",
            "ସହରାଞ୍ଚଳ",
            "ନଗର",
            "शहर",
            "शहर में",
            "नगर",
            "कस्बा",
        ),
    }
)

# --- The meter and the bill ---------------------------------------------------------------------
SMART_METER_WORDS: tuple[str, ...] = (
    "smart meter",
    "smartmeter",
    "smart",
    "prepaid meter",
    "ସ୍ମାର୍ଟ ମିଟର",
    "ସ୍ମାର୍ଟ ମିଟର୍",
    "ସ୍ମାର୍ଟ",
    "स्मार्ट मीटर",
    "स्मार्ट",
)
EBILL_WORDS: tuple[str, ...] = (
    "e-bill",
    "ebill",
    "e bill",
    "email bill",
    "whatsapp bill",
    "bill on whatsapp",
    "paperless",
    "ଇ-ବିଲ",
    "ଇ ବିଲ",
    "ଇବିଲ",
    "ଇ-ବିଲ୍",
    "ई-बिल",
    "ई बिल",
    "ईबिल",
)

# --- Negation: "not in a village", "smart meter nahi", "ଗାଁରେ ନୁହେଁ" -----------------------------
NEGATION_WORDS: tuple[str, ...] = (
    "no",
    "not",
    "isn't",
    "isnt",
    "don't",
    "dont",
    "nahi",
    "nahin",
    "nai",
    "nuhe",
    "nuhen",
    "nahin hai",
    "ନୁହେଁ",
    "ନୁହଁ",
    "ନାହିଁ",
    "ନାଇଁ",
    "ନା",
    "नहीं",
    "नही",
    "ना",
)

# --- Small talk ----------------------------------------------------------------------------------
# Answered with one short line, never with the estimate again.
SMALL_TALK_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "thanks": (
            "thanks",
            "thank you",
            "thankyou",
            "thanku",
            "thank u",
            "thx",
            "tq",
            "dhanyavad",
            "dhanyawad",
            "dhanyabad",
            "dhanyabaad",
            "shukriya",
            "sukriya",
            "ଧନ୍ୟବାଦ",
            "ଧନ୍ୟବାଦ୍",
            "धन्यवाद",
            "शुक्रिया",
            "🙏",
        ),
        "ok": (
            "ok",
            "okay",
            "okk",
            "fine",
            "got it",
            "good",
            "great",
            "nice",
            "accha",
            "achha",
            "theek hai",
            "thik hai",
            "thik achhi",
            "bhala",
            "ହଉ",
            "ଠିକ ଅଛି",
            "ଠିକ୍ ଅଛି",
            "ଭଲ",
            "ठीक है",
            "अच्छा",
            "👍",
            "👌",
        ),
    }
)

# --- After the estimate: the follow-up menu's words work as well as its numbers ----------------
FOLLOW_UP_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "details": (
            "details",
            "detail",
            "full",
            "full bill",
            "breakup",
            "break up",
            "itemised",
            "itemized",
            "all lines",
            "vivaran",
            "bibarani",
            "bibarana",
            "puraa",
            "ବିବରଣୀ",
            "ବିବରଣ",
            "ସବିଶେଷ",
            "ପୂରା",
            "विवरण",
            "पूरा",
            "पूरा बिल",
            "ब्योरा",
            "ब्यौरा",
        ),
        "units": (
            "change units",
            "units change",
            "change unit",
            "other units",
            "unit badlo",
            "unit badalo",
            "unit badlantu",
            "ୟୁନିଟ ବଦଳାନ୍ତୁ",
            "ୟୁନିଟ ବଦଳାଅ",
            "यूनिट बदलें",
            "यूनिट बदलो",
        ),
        "new": (
            "new",
            "another",
            "another connection",
            "new connection",
            "next",
            "next consumer",
            "naya",
            "dusra",
            "aur ek",
            "nua",
            "aau gote",
            "ନୂଆ",
            "ଆଉ ଗୋଟିଏ",
            "ଅନ୍ୟ ସଂଯୋଗ",
            "नया",
            "दूसरा कनेक्शन",
            "नया कनेक्शन",
        ),
        "explain": (
            "explain",
            "explain a line",
            "why",
            "samjhao",
            "samjhaiye",
            "bujhantu",
            "bujhao",
            "ବୁଝାନ୍ତୁ",
            "ବୁଝାଅ",
            "समझाओ",
            "समझाइए",
        ),
        "tips": (
            "tips",
            "tip",
            "save",
            "saving",
            "savings",
            "how to save",
            "bachat",
            "sujhav",
            "paramarsa",
            "ପରାମର୍ଶ",
            "ସଞ୍ଚୟ",
            "सुझाव",
            "बचत",
        ),
        "rebates": (
            "rebates",
            "rebate",
            "discount",
            "discounts",
            "chhut",
            "chhoot",
            "rihati",
            "ରିହାତି",
            "छूट",
        ),
    }
)

# --- Labels that say what a nearby bare number is ----------------------------------------------
# "units consumed 1,250", "ଲୋଡ୍ ୧", "bill 1200 aaya", "2 हज़ार का बिल". Unit words right after a
# number are read by the scanner (vocabulary.UNIT_WORDS); these are the words around it.
NUMBER_LABELS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "units": (
            "units",
            "unit",
            "units consumed",
            "consumption",
            "reading units",
            "ୟୁନିଟ",
            "ୟୁନିଟ୍",
            "यूनिट",
            "यूनिट्स",
        ),
        "load": (
            "load",
            "sanctioned load",
            "connected load",
            "lod",
            "ଲୋଡ",
            "ଲୋଡ୍",
            "लोड",
            "भार",
        ),
        "bill": (
            "bill",
            "bil",
            "bill amount",
            "ବିଲ",
            "ବିଲ୍",
            "ବିଲର",
            "ବିଲ୍‌ର",
            "बिल",
        ),
    }
)
