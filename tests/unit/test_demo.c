/* test_demo.c - the demo generator and seed data, without a database:
 * determinism for a seed, unique CINs and Massar codes, plausible names
 * and formats, statuses consistent with their dates, and seed records
 * whose references all resolve to earlier records of the right entity. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/demo.h"
#include "t.h"

#define NT 20000

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when s matches the extended regex re. */
static int matches(const char *s, const char *re)
{
	regex_t rx;
	int ok;

	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		return 0;
	ok = regexec(&rx, s, 0, NULL, 0) == 0;
	regfree(&rx);
	return ok;
}

TEST(demo_same_seed_same_trainees)
{
	demo_gen *a = demo_gen_new(42, 3000), *b = demo_gen_new(42, 3000);
	struct demo_trainee ta, tb;
	long long i;
	int same = 1;

	CHECK_INT(demo_gen_ncohorts(a), demo_gen_ncohorts(b));
	/* b walks backwards: trainee i does not depend on generation order */
	for (i = 2999; i >= 0; i--) {
		demo_gen_trainee(a, i, &ta);
		demo_gen_trainee(b, i, &tb);
		if (strcmp(ta.name_ar, tb.name_ar) || strcmp(ta.cin, tb.cin)
		    || strcmp(ta.birth_date, tb.birth_date)
		    || strcmp(ta.massar, tb.massar)
		    || ta.enrol[0].cohort != tb.enrol[0].cohort)
			same = 0;
	}
	CHECK(same);
	demo_gen_free(a);
	demo_gen_free(b);
}

TEST(demo_other_seed_other_trainees)
{
	demo_gen *a = demo_gen_new(1, 1000), *b = demo_gen_new(2, 1000);
	struct demo_trainee ta, tb;
	int i, differ = 0;

	for (i = 0; i < 1000; i++) {
		demo_gen_trainee(a, i, &ta);
		demo_gen_trainee(b, i, &tb);
		differ += strcmp(ta.name_latin, tb.name_latin) != 0;
	}
	CHECK(differ > 900);
	demo_gen_free(a);
	demo_gen_free(b);
}

TEST(demo_cin_and_massar_unique_and_well_formed)
{
	demo_gen *g = demo_gen_new(7, NT);
	struct demo_trainee t;
	char **cin = calloc(NT, sizeof *cin), **mas = calloc(NT, sizeof *mas);
	int i, nc = 0, nm = 0, dup = 0, bad = 0;

	for (i = 0; i < NT; i++) {
		demo_gen_trainee(g, i, &t);
		if (t.cin[0]) {
			bad += !matches(t.cin, "^[A-Z]{1,2}[1-9][0-9]{5}$");
			cin[nc++] = strdup(t.cin);
		}
		if (t.massar[0]) {
			bad += !matches(t.massar, "^[A-Z][0-9]{9}$");
			mas[nm++] = strdup(t.massar);
		}
		if (t.phone[0])
			bad += !matches(t.phone, "^0[67][0-9]{8}$");
	}
	CHECK(nc > NT / 2);
	CHECK(nm > NT / 2);
	CHECK_INT(bad, 0);
	qsort(cin, (size_t)nc, sizeof *cin, cmp_str);
	qsort(mas, (size_t)nm, sizeof *mas, cmp_str);
	for (i = 1; i < nc; i++)
		dup += strcmp(cin[i - 1], cin[i]) == 0;
	for (i = 1; i < nm; i++)
		dup += strcmp(mas[i - 1], mas[i]) == 0;
	CHECK_INT(dup, 0);
	for (i = 0; i < nc; i++)
		free(cin[i]);
	for (i = 0; i < nm; i++)
		free(mas[i]);
	free(cin);
	free(mas);
	demo_gen_free(g);
}

/* 1 when every character of UTF-8 s is a space or lies in [lo, hi], or
 * (latin) is an ASCII letter, hyphen or apostrophe. */
static int all_in(const char *s, unsigned lo, unsigned hi, int latin)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p == '\0' || *p == ' ')
		return 0;
	while (*p) {
		unsigned c;

		if (*p < 0x80)
			c = *p++;
		else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80)
			c = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F), p += 2;
		else
			return 0;
		if (c == ' ' || (c >= lo && c <= hi))
			continue;
		if (latin && (c == '-' || c == '\'' || (c >= 'A' && c <= 'Z')
		    || (c >= 'a' && c <= 'z')))
			continue;
		return 0;
	}
	return 1;
}

