#!/usr/bin/env bash
# moltx benchmark: one command that builds the jar, starts the server with bin/moltx (JVM options: config/jvm.options),
# measures time to ready and RSS, loads each case on loopback with wrk, measures the ceiling (nginx serving the
# same $lookup bytes as a static file) in the same run, and prints a table with the targets (issue "one pipeline";
# the RSS targets are the "scale out" issue's).
#
# Two sections, one server start each (same JVM options, port and readiness wait):
#   cache on   the server as shipped, with its GET response cache: every case.
#   cache off  the server restarted with --cache-entries 0, so that the cache never hides the engine: the same
#              cases, recorded as "NAME (cache off)", except metadata and cds-order-sign (CDS Hooks is a POST,
#              never cached), which run in the cache-on section only. The mixed workload uses the same 10,000 codes,
#              none of them ever answered from a cache. /metrics must show no cache hits or misses.
# The nginx ceiling is measured once, and every figure of both sections is a fraction of it.
#
#   bench/run.sh                         # build + full run (about 5 minutes, plus any wait for an idle machine)
#   BENCH_SKIP_BUILD=1 bench/run.sh      # use the existing target/moltx.jar
#   BENCH_CASES="mixed-10k" bench/run.sh # mixed-10k with the cache on and with the cache off
#   BENCH_CACHE_OFF=0 bench/run.sh       # the cache-on section only
#
# Settings (environment):
#   BENCH_SKIP_BUILD=1        do not run mvn package
#   BENCH_DURATION=10         seconds measured per case
#   BENCH_WARMUP=3            seconds of warm-up load per case, not measured
#   BENCH_JIT_WARMUP=20       seconds of load after each start, before the first case, not measured
#   BENCH_CONNECTIONS=16      wrk connections
#   BENCH_THREADS=2           wrk threads
#   BENCH_PORT=18080          moltx port (loopback)
#   BENCH_NGINX_PORT=18081    nginx port (loopback)
#   BENCH_MIXED_CODES=10000   distinct ICD-10-CM codes in the mixed workload
#   BENCH_TYPEAHEAD_QUERIES=3000  distinct queries of the typeahead workload (cache off only)
#   BENCH_JVM_OPTS="..."      JVM options instead of those in config/jvm.options (and without the launcher's
#                             AppCDS archive: exactly these options)
#   BENCH_SERVER_ARGS="..."   extra moltx options for both sections, e.g. "--access-log false" (default: none, the
#                             server as shipped; the cache-off section adds --cache-entries 0 after them)
#   BENCH_CASES="lookup ..."  only these cases (names as in the table, without " (cache off)"; a name selects both
#                             its cache-on and its cache-off run; the ceiling always runs)
#   BENCH_CACHE_OFF=0         skip the cache-off section (no restart; default 1: measure both sections)
#   BENCH_NO_RESULTS=1        do not write bench/results/
#   BENCH_SUMMARY=FILE        also write the figures as "key value" lines to FILE (used by jvm-compare.sh); cache-off
#                             keys end in "-cache-off" (rps.lookup-cache-off, ready_ms-cache-off, ...)
#   BENCH_NOISE_PCT=10        mark a case * when other processes used more than this % of the CPUs during it
#   BENCH_KEEP=1              keep the work directory (server logs, wrk output)
#   BENCH_IDLE_WAIT=300       seconds to wait for other work on the machine to stop before measuring (the load
#                             generator, nginx and moltx share the CPUs, so anything else skews every figure)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
JAR=$ROOT/target/moltx.jar
PORT=${BENCH_PORT:-18080}
NGINX_PORT=${BENCH_NGINX_PORT:-18081}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
JIT_WARMUP=${BENCH_JIT_WARMUP:-20}
MIXED_CODES=${BENCH_MIXED_CODES:-10000}
TYPEAHEAD_QUERIES=${BENCH_TYPEAHEAD_QUERIES:-3000}
LAUNCHER=$ROOT/bin/moltx
JVM_OPTS=${BENCH_JVM_OPTS:-$(grep -v '^[[:space:]]*#' "$ROOT/config/jvm.options" | xargs)}
SERVER_ARGS=${BENCH_SERVER_ARGS:-}
CACHE_OFF=${BENCH_CACHE_OFF:-1}
CACHE_OFF_ARGS="--cache-entries 0"   # after SERVER_ARGS: the last value of an option wins
OFF=" (cache off)"                   # suffix of the cache-off section's case names
CACHE_ON_ONLY="metadata cds-order-sign"
CACHE_OFF_ONLY="typeahead"           # every keystroke is a new query: no cache helps, so measured without one
BASE=http://127.0.0.1:$PORT
FHIR=$BASE/fhir
ICD=http://hl7.org/fhir/sid/icd-10-cm
CPT=http://www.ama-assn.org/go/cpt
CDS_SERVICE=order-sign-indications

