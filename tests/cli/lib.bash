# Shared helpers for command-level tests: source it, call `check`, end with `finish`.
# Each test script gets the lnob binary as $1 and the source root as $2.
set -u
LNOB=$1
ROOT=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

# check NAME CONDITION-COMMAND...: runs the command; counts a pass when it exits 0.
check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name" >&2
    return 1
  fi
}

# contains FILE TEXT: the file holds the text (fixed string).
contains() { grep -qF -- "$2" "$1" || { echo "  '$2' not found in:" >&2; sed 's/^/    /' "$1" >&2; return 1; }; }

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
