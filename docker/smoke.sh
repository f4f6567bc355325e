#!/usr/bin/env bash
# Runs the built jar the way docker/Dockerfile runs it (same entrypoint, JVM options, environment variables,
# HEALTHCHECK command, a read-only content folder), for machines without a Docker engine:
#   mvn -B -q package -DskipTests && docker/smoke.sh
# Checks: ready via the health probe, a $lookup, JSON logs, SIGHUP reload, graceful SIGTERM. Exit 0 when all pass.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${MOLTX_JAR:-$ROOT/target/moltx.jar}"
PORT="${MOLTX_SMOKE_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
WORK="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null || true; chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT
fail() { echo "smoke: FAIL: $*" >&2; echo "--- server log" >&2; tail -20 "$WORK/log" >&2; exit 1; }

# another terminology/ folder, mounted read-only
cp -r "$ROOT/terminology" "$WORK/terminology" && chmod -R a-w "$WORK/terminology"

# the image's entrypoint: bin/moltx with config/jvm.options
export MOLTX_PORT="$PORT" MOLTX_LOG_FORMAT=json MOLTX_CONTENT="$WORK/terminology" MOLTX_JAR="$JAR" JAVA_OPTS=""
"$ROOT/bin/moltx" > "$WORK/log" 2>&1 &
PID=$!
echo "smoke: bin/moltx ($(basename "$JAR")) on port $PORT (pid $PID)"
probe() { java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx24m -cp "$JAR" org.moltx.app.HealthProbe "$1"; }
for i in $(seq 1 60); do probe /readyz 2>/dev/null && break; kill -0 "$PID" 2>/dev/null || fail "the server exited"; sleep 1; done
probe /readyz || fail "not ready after 60 s"
echo "smoke: ready (HEALTHCHECK command exit 0)"
B="http://127.0.0.1:$PORT"
curl -sf "$B/fhir/CodeSystem/\$lookup?system=http://www.ama-assn.org/go/cpt&code=81455" | grep -q '"display"' \
  || fail "\$lookup did not answer"
echo "smoke: \$lookup answers"
grep -q '^{"ts":' "$WORK/log" || fail "logs are not JSON lines"
echo "smoke: logs are JSON lines"
kill -HUP "$PID"
for i in $(seq 1 30); do grep -q 'SIGHUP: Content reloaded' "$WORK/log" && break; sleep 1; done
grep -q 'SIGHUP: Content reloaded' "$WORK/log" || fail "SIGHUP did not reload"
echo "smoke: SIGHUP reloaded the content"
curl -sf -o /dev/null "$B/fhir/metadata" || fail "no answer after the reload"
kill -TERM "$PID"
wait "$PID" && rc=0 || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 143 ] || fail "exit code $rc after SIGTERM"
echo "smoke: stopped on SIGTERM (exit $rc)"
echo "smoke: all checks passed"
