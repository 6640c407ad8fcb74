"""parse_quick(): one-message bill requests."""

from decimal import Decimal

import pytest

from bot.understanding import QuickRequest, parse_quick

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("domestic 250", QuickRequest("1.b", D(250), None, None, "en")),
        ("Domestic 250 units", QuickRequest("1.b", D(250), None, None, "en")),
        ("250 units domestic", QuickRequest("1.b", D(250), None, None, "en")),
        ("gharelu 180 unit 2 kw", QuickRequest("1.b", D(180), D(2), "kw", "hi")),  # Latin Hindi
        ("gharelu 180 unit 2kw", QuickRequest("1.b", D(180), D(2), "kw", "hi")),
        ("ghoroi 120", QuickRequest("1.b", D(120), None, None, "or")),  # Latin Odia
        ("ଘରୋଇ ୨୫୦ ୟୁନିଟ", QuickRequest("1.b", D(250), None, None, "or")),
        ("ଘରୋଇ 250", QuickRequest("1.b", D(250), None, None, "or")),
        ("ଘର 250 units", QuickRequest("1.b", D(250), None, None, "or")),  # words decide
        ("ଘରୋଇ ୨୫୦ ୟୁନିଟ ୨ କିଲୋୱାଟ", QuickRequest("1.b", D(250), D(2), "kw", "or")),
        ("घरेलू 300 यूनिट 2 किलोवाट", QuickRequest("1.b", D(300), D(2), "kw", "hi")),
        ("घरेलू ३००", QuickRequest("1.b", D(300), None, None, "hi")),
        ("shop 180", QuickRequest("2", D(180), None, None, "en")),
        ("dukan 180 unit", QuickRequest("2", D(180), None, None, "hi")),
        ("ଦୋକାନ ୧୮୦", QuickRequest("2", D(180), None, None, "or")),
        ("दुकान 180 यूनिट 5 kva", QuickRequest("2", D(180), D(5), "kva", "hi")),
        ("kutir jyoti 25", QuickRequest("1.a", D(25), None, None, "en")),
        ("କୁଟୀର ଜ୍ୟୋତି ୨୫", QuickRequest("1.a", D(25), None, None, "or")),
        ("irrigation 400", QuickRequest("3", D(400), None, None, "en")),
        ("small industry 1,200 units 15 kva", QuickRequest("7", D(1200), D(15), "kva", "en")),
        ("home 100 5 kva", QuickRequest("1.b", D(100), D(5), "kva", "en")),
        ("domestic 2.5 kw 250", QuickRequest("1.b", D(250), D("2.5"), "kw", "en")),
        ("gharelo 200", QuickRequest("1.b", D(200), None, None, "hi")),  # typo
        ("domestik 200", QuickRequest("1.b", D(200), None, None, "en")),
        ("mo gharelu connection 250 unit", QuickRequest("1.b", D(250), None, None, "or")),
        ("Domestic: 250 units.", QuickRequest("1.b", D(250), None, None, "en")),
        ("domestic 1,23,456", QuickRequest("1.b", D(123456), None, None, "en")),
    ],
)
def test_parse_quick(text: str, expected: QuickRequest) -> None:
    assert parse_quick(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "domestic",  # no units
        "250",  # no category
        "250 units",
        "domestic 2 kw",  # only a load
        "domestic 250 rs",  # an amount, not units: the reverse calculator's job
        "₹250 domestic",
        "ଘରୋଇ ୨୫୦ ଟଙ୍କା",
        "घरेलू 250 रुपये",
        "irrigation 3 hp 400",  # HP loads are not quick requests
        "industry 300",  # ambiguous category
        "shop and home 250",  # two categories
        "domestic 250 300",  # two candidate unit counts
        "domestic 250 units 300 units",
        "domestic 250 2 kw 3 kw",  # two loads
        "domestic 1,2,3",  # malformed number
        "stop 250",
        "bus stop 250",
        "12450 12710",
        "i used 250 units in my shop last month please tell me",  # a sentence
        "👍 250",
        "option 2",
    ],
)
def test_parse_quick_none(text: str) -> None:
    assert parse_quick(text) is None
