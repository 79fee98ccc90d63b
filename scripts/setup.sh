#!/usr/bin/env bash
# Creates .venv and installs the project with its test tools; reinstalls only when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ -f "$stamp" ] && [ -x .venv/bin/python ]; then
    exit 0
fi
echo "Installing dependencies into .venv (first run, or pyproject.toml changed; about a minute; needs a Python package index)..."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The installer's own output is shown only when it fails.
if ! { [ -x .venv/bin/python ] || "$python" -m venv .venv; } >"$log" 2>&1 \
    || ! .venv/bin/python -m pip install --upgrade pip >>"$log" 2>&1 \
    || ! .venv/bin/python -m pip install -e '.[dev]' >>"$log" 2>&1; then
    cat "$log" >&2
    echo "Installing dependencies failed (installer output above)." >&2
    exit 1
fi
rm -f .venv/.installed-*
touch "$stamp"
echo "Dependencies installed."
