#!/usr/bin/env bash
# The composite GitHub Action (action.yml at the repository root): installs
# the itsec package, lints and scores the given catalog files, and leaves
# - an inline annotation (::error) per lint problem,
# - a SARIF file for code scanning (output sarif-file),
# - a Markdown summary in $GITHUB_STEP_SUMMARY.
# Fails when lint finds problems, or a score is below INPUT_FAIL_BELOW.
#
# Inputs (environment): INPUT_PATHS (whitespace-separated files or folders),
# INPUT_EVALUATE (true|false), INPUT_FAIL_BELOW, INPUT_AS_OF, INPUT_POLICY,
# INPUT_ITSO_GROUP, INPUT_PORTAL (with ITSEC_TOKEN), INPUT_SARIF_FILE,
# ITSEC_PACKAGE (see install.sh).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=install.sh
. "$here/install.sh"
itsec_install "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/itsec-cli" || exit 2

read -r -a paths <<< "${INPUT_PATHS:-catalog-info.yaml}"
common=()
[ -n "${INPUT_AS_OF:-}" ] && common+=(--as-of "$INPUT_AS_OF")
[ -n "${INPUT_ITSO_GROUP:-}" ] && common+=(--itso-group "$INPUT_ITSO_GROUP")
scoring=()
[ -n "${INPUT_POLICY:-}" ] && scoring+=(--policy "$INPUT_POLICY")
[ -n "${INPUT_PORTAL:-}" ] && scoring+=(--portal "$INPUT_PORTAL")
sarif="${INPUT_SARIF_FILE:-itsec.sarif}"
evaluate="${INPUT_EVALUATE:-true}"

# 1. Lint: file:line: message, turned into workflow annotations.
"$ITSEC_BIN" lint "${paths[@]}" "${common[@]}" > "$sarif.lint.txt"
lint=$?
if [ "$lint" -ge 2 ]; then
  rm -f "$sarif.lint.txt"
  exit "$lint"
fi
node -e '
  const esc = (s, prop) => {
    s = s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
    return prop ? s.replace(/:/g, "%3A").replace(/,/g, "%2C") : s;
  };
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  for (const line of text.split("\n")) {
    const m = /^(.+?):(\d+): (.*)$/.exec(line);
    if (m) console.log(`::error file=${esc(m[1], true)},line=${m[2]}::${esc(m[3])}`);
  }
' "$sarif.lint.txt"
rm -f "$sarif.lint.txt"

# 2. SARIF for code scanning and 3. the Markdown summary.
if [ "$evaluate" = true ]; then
  "$ITSEC_BIN" evaluate "${paths[@]}" "${common[@]}" "${scoring[@]}" --format sarif > "$sarif"
  summary=(evaluate "${paths[@]}" "${common[@]}" "${scoring[@]}" --format markdown)
  [ -n "${INPUT_FAIL_BELOW:-}" ] && summary+=(--fail-below "$INPUT_FAIL_BELOW")
else
  "$ITSEC_BIN" lint "${paths[@]}" "${common[@]}" --format sarif > "$sarif"
  summary=(lint "${paths[@]}" "${common[@]}" --format markdown)
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  "$ITSEC_BIN" "${summary[@]}" >> "$GITHUB_STEP_SUMMARY"
else
  "$ITSEC_BIN" "${summary[@]}"
fi
status=$?
[ -n "${GITHUB_OUTPUT:-}" ] && echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"

# Bad usage or unreadable input first, then problems or a low score.
if [ "$status" -ge 2 ]; then exit "$status"; fi
if [ "$lint" -ne 0 ] || [ "$status" -ne 0 ]; then exit 1; fi
exit 0
