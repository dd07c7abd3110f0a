#!/usr/bin/env bash
# test_import_export.sh - `daftar import` and `daftar export`: a file with
# every kind of problem refused with one message per problem and nothing
# written; a clean file with Arabic, French and mixed names imported,
# exported as CSV, XLSX and JSON, and round-tripped byte for byte into an
# empty database; --dry-run writing nothing; the audit row; usage errors.
source "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."

q() { sqlite3 -batch -noheader "$1" "$2"; }
db=$T/a.db
"$DAFTAR" -d "$db" init >/dev/null
state() { q "$db" 'SELECT count(*) FROM trainee; SELECT count(*) FROM audit' | tr '\n' ' '; }

# ---- a file with every kind of problem ----------------------------------
{
	printf 'name_ar,name_latin,gender,birth_date,cin,region_id\n'
	printf 'سعيد,Said \xff\xfe,M,2001-01-01,K111,1\n'             # 2 bad UTF-8
	printf 'ليلى,Layla,F,31/02/2001,K112,1\n'                     # 3 bad date
	printf 'يوسف,Youssef,M,2001-01-01,K113,Atlantis\n'           # 4 unknown lookup
	printf 'كريم,Karim,M,2001-01-01,K115,1\n'                     # 5 fine
	printf 'كريم ب,Karim B,M,2001-01-01,k 115,1\n'                # 6 duplicate CIN
	printf ',NoName,M,2001-01-01,K116,1\n'                        # 7 missing required
	printf 'حسن,Hassan,M,2001-01-01\n'                            # 8 column count
	printf 'Evil\x1b[31mRed,x,M,,K117,\n'                         # 9 escape sequence
	printf 'علي\xe2\x80\xaeكذب,x,M,,K118,\n'                      # 10 bidi override
	printf 'هند,Hind,F,2001-01-01,K119,4\n'                       # 11 fine
} >"$T/bad.csv"
before=$(state)
expect_rc bad_file_refused 1 "$DAFTAR" -d "$db" import trainee "$T/bad.csv"
err=$(cat "$T/err")
expect_eq bad_file_one_message_per_problem "$(grep -c "^$T/bad.csv:[0-9]*: " "$T/err")" 8
expect_match bad_utf8 "$err" "bad.csv:2: name_latin: .*not valid UTF-8 \(byte [0-9]+"
expect_match bad_date "$err" 'bad.csv:3: birth_date: "31/02/2001" is not a date'
expect_match unknown_lookup "$err" 'bad.csv:4: region_id: .*"Atlantis"'
expect_match duplicate_cin_in_file "$err" 'bad.csv:6: cin: .*K115.* also on line 5'
expect_match missing_required "$err" 'bad.csv:7: name_ar: .*required'
expect_match column_count "$err" 'bad.csv:8: row: 4 fields, but the header has 6'
expect_match escape_sequence "$err" 'bad.csv:9: name_ar: .*escape sequence'
expect_match bidi_override "$err" 'bad.csv:10: name_ar: .*bidi control \(U\+202E'
expect_match bad_file_total "$err" '8 problems in 10 rows; nothing was imported'
expect_eq bad_file_nothing_written "$(state)" "$before"
if grep -q $'\x1b' "$T/err"; then fail stderr_sanitised "raw ESC on stderr"
else pass stderr_sanitised; fi
if grep -q $'\r' "$T/err"; then fail no_progress_bar_off_terminal "CR on stderr"
else pass no_progress_bar_off_terminal; fi

# a duplicate against the database, and header problems
printf 'name_ar,gender,cin\nأمين,M,K500\n' >"$T/one.csv"
expect_rc one_row 0 "$DAFTAR" -d "$db" import trainee "$T/one.csv"
printf 'name_ar,gender,cin\nأمين ب,M,K500\n' >"$T/dup.csv"
expect_rc dup_in_db 1 "$DAFTAR" -d "$db" import trainee "$T/dup.csv"
expect_match dup_in_db_says "$(cat "$T/err")" 'dup.csv:2: cin: CIN K500 is already used by trainee #1 \(أمين\)'
printf 'nom,colour,gender\nx,y,M\n' >"$T/head.csv"
expect_rc bad_header 1 "$DAFTAR" -d "$db" import trainee "$T/head.csv"
expect_match unknown_column "$(cat "$T/err")" 'head.csv:1: colour: no such field in trainee'
expect_match required_column "$(cat "$T/err")" 'head.csv:1: name_ar: .*no column'
: >"$T/empty.csv"
expect_rc empty_file 1 "$DAFTAR" -d "$db" import trainee "$T/empty.csv"

