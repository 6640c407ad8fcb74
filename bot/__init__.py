"""Bijuli's conversation service: input understanding, the guided conversation, channels,
session stores, rendering and the web app. Depends on :mod:`tariff_core`, never the reverse."""
