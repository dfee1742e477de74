#!/usr/bin/env bash
# lnob mpi: the Alkire-Foster measures of a deprivation matrix, as JSON (golden files) and as a
# report; every bad input gives file:line:column, what is wrong, what to do, and exit code 1.
source "$(dirname "$0")/lib.bash"
F=$ROOT/tests/fixtures/mpi
# The global MPI weights (education and health 1/6 each, living standards 1/18 each).
W=school_years=1/6,school_attendance=1/6,nutrition=1/6,child_mortality=1/6
W=$W,electricity=1/18,water=1/18,sanitation=1/18,floor=1/18,cooking_fuel=1/18,assets=1/18

# The UNDP Human Development Report's four-household example: H 0.8, A 0.5625, M0 0.45.
"$LNOB" mpi --in "$F/hdr_example.csv" --k 1/3 --weights "$W" --weight-column size --group commune \
  --json >"$TMP/hdr.json" 2>"$TMP/err"
check "hdr example exits 0" test $? -eq 0
check "hdr example golden" diff -u "$ROOT/tests/golden/mpi_hdr_example.json" "$TMP/hdr.json"
check "nothing on stderr" test ! -s "$TMP/err"
check "exactly one line of JSON" test "$(wc -l <"$TMP/hdr.json")" -eq 1

# Alkire & Foster (2011), equal weights by default, k as a decimal: H 0.5, A 0.75, M0 0.375.
"$LNOB" mpi --in "$F/af2011.csv" --k 0.5 --json >"$TMP/af.json"
check "af2011 exits 0" test $? -eq 0
check "af2011 golden" diff -u "$ROOT/tests/golden/mpi_af2011.json" "$TMP/af.json"
check "no groups: empty array" contains "$TMP/af.json" '"groups":[]'
"$LNOB" mpi --in "$F/af2011.csv" --k 2/4 --json >"$TMP/af_fraction.json"
check "k as a fraction gives the same" cmp "$TMP/af.json" "$TMP/af_fraction.json"
"$LNOB" mpi --in "$F/af2011.csv" --k 0.5 --weights income=1,education=1,health=1,voting=1 \
  --json >"$TMP/af_ones.json"
check "weights are normalised" cmp "$TMP/af.json" "$TMP/af_ones.json"

# The report: Vietnamese by default, English with --lang en.
"$LNOB" mpi --in "$F/hdr_example.csv" --k 1/3 --weights "$W" --weight-column size \
  --group commune >"$TMP/vi.txt"
check "report exits 0" test $? -eq 0
check "vi: headcount ratio" contains "$TMP/vi.txt" "Tỷ lệ nghèo H                                   80,00%"
check "vi: M0" contains "$TMP/vi.txt" "Chỉ số nghèo đa chiều M0 = H × A                0,4500"
check "vi: group table" contains "$TMP/vi.txt" "Sơn Vĩ                      45,00%   100,00%"
"$LNOB" mpi --in "$F/hdr_example.csv" --k 1/3 --weights "$W" --weight-column size \
  --group commune --lang en >"$TMP/en.txt"
check "en: intensity" contains "$TMP/en.txt" "Intensity of poverty A                          56.25%"
check "en: indicator row" contains "$TMP/en.txt" "child_mortality             16.67%      75.00%      55.00%    20.37%"
check "en: population and poor" contains "$TMP/en.txt" "4 units (population 20), 3 poor; poverty cutoff k = 0.3333"

# Bad input: exit 1 and a message that says where, what and what to do.
bad() {  # bad NAME EXPECTED-MESSAGE ARGS...
  local name=$1 message=$2
  shift 2
  "$LNOB" mpi "$@" >"$TMP/out" 2>"$TMP/err"
  check "$name: exit 1" test $? -eq 1
  check "$name: message" contains "$TMP/err" "$message"
  check "$name: no output" test ! -s "$TMP/out"
}
printf 'id,a,b\n1,0,1\n2,1,2\n' >"$TMP/cell.csv"
bad "cell not 0/1" 'lnob: cell.csv:3:3: the indicator "b" is "2", but an indicator cell must be 0 (not deprived) or 1 (deprived); correct the cell' \
  --in "$TMP/cell.csv" --k 0.5 --lang en
bad "cell not 0/1 (vi)" 'lnob: cell.csv:3:3: chỉ số "b" có giá trị "2", nhưng ô chỉ số phải là 0 (không thiếu hụt) hoặc 1 (thiếu hụt); sửa ô này' \
  --in "$TMP/cell.csv" --k 0.5
