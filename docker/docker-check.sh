#!/usr/bin/env bash
# Builds the image from docker/Dockerfile and checks it in a Docker engine: HEALTHCHECK turns healthy, time to the
# first 200 from /fhir/metadata, a $lookup, JSON logs, memory (docker stats), a SIGHUP reload, and a graceful stop
# (exit code and time). Prints one line per check; exit 0 when all pass.
#   docker/docker-check.sh                                   # Docker Hub's base images
#   docker/local-base-images.sh && MOLTX_BASE=local docker/docker-check.sh   # base images from Debian's packages
# Environment: MOLTX_BASE=local (use the moltx-base/* images), MOLTX_CHECK_PORT (host port, default 18080).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${MOLTX_CHECK_PORT:-18080}
NAME=moltx-check-$$
ARGS=()
if [[ ${MOLTX_BASE:-} == local ]]; then
  ARGS=(--build-arg BUILD_IMAGE=moltx-base/build:bookworm --build-arg RUNTIME_IMAGE=moltx-base/runtime:bookworm)
fi
trap 'docker rm -f "$NAME" >/dev/null 2>&1 || true' EXIT
now_ms() { date +%s%3N; }
fail() { echo "docker-check: FAIL: $*" >&2; docker logs --tail 20 "$NAME" >&2 || true; exit 1; }

t0=$(now_ms)
docker build --network host -q -f "$ROOT/docker/Dockerfile" -t moltx:0.1.0 "${ARGS[@]}" "$ROOT" >/dev/null
echo "docker-check: image moltx:0.1.0 built in $(( ($(now_ms) - t0) / 1000 )) s, $(docker image inspect -f '{{.Size}}' moltx:0.1.0 | awk '{ printf "%d MB", $1 / 1048576 }')"

t0=$(now_ms)
docker run -d --name "$NAME" -p "127.0.0.1:$PORT:8080" --read-only --tmpfs /tmp moltx:0.1.0 >/dev/null
until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/fhir/metadata") == 200 ]]; do
  [[ $(docker inspect -f '{{.State.Running}}' "$NAME") == true ]] || fail "the container exited"
  (( $(now_ms) - t0 < 120000 )) || fail "not ready after 120 s"
  sleep 0.05
done
echo "docker-check: ready in $(( $(now_ms) - t0 )) ms from docker run (read-only root file system, user $(docker exec "$NAME" id -u))"
curl -sf "http://127.0.0.1:$PORT/fhir/CodeSystem/\$lookup?system=http://www.ama-assn.org/go/cpt&code=81455" \
  | grep -q '"name": *"display"' || fail "\$lookup did not answer"
echo "docker-check: \$lookup of CPT 81455 answers"
first_line=$(docker logs "$NAME" 2>&1 | sed -n 1p)
[[ $first_line == '{"ts":'* ]] || fail "logs are not JSON lines: $first_line"
echo "docker-check: logs are JSON lines"
pid1=$(docker exec "$NAME" cat /proc/1/cmdline | tr '\0' ' ')
[[ $pid1 == *java*'-jar /app/moltx.jar'* ]] || fail "PID 1 is not java: $pid1"
[[ $pid1 == *'SharedArchiveFile=/app/moltx.jsa'* ]] || fail "the AppCDS archive is not used: $pid1"
echo "docker-check: PID 1 is java, with the image's AppCDS archive"
echo "docker-check: memory $(docker stats --no-stream --format '{{.MemUsage}}' "$NAME")"
for i in $(seq 1 40); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$NAME")
  [[ $health == healthy ]] && break
  sleep 1
done
[[ $health == healthy ]] || fail "HEALTHCHECK says $health"
echo "docker-check: HEALTHCHECK healthy"
docker kill -s HUP "$NAME" >/dev/null
for i in $(seq 1 30); do docker logs "$NAME" 2>&1 | grep -q 'SIGHUP: ' && break; sleep 1; done
reloaded=$(docker logs "$NAME" 2>&1 | grep -o 'SIGHUP: [^"]*' | tail -1)
[[ -n $reloaded ]] || fail "SIGHUP did not reload"
echo "docker-check: $reloaded"
t0=$(now_ms)
docker stop -t 15 "$NAME" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$NAME")
echo "docker-check: docker stop took $(( $(now_ms) - t0 )) ms, exit code $code"
[[ $code == 0 || $code == 143 ]] || fail "exit code $code after SIGTERM"
echo "docker-check: all checks passed"
