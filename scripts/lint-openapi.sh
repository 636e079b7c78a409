#!/usr/bin/env bash
# Lints the OpenAPI document of a running Staybook service with the tools front-end teams use, and checks that a
# TypeScript client generated from it compiles. Exits non-zero on any lint error or compile error; warnings are
# printed, not fatal.
#
#   scripts/lint-openapi.sh [base-url]        (default http://localhost:8080)
#
# Needs node and npm. The tools are installed into a temporary directory (never into the repository) from the npm
# registry configured for this machine; pin their versions below.
set -euo pipefail

base_url="${1:-http://localhost:8080}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

curl -fsS "$base_url/v3/api-docs" -o "$work/openapi.json"

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  @redocly/cli@2 @stoplight/spectral-cli@6 openapi-typescript@7 typescript@5 >/dev/null

status=0

echo "== redocly lint (recommended rules, config: .redocly.yaml)"
npx --no-install redocly lint --config "$repo/.redocly.yaml" openapi.json || status=1

echo "== spectral lint (spectral:oas, config: .spectral.yaml)"
npx --no-install spectral lint --ruleset "$repo/.spectral.yaml" --fail-severity error openapi.json || status=1

echo "== openapi-typescript, then tsc --noEmit"
npx --no-install openapi-typescript openapi.json -o staybook-api.d.ts
npx --no-install tsc --noEmit --strict --skipLibCheck false staybook-api.d.ts || status=1

exit "$status"
