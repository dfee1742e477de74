#!/usr/bin/env bash
# Analytics from the command line (issue 4): a registry of 12 households over four rounds
# (2022-2025) in three communes of two former provinces merged on 1 July 2025, with targets; every
# report compared with its golden file, on SQLite and (when LNOB_TEST_PG_URL is set) PostgreSQL,
# which must give the same bytes. The fixture's story is in tests/fixtures/analytics/README.md.
source "$(dirname "$0")/lib.bash"
F=$ROOT/tests/fixtures/analytics
G=$ROOT/tests/golden/analytics

# build DB: units, four rounds imported and classified, targets.
build() {
  local db=$1
  "$LNOB" units import --db "$db" "$F/units.csv" >/dev/null || return 1
  for y in 2022 2023 2024 2025; do
    "$LNOB" import --db "$db" --round "$y" --households "$F/$y/households.csv" \
      --members "$F/$y/members.csv" >/dev/null 2>&1 || return 1
    "$LNOB" classify --db "$db" --round "$y" >/dev/null 2>&1 || return 1
  done
  "$LNOB" targets import --db "$db" "$F/targets.toml" 2>/dev/null
}

# golden NAME DB ARGS...: runs `lnob ARGS --db DB`, compares stdout with $G/NAME.
golden() {
  local name=$1 db=$2
  shift 2
  "$LNOB" "$@" --db "$db" >"$TMP/$name" 2>"$TMP/err"
  check "$name: exit 0 ($db)" test $? -eq 0 || cat "$TMP/err" >&2
  check "$name: as golden ($db)" diff -u "$G/$name" "$TMP/$name"
}

reports() {
  local db=$1
  golden rates_2024_commune.txt "$db" report rates --round 2024
  golden rates_2024_commune_en.txt "$db" report rates --round 2024 --lang en
  golden rates_2024_province.json "$db" report rates --round 2024 --level province --format json
  golden rates_2024_on_2025-07-01.csv "$db" report rates --round 2024 --units-on 2025-07-01 --format csv
  golden rates_2025_former_provinces.csv "$db" report rates --round 2025 --level province \
    --units-on 2024-12-31 --format csv
  golden rates_2025_village_by_ethnicity.csv "$db" report rates --round 2025 --level village \
    --by ethnicity --format csv
  golden rates_2025_by_sex.md "$db" report rates --round 2025 --by sex --format markdown --lang en
  golden transitions_2023_2024.txt "$db" report transitions --from 2023 --to 2024
  golden transitions_2024_2025_households.csv "$db" report transitions --from 2024 --to 2025 \
    --households --format csv
  golden transitions_2022_2025.json "$db" report transitions --from 2022 --to 2025 --format json
  golden targets_2025.txt "$db" report targets --round 2025
  golden targets_2025_en.txt "$db" report targets --round 2025 --lang en
  golden targets_2024.json "$db" report targets --round 2024 --format json
  golden summary_2025.md "$db" report summary --round 2025
  golden summary_2025_en.md "$db" report summary --round 2025 --lang en
  golden whatif_2025_vn-2027-2030.txt "$db" whatif --round 2025 --standard vn-2027-2030
  golden whatif_2025_line.csv "$db" whatif --round 2025 --set line.rural=1100000 --households \
    --format csv
  golden whatif_2025_line_units.json "$db" whatif --round 2025 --set line.rural=1100000 \
    --format json
  golden mpi_2025_by_commune.json "$db" mpi --round 2025 --k 1/4 --json --group-by commune
  golden mpi_2025_by_sex.txt "$db" mpi --round 2025 --k 0.25 --group-by sex --lang en
}

DB=sqlite:$TMP/lnob.db
check "build the SQLite registry" build "$DB"
reports "$DB"

# The summary as a workbook: one sheet per table, numbers as numbers.
"$LNOB" report summary --db "$DB" --round 2025 --format xlsx --out "$TMP/summary.xlsx" 2>"$TMP/err"
check "summary xlsx: exit 0" test $? -eq 0
unzip -p "$TMP/summary.xlsx" xl/workbook.xml >"$TMP/wb.xml"
check "summary xlsx: a sheet per table" contains "$TMP/wb.xml" 'name="furthest_behind"'
check "summary xlsx: targets sheet" contains "$TMP/wb.xml" 'name="targets"'
unzip -p "$TMP/summary.xlsx" xl/sharedStrings.xml >"$TMP/ss.xml"
check "summary xlsx: unit names" contains "$TMP/ss.xml" "Thượng Lâm"

# Errors: clear, exit 1, nothing written.
"$LNOB" report rates --db "$DB" --round 2030 2>"$TMP/err" >/dev/null
check "unknown round: exit 1" test $? -eq 1
check "unknown round: says so" contains "$TMP/err" "there is no periodic review round 2030"
"$LNOB" report rates --db "$DB" --round 2024 --level district 2>"$TMP/err" >/dev/null
check "bad level: exit 1" test $? -eq 1
check "bad level: names the choices" contains "$TMP/err" "use province, commune or village"
"$LNOB" report rates --db "$DB" --round 2024 --units-on 1/7/2025 2>"$TMP/err" >/dev/null
check "bad date: says how to write it" contains "$TMP/err" "write it as YYYY-MM-DD"
"$LNOB" report rates --db "$DB" --round 2024 --format xlsx 2>"$TMP/err" >/dev/null
check "xlsx needs a file" contains "$TMP/err" "--format xlsx needs a file"
"$LNOB" report transitions --db "$DB" --from 2024 --to 2023 2>"$TMP/err" >/dev/null
check "transitions backwards: exit 1" test $? -eq 1
"$LNOB" whatif --db "$DB" --round 2025 --standard vn-1999 2>"$TMP/err" >/dev/null
check "unknown standard: lists the known ones" contains "$TMP/err" "vn-2027-2030"
"$LNOB" report rates --db "sqlite:$TMP/none.db" --round 2024 2>"$TMP/err" >/dev/null
check "no registry: says how to make one" contains "$TMP/err" "lnob db init"
check "no registry: creates no file" test ! -e "$TMP/none.db"
printf '[[targets]]\nid = "x"\nsurprise = 1\n' >"$TMP/bad.toml"
"$LNOB" targets import --db "$DB" "$TMP/bad.toml" 2>"$TMP/err" >/dev/null
check "bad targets file: says where" contains "$TMP/err" "bad.toml:3:12: unknown key 'surprise'"

# Answers changed after the last classification: reports refuse rather than mix two states.
sed 's/^H02,\(.*\),4000000,/H02,\1,3900000,/' "$F/2025/households.csv" >"$TMP/h.csv"
"$LNOB" import --db "$DB" --round 2025 --households "$TMP/h.csv" --members "$F/2025/members.csv" \
  >/dev/null 2>&1
"$LNOB" report rates --db "$DB" --round 2025 2>"$TMP/err" >/dev/null
check "stale results: exit 1" test $? -eq 1
check "stale results: says to classify" contains "$TMP/err" "lnob classify --db URL --round 2025"

if [[ -n ${LNOB_TEST_PG_URL:-} ]]; then
  schema=analytics_cli_$$
  psql -q "$LNOB_TEST_PG_URL" -c "CREATE SCHEMA $schema" >/dev/null
  sep='?'
  [[ $LNOB_TEST_PG_URL == *\?* ]] && sep='&'
  PG="$LNOB_TEST_PG_URL${sep}options=-c%20search_path%3D$schema"
  check "build the PostgreSQL registry" build "$PG"
  reports "$PG"
  psql -q "$LNOB_TEST_PG_URL" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1
fi
finish
