#!/usr/bin/env bash
# Run the HL7 FHIR terminology ecosystem tests (mode "general": 597 tests, vendored in tx-tests/)
# against a running FHIR terminology server.
#
# usage: conformance/run-suite.sh BASE_URL [runner options]
#   BASE_URL          e.g. http://localhost:8080/fhir
#   runner options    -suite NAME | -filter TEXT | -source DIR-or-manifest.json | -allow-failures
#                     | -tight | -externals FILE   (see runner/src/TxRun.java)
# env:
#   TX_OUT            results folder (default: conformance/target)
#   TX_TESTS_DIR      tests folder (default: conformance/tx-tests)
#   TX_RUNNER_LIB     where the validator library (~155 MB, 70 jars) is kept
#                     (default: ~/.cache/moltx-tx-runner-lib, or conformance/target/tx-runner-lib if $HOME is not writable)
#   TX_RUNNER_MVN_OPTS extra Maven options for the one-off library download (e.g. -Dmaven.repo.local=...)
#   TX_VERBOSE=1      show the tester's per-test log on the console (it is always in $TX_OUT/test.log)
#   JAVA, MVN         java / mvn executables (default: from PATH); Java 17+
# Exit: 0 all run tests passed (or -allow-failures), 1 tests failed, 2 bad usage,
#       3 the run itself broke (server unreachable, /metadata or /metadata?mode=terminology failed, ...).
# Results: $TX_OUT/test-results.json, failed-tests.txt, summary.properties, report.json, test.log,
#          and expected/ + actual/ for each failing test (diff -r expected actual).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then sed -n 2,20p "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
URL="${1%/}"; shift
TESTS="${TX_TESTS_DIR:-$HERE/tx-tests}"
OUT="${TX_OUT:-$HERE/target}"
JAVA="${JAVA:-java}"
source "$HERE/runner/fetch-lib.sh" || exit 3

mkdir -p "$OUT"
LOGCFG="$HERE/runner/logback.xml"
[ "${TX_VERBOSE:-0}" = "1" ] && LOGCFG="$HERE/runner/logback-verbose.xml"
set +e
"$JAVA" -Xmx2g -Dlogback.configurationFile="$LOGCFG" -cp "$LIB/*" "$HERE/runner/src/TxRun.java" \
  -source "$TESTS" -tx "$URL" -output "$OUT" "$@"
rc=$?
set -e
exit $rc
