#!/usr/bin/env bash
# lnob standards list | show | check
source "$(dirname "$0")/lib.bash"

"$LNOB" standards list --lang en >"$TMP/list"
check "list exits 0" test $? -eq 0
check "list shows vn-2022-2025 with its window and lines" contains "$TMP/list" "vn-2022-2025     2021-09-01 2026-12-31 12          1,500,000 / 2,000,000"
check "list shows vn-2027-2030" contains "$TMP/list" "vn-2027-2030     2027-01-01 2030-12-31 12          2,200,000 / 2,800,000"
check "list shows the local example" contains "$TMP/list" "bn-2025"

"$LNOB" standards show vn-2027-2030 >"$TMP/show"
check "show exits 0" test $? -eq 0
check "show lists the waste indicator" contains "$TMP/show" "12. waste"
check "show gives the legal basis" contains "$TMP/show" "legal basis: Decree 351/2025/ND-CP"
check "show gives the categories" contains "$TMP/show" "not_poor   true"

"$LNOB" standards show nope 2>"$TMP/err"
check "show of an unknown id fails" test $? -eq 1
check "and lists the ids" contains "$TMP/err" "the standards are: vn-2022-2025"

"$LNOB" standards check "$ROOT/data/standards/vn-2022-2025.toml" >"$TMP/ok"
check "check accepts a shipped file" contains "$TMP/ok" "ok: vn-2022-2025, 12 indicators, 4 categories"

sed 's/"rainwater", "bottled"/"rainwater", "botled"/' "$ROOT/data/standards/vn-2022-2025.toml" >"$TMP/bad.toml"
"$LNOB" standards check "$TMP/bad.toml" 2>"$TMP/err"
check "check refuses a misspelt value" test $? -eq 1
line=$(grep -n '"botled"' "$TMP/bad.toml" | cut -d: -f1)
check "with file, line and column" contains "$TMP/err" "bad.toml:$line:48: \"botled\" is not a value of water_source"

finish
