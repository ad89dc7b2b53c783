#!/usr/bin/env bash
# Directory search benchmark for docs/benchmarks.md (issue: search over 10,000 services, p99 ≤ 25 ms).
# Run by hand on an otherwise idle machine (ports 8080 and 5203 free):
#   CONFIGURATION=Release bench/directory-search.sh
# Starts the suite (proxyless, one trace in ten) with a 10,000-service demonstration directory
# (Directory:DemoServices; SERVICES to change), checks the count, warms up, then measures searches of
# words + need + distance from a postcode (bench/wrk/directory-search.lua) straight to the directory
# service and through the gateway, one request at a time and 4 at once: requests/s, p50, p99.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGURATION=${CONFIGURATION:-Debug}
SERVICES=${SERVICES:-10000}
DURATION=${DURATION:-30s}
GATEWAY=http://localhost:8080
DIRECTORY=http://localhost:5203
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }

# shellcheck source=bench/suite.sh
source bench/suite.sh

dotnet build SocialPrescribing.sln -c "$CONFIGURATION" -nologo -v:q -clp:ErrorsOnly >/dev/null
start_suite "Directory:DemoServices=$SERVICES"
total=$(curl -fs "$GATEWAY/api/directory/services?per_page=1&status=all" | grep -o '"total_items":[0-9]*' | cut -d: -f2)
echo "directory: $total services (start-up with seeding: ${startup_ms} ms)"
[[ "$total" -ge "$SERVICES" ]] || { echo "expected $SERVICES services"; exit 1; }
sample=$(curl -fs "$GATEWAY/api/directory/services?search=walk&taxonomy_term_id=physical-activity&postcode=LS1%204AP&proximity=10000&per_page=20" | grep -o '"total_items":[0-9]*')
echo "sample search (walk, physical activity, within 10 km of LS1 4AP): $sample"

# Let the seed's aftermath pass (its checkpoint, autovacuum) before measuring.
psql=/usr/lib/postgresql/15/bin/psql
if [[ -x $psql ]]; then "$psql" -h 127.0.0.1 -p 55432 -U postgres -d directorydb -qc "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null || true; fi

# Warm-up: tiered JIT (with dynamic PGO) in every process on the path, and PostgreSQL's caches.
# Two minutes: on two cores the searches kept getting faster for about that long (docs/benchmarks.md).
wrk -t2 -c4 -d"${WARMUP:-120s}" -s bench/wrk/directory-search.lua "$GATEWAY" >/dev/null

for target in "$DIRECTORY" "$GATEWAY"; do
  for connections in 1 4; do
    threads=$(( connections < 2 ? 1 : 2 ))
    result=$(wrk -t"$threads" -c"$connections" -d"$DURATION" --latency -s bench/wrk/directory-search.lua "$target" | grep '^RESULT')
    echo "search, $([[ $target == "$GATEWAY" ]] && echo "through the gateway" || echo "straight to the service"), $connections at once: ${result#RESULT }"
  done
done
echo "date: $(date -u +%Y-%m-%dT%H:%MZ) ($CONFIGURATION builds); machine: $(nproc) cores, .NET SDK $(dotnet --version)"
