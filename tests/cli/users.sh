#!/usr/bin/env bash
# lnob users add / list / disable / token and lnob audit verify / show, on SQLite: weak passwords
# and unknown units are refused with nothing stored; every change is on the audit log; an edit of
# the log with the sqlite3 shell is found and named.
source "$(dirname "$0")/lib.bash"
DB=$TMP/lnob.db
PW='bốn con mèo trên mái nhà'

count() { sqlite3 "$DB" "$1"; }

# A fresh database: the command creates the schema. The unit must be in the registry first.
echo "$PW" | "$LNOB" users add --db "$DB" --username xa.meovac --role commune_officer --unit 00787 \
  --password-stdin --lang en >"$TMP/out" 2>"$TMP/err"
check "unknown unit: exit 1" test $? -eq 1
check "unknown unit: says to import units" contains "$TMP/err" "the unit 00787 is not in the registry; import the units first: lnob units import"
check "unknown unit: nothing stored" test "$(count 'SELECT COUNT(*) FROM users')" -eq 0

"$LNOB" units import --db "$DB" "$ROOT/tests/fixtures/units_meo_vac.csv" >/dev/null 2>&1
check "units imported" test $? -eq 0

echo "$PW" | "$LNOB" users add --db "$DB" --username xa.meovac --role commune_officer --unit 00787 \
  --password-stdin --lang en >"$TMP/out" 2>"$TMP/err"
check "add: exit 0" test $? -eq 0
check "add: says so" contains "$TMP/out" "Added user xa.meovac (role commune_officer, unit 00787)"
check "add: argon2id hash stored, not the password" test "$(count "SELECT COUNT(*) FROM users WHERE password_hash LIKE '\$argon2id\$%'")" -eq 1
check "add: the password is nowhere in the database" test "$(cat "$DB"* | grep -ac "mái nhà")" -eq 0
# A unit that is no longer in force is still known to the registry.
echo "$PW" | "$LNOB" users add --db "$DB" --username tt.meovac --role village_head --unit 00760 \
  --password-stdin --lang en >/dev/null 2>&1
check "add on a unit of an earlier date: exit 0" test $? -eq 0

for weak in short 'matkhau123456' 'Password1234' 'xa.pavi-2025-ok'; do
  echo "$weak" | "$LNOB" users add --db "$DB" --username xa.pavi --role commune_officer \
    --unit 00763 --password-stdin --lang en >/dev/null 2>"$TMP/err"
  check "weak password '$weak': exit 1" test $? -eq 1
done
check "weak password: nothing stored" test "$(count "SELECT COUNT(*) FROM users WHERE username = 'xa.pavi'")" -eq 0
echo short | "$LNOB" users add --db "$DB" --username xa.pavi --role commune_officer --unit 00763 \
  --password-stdin >/dev/null 2>"$TMP/err"
check "weak password: the policy speaks Vietnamese" contains "$TMP/err" "Mật khẩu phải có ít nhất 12 ký tự (mật khẩu này có 5)"

echo "$PW" | "$LNOB" users add --db "$DB" --username xa.meovac --role auditor --unit 02 \
  --password-stdin --lang en >/dev/null 2>"$TMP/err"
check "taken name: exit 1" test $? -eq 1
check "taken name: says so" contains "$TMP/err" "the user name 'xa.meovac' is already taken"
echo "$PW" | "$LNOB" users add --db "$DB" --username x.y --role mayor --unit 02 \
  --password-stdin --lang en >/dev/null 2>"$TMP/err"
check "unknown role: names the roles" contains "$TMP/err" "unknown role 'mayor'; use one of: province_admin"
"$LNOB" users add --db "$DB" --username x.y --role auditor --unit 02 --lang en </dev/null >/dev/null 2>"$TMP/err"
check "no --password-stdin: refused" contains "$TMP/err" "--password-stdin"

"$LNOB" users token --db "$DB" --username xa.meovac --name kobo-sync --lang en >"$TMP/token" 2>"$TMP/err"
check "token: exit 0" test $? -eq 0
check "token: printed once, 43 characters" test "$(tr -d '\n' <"$TMP/token" | wc -c)" -eq 43
check "token: said to be shown once" contains "$TMP/err" "it is not shown again"
check "token: only its hash is stored" test "$(cat "$DB"* | grep -acF -- "$(cat "$TMP/token")")" -eq 0
"$LNOB" users token --db "$DB" --username xa.meovac --name kobo-sync --lang en >/dev/null 2>"$TMP/err"
check "token name taken: exit 1" test $? -eq 1

"$LNOB" users list --db "$DB" --lang en >"$TMP/list"
check "list: header" contains "$TMP/list" "username"
check "list: the user, role, unit" grep -qE '^xa\.meovac +commune_officer +00787 +no$' "$TMP/list"

