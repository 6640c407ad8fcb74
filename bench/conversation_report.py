"""How short the conversation is: replies before the estimate, estimate lengths, SMS segments.

Runs the real engine in-process on fixed conversations and prints:

* replies needed for a home estimate (after the first message), over a set of realistic paths in
  Odia, Hindi and English (guided with and without the load, a number first, a long sentence…);
* the WhatsApp estimate summary's length in characters, per language, over every LT category and
  a few unit figures (target: at most 700);
* SMS segments per language: every reply of the guided flow, the whole guided flow, and the quick
  request's estimate (target: at most 2 for an estimate, 1 for a question where the language
  allows).

A report, not a test: it prints figures and exits 0.
Run: ``.venv/bin/python bench/conversation_report.py``
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.conversation import Inbound, Session, State, handle
from bot.i18n.sms import sms_segments
from bot.inbound import Channel

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
MONTH = dt.date(2026, 11, 1)

#: Ways people reach a home estimate; the first message opens the conversation.
HOME_PATHS: dict[str, list[list[str]]] = {
    "or": [
        ["ନମସ୍କାର", "1", "ଜାଣିନି", "୨୫୦"],
        ["ନମସ୍କାର", "1", "2", "250"],
        ["ନମସ୍କାର", "ଘରୋଇ", "2 kW", "ଦୁଇ ଶହ ପଚାଶ ୟୁନିଟ"],
        ["ନମସ୍କାର", "ଘରୋଇ ୨୫୦ ୟୁନିଟ"],
        ["ମୋ ଘର ବିଜୁଳି ବିଲ କେତେ ହେବ? ଏ ମାସ ୨୫୦ ୟୁନିଟ ହେଲା, ଲୋଡ ୨ କିଲୋୱାଟ"],
        ["mora ghara bijuli bill kete heba", "dui sha pachas unit"],
        ["୨୫୦", "ଘର"],
    ],
    "hi": [
        ["नमस्ते", "1", "पता नहीं", "२५०"],
        ["नमस्ते", "घरेलू", "2 किलोवाट", "ढाई सौ यूनिट"],
        ["नमस्ते", "घरेलू 300 यूनिट 2 किलोवाट"],
        ["मेरे घर का बिजली बिल कितना आएगा इस महीने दो सौ पचास यूनिट जले हैं"],
        ["bijli ka bill kitna hoga", "ghar ka", "dhai sau unit"],
        ["250", "घर"],
    ],
    "en": [
        ["hi", "1", "don't know", "250"],
        ["hello", "home", "2 kw", "two hundred and fifty units"],
        ["hi", "domestic 250"],
        ["my house used 250 units this month with a 2 kw load, what will the bill be"],
        ["🙏", "home", "250 units"],
    ],
}
#: The guided flow measured for SMS segments, per language.
GUIDED: dict[str, list[str]] = {
    "or": ["ନମସ୍କାର", "1", "ଜାଣିନି", "୨୫୦"],
    "hi": ["नमस्ते", "1", "पता नहीं", "२५०"],
    "en": ["hello", "1", "don't know", "250"],
}
QUICK: dict[str, list[str]] = {
    "or": ["ଘରୋଇ ୨୫୦ ୟୁନିଟ"],
    "hi": ["घरेलू 250 यूनिट"],
    "en": ["domestic 250 units"],
}
CHOOSE = {"or": "ଓଡ଼ିଆ", "hi": "हिंदी", "en": "English"}
LT_CATEGORIES = ("1.a", "1.b", "2", "3", "4", "5", "6", "7", "8", "9", "10")
CATEGORY_WORDS = {
    "1.a": "kutir jyoti",
    "1.b": "domestic",
    "2": "shop",
    "3": "irrigation",
    "4": "poultry",
    "5": "cold storage",
    "6": "street light",
    "7": "small industry",
    "8": "medium industry",
    "9": "school",
    "10": "water works",
}


def _run(messages: list[str], channel: Channel) -> tuple[list[list[str]], Session | None]:
    session: str | None = None
    replies: list[list[str]] = []
    for message in messages:
        turn = handle(session, Inbound(channel, message), now=NOW, month=MONTH)
        session = turn.session
        replies.append(turn.replies)
    return replies, Session.from_json(session)


def replies_to_estimate() -> None:
    print("Replies needed for a home estimate (user messages after the first, WhatsApp)")
    counts: list[int] = []
    for lang, paths in HOME_PATHS.items():
        for path in paths:
            _replies, session = _run(path, "whatsapp")
            reached = session is not None and session.state is State.ESTIMATE
            needed = len(path) - 1 if reached else -1
            counts.append(needed)
            mark = "" if reached else "   (NO ESTIMATE)"
            print(f"  {lang}  {needed} replies  {' | '.join(path)[:70]}{mark}")
    good = [c for c in counts if c >= 0]
    print(
        f"  median {statistics.median(good)}, max {max(good)}, "
        f"estimates reached {len(good)}/{len(counts)}\n"
    )


def estimate_lengths() -> None:
    print("WhatsApp estimate summary, characters (every LT category × 45, 250, 1,200 units)")
    for lang in ("or", "hi", "en"):
        lengths = []
        for cid in LT_CATEGORIES:
            for units in (45, 250, 1200):
                msg = f"{CATEGORY_WORDS[cid]} {units} units"
                replies, session = _run([CHOOSE[lang], msg], "whatsapp")
                assert session is not None
                if session.state is State.ESTIMATE:
                    lengths.append(len(replies[-1][-1]))
        print(
            f"  {lang}  min {min(lengths)}  median {int(statistics.median(lengths))}  "
            f"max {max(lengths)}  (n={len(lengths)}, target ≤ 700)"
        )
    print()


def sms_segment_counts() -> None:
    print("SMS segments")
    for lang in ("or", "hi", "en"):
        replies, _ = _run(GUIDED[lang], "sms")
        per_reply = [sms_segments(text) for turn in replies for text in turn]
        questions = [sms_segments(text) for turn in replies[1:-1] for text in turn]
        replies_quick, _ = _run([CHOOSE[lang], *QUICK[lang]], "sms")
        quick = sum(sms_segments(text) for text in replies_quick[-1])
        print(
            f"  {lang}  guided flow: {sum(per_reply)} in all {per_reply}; questions after the "
            f"menu {questions}; estimate {per_reply[-1]}; quick request estimate {quick}"
        )


def main() -> int:
    replies_to_estimate()
    estimate_lengths()
    sms_segment_counts()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
