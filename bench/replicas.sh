#!/usr/bin/env bash
# Replicas without Docker: starts three moltx processes (bin/moltx, config/jvm.options) and nginx (Debian's) as a
# round-robin balancer with passive health checks, as the compose profile does (docker/nginx.conf: max_fails,
# proxy_next_upstream error timeout http_503, keep-alive to the upstreams), and runs the benchmark's mixed workload
# (wrk, bench/wrk.lua: $lookup and $validate-code over 10,000 ICD-10-CM codes) through it:
#   1. req/s with 1, 2 and 3 replicas behind nginx (nginx reloaded with 1, 2, 3 upstreams);
#   2. a rolling restart of two replicas under load: SIGTERM replica 1, start it again, wait until it is ready,
#      then replica 2; prints the time until each restarted replica answered /readyz 200 (takes traffic);
#   3. a SIGKILL of one of two replicas under load, then its restart.
# For each run: requests, req/s, and the errors clients saw (non-2xx answers and socket errors, as wrk counts them);
# for the restart and the kill also how many upstream errors nginx logged (requests it passed on to the other
# replica: GETs are idempotent, so nginx retries them).
#
#   bench/replicas.sh                  # about 2 minutes after the jar is built (mvn -B -DskipTests package)
# Environment: REPLICAS_DURATION (10 s per throughput run), REPLICAS_RESTART_LOAD (40 s of load around the rolling
# restart), REPLICAS_KILL_LOAD (20 s), REPLICAS_BASE_PORT (18280: replicas on +1, +2, +3), REPLICAS_LB_PORT (18290),
# REPLICAS_CONNECTIONS (16), REPLICAS_THREADS (2), REPLICAS_KEEP=1 keeps the work directory (logs).
# Needs wrk, nginx and curl. All processes share this machine's CPUs: req/s with more replicas only grows while
# there are idle CPUs (on 2 CPUs, wrk and nginx take a share too), so read the figures as that, not as a cluster's.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DURATION=${REPLICAS_DURATION:-10}
RESTART_LOAD=${REPLICAS_RESTART_LOAD:-40}
KILL_LOAD=${REPLICAS_KILL_LOAD:-20}
BASE_PORT=${REPLICAS_BASE_PORT:-18280}
LB_PORT=${REPLICAS_LB_PORT:-18290}
CONNECTIONS=${REPLICAS_CONNECTIONS:-16}
THREADS=${REPLICAS_THREADS:-2}
WORK=$(mktemp -d /tmp/moltx-replicas.XXXXXX)
chmod 755 "$WORK"
declare -a PIDS=()
NGINX_PID=
log() { printf 'replicas: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
now_ms() { date +%s%3N; }
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do [[ -n $pid ]] && kill "$pid" 2>/dev/null; done
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null
  wait 2>/dev/null
  if [[ ${REPLICAS_KEEP:-0} == 1 ]]; then log "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
command -v wrk >/dev/null && command -v nginx >/dev/null || die "needs wrk and nginx (apt-get install wrk nginx)"
[[ -f $ROOT/target/moltx.jar ]] || die "no target/moltx.jar: mvn -B -DskipTests package"

# the mixed workload's codes, as bench/run.sh picks them
"$ROOT/bench/mixed-codes.sh" > "$WORK/codes.txt"

# start_replica I: starts replica I on BASE_PORT+I and waits for /readyz 200; sets READY_MS (how long it took)
start_replica() {
  local i=$1 port=$((BASE_PORT + $1)) t0
  t0=$(now_ms)
  "$ROOT/bin/moltx" --port "$port" --access-log false >> "$WORK/replica-$i.log" 2>&1 &
  PIDS[$i]=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz") == 200 ]]; do
    kill -0 "${PIDS[$i]}" 2>/dev/null || { tail -5 "$WORK/replica-$i.log" >&2; die "replica $i exited"; }
    (( $(now_ms) - t0 < 60000 )) || die "replica $i not ready after 60 s"
    sleep 0.02
  done
  READY_MS=$(( $(now_ms) - t0 ))
}

# nginx_upstreams N: (re)configures nginx with replicas 1..N
nginx_upstreams() {
  local n=$1 servers="" i
  for i in $(seq "$n"); do servers+="    server 127.0.0.1:$((BASE_PORT + i)) max_fails=3 fail_timeout=5s;"$'\n'; done
  mkdir -p "$WORK/nginx/tmp"
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid nginx.pid;
error_log error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path tmp/body;
  proxy_temp_path tmp/proxy;
  fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi;
  scgi_temp_path tmp/scgi;
  upstream moltx {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://moltx;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout http_503;
      proxy_read_timeout 60s;
    }
  }
}
CONF
  if [[ -z $NGINX_PID ]]; then
    nginx -p "$WORK/nginx/" -c nginx.conf -g 'daemon off;' 2> "$WORK/nginx/stderr.log" &
    NGINX_PID=$!
  else
    nginx -p "$WORK/nginx/" -c nginx.conf -s reload 2>/dev/null
  fi
  sleep 1
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LB_PORT/fhir/metadata") == 200 ]] \
    || { cat "$WORK/nginx/stderr.log" "$WORK/nginx/error.log" >&2 2>/dev/null; die "nginx does not answer"; }
}

