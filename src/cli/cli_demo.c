/* cli_demo.c - `daftar demo [--trainees N] [--seed S] [--if-new]`: create
 * (or fill a fresh) database with the seed articles' records and N
 * generated trainees in cohorts across institutions and school years.
 * Deterministic for a seed.  Seed records go through model_check and
 * store_insert one by one; cohorts, trainees and enrollments go through
 * store_bulk_*, with model_check on a sample of the generated rows, and
 * one audit row per batch. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daftar/cli.h"
#include "daftar/demo.h"
#include "daftar/store.h"
#include "daftar/util.h"

#define CHECK_EVERY 997         /* model_check every this many generated rows */
#define PROGRESS_EVERY 100000   /* progress line on a terminal, in rows */

/* On a terminal, show how far a long load has got (what, done of total). */
static void progress(const char *what, long long done, long long total)
{
	if (total < 2 * PROGRESS_EVERY || done % PROGRESS_EVERY != 0
	    || !isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r%s: %lld / %lld", what, done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* What the loading needs at hand. */
struct loader {
	store *s;               /* the open database */
	const model *m;         /* its entities and fields */
	long long *seed_id;     /* id of each demo_seeds[] record, 0 = none */
	long long region_id[13]; /* id of the region with code 1..12 */
	dferr e;                /* the last error */
};

/* A batch of generated records: one audit row names it, not one per
 * record as for an import (a million generated trainees would add as
 * many rows of made-up values to the audit). */
static int bulk_begin(struct loader *l, const entity *ent, store_bulk **b)
{
	int rc = store_bulk_begin(l->s, ent, b, &l->e);

	if (rc == ST_OK)
		store_bulk_audit_each(*b, 0);
	return rc;
}

/* Set field name of r from value (storage form after model_check when
 * check, else as is).  -1 with l->e filled when the value is refused. */
static int put(struct loader *l, const entity *ent, record *r,
    const char *name, const char *value, int check)
{
	int fi = model_field_index(ent, name);
	char msg[256], *out = NULL;

	if (fi < 0) {
		dferr_set(&l->e, ST_INVALID, "demo data: %s has no field %s",
		    ent->name, name);
		return -1;
	}
	if (value == NULL || value[0] == '\0') {
		record_set(r, fi, NULL);
		return 0;
	}
	if (!check) {
		record_set(r, fi, value);
		return 0;
	}
	if (model_check(&ent->fields[fi], value, &out, msg, sizeof msg) != 0) {
		dferr_set(&l->e, ST_INVALID, "demo data: %s.%s = \"%s\" refused: %s",
		    ent->name, name, value, msg);
		return -1;
	}
	record_set(r, fi, out);
	free(out);
	return 0;
}

/* Turn a seed value into storage text: "@key" -> that record's id,
 * "@region/N" -> the region's id; other values as they are.  buf holds
 * the id text.  NULL with l->e set when a reference is unknown. */
static const char *resolve(struct loader *l, const char *v, char buf[24])
{
	int k;

	if (v[0] != '@')
		return v;
	if (strncmp(v, "@region/", 8) == 0) {
		k = atoi(v + 8);
		if (k < 1 || k > 12 || l->region_id[k] == 0)
			goto bad;
		snprintf(buf, 24, "%lld", l->region_id[k]);
		return buf;
	}
	k = demo_seed_find(v + 1);
	if (k < 0 || l->seed_id[k] == 0)
		goto bad;
	snprintf(buf, 24, "%lld", l->seed_id[k]);
	return buf;
bad:
	dferr_set(&l->e, ST_INVALID, "demo data: %s names no record loaded "
	    "before it", v);
	return NULL;
}

/* Insert every seed record, in order (references point backwards). */
static int load_seeds(struct loader *l)
{
	char buf[24];
	int i;

	for (i = 0; i < demo_nseeds; i++) {
		const struct demo_seed *sd = &demo_seeds[i];
		const entity *ent = model_entity(l->m, sd->ent);
		const char *const *kv;
		record *r;
		int rc = 0;

		if (ent == NULL)
			return dferr_set(&l->e, ST_INVALID, "demo data: the "
			    "schema has no entity %s", sd->ent);
		r = record_new(ent);
		for (kv = sd->kv; kv[0] != NULL && rc == 0; kv += 2) {
			const char *v = resolve(l, kv[1], buf);

			rc = v == NULL ? -1 : put(l, ent, r, kv[0], v, 1);
		}
		if (rc == 0)
			rc = store_insert(l->s, ent, r, "demo data", &l->e);
		if (rc == 0)
			l->seed_id[i] = r->id;
		record_free(r);
		if (rc != 0)
			return l->e.code ? l->e.code : ST_ERROR;
	}
	return ST_OK;
}

/* The id of the seed with key (NULL key -> 0). */
static long long seed_id(const struct loader *l, const char *key)
{
	int k = key ? demo_seed_find(key) : -1;

	return k < 0 ? 0 : l->seed_id[k];
}

/* Put an id (0 = empty) into field name of r. */
static int put_id(struct loader *l, const entity *ent, record *r,
    const char *name, long long id, int check)
{
	char buf[24];

	if (id == 0)
		return put(l, ent, r, name, NULL, 0);
	snprintf(buf, sizeof buf, "%lld", id);
	return put(l, ent, r, name, buf, check);
}

/* Bulk-insert the generator's cohorts; their ids go to cohort_id[]. */
static int load_cohorts(struct loader *l, const demo_gen *g,
    long long *cohort_id)
{
	const entity *ent = model_entity(l->m, "cohort");
	store_bulk *b = NULL;
	struct demo_cohort c;
	record *r = NULL;
	int i, n = demo_gen_ncohorts(g), rc;

	if (ent == NULL)
		return dferr_set(&l->e, ST_INVALID, "the schema has no cohort");
	rc = bulk_begin(l, ent, &b);
	if (rc != ST_OK)
		return rc;
	r = record_new(ent);
	for (i = 0; i < n && rc == ST_OK; i++) {
		const struct demo_track *tr;
		int chk = i % 50 == 0;

		demo_gen_cohort(g, i, &c);
		tr = &demo_tracks[c.track];
		r->id = 0;
		if (put(l, ent, r, "code", c.code, chk)
		    || put_id(l, ent, r, "institution_id", seed_id(l, tr->inst), chk)
		    || put_id(l, ent, r, "specialty_id", seed_id(l, tr->spec), chk)
		    || put_id(l, ent, r, "programme_id", seed_id(l, tr->prog), chk)
		    || put_id(l, ent, r, "agreement_id", seed_id(l, tr->agr), chk)
		    || put(l, ent, r, "school_year", c.school_year, chk)
		    || put(l, ent, r, "start_date", c.start, chk)
		    || put(l, ent, r, "end_date", c.end, chk)
		    || put_id(l, ent, r, "capacity", c.capacity, chk)
		    || put(l, ent, r, "target_group", tr->target, chk)) {
			rc = ST_INVALID;
			break;
		}
		rc = store_bulk_add(b, r, &l->e);
		cohort_id[i] = r->id;
	}
	record_free(r);
	if (rc != ST_OK) {
		store_bulk_abort(b);
		return rc;
	}
	return store_bulk_commit(b, "demo: cohorts", &l->e);
}

/* Bulk-insert the trainees; their ids go to trainee_id[]. */
static int load_trainees(struct loader *l, const demo_gen *g, long long n,
    long long *trainee_id)
{
	const entity *ent = model_entity(l->m, "trainee");
	struct demo_trainee t;
	store_bulk *b = NULL;
	record *r = NULL;
	char note[96];
	long long i;
	int rc;

	if (ent == NULL)
		return dferr_set(&l->e, ST_INVALID, "the schema has no trainee");
	rc = bulk_begin(l, ent, &b);
	if (rc != ST_OK)
		return rc;
	r = record_new(ent);
	for (i = 0; i < n && rc == ST_OK; i++) {
		int chk = i % CHECK_EVERY == 0;

		demo_gen_trainee(g, i, &t);
		r->id = 0;
		if (put(l, ent, r, "name_ar", t.name_ar, chk)
		    || put(l, ent, r, "name_latin", t.name_latin, chk)
		    || put(l, ent, r, "gender", t.gender, chk)
		    || put(l, ent, r, "birth_date", t.birth_date, chk)
		    || put(l, ent, r, "cin", t.cin, chk)
		    || put(l, ent, r, "massar", t.massar, chk)
		    || put(l, ent, r, "phone", t.phone, chk)
		    || put(l, ent, r, "city", t.city, chk)
		    || put_id(l, ent, r, "region_id", l->region_id[t.region], chk)
		    || put(l, ent, r, "target_group", t.target, chk)) {
			rc = ST_INVALID;
			break;
		}
		rc = store_bulk_add(b, r, &l->e);
		trainee_id[i] = r->id;
		progress(_("trainees"), i + 1, n);
	}
	record_free(r);
	if (rc != ST_OK) {
		store_bulk_abort(b);
		return rc;
	}
	snprintf(note, sizeof note, "demo: %lld trainees", n);
	return store_bulk_commit(b, note, &l->e);
}

/* Bulk-insert the enrollments (the generator is asked again for each
 * trainee, which costs less than keeping them all).  *count gets the
 * number of rows. */
static int load_enrollments(struct loader *l, const demo_gen *g,
    long long n, const long long *trainee_id, const long long *cohort_id,
    long long *count)
{
	const entity *ent = model_entity(l->m, "enrollment");
	struct demo_trainee t;
	store_bulk *b = NULL;
	record *r = NULL;
	char note[96];
	long long i;
	int k, rc;

	*count = 0;
	if (ent == NULL)
		return dferr_set(&l->e, ST_INVALID, "the schema has no enrollment");
	rc = bulk_begin(l, ent, &b);
	if (rc != ST_OK)
		return rc;
	r = record_new(ent);
	for (i = 0; i < n && rc == ST_OK; i++) {
		demo_gen_trainee(g, i, &t);
		for (k = 0; k < t.nenrol && rc == ST_OK; k++) {
			const struct demo_enrol *en = &t.enrol[k];
			int chk = (*count % CHECK_EVERY) == 0;

			r->id = 0;
			if (put_id(l, ent, r, "trainee_id", trainee_id[i], chk)
			    || put_id(l, ent, r, "cohort_id", cohort_id[en->cohort], chk)
			    || put(l, ent, r, "status", en->status, chk)
			    || put(l, ent, r, "enrolled_on", en->enrolled_on, chk)
			    || put(l, ent, r, "status_date", en->status_date, chk)
			    || put(l, ent, r, "drop_reason", en->drop_reason, chk)
			    || put(l, ent, r, "outcome", en->outcome, chk)) {
				rc = ST_INVALID;
				break;
			}
			rc = store_bulk_add(b, r, &l->e);
			(*count)++;
		}
		progress(_("enrollments (by trainee)"), i + 1, n);
	}
	record_free(r);
	if (rc != ST_OK) {
		store_bulk_abort(b);
		return rc;
	}
	snprintf(note, sizeof note, "demo: %lld enrollments", *count);
	return store_bulk_commit(b, note, &l->e);
}

/* Remove a database file this run created, with its WAL files. */
static void remove_db(const char *path)
{
	char *p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

static int cmd_demo(int argc, char **argv, const struct cli_globals *g)
{
	struct loader l;
	long long ntrainees = 2000, seed = 1, nenrol = 0, *trainee_id = NULL,
	    *cohort_id = NULL, id;
	int if_new = 0, existed, i, rc;
	const entity *region;
	demo_gen *gen = NULL;
	struct stat st;
	struct timespec t0, t1;
	char code[8];

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--if-new") == 0) {
			if_new = 1;
		} else if ((strcmp(a, "--trainees") == 0
		    || strcmp(a, "--seed") == 0) && i + 1 < argc) {
			if (cli_parse_num("demo", a, argv[i + 1], 0,
			    strcmp(a, "--seed") == 0 ? 0x7fffffffffffffffLL
			    : DEMO_MAX_TRAINEES,
			    strcmp(a, "--seed") == 0 ? &seed : &ntrainees) != 0)
				return EXIT_USAGE;
			i++;
		} else {
			fprintf(stderr, _("daftar demo: unknown or incomplete "
			    "option '%s'; usage: daftar [-d FILE] demo "
			    "[--trainees N] [--seed S] [--if-new]\n"), a);
			return EXIT_USAGE;
		}
	}
	existed = stat(g->db_path, &st) == 0;
	if (existed && if_new) {
		printf(_("%s already exists; demo data not added\n"),
		    g->db_path);
		return EXIT_DONE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&l, 0, sizeof l);
	rc = cli_open(g, STORE_CREATE | STORE_MIGRATE, &l.s);
	if (rc != EXIT_DONE)
		return rc;
	l.m = store_model(l.s);
	l.seed_id = xcalloc((size_t)demo_nseeds, sizeof *l.seed_id);

	/* refuse to load twice: the seed agreements would clash */
	if (store_resolve(l.s, model_entity(l.m, "agreement"), "REH-2021-CADRE",
	    &id, &l.e) == ST_OK) {
		fprintf(stderr, _("daftar: %s already holds the demo data; "
		    "give demo a new file (-d FILE)\n"), g->db_path);
		rc = EXIT_REFUSED;
		goto out;
	}
	region = model_entity(l.m, "region");
	for (i = 1; i <= 12; i++) {
		snprintf(code, sizeof code, "%d", i);
		if (region == NULL || store_resolve(l.s, region, code,
		    &l.region_id[i], &l.e) != ST_OK) {
			dferr_set(&l.e, ST_INVALID, "the region with code %d "
			    "is missing from the schema's reference data", i);
			goto failed;
		}
	}
	gen = demo_gen_new((uint64_t)seed, ntrainees);
	trainee_id = xcalloc((size_t)ntrainees + 1, sizeof *trainee_id);
	cohort_id = xcalloc((size_t)demo_gen_ncohorts(gen) + 1,
	    sizeof *cohort_id);
	if (load_seeds(&l) != ST_OK
	    || load_cohorts(&l, gen, cohort_id) != ST_OK
	    || load_trainees(&l, gen, ntrainees, trainee_id) != ST_OK
	    || load_enrollments(&l, gen, ntrainees, trainee_id, cohort_id,
	    &nenrol) != ST_OK)
		goto failed;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf(_("%s: demo data (seed %lld): %d records from the articles, "
	    "%d cohorts, %lld trainees, %lld enrollments in %.1f s\n"),
	    g->db_path, seed, demo_nseeds, demo_gen_ncohorts(gen), ntrainees,
	    nenrol, (double)(t1.tv_sec - t0.tv_sec)
	    + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	rc = EXIT_DONE;
	goto out;
failed:
	fprintf(stderr, _("daftar: could not fill %s with demo data: %s\n"),
	    g->db_path, l.e.msg[0] ? l.e.msg : _("unknown error"));
	rc = EXIT_REFUSED;
out:
	store_close(l.s);
	if (rc != EXIT_DONE && !existed)
		remove_db(g->db_path);
	demo_gen_free(gen);
	free(trainee_id);
	free(cohort_id);
	free(l.seed_id);
	return rc;
}

CLI_COMMAND(demo, "demo", cmd_demo, "demo [--trainees N] [--seed S] [--if-new]",
    N_("add the seed articles' records and N generated trainees (default "
    "2000); the same seed gives the same data"))
