"""The entry points and the wiring: the command line, the console chat, the Telegram Application, the webhook server."""