TEST(demo_names_plausible_with_variants)
{
	demo_gen *g = demo_gen_new(3, 5000);
	struct demo_trainee t;
	int i, harakat = 0, bare_alef = 0, accents = 0, bad = 0;

	for (i = 0; i < 5000; i++) {
		demo_gen_trainee(g, i, &t);
		/* Arabic letters (U+0600-06FF: D8-DB lead bytes) and spaces */
		bad += !all_in(t.name_ar, 0x0600, 0x06FF, 0);
		bad += !all_in(t.name_latin, 0xC0, 0xFF, 1);
		harakat += strstr(t.name_ar, "\xd9\x8e") != NULL      /* fatha */
		    || strstr(t.name_ar, "\xd9\x8f") != NULL          /* damma */
		    || strstr(t.name_ar, "\xd9\x90") != NULL;         /* kasra */
		bare_alef += strncmp(t.name_ar, "اسماء", strlen("اسماء")) == 0
		    || strncmp(t.name_ar, "احمد", strlen("احمد")) == 0
		    || strncmp(t.name_ar, "ابراهيم", strlen("ابراهيم")) == 0;
		accents += strstr(t.name_latin, "\xc3") != NULL;      /* é, ï ... */
		bad += strcmp(t.gender, "F") != 0 && strcmp(t.gender, "M") != 0;
	}
	CHECK_INT(bad, 0);
	CHECK(harakat > 10);
	CHECK(bare_alef > 10);
	CHECK(accents > 50);
	demo_gen_free(g);
}

TEST(demo_enrollments_consistent)
{
	demo_gen *g = demo_gen_new(11, 4000);
	struct demo_trainee t;
	struct demo_cohort c;
	int i, k, bad = 0, seen[5] = { 0 }, two = 0, nc = demo_gen_ncohorts(g);

	CHECK(nc >= demo_ntracks);
	for (i = 0; i < 4000; i++) {
		demo_gen_trainee(g, i, &t);
		two += t.nenrol == 2;
		for (k = 0; k < t.nenrol; k++) {
			const struct demo_enrol *e = &t.enrol[k];

			if (e->cohort < 0 || e->cohort >= nc) {
				bad++;
				continue;
			}
			demo_gen_cohort(g, e->cohort, &c);
			seen[c.year - DEMO_FIRST_YEAR]++;
			bad += strcmp(t.birth_date, c.start) >= 0;
			bad += strcmp(e->enrolled_on, c.start) > 0;
			if (strcmp(e->status, "dropped_out") == 0)
				bad += !e->status_date[0] || !e->drop_reason
				    || strcmp(e->status_date, c.start) < 0;
			else if (strcmp(e->status, "certified") == 0
			    || strcmp(e->status, "completed") == 0)
				bad += e->outcome == NULL
				    || strcmp(e->status_date, c.end) != 0;
			else
				bad += e->outcome != NULL;
		}
		if (t.nenrol == 2)
			bad += t.enrol[0].cohort == t.enrol[1].cohort;
	}
	CHECK_INT(bad, 0);
	CHECK(two > 0);
	for (k = 0; k < 5; k++)
		CHECK(seen[k] > 0);     /* every school year 2021/22..2025/26 */
	demo_gen_free(g);
}

