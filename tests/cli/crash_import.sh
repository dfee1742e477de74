#!/usr/bin/env bash
# Crash safety (quality.md): `lnob import` killed with SIGKILL at random moments leaves a database
# that passes its integrity check and holds either the whole import or none of it.
# TRIALS (default 20) trials; bench/crash_trials runs hundreds.
source "$(dirname "$0")/lib.bash"
TRIALS=${TRIALS:-20}
GEN=$(dirname "$LNOB")/gen_survey
N=20000

"$GEN" --households $N --seed 7 --out "$TMP/data" >/dev/null
H=$TMP/data/households.csv
M=$TMP/data/members.csv
"$LNOB" db init --db "$TMP/base.db" >/dev/null
"$LNOB" import --db "$TMP/base.db" --round 2023 --province 08 --households "$ROOT/examples/households.csv" \
  --members "$ROOT/examples/members.csv" >/dev/null
check "baseline import" test $? -eq 0
sqlite3 "$TMP/base.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null

# How long a whole import takes, to spread the kills over it.
cp "$TMP/base.db" "$TMP/full.db"
start=$(date +%s%N)
"$LNOB" import --db "$TMP/full.db" --round 2024 --province 08 --households "$H" --members "$M" >/dev/null 2>&1
check "an import that is not killed completes" test $? -eq 0
duration_ms=$(( ($(date +%s%N) - start) / 1000000 ))
full=$(sqlite3 "$TMP/full.db" "SELECT COUNT(*) FROM household_answers")
check "the full import holds every household" test "$full" -eq $((N + 10))

RANDOM=42
whole=0
none=0
for i in $(seq 1 "$TRIALS"); do
  rm -f "$TMP"/trial.db*
  cp "$TMP/base.db" "$TMP/trial.db"
  delay_ms=${DELAY_MS:-$(( RANDOM % (duration_ms + 50) ))}
  "$LNOB" import --db "$TMP/trial.db" --round 2024 --province 08 --households "$H" --members "$M" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  "$LNOB" db check --db "$TMP/trial.db" >"$TMP/check" 2>&1
  check "trial $i (kill after ${delay_ms} ms): integrity" test $? -eq 0 || sed 's/^/    /' "$TMP/check" >&2
  households=$(sqlite3 "$TMP/trial.db" "SELECT COUNT(*) FROM household_answers")
  imports=$(sqlite3 "$TMP/trial.db" "SELECT COUNT(*) FROM imports")
  if [ "$households" -eq 10 ] && [ "$imports" -eq 1 ]; then
    none=$((none + 1))
  elif [ "$households" -eq "$full" ] && [ "$imports" -eq 2 ]; then
    whole=$((whole + 1))
  else
    check "trial $i: all or nothing (found $households households, $imports imports)" false
  fi
done
echo "crash trials: $TRIALS, whole import kept: $whole, nothing kept: $none (import takes ${duration_ms} ms)"
finish