# a file saved in Windows-1256 (Excel's "CSV" on Arabic Windows): one
# message saying how to convert it, not one per Arabic field; UTF-16
# (Excel's "Unicode text", what export --excel writes) is read as it is
printf 'name_ar,gender\nليلى,F\nسعاد,F\nكريم العلوي,M\n' >"$T/u8.csv"
iconv -f UTF-8 -t WINDOWS-1256 "$T/u8.csv" >"$T/cp1256.csv"
iconv -f UTF-8 -t UTF-16 "$T/u8.csv" >"$T/utf16.csv"
before=$(state)
expect_rc cp1256_refused 1 "$DAFTAR" -d "$db" import trainee "$T/cp1256.csv"
expect_match cp1256_says_how "$(cat "$T/err")" 'cp1256.csv: file: the file is not UTF-8 text \(from byte 16\).*Windows-1256.*iconv -f WINDOWS-1256 -t UTF-8'
expect_eq cp1256_one_message "$(grep -c 'cp1256.csv' "$T/err")" 2
expect_rc utf16_read 0 "$DAFTAR" -d "$db" import trainee "$T/utf16.csv" --dry-run
expect_match utf16_rows "$(cat "$T/out")" 'utf16.csv: 3 rows checked, no problems'
iconv -f UTF-8 -t UTF-16LE "$T/u8.csv" >"$T/utf16le.csv"     # no BOM
expect_rc utf16le_no_bom_read 0 "$DAFTAR" -d "$db" import trainee "$T/utf16le.csv" --dry-run
expect_eq encodings_nothing_written "$(state)" "$before"
expect_rc utf8_same_names 0 "$DAFTAR" -d "$db" import trainee "$T/u8.csv" --dry-run

# more than 50 problems: 50 shown, all counted
{ echo name_ar,gender; for i in $(seq 1 70); do echo "x$i,Q"; done; } >"$T/many.csv"
expect_rc many_problems 1 "$DAFTAR" -d "$db" import trainee "$T/many.csv"
expect_eq fifty_shown "$(grep -c '^.*many.csv:[0-9]*: gender' "$T/err")" 50
expect_match all_counted "$(cat "$T/err")" '70 problems in 70 rows \(the first 50 shown\)'

# ---- a clean file: labels as headers, BOM, CRLF, Arabic/French/mixed ----
printf '\xef\xbb\xbfالاسم بالعربية;Nom (latin);Sexe;Date de naissance;CIN;Région;Ville;Notes\r\n' >"$T/clean.csv"
printf 'محمد أمين العلوي;Mohamed Amine Alaoui;M;12/03/2001;AB123456;فاس مكناس;Fès;\r\n' >>"$T/clean.csv"
printf 'فاطمة الزهراء;Fatima-Zahra Benjelloun;أنثى;2002-05-01;C98765;4;Salé;"سطر ""أول""\nligne 2; ok"\r\n' >>"$T/clean.csv"
printf 'Élodie بنت سعيد;Élodie Saïd;F;01.09.2000;JB4567;Casablanca-Settat;الدار البيضاء;\r\n' >>"$T/clean.csv"
printf 'ياسين;Yassine Ouazzani;Homme;;;;;\r\n' >>"$T/clean.csv"
before=$(state)
expect_rc dry_run_clean 0 "$DAFTAR" -d "$db" import trainee "$T/clean.csv" --dry-run
expect_match dry_run_says "$(cat "$T/out")" '4 rows checked, no problems; nothing written'
expect_eq dry_run_writes_nothing "$(state)" "$before"
expect_rc dry_run_bad 1 "$DAFTAR" -d "$db" import trainee "$T/bad.csv" --dry-run
expect_eq dry_run_bad_same_report "$(grep -c "^$T/bad.csv:[0-9]*: " "$T/err")" 8
expect_rc import_clean 0 "$DAFTAR" -d "$db" import trainee "$T/clean.csv"
expect_match import_says "$(cat "$T/out")" '^imported 4 trainees from .*clean.csv'
expect_eq clean_rows "$(q "$db" "SELECT count(*) FROM trainee")" 5
expect_eq stored_forms "$(q "$db" "SELECT gender, birth_date, cin, region_id FROM trainee WHERE name_latin = 'Fatima-Zahra Benjelloun'")" "F|2002-05-01|C98765|4"
expect_eq multiline_note "$(q "$db" "SELECT notes FROM trainee WHERE cin = 'C98765'")" 'سطر "أول"
ligne 2; ok'
expect_eq lookup_by_french_name "$(q "$db" "SELECT region_id FROM trainee WHERE cin = 'JB4567'")" 6
expect_eq one_audit_row "$(q "$db" "SELECT count(*) FROM audit WHERE action = 'import' AND note LIKE 'import %clean.csv: 4 rows, ids %'")" 1
expect_eq search_keys_filled "$(q "$db" "SELECT count(*) FROM trainee WHERE search_key IS NULL")" 0

