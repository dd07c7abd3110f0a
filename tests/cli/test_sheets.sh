#!/usr/bin/env bash
# test_sheets.sh - spreadsheets in and out (issue 17), checked with the
# programs users have: a partner's workbook written by openpyxl and one
# saved by LibreOffice (tests/fixtures/partner.ods) imported, with the
# exact message for each bad cell; what the first bytes say a file is;
# every XLSX daftar writes read back by openpyxl (values, date cells,
# widths, right to left, autofilter, print setup, sheet name), every ODS
# by daftar's own reader and by odfpy; damaged and ambiguous values; the
# round trip export -> edit in a spreadsheet -> import --update on every
# entity (only the edited cells change, the audit shows them); formulas
# defused; the terminal sanitised; JSON escapes; workbooks written under
# French and Arabic locales; reports out with their chart.
source "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
S=tests/cli/sheets.py
q() { sqlite3 -batch -noheader "$1" "$2"; }
if ! $PY -c 'import openpyxl, odf' 2>/dev/null; then
	fail openpyxl "python3-openpyxl and python3-odf are needed (make deps)"
	exit 0
fi

# ---- a partner's workbook ------------------------------------------------
db=$T/p.db
"$DAFTAR" -d "$db" init >/dev/null
$PY $S partner "$T/partner.xlsx" 1
expect_rc partner_bad_refused 1 "$DAFTAR" -d "$db" import trainee "$T/partner.xlsx"
err=$(cat "$T/err")
expect_match serial_cell "$err" "partner.xlsx:Stagiaires!D7: Date de naissance: the cell is a number, not a date \(38252 would be 22/09/2004 as an Excel date\): format the column as a date"
expect_match formula_cell "$err" 'partner.xlsx:Stagiaires!G7: Ville: the cell holds a formula \(=B7&" "&C7\) without a saved result'
expect_match lost_letters "$err" 'partner.xlsx:Stagiaires!A8: Nom \(arabe\): "\?\?\?\?\?\? \?\?\?\?\?\?" is only question marks: .*export the file again as UTF-8'
expect_match bad_date_cell "$err" 'partner.xlsx:Stagiaires!D8: Date de naissance: "31/02/2001" is not a date'
expect_match bad_lookup_cell "$err" 'partner.xlsx:Stagiaires!H9: Région: .*"Atlantis"'
expect_match partner_total "$err" 'partner.xlsx: 5 problems in 6 rows; nothing was imported'
expect_eq partner_nothing_written "$(q "$db" 'SELECT count(*) FROM trainee')" 0
$PY $S partner "$T/good.xlsx" 0
expect_rc partner_good 0 "$DAFTAR" -d "$db" import trainee "$T/good.xlsx"
expect_match partner_rows "$(cat "$T/out")" '^imported 4 trainees from .*good.xlsx'
expect_match phone_zero_put_back "$(cat "$T/out")" '1 phone number was a number cell without its leading 0: the 0 was put back'
expect_eq partner_values "$(q "$db" "SELECT name_ar, gender, birth_date, cin, phone, region_id FROM trainee ORDER BY id" | tr '\n' ' ')" "محمد أمين العلوي|M|2001-03-12|AB123456|0612345678|3 فاطمة الزهراء بنجلون|F|2002-05-01|C98765|0523456789|4 ياسين الوزاني|M|2000-09-01|JB4567|0612345670|1 هند|F|2004-09-22|K113|| "
expect_rc sheet_missing 1 "$DAFTAR" -d "$db" import trainee "$T/good.xlsx" --sheet Liste
expect_match sheet_missing_says "$(cat "$T/err")" 'good.xlsx: file: the workbook has no sheet named "Liste"; its sheets are: Stagiaires, Notes'
expect_rc sheet_chosen 1 "$DAFTAR" -d "$db" import trainee "$T/good.xlsx" --sheet notes --dry-run
expect_match sheet_chosen_read "$(cat "$T/err")" 'good.xlsx: file: the file is empty'
# the same workbook as LibreOffice saves it (it computed the formula)
"$DAFTAR" -d "$T/f.db" init >/dev/null
expect_rc ods_fixture_refused 1 "$DAFTAR" -d "$T/f.db" import trainee tests/fixtures/partner.ods --dry-run
err=$(cat "$T/err")
expect_match ods_serial_cell "$err" 'partner.ods:Stagiaires.D7: Date de naissance: the cell is a number, not a date'
expect_match ods_lost_letters "$err" 'partner.ods:Stagiaires.A8: Nom \(arabe\): "\?+ \?+" is only question marks'
expect_match ods_lookup_cell "$err" 'partner.ods:Stagiaires.H9: Région: .*"Atlantis"'
expect_match ods_total "$err" 'partner.ods: 4 problems in 6 rows'