WORK=$(mktemp -d /tmp/moltx-bench.XXXXXX)
chmod 755 "$WORK"
# the server starts through bin/moltx; BENCH_JVM_OPTS become its options file (one per line), without AppCDS
if [[ -n ${BENCH_JVM_OPTS:-} ]]; then
  # shellcheck disable=SC2086
  printf '%s\n' $BENCH_JVM_OPTS > "$WORK/jvm.options"
  export MOLTX_JVM_OPTIONS=$WORK/jvm.options MOLTX_CDS=0
fi
export MOLTX_JAR=$JAR JAVA_OPTS=
SERVER_PID=
NGINX_PID=

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

cleanup() {
  set +e
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "bench: work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# Percentage of all CPUs busy over one second (from /proc/stat: everything but idle and iowait).
cpu_busy_pct() {
  local a b
  a=$(awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6 }' /proc/stat); sleep 1
  b=$(awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[1] - x[1]; i = y[2] - x[2]
    printf "%.0f", (t > 0 ? 100 * (t - i) / t : 0) }'
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- 1. build --------------------------------------------------------------------------------------------------
if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  log "bench: building (mvn -B -q -DskipTests package)"
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi
[[ -f $JAR ]] || die "no $JAR (build it, or unset BENCH_SKIP_BUILD)"

# --- 2. tools --------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  log "bench: installing wrk and nginx from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q wrk nginx >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk nginx >/dev/null; }
fi
command -v curl >/dev/null || die "curl is needed"
port_free "$PORT" || die "port $PORT is in use (set BENCH_PORT)"
port_free "$NGINX_PORT" || die "port $NGINX_PORT is in use (set BENCH_NGINX_PORT)"

# --- 2b. a quiet machine ----------------------------------------------------------------------------------------
deadline=$(( $(date +%s) + ${BENCH_IDLE_WAIT:-300} ))
while BUSY_BEFORE=$(cpu_busy_pct); (( BUSY_BEFORE > 10 )); do
  if (( $(date +%s) >= deadline )); then
    log "bench: WARNING: the CPUs are ${BUSY_BEFORE}% busy with other work; the figures will be low"; break
  fi
  log "bench: the CPUs are ${BUSY_BEFORE}% busy with other work; waiting (BENCH_IDLE_WAIT)"
  sleep 4
done

# --- 3. the 10,000 codes of the mixed workload -------------------------------------------------------------------
"$BENCH_DIR/mixed-codes.sh" "$MIXED_CODES" > "$WORK/codes.txt"
log "bench: mixed workload over $(wc -l < "$WORK/codes.txt") distinct ICD-10-CM codes"

# --- 3b. the typeahead workload: what people type in a code picker -------------------------------------------------
# Distinct $expand searches over ICD-10-CM with count=10, drawn with a fixed seed from the FY2026 long titles: a word
# prefix of 3-7 letters (75%; one word, or a whole word then the next word's prefix), or a code prefix of 2-5
# characters, dotted after 3 like a coder types it (25%). One path per line; wrk.lua's "paths" mode cycles them.
RELEASES=$ROOT/terminology/releases
zcat "$RELEASES/icd10cm-order-FY2026.txt.gz" | tr -d '\r' | awk -v want="$TYPEAHEAD_QUERIES" '
    BEGIN { srand(12) }
    { code = substr($0, 7, 7); gsub(/ /, "", code); codes[n] = code; titles[n++] = tolower(substr($0, 78)) }
    END {
      vs = "http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Ficd-10-cm%3Ffhir_vs"
      while (taken < want && tries++ < want * 50) {
        i = int(rand() * n)
        if (rand() < 0.25) {
          c = substr(codes[i], 1, 2 + int(rand() * 4))
          q = length(c) > 3 ? substr(c, 1, 3) "." substr(c, 4) : c
        } else {
          m = split(titles[i], w, /[^a-z]+/); k = 0
          for (j = 1; j <= m; j++) if (length(w[j]) >= 3) words[++k] = w[j]
          if (k == 0) continue
          j = 1 + int(rand() * k)
          last = substr(words[j], 1, 3 + int(rand() * 5))
          q = (j < k && rand() < 0.4) ? words[j] "%20" substr(words[j + 1], 1, 3 + int(rand() * 5)) : last
        }
        if (q in seen) continue
        seen[q] = 1; taken++
        print "/ValueSet/$expand?url=" vs "&filter=" q "&count=10"
      }
    }' > "$WORK/typeahead.txt"
log "bench: typeahead workload of $(wc -l < "$WORK/typeahead.txt") distinct queries"

# --- 4. start moltx, time to ready, RSS after start ------------------------------------------------------------------
# start_server LOG_NAME [moltx options...]: starts moltx on $PORT with $JVM_OPTS, $SERVER_ARGS and the given options,
# logging to $WORK/LOG_NAME, and waits for the first 200 from /fhir/metadata (polled every 20 ms). Sets SERVER_PID,
# STARTED_READY_MS (start to ready) and STARTED_RSS_MB (RSS once ready).
start_server() {
  local server_log=$WORK/$1 t0; shift
  port_free "$PORT" || die "port $PORT is in use (set BENCH_PORT)"
  log "bench: starting moltx: bin/moltx --port $PORT${SERVER_ARGS:+ $SERVER_ARGS}${*:+ $*} (JVM options: $JVM_OPTS)"
  t0=$(now_ms)
  # shellcheck disable=SC2086  # JVM_OPTS and SERVER_ARGS are lists of options
  "$LAUNCHER" --port "$PORT" $SERVER_ARGS "$@" > "$server_log" 2>&1 &
  SERVER_PID=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$FHIR/metadata") == 200 ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$server_log" >&2; die "moltx exited during start-up"; }
    (( $(now_ms) - t0 < 120000 )) || die "moltx not ready after 120 s"
    sleep 0.02
  done
  STARTED_READY_MS=$(( $(now_ms) - t0 ))
  STARTED_RSS_MB=$(rss_mb "$SERVER_PID")
  log "bench: ready in $STARTED_READY_MS ms, RSS $STARTED_RSS_MB MB"
}
# stop_server: stops moltx and waits until it has exited and $PORT is free again.
stop_server() {
  log "bench: stopping moltx"
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  local _
  for _ in $(seq 100); do port_free "$PORT" && return 0; sleep 0.1; done
  die "port $PORT still in use 10 s after moltx stopped"
}

start_server server.log
READY_MS=$STARTED_READY_MS RSS_START=$STARTED_RSS_MB

# --- 5. the ceiling: nginx serving the $lookup bytes ------------------------------------------------------------------
LOOKUP_PATH="/fhir/CodeSystem/\$lookup?system=$CPT&code=81455"
mkdir -p "$WORK/nginx/www" "$WORK/nginx/tmp"
curl -sf "$BASE$LOOKUP_PATH" > "$WORK/nginx/www/lookup.json" || die "GET \$lookup of 81455 failed"
chmod -R a+rX "$WORK/nginx"
sed "s/@PORT@/$NGINX_PORT/" "$BENCH_DIR/nginx.conf" > "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx/" -c nginx.conf -g 'daemon off;' 2> "$WORK/nginx/stderr.log" &
NGINX_PID=$!
for _ in $(seq 100); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/lookup.json") == 200 ]] && break
  sleep 0.05
done
cmp -s <(curl -s "http://127.0.0.1:$NGINX_PORT/lookup.json") "$WORK/nginx/www/lookup.json" \
  || { cat "$WORK/nginx/stderr.log" "$WORK/nginx/error.log" >&2 2>/dev/null; die "nginx does not serve the \$lookup bytes"; }

# --- 6. the cases ----------------------------------------------------------------------------------------------------------
# name | URL | check of the answer (has PATTERN, count PATTERN N, or a check_ function) | wrk script args
CASES=(
  "lookup|$FHIR/CodeSystem/\$lookup?system=$CPT&code=81455|has '\"name\":\"display\"'|"
  "validate-code|$FHIR/CodeSystem/\$validate-code?url=$ICD&code=C92.10|has '\"name\":\"result\",\"valueBoolean\":true'|"
  "translate|$FHIR/ConceptMap/\$translate?system=$CPT&code=81455&targetsystem=$ICD|count '\"name\":\"match\"' 11|"
  "translate-reverse|$FHIR/ConceptMap/\$translate?system=$ICD&code=C92.41&reverse=true|has '\"code\":\"81455\"'|"
  "expand-filter|$FHIR/ValueSet/\$expand?url=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Ficd-10-cm%3Ffhir_vs&filter=leukemia&count=20|count '\"code\":\"' 20|"
  "metadata|$FHIR/metadata|has '\"resourceType\":\"CapabilityStatement\"'|"
  "mixed-10k|$FHIR|check_mixed|mixed $WORK/codes.txt /fhir"
  "typeahead|$FHIR|check_typeahead|paths $WORK/typeahead.txt /fhir"
  "cds-order-sign|$BASE/cds-services/$CDS_SERVICE|check_cds|post $BENCH_DIR/cds-order-sign.json"
)
# Targets (issue "one pipeline"), by the name in the table: minimum fraction of the ceiling (nginx, same run),
# maximum p50 ms, maximum p99 ms. The engine is judged with the cache off; with the cache on, only lookup and
# validate-code (the cache's hits) and cds-order-sign (POST, never cached; measured once, cache on) have targets.
declare -A MIN_FRACTION=(
  [lookup]=0.6 [validate-code]=0.6
  ["lookup$OFF"]=0.4 ["validate-code$OFF"]=0.4 ["translate$OFF"]=0.4 ["translate-reverse$OFF"]=0.4
  ["expand-filter$OFF"]=0.2 ["mixed-10k$OFF"]=0.35 ["typeahead$OFF"]=0.1)
declare -A MAX_P50=()
declare -A MAX_P99=(
  [cds-order-sign]=10
  ["lookup$OFF"]=5 ["validate-code$OFF"]=5 ["translate$OFF"]=5 ["translate-reverse$OFF"]=5 ["expand-filter$OFF"]=5
  ["mixed-10k$OFF"]=5 ["typeahead$OFF"]=10)
TARGET_READY_MS=3000
# RSS targets of the scale-out issue (a replica small enough to pack many on a node); the benchmark issue's were 300
TARGET_RSS_START_MB=160
TARGET_RSS_LOAD_MB=220
# RSS after the load is read once the server has idled this long: the JVM returns native memory that the JIT
# compilers freed (tens of MB at the end of a case) every 5 s (TrimNativeHeapInterval, config/jvm.options); the
# reading at the last request is shown beside it
SETTLE_S=6

# The body of the last answer ($WORK/body) contains PATTERN / contains PATTERN exactly N times.
has() { grep -qF -- "$1" "$WORK/body"; }
count() { [[ $(grep -oF -- "$1" "$WORK/body" | wc -l) == "$2" ]]; }

# Every code of the mixed workload answers 200 to both operations (one curl process, 20,000 requests), and a
# sample answers with a display / result=true.
check_mixed() {
  local code bad
  awk -v u="$FHIR/CodeSystem" -v s="$ICD" '{
      printf "url = \"%s/$lookup?system=%s&code=%s\"\noutput = /dev/null\n", u, s, $1
      printf "url = \"%s/$validate-code?url=%s&code=%s\"\noutput = /dev/null\n", u, s, $1
    }' "$WORK/codes.txt" > "$WORK/mixed-check.curl"
  bad=$(curl -s -K "$WORK/mixed-check.curl" -w '%{http_code} %{url_effective}\n' | grep -v '^200 ' || true)
  [[ -z $bad ]] || { log "bench: mixed workload codes that fail:"; head -5 <<< "$bad" >&2; return 1; }
  for code in $(awk 'NR % 500 == 1' "$WORK/codes.txt"); do
    curl -sf "$FHIR/CodeSystem/\$lookup?system=$ICD&code=$code" | grep -q '"name":"display"' \
      || { log "bench: \$lookup of $code has no display"; return 1; }
    curl -sf "$FHIR/CodeSystem/\$validate-code?url=$ICD&code=$code" | grep -q '"valueBoolean":true' \
      || { log "bench: \$validate-code of $code is not true"; return 1; }
  done
}

