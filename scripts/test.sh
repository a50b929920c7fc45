#!/usr/bin/env bash
# The whole test suite: unit and integration tests (vitest, real PostgreSQL), then the production build and
# the end-to-end tests (Playwright, Debian's Chromium). Needs a PostgreSQL server at TEST_DATABASE_SERVER_URL
# (default postgres://postgres@127.0.0.1:5432/postgres); each run creates and drops its own databases.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== unit and integration tests"
node_modules/.bin/vitest run

echo "== production build"
node_modules/.bin/next build

echo "== end-to-end tests"
node_modules/.bin/playwright test