# ---- exports ------------------------------------------------------------
expect_rc export_csv 0 "$DAFTAR" -d "$db" export trainee -o "$T/e1.csv"
expect_eq csv_header "$(head -1 "$T/e1.csv")" "id,name_ar,name_latin,gender,birth_date,cin,massar,phone,city,region_id,region,region.code,target_group,notes,gid"
expect_match csv_arabic "$(cat "$T/e1.csv")" '^2,محمد أمين العلوي,Mohamed Amine Alaoui,M,2001-03-12,AB123456,,,Fès,3,Fès-Meknès,3,,,[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
expect_rc export_stdout 0 "$DAFTAR" -d "$db" export trainee
expect_eq stdout_same_as_file "$(md5sum <"$T/out")" "$(md5sum <"$T/e1.csv")"
expect_rc export_search 0 "$DAFTAR" -d "$db" export trainee --search "فاطمه"
expect_eq search_one_row "$(tail -n +2 "$T/out" | grep -c C98765)" 1
expect_eq search_only_match "$(grep -c AB123456 "$T/out")" 0
expect_rc export_excel 0 "$DAFTAR" -d "$db" export trainee --excel -o "$T/ex.csv"
expect_eq excel_utf16_bom "$(head -c 2 "$T/ex.csv" | od -An -tx1 | tr -d ' ')" "fffe"
iconv -f UTF-16 -t UTF-8 "$T/ex.csv" >"$T/ex8.csv"
expect_eq excel_crlf "$(head -1 "$T/ex8.csv" | od -An -c | grep -c '\\r')" 1
expect_match excel_labels_tabs "$(head -1 "$T/ex8.csv")" $'^#\tName \\(Arabic\\)\tName \\(Latin\\)\tGender\t'
expect_match excel_arabic_and_labels "$(cat "$T/ex8.csv")" $'محمد أمين العلوي\tMohamed Amine Alaoui\tMale\t2001-03-12\t="AB123456"'
expect_rc export_json 0 "$DAFTAR" -d "$db" export trainee --format json -o "$T/e.json"
expect_eq json_array "$(python3 -c '
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
print(len(rows), rows[1]["name_ar"], rows[1]["region_id"], rows[1]["region"], rows[4]["birth_date"])
' "$T/e.json")" "5 محمد أمين العلوي 3 Fès-Meknès None"
expect_rc export_jsonl 0 "$DAFTAR" -d "$db" export trainee -o "$T/e.JSONL"
expect_eq json_lines "$(python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print(len(rows), rows[1]["name_ar"], rows[1]["id"])
' "$T/e.JSONL")" "5 محمد أمين العلوي 2"
expect_rc export_xlsx 0 "$DAFTAR" -d "$db" export trainee -o "$T/e.xlsx"
xlsx() {        # xlsx FILE: "names-found rightToLeft? real-date?" from the sheet
	python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
x = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
names = all(n in x for n in ("محمد أمين العلوي", "Élodie Saïd", "Fatima-Zahra Benjelloun"))
date = "<c r=\"E3\" s=\"2\"><v>36962</v>" in x     # 2001-03-12 as a serial date
print(names, "rightToLeft" in x, date)' "$1"
}
expect_eq xlsx_content "$(xlsx "$T/e.xlsx")" "True False True"
LANGUAGE=ar "$DAFTAR" -d "$db" export trainee -o "$T/ar.xlsx" 2>/dev/null
expect_eq xlsx_arabic_rtl "$(xlsx "$T/ar.xlsx")" "True True True"
expect_match xlsx_arabic_header "$(python3 -c '
import sys, zipfile
print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())' "$T/ar.xlsx")" 'الاسم بالعربية'
"$DAFTAR" -d "$db" export trainee --format xlsx >"$T/piped.xlsx" 2>/dev/null
expect_eq xlsx_to_pipe "$(xlsx "$T/piped.xlsx")" "True False True"