TEST(demo_cohort_codes_unique)
{
	demo_gen *g = demo_gen_new(5, 100000);
	int i, n = demo_gen_ncohorts(g), dup = 0;
	char **codes = calloc((size_t)n, sizeof *codes);
	struct demo_cohort c;

	CHECK(n > 1000);        /* about 25 trainees a cohort */
	for (i = 0; i < n; i++) {
		demo_gen_cohort(g, i, &c);
		codes[i] = strdup(c.code);
		dup += !matches(c.school_year, "^20[0-9]{2}/20[0-9]{2}$");
		dup += strcmp(c.start, c.end) >= 0;
	}
	qsort(codes, (size_t)n, sizeof *codes, cmp_str);
	for (i = 1; i < n; i++)
		dup += strcmp(codes[i - 1], codes[i]) == 0;
	CHECK_INT(dup, 0);
	demo_gen_cohort(g, 0, &c);
	CHECK_STR(c.code, "FES-ZEL-2021-1");
	for (i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	demo_gen_free(g);
}

/* Every "@key" names an earlier seed; tracks name seeds of their entity. */
TEST(demo_seed_references_resolve)
{
	int i, bad = 0;
	const char *const *kv;

	for (i = 0; i < demo_nseeds; i++)
		for (kv = demo_seeds[i].kv; kv[0] != NULL; kv += 2)
			if (kv[1][0] == '@' && strncmp(kv[1], "@region/", 8) != 0) {
				int k = demo_seed_find(kv[1] + 1);
				bad += k < 0 || k >= i;
			}
	CHECK_INT(bad, 0);
	for (i = 0; i < demo_ntracks; i++) {
		const struct demo_track *tr = &demo_tracks[i];
		int k = demo_seed_find(tr->inst);

		bad += k < 0 || strcmp(demo_seeds[k].ent, "institution") != 0;
		k = demo_seed_find(tr->spec);
		bad += k < 0 || strcmp(demo_seeds[k].ent, "specialty") != 0;
		if (tr->agr) {
			k = demo_seed_find(tr->agr);
			bad += k < 0 || strcmp(demo_seeds[k].ent, "agreement") != 0;
		}
		if (tr->prog) {
			k = demo_seed_find(tr->prog);
			bad += k < 0 || strcmp(demo_seeds[k].ent, "programme") != 0;
		}
	}
	CHECK_INT(bad, 0);
}

/* Parties of an agreement in the seed data. */
static int parties(const char *agr_key, const char *partner_key)
{
	int i, n = 0;
	char ref[64], pref[64];

	snprintf(ref, sizeof ref, "@%s", agr_key);
	snprintf(pref, sizeof pref, "@%s", partner_key ? partner_key : "");
	for (i = 0; i < demo_nseeds; i++) {
		const char *a = demo_seed_value(i, "agreement_id");
		const char *p = demo_seed_value(i, "partner_id");

		if (strcmp(demo_seeds[i].ent, "agreement_party") == 0
		    && strcmp(a, ref) == 0
		    && (partner_key == NULL || strcmp(p, pref) == 0))
			n++;
	}
	return n;
}

TEST(demo_seed_articles_agreements)
{
	int k = demo_seed_find("rehamna_frame");

	/* 000: three Fès conventions, three parties each, Essaadi signing */
	CHECK_INT(parties("fes_kidney", NULL), 3);
	CHECK_INT(parties("fes_afaq", NULL), 3);
	CHECK_INT(parties("fes_siraj", NULL), 3);
	CHECK_INT(parties("fes_kidney", "is3ad"), 1);
	CHECK_INT(parties("fes_afaq", "aref_fm"), 1);
	CHECK_STR(demo_seed_value(demo_seed_find("essaadi"), "name_latin"),
	    "Lahcen Essaadi");
	/* 001: Rehamna framework and the specific agreement under it */
	CHECK_STR(demo_seed_value(k, "signed_on"), "2021-02-17");
	CHECK_STR(demo_seed_value(k, "signed_at"), "بنجرير");
	CHECK_STR(demo_seed_value(k, "kind"), "framework");
	CHECK_INT(parties("rehamna_frame", "prov_rehamna"), 1);
	CHECK_INT(parties("rehamna_frame", "ofppt"), 1);
	CHECK_INT(parties("rehamna_frame", "um6p"), 1);
	k = demo_seed_find("rehamna_eco");
	CHECK_STR(demo_seed_value(k, "parent_id"), "@rehamna_frame");
	CHECK_STR(demo_seed_value(k, "kind"), "specific");
	CHECK_INT(parties("rehamna_eco", "aif_rehamna"), 1);
	/* 002-004: programmes named in the articles */
	CHECK_STR(demo_seed_value(demo_seed_find("afaq"), "name_ar"), "آفاق التوجيه");
	CHECK_STR(demo_seed_value(demo_seed_find("charaka"), "name_ar"), "صندوق شراكة");
	CHECK(demo_seed_find("second_chance") >= 0);
	CHECK(demo_seed_find("isat_inezgane") >= 0);
	CHECK(demo_seed_find("isat_agadir") >= 0);
	CHECK(demo_seed_find("mcc") >= 0);
}