"$LNOB" users disable --db "$DB" --username xa.meovac --lang en >"$TMP/out" 2>&1
check "disable: exit 0" test $? -eq 0
check "disable: token revoked" test "$(count 'SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL')" -eq 0
"$LNOB" users list --db "$DB" --lang en >"$TMP/list"
check "list: shows disabled" grep -qE '^xa\.meovac +commune_officer +00787 +yes$' "$TMP/list"
"$LNOB" users disable --db "$DB" --username nobody --lang en >/dev/null 2>&1
check "disable unknown user: exit 1" test $? -eq 1

# The audit log: one entry per change, chain intact.
"$LNOB" audit verify --db "$DB" --lang en >"$TMP/out" 2>&1
check "audit verify: exit 0" test $? -eq 0
check "audit verify: counts the entries" contains "$TMP/out" "4 entries, chain intact"
"$LNOB" audit show --db "$DB" --lang en >"$TMP/out"
check "audit show: newest first" test "$(sed -n 2p "$TMP/out" | awk '{print $1, $4}')" = "4 user.disable"
check "audit show: actor cli" contains "$TMP/out" "role=commune_officer unit=00787"
"$LNOB" audit show --db "$DB" --action token.add --format json >"$TMP/out"
check "audit show --action --format json" contains "$TMP/out" '"action":"token.add","target":"kobo-sync","detail":"user=xa.meovac"'
"$LNOB" audit show --db "$DB" --since 2000-01-01 --limit 1 >"$TMP/out"
check "audit show --limit" test "$(wc -l <"$TMP/out")" -eq 2
"$LNOB" audit show --db "$DB" --since 01/01/2000 >/dev/null 2>&1
check "audit show: a bad date is refused" test $? -eq 1
"$LNOB" audit verify --db "$DB" >"$TMP/out"
check "audit verify in Vietnamese" contains "$TMP/out" "4 mục, chuỗi băm nguyên vẹn"

# Tampering with the sqlite3 shell is found.
sqlite3 "$DB" "UPDATE audit_log SET detail = 'role=province_admin unit=02' WHERE id = 1"
"$LNOB" audit verify --db "$DB" --lang en >"$TMP/out" 2>"$TMP/err"
check "tampered: exit 1" test $? -eq 1
check "tampered: names the entry" contains "$TMP/err" "audit entry 1 was changed after it was written"
sqlite3 "$DB" "DELETE FROM audit_log WHERE id = 4"
sqlite3 "$DB" "UPDATE audit_log SET detail = 'role=commune_officer unit=00787' WHERE id = 1"
"$LNOB" audit verify --db "$DB" --lang en >"$TMP/out" 2>"$TMP/err"
check "last entry removed: exit 1" test $? -eq 1
check "last entry removed: named" contains "$TMP/err" "audit entry 4 was removed"

# lnob users password: a new password from stdin or generated (printed once); the old hash is
# replaced, the change is on the audit log, a weak password or an unknown user changes nothing.
PDB=$TMP/password.db
"$LNOB" units import --db "$PDB" "$ROOT/tests/fixtures/units_meo_vac.csv" >/dev/null 2>&1
echo "$PW" | "$LNOB" users add --db "$PDB" --username xa.meovac --role commune_officer --unit 00787 \
  --password-stdin >/dev/null 2>&1
hash() { sqlite3 "$PDB" "SELECT password_hash FROM users WHERE username = 'xa.meovac'"; }
before=$(hash)
echo short | "$LNOB" users password --db "$PDB" --username xa.meovac --password-stdin --lang en \
  >/dev/null 2>"$TMP/err"
check "password: weak refused" test $? -eq 1
check "password: weak changes nothing" test "$(hash)" = "$before"
"$LNOB" users password --db "$PDB" --username nobody --lang en >/dev/null 2>&1
check "password: unknown user refused" test $? -eq 1
echo 'một mật khẩu mới dài hơn' | "$LNOB" users password --db "$PDB" --username xa.meovac \
  --password-stdin --lang en >"$TMP/out" 2>"$TMP/err"
check "password from stdin: exit 0" test $? -eq 0
check "password from stdin: not echoed" test ! -s "$TMP/out"
check "password from stdin: says so" contains "$TMP/err" "Set a new password for xa.meovac"
check "password from stdin: hash replaced" test "$(hash)" != "$before"
before=$(hash)
"$LNOB" users password --db "$PDB" --username xa.meovac --lang en >"$TMP/out" 2>"$TMP/err"
check "password generated: exit 0" test $? -eq 0
check "password generated: printed once, 23 characters" test "$(tr -d '\n' <"$TMP/out" | wc -c)" -eq 23
check "password generated: said to be shown once" contains "$TMP/err" "shown once"
check "password generated: hash replaced" test "$(hash)" != "$before"
check "password generated: not in the database" test "$(cat "$PDB"* | grep -acF -- "$(cat "$TMP/out")")" -eq 0
check "password: audited" test "$(sqlite3 "$PDB" "SELECT COUNT(*) FROM audit_log WHERE action = 'user.password'")" -eq 2
"$LNOB" audit verify --db "$PDB" >/dev/null 2>&1
check "password: audit chain intact" test $? -eq 0

finish
