#!/usr/bin/env bash
# Set up and run every test: lint, core, AppTests and real-browser tests.
# Usage: bash scripts/test.sh [extra pytest args]
# Creates .venv if needed, installs requirements-dev.txt, and, for the browser tests,
# Debian's Chromium and its fonts (as root: apt-get install chromium) when missing.
# Exit code: pytest's. 5 means no test was collected (a filter that matched nothing).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# Chromium for the browser tests; Playwright's own browser download is never used.
# fonts-liberation is only a Recommends of chromium: name it so pages render with real
# metrics even where apt is set not to install recommended packages.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's Chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
  else
    echo "WARNING: /usr/bin/chromium is missing; browser tests will be skipped." >&2
    echo "         Install it with: sudo apt-get install chromium fonts-liberation" >&2
  fi
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no test (exit 5): check the arguments or the test paths." >&2
fi
exit "$status"
