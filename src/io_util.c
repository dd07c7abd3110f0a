/* io_util.c - what import and export share: entities and formats by
 * name, the progress line, a monotonic clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "daftar/io.h"

const entity *io_entity(const model *m, const char *text)
{
	const entity *found = model_entity(m, text);
	char *key, *k;
	int i, l;

	if (found != NULL)
		return found;
	key = text_fold(text);
	for (i = 0; found == NULL && key[0] != '\0' && i < m->nents; i++)
		for (l = 0; found == NULL && l < LANG_N; l++) {
			k = text_fold(m->ents[i].label[l]);
			if (strcmp(k, key) == 0)
				found = &m->ents[i];
			free(k);
		}
	free(key);
	return found;
}

/* Marks a singular and plural pair for xgettext (--keyword=NN_:1,2). */
#define NN_(s, p) s, p

/* The noun of each entity, counted. */
static const struct {
	const char *ent;        /* entity name */
	const char *one, *many; /* "%lld trainee", "%lld trainees" */
} nouns[] = {
	{"trainee", NN_("%lld trainee", "%lld trainees")},
	{"cohort", NN_("%lld cohort", "%lld cohorts")},
	{"agreement", NN_("%lld agreement", "%lld agreements")},
	{"partner", NN_("%lld partner", "%lld partners")},
	{"institution", NN_("%lld institution", "%lld institutions")},
	{"programme", NN_("%lld programme", "%lld programmes")},
	{"specialty", NN_("%lld specialty", "%lld specialties")},
	{"event", NN_("%lld event", "%lld events")},
	{"person", NN_("%lld person", "%lld people")},
	{"enrollment", NN_("%lld enrollment", "%lld enrollments")},
	{"agreement_party", NN_("%lld agreement party", "%lld agreement parties")},
	{"region", NN_("%lld region", "%lld regions")},
};

void io_count_text(const entity *ent, long long n, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
		if (strcmp(nouns[i].ent, ent->name) == 0) {
			snprintf(buf, size, ngettext(nouns[i].one, nouns[i].many,
			    (unsigned long)n), n);
			return;
		}
	/* an entity added by a later schema: its label, counted as records */
	snprintf(buf, size, ngettext("%lld record of %s", "%lld records of %s",
	    (unsigned long)n), n, entity_label(ent));
}

void io_update_summary(const io_result *res, char *buf, size_t n)
{
	char fields[300] = "", probs[64];

	if (res->changed_fields != NULL)
		snprintf(fields, sizeof fields, " (%s)", res->changed_fields);
	snprintf(probs, sizeof probs, ngettext("%lld problem", "%lld problems",
	    (unsigned long)res->errors), res->errors);
	snprintf(buf, n, _("%lld new, %lld changed%s, %lld unchanged, %s"),
	    res->inserted, res->changed, fields, res->unchanged, probs);
}

/* Format names, in enum io_format order. */
static const char *const format_names[IO_NFORMATS] = {"csv", "xlsx", "json",
    "tsv", "ods", "jsonl"};

int io_format_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < IO_NFORMATS; i++)
		if (strcasecmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *io_format_name(enum io_format f)
{
	return f < IO_NFORMATS ? format_names[f] : "?";
}

int io_format_of_path(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	const char *dot = path ? strrchr(slash ? slash : path, '.') : NULL;
	int f;

	if (dot == NULL || dot[1] == '\0' || dot == (slash ? slash + 1 : path))
		return -1;              /* none (".profile" has none either) */
	f = io_format_by_name(dot + 1);
	return f < 0 ? -2 : f;
}

int io_format_fits(const char *path, enum io_format f, int excel)
{
	int ext = io_format_of_path(path);
	const char *dot;

	if (ext == -1 || ext == (int)f)
		return 1;
	dot = strrchr(path, '.');
	return excel && f == IO_CSV && (ext == IO_TSV ||
	    strcasecmp(dot, ".txt") == 0);
}

double io_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void io_progress_text(char *buf, size_t n, long long rows, long long bytes,
    long long total, double secs)
{
	double rate = secs > 0 ? (double)rows / secs : 0, left;
	char pct[16] = "", eta[32] = "";

	if (bytes < 0 && total > 1) {
		snprintf(buf, n, _("%lld rows read; building indexes and "
		    "saving: step %lld of %lld..."), rows, -bytes, total);
		return;
	}
	if (bytes < 0) {
		snprintf(buf, n, _("%lld rows read; saving..."), rows);
		return;
	}
	if (total > 0 && bytes > 0 && bytes <= total) {
		left = secs * (double)(total - bytes) / (double)bytes;
		snprintf(pct, sizeof pct, "%3d%%  ", (int)(100 * bytes / total));
		snprintf(eta, sizeof eta, "  %d:%02d left", (int)left / 60,
		    (int)left % 60);
	}
	snprintf(buf, n, "%s%lld rows  %.0f rows/s%s", pct, rows, rate, eta);
}