# ---- round trips into empty databases --------------------------------------
"$DAFTAR" -d "$T/b.db" init >/dev/null
expect_rc round_trip_import 0 "$DAFTAR" -d "$T/b.db" import trainee "$T/e1.csv"
"$DAFTAR" -d "$T/b.db" export trainee -o "$T/e2.csv" 2>/dev/null
expect_eq round_trip_byte_for_byte "$(cmp "$T/e1.csv" "$T/e2.csv" && echo same)" same
"$DAFTAR" -d "$T/c.db" init >/dev/null
expect_rc excel_round_trip_import 0 "$DAFTAR" -d "$T/c.db" import trainee - <"$T/ex.csv"
"$DAFTAR" -d "$T/c.db" export trainee -o "$T/e3.csv" 2>/dev/null
expect_eq excel_round_trip "$(cmp "$T/e1.csv" "$T/e3.csv" && echo same)" same

# a demo database: partners and cohorts (lookups by code) round-trip too
"$DAFTAR" -d "$T/d.db" demo --trainees 40 >/dev/null
"$DAFTAR" -d "$T/e.db" init >/dev/null
ok=1
for ent in partner person programme institution specialty agreement cohort trainee enrollment; do
	"$DAFTAR" -d "$T/d.db" export $ent -o "$T/d-$ent.csv" 2>/dev/null || ok=0
	"$DAFTAR" -d "$T/e.db" import $ent "$T/d-$ent.csv" >/dev/null 2>"$T/err" || { ok=0; head -3 "$T/err"; }
	"$DAFTAR" -d "$T/e.db" export $ent -o "$T/e-$ent.csv" 2>/dev/null || ok=0
	cmp -s "$T/d-$ent.csv" "$T/e-$ent.csv" || { ok=0; echo "differs: $ent"; }
done
expect_eq demo_round_trip "$ok" 1
expect_match roster_names_cin_code "$(head -2 "$T/d-enrollment.csv" | tail -1)" '^[0-9]+,[0-9]+,[^,]+,[A-Z]+[0-9]+,[0-9]+,[A-Z]+-[A-Z]+-[0-9]{4}-[0-9]+,'
expect_eq roster_header "$(head -1 "$T/d-enrollment.csv")" "id,trainee_id,trainee,trainee.cin,cohort_id,cohort,status,enrolled_on,status_date,drop_reason,outcome,notes,gid"

# ---- usage ------------------------------------------------------------------
expect_rc import_no_file 2 "$DAFTAR" -d "$db" import trainee
expect_rc import_unknown_entity 2 "$DAFTAR" -d "$db" import martians "$T/clean.csv"
expect_rc import_unknown_option 2 "$DAFTAR" -d "$db" import trainee "$T/clean.csv" --fast
expect_rc import_missing_file 1 "$DAFTAR" -d "$db" import trainee "$T/none.csv"
expect_match import_missing_file_says "$(cat "$T/err")" 'none.csv: cannot open'
expect_rc export_bad_format 2 "$DAFTAR" -d "$db" export trainee --format pdf
expect_rc export_excel_json 2 "$DAFTAR" -d "$db" export trainee --excel --format json
expect_rc export_entity_by_label 0 "$DAFTAR" -d "$db" export Stagiaires -o "$T/lab.csv"
expect_eq export_by_label_same "$(md5sum <"$T/lab.csv")" "$(md5sum <"$T/e1.csv")"
