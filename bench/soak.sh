#!/usr/bin/env bash
# Soak test (not for CI): the benchmark's load for 10 minutes against one server, then errors and heap.
#   bench/soak.sh                    build the jar if missing, start it, load it for 600 s, report
# Load: wrk at 16 connections on loopback, alternating the benchmark's fixed requests ($lookup 81455,
# $validate-code C92.10, $translate 81455 -> ICD-10-CM, reverse $translate C92.41, filtered $expand, /metadata)
# with $lookup / $validate-code over 10,000 distinct ICD-10-CM codes (so the response cache does not hide the engine).
# Reports: requests, req/s, latency, non-2xx and socket errors, ERROR lines in the server log, and the heap after a
# full GC every minute (flat after warm-up = no leak), RSS before and after. Exit 0 when there were no errors and
# the heap after GC grew by less than SOAK_MAX_GROWTH_MB from the first sample after warm-up.
# env: SOAK_SECONDS (600), SOAK_CONNECTIONS (16), SOAK_THREADS (2), SOAK_WARMUP (30), SOAK_MAX_GROWTH_MB (16),
#      MOLTX_JAR (target/moltx.jar), SOAK_JVM_OPTS (default: config/jvm.options),
#      SOAK_OUT (also write the report to this file)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TOTAL=${SOAK_SECONDS:-600}
CONNECTIONS=${SOAK_CONNECTIONS:-16}
THREADS=${SOAK_THREADS:-2}
WARMUP=${SOAK_WARMUP:-30}
MAX_GROWTH_MB=${SOAK_MAX_GROWTH_MB:-16}
JAR=${MOLTX_JAR:-$ROOT/target/moltx.jar}
if [[ -n "${SOAK_JVM_OPTS:-}" ]]; then JVM_OPTS=$SOAK_JVM_OPTS
else JVM_OPTS=$(grep -v '^[[:space:]]*#' "$ROOT/config/jvm.options" | xargs); fi
ICD=http://hl7.org/fhir/sid/icd-10-cm
CPT=http://www.ama-assn.org/go/cpt
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
log() { echo "soak: $*" >&2; }
die() { log "$*"; exit 1; }

command -v wrk >/dev/null || die "wrk is needed (apt-get install wrk)"
command -v jcmd >/dev/null || die "jcmd (JDK) is needed to read the heap after a full GC"
if [[ ! -f "$JAR" ]]; then log "building $JAR"; (cd "$ROOT" && mvn -B -q package -DskipTests); fi

# 10,000 distinct billable ICD-10-CM codes from the release in the content folder, dotted as FHIR writes them
zcat "$ROOT/terminology/releases/icd10cm-order-FY2026.txt.gz" \
  | awk 'substr($0,15,1)=="1" { c=substr($0,7,7); gsub(/ /,"",c); if (length(c)>3) c=substr(c,1,3) "." substr(c,4);
           print c; if (++n == 10000) exit }' > "$WORK/codes.txt" || true  # zcat stops on SIGPIPE
[[ $(wc -l < "$WORK/codes.txt") -eq 10000 ]] || die "could not read 10,000 codes from the ICD-10-CM order file"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
log "starting: bin/moltx on port $PORT (JVM options: $JVM_OPTS)"
# shellcheck disable=SC2086
# shellcheck disable=SC2086
printf '%s\n' $JVM_OPTS > "$WORK/jvm.options"
MOLTX_PORT=$PORT MOLTX_ACCESS_LOG=false MOLTX_JAR=$JAR MOLTX_JVM_OPTIONS=$WORK/jvm.options JAVA_OPTS= \
  "$ROOT/bin/moltx" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz") == 200 ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; die "the server exited"; }
  sleep 0.5
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz") == 200 ]] || die "the server is not ready"

