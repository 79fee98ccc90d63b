#!/usr/bin/env bash
# Sets up, then runs the bot: Telegram when TELEGRAM_BOT_TOKEN is set, the console chat otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python -m bot "$@"
