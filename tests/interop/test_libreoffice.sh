#!/usr/bin/env bash
# test_libreoffice.sh - `make interop`: what daftar writes, opened by
# LibreOffice 7.4 headless (libreoffice-calc-nogui, too large for make
# test) and saved back as CSV UTF-8, keeps Arabic, phone numbers with
# their leading 0, and dates:
#   - CSV --excel (UTF-16 with a BOM, tabs), read with the character set
#     LibreOffice's Text Import dialog picks for a UTF-16 BOM (Unicode,
#     filter options 9,34,65535); measured: LibreOffice headless without
#     options reads every CSV, UTF-8 with a BOM included, as Windows-1252
#     (that case is reported, as "info", not failed: no CSV can pass it);
#   - XLSX and ODS exports, opened as they are.
source "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."
if ! command -v soffice >/dev/null; then
	echo "FAIL interop: soffice not found: apt-get install libreoffice-calc-nogui"
	exit 1
fi
db=$T/lo.db
"$DAFTAR" -d "$db" init >/dev/null
printf 'name_ar,name_latin,gender,birth_date,cin,phone,notes\n' >"$T/in.csv"
printf 'محمد أمين العلوي,Mohamed Amine Alaoui,M,2001-03-12,AB123456,0612345678,=1+1\n' >>"$T/in.csv"
"$DAFTAR" -d "$db" import trainee "$T/in.csv" >/dev/null
"$DAFTAR" -d "$db" export trainee --excel -o "$T/ex.csv" 2>/dev/null
"$DAFTAR" -d "$db" export trainee -o "$T/tr.xlsx" 2>/dev/null
"$DAFTAR" -d "$db" export trainee -o "$T/tr.ods" 2>/dev/null
lo() {  # lo INFILTER FILE: FILE as LibreOffice saves it in CSV UTF-8
	rm -rf "$T/lo"
	HOME=$T/lohome timeout 180 soffice --headless ${1:+--infilter="$1"} \
	    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
	    --outdir "$T/lo" "$2" >/dev/null 2>&1
	cat "$T/lo/"*.csv 2>/dev/null
}
want='محمد أمين العلوي","Mohamed Amine Alaoui","Male",2001-03-12,"AB123456",,"0612345678"'
out=$(lo 'Text - txt - csv (StarCalc):9,34,65535,1' "$T/ex.csv")
expect_match excel_csv_unicode "$out" "$want"
expect_match excel_csv_formula_is_text "$out" "\"'?=1\\+1\""
out=$(lo "" "$T/ex.csv")
if printf '%s' "$out" | grep -q 'محمد'; then pass excel_csv_default_import
else echo "PASS interop:info: LibreOffice headless without filter options reads the UTF-16 CSV as Windows-1252 (as it does any CSV)"; fi
out=$(lo "" "$T/tr.xlsx")
expect_match xlsx_in_libreoffice "$out" 'محمد أمين العلوي","Mohamed Amine Alaoui","Male",12/03/2001,"AB123456",,"0612345678"'
expect_match xlsx_formula_is_text "$out" '"=1\+1"'
out=$(lo "" "$T/tr.ods")
expect_match ods_in_libreoffice "$out" 'محمد أمين العلوي","Mohamed Amine Alaoui","Male",12/03/2001,"AB123456",,"0612345678"'
expect_match ods_formula_is_text "$out" '"=1\+1"'

# saved again by LibreOffice (as a user who opened and saved the file
# would), the workbooks import back as an update that changes nothing
for f in tr.xlsx tr.ods; do
	rm -rf "$T/resaved"
	case $f in
	*.xlsx) filter='xlsx:Calc MS Excel 2007 XML' ;;
	*) filter=ods ;;
	esac
	HOME=$T/lohome timeout 180 soffice --headless --convert-to "$filter" \
	    --outdir "$T/resaved" "$T/$f" >/dev/null 2>&1
	expect_rc "resaved_${f%.*}_${f#*.}_imports" 0 "$DAFTAR" -d "$db" import trainee "$T/resaved/$f" --update
	expect_match "resaved_${f#*.}_unchanged" "$(cat "$T/out")" ': 0 new, 0 changed, 1 unchanged, 0 problems'
done
