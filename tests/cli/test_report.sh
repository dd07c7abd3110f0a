#!/usr/bin/env bash
# test_report.sh - `daftar report` on a fixed demo seed: every report's
# counts against independent sqlite3 queries, the filters (school year,
# region, programme) changing the counts as they should, the columns and
# bars lining up with Arabic labels, the ASCII bars, the list of reports,
# and the refusals in plain words.
source "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."
TABLE=tests/cli/report_table.py
DB="$T/r.db"
"$DAFTAR" -d "$DB" demo --trainees 500 --seed 7 >/dev/null || fail demo "demo failed"
q() { sqlite3 -batch -noheader "$DB" "$1"; }
rep() { "$DAFTAR" -d "$DB" report "$@"; }
# rows NAME [OPTIONS]: the report's "label|count" lines, sorted
rows() { rep "$@" | python3 "$TABLE" rows | sort; }

# the independent queries: plain joins, English choice labels, Arabic names
NOTSET="'(not set)'"
declare -A SQL=(
 [region]="SELECT coalesce(r.name_ar, $NOTSET), count(*) FROM trainee t LEFT JOIN region r ON r.id = t.region_id GROUP BY t.region_id"
 [institution]="SELECT i.name_ar, count(*) FROM enrollment e JOIN cohort c ON c.id = e.cohort_id JOIN institution i ON i.id = c.institution_id GROUP BY i.id"
 [specialty]="SELECT s.name_ar, count(*) FROM enrollment e JOIN cohort c ON c.id = e.cohort_id JOIN specialty s ON s.id = c.specialty_id GROUP BY s.id"
 [gender]="SELECT m.label_en, count(*) FROM trainee t JOIN meta_choice m ON m.list = 'gender' AND m.code = t.gender GROUP BY t.gender"
 [status]="SELECT m.label_en, count(*) FROM enrollment e JOIN meta_choice m ON m.list = 'enrollment_status' AND m.code = e.status GROUP BY e.status"
 [target-group]="SELECT coalesce(m.label_en, $NOTSET), count(*) FROM trainee t LEFT JOIN meta_choice m ON m.list = 'target_group' AND m.code = t.target_group GROUP BY t.target_group"
 [programme]="SELECT coalesce(p.name_ar, $NOTSET), count(*) FROM enrollment e JOIN cohort c ON c.id = e.cohort_id LEFT JOIN programme p ON p.id = c.programme_id GROUP BY c.programme_id"
 [agreement-kind]="SELECT m.label_en, count(*) FROM agreement a JOIN meta_choice m ON m.list = 'agreement_kind' AND m.code = a.kind GROUP BY a.kind"
 [agreement-status]="SELECT m.label_en, count(*) FROM agreement a JOIN meta_choice m ON m.list = 'agreement_status' AND m.code = a.status GROUP BY a.status"
 [agreement-year]="SELECT coalesce(substr(signed_on, 1, 4), $NOTSET), count(*) FROM agreement GROUP BY 1"
)

# --- the list of reports -------------------------------------------------------
expect_rc list_reports 0 "$DAFTAR" report
for name in "${!SQL[@]}"; do
	grep -q "^  $name " "$T/out" || fail "list_has_$name" "$(cat "$T/out")"
done
expect_eq list_counts "$(grep -c '^  [a-z]' "$T/out")" "${#SQL[@]}"

# --- every report matches sqlite3 and lines up ------------------------------------
for name in "${!SQL[@]}"; do
	want=$(q "${SQL[$name]}" | sort)
	expect_eq "counts_$name" "$(rows "$name")" "$want"
	if out=$(rep "$name" | python3 "$TABLE" align); then pass "aligned_$name"
	else fail "aligned_$name" "$out"; fi
done
expect_eq total_trainees "$(rep gender | python3 "$TABLE" total)" 500
expect_eq total_enrollments "$(rep status | python3 "$TABLE" total)" "$(q 'SELECT count(*) FROM enrollment')"
# the Arabic labels really are there (and wider than one byte per column)
expect_match arabic_labels "$(rep institution)" "المعهد المتخصص"
expect_match title_line "$(rep gender | head -1)" '^Trainees by gender$'
expect_match header_line "$(rep gender | sed -n 2p)" '^Gender +Trainees +%$'