# ---- what the first bytes say a file is ----------------------------------
cp "$T/good.xlsx" "$T/named.csv"                 # a workbook, whatever its name
expect_rc workbook_named_csv 0 "$DAFTAR" -d "$db" import trainee "$T/named.csv" --update --key cin --dry-run
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >"$T/old.xls"; head -c 2000 /dev/zero >>"$T/old.xls"
expect_rc xls_refused 1 "$DAFTAR" -d "$db" import trainee "$T/old.xls"
expect_match xls_says_save_as "$(cat "$T/err")" 'old.xls: file: this is an old Excel 97-2003 workbook \(.xls\).*save it as an Excel workbook \(.xlsx\) or as "CSV UTF-8"'
if printf '%s' "$(cat "$T/err")" | grep -q -i 'iconv\|UTF-16\|1256'; then fail xls_no_encoding_advice "$(cat "$T/err")"
else pass xls_no_encoding_advice; fi
{ printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'; head -c 600 /dev/zero; printf 'E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0'; head -c 600 /dev/zero; } >"$T/locked.xlsx"
expect_rc encrypted_refused 1 "$DAFTAR" -d "$db" import trainee "$T/locked.xlsx"
expect_match encrypted_says "$(cat "$T/err")" 'protected by a password.*as .xlsx or as "CSV UTF-8"'
head -c 3000 "$T/good.xlsx" >"$T/cut.xlsx"
expect_rc cut_refused 1 "$DAFTAR" -d "$db" import trainee "$T/cut.xlsx"
expect_match cut_says "$(cat "$T/err")" 'cut.xlsx: file: the workbook is damaged'
(cd "$T" && printf 'x' >a.txt && zip -q plain.zip a.txt)
expect_rc zip_not_workbook 1 "$DAFTAR" -d "$db" import trainee "$T/plain.zip"
expect_match zip_says "$(cat "$T/err")" 'a zip archive that holds no workbook'
expect_rc workbook_on_stdin 0 "$DAFTAR" -d "$db" import trainee - --update --key cin --dry-run <"$T/good.xlsx"

# ---- damaged and ambiguous values in CSV ---------------------------------
printf 'name_ar,gender,birth_date\nأ,M,38252\n?????,F,\nب,M,2004-09-22 00:00:00\nج,F,2004-09-22 10:30:00\n' >"$T/dmg.csv"
expect_rc damaged_refused 1 "$DAFTAR" -d "$db" import trainee "$T/dmg.csv"
err=$(cat "$T/err")
expect_match csv_serial "$err" 'dmg.csv:2: birth_date: "38252" looks like an Excel date serial \(38252 = 22/09/2004\): format the column as a date'
expect_match csv_lost_letters "$err" 'dmg.csv:3: name_ar: "\?\?\?\?\?" is only question marks'
expect_match csv_real_time_refused "$err" 'dmg.csv:5: birth_date: "2004-09-22 10:30:00" is not a date'
expect_eq zero_time_is_a_date "$(grep -c 'dmg.csv:4' "$T/err")" 0
printf 'name_ar,gender,birth_date\nأ,M,01/05/2003\nب,F,05/01/2003\nج,M,25/12/2003\n' >"$T/amb.csv"
expect_rc ambiguous_dmy 0 "$DAFTAR" -d "$db" import trainee "$T/amb.csv" --dry-run
expect_match ambiguous_counted "$(cat "$T/out")" '2 dates \(such as 01/05/2003\) could be day/month or month/day: read as day/month/year'
printf 'name_ar,gender,birth_date\nأ,M,05/13/2003\n' >"$T/mdy.csv"
expect_rc month_first_refused 1 "$DAFTAR" -d "$db" import trainee "$T/mdy.csv"
expect_match month_first_hint "$(cat "$T/err")" '13 cannot be a month: if the dates of this file are month/day/year, import it with --dates mdy'
"$DAFTAR" -d "$T/m.db" init >/dev/null
expect_rc month_first_read 0 "$DAFTAR" -d "$T/m.db" import trainee "$T/mdy.csv" --dates mdy
expect_eq month_first_stored "$(q "$T/m.db" 'SELECT birth_date FROM trainee')" 2003-05-13

# ---- exports read back -----------------------------------------------------
d=$T/d.db
"$DAFTAR" -d "$d" demo --trainees 40 >/dev/null
q "$d" "UPDATE trainee SET notes = '=HYPERLINK(\"http://x\",\"click\")' WHERE id = 1"
"$DAFTAR" -d "$d" export trainee -o "$T/tr.xlsx" 2>/dev/null
f=$($PY $S facts "$T/tr.xlsx")
fact() { printf '%s' "$f" | $PY -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
expect_eq xlsx_header "$(fact 'd["header"][:6]')" "['#', 'Name (Arabic)', 'Name (Latin)', 'Gender', 'Birth date', 'CIN']"
expect_eq xlsx_links "$(fact 'd["header"][9:12]')" "['Region #', 'Region', 'Region: Code']"
expect_eq xlsx_rows "$(fact 'd["rows"]')" 40
expect_eq xlsx_sheet_name "$(fact 'd["title"]')" Trainees
expect_eq xlsx_date_cells "$(fact 'd["types"]["Birth date"]')" "['datetime']"
expect_eq xlsx_text_phones "$(fact 'd["types"]["Phone"], d["types"]["CIN"]')" "['str'] ['str']"
expect_eq xlsx_numbers "$(fact 'd["types"]["#"], d["types"]["Region #"], d["types"]["Region: Code"]')" "['int'] ['int'] ['int']"
expect_match xlsx_phone_zero "$(fact 'd["first"][7]')" '^0[5-8][0-9]{8}$'
expect_eq xlsx_autofilter "$(fact 'd["autofilter"]')" "A1:O41"      # the gid last
expect_eq xlsx_print "$(fact 'd["orientation"], d["paper"], d["fit"], d["fit_width"], d["fit_height"], d["repeat"]')" "landscape 9 True 1 0 \$1:\$1"
expect_eq xlsx_frozen_ltr "$(fact 'd["frozen"], d["rtl"]')" "A2 False"
expect_eq xlsx_widths "$(fact 'd["widths"]["B"] >= 22 and d["widths"]["N"] >= 40')" True
expect_eq xlsx_formula_is_text "$(unzip -p "$T/tr.xlsx" xl/worksheets/sheet1.xml | grep -o '<c r="N2" t="inlineStr"><is><t>=HYPERLINK' | head -1)" '<c r="N2" t="inlineStr"><is><t>=HYPERLINK'
LANGUAGE=fr "$DAFTAR" -d "$d" export trainee -o "$T/fr.xlsx" 2>/dev/null
f=$($PY $S facts "$T/fr.xlsx")
expect_eq xlsx_sheet_in_french "$(fact 'd["title"], d["header"][3], d["first"][3]')" "Stagiaires Sexe Femme"
LANGUAGE=ar "$DAFTAR" -d "$d" export enrollment -o "$T/ar.xlsx" 2>/dev/null
f=$($PY $S facts "$T/ar.xlsx")
expect_eq xlsx_arabic_rtl "$(fact 'd["title"], d["rtl"]')" "التسجيلات True"
expect_eq roster_columns "$(fact 'd["header"][1:7]')" "['المتدرب #', 'المتدرب', 'المتدرب: رقم البطاقة الوطنية', 'الفوج #', 'الفوج', 'الوضعية']"
expect_match roster_values "$(fact 'd["first"][2:11]')" "^\['[^']+', '[A-Z]+[0-9]+', [0-9]+, '[A-Z]+-[A-Z]+-[0-9]{4}-[0-9]+', '[^']+', '20[0-9-]+T00:00:00'"
# ODS: odfpy, and daftar's own reader (a round trip into an empty database)
"$DAFTAR" -d "$d" export trainee -o "$T/tr.ods" 2>/dev/null
o=$($PY $S ods "$T/tr.ods")
expect_eq ods_odfpy "$(printf '%s' "$o" | $PY -c 'import json,sys; d=json.load(sys.stdin); r=d["rows"]; print(d["name"], len(r), r[0][1][1], r[1][4][0], r[1][7][0], r[1][0][0])')" "Trainees 41 Name (Arabic) date string float"
"$DAFTAR" -d "$T/o.db" init >/dev/null
expect_rc ods_round_trip_import 0 "$DAFTAR" -d "$T/o.db" import trainee "$T/tr.ods"
"$DAFTAR" -d "$d" export trainee -o "$T/a.csv" 2>/dev/null
"$DAFTAR" -d "$T/o.db" export trainee -o "$T/b.csv" 2>/dev/null
expect_eq ods_round_trip_same "$(cmp "$T/a.csv" "$T/b.csv" && echo same)" same
# CSV for spreadsheets: the formula defused, the phone kept as text
"$DAFTAR" -d "$d" export trainee --excel -o "$T/ex.csv" 2>/dev/null
iconv -f UTF-16 -t UTF-8 "$T/ex.csv" | sed -n 2p >"$T/ex2"
expect_match excel_formula_apostrophe "$(cat "$T/ex2")" $'\t"\'=HYPERLINK\\(""http://x"",""click""\\)"\t[0-9a-f-]{36}\r?$'
expect_match excel_phone_text "$(cat "$T/ex2")" $'\t="0[5-8][0-9]{8}"\t'
expect_eq machine_csv_keeps_formula "$(sed -n 2p "$T/a.csv" | grep -c -E ',"=HYPERLINK\(""http://x"",""click""\)",[0-9a-f-]{36}$')" 1

# ---- formats by extension --------------------------------------------------
expect_rc upper_xlsx 0 "$DAFTAR" -d "$d" export trainee -o "$T/A.XLSX"
expect_eq upper_xlsx_is_zip "$(head -c 2 "$T/A.XLSX")" PK
expect_rc jsonl 0 "$DAFTAR" -d "$d" export trainee -o "$T/x.jsonl"
expect_eq jsonl_is_json "$(head -1 "$T/x.jsonl" | $PY -c 'import json,sys; print(json.load(sys.stdin)["id"])')" 1
expect_rc tsv 0 "$DAFTAR" -d "$d" export trainee -o "$T/x.tsv"
expect_match tsv_tabs "$(head -1 "$T/x.tsv")" $'^id\tname_ar\tname_latin\t'
expect_rc ods_ext 0 "$DAFTAR" -d "$d" export trainee -o "$T/x.Ods"
expect_eq ods_is_zip "$(unzip -p "$T/x.Ods" mimetype)" application/vnd.oasis.opendocument.spreadsheet
expect_rc contradiction_refused 2 "$DAFTAR" -d "$d" export trainee --format csv -o "$T/y.xlsx"
expect_match contradiction_says "$(cat "$T/err")" '--format csv does not match the file name .*y.xlsx'
expect_rc unknown_extension_refused 2 "$DAFTAR" -d "$d" export trainee -o "$T/y.pdf"
expect_eq nothing_written "$(ls "$T"/y.* 2>/dev/null | wc -l)" 0

# ---- to a terminal: sanitised; JSON escapes ------------------------------
cp "$d" "$T/h.db"
q "$T/h.db" "UPDATE trainee SET notes = char(27) || ']0;owned' || char(7) || char(27) || '[6n' || char(27) || 'P1;2q' || char(27) || '\\' || char(155) || 'x' || char(8238) || 'y' WHERE id = 2"
script -q -e -c "'$DAFTAR' -d '$T/h.db' export trainee --search Tarik" /dev/null >"$T/tty.out" 2>&1
if grep -q $'\x1b\]0;owned\|\x1b\[6n\|\x1bP1\|\xc2\x9b\|\xe2\x80\xae' "$T/tty.out"; then
	fail terminal_sanitised "raw control sequences reached the terminal"
else pass terminal_sanitised; fi
expect_match terminal_shows_placeholders "$(cat "$T/tty.out")" 'U\+001B'
"$DAFTAR" -d "$T/h.db" export trainee --search Tarik >"$T/pipe.out" 2>/dev/null
expect_eq pipe_keeps_bytes "$(grep -c $'\x1b\]0;owned' "$T/pipe.out")" 1
"$DAFTAR" -d "$T/h.db" export trainee -o "$T/j.json" 2>/dev/null
expect_match json_escapes_c1_bidi "$(grep -o '"notes":"[^"]*' "$T/j.json" | grep u202e)" '\\u001b\]0;owned\\u0007.*\\u009bx\\u202ey'

# ---- the round trip: export, edit in a spreadsheet, import --update ------
# one edited cell per entity: only that field of that record changes, and
# an audit row shows it; a second import changes nothing
declare -A edit=(
	[partner]="Notes|n1" [person]="Notes|n2" [programme]="Description|d3"
	[institution]="Notes|n4" [specialty]="Name (French)|Ébénisterie" [agreement]="Notes|n5"
	[cohort]="Notes|n6" [trainee]="City|Ouarzazate" [enrollment]="Notes|n7"
	[event]="Notes|n8" [agreement_party]="Role|Funder" [region]="Name (French)|Région de test"
)
declare -A field=(
	[partner]=notes [person]=notes [programme]=description [institution]=notes
	[specialty]=name_fr [agreement]=notes [cohort]=notes [trainee]=city
	[enrollment]=notes [event]=notes [agreement_party]=role [region]=name_fr
)
ok=1
for ent in "${!edit[@]}"; do
	header=${edit[$ent]%%|*} value=${edit[$ent]#*|}
	"$DAFTAR" -d "$d" export $ent -o "$T/rt.xlsx" 2>/dev/null || { ok=0; echo "  $ent: export"; }
	id=$($PY -c 'import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1]).worksheets[0]["A3"].value)' "$T/rt.xlsx")
	$PY $S edit "$T/rt.xlsx" "$header" 2 "$value"
	before=$(q "$d" "SELECT count(*) FROM audit WHERE action = 'update'")
	"$DAFTAR" -d "$d" export $ent -o "$T/rt-before.csv" 2>/dev/null
	"$DAFTAR" -d "$d" import $ent "$T/rt.xlsx" --update >"$T/out" 2>"$T/err" || { ok=0; echo "  $ent: $(head -3 "$T/err")"; }
	grep -q ": 0 new, 1 changed (${header} 1), [0-9]* unchanged, 0 problems" "$T/out" || { ok=0; echo "  $ent: summary $(cat "$T/out")"; }
	"$DAFTAR" -d "$d" export $ent -o "$T/rt-after.csv" 2>/dev/null
	ndiff=$(diff "$T/rt-before.csv" "$T/rt-after.csv" | grep -c '^>')
	[ "$ndiff" = 1 ] || { ok=0; echo "  $ent: $ndiff rows differ"; }
	n=$(q "$d" "SELECT count(*) FROM audit WHERE action = 'update'")
	[ $((n - before)) = 1 ] || { ok=0; echo "  $ent: $((n - before)) audit rows"; }
	changed=$(q "$d" "SELECT group_concat(k.key) FROM audit a, json_each(a.new) k WHERE a.id = (SELECT max(id) FROM audit WHERE action = 'update') AND a.record_id = $id AND k.value IS NOT json_extract(a.old, '\$.' || k.key)")
	[ "$changed" = "${field[$ent]}" ] || { ok=0; echo "  $ent: audit shows [$changed]"; }
	"$DAFTAR" -d "$d" import $ent "$T/rt.xlsx" --update >"$T/out" 2>&1
	grep -q ": 0 new, 0 changed, [0-9]* unchanged, 0 problems" "$T/out" || { ok=0; echo "  $ent: second import $(cat "$T/out")"; }
done
expect_eq round_trip_every_entity "$ok" 1
# a link edited by its name (the id cell as exported) follows the name;
# the version goes up; --dry-run reports and writes nothing
"$DAFTAR" -d "$d" export trainee -o "$T/rt.xlsx" 2>/dev/null
$PY $S edit "$T/rt.xlsx" "Region" 3 "Souss-Massa"
$PY $S edit "$T/rt.xlsx" "Phone" 4 "0699999999"
$PY -c 'import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.worksheets[0]; ws.append([None, "ضيف جديد", "New Guest", "M"]); wb.save(sys.argv[1])' "$T/rt.xlsx"
v0=$(q "$d" "SELECT version FROM trainee WHERE id = 3")
expect_rc update_dry_run 0 "$DAFTAR" -d "$d" import trainee "$T/rt.xlsx" --update --dry-run
expect_match update_dry_run_says "$(cat "$T/out")" ': 1 new, 2 changed \(Phone 1, Region 1\), 38 unchanged, 0 problems; nothing written \(--dry-run\)'
expect_eq dry_run_wrote_nothing "$(q "$d" "SELECT region_id, version FROM trainee WHERE id = 3")" "$(q "$d" "SELECT region_id FROM trainee WHERE id = 3")|$v0"
expect_rc update_link_by_name 0 "$DAFTAR" -d "$d" import trainee "$T/rt.xlsx" --update
expect_eq link_followed_name "$(q "$d" "SELECT region_id, version FROM trainee WHERE id = 3")" "9|$((v0 + 1))"
expect_eq new_row_added "$(q "$d" "SELECT count(*) FROM trainee WHERE name_latin = 'New Guest'")" 1
# a name and an id that disagree, outside an update: refused with both named
printf 'name_ar,gender,region_id,region\nأ,M,3,Souss-Massa\n' >"$T/clash.csv"
expect_rc link_disagree 1 "$DAFTAR" -d "$d" import trainee "$T/clash.csv"
expect_match link_disagree_says "$(cat "$T/err")" 'clash.csv:2: region: "Souss-Massa" does not name Regions #3, which column region_id gives'
# keys: a CIN names the record; twice in a file is refused
printf 'cin,phone\nAB000001,0611111111\n' >"$T/k.csv"
expect_rc key_cin_unknown_is_new 1 "$DAFTAR" -d "$d" import trainee "$T/k.csv" --update
expect_match key_new_needs_required "$(cat "$T/err")" 'name_ar: the row names no existing trainee, so it would be a new one, and Name \(Arabic\) is required'
cin=$(q "$d" "SELECT cin FROM trainee WHERE id = 5")
printf 'cin,phone\n%s,0611111112\n%s,0611111113\n' "$cin" "$cin" >"$T/k2.csv"
expect_rc key_twice 1 "$DAFTAR" -d "$d" import trainee "$T/k2.csv" --update
expect_match key_twice_says "$(cat "$T/err")" 'k2.csv:3: cin: trainee #5 is updated twice: by this row and by the one at 2'
printf 'cin,phone\n%s,0611111112\n' "$cin" >"$T/k3.csv"
expect_rc key_cin 0 "$DAFTAR" -d "$d" import trainee "$T/k3.csv" --update
expect_eq key_cin_changed "$(q "$d" "SELECT phone FROM trainee WHERE id = 5")" 0611111112
expect_rc no_key_refused 1 "$DAFTAR" -d "$d" import person "$T/k.csv" --update
expect_rc plain_import_existing_id 1 "$DAFTAR" -d "$d" import trainee "$T/rt.xlsx"
expect_match existing_id_says "$(cat "$T/err")" 'rt.xlsx:Trainees!A2: #: trainee #1 already exists: import with --update to change it'

# ---- workbooks under French and Arabic locales -----------------------------
if ! locale -a 2>/dev/null | grep -qi '^fr_FR.utf8$'; then localedef -i fr_FR -f UTF-8 fr_FR.UTF-8 2>/dev/null; fi
if ! locale -a 2>/dev/null | grep -qi '^ar_MA.utf8$'; then localedef -i ar_MA -f UTF-8 ar_MA.UTF-8 2>/dev/null; fi
for loc in fr_FR.UTF-8 ar_MA.UTF-8; do
	if ! LC_ALL=$loc locale 2>&1 | grep -q 'Cannot set'; then
		LC_ALL=$loc LANG=$loc "$DAFTAR" -d "$d" export trainee -o "$T/$loc.xlsx" 2>/dev/null
		LC_ALL=$loc LANG=$loc "$DAFTAR" -d "$d" report region -o "$T/r-$loc.xlsx" 2>/dev/null
		if $PY $S facts "$T/$loc.xlsx" >/dev/null 2>&1 && $PY $S facts "$T/r-$loc.xlsx" >/dev/null 2>&1 &&
		    ! unzip -p "$T/$loc.xlsx" xl/worksheets/sheet1.xml | grep -q 'width="[0-9]*,'; then
			pass "xlsx_under_$loc"
		else fail "xlsx_under_$loc" "openpyxl cannot read it: $(unzip -p "$T/$loc.xlsx" xl/worksheets/sheet1.xml | grep -o '<col [^>]*>' | head -2)"; fi
	else fail "locale_$loc" "localedef could not make $loc"; fi
done

# ---- reports out -------------------------------------------------------------
expect_rc report_csv 0 "$DAFTAR" -d "$d" report gender --format csv
expect_match report_csv_rows "$(cat "$T/out")" $'^Gender,Trainees,%\nFemale,[0-9]+,[0-9.]+\nMale,[0-9]+,[0-9.]+\nTotal,40,100.0$'
expect_rc report_json 0 "$DAFTAR" -d "$d" report status --format json
expect_eq report_json_total "$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["report"], d["total"], sum(r["count"] for r in d["rows"]) == d["total"])' "$T/out")" "status $(q "$d" 'SELECT count(*) FROM enrollment') True"
expect_rc report_xlsx 0 "$DAFTAR" -d "$d" report region --year 2024/2025 -o "$T/rep.xlsx"
f=$($PY $S facts "$T/rep.xlsx")
expect_eq report_xlsx_chart "$(fact 'd["charts"], d["header"][0]')" "1 Trainees by region"
expect_match report_xlsx_filters "$(unzip -p "$T/rep.xlsx" xl/worksheets/sheet1.xml; unzip -p "$T/rep.xlsx" xl/sharedStrings.xml 2>/dev/null)" 'school year 2024/2025'
expect_eq report_chart_is_bar "$(unzip -l "$T/rep.xlsx" | grep -c 'xl/charts/chart1.xml')" 1
expect_match report_chart_bars "$(unzip -p "$T/rep.xlsx" xl/charts/chart1.xml)" '<c:barChart>.*<c:barDir val="bar"/>'
expect_rc report_ods 0 "$DAFTAR" -d "$d" report gender -o "$T/rep.ods"
expect_match report_ods_table "$($PY $S ods "$T/rep.ods")" "\"Total\"\\], \\[\"float\", \"$(q "$d" "SELECT count(*) FROM trainee")\"\\]"
expect_rc report_format_clash 2 "$DAFTAR" -d "$d" report gender --format csv -o "$T/r.xlsx"
