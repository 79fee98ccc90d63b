"""Telegram handlers, one module per feature; `register_all` wires them in a fixed order."""

from telegram import BotCommand
from telegram.ext import Application

from handlers import (
    buttons,
    charts,
    errors,
    evidence,
    export,
    fallbacks,
    inline,
    questions,
    sql,
    start,
    subscriptions,
)
from handlers import help as help_

# All handlers sit in group 0, where the first match wins, in this order. Add a feature
# here with one line. Its commands and its own callback-data prefix never clash with
# `questions` (text that is not a command) or `buttons` (prefixes "q:" and "k:").
# `fallbacks` always comes last: it takes every button, command and message nobody else took.
FEATURES = (start, help_, subscriptions, sql, charts, export, questions, buttons, evidence, inline)


def register_all(app: Application) -> None:
    """Register every feature, then the fallbacks, then the error handler."""
    for feature in FEATURES:
        feature.register(app)
    fallbacks.register(app)
    errors.register(app)


def bot_commands() -> list[BotCommand]:
    """The command menu: each feature's COMMANDS as (command, Korean description)."""
    return [
        BotCommand(command, description)
        for feature in FEATURES
        for command, description in getattr(feature, "COMMANDS", ())
    ]
