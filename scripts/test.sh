#!/usr/bin/env bash
# Set up and run every test: lint, core, AppTests and real-browser tests.
# Usage: bash scripts/test.sh [extra pytest args]
# Creates .venv if needed, installs requirements-dev.txt, and, as root, Debian's Chromium (browser
# tests) and PostgreSQL (database tests; started here, its URL exported) when missing.
# Exit code: pytest's. 5 means no test was collected (a filter that matched nothing).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# Debian packages the tests need, installed in one apt-get run when missing (as root):
# Chromium for the browser tests (Playwright's own browser download is never used;
# fonts-liberation is only a Recommends of chromium: name it so pages render with real
# metrics even where apt is set not to install recommended packages) and PostgreSQL for the
# database tests (SQLite needs nothing), poppler-utils (pdfinfo, pdftotext, pdftoppm) to open
# the downloaded PDF ficha and the printed page (fonts-liberation also gives the ficha its
# TrueType font).
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need+=(fonts-liberation)
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
# npm installs axe-core (package.json) for the accessibility browser tests.
command -v npm >/dev/null || need+=(nodejs npm)
# nginx runs deploy/nginx.conf in front of the app (tests/e2e/test_proxy.py).
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages for the tests: ${need[*]}..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "WARNING: missing ${need[*]}; browser or PostgreSQL tests will be skipped." >&2
    echo "         Install with: sudo apt-get install ${need[*]}" >&2
  fi
fi

# axe-core for tests/e2e/test_accessibility.py, pinned in package.json + package-lock.json,
# into ./node_modules (git-ignored); reinstalled only when the lock file changed.
if command -v npm >/dev/null; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --silent
  fi
else
  echo "WARNING: npm is missing; the accessibility browser tests will be skipped." >&2
fi

# PostgreSQL for the database tests: start Debian's cluster, create a role and a database,
# and tell the tests where it is (tests/conftest.py reads BRECHAS_TEST_PG_URL). Skipped when
# the variable is already set (a server of your own) or when not root.
if [ -z "${BRECHAS_TEST_PG_URL:-}" ] && [ "$(id -u)" = "0" ] && command -v pg_ctlcluster >/dev/null; then
  if [ -z "$(pg_lsclusters -h)" ]; then
    pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main >/dev/null
  fi
  read -r pg_ver pg_name pg_port pg_status _ < <(pg_lsclusters -h | head -1)
  if [ "$pg_status" != "online" ]; then
    pg_ctlcluster "$pg_ver" "$pg_name" start
  fi
  pg() { su postgres -c "psql -p $pg_port -qtAc \"$1\""; }
  if [ "$(pg "SELECT 1 FROM pg_roles WHERE rolname = 'brechas'")" != "1" ]; then
    pg "CREATE ROLE brechas LOGIN PASSWORD 'brechas'"
  fi
  if [ "$(pg "SELECT 1 FROM pg_database WHERE datname = 'brechas_test'")" != "1" ]; then
    pg "CREATE DATABASE brechas_test OWNER brechas"
  fi
  export BRECHAS_TEST_PG_URL="postgresql+psycopg://brechas:brechas@127.0.0.1:$pg_port/brechas_test"
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no test (exit 5): check the arguments or the test paths." >&2
fi
exit "$status"
