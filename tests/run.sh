#!/usr/bin/env bash
# run.sh - the whole test suite: unit tests, CLI tests, screen tests and
# short fuzz runs.  Every test program prints "PASS name" or "FAIL name ..."
# lines; this script shows them, counts them and ends with the one line
# "N passed, N failed".  A test script that dies without printing a result
# counts as failed.
set -u
cd "$(dirname "$0")/.."
export BUILD="${BUILD:-build}"
export DAFTAR="$PWD/$BUILD/daftar"
export FUZZ_SECONDS="${FUZZ_SECONDS:-20}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_one() {     # run_one NAME COMMAND...: run a test program, tee its lines
	local name=$1 rc out; shift
	out=$(mktemp)
	"$@" >"$out" 2>&1 </dev/null
	rc=$?
	cat "$out"
	cat "$out" >>"$log"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$out"; then
		echo "FAIL $name: exited with status $rc and reported no failure" | tee -a "$log"
	fi
	if ! grep -q -E '^(PASS|FAIL) ' "$out" && [ $rc -eq 0 ]; then
		echo "FAIL $name: ran no test" | tee -a "$log"
	fi
	rm -f "$out"
}

run_one unit "$BUILD/unit"
for t in tests/cli/test_*.sh tests/screen/test_*.sh; do
	[ -e "$t" ] || continue
	run_one "$t" bash "$t"
done
if [ "$FUZZ_SECONDS" != 0 ] && [ -f fuzz/fuzz.mk ]; then
	run_one fuzz make --no-print-directory -f fuzz/fuzz.mk \
	    FUZZ_SECONDS="$FUZZ_SECONDS" ci
fi

pass=$(grep -c '^PASS ' "$log")
fail=$(grep -c '^FAIL ' "$log")
if [ "$fail" -ne 0 ]; then
	echo
	echo "failures:"
	grep '^FAIL ' "$log"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
