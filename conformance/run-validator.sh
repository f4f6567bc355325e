#!/usr/bin/env bash
# Validate the resources in validator/cases with the official HL7 FHIR validator (org.hl7.fhir.validation 6.10.4,
# the engine behind the validator CLI and the IG Publisher) using a running server as its terminology server, and
# compare each resource's issues with validator/expected/<name>.txt.
#
# usage: conformance/run-validator.sh BASE_URL [-update]
#   BASE_URL   e.g. http://localhost:8080/fhir
#   -update    write the issues found into validator/expected/ (review the diff before committing)
# env: TX_OUT (work folder, default conformance/target), TX_RUNNER_LIB, JAVA, MVN: see run-suite.sh
# Exit: 0 every resource judged as expected, 1 some differ, 2 bad usage, 3 the validator could not run.
# Offline once the library is fetched: the FHIR packages the engine needs come from validator/packages,
# terminology/releases (HL7 Terminology, which the server ships too) and HAPI's R4 definitions, into a private
# package cache; its terminology cache is new on every run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then sed -n 2,13p "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
URL="${1%/}"; shift
OUT="${TX_OUT:-$HERE/target}"
JAVA="${JAVA:-java}"
source "$HERE/runner/fetch-lib.sh" || exit 3

WORK="$OUT/validator"
mkdir -p "$WORK/home"
set +e
"$JAVA" -Xmx2g -Duser.home="$WORK/home" -Dlogback.configurationFile="$HERE/runner/logback.xml" -cp "$LIB/*" \
  "$HERE/validator/ValidatorRun.java" -tx "$URL" -cases "$HERE/validator/cases" -expected "$HERE/validator/expected" \
  -packages "$HERE/validator/packages" -tho "$HERE/../terminology/releases/hl7.terminology.r4-7.0.1.tgz" -work "$WORK" "$@"
rc=$?
set -e
exit $rc
