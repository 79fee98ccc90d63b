"""What an update asks for, read once: the gate judges it and the matching feature serves it.

However it is typed or sent — `/sql`, `／ｓｑｌ`, `/SQL@bot`, `@bot /sql` in a group or in
inline mode, or a button — the same request comes out, so no path can reach a feature the
gate did not judge it for. Edits, channel posts and chatter not meant for the bot are IGNORED.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType

from knowledge.reading.normalize import clean
from services.buttons import ButtonBook

# Button kinds (services.buttons): a question to ask, the SQL behind an answer.
QUESTION_BUTTON = "q"
EVIDENCE_BUTTON = "e"

_COMMAND = re.compile(r"\s*(\S+)(?:\s+(.*))?", re.DOTALL)


class Kind(enum.Enum):
    QUESTION = "question"
    # A bot command other than /sql and /schema; its name is Request.command.
    COMMAND = "command"
    SQL = "sql"
    SCHEMA = "schema"
    EVIDENCE = "evidence"
    # A sticker, photo, voice note… in a private chat.
    NOT_TEXT = "not_text"
    # A tap on callback data the bot did not offer, or no longer knows.
    STALE_BUTTON = "stale_button"
    IGNORED = "ignored"


class Via(enum.Enum):
    MESSAGE = "message"
    BUTTON = "button"
    INLINE = "inline"


@dataclass(frozen=True)
class Request:
    """One update's request: the question, the SQL, or a command with its argument."""

    kind: Kind
    via: Via = Via.MESSAGE
    # The question, the SQL, the command's argument, or the evidence button's payload.
    text: str = ""
    # For Kind.COMMAND: the command's name, "" for a command meant for another bot.
    command: str | None = None

    @property
    def route(self) -> str:
        """The key a feature registers for: `/chart` for a command, `inline:question` for an
        inline query, else the kind."""
        if self.via is Via.INLINE:
            return f"inline:{self.kind.value}"
        return f"/{self.command}" if self.kind is Kind.COMMAND else self.kind.value


IGNORED = Request(Kind.IGNORED)


def read_command(text: str, username: str) -> tuple[str, str] | None:
    """(name, argument) when `text` is a command however it was typed, else None.

    The name is judged on the cleaned head (NFKC: fullwidth slashes and letters, invisible
    characters gone), lower case; `/sql@otherbot` gives the name "". The argument is kept
    as typed, since spaces and symbols inside SQL strings matter.
    """
    found = _COMMAND.fullmatch(text)
    if found is None:
        return None
    head = unicodedata.normalize("NFKC", clean(found.group(1))).lower()
    if not head.startswith("/") or len(head) == 1:
        return None
    name, _, addressee = head[1:].partition("@")
    if addressee and addressee != username.lower():
        name = ""
    return name, (found.group(2) or "").strip()


def without_mention(text: str, username: str) -> str:
    """The text with `@bot` taken out, wherever it was typed."""
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()


def addressed_to_bot(message: Message) -> bool:
    """A message that mentions the bot or replies to one of its messages."""
    bot = message.get_bot()
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == bot.id:
        return True
    mentions = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    for entity, text in mentions.items():
        if entity.type == MessageEntity.MENTION and text[1:].lower() == bot.username.lower():
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user.id == bot.id:
            return True
    return False


def read_text(text: str, username: str, via: Via) -> Request:
    """A typed (or button, or inline) text: a command of some kind, or a question."""
    unmentioned = without_mention(text, username)
    command = read_command(unmentioned, username)
    if command is None:
        return Request(Kind.QUESTION, via, unmentioned)
    name, argument = command
    if name in (Kind.SQL.value, Kind.SCHEMA.value):
        return Request(Kind(name), via, argument)
    if via is Via.INLINE:
        # Inline mode has no commands: the engine answers the text (help for /start …).
        return Request(Kind.QUESTION, via, unmentioned)
    return Request(Kind.COMMAND, via, argument, command=name)


def read_request(update: Update, username: str, buttons: ButtonBook) -> Request:
    """What `update` asks for; IGNORED for whatever the bot does not answer."""
    if update.inline_query is not None:
        return read_text(update.inline_query.query, username, Via.INLINE)
    if update.callback_query is not None:
        return _read_button(update, username, buttons)
    message = update.message
    if message is None:
        # Edits, channel posts, membership changes, polls…: never answered.
        return IGNORED
    private = message.chat.type == ChatType.PRIVATE
    if message.text is None:
        plain = not (message.new_chat_members or message.left_chat_member)
        return Request(Kind.NOT_TEXT) if private and plain and message.from_user else IGNORED
    request = read_text(message.text, username, Via.MESSAGE)
    if private or addressed_to_bot(message):
        return request
    # In a group: chatter, and commands for other bots, are not ours to answer.
    if request.kind is Kind.QUESTION or (request.kind is Kind.COMMAND and not request.command):
        return IGNORED
    return request


def _read_button(update: Update, username: str, buttons: ButtonBook) -> Request:
    query = update.callback_query
    button = buttons.read(query.data or "")
    if button is None or query.message is None:
        return Request(Kind.STALE_BUTTON, Via.BUTTON)
    if button.kind == EVIDENCE_BUTTON and button.payload is not None:
        return Request(Kind.EVIDENCE, Via.BUTTON, button.payload)
    if button.kind != QUESTION_BUTTON:
        return Request(Kind.STALE_BUTTON, Via.BUTTON)
    # A long question's key is forgotten on restart; the label we put on it is the next best.
    question = button.payload if button.payload is not None else _tapped_label(query)
    if question is None:
        return Request(Kind.STALE_BUTTON, Via.BUTTON)
    return read_text(question, username, Via.BUTTON)


def _tapped_label(query) -> str | None:
    """The label of the tapped button, read back from Telegram's copy of our message."""
    if not isinstance(query.message, Message) or not query.message.reply_markup:
        return None
    for row in query.message.reply_markup.inline_keyboard:
        for button in row:
            if button.callback_data == query.data:
                return button.text
    return None
