#!/usr/bin/env bash
# Sets up, then runs the lint, the sample questions and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
if [ -f ../shared/eval/dev.toml ]; then
    .venv/bin/python ../shared/eval/run_eval.py ../shared/eval/dev.toml --by-tag
else
    echo "Skipping the shared sample questions: ../shared/eval/dev.toml is not here (see README, 'The shared folder')."
fi
.venv/bin/python -m pytest -q "$@"
