#!/usr/bin/env bash
# CI entry point for the HL7 terminology ecosystem tests (mode "general", 597 tests).
# Starts the built server (target/moltx.jar) on a free port, runs conformance/run-suite.sh against it, then
# conformance/run-validator.sh (the official HL7 validator using it as its terminology server), stops the server,
# and compares the pass count with the recorded minimum in conformance/tx-pass-count.txt.
#
# usage: conformance/check-suite.sh            (from anywhere; paths are resolved from this script)
# exit:  0  passed >= recorded minimum (or skipped with MOLTX_SKIP_TX=1)
#        1  passed < recorded minimum (regression), or the server died during the run
#        2  setup problem: no jar, server did not answer GET /fhir/metadata with 200 within the timeout
#        3  the runner itself did not run (server unreachable, /metadata?mode=terminology failed, library download failed, timeout)
# env:
#   MOLTX_SKIP_TX=1           skip entirely (exit 0)
#   MOLTX_SKIP_VALIDATOR=1    skip the HL7 validator check only
#   MOLTX_JAR                 server jar (default: target/moltx.jar in the project root)
#   MOLTX_TX_PORT             port to use (default: a free port)
#   MOLTX_TX_STARTUP_TIMEOUT  seconds to wait for /fhir/metadata (default 60)
#   MOLTX_TX_TIMEOUT          seconds allowed for the whole test run (default 1200)
#   MOLTX_SERVER_JAVA_OPTS    extra JVM options for the server
#   MOLTX_TX_MODES            extra test modes, e.g. "flat" (server returns flat expansions: 20 expand tests then
#                             use their response:flat files; still 597 tests). Keep tx-pass-count.txt consistent with it.
#   MOLTX_TX_UPDATE=1         write the new pass count into tx-pass-count.txt when it went up
#   TX_OUT, TX_RUNNER_LIB, TX_VERBOSE, JAVA, MVN: see run-suite.sh
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RECORD="$HERE/tx-pass-count.txt"
EXPECTED_TOTAL=597

if [ "${MOLTX_SKIP_TX:-0}" = "1" ] || [ "${MOLTX_SKIP_TX:-}" = "true" ]; then
  echo "check-suite: MOLTX_SKIP_TX is set - skipping the terminology ecosystem tests"
  exit 0
fi

JAVA="${JAVA:-java}"
JAR="${MOLTX_JAR:-$ROOT/target/moltx.jar}"
OUT="${TX_OUT:-$HERE/target}"
export TX_OUT="$OUT"
mkdir -p "$OUT"
SERVER_LOG="$OUT/server.log"

if [ ! -f "$JAR" ]; then
  echo "check-suite: ERROR: no server jar at $JAR (build it first: mvn package)" >&2
  exit 2
fi
if ! RECORDED="$(grep -o '^[[:space:]]*[0-9][0-9]*' "$RECORD" 2>/dev/null | head -1 | tr -d '[:space:]')" || [ -z "$RECORDED" ]; then
  echo "check-suite: ERROR: $RECORD must hold a single integer" >&2
  exit 2
fi

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo 18080
}

http_status() { # prints the HTTP status of a GET (000 when there is no answer)
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' -H 'Accept: application/fhir+json' "$1" 2>/dev/null || true
  else
    wget -q -S -O /dev/null -T 5 --header='Accept: application/fhir+json' "$1" 2>&1 | awk '/^  HTTP\//{c=$2} END{print c+0}'
  fi
}

PORT="${MOLTX_TX_PORT:-$(free_port)}"
BASE="http://localhost:$PORT/fhir"
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  SERVER_PID=""
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM

echo "check-suite: starting $JAR on port $PORT (log: $SERVER_LOG)"
# shellcheck disable=SC2086
"$JAVA" ${MOLTX_SERVER_JAVA_OPTS:-} -jar "$JAR" --port "$PORT" > "$SERVER_LOG" 2>&1 &
SERVER_PID=$!

