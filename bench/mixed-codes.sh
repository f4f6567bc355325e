#!/usr/bin/env bash
# Prints the ICD-10-CM codes of the mixed workload (bench/run.sh, bench/replicas.sh, docker/compose-check.sh), one
# per line: billable FY2026 codes (order file: code in columns 7-13, billable flag in column 15), minus every code
# the FY2027 addenda touch (so each code answers the same in both years and none is a 404 in the newest release),
# every Nth, dotted after 3 characters as FHIR writes them.
#   bench/mixed-codes.sh [COUNT]      # COUNT: 10000
set -euo pipefail
RELEASES=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/terminology/releases
{
  awk '{ print "X", $3 }' "$RELEASES/icd10cm-order-addenda-FY2027.txt"  # action, flag, code, titles
  zcat "$RELEASES/icd10cm-order-FY2026.txt.gz" | tr -d '\r' \
    | awk '{ code = substr($0, 7, 7); gsub(/ /, "", code); if (substr($0, 15, 1) == "1") print "B", code }'
} | awk -v want="${1:-10000}" '
    $1 == "X" { skip[$2] = 1; next }
    !($2 in skip) { codes[n++] = $2 }
    END {
      step = int(n / want); if (step < 1) step = 1
      for (i = 0; i < n && taken < want; i += step) {
        c = codes[i]; print (length(c) > 3 ? substr(c, 1, 3) "." substr(c, 4) : c); taken++
      }
    }'