cat > "$WORK/soak.lua" <<LUA
local fixed = {
  "/fhir/CodeSystem/\$lookup?system=$CPT&code=81455",
  "/fhir/CodeSystem/\$validate-code?url=$ICD&code=C92.10",
  "/fhir/ConceptMap/\$translate?system=$CPT&code=81455&targetsystem=$ICD",
  "/fhir/ConceptMap/\$translate?system=$ICD&code=C92.41&reverse=true",
  "/fhir/ValueSet/\$expand?url=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Ficd-10-cm%3Ffhir_vs&filter=leukemia&count=20",
  "/fhir/metadata",
}
local counter = 0
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args)
  reqs = {}
  local n = 0
  for code in io.lines("$WORK/codes.txt") do
    n = n + 1
    reqs[#reqs + 1] = wrk.format("GET", "/fhir/CodeSystem/\$lookup?system=$ICD&code=" .. code)
    reqs[#reqs + 1] = wrk.format("GET", "/fhir/CodeSystem/\$validate-code?url=$ICD&code=" .. code)
    reqs[#reqs + 1] = wrk.format("GET", fixed[(n % #fixed) + 1])
  end
  i = (id * 7919) % #reqs
end
function request() i = i % #reqs + 1; return reqs[i] end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SOAK requests=%d seconds=%.0f rps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.1f non2xx=%d "
    .. "connect_err=%d read_err=%d write_err=%d timeouts=%d\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
LUA

heap_after_gc() {  # MB used in the heap right after a full GC
  jcmd "$SERVER_PID" GC.run >/dev/null
  sleep 1
  curl -s "$BASE/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ { s += $NF } END { printf "%.1f", s / 1048576 }'
}
rss_mb() { ps -o rss= -p "$SERVER_PID" | awk '{ printf "%.0f", $1 / 1024 }'; }

RSS_START=$(rss_mb); HEAP_START=$(heap_after_gc)
log "ready; heap after GC ${HEAP_START} MB, RSS ${RSS_START} MB; load for ${SECONDS_TOTAL} s at $CONNECTIONS connections"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_TOTAL}s" --timeout 10s -s "$WORK/soak.lua" "$BASE" > "$WORK/wrk.out" 2>&1 &
WRK_PID=$!
SAMPLES=()
ELAPSED=0
while kill -0 "$WRK_PID" 2>/dev/null; do
  sleep 5; ELAPSED=$((ELAPSED + 5))
  if (( ELAPSED >= WARMUP && (ELAPSED - WARMUP) % 60 == 0 )); then
    h=$(heap_after_gc); SAMPLES+=("$h"); log "t=${ELAPSED}s heap after GC ${h} MB, RSS $(rss_mb) MB"
  fi
done
wait "$WRK_PID" || true
RSS_END=$(rss_mb); HEAP_END=$(heap_after_gc)
SOAK_LINE=$(grep '^SOAK ' "$WORK/wrk.out" || true)
[[ -n "$SOAK_LINE" ]] || { cat "$WORK/wrk.out" >&2; die "wrk did not report"; }
errors_in_log=$(grep -c ' ERROR ' "$WORK/server.log" || true)
val() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<< " $SOAK_LINE"; }
socket_errors=$(( $(val connect_err) + $(val read_err) + $(val write_err) + $(val timeouts) ))
FIRST=${SAMPLES[0]:-$HEAP_START}
growth=$(awk -v a="$FIRST" -v b="$HEAP_END" 'BEGIN { printf "%.1f", b - a }')
{
  echo "moltx soak: ${SECONDS_TOTAL} s, $CONNECTIONS connections, JVM $JVM_OPTS"
  echo "  $SOAK_LINE"
  echo "  errors: non-2xx $(val non2xx), socket $socket_errors, ERROR lines in the server log $errors_in_log"
  echo "  heap after full GC (MB): start $HEAP_START, after warm-up $FIRST, per minute ${SAMPLES[*]:-none}, end $HEAP_END (growth $growth)"
  echo "  RSS (MB): start $RSS_START, end $RSS_END"
} | tee "${SOAK_OUT:-/dev/null}"
if [[ $(val non2xx) -ne 0 || $socket_errors -ne 0 || $errors_in_log -ne 0 ]]; then
  log "FAIL: errors during the soak"; grep ' ERROR ' "$WORK/server.log" | head -5 >&2 || true; exit 1
fi
if awk -v g="$growth" -v m="$MAX_GROWTH_MB" 'BEGIN { exit !(g > m) }'; then
  log "FAIL: the heap after GC grew by $growth MB (limit $MAX_GROWTH_MB)"; exit 1
fi
log "PASS: no errors, heap flat after warm-up"
