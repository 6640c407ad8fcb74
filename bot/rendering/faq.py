"""FAQ answers in the user's language, every figure read from the tariff order in force.

The answers (:mod:`bot.faq_messages`) carry no figure of their own: every figure comes from
:func:`bot.rendering.figures.tariff_figures`, so next year's order changes the answers without a
code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from bot import faq_messages as fm
from bot.i18n.catalogs import Translator
from bot.rendering.figures import first_tod, tariff_figures
from bot.understanding.question_words import FaqTopic
from tariff_core import TariffOrder

__all__ = ["FAQ_MESSAGES", "render_faq"]

#: The message that answers each topic.
FAQ_MESSAGES: Final[Mapping[FaqTopic, str]] = {
    FaqTopic.KUTIR_JYOTI: fm.FAQ_KUTIR_JYOTI,
    FaqTopic.SANCTIONED_LOAD: fm.FAQ_SANCTIONED_LOAD,
    FaqTopic.SMART_METER: fm.FAQ_SMART_METER,
    FaqTopic.METER_READING: fm.FAQ_METER_READING,
    FaqTopic.DUE_DATE: fm.FAQ_DUE_DATE,
    FaqTopic.PAYMENT: fm.FAQ_PAYMENT,
    FaqTopic.REBATES: fm.FAQ_REBATES,
    FaqTopic.REBATE_DIGITAL: fm.FAQ_REBATE_DIGITAL,
    FaqTopic.REBATE_PROMPT: fm.FAQ_REBATE_PROMPT,
    FaqTopic.REBATE_RURAL: fm.FAQ_REBATE_RURAL,
    FaqTopic.REBATE_EBILL: fm.FAQ_REBATE_EBILL,
    FaqTopic.REBATE_PREPAID: fm.FAQ_REBATE_PREPAID,
    FaqTopic.DPS: fm.FAQ_DPS,
    FaqTopic.TOD: fm.FAQ_TOD,
    FaqTopic.HIGH_BILL: fm.FAQ_HIGH_BILL,
    FaqTopic.CONTACT: fm.FAQ_CONTACT,
}


def render_faq(topic: str, t: Translator, order: TariffOrder) -> str:
    """The answer to an FAQ topic (a :class:`FaqTopic` or its id) in the translator's language.

    Raises ``ValueError`` for an unknown topic id: topics come from
    :func:`bot.understanding.match_question`, so an unknown one is a programming error.
    """
    faq = FaqTopic(topic)
    if faq is FaqTopic.TOD and first_tod(order) is None:
        return t.gettext(fm.FAQ_TOD_NONE)
    return t.format(FAQ_MESSAGES[faq], **tariff_figures(order, t))