# --- filters ------------------------------------------------------------------------
fes=$(q "SELECT id FROM region WHERE code = 3")
afaq=$(q "SELECT id FROM programme WHERE name_fr LIKE 'Afaq%'")
# school year: trainees enrolled in a cohort of 2024/2025, each once
want=$(q "SELECT m.label_en || '|' || count(DISTINCT t.id) FROM trainee t JOIN enrollment e ON e.trainee_id = t.id
  JOIN cohort c ON c.id = e.cohort_id JOIN meta_choice m ON m.list = 'gender' AND m.code = t.gender
  WHERE c.school_year = '2024/2025' GROUP BY t.gender" | sort)
expect_eq year_gender "$(rows gender --year 2024/2025)" "$want"
expect_eq year_short_form "$(rows gender --year 2024)" "$want"
expect_match year_in_title "$(rep gender --year 2024 | head -1)" 'school year 2024/2025'
all=$(rep gender | python3 "$TABLE" total)
some=$(rep gender --year 2024 | python3 "$TABLE" total)
[ "$some" -gt 0 ] && [ "$some" -lt "$all" ] && pass year_narrows || fail year_narrows "$some of $all"
# region (the trainee's), by code or by name in either language
want=$(q "SELECT m.label_en || '|' || count(*) FROM enrollment e JOIN trainee t ON t.id = e.trainee_id
  JOIN meta_choice m ON m.list = 'enrollment_status' AND m.code = e.status WHERE t.region_id = $fes GROUP BY e.status" | sort)
expect_eq region_status "$(rows status --region 3)" "$want"
expect_eq region_by_french_name "$(rows status --region 'fès-meknès')" "$want"
expect_eq region_by_arabic_name "$(rows status --region 'فاس')" "$want"
expect_match region_in_title "$(rep status --region 3 | head -1)" 'region فاس مكناس'
# programme, with a school year: enrollments in its cohorts of that year
want=$(q "SELECT i.name_ar || '|' || count(*) FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
  JOIN institution i ON i.id = c.institution_id WHERE c.programme_id = $afaq AND c.school_year = '2024/2025'
  GROUP BY i.id" | sort)
expect_eq programme_year_institution "$(rows institution --programme afaq --year 2024)" "$want"
# all three on a trainee report
want=$(q "SELECT coalesce(m.label_en, '(not set)') || '|' || count(DISTINCT t.id) FROM trainee t
  JOIN enrollment e ON e.trainee_id = t.id JOIN cohort c ON c.id = e.cohort_id
  LEFT JOIN meta_choice m ON m.list = 'target_group' AND m.code = t.target_group
  WHERE c.school_year = '2024/2025' AND c.programme_id = $afaq AND t.region_id = $fes GROUP BY t.target_group" | sort)
expect_eq three_filters "$(rows target-group --year 2024 --programme 1 --region 3)" "$want"
# agreements by their own region
want=$(q "SELECT m.label_en || '|' || count(*) FROM agreement a JOIN meta_choice m ON m.list = 'agreement_kind'
  AND m.code = a.kind WHERE a.region_id = $fes GROUP BY a.kind" | sort)
expect_eq agreement_region "$(rows agreement-kind --region 3)" "$want"
# a year nobody studied in: an empty table, said in words
expect_rc empty_year 0 "$DAFTAR" -d "$DB" report gender --year 1990
expect_match empty_year_says "$(cat "$T/out")" "Nothing matches these filters"

# --- ASCII bars, French names ------------------------------------------------------
expect_rc ascii 0 "$DAFTAR" -d "$DB" report specialty --ascii
if grep -q '[█▏▎▍▌▋▊▉]' "$T/out"; then fail ascii_only_hashes "block characters in --ascii"
elif out=$(python3 "$TABLE" align <"$T/out"); then pass ascii_aligned
else fail ascii_aligned "$out"; fi
expect_match french_names "$(LANGUAGE=fr "$DAFTAR" -d "$DB" report region)" "Fès-Meknès"

# --- the year summary (trainee_year) follows every kind of write ---------------
# year_gender Y: the gender counts of school year Y from the base tables
year_gender() {
	q "SELECT m.label_en || '|' || count(DISTINCT t.id) FROM trainee t JOIN enrollment e
	  ON e.trainee_id = t.id JOIN cohort c ON c.id = e.cohort_id JOIN meta_choice m
	  ON m.list = 'gender' AND m.code = t.gender WHERE c.school_year = '$1'
	  GROUP BY t.gender" | sort
}
# after WHAT (a label) the reports of 2024/2025 and 2023/2024 equal the base tables
year_follows() {
	expect_eq "year_after_$1" "$(rows gender --year 2024/2025; rows gender --year 2023/2024)" \
	    "$(year_gender 2024/2025; year_gender 2023/2024)"
}
who=$(q "SELECT e.trainee_id FROM enrollment e JOIN cohort c ON c.id = e.cohort_id
  WHERE c.school_year = '2024/2025' ORDER BY e.id LIMIT 1")
q "UPDATE trainee SET gender = CASE gender WHEN 'F' THEN 'M' ELSE 'F' END WHERE id = $who"
year_follows trainee_gender_changed
q "DELETE FROM enrollment WHERE id = (SELECT e.id FROM enrollment e JOIN cohort c
  ON c.id = e.cohort_id WHERE c.school_year = '2024/2025' ORDER BY e.id DESC LIMIT 1)"
year_follows enrollment_deleted
new_t=$(q "SELECT id FROM trainee WHERE id NOT IN (SELECT e.trainee_id FROM enrollment e
  JOIN cohort c ON c.id = e.cohort_id WHERE c.school_year = '2024/2025') LIMIT 1")
q "INSERT INTO enrollment(created_at, created_by, updated_at, updated_by, trainee_id,
  cohort_id, status) SELECT 'now', 'test', 'now', 'test', $new_t, id, 'enrolled'
  FROM cohort WHERE school_year = '2024/2025' LIMIT 1"
year_follows enrollment_added
q "UPDATE cohort SET school_year = '2023/2024' WHERE id = (SELECT id FROM cohort
  WHERE school_year = '2024/2025' ORDER BY id LIMIT 1)"
year_follows cohort_moved_year
expect_rc year_summary_checks_clean 0 "$DAFTAR" -d "$DB" check
q "DELETE FROM trainee_year WHERE trainee_id = $who"
expect_rc year_summary_damage_found 1 "$DAFTAR" -d "$DB" check
expect_match year_summary_damage_named "$(cat "$T/out" "$T/err")" "trainee #$who in .*: missing"

# --- refusals in plain words -------------------------------------------------------
expect_rc unknown_report 2 "$DAFTAR" -d "$DB" report nosuch
expect_match unknown_report_says "$(cat "$T/err")" "there is no report 'nosuch'; the reports are: region, .*gender"
expect_rc unknown_region 1 "$DAFTAR" -d "$DB" report gender --region atlantis
expect_match unknown_region_says "$(cat "$T/err")" 'no region matches "atlantis"; use one of: 1 .*3 فاس مكناس'
expect_rc ambiguous_region 1 "$DAFTAR" -d "$DB" report gender --region "al"
expect_match ambiguous_region_says "$(cat "$T/err")" 'matches more than one region'
expect_rc bad_year 2 "$DAFTAR" -d "$DB" report gender --year 2024/2026
expect_match bad_year_says "$(cat "$T/err")" "--year wants a school year such as 2024/2025"
expect_rc filter_not_taken 2 "$DAFTAR" -d "$DB" report region --region 3
expect_match filter_not_taken_says "$(cat "$T/err")" "the region report cannot be filtered with --region"
expect_rc missing_value 2 "$DAFTAR" -d "$DB" report gender --year
expect_rc unknown_option 2 "$DAFTAR" -d "$DB" report gender --fast
expect_rc no_database 1 "$DAFTAR" -d "$T/none.db" report gender
expect_match no_database_says "$(cat "$T/err")" "there is no database at $T/none.db"
