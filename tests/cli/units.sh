#!/usr/bin/env bash
# lnob units import / show on the Meo Vac fixture (the 2025 reorganisation in former Ha Giang),
# and files that are refused: every bad cell named, nothing stored.
source "$(dirname "$0")/lib.bash"
F=$ROOT/tests/fixtures/units_meo_vac.csv
DB=sqlite:$TMP/lnob.db

"$LNOB" units import --db "$DB" "$F" --lang en >"$TMP/out" 2>"$TMP/err"
check "import exits 0" test $? -eq 0
check "import says what it added" contains "$TMP/out" "Imported 16 unit versions and 5 events"

"$LNOB" units import --db "$DB" "$F" --lang en >"$TMP/out" 2>"$TMP/err"
check "importing again: exit 1" test $? -eq 1
check "names the version that exists" contains "$TMP/err" "unit 02 already has a version from 1991-10-01"
check "and that nothing was imported" contains "$TMP/err" "Nothing was imported."

# The township on its last day, then the new commune on its first.
"$LNOB" units show --db "$DB" 00760 --on 2025-06-15 --lang en >"$TMP/show" 2>&1
check "show township: exit 0" test $? -eq 0
check "township name and kind" contains "$TMP/show" "Mèo Vạc township (00760)"
check "township validity" contains "$TMP/show" "In force: from 1991-10-01 to 2025-06-15"
check "township ancestors" contains "$TMP/show" "Belongs to (on 2025-06-15): Mèo Vạc district (027), Hà Giang province (02)"
merger="2025-06-16 merge: Mèo Vạc township (00760), Pả Vi commune (00763), Giàng Chu Phìn commune (00766), Tả Lủng commune (00769) -> Mèo Vạc commune (00787). Thị trấn Mèo Vạc, các xã Tả Lủng, Giàng Chu Phìn, Pả Vi hợp thành xã Mèo Vạc"
check "township became the new commune" contains "$TMP/show" "$merger"

"$LNOB" units show --db "$DB" 00787 --on 2025-06-16 --lang en >"$TMP/show" 2>&1
check "show commune: exit 0" test $? -eq 0
check "commune validity" contains "$TMP/show" "In force: from 2025-06-16 to 2025-06-30"
check "commune came from the four" contains "$TMP/show" "$merger"
check "commune re-parented when districts ended" contains "$TMP/show" "2025-07-01 reparent: Mèo Vạc commune (00787) -> Mèo Vạc commune (00787). Không còn cấp huyện"

"$LNOB" units show --db "$DB" 00787 --on 2025-07-01 >"$TMP/show" 2>&1
check "Vietnamese by default" contains "$TMP/show" "xã Mèo Vạc (00787)"
check "Vietnamese dates" contains "$TMP/show" "Hiệu lực: từ 01/07/2025 (đang có hiệu lực)"
check "under the new province, no district" contains "$TMP/show" "Thuộc (ngày 01/07/2025): tỉnh Tuyên Quang (08)"
check "Vietnamese event kinds" contains "$TMP/show" "16/06/2025 sáp nhập: thị trấn Mèo Vạc (00760), xã Pả Vi (00763)"

"$LNOB" units show --db "$DB" 0076301 --on 2025-06-20 --lang en >"$TMP/show" 2>&1
check "village ancestors" contains "$TMP/show" "Belongs to (on 2025-06-20): Mèo Vạc commune (00787), Mèo Vạc district (027), Hà Giang province (02)"

"$LNOB" units show --db "$DB" 02 --on 2025-06-30 --lang en >"$TMP/show" 2>&1
check "province merger" contains "$TMP/show" "2025-07-01 merge: Hà Giang province (02), Tuyên Quang province (08) -> Tuyên Quang province (08). Nghị quyết 202/2025/QH15"

"$LNOB" units show --db "$DB" 08 --lang en >"$TMP/show" 2>&1
check "default date is today" contains "$TMP/show" "Tuyên Quang province (08)"