bad "missing weight column" 'lnob: af2011.csv:1: there is no population-weight column "size" in the header; the columns are: id, income, education, health, voting; give the name exactly as it is in the header' \
  --in "$F/af2011.csv" --k 0.5 --weight-column size --lang en
bad "missing group column" 'lnob: af2011.csv:1: there is no group column "commune" in the header' \
  --in "$F/af2011.csv" --k 0.5 --group commune --lang en
bad "group column not named" 'lnob: hdr_example.csv:2:3: the indicator "commune" is "Pa Vi", but an indicator cell must be 0 (not deprived) or 1 (deprived); correct the cell; if "commune" is not an indicator, name it as the group or population-weight column' \
  --in "$F/hdr_example.csv" --k 1/3 --weight-column size --lang en
printf 'id,a\nH1,0\nH2,1\nH1,1\n' >"$TMP/dup.csv"
bad "duplicate id" 'lnob: dup.csv:4:1: the unit id "H1" is already used on line 2; every row needs its own id: correct or delete one of the rows' \
  --in "$TMP/dup.csv" --k 0.5 --lang en
: >"$TMP/empty.csv"
bad "empty file" 'lnob: empty.csv:1: the file is empty; it needs a header row (id, then the indicators) and one row per unit' \
  --in "$TMP/empty.csv" --k 0.5 --lang en
printf 'id,a\n' >"$TMP/header.csv"
bad "header only" 'lnob: header.csv:1: the file has a header but no rows; add one row per unit' \
  --in "$TMP/header.csv" --k 0.5 --lang en
printf 'id,a,b\n1,0,1\n2,1\n' >"$TMP/ragged.csv"
bad "ragged row" 'lnob: ragged.csv:3: this row has 2 cells but the header has 3; look for a missing or extra comma' \
  --in "$TMP/ragged.csv" --k 0.5 --lang en
printf 'id,size,a\n1,4,0\n2,-1,1\n' >"$TMP/weight.csv"
bad "negative weight" 'lnob: weight.csv:3:2: the population weight "size" is "-1", not a number >= 0; write a number such as 4 or 1.5 (decimal point)' \
  --in "$TMP/weight.csv" --k 0.5 --weight-column size --lang en
printf 'id,size,a\n1,bốn,0\n' >"$TMP/weight_text.csv"
bad "weight not a number" 'lnob: weight_text.csv:2:2: trọng số dân số "size" là "bốn", không phải một số >= 0' \
  --in "$TMP/weight_text.csv" --k 0.5 --weight-column size
bad "k out of range" 'lnob: the cutoff k "0" is not in (0, 1]' --in "$F/af2011.csv" --k 0 --lang en
bad "k above 1" 'lnob: the cutoff k "4/3" is not in (0, 1]' --in "$F/af2011.csv" --k 4/3 --lang en
bad "k not a number" 'lnob: the cutoff k "một phần ba" is not a number; write it as a decimal (0.3333) or a fraction (1/3)' \
  --in "$F/af2011.csv" --k "một phần ba" --lang en
bad "weights miss an indicator" 'lnob: --weights: the indicator "voting" has no weight; give every indicator a weight (0 to leave one out)' \
  --in "$F/af2011.csv" --k 0.5 --weights income=1,education=1,health=1 --lang en
bad "weights name an unknown indicator" 'lnob: --weights: "vote" is not an indicator of the file; the indicators are: income, education, health, voting' \
  --in "$F/af2011.csv" --k 0.5 --weights income=1,education=1,health=1,vote=1 --lang en
bad "weights name one twice" 'lnob: --weights: the indicator "income" is given twice; give each indicator once' \
  --in "$F/af2011.csv" --k 0.5 --weights income=1,income=2,education=1,health=1,voting=1 --lang en
bad "negative indicator weight" 'lnob: --weights: the weight of "health", "-1", is not a number >= 0' \
  --in "$F/af2011.csv" --k 0.5 --weights income=1,education=1,health=-1,voting=1 --lang en
bad "no such file" 'lnob: cannot open nope.csv' --in "$TMP/nope.csv" --k 0.5

"$LNOB" mpi --in "$F/af2011.csv" >/dev/null 2>&1
check "--k is required: usage error 2" test $? -eq 2

finish