deadline=$(( $(date +%s) + ${MOLTX_TX_STARTUP_TIMEOUT:-60} ))
status=000
while :; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "check-suite: ERROR: the server exited during startup; last lines of $SERVER_LOG:" >&2
    tail -n 30 "$SERVER_LOG" >&2
    SERVER_PID=""
    exit 2
  fi
  status="$(http_status "$BASE/metadata")"
  [ "$status" = "200" ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "check-suite: ERROR: GET $BASE/metadata did not answer 200 within ${MOLTX_TX_STARTUP_TIMEOUT:-60}s (last status $status); last lines of $SERVER_LOG:" >&2
    tail -n 30 "$SERVER_LOG" >&2
    exit 2
  fi
  sleep 0.5
done
echo "check-suite: server is up ($BASE/metadata -> 200); running the suite"

start=$(date +%s)
RUN_ARGS=("$BASE" -allow-failures)
[ -n "${MOLTX_TX_MODES:-}" ] && RUN_ARGS+=(-mode "$MOLTX_TX_MODES")
if command -v timeout >/dev/null 2>&1; then
  timeout "${MOLTX_TX_TIMEOUT:-1200}" bash "$HERE/run-suite.sh" "${RUN_ARGS[@]}" "$@"
else
  bash "$HERE/run-suite.sh" "${RUN_ARGS[@]}" "$@"
fi
rc=$?
secs=$(( $(date +%s) - start ))

# the same server as the HL7 validator's terminology server (skipped with extra runner arguments)
vrc=0
if [ $# -eq 0 ] && [ "${MOLTX_SKIP_VALIDATOR:-0}" != "1" ]; then
  echo "check-suite: validating conformance/validator/cases with the HL7 validator through $BASE"
  vstart=$(date +%s)
  bash "$HERE/run-validator.sh" "$BASE"
  vrc=$?
  echo "check-suite: HL7 validator check took $(( $(date +%s) - vstart ))s"
fi

server_died=0
if ! kill -0 "$SERVER_PID" 2>/dev/null; then server_died=1; SERVER_PID=""; fi
stop_server

if [ $rc -eq 124 ]; then
  echo "check-suite: ERROR: the suite did not finish within ${MOLTX_TX_TIMEOUT:-1200}s" >&2
  exit 3
fi
if [ $rc -ne 0 ]; then
  echo "check-suite: ERROR: the conformance runner did not run (exit $rc) - see the lines above and $OUT/test.log" >&2
  exit 3
fi
SUMMARY="$OUT/summary.properties"
prop() { sed -n "s/^$1=//p" "$SUMMARY" | head -1; }
if [ ! -f "$SUMMARY" ] || [ "$(prop aborted)" != "false" ]; then
  echo "check-suite: ERROR: the runner wrote no usable $SUMMARY" >&2
  exit 3
fi
PASSED="$(prop passed)"; FAILED="$(prop failed)"; TOTAL="$(prop total)"
if [ $# -eq 0 ] && [ "$TOTAL" != "$EXPECTED_TOTAL" ]; then
  echo "check-suite: ERROR: $TOTAL tests ran, expected $EXPECTED_TOTAL (mode general) - manifest or runner problem" >&2
  exit 3
fi
if [ $server_died -eq 1 ]; then
  echo "check-suite: ERROR: the server died during the run; last lines of $SERVER_LOG:" >&2
  tail -n 30 "$SERVER_LOG" >&2
  exit 1
fi

echo "check-suite: $PASSED passed, $FAILED failed of $TOTAL in ${secs}s; recorded minimum $RECORDED (conformance/tx-pass-count.txt)"
echo "check-suite: failing tests: $OUT/failed-tests.txt; diffs: diff -r $OUT/expected $OUT/actual"
if [ $# -ne 0 ]; then
  echo "check-suite: extra runner arguments given ($*): not comparing with the recorded minimum"
  exit 0
fi
if [ $vrc -ne 0 ]; then
  echo "check-suite: FAILURE: the HL7 validator judged conformance/validator/cases otherwise than expected (exit $vrc; see above)" >&2
  exit 1
fi
if [ "$PASSED" -lt "$RECORDED" ]; then
  echo "check-suite: FAILURE: terminology ecosystem tests regressed: $PASSED passed < $RECORDED recorded" >&2
  exit 1
fi
if [ "$PASSED" -gt "$RECORDED" ]; then
  if [ "${MOLTX_TX_UPDATE:-0}" = "1" ]; then
    echo "$PASSED" > "$RECORD"
    echo "check-suite: raised conformance/tx-pass-count.txt from $RECORDED to $PASSED (commit it)"
  else
    echo "check-suite: HINT: $PASSED passed > $RECORDED recorded - raise the bar: echo $PASSED > conformance/tx-pass-count.txt (or rerun with MOLTX_TX_UPDATE=1)"
  fi
fi
exit 0
