"""Every word of the web chat page's own chrome, in English, marked for translation.

The conversation itself is the engine's, in its own messages; these are the page's title,
labels, buttons, notices and errors, in the language the visitor chose for the page.
"""

from __future__ import annotations

from typing import Final

from bot.i18n.markers import _

# TRANSLATORS: Title of the web page where anyone can try the chat in a browser. Bijuli is the
# service's name.
CHAT_TITLE: Final = _("Bijuli web chat")
# TRANSLATORS: Short line under the web chat's title: what the page is for.
CHAT_INTRO: Final = _(
    "Try the Bijuli chat here. Each message goes to the same assistant twice: the answers "
    "as WhatsApp shows them and as SMS sends them are side by side."
)
# TRANSLATORS: Label of the three language buttons of the web chat page.
CHAT_LANGUAGE: Final = _("Language")
# TRANSLATORS: Heading of the column showing the replies as WhatsApp shows them.
COLUMN_WHATSAPP: Final = _("WhatsApp")
# TRANSLATORS: Heading of the column showing the replies as sent by SMS (text message).
COLUMN_SMS: Final = _("SMS")
# TRANSLATORS: Label before the user's own message in the conversation's history.
YOU_WROTE: Final = _("You")
# TRANSLATORS: Under each SMS reply: how many SMS it is sent as and the character encoding.
# {count} is a number; {encoding} is "GSM-7" or "UCS-2" (technical names, keep them as they are).
SMS_SEGMENTS: Final = _("{count} SMS segment(s), {encoding}")
# TRANSLATORS: Shown in a column when the assistant sent no reply to a message (after STOP).
NO_REPLY: Final = _("No reply: after STOP the assistant stays silent until START.")
# TRANSLATORS: Label of the text box where the visitor types a message to the assistant.
MESSAGE_FIELD: Final = _("Your message")
# TRANSLATORS: Button: send the typed message.
SEND: Final = _("Send")
# TRANSLATORS: Heading before the buttons that send one of the options the assistant offered.
QUICK_REPLIES: Final = _("Or tap an option")
# TRANSLATORS: Button: throw this chat away and begin a new one.
START_AGAIN: Final = _("Start again")
# TRANSLATORS: A hint under the message box. Keep the words in quotes as words the assistant
# understands in this language (STOP, START, delete my data).
CHAT_COMMANDS: Final = _(
    'Send "STOP" to silence the assistant and "START" to resume; "delete my data" erases this chat.'
)
# TRANSLATORS: Link under a reply that came with an attachment (a voice note or a picture).
ATTACHMENT: Final = _("Open the attachment")
# TRANSLATORS: Shown when the chat is empty, before the first message.
EMPTY_CHAT: Final = _('Write "hello", or choose a language above, to begin.')
# TRANSLATORS: Error: the visitor pressed Send with an empty message box.
EMPTY_MESSAGE: Final = _("Please type a message before sending.")
# TRANSLATORS: Error: the typed message is too long. {limit} is a number of characters.
MESSAGE_TOO_LONG: Final = _(
    "This message is too long. Please send at most {limit} characters at a time."
)
# TRANSLATORS: Error: a form was sent without its security token (an old or copied page, or
# cookies are switched off).
CHAT_FORM_EXPIRED: Final = _(
    "This page has expired. Please open it again and send your message once more. The chat "
    "needs cookies switched on."
)
# TRANSLATORS: Notice after "delete my data": both conversations and the page's history of
# them were erased.
CHAT_DELETED: Final = _(
    "Your data was deleted: both conversations and their history are erased. Send any "
    "message to begin again."
)
# TRANSLATORS: Notice after "Start again": the old chat was thrown away.
CHAT_RESTARTED: Final = _("A new chat has begun.")
# TRANSLATORS: Error: the service could not keep the conversation (its storage is down).
CHAT_UNAVAILABLE: Final = _(
    "The chat is not available right now. Please try again in a few minutes."
)
# TRANSLATORS: Note at the bottom of the page: the answers are estimates, and how long the
# chat is kept. {hours} is a number.
CHAT_FOOTER: Final = _(
    "Estimates only, not your bill. The chat is forgotten after {hours} hours without a message."
)
