"""The field agents' console (``/agent``): sign-in, assisted estimates, the day's log.

* :mod:`bot.console.routes` — the pages (:func:`~bot.console.routes.add_console` adds them);
* :mod:`bot.console.accounts` — argon2 passwords and throttled sign-ins;
* :mod:`bot.console.security` — the session cookie, CSRF tokens, capped form reading;
* :mod:`bot.console.forms` — the estimate form, read into a tariff_core bill request;
* :mod:`bot.console.view` — the itemised estimate, the WhatsApp share, the day summary and CSV;
* :mod:`bot.console.store` — accounts, sessions and the day log on the session store's backend;
* :mod:`bot.console.cli` — ``bijuli agents add|reset|disable|list``.

Nothing is imported here, so ``bijuli`` starts without the web stack.
"""