"$LNOB" units show --db "$DB" 00760 --on 2025-06-16 --lang en >"$TMP/show" 2>&1
check "not in force: exit 1" test $? -eq 1
check "says when it was" contains "$TMP/show" "unit 00760 is not in force on 2025-06-16; it was or is in force 1991-10-01 to 2025-06-15 (Mèo Vạc)"
check "and where its territory went" contains "$TMP/show" "On 2025-06-16 its territory is in: 00787"
"$LNOB" units show --db "$DB" 00787 --on 2024-12-31 >"$TMP/show" 2>&1
check "before it existed, in Vietnamese" contains "$TMP/show" "Ngày 31/12/2024, địa bàn của đơn vị thuộc: 00760, 00763, 00766, 00769"
"$LNOB" units show --db "$DB" 12345 --lang en >"$TMP/show" 2>&1
check "unknown code: exit 1" test $? -eq 1
check "unknown code: says so" contains "$TMP/show" "there is no unit with the code 12345"
"$LNOB" units show --db "sqlite:$TMP/none.db" 02 --lang en >"$TMP/show" 2>&1
check "no database: exit 1, nothing created" test $? -eq 1 -a ! -e "$TMP/none.db"

# A file with a mistake in many cells: every one reported, nothing stored (not even line 2).
cat >"$TMP/units_bad.csv" <<'CSV'
type,code,name,kind,parent_code,province_code,valid_from,valid_to,from,to,note
unit,99003,Bản Mới,village,00787,08,2025-08-01,,,,
unit,99001,Lũng Cú,commune,027,02,2025-02-30,,,,
unit,99002,,comune,,02,2025-01-01,2024-12-31,,,
event,,,annex,,,2025-07-01,,02,08,
event,,,merge,,,2025-07-01,,02,08;09,
unit,99003,Bản Mới,village,00787,08,2025-09-01,,,,
CSV
"$LNOB" units import --db "$DB" "$TMP/units_bad.csv" --lang en >"$TMP/out" 2>"$TMP/err"
check "bad file: exit 1" test $? -eq 1
check "bad date" contains "$TMP/err" 'units_bad.csv:3:7 valid_from="2025-02-30": must be a date that exists, written YYYY-MM-DD'
check "missing name" contains "$TMP/err" 'units_bad.csv:4:3 name="": name is required on a row of type unit'
check "unknown kind" contains "$TMP/err" 'units_bad.csv:4:4 kind="comune": kind must be one of: province, district, commune'
check "valid_to before valid_from" contains "$TMP/err" 'units_bad.csv:4:8 valid_to="2024-12-31": valid_to is the last day in force'
check "unknown event kind" contains "$TMP/err" 'units_bad.csv:5:4 kind="annex"'
check "merge needs one code in to" contains "$TMP/err" 'units_bad.csv:6:10 to="08;09": a merge event lists exactly 1 code(s) in to; this one lists 2'
check "overlapping versions" contains "$TMP/err" 'units_bad.csv:7:7 valid_from="2025-09-01": this version of 99003 overlaps the one on line 2'
check "counts the errors" contains "$TMP/err" "lnob: 8 errors in units_bad.csv; nothing was imported"
"$LNOB" units show --db "$DB" 99003 --on 2025-08-01 --lang en >/dev/null 2>&1
check "line 2 was not stored" test $? -eq 1

"$LNOB" units import --db "$DB" "$TMP/units_bad.csv" >/dev/null 2>"$TMP/err"
check "errors in Vietnamese by default" contains "$TMP/err" 'units_bad.csv:3:7 valid_from="2025-02-30": phải là một ngày có thật'

# A file that reads well but does not fit the database: one transaction, nothing stored.
printf '%s\n' "type,code,name,kind,parent_code,province_code,valid_from,valid_to,from,to,note" \
  "unit,99004,Bản Mới,village,00787,08,2025-08-01,,,," \
  "unit,99005,Lũng Cú,commune,999,08,2025-08-01,,,," >"$TMP/units_parent.csv"
"$LNOB" units import --db "$DB" "$TMP/units_parent.csv" --lang en >"$TMP/out" 2>"$TMP/err"
check "unknown parent: exit 1" test $? -eq 1
check "unknown parent: says which" contains "$TMP/err" "unit 99005 (Lũng Cú) from 2025-08-01: its parent 999 is not in force on 2025-08-01"
"$LNOB" units show --db "$DB" 99004 --on 2025-08-01 >/dev/null 2>&1
check "the good row before it was not stored" test $? -eq 1

finish
