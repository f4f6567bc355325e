# Sourced by run-suite.sh and run-validator.sh: sets LIB to a folder holding the HL7 validator library
# (org.hl7.fhir.validation 6.10.4 and its runtime dependencies, runner/pom.xml), fetching it from Maven Central
# the first time (and again whenever runner/pom.xml changes). Returns 3 when the download fails.
# env: TX_RUNNER_LIB, TX_RUNNER_MVN_OPTS, MVN (see run-suite.sh)
MVN="${MVN:-mvn}"
RUNNER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -n "${TX_RUNNER_LIB:-}" ]; then
  LIB="$TX_RUNNER_LIB"
elif [ -n "${HOME:-}" ] && mkdir -p "$HOME/.cache" 2>/dev/null && [ -w "$HOME/.cache" ]; then
  LIB="$HOME/.cache/moltx-tx-runner-lib"
else
  LIB="$RUNNER_DIR/../target/tx-runner-lib"
fi

# --- the validator library: fetched once per machine (per runner/pom.xml content) from Maven Central ---
STAMP="$LIB/.complete-$(cksum < "$RUNNER_DIR/pom.xml" | cut -d' ' -f1)"
if [ ! -f "$STAMP" ]; then
  echo "fetch-lib: fetching the HL7 validator library into $LIB (once; ~155 MB from Maven Central)"
  mkdir -p "$(dirname "$LIB")"
  TMP="$(mktemp -d "${LIB%/}.tmp.XXXXXX")"
  # shellcheck disable=SC2086
  if ! "$MVN" -f "$RUNNER_DIR/pom.xml" -s "$RUNNER_DIR/settings.xml" -B -q -Dstyle.color=never ${TX_RUNNER_MVN_OPTS:-} \
        dependency:copy-dependencies -DoutputDirectory="$TMP" -DincludeScope=runtime; then
    rm -rf "$TMP"
    echo "fetch-lib: ERROR: could not download the validator library (see Maven output above)" >&2
    return 3
  fi
  if ! ls "$TMP"/org.hl7.fhir.validation-*.jar >/dev/null 2>&1; then
    rm -rf "$TMP"; echo "fetch-lib: ERROR: library download incomplete" >&2; return 3
  fi
  # replace only what we put there (never rm -rf a folder the user named)
  mkdir -p "$LIB"
  rm -f "$LIB"/*.jar "$LIB"/.complete-*
  mv "$TMP"/*.jar "$LIB"/
  rm -rf "$TMP"
  touch "$STAMP"
fi

