"""Number words per language, as plain data for :mod:`bot.understanding.number_words`.

Nothing here is code that runs per message: the parser builds one lookup table
from these mappings at import and checks that no spelling means two numbers.

How the data is written
-----------------------
* Keys are values (``int`` or ``Decimal``), values are space-separated
  spellings (one string per entry keeps 100 rows readable). A spelling is one
  word: the parser reads phrases word by word.
* Odia and Devanagari spellings are compared after :func:`bot.understanding.text.fold`
  (nukta, chandrabindu vs anusvara, long vs short i/u, ୟ vs ଯ are ignored), so
  "हज़ार" and "हजार", "पाँच" and "पांच", "କୋଡ଼ିଏ" and "କୋଡିଏ" need one entry.
  Common misspellings that fold does not cover are listed explicitly.
* Latin spellings are compared exactly (after casefolding): folding Latin
  would merge Hindi "teen" (3) with English "ten" (10). Every spelling people
  really type is therefore listed, including doubled vowels ("paanch").
* Hindi and Odia numbers from 1 to 99 are irregular and are all listed; English
  11–19 and the tens are listed and the parser joins "twenty" + "five".

Weak and bound words
--------------------
Short Latin words are everyday words in one of our three languages ("do" =
give, "char", "sat", "teen", "tera" = your, "saath" = with). The parser counts
a *weak* word only when it is part of a longer number phrase ("do sau"),
directly before a unit word ("do unit", "ek kw") or after a rupee mark, or
when the whole message is number words ("do"). A *bound* word ("na": Odia 9,
but Hindi/Odia "no") counts only inside a phrase with a multiplier ("na sha" =
900). Every other listed word is *strong* and may stand alone ("pachas",
"fifty", "ପଚାଶ", "पचास").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

# --- Odia script, 0-99 --------------------------------------------------------
ODIA_NUMBERS: Final[dict[int, str]] = {
    0: "ଶୂନ ଶୂନ୍ୟ",
    1: "ଏକ",
    2: "ଦୁଇ ଦୁଈ",
    3: "ତିନି ତିନ",
    4: "ଚାରି",
    5: "ପାଞ୍ଚ ପାଂଚ",
    6: "ଛଅ ଛ",
    7: "ସାତ",
    8: "ଆଠ",
    9: "ନଅ",
    10: "ଦଶ",
    11: "ଏଗାର ଏଗାରହ",
    12: "ବାର",
    13: "ତେର",
    14: "ଚଉଦ ଚଉଦହ",
    15: "ପନ୍ଦର ପନ୍ଦରହ",
    16: "ଷୋହଳ ଷୋଳ ଷୋଳହ",
    17: "ସତର ସତରହ",
    18: "ଅଠର ଅଠରହ",
    19: "ଊଣେଇଶ ଉଣେଇଶି ଉଣେଇଶ",
    20: "କୋଡ଼ିଏ କୋଡ଼ି",
    21: "ଏକୋଇଶ ଏକୋଇଶି",
    22: "ବାଇଶ ବାଇଶି",
    23: "ତେଇଶ ତେଇଶି",
    24: "ଚବିଶ ଚବିଶି ଚଉବିଶ",
    25: "ପଚିଶ ପଚିଶି",
    26: "ଛବିଶ ଛବିଶି",
    27: "ସତାଇଶ ସତେଇଶ",
    28: "ଅଠାଇଶ ଅଠେଇଶ",
    29: "ଅଣତିରିଶ ଅଣତ୍ରିଶ",
    30: "ତିରିଶ ତିରିଶି ତ୍ରିଶ",
    31: "ଏକତିରିଶ ଏକତ୍ରିଶ",
    32: "ବତିଶ ବତିଶି",
    33: "ତେତିଶ ତେତ୍ରିଶ",
    34: "ଚଉତିରିଶ ଚଉତ୍ରିଶ ଚୌତ୍ରିଶ",
    35: "ପଞ୍ଚତିରିଶ ପଇଁତିରିଶ ପଞ୍ଚତ୍ରିଶ",
    36: "ଛତିଶ ଛତିଶି",
    37: "ସଇଁତିରିଶ ସଇଁତ୍ରିଶ ସତତିରିଶ",
    38: "ଅଠତିରିଶ ଅଠତ୍ରିଶ",
    39: "ଅଣଚାଳିଶ ଅଣଚାଲିଶ",
    40: "ଚାଳିଶ ଚାଲିଶ",
    41: "ଏକଚାଳିଶ ଏକଚାଲିଶ",
    42: "ବୟାଳିଶ ବୟାଲିଶ",
    43: "ତେୟାଳିଶ ତେୟାଲିଶ",
    44: "ଚଉରାଳିଶ ଚଉରାଲିଶ",
    45: "ପଞ୍ଚଚାଳିଶ ପଇଁଚାଳିଶ ପଞ୍ଚଚାଲିଶ",
    46: "ଛୟାଳିଶ ଛୟାଲିଶ",
    47: "ସତଚାଳିଶ ସତଚାଲିଶ",
    48: "ଅଠଚାଳିଶ ଅଠଚାଲିଶ",
    49: "ଅଣଚାଶ",
    50: "ପଚାଶ",
    51: "ଏକାବନ",
    52: "ବାଉନ",
    53: "ତେପନ",
    54: "ଚଉବନ",
    55: "ପଞ୍ଚାବନ ପଚାବନ",
    56: "ଛପନ",
    57: "ସତାବନ",
    58: "ଅଠାବନ",
    59: "ଅଣଷଠି",
    60: "ଷାଠିଏ ଷାଠି",
    61: "ଏକଷଠି",
    62: "ବାଷଠି",
    63: "ତେଷଠି",
    64: "ଚଉଷଠି",
    65: "ପଞ୍ଚଷଠି ପଇଁଷଠି",
    66: "ଛଅଷଠି ଛଷଠି",
    67: "ସତଷଠି",
    68: "ଅଠଷଠି",
    69: "ଅଣସ୍ତରି ଅଣସ୍ତରୀ",
    70: "ସତୁରି ସତୁରୀ ସତୂରି",
    71: "ଏକସ୍ତରି",
    72: "ବାସ୍ତରି",
    73: "ତେସ୍ତରି",
    74: "ଚଉସ୍ତରି",
    75: "ପଞ୍ଚସ୍ତରି ପଞ୍ଚସ୍ତରୀ",
    76: "ଛଅସ୍ତରି ଛସ୍ତରି",
    77: "ସତସ୍ତରି",
    78: "ଅଠସ୍ତରି",
    79: "ଅଣାଅଶୀ ଅଣାଶୀ",
    80: "ଅଶୀ",
    81: "ଏକାଅଶୀ ଏକାଶୀ",
    82: "ବୟାଅଶୀ ବୟାଶୀ",
    83: "ତେୟାଅଶୀ ତେୟାଶୀ",
    84: "ଚଉରାଅଶୀ ଚଉରାଶୀ",
    85: "ପଞ୍ଚାଅଶୀ ପଞ୍ଚାଶୀ",
    86: "ଛୟାଅଶୀ ଛୟାଶୀ",
    87: "ସତାଅଶୀ ସତାଶୀ",
    88: "ଅଠାଅଶୀ ଅଠାଶୀ",
    89: "ଅଣାନବେ",
    90: "ନବେ",
    91: "ଏକାନବେ",
    92: "ବୟାନବେ",
    93: "ତେୟାନବେ",
    94: "ଚଉରାନବେ",
    95: "ପଞ୍ଚାନବେ",
    96: "ଛୟାନବେ",
    97: "ସତାନବେ",
    98: "ଅଠାନବେ",
    99: "ଅନେଶତ ଅନେଶ୍ୱତ",
}

# --- Hindi in Devanagari, 0-99 --------------------------------------------------
HINDI_NUMBERS: Final[dict[int, str]] = {
    0: "शून्य",
    1: "एक",
    2: "दो",
    3: "तीन",
    4: "चार",
    5: "पाँच",
    6: "छह छः छ छै",
    7: "सात",
    8: "आठ",
    9: "नौ",
    10: "दस",
    11: "ग्यारह",
    12: "बारह",
    13: "तेरह",
    14: "चौदह",
    15: "पंद्रह पन्द्रह",
    16: "सोलह",
    17: "सत्रह",
    18: "अठारह अट्ठारह",
    19: "उन्नीस",
    20: "बीस",
    21: "इक्कीस",
    22: "बाईस",
    23: "तेईस",
    24: "चौबीस",
    25: "पच्चीस",
    26: "छब्बीस",
    27: "सत्ताईस सत्ताइस",
    28: "अट्ठाईस अठाईस",
    29: "उनतीस उन्तीस",
    30: "तीस",
    31: "इकतीस इकत्तीस",
    32: "बत्तीस",
    33: "तैंतीस तेंतीस",
    34: "चौंतीस",
    35: "पैंतीस",
    36: "छत्तीस",
    37: "सैंतीस",
    38: "अड़तीस",
    39: "उनतालीस उन्तालीस",
    40: "चालीस",
    41: "इकतालीस",
    42: "बयालीस",
    43: "तैंतालीस तिरालीस",
    44: "चौवालीस चवालीस चौंतालीस",
    45: "पैंतालीस",
    46: "छियालीस",
    47: "सैंतालीस",
    48: "अड़तालीस",
    49: "उनचास",
    50: "पचास",
    51: "इक्यावन",
    52: "बावन",
    53: "तिरेपन तिरपन",
    54: "चौवन चौव्वन",
    55: "पचपन",
    56: "छप्पन",
    57: "सत्तावन",
    58: "अट्ठावन अठावन",
    59: "उनसठ",
    60: "साठ",
    61: "इकसठ",
    62: "बासठ",
    63: "तिरेसठ तिरसठ",
    64: "चौंसठ",
    65: "पैंसठ",
    66: "छियासठ छयासठ छाछठ",
    67: "सड़सठ सरसठ",
    68: "अड़सठ",
    69: "उनहत्तर",
    70: "सत्तर",
    71: "इकहत्तर",
    72: "बहत्तर",
    73: "तिहत्तर",
    74: "चौहत्तर",
    75: "पचहत्तर",
    76: "छिहत्तर",
    77: "सतहत्तर",
    78: "अठहत्तर",
    79: "उन्यासी उनासी",
    80: "अस्सी",
    81: "इक्यासी",
    82: "बयासी",
    83: "तिरासी",
    84: "चौरासी",
    85: "पचासी",
    86: "छियासी",
    87: "सत्तासी सतासी",
    88: "अट्ठासी अठासी",
    89: "नवासी नव्वासी",
    90: "नब्बे",
    91: "इक्यानवे इक्यानबे",
    92: "बानवे बानबे",
    93: "तिरानवे तिरानबे",
    94: "चौरानवे चौरानबे",
    95: "पचानवे पंचानवे पचानबे",
    96: "छियानवे छियानबे",
    97: "सत्तानवे सत्तानबे",
    98: "अट्ठानवे अठानवे अट्ठानबे",
    99: "निन्यानवे निन्यानबे",
}

# --- English, 0-19 and the tens (the parser joins "twenty" + "five") ----------
ENGLISH_ONES: Final[dict[int, str]] = {
    0: "zero",
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
}
ENGLISH_TENS: Final[dict[int, str]] = {
    20: "twenty",
    30: "thirty",
    40: "forty fourty",
    50: "fifty",
    60: "sixty",
    70: "seventy",
    80: "eighty",
    90: "ninety",
}

# --- Hindi typed in Latin letters, 1-99 -----------------------------------------
HINDI_LATIN_NUMBERS: Final[dict[int, str]] = {
    0: "shunya sunya",
    1: "ek ekk",
    2: "do",
    3: "teen tin",
    4: "char chaar",
    5: "panch paanch paach panc",
    6: "chhe chhah chah che chhai chhey chheh",
    7: "saat sat",
    8: "aath aat ath",
    9: "nau",
    10: "das dus",
    11: "gyarah gyara gyaarah gyaraa",
    12: "barah baarah baara",
    13: "terah tehra",
    14: "chaudah chauda chodah chouda choudah",
    15: "pandrah pandra pundrah",
    16: "solah sola",
    17: "satrah satra",
    18: "atharah athara attharah athaarah",
    19: "unnis unees unis",
    20: "bees bis",
    21: "ikkis ikkees ekkis",
    22: "bais baees baaees baais",
    23: "teis teyis teees",
    24: "chaubis chaubees chobis choubis",
    25: "pachis pachchis pachees pacchis pachhis",
    26: "chhabbis chabbis chhabees chabis",
    27: "sattais sattaees satais sataees",
    28: "atthais athais atthaees athaees",
    29: "untis untees",
    30: "tees tis",
    31: "iktis iktees ikattis",
    32: "battis batees battees",
    33: "taintis tentis taitis taintees",
    34: "chauntis chontis chautis chauntees",
    35: "paintis pentis paitis paintees",
    36: "chhattis chattis chhatees chhattees",
    37: "saintis sentis saitis saintees",
    38: "adtis artis adtees artees",
    39: "untalis untaalis untalees",
    40: "chalis chaalis chalees chaalees",
    41: "iktalis iktaalis iktalees",
    42: "bayalis byalis bayaalis bayalees",
    43: "taintalis tentalis taintaalis tiralis",
    44: "chauwalis chawalis chaualis chauntalis chavalis",
    45: "paintalis pentalis paintaalis paintalees",
    46: "chhiyalis chiyalis chhiyaalis chhiyalees",
    47: "saintalis sentalis saintaalis saintalees",
    48: "adtalis artalis adtaalis adtalees",
    49: "unchas unchaas",
    50: "pachas pachaas pachaass pachass",
    51: "ikyavan ikyawan ekyavan ikyaavan",
    52: "bavan bawan baavan baawan",
    53: "tirpan tirepan tirepann",
    54: "chauvan chauwan chouvan chauvann",
    55: "pachpan pachapan",
    56: "chhappan chappan chhapan",
    57: "sattavan sattawan sattaavan",
    58: "atthavan atthawan athavan athawan",
    59: "unsath unsadh",
    60: "saath sath saadh",
    61: "iksath iksadh",
    62: "basath baasath",
    63: "tirsath tiresath",
    64: "chaunsath chausath chonsath",
    65: "painsath pensath",
    66: "chhiyasath chiyasath chhachhath",
    67: "sadsath sarsath",
    68: "adsath arsath",
    69: "unhattar unhatar",
    70: "sattar satar",
    71: "ikhattar ikahattar ikhatar",
    72: "bahattar bahatar",
    73: "tihattar tihatar",
    74: "chauhattar chohattar chauhatar",
    75: "pachhattar pachattar pachahattar pachhatar",
    76: "chhihattar chihattar chhihatar",
    77: "sathattar satahattar sathatar",
    78: "athhattar athattar athahattar",
    79: "unasi unnasi unyasi",
    80: "assi assee",
    81: "ikyasi ekyasi ikyaasi",
    82: "bayasi byasi bayaasi",
    83: "tirasi tiraasi",
    84: "chaurasi chourasi chaurasee",
    85: "pachasi pachaasi",
    86: "chhiyasi chiyasi chhiyaasi",
    87: "sattasi sattaasi",
    88: "athasi atthasi athaasi",
    89: "navasi nawasi navaasi",
    90: "nabbe nabbey navve",
    91: "ikyanve ikyanave ikyanbe",
    92: "banve baanve baanave banbe",
    93: "tiranve tiraanve tiranave",
    94: "chauranve chouranve chauranave",
    95: "pachanve pachaanve panchanve pachanave",
    96: "chhiyanve chiyanve chhiyaanve",
    97: "sattanve sattaanve sattanave",
    98: "atthanve athanve atthaanve",
    99: "ninyanve ninyaanve ninnyanve ninyanave",
}

# --- Odia typed in Latin letters, 1-99 ------------------------------------------
ODIA_LATIN_NUMBERS: Final[dict[int, str]] = {
    0: "sunya shunya suna",
    1: "eka",
    2: "dui duee",
    3: "tini",
    4: "chari chaari",
    5: "pancha paancha pacha",
    6: "chha chhaa chaa",
    7: "sata saata",
    8: "atha aatha",
    9: "na naa",
    10: "dasa dash dasha",
    11: "egara egaara egarah",
    12: "bara baara",
    13: "tera",
    14: "chauda chaudaa",
    15: "pandara pandhara",
    16: "sohala sohla shohala",
    17: "satara",
    18: "athara",
    19: "unei uneisa uneis unaisa",
    20: "kodie kodiye kodi",
    21: "ekoisa ekoisha ekois",
    22: "baisa baisha",
    23: "teisa teisha",
    24: "chabisa chabisha chaubisa",
    25: "pachisa pachisha",
    26: "chhabisa chhabisha",
    27: "sataisa sataisha sateisa",
    28: "athaisa athaisha atheisa",
    29: "anatirisa anatirisha",
    30: "tirisa tirisha tiris",
    31: "ekatirisa ekatirisha",
    32: "batisa batisha",
    33: "tetisa tetisha",
    34: "chautirisa chautirisha",
    35: "panchatirisa painitirisa paitirisa",
    36: "chhatisa chhatisha chatisa",
    37: "saitirisa satatirisa",
    38: "athatirisa athatirisha",
    39: "anachalisa anachalisha",
    40: "chalisa chalisha chaalisa",
    41: "ekachalisa ekachalisha",
    42: "bayalisa bayalisha",
    43: "teyalisa teyalisha",
    44: "chauralisa chauralisha",
    45: "panchachalisa paichalisa",
    46: "chhayalisa chhayalisha",
    47: "satachalisa satachalisha",
    48: "athachalisa athachalisha",
    49: "anachasa anachasha",
    50: "pachasa pachasha pachaas",
    51: "ekabana ekaabana",
    52: "bauna baauna",
    53: "tepana",
    54: "chaubana",
    55: "panchabana pachabana",
    56: "chhapana",
    57: "satabana",
    58: "athabana",
    59: "anasathi anashathi",
    60: "sathie shathie sathiye saathie",
    61: "ekasathi ekashathi",
    62: "basathi bashathi",
    63: "tesathi teshathi",
    64: "chausathi chaushathi",
    65: "panchasathi paisathi",
    66: "chhasathi chhashathi",
    67: "satasathi satashathi",
    68: "athasathi athashathi",
    69: "anasatari anastari",
    70: "sattari saturi sattori satturi",
    71: "ekastari ekasatari",
    72: "bastari basatari",
    73: "testari tesatari",
    74: "chaustari chausatari",
    75: "panchastari panchasatari",
    76: "chhastari chhasatari",
    77: "satastari satasatari",
    78: "athastari athasatari",
    79: "anaasi anasi",
    80: "asi ashi",
    81: "ekaasi ekasi",
    82: "bayaasi bayasi",
    83: "teyaasi teyasi",
    84: "chauraasi chaurashi",
    85: "panchaasi panchasi",
    86: "chhayaasi chhayasi",
    87: "sataasi",
    88: "athaasi",
    89: "anaanabe ananabe",
    90: "nabe nabbe",
    91: "ekanabe",
    92: "bayanabe",
    93: "teyanabe",
    94: "chauranabe",
    95: "panchanabe",
    96: "chhayanabe",
    97: "satanabe",
    98: "athanabe",
    99: "anesata anesatha",
}

# --- Multipliers ------------------------------------------------------------------
#: Words that multiply the number before them. With no number before them they
#: mean one of it ("hundred units", "hazaar") but only as weak words.
MULTIPLIERS: Final[dict[int, str]] = {
    100: (
        "ଶହ ଶହେ "  # Odia; ଶହେ is also "one hundred" on its own (below)
        "सौ "  # Hindi
        "hundred hundreds "  # English
        "sau "  # Hindi typed in Latin
        "sha shaha sahe saha shahe sah shah sehe sahu shahu"  # Odia typed in Latin
    ),
    1000: (
        "ହଜାର ହଜାରେ "
        "हज़ार हजार "
        "thousand thousands "
        "hazaar hazar hajar hajaar hazzar hajjar hazaaar "
        "hajare hazare"
    ),
    100_000: ("ଲକ୍ଷ ଲକ୍ଷେ ଲାଖ लाख lakh lakhs lac lacs laakh lakhe laksha"),
    1_000_000: "million millions",
    10_000_000: "କୋଟି करोड़ करोड crore crores karod karor koti",
}

#: Multiplier spellings that mean "one <multiplier>" by themselves and may
#: stand alone as strong words: Odia ଶହେ, ହଜାରେ, ଲକ୍ଷେ ("a hundred") and
#: their Latin spellings.
ONE_MULTIPLIERS: Final[str] = "ଶହେ ହଜାରେ ଲକ୍ଷେ sahe shahe sehe hajare hazare lakhe"

#: Multipliers that count only right after digits ("2.5k", "2 k"): a lone "k"
#: is a letter, not a thousand.
DIGIT_MULTIPLIERS: Final[dict[int, str]] = {1000: "k"}

# --- Fractions before a multiplier -------------------------------------------------
#: Added to the number that follows: "sade teen sau" = (3 + 1/2) × 100 = 350,
#: "sawa do sau" = 225, "paune teen sau" = 275. Directly before a multiplier
#: they apply to one: "sawa sau" = 125, "paune sau" = 75.
FRACTION_MODIFIERS: Final[dict[Decimal, str]] = {
    Decimal("0.25"): "सवा ସୱା ସଓା ସବା sawa sava swa sawaa sowa",
    Decimal("0.5"): "साढ़े साढे साड़े ସାଢ଼େ ସାଢେ ସାଡ଼େ sade saade sadhe saadhe sarhe",
    Decimal("-0.25"): "पौने पौन ପାଉଣେ ପାଉଣ ପଉଣେ paune pone paun poune",
}
#: Fractional numbers in their own right: "dedh sau" = 150, "dhai hazaar" =
#: 2500, "dedh kw" = 1.5 kW. Weak on their own, like small numbers.
FRACTION_NUMBERS: Final[dict[Decimal, str]] = {
    Decimal("1.5"): "डेढ़ डेढ ଦେଢ଼ ଦେଢ ଦେଡ଼ dedh dedha deda derh dedhh",
    Decimal("2.5"): "ढाई अढ़ाई ଅଢ଼େଇ ଅଢେଇ ଅଡ଼େଇ adhei adhai adhaai dhai dhaai dhaee arhai arhaai",
}

# --- Words that join parts of one number -------------------------------------------
#: "two hundred and fifty", "do sau aur pachas", "ଦୁଇ ଶହ ଓ ପଚାଶ".
CONNECTORS: Final[str] = "and & aur और ଓ"
#: English articles that stand for one before a multiplier: "a hundred".
ARTICLES: Final[str] = "a an"
#: A decimal point between number words: "three point five kw" = 3.5 kW.
#: Each word after it is one digit 0-9 ("two point two five" = 2.25).
DECIMAL_POINTS: Final[str] = "point"

# --- Strength ------------------------------------------------------------------------
#: Number words that are also common words, or so short that they are typed
#: by accident; see the module docstring for where they still count. Every
#: Latin word for 0-10 is here, plus the longer Latin homographs.
WEAK_WORDS: Final[str] = (
    # English
    "zero one two three four five six seven eight nine ten "
    # Hindi in Latin letters, 0-10, and longer homographs
    "shunya sunya ek ekk do teen tin char chaar panch paanch paach panc "
    "chhe chhah chah che chhai chhey chheh saat sat aath aat ath nau das dus "
    "bees bis tees tis sola bara baara saath sath saadh tera satar "
    # Odia in Latin letters, 0-10, and homographs
    "suna eka dui duee tini chari chaari pancha paancha pacha chha chhaa chaa "
    "sata saata atha aatha dasa dash dasha asi ashi chauda "
    # Native-script articles and verbs that are also numbers: एक/ଏକ = "a", दो = "give"
    "एक दो ଏକ "
    # Fraction numbers alone ("dedh" alone is 1.5 only with a unit or alone)
    "dedh dedha deda derh dedhh dhai dhaai dhaee adhai adhaai adhei arhai arhaai"
)
#: Words that count only inside a phrase with a multiplier: Odia "na" (9) is
#: also "no"/"not" in Odia and Hindi.
BOUND_WORDS: Final[str] = "na naa"
