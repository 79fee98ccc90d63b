"""Telegram handlers, one module per feature; `register_all` wires them behind the gate.

Group -1: the gate (handlers.guard) reads what each update asks for, once, and stops what may
not pass. Group 0: one dispatcher hands the request to the feature whose ROUTES name it
(`/chart`, `question`, `sql`, `inline:question`, …); what none names goes to the fallbacks.
"""

from telegram import BotCommand, Update
from telegram.ext import Application, TypeHandler

from handlers import (
    admin,
    charts,
    checks,
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
from handlers.context import BotContext

# The features, in the order of the command menu. Add one here with one line.
FEATURES = (
    start, help_, questions, checks, subscriptions, sql, charts, export, admin, evidence, inline,
    fallbacks
)  # fmt: skip
ROUTES = {route: callback for feature in FEATURES for route, callback in feature.ROUTES.items()}


async def dispatch(update: object, context: BotContext) -> None:
    """Hand the gate's request to the feature that serves it."""
    if context.request is None:
        return
    callback = ROUTES.get(context.request.route, fallbacks.anything_else)
    await callback(update, context)


def register_all(app: Application) -> None:
    """The gate, the dispatcher, then the error handlers (counting first)."""
    app.add_handler(TypeHandler(Update, guard.gate), group=guard.GROUP)
    app.add_handler(TypeHandler(Update, dispatch))
    app.add_error_handler(usage.count_error)
    app.add_error_handler(errors.on_error)


def bot_commands() -> list[BotCommand]:
    """The command menu: each feature's COMMANDS as (command, Korean description)."""
    return [
        BotCommand(command, description)
        for feature in FEATURES
        for command, description in getattr(feature, "COMMANDS", ())
    ]
