#!/usr/bin/env bash
# Benchmarks for docs/benchmarks.md. Run by hand on an otherwise idle machine (ports 8080 and 15080 free):
#   bench/benchmarks.sh            every benchmark, one after the other (about 30 minutes)
#   ONLY_REFERRALS=1 bench/benchmarks.sh   the referral path, cold start and memory only
# Prints:
#   - cold start: `dotnet run` of the AppHost (already built) → gateway /health 200, first with an empty
#     data folder (initdb, migrations, seeding), then again on the same data (a normal restart);
#   - referral → case latency (bench/ReferralLatency): POST /api/referrals through the gateway, then GET
#     /api/cases/by-reference/{ref} through the gateway on a kept-alive connection until 200 (median, p95 of N);
#   - referral → case at a steady 100 referrals/s for 30 s, PACED_RUNS times (3; bench/ReferralLatency paced:
#     sent → case written, from cases.opened_at; p50, p99; the driver's first 5 s at that rate are not counted);
#   - referral intake throughput (wrk, bench/wrk/referral.lua, a new person each request): straight to the
#     intake service (its AppHost endpoint, :5201) and through the gateway, side by side: requests/s, p50, p99;
#   - CPU a referral: every part's CPU time from the gateway run's start until the consumers caught up, ÷ referrals;
#   - memory (PSS) of every process of the running suite after that load;
#   - then bench/directory-search.sh, bench/wellbeing-report.sh and bench/caseload.sh, each on a suite of its own.
# The suite runs as ./run.sh runs it (Infra=local, fsync on), with three production-like settings:
# services listen on their own ports (Suite:Proxyless=true: no Aspire development proxy in front of the
# gateway or between it and the services, as in a deployment) and one trace in ten is kept
# (Telemetry:TraceSampleRatio=0.1; ./run.sh keeps every trace); console logs from Warning up (the dashboard
# still gets every log through OTLP). Override with SAMPLE_RATIO / PROXYLESS / CONSOLE_LOG_LEVEL.
# Uses a throw-away data folder; never touches .data/.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20}
# CONFIGURATION=Release measures Release builds of every service (./run.sh runs Debug).
CONFIGURATION=${CONFIGURATION:-Release}
GATEWAY=http://localhost:8080

# shellcheck source=bench/suite.sh
source bench/suite.sh

dotnet build SocialPrescribing.sln -c "$CONFIGURATION" -nologo -v:q -clp:ErrorsOnly >/dev/null
dotnet build bench/ReferralLatency -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null

start_suite
cold_empty=$startup_ms
stop_suite
start_suite
cold_restart=$startup_ms

dotnet run --project bench/ReferralLatency -c Release --no-build -- "$GATEWAY" "$N" | tee "$data/latency.txt"

# Throughput: direct first, then the gateway, each after the previous run's events have drained.
INTAKE=http://localhost:5201
DURATION=${DURATION:-30s}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }
# Waits until Case Management has caught up (every referral is in a case) and Wellbeing Metrics knows
# every case, so one run's backlog of events does not slow the next run down.
PSQL="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql -h 127.0.0.1 -p 55432 -U postgres -Atc"
drain() {
  local referrals opened held known
  for _ in $(seq 1 600); do
    referrals=$($PSQL "SELECT count(*) FROM referrals" referraldb)
    # Cases, and referrals held by a case (their own or a joined repeat).
    read -r opened held < <($PSQL "SELECT count(*), count(*) + (SELECT count(*) FROM case_referrals) FROM cases" -F ' ' casedb)
    known=$($PSQL "SELECT count(*) FROM cases" wellbeingdb)
    [[ "$referrals" == "$held" && "$known" == "$opened" ]] && return 0
    sleep 1
  done
  echo "The consumers did not catch up ($held of $referrals referrals in cases; Wellbeing knows $known of $opened cases)"
}

# Warm-up: the JIT's tiered compilation needs a minute of traffic before code runs at full speed.
wrk -t2 -c16 -d60s -s bench/wrk/referral.lua "$GATEWAY" >/dev/null
drain; sleep 5
# Referral → case at the rate the target names (100/s), an open loop; PACED_RUNS runs of 30 s (3 by
# default: from one run to the next the p99 moves by a factor of two, and the first is the slowest).
# The driver's thread pool does not spin while it waits for the next tick: spinning took it from 4 % to
# 8 % of a core (25,000 preemptions a second) on the cores it measures.
for run in $(seq 1 "${PACED_RUNS:-3}"); do
  echo "paced run $run:"
  DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet run --project bench/ReferralLatency -c Release --no-build -- "$GATEWAY" paced "${RATE:-100}" 30 \
    "Host=127.0.0.1;Port=55432;Username=postgres;Database=casedb"
  drain; sleep 5
