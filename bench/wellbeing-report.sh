#!/usr/bin/env bash
# Outcome report benchmark for docs/benchmarks.md (issue: the report over 1,000,000 assessments ≤ 1 s).
# Run by hand on an otherwise idle machine (port 8080 free):
#   CONFIGURATION=Release bench/wellbeing-report.sh
# Starts the suite, generates CASES cases with 1,000,000 assessments between them straight into the
# wellbeing database (bench/sql/wellbeing-assessments.sql), then times GET /api/wellbeing/reports/outcomes
# through the gateway as a manager, for two years of data, once per grouping (RUNS times each, after one
# warm-up call): median and slowest, JSON and CSV.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGURATION=${CONFIGURATION:-Debug}
CASES=${CASES:-227273}
RUNS=${RUNS:-5}
GATEWAY=http://localhost:8080
psql=/usr/lib/postgresql/15/bin/psql
[[ -x $psql ]] || { echo "psql not found at $psql"; exit 1; }

# shellcheck source=bench/suite.sh
source bench/suite.sh

dotnet build SocialPrescribing.sln -c "$CONFIGURATION" -nologo -v:q -clp:ErrorsOnly >/dev/null
start_suite "Directory:DemoServices=${DEMO_SERVICES:-240}"
echo "suite up in ${startup_ms} ms"

t0=$(date +%s%N)
"$psql" -h 127.0.0.1 -p 55432 -U postgres -d wellbeingdb -q -v cases="$CASES" -f bench/sql/wellbeing-assessments.sql
echo "generated in $(ms_since "$t0") ms"

token=$(curl -fs "$GATEWAY/connect/token" -d "grant_type=password&client_id=sp-cli&username=manager&password=Dev-Passw0rd!&scope=openid roles api" \
  | grep -o '"access_token": *"[^"]*"' | cut -d'"' -f4)
[[ -n "$token" ]] || { echo "could not sign in as manager"; exit 1; }
from=$(date -u -d "-2 years" +%F); to=$(date -u +%F)

# Prints "median max" in milliseconds of RUNS calls (after one warm-up call) of the given path.
time_report() {
  local path=$1 times=()
  curl -fs -o /dev/null -H "Authorization: Bearer $token" "$GATEWAY$path"
  for _ in $(seq "$RUNS"); do
    times+=("$(curl -fs -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$GATEWAY$path")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 * 1000 } END { printf "median %.0f ms, slowest %.0f ms", a[int((NR + 1) / 2)], a[NR] }'
}

for group in none source month linkWorker need; do
  echo "outcomes by $group, json: $(time_report "/api/wellbeing/reports/outcomes?from=$from&to=$to&groupBy=$group")"
done
echo "outcomes by source, csv: $(time_report "/api/wellbeing/reports/outcomes?from=$from&to=$to&groupBy=source&format=csv")"
rows=$(curl -fs -H "Authorization: Bearer $token" "$GATEWAY/api/wellbeing/reports/outcomes?from=$from&to=$to&groupBy=source" | grep -o '"group"' | wc -l)
echo "rows by source: $rows"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ) ($CONFIGURATION builds); machine: $(nproc) cores, .NET SDK $(dotnet --version)"
