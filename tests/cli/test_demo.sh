#!/usr/bin/env bash
# test_demo.sh - `daftar demo`: the same seed gives the same trainees, a
# different seed different ones, N trainees, the seed articles' agreements
# with their parties, signatories, dates and events, a clean `check`,
# --if-new, refusing to load twice, and usage errors.
source "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."

q() { sqlite3 -batch -noheader "$1" "$2"; }
# the trainee table without the bookkeeping timestamps
dump() {
	q "$1" "SELECT id, name_ar, name_latin, gender, birth_date, cin, massar,
	  phone, city, region_id, target_group FROM trainee ORDER BY id" | md5sum
}

expect_rc demo_a 0 "$DAFTAR" -d "$T/a.db" demo --trainees 500 --seed 5
expect_match demo_a_says "$(cat "$T/out")" "$T/a.db: demo data \(seed 5\).* 500 trainees"
expect_rc demo_b 0 "$DAFTAR" -d "$T/b.db" demo --trainees 500 --seed 5
expect_rc demo_c 0 "$DAFTAR" -d "$T/c.db" demo --trainees 500 --seed 6
expect_eq same_seed_same_trainees "$(dump "$T/a.db")" "$(dump "$T/b.db")"
expect_eq same_seed_same_enrollments \
	"$(q "$T/a.db" 'SELECT trainee_id, cohort_id, status, enrolled_on, status_date, outcome FROM enrollment ORDER BY id' | md5sum)" \
	"$(q "$T/b.db" 'SELECT trainee_id, cohort_id, status, enrolled_on, status_date, outcome FROM enrollment ORDER BY id' | md5sum)"
if [ "$(dump "$T/a.db")" != "$(dump "$T/c.db")" ]; then pass other_seed_other_trainees
else fail other_seed_other_trainees "seeds 5 and 6 gave the same trainees"; fi
expect_eq trainee_count "$(q "$T/a.db" 'SELECT count(*) FROM trainee')" "500"
expect_eq cins_unique "$(q "$T/a.db" 'SELECT count(cin) - count(DISTINCT cin) FROM trainee')" "0"
expect_eq every_trainee_enrolled "$(q "$T/a.db" 'SELECT count(*) FROM trainee WHERE id NOT IN (SELECT trainee_id FROM enrollment)')" "0"
expect_eq five_school_years "$(q "$T/a.db" 'SELECT group_concat(school_year, " ") FROM (SELECT DISTINCT school_year FROM cohort ORDER BY 1)')" \
	"2021/2022 2022/2023 2023/2024 2024/2025 2025/2026"
expect_eq all_statuses "$(q "$T/a.db" 'SELECT count(DISTINCT status) FROM enrollment')" "5"
expect_match both_genders "$(q "$T/a.db" 'SELECT group_concat(gender) FROM (SELECT DISTINCT gender FROM trainee ORDER BY 1)')" '^F,M$'

# the three Fès conventions (000), three parties each
for ref in SEA-FM-2024-01 SEA-FM-2024-02 SEA-FM-2024-03; do
	expect_eq "parties_$ref" "$(q "$T/a.db" "SELECT count(*) FROM agreement_party p JOIN agreement a ON a.id = p.agreement_id WHERE a.reference = '$ref'")" "3"
