#!/usr/bin/env bash
# xlsx_rate.sh - the XLSX import next to the CSV import of the same rows
# (issue 17): N demo trainees (default 1,000,000) exported once as CSV and
# once as XLSX, each imported into a fresh database, timed in the same run
# on the same disk.  Prints one line:
#
#   xlsx_rows_per_s=X csv_rows_per_s=C ratio=R xlsx_mb=M csv_mb=S
#
# ratio = X / C.  Details go to stderr.  For bench/bench.py (the `scale`
# engineer's table) or by hand:
#
#   bench/xlsx_rate.sh [--daftar PATH] [--trainees N] [--dir DIR] [--db FILE]
#
# --db: an existing demo database to export from (under make bench,
# $BENCH_DB); --dir: where the work files go (default a fresh directory,
# removed at the end; under make bench, $BENCH_DIR/xlsx).
set -eu
daftar=${DAFTAR:-build/daftar}
n=1000000
dir=${BENCH_DIR:+$BENCH_DIR/xlsx}
db=${BENCH_DB:-}
while [ $# -gt 0 ]; do
	case $1 in
	--daftar) daftar=$2; shift 2 ;;
	--trainees) n=$2; shift 2 ;;
	--dir) dir=$2; shift 2 ;;
	--db) db=$2; shift 2 ;;
	*) echo "usage: $0 [--daftar PATH] [--trainees N] [--dir DIR] [--db FILE]" >&2
	   exit 2 ;;
	esac
done
if [ -z "$dir" ]; then
	dir=$(mktemp -d "${TMPDIR:-/tmp}/daftar-xlsx.XXXXXX")
fi
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

if [ -z "$db" ]; then
	db=$dir/demo.db
	echo "xlsx_rate: generating $n trainees..." >&2
	"$daftar" -d "$db" demo --trainees "$n" --seed 7 >/dev/null
fi
"$daftar" -d "$db" export trainee -o "$dir/t.csv" 2>/dev/null
t0=$(now)
"$daftar" -d "$db" export trainee -o "$dir/t.xlsx" 2>/dev/null
t1=$(now)
echo "xlsx_rate: XLSX export $(secs "$t0" "$t1") s" >&2
rows=$(($(wc -l <"$dir/t.csv") - 1))
run() {         # run FILE: seconds to import FILE into a fresh database
	rm -f "$dir/in.db" "$dir/in.db-wal" "$dir/in.db-shm"
	"$daftar" -d "$dir/in.db" init >/dev/null
	local a b
	a=$(now)
	"$daftar" -d "$dir/in.db" import trainee "$1" >/dev/null
	b=$(now)
	secs "$a" "$b"
}
csv_s=$(run "$dir/t.csv")
xlsx_s=$(run "$dir/t.xlsx")
# the second import of each, so that both run on a warm page cache
csv_s2=$(run "$dir/t.csv")
xlsx_s2=$(run "$dir/t.xlsx")
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
csv_s=$(best "$csv_s" "$csv_s2")
xlsx_s=$(best "$xlsx_s" "$xlsx_s2")
echo "xlsx_rate: $rows rows: CSV import $csv_s s, XLSX import $xlsx_s s" >&2
awk -v r="$rows" -v c="$csv_s" -v x="$xlsx_s" \
    -v xm="$(stat -c %s "$dir/t.xlsx")" -v cm="$(stat -c %s "$dir/t.csv")" 'BEGIN {
	printf "xlsx_rows_per_s=%.0f csv_rows_per_s=%.0f ratio=%.2f xlsx_mb=%.1f csv_mb=%.1f\n",
	    r / x, r / c, (r / x) / (r / c), xm / 1048576, cm / 1048576 }'
