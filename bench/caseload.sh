#!/usr/bin/env bash
# Caseload benchmark for docs/benchmarks.md (issue: caseload query and case page with 100,000 cases in
# the database and 250 open on one link worker, p95 server time ≤ 50 ms).
# Run by hand on an otherwise idle machine (ports 8080 and 5201–5205 free):
#   CONFIGURATION=Release bench/caseload.sh
# Starts the suite, signs in as linkworker (team north), generates CASES cases straight into casedb
# (bench/sql/cases.sql) with OPEN of them open and held by linkworker, then measures with wrk, one
# link worker's requests at a time (CONNECTIONS, default 1) for DURATION each: the caseload (API and
# page) and the case (API and page), straight to Case Management (server time) and the APIs also
# through the gateway. The case page also asks Referral Intake for the person and Wellbeing Metrics
# for the scores and questionnaires (the generated cases have neither: both answer quickly).
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGURATION=${CONFIGURATION:-Debug}
CASES=${CASES:-100000}
OPEN=${OPEN:-250}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-1}
GATEWAY=http://localhost:8080
CASE_MANAGEMENT=http://localhost:5202
psql=/usr/lib/postgresql/15/bin/psql
[[ -x $psql ]] || { echo "psql not found at $psql"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }

# shellcheck source=bench/suite.sh
source bench/suite.sh

dotnet build SocialPrescribing.sln -c "$CONFIGURATION" -nologo -v:q -clp:ErrorsOnly >/dev/null
start_suite
echo "suite up in ${startup_ms} ms"

token=$(curl -fs "$GATEWAY/connect/token" -d "grant_type=password&client_id=sp-cli&username=linkworker&password=Dev-Passw0rd!&scope=openid profile roles api" \
  | grep -o '"access_token": *"[^"]*"' | cut -d'"' -f4)
[[ -n "$token" ]] || { echo "could not sign in as linkworker"; exit 1; }
# The token's subject: the link worker's user id.
payload=$(cut -d. -f2 <<<"$token" | tr '_-' '/+'); while (( ${#payload} % 4 )); do payload+="="; done
worker=$(base64 -d <<<"$payload" 2>/dev/null | grep -o '"sub": *"[^"]*"' | cut -d'"' -f4)
[[ -n "$worker" ]] || { echo "no subject in the link worker's token"; exit 1; }
# Their first call puts them on the team's roster.
curl -fs -o /dev/null -H "Authorization: Bearer $token" "$CASE_MANAGEMENT/api/cases?assignedTo=me"

t0=$(date +%s%N)
"$psql" -h 127.0.0.1 -p 55432 -U postgres -d casedb -q -v cases="$CASES" -v open="$OPEN" -v worker="$worker" -f bench/sql/cases.sql
echo "generated $CASES cases ($OPEN open on linkworker) in $(ms_since "$t0") ms"
held=$(curl -fs -H "Authorization: Bearer $token" "$CASE_MANAGEMENT/api/cases/counts?assignedTo=me" | grep -o '"open": *[0-9]*' | grep -o '[0-9]*$')
echo "linkworker's open cases: $held"

measure() {
  local mode=$1 target=$2 label=$3 result
  # Warm-up (long enough for the JIT to settle on its optimised code), then the measured run.
  MODE=$mode TOKEN=$token OPEN=$OPEN wrk -t1 -c"$CONNECTIONS" -d15s -s bench/wrk/caseload.lua "$target" >/dev/null
  result=$(MODE=$mode TOKEN=$token OPEN=$OPEN wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk/caseload.lua "$target" | grep '^RESULT')
  echo "$label: ${result#RESULT }"
}

measure caseload-api "$CASE_MANAGEMENT" "caseload API (page of 25), straight to the service"
measure caseload-api "$GATEWAY" "caseload API (page of 25), through the gateway"
measure caseload-page "$CASE_MANAGEMENT" "caseload page, straight to the service"
measure case-api "$CASE_MANAGEMENT" "case API, straight to the service"
measure case-api "$GATEWAY" "case API, through the gateway"
measure case-page "$CASE_MANAGEMENT" "case page, straight to the service"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ) ($CONFIGURATION builds); machine: $(nproc) cores, .NET SDK $(dotnet --version); $CONNECTIONS at once"
