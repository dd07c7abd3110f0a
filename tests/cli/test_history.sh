#!/usr/bin/env bash
# test_history.sh - global ids in exports and imports, `daftar history`
# (text and --tsv, by id or global id, sanitised, exit codes), `daftar
# history --deleted` and `daftar restore`.  The history screen and the
# full create/edit/delete/restore sequence are in tests/screen/test_history.sh.
source "$(dirname "$0")/../lib.sh"
db="$T/h.db"
q() { sqlite3 "$1" "$2"; }
"$DAFTAR" -d "$db" init >/dev/null

cat >"$T/in.csv" <<'EOF'
name_ar,name_latin,gender,cin,city
سُعاد العلوي,Souad Alaoui,F,AB1234,الرباط
كريم بناني,Karim Bennani,M,CD99,فاس
EOF
expect_rc import_plain 0 "$DAFTAR" -d "$db" import trainee "$T/in.csv"

# --- every record's history starts with its import ---------------------------
expect_rc history_ok 0 "$DAFTAR" -d "$db" history trainee 1
out=$(cat "$T/out")
gid1=$(q "$db" "select gid from trainee where id = 1")
expect_match history_header "$(head -1 "$T/out")" "^Trainees #1 \"سُعاد العلوي\", global id $gid1, present$"
expect_match history_import_step "$out" 'UTC  [^ ]+  imported \(import .*in\.csv: 2 rows, ids 1-2\)  \[audit #1\]'
expect_match history_values "$out" 'City: +\(empty\) -> "الرباط"'
expect_match history_choice_label "$out" 'Gender: +\(empty\) -> "Female"'
expect_eq audit_rows "$(q "$db" "select group_concat(action || ':' || ifnull(record_id, '-'), ' ') from audit")" \
	"import:1 import:2 import:-"

expect_rc history_tsv 0 "$DAFTAR" -d "$db" history trainee 2 --tsv
expect_eq tsv_header "$(head -1 "$T/out")" "$(printf 'audit_id\tat\tuser\taction\tfield\tbefore\tafter\tnote')"
expect_match tsv_row "$(sed -n 2p "$T/out")" "$(printf '^2\t[0-9-]+ [0-9:]+\t[^\t]+\timported\tname_ar\t\tكريم بناني\timport ')"
expect_eq tsv_lines "$(wc -l <"$T/out")" 6       # header + 5 fields

# by global id, and by the entity's label
expect_rc history_by_gid 0 "$DAFTAR" -d "$db" history trainee "$gid1"
expect_match history_by_gid_same "$(head -1 "$T/out")" "^Trainees #1 "
expect_rc history_by_label 0 "$DAFTAR" -d "$db" history "المتدربون" 1

# exit codes and messages
expect_rc history_no_record 1 "$DAFTAR" -d "$db" history trainee 99
expect_match history_no_record_msg "$(cat "$T/err")" 'Trainees #99 does not exist and has no history'
expect_rc history_unknown_gid 1 "$DAFTAR" -d "$db" history trainee 00000000-0000-4000-8000-000000000000
expect_rc history_usage_none 2 "$DAFTAR" -d "$db" history
expect_rc history_usage_entity 2 "$DAFTAR" -d "$db" history nosuch 1
expect_rc history_usage_id 2 "$DAFTAR" -d "$db" history trainee abc
expect_rc history_usage_option 2 "$DAFTAR" -d "$db" history trainee 1 --nope
expect_rc history_deleted_usage 2 "$DAFTAR" -d "$db" history trainee 1 --deleted

# nothing from the database reaches the terminal raw: a right-to-left
# override put into a name with sqlite3 comes out as a visible placeholder
q "$db" "update trainee set name_ar = 'x' || char(8238) || 'y' || char(27) || '[31m' where id = 2"
"$DAFTAR" -d "$db" history trainee 2 >"$T/san.txt" 2>&1
if grep -q $'\u202e\|\x1b' "$T/san.txt"; then fail history_sanitised "raw control in: $(head -1 "$T/san.txt")"
else pass history_sanitised; fi
q "$db" "update trainee set name_ar = 'كريم بناني' where id = 2"

# --- deleted records and restore from the command line ---------------------
expect_rc deleted_none 0 "$DAFTAR" -d "$db" history trainee --deleted
expect_eq deleted_none_out "$(cat "$T/out")" ""
expect_match deleted_none_count "$(cat "$T/err")" '^0 deleted trainee records'
expect_rc restore_present 1 "$DAFTAR" -d "$db" restore trainee 1
expect_match restore_present_msg "$(cat "$T/err")" 'is there, not deleted'
expect_rc restore_never 1 "$DAFTAR" -d "$db" restore trainee 77
expect_match restore_never_msg "$(cat "$T/err")" 'was never deleted'
expect_rc restore_usage 2 "$DAFTAR" -d "$db" restore trainee
expect_rc restore_usage_num 2 "$DAFTAR" -d "$db" restore trainee x1

