#!/usr/bin/env bash
# Compares candidate JVM option sets for moltx on time to ready, RSS after start and after load, and throughput
# ($lookup and the mixed 10,000-code workload, as a fraction of the nginx ceiling), by running bench/run.sh once
# per candidate and repetition. This is the evidence behind config/jvm.options.
#
#   bench/jvm-compare.sh                 # builds once, then 2 repetitions of each candidate (about 8 minutes)
#   BENCH_REPEAT=3 bench/jvm-compare.sh
#
# A candidate whose options contain @CDS@ gets an application class-data-sharing archive made first, by a training
# run of the server with the same options (start, one request per case, stop), and @CDS@ becomes its path.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
REPEAT=${BENCH_REPEAT:-2}
PORT=${BENCH_PORT:-18080}
CANDIDATES=(
  "G1, JVM default heap|-XX:+UseG1GC"
  "G1, 192m|-XX:+UseG1GC -Xmx192m -Xss512k"
  "Serial, 256m|-XX:+UseSerialGC -Xmx256m -Xss512k"
  "Serial, 192m|-XX:+UseSerialGC -Xmx192m -Xss512k"
  "Serial, 192m, C1 only|-XX:+UseSerialGC -Xmx192m -Xss512k -XX:TieredStopAtLevel=1"
  "Serial, 192m, AppCDS|-XX:+UseSerialGC -Xmx192m -Xss512k -XX:SharedArchiveFile=@CDS@"
)
[[ -n ${BENCH_CANDIDATES:-} ]] && mapfile -t CANDIDATES <<< "$BENCH_CANDIDATES"

WORK=$(mktemp -d /tmp/moltx-jvm.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi

# make_cds_archive OPTIONS ARCHIVE: one training run that writes the dynamic CDS archive at exit.
make_cds_archive() {
  local opts=$1 archive=$2 pid
  # shellcheck disable=SC2086
  java ${opts//-XX:SharedArchiveFile=@CDS@/} -XX:ArchiveClassesAtExit="$archive" -jar "$ROOT/target/moltx.jar" \
    --port "$PORT" > "$WORK/cds-training.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/fhir/metadata"; do sleep 0.1; done
  for path in "CodeSystem/\$lookup?system=http://www.ama-assn.org/go/cpt&code=81455" \
    "CodeSystem/\$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code=C92.10" \
    "ConceptMap/\$translate?system=http://www.ama-assn.org/go/cpt&code=81455&targetsystem=http://hl7.org/fhir/sid/icd-10-cm" \
    "ValueSet/\$expand?url=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Ficd-10-cm%3Ffhir_vs&filter=leukemia&count=20"; do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/fhir/$path"
  done
  kill "$pid"; wait "$pid" || true
  [[ -s $archive ]] || { echo "no CDS archive made" >&2; exit 1; }
}

printf '%-24s %3s %9s %9s %8s %8s %8s %8s %8s %8s %6s\n' candidate run ready_ms rss_start rss_load ceiling \
  lookup/x mixed/x lkp_p99 mix_p99 busy% | tee "$WORK/table"
for candidate in "${CANDIDATES[@]}"; do
  label=${candidate%%|*} opts=${candidate#*|}
  if [[ $opts == *@CDS@* ]]; then
    make_cds_archive "$opts" "$WORK/moltx.jsa"
    opts=${opts//@CDS@/$WORK/moltx.jsa}
  fi
  for run in $(seq "$REPEAT"); do
    BENCH_SKIP_BUILD=1 BENCH_NO_RESULTS=1 BENCH_CASES="lookup mixed-10k" BENCH_DURATION=${BENCH_DURATION:-5} \
      BENCH_JVM_OPTS="$opts" BENCH_SUMMARY="$WORK/summary" "$BENCH_DIR/run.sh" > "$WORK/run.log" 2>&1 \
      || { cat "$WORK/run.log" >&2; exit 1; }
    awk -v label="$label" -v run="$run" '
      { v[$1] = $2 }
      END {
        printf "%-24s %3d %9d %9d %8d %8d %8.3f %8.3f %8.2f %8.2f %6d\n", label, run, v["ready_ms"],
          v["rss_start_mb"], v["rss_load_mb"], v["rps.ceiling"], v["rps.lookup"] / v["rps.ceiling"],
          v["rps.mixed-10k"] / v["rps.ceiling"], v["p99.lookup"], v["p99.mixed-10k"], v["busy_before"]
      }' "$WORK/summary" | tee -a "$WORK/table"
  done
done
