#!/usr/bin/env bash
# Runs every test: unit, per-service functional tests on real PostgreSQL and RabbitMQ, and end-to-end
# tests over the real AppHost, browser tests in headless Chromium. Installs what is missing first
# (see ./run.sh --setup-only --with-browser).
set -euo pipefail
cd "$(dirname "$0")"

./run.sh --setup-only --with-browser

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
# The Kubernetes manifests (generated from the AppHost model; a test keeps them in step) against the
# Kubernetes API schemas, offline (docs/deploy.md).
npm install --prefix deploy/kubernetes --no-audit --no-fund --silent
node deploy/kubernetes/check.mjs || status=$?

dotnet test SocialPrescribing.sln --no-build -nologo \
  --logger "trx" --results-directory "$results" --logger "console;verbosity=minimal" || status=$?

# One closing line for people and CI: the sum over every test project.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [[ -e "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  total=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0}))
done
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
# What the fault scenarios, the generated-input run, the erasure scan and the subject access export counted (their tests print it).
figures=$(cat "$results"/*.trx 2>/dev/null | grep -oE '(Fault scenario|Generated input|Erasure scan|Subject access)[^<]*' \
  | sed -e "s/&apos;/'/g" -e 's/&quot;/"/g' -e 's/&amp;/\&/g' || true)
if [[ -n "$figures" ]]; then
  echo
  echo "$figures"
fi
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit $status
