"""Media items sent beside a reply: the spoken estimate (OGG/Opus audio) and the estimate card.

* :mod:`bot.media.number_speech` writes numbers and rupee amounts as words of Odia, Hindi or
  English, so that a voice says them in the listener's language;
* :mod:`bot.media.spoken` writes the spoken script of an estimate from catalog messages;
* :mod:`bot.media.speech` turns a script into OGG/Opus bytes with ``espeak-ng`` and ``opusenc``;
* :mod:`bot.media.store` keeps media files by content and hands out expiring, unguessable links;
* :mod:`bot.media.routes` serves ``GET /media/{token}``;
* :mod:`bot.media.delivery` puts these together for a reply: a link at once (a
  :class:`bot.inbound.Media`), the audio made in the background, so synthesis never delays the
  text;
* :mod:`bot.media.card` draws the estimate card (PNG), served by :mod:`bot.media.card_route`.

Errors are :class:`bot.media.errors.MediaError` and its subclasses.
"""
