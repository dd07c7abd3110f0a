#!/usr/bin/env bash
# import_rate.sh - import and export speed on N demo trainees (default
# 1,000,000), next to sqlite3's own `.import` of the same CSV file into a
# plain table, in the same run on the same disk.  Prints one line:
#
#   import_rows_per_s=N sqlite_rows_per_s=M ratio=R
#   same_table_rows_per_s=W same_table_ratio=Q export_s=S
#
# ratio = N / M (the issue's goal is >= 0.5).  W is sqlite3 alone loading
# the same file into daftar's own trainee table and indexes, with no
# checks at all: the floor for this table, and Q = N / W how close our
# import comes to it.  Details go to stderr.
#
#   bench/import_rate.sh [--daftar PATH] [--trainees N] [--dir DIR] [--db FILE]
#
# --dir: where the work files go (default a fresh directory under $TMPDIR
# or /tmp, removed at the end); --db: reuse an existing demo database
# instead of generating one (generating 1,000,000 takes about a minute).
set -eu
daftar=${DAFTAR:-build/daftar}
n=1000000
# under make bench (bench/bench.py): its database, and a scratch directory
# of ours inside its work directory, emptied at the end
dir=${BENCH_DIR:+$BENCH_DIR/import}
db=${BENCH_DB:-}
scratch=${BENCH_DIR:+1}
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
command -v sqlite3 >/dev/null || { echo "$0: sqlite3 is not installed" >&2; exit 1; }
if [ -z "$dir" ]; then
	dir=$(mktemp -d "${TMPDIR:-/tmp}/daftar-bench.XXXXXX")
	trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"
[ -z "$scratch" ] || trap 'rm -rf "$dir"' EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

if [ -z "$db" ]; then
	db=$dir/demo.db
	rm -f "$db" "$db-wal" "$db-shm"
	echo "generating $n demo trainees..." >&2
	"$daftar" -d "$db" demo --trainees "$n" >&2
fi

# export
t0=$(now)
"$daftar" -d "$db" export trainee -o "$dir/trainees.csv" 2>/dev/null
t1=$(now)
export_s=$(secs "$t0" "$t1")
echo "export: trainees to CSV in $export_s s" >&2

# our import into a fresh database
rm -f "$dir/import.db" "$dir/import.db-wal" "$dir/import.db-shm"
"$daftar" -d "$dir/import.db" init >/dev/null
t0=$(now)
"$daftar" -d "$dir/import.db" import trainee "$dir/trainees.csv" >&2
t1=$(now)
import_s=$(secs "$t0" "$t1")
rows=$(sqlite3 "$dir/import.db" 'SELECT count(*) FROM trainee')

# sqlite3's .import into a plain table
rm -f "$dir/plain.db"
t0=$(now)
sqlite3 "$dir/plain.db" ".mode csv" ".import '$dir/trainees.csv' plain"
t1=$(now)
sqlite_s=$(secs "$t0" "$t1")
echo "import: $import_s s; sqlite3 .import: $sqlite_s s" >&2

# sqlite3 alone doing the storage work of our import, without its checks:
# the file into a temporary plain table, then into daftar's trainee table
# (its columns, CHECKs, UNIQUE CIN and Massar, WAL, a search key made in
# SQL) with the secondary indexes dropped and rebuilt after, as ours does
# (with the same small cache, so the index sorts run on two cores).
# What this costs is the floor for any import into that table.
rm -f "$dir/same.db" "$dir/same.db-wal" "$dir/same.db-shm"
"$daftar" -d "$dir/same.db" init >/dev/null
cols=$(head -1 "$dir/trainees.csv" | tr -d '\r')
sel=$(echo "$cols" | awk -F, '{ for (i = 1; i <= NF; i++)
	printf "%snullif(%s, '\'\'')", (i > 1 ? ", " : ""), $i }')
ixs=$(sqlite3 "$dir/same.db" "SELECT sql || ';' FROM sqlite_schema WHERE
	type = 'index' AND tbl_name = 'trainee' AND sql NOT LIKE 'CREATE UNIQUE%'")
drops=$(sqlite3 "$dir/same.db" "SELECT 'DROP INDEX ' || name || ';' FROM
	sqlite_schema WHERE type = 'index' AND tbl_name = 'trainee' AND
	sql NOT LIKE 'CREATE UNIQUE%'")
t0=$(now)
sqlite3 "$dir/same.db" <<SQL
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -262144;
.mode csv
.import --schema temp '$dir/trainees.csv' plain
BEGIN IMMEDIATE;
$drops
INSERT INTO trainee(created_at, created_by, updated_at, updated_by,
    search_key, $cols)
  SELECT '2026-01-01 00:00:00', 'bench', '2026-01-01 00:00:00', 'bench',
    name_ar || ' ' || lower(name_latin), $sel FROM temp.plain;
PRAGMA cache_size = -4096;
$ixs
COMMIT;
SQL
t1=$(now)
same_s=$(secs "$t0" "$t1")
echo "sqlite3 alone into daftar's table and indexes: $same_s s" >&2

awk -v r="$rows" -v a="$import_s" -v b="$sqlite_s" -v c="$same_s" \
    -v x="$export_s" 'BEGIN {
	ir = r / a; sr = r / b; wr = r / c
	f = "import_rows_per_s=%d sqlite_rows_per_s=%d ratio=%.2f "
	f = f "same_table_rows_per_s=%d same_table_ratio=%.2f export_s=%.2f\n"
	printf f, ir, sr, ir / sr, wr, ir / wr, x }'