# Every typeahead query answers 200 with an expansion (one curl process), and a sample of them finds something.
check_typeahead() {
  local path bad
  awk -v b="$FHIR" '{ printf "url = \"%s%s\"\noutput = /dev/null\n", b, $0 }' "$WORK/typeahead.txt" \
    > "$WORK/typeahead-check.curl"
  bad=$(curl -s -K "$WORK/typeahead-check.curl" -w '%{http_code} %{url_effective}\n' | grep -v '^200 ' || true)
  [[ -z $bad ]] || { log "bench: typeahead queries that fail:"; head -5 <<< "$bad" >&2; return 1; }
  for path in $(awk 'NR % 300 == 1' "$WORK/typeahead.txt"); do
    curl -sf "$FHIR$path" | grep -q '"contains"' || { log "bench: typeahead $path finds nothing"; return 1; }
  done
}

# The order-sign case runs only when the server offers CDS Hooks; it then must answer with a JSON cards array.
check_cds() {
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary "@$BENCH_DIR/cds-order-sign.json" \
    "$BASE/cds-services/$CDS_SERVICE" > "$WORK/body" && grep -q '"cards"' "$WORK/body"
}
cds_available() {
  [[ $(curl -s -o "$WORK/discovery" -w '%{http_code}' "$BASE/cds-services") == 200 ]] \
    && grep -q "\"$CDS_SERVICE\"" "$WORK/discovery"
}

