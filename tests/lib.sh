# lib.sh - helpers for the CLI and screen tests (sourced).
#   pass NAME / fail NAME WHY       print a result line
#   expect_eq NAME GOT WANT         pass when equal, else fail showing both
#   expect_rc NAME WANT CMD...      run CMD, compare its exit status
#   T                               a scratch directory, removed at exit
set -u
: "${DAFTAR:=$PWD/build/daftar}"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset DAFTAR_DB DAFTAR_BIDI
T=$(mktemp -d /tmp/daftar-test.XXXXXX)
export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" HOME="$T/home"
mkdir -p "$HOME"
trap 'rm -rf "$T"' EXIT
TEST_FILE=$(basename "${BASH_SOURCE[1]:-$0}" .sh)

pass() { echo "PASS $TEST_FILE:$1"; }
fail() { echo "FAIL $TEST_FILE:$1: $2"; }

expect_eq() {
	if [ "$2" == "$3" ]; then pass "$1"
	else fail "$1" "got [$2], want [$3]"; fi
}

expect_rc() {
	local name=$1 want=$2 got; shift 2
	"$@" >"$T/out" 2>"$T/err"; got=$?
	if [ "$got" -eq "$want" ]; then pass "$name"
	else fail "$name" "exit $got, want $want; stderr: $(head -c 300 "$T/err")"; fi
}

# expect_match NAME TEXT REGEX: pass when TEXT matches the extended regex
expect_match() {
	if printf '%s' "$2" | grep -q -E -- "$3"; then pass "$1"
	else fail "$1" "[$(printf '%s' "$2" | head -c 300)] does not match /$3/"; fi
}