done
direct=$(wrk -t2 -c32 -d"$DURATION" --latency -s bench/wrk/referral.lua "$INTAKE" | grep '^RESULT')
drain; sleep 5
# Where the machine's CPU goes for one referral at full load: every process's CPU time from the start
# of the gateway run until the consumers have caught up, divided by the referrals accepted. Steadier
# than requests/s (which also depends on whether the consumers keep up during the run or after it).
cpu_ticks() {
  for name in Gateway ReferralIntake CaseManagement WellbeingMetrics; do
    # shellcheck disable=SC2046
    echo "$name $(ticks $(pgrep -f "/$name(\\.dll)?( |$)"))"
  done
  # shellcheck disable=SC2046
  printf 'dashboard %s\nPostgreSQL %s\nRabbitMQ %s\n' "$(ticks $(pgrep -f Aspire.Dashboard))" "$(ticks $(pgrep -x postgres))" "$(ticks $(pgrep -x beam.smp))"
}
# CPU time (user + system, clock ticks) the given processes have used, together; as pss() below. With
# their reaped children's (cutime, cstime): PostgreSQL's backends come and go with the services'
# connections, and a backend that has exited counts in the postmaster's, not nowhere.
ticks() { local total=0 t; for pid in "$@"; do t=$(awk '{ sub(/.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat" 2>/dev/null); total=$((total + ${t:-0})); done; echo $total; }
referrals_before=$($PSQL "SELECT count(*) FROM referrals" referraldb)
cpu_before=$(cpu_ticks)
via_gateway=$(wrk -t2 -c32 -d"$DURATION" --latency -s bench/wrk/referral.lua "$GATEWAY" | grep '^RESULT')
drain
cpu_per_referral=$(join <(sort <<<"$cpu_before") <(cpu_ticks | sort) | awk -v n=$(($($PSQL "SELECT count(*) FROM referrals" referraldb) - referrals_before)) \
  -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" '{ ms = ($3 - $2) * 1000 / hz / n; total += ms; part = part sprintf(", %s %.2f", $1, ms) }
  END { printf "%.2f ms (%s), so at most %.0f referrals/s on %d cores", total, substr(part, 3), cores * 1000 / total, cores }')

# Memory of each process of the suite, after the load: proportional set size (PSS, MB), so memory
# PostgreSQL's processes share (its buffers) is counted once, not once per process.
pss() { local total=0 kb; for pid in "$@"; do kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0); total=$((total + ${kb:-0})); done; echo $((total / 1024)); }
memory() {
  for name in Gateway ReferralIntake CaseManagement ServiceDirectory WellbeingMetrics Identity AppHost; do
    # shellcheck disable=SC2046
    printf '%s %s MB; ' "$name" "$(pss $(pgrep -f "/$name(\\.dll)?( |$)"))"
  done
  # DCP starts each project through `dotnet run`, a process of its own that waits for it.
  # shellcheck disable=SC2046
  printf '`dotnet run` wrappers (all) %s MB; PostgreSQL (all its processes) %s MB; RabbitMQ %s MB; dcp %s MB\n' \
    "$(pss $(pgrep -f '^dotnet run '))" "$(pss $(pgrep -x postgres))" "$(pss $(pgrep -x beam.smp))" "$(pss $(pgrep -x dcp))"
}
mem=$(memory)

echo "date:                     $(date -u +%Y-%m-%dT%H:%MZ) ($CONFIGURATION builds)"
echo "machine:                  $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET SDK $(dotnet --version)"
echo "cold start, empty data:   ${cold_empty} ms (command → gateway healthy)"
echo "cold start, restart:      ${cold_restart} ms"
echo "intake, straight to service: ${direct#RESULT }"
echo "intake, through the gateway:  ${via_gateway#RESULT }"
echo "CPU a referral (gateway run until drained): $cpu_per_referral"
echo "memory after the load:    $mem"
stop_suite

if [[ -z "${ONLY_REFERRALS:-}" ]]; then
  export CONFIGURATION WARMUP=${WARMUP:-60s}
  echo; echo "== directory search"; bench/directory-search.sh
  echo; echo "== outcomes report"; bench/wellbeing-report.sh
  echo; echo "== caseload"; bench/caseload.sh
fi