# CPU time, in clock ticks: of the whole machine (total, busy), and of the given processes (user + system).
machine_ticks() { awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $2+$3+$4+$7+$8+$9 }' /proc/stat; }
process_ticks() { cat "${@/#//proc/}" 2>/dev/null | awk '{ s += $14 + $15 } END { print s + 0 }'; }
HZ=$(getconf CLK_TCK)

# run_wrk NAME URL [script args...]: warm-up, then the measured run; prints wrk.lua's BENCH line, plus other_pct:
# the share of all CPUs that processes other than moltx, nginx and wrk used during the measured run.
run_wrk() {
  local name=$1 url=$2; shift 2
  local args=(-t"$THREADS" -c"$CONNECTIONS" -s "$BENCH_DIR/wrk.lua" "$url")
  (( $# )) && args+=(-- "$@")
  wrk -d"${WARMUP}s" "${args[@]}" > "$WORK/wrk-$name-warmup.txt"
  local ours=("$SERVER_PID/stat" "$NGINX_PID/stat")
  local p; for p in $(pgrep -P "$NGINX_PID"); do ours+=("$p/stat"); done
  local m0 o0 m1 o1 TIMEFORMAT='%3U %3S'
  m0=$(machine_ticks); o0=$(process_ticks "${ours[@]}")
  { time wrk -d"${DURATION}s" "${args[@]}" > "$WORK/wrk-$name.txt"; } 2> "$WORK/wrk-$name.time"
  m1=$(machine_ticks); o1=$(process_ticks "${ours[@]}")
  local other
  other=$(awk -v m0="$m0" -v m1="$m1" -v o="$((o1 - o0))" -v hz="$HZ" -v w="$(cat "$WORK/wrk-$name.time")" 'BEGIN {
      split(m0, a, " "); split(m1, b, " "); split(w, c, " ")
      total = b[1] - a[1]; busy = b[2] - a[2] - o - (c[1] + c[2]) * hz
      printf "%.0f", (total > 0 && busy > 0) ? 100 * busy / total : 0 }')
  local line
  line=$(grep '^BENCH ' "$WORK/wrk-$name.txt") || die "wrk gave no result for $name: $(cat "$WORK/wrk-$name.txt")"
  echo "$line other_pct=$other"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }

declare -A RPS P50 P99 NON2XX ERRORS OTHER SKIPPED
ORDER=()
record() {  # record NAME BENCH-LINE
  local name=$1 line=$2
  ORDER+=("$name")
  RPS[$name]=$(field rps "$line"); P50[$name]=$(field p50_ms "$line"); P99[$name]=$(field p99_ms "$line")
  NON2XX[$name]=$(field non2xx "$line"); OTHER[$name]=$(field other_pct "$line")
  ERRORS[$name]=$(( $(field connect_err "$line") + $(field read_err "$line") + $(field write_err "$line") \
    + $(field timeouts "$line") ))
  log "bench: $(printf '%-30s' "$name") ${RPS[$name]} req/s  p50 ${P50[$name]} ms  p99 ${P99[$name]} ms  non-2xx ${NON2XX[$name]}  other CPU ${OTHER[$name]}%"
}

# cache_requests: "HITS MISSES" of the response cache, from GET /metrics (moltx_cache_requests_total); nothing when
# /metrics does not have them.
cache_requests() {
  { curl -s "$BASE/metrics" || true; } | awk '/^moltx_cache_requests_total[{]/ {
      found = 1; if (/result="hit"/) h += $NF; else if (/result="miss"/) m += $NF }
    END { if (found) printf "%d %d", h, m }'
}

# selected NAME: the case is in BENCH_CASES (or BENCH_CASES is unset).
selected() { [[ -z ${BENCH_CASES:-} || " $BENCH_CASES " == *" $1 "* ]]; }

# run_cases SUFFIX: checks the answer of every selected case, then measures it, against the running server, and
# records it as NAME SUFFIX. SUFFIX is "" for the server as shipped, "$OFF" for the cache-off server, which skips
# the cases in CACHE_ON_ONLY.
run_cases() {
  local suffix=$1 spec name url check wrkargs code line
  for spec in "${CASES[@]}"; do
    IFS='|' read -r name url check wrkargs <<< "$spec"
    if ! selected "$name"; then continue; fi
    if [[ -n $suffix && " $CACHE_ON_ONLY " == *" $name "* ]]; then continue; fi
    if [[ -z $suffix && " $CACHE_OFF_ONLY " == *" $name "* ]]; then continue; fi
    if [[ $name == cds-order-sign ]] && ! cds_available; then
      SKIPPED[$name$suffix]="skipped: no $CDS_SERVICE at GET /cds-services"
      ORDER+=("$name$suffix"); log "bench: $name$suffix ${SKIPPED[$name$suffix]}"; continue
    fi
    if [[ $check == check_* ]]; then
      $check || die "$name$suffix: the server's answer is wrong; not measuring"
    else
      code=$(curl -s -o "$WORK/body" -w '%{http_code}' "$url")
      [[ $code == 200 ]] || die "$name$suffix: HTTP $code from $url: $(head -c 400 "$WORK/body")"
      eval "$check" || die "$name$suffix: unexpected answer from $url: $(head -c 400 "$WORK/body")"
    fi
    # shellcheck disable=SC2086  # wrkargs is a list
    line=$(run_wrk "$name${suffix:+-cache-off}" "$url" $wrkargs)
    record "$name$suffix" "$line"
  done
}

# The JIT first, after each start: otherwise the first case measured pays for compiling the paths all cases share
# (with 3 s of warm-up, $lookup measured first ran at half the rate it reaches a minute later).
jit_warmup() {
  log "bench: ${JIT_WARMUP}s of \$lookup and \$validate-code load to warm the JIT, not measured"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((JIT_WARMUP / 2))s" "$FHIR/CodeSystem/\$lookup?system=$CPT&code=81455" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((JIT_WARMUP / 2))s" "$FHIR/CodeSystem/\$validate-code?url=$ICD&code=C92.10" > /dev/null
}

log "bench: wrk -t$THREADS -c$CONNECTIONS, ${WARMUP}s warm-up + ${DURATION}s per case"
line=$(run_wrk ceiling "http://127.0.0.1:$NGINX_PORT/lookup.json")
record "ceiling (nginx)" "$line"

# One section: warm the JIT, run the cases, then the server's RSS and response cache counts after the load.
measure_section() {  # SUFFIX of the case names
  jit_warmup
  run_cases "$1"
  kill -0 "$SERVER_PID" 2>/dev/null || die "moltx died under load${1:+ ($1)}"
  SECTION_RSS_END=$(rss_mb "$SERVER_PID")
  sleep "$SETTLE_S"
  SECTION_RSS=$(rss_mb "$SERVER_PID")
  SECTION_REQUESTS=$(cache_requests)
}

log "bench: cache on (the server as shipped)"
measure_section ""
RSS_LOAD=$SECTION_RSS RSS_END=$SECTION_RSS_END CACHE_ON_REQUESTS=$SECTION_REQUESTS
[[ -n $CACHE_ON_REQUESTS ]] && log "bench: response cache (cache on): ${CACHE_ON_REQUESTS% *} hits, ${CACHE_ON_REQUESTS#* } misses"

# The cache-off section: the same server restarted with the response cache off, the same cases (the mixed workload
# over the same codes file, which no cache has seen), unless no case of it is selected.
OFF_CASES=0
for spec in "${CASES[@]}"; do
  name=${spec%%|*}
  if selected "$name" && [[ " $CACHE_ON_ONLY " != *" $name "* ]]; then OFF_CASES=$((OFF_CASES + 1)); fi
done
if [[ $CACHE_OFF != 0 ]] && (( OFF_CASES > 0 )); then
  stop_server
  # shellcheck disable=SC2086  # CACHE_OFF_ARGS is a list of options
  start_server server-cache-off.log $CACHE_OFF_ARGS
  READY_MS_OFF=$STARTED_READY_MS RSS_START_OFF=$STARTED_RSS_MB
  log "bench: cache off ($CACHE_OFF_ARGS)"
  measure_section "$OFF"
  RSS_LOAD_OFF=$SECTION_RSS RSS_END_OFF=$SECTION_RSS_END CACHE_OFF_REQUESTS=$SECTION_REQUESTS
  if [[ -z $CACHE_OFF_REQUESTS ]]; then
    log "bench: WARNING: /metrics has no moltx_cache_requests_total; cannot confirm that the cache was off"
  elif [[ $CACHE_OFF_REQUESTS != "0 0" ]]; then
    die "the response cache was not off in the cache-off section (hits, misses: $CACHE_OFF_REQUESTS)"
  fi
else
  CACHE_OFF=0
fi
BUSY_AFTER=$(cpu_busy_pct)

# --- 7. the table -----------------------------------------------------------------------------------------------------------
CEILING=${RPS["ceiling (nginx)"]}
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "PASS" : "MISS") }'; }
# cmp VALUE OP LIMIT -> 1 or 0
cmpf() { awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN { print (op == ">=" ? a >= b : a <= b) ? 1 : 0 }'; }

NOISE_PCT=${BENCH_NOISE_PCT:-10}
NOISY=0
ROWS=()
for name in "${ORDER[@]}"; do
  if [[ -n ${SKIPPED[$name]:-} ]]; then
    ROWS+=("$name|-|-|-|-|-|-|${SKIPPED[$name]}|SKIP"); continue
  fi
  fraction=$(awk -v a="${RPS[$name]}" -v b="$CEILING" 'BEGIN { printf "%.3f", a / b }')
  targets=() ok=1
  if [[ -n ${MIN_FRACTION[$name]:-} ]]; then
    targets+=(">= ${MIN_FRACTION[$name]} ceiling"); (( $(cmpf "$fraction" '>=' "${MIN_FRACTION[$name]}") )) || ok=0
  fi
  if [[ -n ${MAX_P50[$name]:-} ]]; then
    targets+=("p50 <= ${MAX_P50[$name]} ms"); (( $(cmpf "${P50[$name]}" '<=' "${MAX_P50[$name]}") )) || ok=0
  fi
  if [[ -n ${MAX_P99[$name]:-} ]]; then
    targets+=("p99 <= ${MAX_P99[$name]} ms"); (( $(cmpf "${P99[$name]}" '<=' "${MAX_P99[$name]}") )) || ok=0
  fi
  (( NON2XX[$name] + ERRORS[$name] == 0 )) || { targets+=("no errors"); ok=0; }
  result=$( (( ${#targets[@]} )) && verdict $ok || echo "-")
  non2xx=${NON2XX[$name]}; (( ERRORS[$name] )) && non2xx+=" (+${ERRORS[$name]} socket errors)"
  (( OTHER[$name] > NOISE_PCT )) && { [[ $result == - ]] && result="*" || result+="*"; NOISY=1; }
  ROWS+=("$name|$(printf '%.0f' "${RPS[$name]}")|$(printf '%.2f' "${P50[$name]}")|$(printf '%.2f' "${P99[$name]}")|$non2xx|$fraction|${OTHER[$name]}|$(IFS=,; echo "${targets[*]:-}" | sed 's/,/, /g')|$result")
done
ROWS+=("time to ready|-|-|-|-|-|-|<= $TARGET_READY_MS ms: $READY_MS ms|$(verdict "$(cmpf "$READY_MS" '<=' $TARGET_READY_MS)")")
ROWS+=("RSS after start|-|-|-|-|-|-|<= $TARGET_RSS_START_MB MB: $RSS_START MB|$(verdict "$(cmpf "$RSS_START" '<=' $TARGET_RSS_START_MB)")")
ROWS+=("RSS at the last request|-|-|-|-|-|-|$RSS_END MB|-")
ROWS+=("RSS after load (${SETTLE_S} s idle)|-|-|-|-|-|-|<= $TARGET_RSS_LOAD_MB MB: $RSS_LOAD MB|$(verdict "$(cmpf "$RSS_LOAD" '<=' $TARGET_RSS_LOAD_MB)")")
if [[ $CACHE_OFF != 0 ]]; then
  ROWS+=("RSS at the last request$OFF|-|-|-|-|-|-|$RSS_END_OFF MB|-")
  ROWS+=("RSS after load (${SETTLE_S} s idle)$OFF|-|-|-|-|-|-|<= $TARGET_RSS_LOAD_MB MB: $RSS_LOAD_OFF MB|$(verdict "$(cmpf "$RSS_LOAD_OFF" '<=' $TARGET_RSS_LOAD_MB)")")
  SECTIONS="cache on: the server as shipped (response cache on); cache off: restarted with ${SERVER_ARGS:+$SERVER_ARGS }$CACHE_OFF_ARGS, ready in $READY_MS_OFF ms, RSS $RSS_START_OFF MB after start; every x ceiling is a fraction of the one nginx figure above"
  [[ -n $CACHE_OFF_REQUESTS ]] && SECTIONS+="; response cache hits/misses (/metrics): ${CACHE_ON_REQUESTS/ //} with the cache on, ${CACHE_OFF_REQUESTS/ //} with it off"
else
  SECTIONS="cache on only: the server as shipped (response cache on); no cache-off section (BENCH_CACHE_OFF=0, or no case of it selected)"
fi

HEADER="case|req/s|p50 ms|p99 ms|non-2xx|x ceiling|other CPU %|target|result"
NOISE_NOTE="other CPU %: share of the CPUs that processes other than moltx, nginx and wrk used while the case was measured; * marks a figure taken on a busy machine (over $NOISE_PCT%), not to be trusted."
COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(cd "$ROOT" && [[ -n $(git status --porcelain -- src pom.xml terminology 2>/dev/null) ]] && echo " (uncommitted changes)" || true)
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
JAVA=$(java -version 2>&1 | head -1)
WHEN=$(date -u +%Y-%m-%dT%H:%M:%SZ)

{
  echo
  printf '%s\n' "$HEADER" "${ROWS[@]}" | column -t -s '|'
  echo
  echo "moltx $COMMIT$DIRTY, $WHEN; $(nproc) CPUs ($CPU); $JAVA"
  echo "JVM options: $JVM_OPTS; moltx options: ${SERVER_ARGS:-(defaults)}"
  echo "$SECTIONS"
  echo "wrk -t$THREADS -c$CONNECTIONS, ${WARMUP}s warm-up + ${DURATION}s per case, loopback; ceiling: nginx static, same bytes as \$lookup"
  echo "CPUs busy with other work: ${BUSY_BEFORE}% before the run, ${BUSY_AFTER}% after"
  echo "$NOISE_NOTE"
}

if [[ -n ${BENCH_SUMMARY:-} ]]; then
  {
    echo "ready_ms $READY_MS"; echo "rss_start_mb $RSS_START"; echo "rss_load_mb $RSS_LOAD"; echo "rss_end_mb $RSS_END"
    echo "busy_before $BUSY_BEFORE"; echo "busy_after $BUSY_AFTER"
    if [[ $CACHE_OFF != 0 ]]; then
      echo "ready_ms-cache-off $READY_MS_OFF"; echo "rss_start_mb-cache-off $RSS_START_OFF"
      echo "rss_load_mb-cache-off $RSS_LOAD_OFF"; echo "rss_end_mb-cache-off $RSS_END_OFF"
    fi
    for name in "${ORDER[@]}"; do
      [[ -n ${SKIPPED[$name]:-} ]] && continue
      if [[ $name == *"$OFF" ]]; then key=${name%"$OFF"}-cache-off; else key=${name%% *}; fi
      echo "rps.$key ${RPS[$name]}"; echo "p50.$key ${P50[$name]}"; echo "p99.$key ${P99[$name]}"
      echo "other.$key ${OTHER[$name]}"
    done
  } > "$BENCH_SUMMARY"
fi

if [[ ${BENCH_NO_RESULTS:-0} != 1 ]]; then
  mkdir -p "$BENCH_DIR/results"
  md=$BENCH_DIR/results/latest.md
  {
    echo "# moltx benchmark, $WHEN"
    echo
    echo "moltx \`$COMMIT\`$DIRTY on $(nproc) CPUs ($CPU), $JAVA."
    echo "JVM options: \`$JVM_OPTS\`; moltx options: ${SERVER_ARGS:+\`$SERVER_ARGS\`}${SERVER_ARGS:-the defaults}."
    echo "Sections: $SECTIONS."
    echo "Load: wrk -t$THREADS -c$CONNECTIONS on loopback, ${WARMUP} s warm-up then ${DURATION} s per case."
    echo "CPUs busy with other work: ${BUSY_BEFORE}% before the run, ${BUSY_AFTER}% after (moltx idle)."
    echo "Ceiling: nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') serving the same bytes as the \$lookup response as a static file, in the same run."
    echo
    echo "| ${HEADER//|/ | } |"
    echo "|$(sed 's/[^|]*/---/g' <<< "$HEADER")|"
    for row in "${ROWS[@]}"; do echo "| ${row//|/ | } |"; done
    echo
    echo "$NOISE_NOTE"
  } > "$md"
  cp "$md" "$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ).md"
  log "bench: wrote $md"
fi
(( NOISY == 0 )) || log "bench: WARNING: other processes used the CPUs during the cases marked *; run again on a quiet machine"