done
expect_eq fes_signatory "$(q "$T/a.db" "SELECT pe.name_latin FROM agreement_party p JOIN agreement a ON a.id = p.agreement_id JOIN person pe ON pe.id = p.person_id WHERE a.reference = 'SEA-FM-2024-01'")" "Lahcen Essaadi"
expect_eq fes_kidney_parties "$(q "$T/a.db" "SELECT group_concat(pa.kind, ',') FROM (SELECT pa.kind FROM agreement_party p JOIN agreement a ON a.id = p.agreement_id JOIN partner pa ON pa.id = p.partner_id WHERE a.reference = 'SEA-FM-2024-01' ORDER BY pa.kind) pa")" "association,chamber,ministry"
expect_eq afaq_programme "$(q "$T/a.db" "SELECT pr.name_ar FROM agreement a JOIN programme pr ON pr.id = a.programme_id WHERE a.reference = 'SEA-FM-2024-02'")" "آفاق التوجيه"
# Rehamna (001): framework of 17 February 2021 at Benguerir and its specific agreement
expect_eq rehamna_signed "$(q "$T/a.db" "SELECT signed_on || ' ' || signed_at || ' ' || kind FROM agreement WHERE reference = 'REH-2021-CADRE'")" "2021-02-17 بنجرير framework"
expect_eq rehamna_signatories "$(q "$T/a.db" "SELECT group_concat(n, ', ') FROM (SELECT pe.name_latin n FROM agreement_party p JOIN agreement a ON a.id = p.agreement_id JOIN person pe ON pe.id = p.person_id WHERE a.reference = 'REH-2021-CADRE' ORDER BY 1)")" "Aziz Bouignane, Hicham El Habti, Loubna Tricha"
expect_eq rehamna_specific_parent "$(q "$T/a.db" "SELECT p.reference FROM agreement a JOIN agreement p ON p.id = a.parent_id WHERE a.reference = 'REH-2021-ECO'")" "REH-2021-CADRE"
expect_eq rehamna_specific_parties "$(q "$T/a.db" "SELECT group_concat(n, ',') FROM (SELECT coalesce(pa.acronym, pa.name_fr) n FROM agreement_party p JOIN agreement a ON a.id = p.agreement_id JOIN partner pa ON pa.id = p.partner_id WHERE a.reference = 'REH-2021-ECO' ORDER BY 1)")" "Association des initiatives féminines de Rehamna,OFPPT,Province de Rehamna"
# events of 002-004
expect_eq open_day "$(q "$T/a.db" "SELECT e.event_date || ' ' || e.city FROM event e WHERE e.kind = 'open_day'")" "2025-09-22 إنزكان"
expect_eq second_chance_launch "$(q "$T/a.db" "SELECT e.event_date || ' ' || i.name_ar FROM event e JOIN institution i ON i.id = e.institution_id JOIN programme p ON p.id = e.programme_id WHERE e.kind = 'launch' AND p.name_ar LIKE 'الفرصة الثانية%'")" "2024-10-08 مركز النصر"
expect_eq charaka_seminar "$(q "$T/a.db" "SELECT e.event_date || ' ' || e.participants || ' ' || pa.acronym FROM event e JOIN partner pa ON pa.id = e.organiser_id WHERE e.kind = 'seminar'")" "2022-07-26 75 MCA-Morocco"
expect_eq mcc_present "$(q "$T/a.db" "SELECT count(*) FROM partner WHERE name_fr = 'Millennium Challenge Corporation' AND kind = 'donor'")" "1"
expect_eq entraide_present "$(q "$T/a.db" "SELECT count(*) FROM partner WHERE name_fr = 'Entraide Nationale'")" "1"
expect_eq kidney_cohorts_under_fes_convention "$(q "$T/a.db" "SELECT count(*) > 0 FROM cohort c JOIN agreement a ON a.id = c.agreement_id WHERE a.reference = 'SEA-FM-2024-01' AND c.target_group = 'kidney_failure'")" "1"

expect_rc demo_db_checks_clean 0 "$DAFTAR" -d "$T/a.db" check
# search keys are filled for generated rows too (the store folds them)
expect_eq search_keys_filled "$(q "$T/a.db" 'SELECT count(*) FROM trainee WHERE search_key IS NULL OR search_key = ""')" "0"

# --if-new leaves an existing database alone; a second load is refused
expect_rc if_new_existing 0 "$DAFTAR" -d "$T/a.db" demo --if-new --trainees 50
expect_eq if_new_no_change "$(q "$T/a.db" 'SELECT count(*) FROM trainee')" "500"
expect_rc demo_twice_refused 1 "$DAFTAR" -d "$T/a.db" demo --trainees 50
expect_match demo_twice_says "$(cat "$T/err")" "$T/a.db already holds the demo data"
expect_eq demo_twice_no_change "$(q "$T/a.db" 'SELECT count(*) FROM trainee')" "500"
# a fresh init'ed database is filled; --if-new on a missing file creates it
"$DAFTAR" -d "$T/i.db" init >/dev/null
expect_rc demo_fills_init 0 "$DAFTAR" -d "$T/i.db" demo --trainees 20
expect_rc if_new_missing 0 "$DAFTAR" -d "$T/n.db" demo --if-new --trainees 30
expect_eq if_new_created "$(q "$T/n.db" 'SELECT count(*) FROM trainee')" "30"
expect_rc demo_default_count 0 "$DAFTAR" -d "$T/d.db" demo
expect_eq default_2000 "$(q "$T/d.db" 'SELECT count(*) FROM trainee')" "2000"

# usage errors
expect_rc bad_count 2 "$DAFTAR" -d "$T/u.db" demo --trainees lots
expect_match bad_count_says "$(cat "$T/err")" "--trainees wants a whole number"
expect_rc negative_count 2 "$DAFTAR" -d "$T/u.db" demo --trainees -5
expect_rc missing_value 2 "$DAFTAR" -d "$T/u.db" demo --seed
expect_rc unknown_demo_option 2 "$DAFTAR" -d "$T/u.db" demo --fast
expect_eq usage_errors_create_nothing "$(ls "$T"/u.db 2>/dev/null)" ""
