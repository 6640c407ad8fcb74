"""Channel adapters: each turns a provider's webhook into an :class:`~bot.conversation.Inbound`
and the engine's replies into the provider's answer format.

* :mod:`bot.channels.twilio` — Twilio's WhatsApp and SMS webhooks (form in, TwiML out).
"""
