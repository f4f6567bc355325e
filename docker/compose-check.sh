#!/usr/bin/env bash
# The compose profile "scaled" (two replicas behind nginx) under load: wrk runs the mixed workload through nginx
# while each replica is restarted in turn (docker restart: SIGTERM, graceful stop, start) and then one replica's JVM is
# killed outright (kill -9, as a crash; the restart policy brings it back). Prints the client's requests and errors,
# and when each replica was healthy again. Needs docker, docker compose (v2, or v1 with --compatibility), wrk, curl.
#   docker/compose-check.sh
#   docker/local-base-images.sh && MOLTX_BASE=local docker/compose-check.sh    # without Docker Hub
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_UNDER_LOAD=${COMPOSE_CHECK_SECONDS:-90}
if [[ ${MOLTX_BASE:-} == local ]]; then
  export MOLTX_BASE_BUILD=moltx-base/build:bookworm MOLTX_BASE_RUNTIME=moltx-base/runtime:bookworm \
    MOLTX_BASE_NGINX=moltx-base/nginx:bookworm
fi
WORK=$(mktemp -d /tmp/moltx-compose.XXXXXX)
if docker compose version >/dev/null 2>&1; then
  compose() { docker compose -p moltx -f "$ROOT/docker/compose.yaml" --profile scaled "$@"; }
else
  # Compose v1 knows neither the top-level name nor deploy.replicas without --compatibility
  sed '/^name:/d' "$ROOT/docker/compose.yaml" > "$ROOT/docker/.compose-v1.yaml"
  compose() { docker-compose --compatibility -p moltx -f "$ROOT/docker/.compose-v1.yaml" --profile scaled "$@"; }
fi
cleanup() { compose down >/dev/null 2>&1 || true; rm -rf "$WORK" "$ROOT/docker/.compose-v1.yaml"; }
trap cleanup EXIT
now_ms() { date +%s%3N; }
healthy_after() { # CONTAINER T0: waits until healthy, prints ms since T0
  for _ in $(seq 1 240); do
    [[ $(docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null) == healthy ]] && { echo $(( $(now_ms) - $2 )); return; }
    sleep 0.25
  done
  echo "never"
}

compose up -d --build nginx > "$WORK/up.log" 2>&1 || { tail -20 "$WORK/up.log" >&2; exit 1; }
NODES=($(docker ps --filter label=com.docker.compose.service=moltx-node --format '{{.Names}}' | sort))
(( ${#NODES[@]} == 2 )) || { echo "compose-check: expected 2 replicas, found ${NODES[*]}" >&2; exit 1; }
for n in "${NODES[@]}"; do [[ $(healthy_after "$n" "$(now_ms)") != never ]] || { echo "$n not healthy" >&2; exit 1; }; done
until curl -sf -o /dev/null http://127.0.0.1:8081/fhir/metadata; do sleep 0.2; done
echo "compose-check: ${NODES[*]} healthy behind nginx on :8081"

"$ROOT/bench/mixed-codes.sh" > "$WORK/codes.txt"
wrk -t2 -c16 -d"${SECONDS_UNDER_LOAD}s" -s "$ROOT/bench/wrk.lua" http://127.0.0.1:8081/ -- mixed "$WORK/codes.txt" /fhir \
  > "$WORK/wrk.txt" 2>&1 &
WRK=$!
sleep 5
for n in "${NODES[@]}"; do
  t0=$(now_ms)
  docker restart -t 15 "$n" >/dev/null
  echo "compose-check: rolling restart: $n stopped and started in $(( $(now_ms) - t0 )) ms, healthy after $(healthy_after "$n" "$t0") ms (HEALTHCHECK every 15 s)"
done
victim=${NODES[0]}
t0=$(now_ms)
restarts=$(docker inspect -f '{{.RestartCount}}' "$victim")
kill -9 "$(docker inspect -f '{{.State.Pid}}' "$victim")"
until (( $(docker inspect -f '{{.RestartCount}}' "$victim") > restarts )); do sleep 0.1; done
echo "compose-check: kill -9 of $victim's JVM: healthy again after $(healthy_after "$victim" "$t0") ms (restart policy), restarts $(docker inspect -f '{{.RestartCount}}' "$victim")"
wait "$WRK" || true
docker logs "$(docker ps -a --filter label=com.docker.compose.service=nginx --format '{{.Names}}')" 2>&1 \
  | grep -E '\[(warn|error)\]|upstream_status' | sed 's/^[0-9/]* [0-9:]* //; s/, client: .*//; s/ t=[0-9.]*$//; s/\*[0-9]* //; s/[0-9]*#[0-9]*: //' | sort | uniq -c | sort -rn | head -8 \
  | sed 's/^/compose-check: nginx: /' || true
line=$(grep '^BENCH' "$WORK/wrk.txt") || { cat "$WORK/wrk.txt" >&2; exit 1; }
echo "compose-check: client saw: $(tr ' ' '\n' <<< "$line" | grep -E '^(requests|rps|non2xx|connect_err|read_err|write_err|timeouts)=' | xargs)"
tr ' ' '\n' <<< "$line" | grep -qE '^(non2xx|connect_err|read_err|write_err|timeouts)=[1-9]' && { echo "compose-check: FAIL: failed requests" >&2; exit 1; }
echo "compose-check: no failed request"
