#!/usr/bin/env bash
# lnob classify on the example commune: the golden result, --out, --explain, --standard, --set.
source "$(dirname "$0")/lib.bash"
H=$ROOT/examples/households.csv
M=$ROOT/examples/members.csv

"$LNOB" classify --households "$H" --members "$M" --out "$TMP/out.csv" --lang en 2>"$TMP/err" 
check "classify exits 0" test $? -eq 0
check "golden result" diff -u "$ROOT/tests/golden/examples_classify.csv" "$TMP/out.csv"
check "summary names counts" contains "$TMP/err" "Classified 10 households (32 members)"

"$LNOB" classify --households "$H" --members "$M" >"$TMP/stdout.csv" 2>/dev/null
check "stdout equals --out" cmp "$TMP/stdout.csv" "$TMP/out.csv"

"$LNOB" classify --households "$H" --members "$M" --threads 1 --out "$TMP/one.csv" 2>/dev/null
check "one thread gives the same result" cmp "$TMP/one.csv" "$TMP/out.csv"

"$LNOB" classify --households "$H" --members "$M" --explain MV-0001 --lang en >"$TMP/explain" 2>&1
check "explain exits 0" test $? -eq 0
check "explain lists the deprived water indicator" contains "$TMP/explain" "[x] water — Drinking water: DEPRIVED"
check "explain names the field that caused it" contains "$TMP/explain" "household: water_source=unprotected_spring"
check "explain names the malnourished child" contains "$TMP/explain" "member 3: age=12, malnourished=1"
check "explain compares income with the line" contains "$TMP/explain" "Income per person per month: 950,000 VND <= line 1,500,000 VND (rural)"
check "explain gives the category" contains "$TMP/explain" "Category: poor (Poor)"

"$LNOB" classify --households "$H" --members "$M" --explain MV-0001 >"$TMP/explain_vi" 2>&1
check "explain speaks Vietnamese by default" contains "$TMP/explain_vi" "Kết quả: poor (Hộ nghèo)"

"$LNOB" classify --households "$H" --members "$M" --explain NOPE 2>"$TMP/err"
check "explain of an unknown household fails" test $? -eq 1
check "and says so" contains "$TMP/err" "household NOPE is not in"

# A what-if: a higher rural line turns MV-0003 (2,100,000 rural) from middle into near-poor.
"$LNOB" classify --households "$H" --members "$M" --standard vn-2022-2025 --set line.rural=2200000 2>/dev/null >"$TMP/whatif.csv"
check "--set changes the line" contains "$TMP/whatif.csv" "MV-0003,vn-2022-2025,near_poor,0,,2200000"
"$LNOB" classify --households "$H" --members "$M" --set line.rural=2200000 2>"$TMP/err"
check "--set without --standard is refused" contains "$TMP/err" "name it with --standard"

# The local standard applies only when named.
"$LNOB" classify --households "$H" --members "$M" --standard bn-2025 2>/dev/null >"$TMP/bn.csv"
check "local standard by name" contains "$TMP/bn.csv" "MV-0006,bn-2025,"

# vn-2027-2030 needs waste_treated: drop the column and ask for it.
cut -d, -f1-14 "$H" >"$TMP/nowaste.csv"
"$LNOB" classify --households "$TMP/nowaste.csv" --members "$M" --standard vn-2027-2030 --out "$TMP/x.csv" 2>"$TMP/err"
check "missing column a standard needs: exit 1" test $? -eq 1
check "names the column and the standard" contains "$TMP/err" "has no column 'waste_treated', which standard vn-2027-2030 needs"
check "writes nothing" test ! -e "$TMP/x.csv"
"$LNOB" classify --households "$TMP/nowaste.csv" --members "$M" --standard vn-2022-2025 >/dev/null 2>&1
check "the old standard does not need it" test $? -eq 0

# No standard in force on the survey date.
sed 's/2024-10-15/2019-10-15/' "$H" >"$TMP/old.csv"
"$LNOB" classify --households "$TMP/old.csv" --members "$M" 2>"$TMP/err" >/dev/null
check "no standard in force: exit 1" test $? -eq 1
check "says which household and date" contains "$TMP/err" "household MV-0001 (line 2): survey_date 2019-10-15"

finish
