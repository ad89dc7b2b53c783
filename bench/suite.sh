# Shared by the benchmark scripts (source it): starting and stopping the suite on a throw-away data
# folder. Needs CONFIGURATION and GATEWAY set; sets $data, $apphost and $startup_ms.
data=$(mktemp -d /tmp/sp-bench.XXXXXX)
chmod 755 "$data"
apphost=""
cleanup() { [[ -n "$apphost" ]] && kill -TERM "$apphost" 2>/dev/null && wait "$apphost" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# Starts the AppHost (already built) with any extra settings given; returns when the gateway is healthy.
# No subshell: the AppHost must stay this script's child.
start_suite() {
  local t0
  t0=$(date +%s%N)
  # Console logs from Warning up (CONSOLE_LOG_LEVEL): every log still reaches the dashboard through OTLP,
  # and the development orchestrator copying each service's console output cost ≈ 0.8 ms of CPU a referral.
  # The dashboard's telemetry in a temporary folder, not one more run under ~/.aspire (hundreds of MB each).
  Logging__Console__LogLevel__Default=${CONSOLE_LOG_LEVEL:-Warning} \
  ASPIRE_DASHBOARD_PERSISTENCE_MODE=${DASHBOARD_PERSISTENCE:-None} \
  dotnet run --project AppHost --launch-profile http --no-build -c "$CONFIGURATION" -- "Infra:DataDir=$data" "Gateway:SelfReferralsPerMinute=100000" \
    "Telemetry:TraceSampleRatio=${SAMPLE_RATIO:-0.1}" "Suite:Proxyless=${PROXYLESS:-true}" "$@" >>"$data/apphost.log" 2>&1 &
  apphost=$!
  until curl -fs "$GATEWAY/health" >/dev/null 2>&1; do
    kill -0 "$apphost" 2>/dev/null || { tail -30 "$data/apphost.log"; exit 1; }
    sleep 0.05
  done
  startup_ms=$(ms_since "$t0")
}

# Services without the Aspire proxy hold their ports until they have shut down: wait for that too, and
# for PostgreSQL and RabbitMQ to be gone (a PostgreSQL still shutting down makes the next start fail:
# its postmaster.pid is still there).
stop_suite() {
  kill -TERM "$apphost"; wait "$apphost" 2>/dev/null || true; apphost=""
  while curl -s -o /dev/null "$GATEWAY/alive" || curl -s -o /dev/null "http://localhost:5201/alive" || curl -s -o /dev/null "http://localhost:5203/alive"; do sleep 0.2; done
  for _ in $(seq 1 300); do
    [[ -f "$data/postgres/data/postmaster.pid" ]] || pgrep -f "$data/rabbitmq" >/dev/null || break
    sleep 0.2
  done
}