# load SECONDS NAME: the mixed workload through nginx; writes $WORK/NAME.bench (wrk's BENCH line)
load() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1"s -s "$BENCH_DIR/wrk.lua" "http://127.0.0.1:$LB_PORT" \
    -- mixed "$WORK/codes.txt" /fhir > "$WORK/$2.wrk" 2>&1
  grep '^BENCH ' "$WORK/$2.wrk" > "$WORK/$2.bench" || { cat "$WORK/$2.wrk" >&2; die "wrk printed no BENCH line"; }
}
# upstream errors nginx logged (each one a request it passed on to another replica, or failed)
upstream_errors() { grep -c '\[error\]' "$WORK/nginx/error.log" 2>/dev/null || true; }
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$WORK/$1.bench"; }
report() {
  local name=$1 note=${2:-} errors
  errors=$(( $(field "$name" non2xx) + $(field "$name" connect_err) + $(field "$name" read_err) \
    + $(field "$name" write_err) + $(field "$name" timeouts) ))
  printf '%-28s %9s %9.0f %8s %8s %8s   %s\n' "$name" "$(field "$name" requests)" "$(field "$name" rps)" \
    "$(field "$name" non2xx)" "$(( $(field "$name" connect_err) + $(field "$name" read_err) + $(field "$name" write_err) + $(field "$name" timeouts) ))" \
    "$errors" "$note"
}

for i in 1 2 3; do start_replica "$i"; log "replica $i ready in $READY_MS ms"; done
echo "moltx $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS, mixed workload through nginx $(nginx -v 2>&1 | sed 's/.*nginx\///')"
printf '%-28s %9s %9s %8s %8s %8s\n' run requests req/s non2xx sock_err errors

for n in 1 2 3; do
  nginx_upstreams "$n"
  load 3 "warm-$n"
  load "$DURATION" "replicas-$n"
  report "replicas-$n" "$n replica(s) behind nginx"
done

# rolling restart of two replicas under load
nginx_upstreams 2
kill "${PIDS[3]}"; wait "${PIDS[3]}" 2>/dev/null || true; PIDS[3]=
before=$(upstream_errors)
load "$RESTART_LOAD" rolling-restart &
LOAD_PID=$!
sleep 5
notes=""
for i in 1 2; do
  kill -TERM "${PIDS[$i]}"; wait "${PIDS[$i]}" 2>/dev/null || true
  start_replica "$i"
  notes+="replica $i: SIGTERM, restarted, ready (takes traffic) ${READY_MS} ms after start; "
  sleep 5
done
wait "$LOAD_PID"
report rolling-restart "${notes}nginx upstream errors (retried on the other replica): $(( $(upstream_errors) - before ))"

# SIGKILL of one replica under load, then its restart
before=$(upstream_errors)
load "$KILL_LOAD" sigkill &
LOAD_PID=$!
sleep 5
kill -KILL "${PIDS[1]}"; wait "${PIDS[1]}" 2>/dev/null || true
start_replica 1
wait "$LOAD_PID"
report sigkill "replica 1 SIGKILLed under load, restarted, ready ${READY_MS} ms after start; nginx upstream errors (retried): $(( $(upstream_errors) - before ))"
# RSS at the last request, and after 6 s idle: the JVM returns what the JIT compilers freed every 5 s
# (TrimNativeHeapInterval, config/jvm.options), as bench/run.sh reads it
rss_of() { awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/${PIDS[$1]}/status"; }
rss=""
for i in 1 2; do rss+="replica $i $(rss_of "$i") MB, "; done
sleep 6
settled=""
for i in 1 2; do settled+="replica $i $(rss_of "$i") MB, "; done
echo "RSS at the last request: ${rss%, }; after 6 s idle: ${settled%, } (replica 1 restarted at the SIGKILL, replica 2 at the rolling restart)"
