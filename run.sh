#!/usr/bin/env bash
# Sets up whatever is missing, builds, and starts the whole suite (PostgreSQL, RabbitMQ, the four
# services and the gateway) under the Aspire AppHost. Ctrl+C stops everything.
#
#   ./run.sh               set up, build and start; prints the gateway and dashboard URLs
#   ./run.sh --setup-only  install what is missing and build, then exit
#   ./run.sh --setup-only --with-browser   the same plus Chromium for the browser tests (./test.sh)
#   ./run.sh -- Key=value ...   start with AppHost settings, e.g. -- Telemetry:TraceSampleRatio=0.1
set -euo pipefail
cd "$(dirname "$0")"

GATEWAY_URL="http://localhost:8080"
DASHBOARD_URL="http://localhost:15080"
MAIL_URL="http://localhost:8025"
setup_only=false
with_browser=false
apphost_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --setup-only) setup_only=true ;;
    --with-browser) with_browser=true ;;
    --) shift; apphost_args=("$@"); break ;;
    *) printf 'Unknown option %s (see the top of run.sh)\n' "$1" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mError: %s\033[0m\n' "$*" >&2; exit 1; }

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "run as root or install sudo to install: $*"; fi; }

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; }
have_rabbitmq() { [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; }

install_missing() {
  local packages=()
  have_rabbitmq || packages+=(rabbitmq-server)
  have_postgres || packages+=(postgresql)
  command -v curl >/dev/null || packages+=(curl)
  if $with_browser && [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then packages+=(chromium); fi
  [[ ${#packages[@]} -eq 0 ]] && { say "PostgreSQL and RabbitMQ are installed"; return; }

  if command -v apt-get >/dev/null; then
    say "Installing ${packages[*]} (apt)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >/dev/null
    # The suite runs its own nodes; the distribution's background service is not needed.
    as_root service rabbitmq-server stop >/dev/null 2>&1 || true
  else
    die "missing: ${packages[*]}. This script installs them on Debian/Ubuntu. Elsewhere install
  PostgreSQL 15+ server binaries and RabbitMQ 3.10+ with your package manager (or run with
  Infra=container and a container runtime, or Infra=external; see README.md)."
  fi
  have_rabbitmq || die "rabbitmq-server did not install"
  have_postgres || die "PostgreSQL server binaries did not install"
}

check_dotnet() {
  command -v dotnet >/dev/null || die "the .NET SDK 10 is not installed: see https://dot.net (Debian: packages-microsoft-prod, then apt-get install dotnet-sdk-10.0)."
  local version
  version=$(dotnet --version 2>/dev/null || true)
  [[ "$version" == 10.* ]] || die "the .NET SDK 10 is needed (found '${version:-none}'); global.json pins 10.0.401 or later 10.0.x."
  say ".NET SDK $version"
}

check_dotnet
# Only local infrastructure needs the binaries; with a container runtime the AppHost uses containers.
if ! docker info >/dev/null 2>&1; then install_missing; fi

say "Building"
# The repository's tools (dotnet-tools.json): EF Core's, and smtp4dev, which catches the suite's mail in development.
dotnet tool restore >/dev/null
dotnet build SocialPrescribing.sln -c Debug -nologo -clp:ErrorsOnly -v:q

$setup_only && exit 0

for port in 8080 15080 19080 20080 55432 55672 8025 2525; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    die "port $port is already in use: is the suite already running? Stop it (Ctrl+C in its terminal) first."
  fi
done

say "Starting the suite (data in $(pwd)/.data)"
dotnet run --project AppHost --launch-profile http --no-build -- "${apphost_args[@]}" &
apphost=$!
trap 'kill -TERM $apphost 2>/dev/null; wait $apphost 2>/dev/null; exit 0' INT TERM

for _ in $(seq 1 180); do
  if curl -fs "$GATEWAY_URL/health" >/dev/null 2>&1; then
    cat <<MSG

  Social prescribing is running.
    Gateway:    $GATEWAY_URL          (self-referral: $GATEWAY_URL/refer, APIs: $GATEWAY_URL/api-docs)
    Dashboard:  $DASHBOARD_URL         (traces, logs and metrics of every service)
    Mail:       $MAIL_URL          (every email and text the suite sent, in development)
  Press Ctrl+C to stop.

MSG
    wait $apphost
    exit $?
  fi
  kill -0 $apphost 2>/dev/null || die "the AppHost stopped; see the messages above."
  sleep 1
done
die "the gateway did not become healthy in 3 minutes; open $DASHBOARD_URL to see which resource failed."
