#!/usr/bin/env bash
# Subject access benchmark for docs/benchmarks.md (issue 24: an export for a person with 3 referrals and
# 100 notes is ready within a minute on this machine).
# Run by hand on an otherwise idle machine (ports 8080 and 5201–5205 free):
#   CONFIGURATION=Release bench/subject-access.sh
# Starts the suite, makes RUNS people (default 3), each with 3 referrals (one case, two repeats), 100
# notes, a prescription to a provider and a wellbeing score, through the gateway as the API clients
# would; then, as a manager, asks for each person's export and times it from the request to "ready"
# (every service's part in, the JSON and the page put together), and reads the JSON's size.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGURATION=${CONFIGURATION:-Debug}
RUNS=${RUNS:-3}
GATEWAY=http://localhost:8080

# shellcheck source=bench/suite.sh
source bench/suite.sh

token_of() {
  curl -fs "$GATEWAY/connect/token" -d "grant_type=password&client_id=sp-cli&username=$1&password=Dev-Passw0rd!&scope=openid profile roles api" \
    | grep -o '"access_token": *"[^"]*"' | cut -d'"' -f4
}
field() { grep -o "\"$1\": *\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }

dotnet build SocialPrescribing.sln -c "$CONFIGURATION" -nologo -v:q -clp:ErrorsOnly >/dev/null
start_suite
echo "suite up in ${startup_ms} ms"
linkworker=$(token_of linkworker); manager=$(token_of manager)
[[ -n "$linkworker" && -n "$manager" ]] || { echo "could not sign in"; exit 1; }
service=$(curl -fs "$GATEWAY/api/directory/services?per_page=1" | field id)

times=()
for run in $(seq 1 "$RUNS"); do
  family="Benchmark-$run-$RANDOM"
  body="{\"channel\":\"self\",\"person\":{\"givenName\":\"Sabine\",\"familyName\":\"$family\",\"dateOfBirth\":\"1990-12-10\",\"postcode\":\"LS1 4AP\",\"phone\":\"07700 900123\"},\"needs\":[\"loneliness\"],\"consent\":{\"shareWithLinkWorker\":true,\"shareWithGp\":\"codesOnly\"},\"risk\":{\"harmToSelf\":false,\"harmToOthers\":false,\"inCrisis\":false}}"
  reference=""
  for _ in 1 2 3; do
    created=$(curl -fs -H 'Content-Type: application/json' -d "$body" "$GATEWAY/api/referrals")
    [[ -n "$reference" ]] || reference=$(field reference <<<"$created")
  done
  case_id=""
  until [[ -n "$case_id" ]]; do
    case_id=$(curl -fs -H "Authorization: Bearer $manager" "$GATEWAY/api/cases/by-reference/$reference" 2>/dev/null | field id || true)
    sleep 0.2
  done
  for i in $(seq 1 100); do
    curl -fs -o /dev/null -H "Authorization: Bearer $linkworker" -H 'Content-Type: application/json' \
      -d "{\"text\":\"Note $i: talked about the walking group and how the week went.\"}" "$GATEWAY/api/cases/$case_id/notes"
  done
  curl -fs -o /dev/null -H "Authorization: Bearer $linkworker" -H 'Content-Type: application/json' \
    -d "{\"serviceId\":\"$service\",\"serviceName\":\"A service\",\"person\":{\"givenName\":\"Sabine\"},\"personAgreed\":true}" "$GATEWAY/api/cases/$case_id/prescriptions"
  curl -fs -o /dev/null -H "Authorization: Bearer $linkworker" -H 'Content-Type: application/json' \
    -d "{\"caseId\":\"$case_id\",\"instrument\":\"ons4\",\"timepoint\":\"baseline\",\"mode\":\"faceToFace\",\"responses\":[5,6,4,3],\"completedOn\":\"$(date -u +%F)\"}" \
    "$GATEWAY/api/wellbeing/assessments" || true
  sleep 2 # the repeats, the prescription and the score reach every service
  person=$(curl -fs -H "Authorization: Bearer $manager" "$GATEWAY/api/people?search=$family" | field id)
  t0=$(date +%s%N)
  location=$(curl -fs -D - -o /dev/null -X POST -H "Authorization: Bearer $manager" "$GATEWAY/api/people/$person/access-requests" \
    | grep -i '^location:' | tr -d '\r' | cut -d' ' -f2)
  until curl -fs -H "Authorization: Bearer $manager" "$GATEWAY$location" | grep -q '"status": *"ready"'; do sleep 0.05; done
  ms=$(ms_since "$t0")
  bytes=$(curl -fs -H "Authorization: Bearer $manager" "$GATEWAY$location/export.json" | wc -c)
  echo "run $run: ready in $ms ms (JSON $bytes bytes)"
  times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "subject access export, 3 referrals + 100 notes: median ${median} ms over $RUNS runs"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ) ($CONFIGURATION builds); machine: $(nproc) cores, .NET SDK $(dotnet --version)"
