"""The files a conversation asks for: the engine marks a reply's media *pending* (it does no
I/O); :class:`ConversationMedia` turns that into a link before the reply leaves or is recorded.

A spoken estimate and an estimate card are both made from the session's estimate as its
summary shows it (the same best saving), in the user's language. The link is handed out at
once and the file is made in the background (:class:`~bot.media.delivery.MediaService`), so
the text reply is never delayed; the link works at once (the file is made on request if the
background has not finished).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Final

from bot.i18n.catalogs import Translator, parse_language
from bot.inbound import CARD_PENDING, SPEECH_PENDING, Media
from bot.media.card import PNG_MEDIA_TYPE, render_card
from bot.media.delivery import MediaService
from bot.media.errors import MediaError
from bot.media.store import content_key
from tariff_core import BillEstimate

__all__ = ["CARD", "ConversationMedia", "card_content", "render_card_recipe"]

#: The kind of an estimate card in a recipe.
CARD: Final = "card"
#: Changes whenever the card's drawing changes, so that cached cards are made again.
CARD_VERSION: Final = "1"

_log = logging.getLogger(__name__)


def render_card_recipe(recipe: Mapping[str, str]) -> bytes:
    """The PNG of a card recipe."""
    est = BillEstimate.model_validate_json(recipe["estimate"])
    return render_card(est, parse_language(recipe["language"]), saving=recipe.get("saving") or None)


def card_content(
    est: BillEstimate, language: str, saving: str | None
) -> tuple[str, dict[str, str]]:
    """The content key and recipe of ``est``'s card in ``language``."""
    estimate_json = est.model_dump_json()
    recipe = {"kind": CARD, "language": language, "estimate": estimate_json, "saving": saving or ""}
    return content_key(CARD, CARD_VERSION, language, estimate_json, saving or ""), recipe


class ConversationMedia:
    """Makes the links for a turn's pending media (the pipeline calls it inside the turn)."""

    def __init__(
        self,
        service: MediaService,
        *,
        clock: Callable[[], dt.datetime],
        month: dt.date | None,
    ) -> None:
        """Links from ``service``; the estimate as of ``clock()`` (``month`` pins it)."""
        self.service = service
        self.clock = clock
        self.month = month
        if CARD not in service.renderers:
            service.renderers = {**service.renderers, CARD: render_card_recipe}

    def __call__(self, pending: Media, session: str | None, user_key: str) -> Media | None:
        """The link for ``pending`` (a spoken estimate or a card of the session's estimate);
        None when there is no estimate or the link cannot be made (the text still goes)."""
        from bot.conversation.engine import estimate_at_a_glance

        glance = estimate_at_a_glance(session, now=self.clock(), month=self.month)
        if glance is None:
            return None
        est, saving, language = glance
        try:
            if pending == SPEECH_PENDING:
                return self.service.spoken_estimate(
                    est, Translator.load(language), user_key, saving=saving
                )
            if pending == CARD_PENDING:
                key, recipe = card_content(est, language, saving)
                return self.service.media(key, PNG_MEDIA_TYPE, recipe, user_key)
        except (MediaError, OSError) as exc:
            _log.warning("could not link a %s: %s", pending.content_type, exc)
        return None