# --- the global id in every export -----------------------------------------
expect_rc export_csv 0 "$DAFTAR" -d "$db" export trainee -o "$T/e.csv"
expect_match export_csv_header "$(head -1 "$T/e.csv")" ',gid$'
expect_match export_csv_gid "$(sed -n 2p "$T/e.csv")" ",$gid1\$"
expect_rc export_json 0 "$DAFTAR" -d "$db" export trainee --format jsonl -o "$T/e.jsonl"
expect_match export_json_gid "$(head -1 "$T/e.jsonl")" "^\{\"id\":1,.*,\"gid\":\"$gid1\"\}\$"
expect_rc export_excel_csv 0 "$DAFTAR" -d "$db" export trainee --excel -o "$T/ex.csv"
expect_match export_excel_header "$(iconv -f UTF-16 -t UTF-8 "$T/ex.csv" | head -1 | tr -d '\r')" $'\tGlobal id$'
expect_rc export_xlsx 0 "$DAFTAR" -d "$db" export trainee -o "$T/e.xlsx"
expect_eq export_xlsx_gid "$(python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
sheet = z.read("xl/worksheets/sheet1.xml").decode()
print(("Global id" in strings or "Global id" in sheet) and (sys.argv[2] in strings or sys.argv[2] in sheet))' "$T/e.xlsx" "$gid1")" True

# --- import accepts the column ------------------------------------------------
# back into the same database without its id column: each row is a record
# that exists, by its global id
cut -d, -f2- "$T/e.csv" >"$T/e-noid.csv"
expect_rc import_existing_gid 1 "$DAFTAR" -d "$db" import trainee "$T/e-noid.csv"
expect_match import_existing_gid_msg "$(cat "$T/err")" \
	"e-noid.csv:2: gid: global id $gid1 is already that of trainee #1 \(سُعاد العلوي\): this row is that record, not a new one"
expect_eq import_existing_nothing "$(q "$db" "select count(*) from trainee")" 2
# into another database: the records keep their global ids
"$DAFTAR" -d "$T/other.db" init >/dev/null
expect_rc import_keeps_gid 0 "$DAFTAR" -d "$T/other.db" import trainee "$T/e.csv"
expect_eq import_kept_gids "$(q "$T/other.db" "select group_concat(gid, ' ') from (select gid from trainee order by id)")" \
	"$(q "$db" "select group_concat(gid, ' ') from (select gid from trainee order by id)")"
expect_eq import_kept_audit_gid "$(q "$T/other.db" "select gid from audit where record_id = 1")" "$gid1"
# re-exported: the same file
"$DAFTAR" -d "$T/other.db" export trainee -o "$T/e2.csv" 2>/dev/null
expect_eq export_round_trip "$(cmp "$T/e.csv" "$T/e2.csv" && echo same)" same
# upper case is the same id; twice in a file; not an id at all
up=$(echo 8FA19024-6CA2-40F4-BC7E-608FAAB15D4C)
printf 'name_ar,gender,gid\nأمل,F,%s\nأمين,M,%s\nجود,M,nonsense\n' "$up" "${up,,}" >"$T/g.csv"
expect_rc import_bad_gids 1 "$DAFTAR" -d "$db" import trainee "$T/g.csv"
expect_match import_gid_twice "$(cat "$T/err")" 'g.csv:3: gid: global id 8fa19024-6ca2-40f4-bc7e-608faab15d4c appears twice in the file: also on line 2'
expect_match import_gid_form "$(cat "$T/err")" 'g.csv:4: gid: "nonsense" is not a global id'
printf 'name_ar,gender,gid\nأمل,F,%s\n' "$up" >"$T/g1.csv"
expect_rc import_new_gid 0 "$DAFTAR" -d "$db" import trainee "$T/g1.csv"
expect_eq import_new_gid_lower "$(q "$db" "select count(*) from trainee where gid = '${up,,}'")" 1

# --- import --update by global id: an export without its id column ----------
"$DAFTAR" -d "$db" export trainee -o "$T/u.csv" 2>/dev/null
cut -d, -f2- "$T/u.csv" | sed 's/,الرباط,/,سلا,/' >"$T/u-noid.csv"
expect_rc update_by_gid 0 "$DAFTAR" -d "$db" import trainee "$T/u-noid.csv" --update
expect_eq update_by_gid_city "$(q "$db" "select city from trainee where gid = '$gid1'")" "سلا"
expect_eq update_by_gid_no_new "$(q "$db" "select count(*) from trainee")" 3
# a global id that is not the record's the id column names: refused
gid2=$(q "$db" "select gid from trainee where id = 2")
awk -F, -v OFS=, -v g="$gid2" 'NR == 2 { $NF = g } { print }' "$T/u.csv" >"$T/u-bad.csv"
expect_rc update_gid_mismatch 1 "$DAFTAR" -d "$db" import trainee "$T/u-bad.csv" --update
expect_match update_gid_mismatch_msg "$(cat "$T/err")" "gid: global id $gid2 is not that of trainee #1 \($gid1\): a record's global id never changes"
