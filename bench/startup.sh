#!/usr/bin/env bash
# Start-up figures of moltx as documented (bin/moltx, JVM options from config/jvm.options): time to ready (process
# start to the first 200 from GET /fhir/metadata, polled every 20 ms), the server's own "ready in N ms" log figure,
# RSS (VmRSS of the JVM, /proc/PID/status) and the CPU time the JVM used (user + system, all threads, /proc/PID/stat)
# once ready; one line per start, then the median of the starts. On a shared machine the CPU time is the steadier
# figure: wall-clock times grow with the other load, CPU time much less.
#
#   bench/startup.sh                           # 3 starts of bin/moltx on the embedded content
#   STARTUP_RUNS=5 bench/startup.sh --core-terminology false   # arguments go to the server
#   MOLTX_CDS=0 bench/startup.sh               # without the AppCDS archive (the launcher's switch)
#   JAVA_OPTS=-Xlog:startuptime bench/startup.sh   # extra JVM options, as bin/moltx reads them
#
# Environment: STARTUP_RUNS (3), STARTUP_PORT (a free port), STARTUP_KEEP=1 keeps the server logs; MOLTX_JAR,
# MOLTX_JVM_OPTIONS, MOLTX_CDS and JAVA_OPTS reach bin/moltx. Needs curl. The machine's other load skews every
# figure: the script prints the load average with the result.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${STARTUP_RUNS:-3}
PORT=${STARTUP_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
WORK=$(mktemp -d /tmp/moltx-startup.XXXXXX)
PID=
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  if [[ ${STARTUP_KEEP:-0} == 1 ]]; then echo "startup: logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "startup: bin/moltx --port $PORT $*  (JVM options: $(grep -v '^[[:space:]]*#' "${MOLTX_JVM_OPTIONS:-$ROOT/config/jvm.options}" | xargs)${JAVA_OPTS:+ + JAVA_OPTS $JAVA_OPTS}; CDS $([[ ${MOLTX_CDS:-1} == 0 ]] && echo off || echo 'if target/moltx.jsa is current'))"
printf '%-4s %9s %10s %7s %7s\n' run ready_ms server_ms rss_mb cpu_ms
for run in $(seq "$RUNS"); do
  log=$WORK/server-$run.log
  t0=$(now_ms)
  "$ROOT/bin/moltx" --port "$PORT" "$@" > "$log" 2>&1 &
  PID=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/fhir/metadata") == 200 ]]; do
    kill -0 "$PID" 2>/dev/null || { tail -20 "$log" >&2; echo "startup: moltx exited" >&2; exit 1; }
    (( $(now_ms) - t0 < 120000 )) || { echo "startup: not ready after 120 s" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(( $(now_ms) - t0 ))
  rss=$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$PID/status")
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$PID/stat")
  server=$(sed -n 's/.*moltx ready at .* in \([0-9]*\) ms.*/\1/p' "$log" | head -1)
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  printf '%-4s %9d %10s %7d %7d\n' "$run" "$ready" "${server:--}" "$rss" "$cpu" | tee -a "$WORK/table"
done
printf '%-4s %9d %10d %7d %7d   (load average %s)\n' median \
  "$(awk '{ print $2 }' "$WORK/table" | median)" "$(awk '{ print $3 }' "$WORK/table" | median)" \
  "$(awk '{ print $4 }' "$WORK/table" | median)" "$(awk '{ print $5 }' "$WORK/table" | median)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
