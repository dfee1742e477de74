#!/usr/bin/env bash
# Malformed input: every kind of mistake gets a precise message (file, line, column, value), exit 1,
# and no output file — and an existing output file is left as it was.
source "$(dirname "$0")/lib.bash"
H=$ROOT/examples/households.csv
M=$ROOT/examples/members.csv

# expect_error NAME HOUSEHOLDS MEMBERS TEXT...: lnob refuses the pair and prints every TEXT.
expect_error() {
  local name=$1 h=$2 m=$3
  shift 3
  # Messages name the files as the user named them: copy each case under the usual names.
  rm -rf "$TMP/case" && mkdir "$TMP/case"
  cp "$h" "$TMP/case/households.csv" && cp "$m" "$TMP/case/members.csv"
  echo "previous results" >"$TMP/out.csv"
  "$LNOB" classify --households "$TMP/case/households.csv" --members "$TMP/case/members.csv" \
    --out "$TMP/out.csv" --lang en 2>"$TMP/err" >/dev/null
  check "$name: exit 1" test $? -eq 1
  for text in "$@"; do check "$name: says '$text'" contains "$TMP/err" "$text"; done
  check "$name: says nothing was written" contains "$TMP/err" "No result was written"
  check "$name: output untouched" test "$(cat "$TMP/out.csv")" = "previous results"
}

# Line numbers below are those of examples/*.csv (line 1 is the header).
sed '3s/,piped,pour_flush,/,tap,pour_flush,/' "$H" >"$TMP/h_enum.csv"
expect_error "unknown enumeration value" "$TMP/h_enum.csv" "$M" 'households.csv:3:11 water_source="tap"' "piped"

sed '1s/,toilet_type,/,toilet,/' "$H" >"$TMP/h_col.csv"
expect_error "missing column" "$TMP/h_col.csv" "$M" "households.csv:1" "toilet_type"

{ cat "$M"; echo "MV-9999,1,Nguyễn Văn B,,1990-01-01,male,head,kinh,1,0,0,primary,self_employed,0,0"; } >"$TMP/m_orphan.csv"
expect_error "member of an unknown household" "$H" "$TMP/m_orphan.csv" 'members.csv:34:1 household_id="MV-9999"'

sed '3s/,spouse,/,head,/' "$M" >"$TMP/m_heads.csv"
expect_error "second head" "$H" "$TMP/m_heads.csv" 'members.csv:3:7 relation="head"' "already has a head on line 2"

sed '7s/1979-11-02/1979-02-30/' "$M" >"$TMP/m_date.csv"
expect_error "bad date" "$H" "$TMP/m_date.csv" 'members.csv:7:5 birth_date="1979-02-30"'

sed '2s/,950000,/,-950000,/' "$H" >"$TMP/h_neg.csv"
expect_error "negative income" "$TMP/h_neg.csv" "$M" 'households.csv:2:6 income_pc_month="-950000"'

grep -v '^MV-0008,' "$M" >"$TMP/m_empty.csv"
expect_error "household with no members" "$H" "$TMP/m_empty.csv" "households.csv:9" "MV-0008"

# Several mistakes at once: all are reported, not just the first.
sed -e '2s/,950000,/,-1,/' -e '5s/,rural,/,hills,/' "$H" >"$TMP/h_two.csv"
expect_error "every error reported" "$TMP/h_two.csv" "$M" "households.csv:2:6" "households.csv:5:4" "2 errors"

# A file that does not exist is a usage error (CLI11 checks it): exit 2.
"$LNOB" classify --households "$TMP/none.csv" --members "$M" 2>/dev/null
check "missing file: exit 2" test $? -eq 2

finish
