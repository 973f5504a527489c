#!/usr/bin/env bash
# Set up and run every test: lint, core, AppTests and real-browser tests.
# Usage: bash scripts/test.sh [extra pytest args]
# Creates .venv if needed, installs requirements-dev.txt, and, for the browser tests,
# Debian's Chromium (as root: apt-get install chromium) when /usr/bin/chromium is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's Chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "WARNING: /usr/bin/chromium is missing; browser tests will be skipped." >&2
    echo "         Install it with: sudo apt-get install chromium" >&2
  fi
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
