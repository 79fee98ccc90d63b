"""Telegram handlers, one module per feature; `register_all` wires them in a fixed order."""

from telegram import BotCommand
from telegram.ext import Application

from handlers import (
    admin,
    buttons,
    charts,
    errors,
    evidence,
    export,
    fallbacks,
    guard,
    inline,
    questions,
    sql,
    start,
    subscriptions,
    usage,
)
from handlers import help as help_

# All handlers sit in group 0, where the first match wins, in this order. Add a feature
# here with one line. Its commands and its own callback-data prefix never clash with
# `questions` (text that is not a command) or `buttons` (prefixes "q:" and "k:").
# `fallbacks` always comes last: it takes every button, command and message nobody else took.
FEATURES = (
    start, help_, subscriptions, sql, charts, export, admin, questions, buttons, evidence, inline
)  # fmt: skip


def register_all(app: Application) -> None:
    """Register the usage counts and the gate (group -1, before everything), every feature,
    then the fallbacks, then the error handler."""
    usage.register(app)
    guard.register(app)
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
