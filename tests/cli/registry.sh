#!/usr/bin/env bash
# The registry from the command line, on SQLite: init, import, classify, re-import, duplicates,
# check; a bad file stores nothing.
source "$(dirname "$0")/lib.bash"
H=$ROOT/examples/households.csv
M=$ROOT/examples/members.csv
DB=$TMP/lnob.db

"$LNOB" db init --db "sqlite:$DB" >"$TMP/out"
check "db init" contains "$TMP/out" "database ready: schema version"
"$LNOB" db init --db "$DB" >"$TMP/out"
check "db init again applies nothing" contains "$TMP/out" "(0 migration(s) applied)"

"$LNOB" import --db "$DB" --round 2024 --province 02 --households "$H" --members "$M" --lang en >"$TMP/out" 2>&1
check "import exits 0" test $? -eq 0
check "import says what it did" contains "$TMP/out" "Imported round 2024 (periodic, standard vn-2022-2025): 10 households, 32 members; added 10, changed 0, unchanged 0, removed 0"

"$LNOB" classify --db "$DB" --round 2024 --lang en 2>"$TMP/err" >"$TMP/out"
check "classify --db exits 0" test $? -eq 0
check "classify --db stores a run" contains "$TMP/err" "Saved as classification run 1 of round 2024"
check "classify --db summarises" contains "$TMP/err" "poor                  4   40.00%"
"$LNOB" classify --db "$DB" --round 2024 --out "$TMP/results.csv" 2>/dev/null
check "classify --db --out writes the same result as the files" diff "$ROOT/tests/golden/examples_classify.csv" "$TMP/results.csv"
check "a second run is kept beside the first" test "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM classification_runs')" -eq 2

"$LNOB" classify --db "$DB" --round 2024 --explain MV-0001 --lang en >"$TMP/out" 2>&1
check "explain from the registry" contains "$TMP/out" "Category: poor (Poor)"

# A corrected file: one income changed. History is kept.
sed 's/^MV-0002,\(.*\),1400000,/MV-0002,\1,1600000,/' "$H" >"$TMP/h2.csv"
"$LNOB" import --db "$DB" --round 2024 --province 02 --households "$TMP/h2.csv" --members "$M" --lang en >"$TMP/out" 2>&1
check "re-import counts the change" contains "$TMP/out" "added 0, changed 1, unchanged 9, removed 0"
check "both versions of MV-0002 are kept" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM household_answers WHERE household_id = 'MV-0002'")" -eq 2

# A bad file stores nothing.
before=$(sqlite3 "$DB" "SELECT COUNT(*) FROM household_answers")
sed '3s/,piped,/,tap,/' "$H" >"$TMP/bad.csv"
"$LNOB" import --db "$DB" --round 2024 --province 02 --households "$TMP/bad.csv" --members "$M" --lang en 2>"$TMP/err" >/dev/null
check "bad import: exit 1" test $? -eq 1
check "bad import: says where" contains "$TMP/err" 'bad.csv:3:11 water_source="tap"'
check "bad import: says nothing was stored" contains "$TMP/err" "Nothing was stored. Correct the errors above and import again."
check "bad import: nothing stored" test "$(sqlite3 "$DB" "SELECT COUNT(*) FROM household_answers")" -eq "$before"

# A citizen ID in two households: both places named, nothing stored.
sed 's/002190004321/002087005678/' "$M" >"$TMP/dup.csv"
"$LNOB" import --db "$DB" --round 2025 --province 02 --households "$H" --members "$TMP/dup.csv" --lang en 2>"$TMP/err" >/dev/null
check "duplicate ID: exit 1" test $? -eq 1
check "duplicate ID: both places, ID masked" contains "$TMP/err" "citizen ID …5678 appears twice: dup.csv line 3 (household MV-0001, member 2) and dup.csv line 7 (household MV-0002, member 1)"
check "duplicate ID: the full ID is never printed" test "$(grep -c 002087005678 "$TMP/err")" -eq 0

"$LNOB" duplicates --db "$DB" --round 2024 >"$TMP/out"
check "duplicates lists none in clean data" contains "$TMP/out" "0 likely duplicate(s) in round 2024"

"$LNOB" classify --db "$DB" --round 2019 2>"$TMP/err"
check "unknown round: exit 1" test $? -eq 1
check "unknown round: says how to make it" contains "$TMP/err" "there is no periodic review round 2019"

"$LNOB" db check --db "$DB" >"$TMP/out"
check "db check passes" contains "$TMP/out" "ok: the database passes its integrity checks"
sqlite3 "$DB" "DELETE FROM member_answers WHERE answer_id = (SELECT MIN(id) FROM household_answers)"
"$LNOB" db check --db "$DB" >/dev/null 2>"$TMP/err"
check "db check fails on a broken invariant" test $? -eq 1
check "and names it" contains "$TMP/err" "answer rows with no member: 1 (MV-0001)"
finish
