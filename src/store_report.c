/* store_report.c - the frequency tables of the Reports screen and
 * `daftar report`, computed in SQL: one GROUP BY per report, the filters
 * as bound parameters, labels joined in (names, choice labels in the UI
 * language).  No rows are loaded into C but the groups themselves.
 *
 * A report is a row of the table below: what it groups on, how its groups
 * are labelled and which filters it takes.  The SQL is put together from
 * constant pieces only (the base's FROM, the key, the filter conditions
 * in use), so each filter combination gets its own plan; the values are
 * always bound.  The indexes these plans use are in schemas/002_reports.sql
 * and 005_report_indexes.sql, the trainees of each school year in
 * schemas/004_year_trainees.sql.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/report.h"
#include "store_int.h"

/* What a report counts: each decides how the filters reach its rows. */
enum base {
	B_TRAINEE,      /* trainees, each once; key on t (trainee) */
	B_ENROL,        /* enrollments; key on c (cohort) or "status" */
	B_AGREEMENT     /* agreements; key on a */
};

/* How the groups get their labels. */
enum labels {
	L_PLAIN,        /* the key itself (a year) */
	L_CHOICE,       /* a meta_choice list: label in the UI language */
	L_ENTITY        /* a record of a table with name_ar / name_fr */
};

/* One report. */
struct report_def {
	struct report_info info;        /* what callers see */
	enum base base;                 /* what is counted */
	const char *key;                /* SQL expression grouped on */
	enum labels how;                /* how groups are labelled */
	const char *target;             /* L_CHOICE: list; L_ENTITY: table */
};

#define REPORT_MMAP "2147418112"      /* SQLite's usual upper limit */

#define RF_ALL (RF_YEAR | RF_REGION | RF_PROGRAMME)

static const struct report_def reports[] = {
	{{"region", N_("Trainees by region"), N_("Region"), N_("Trainees"),
	  RF_YEAR | RF_PROGRAMME}, B_TRAINEE, "t.region_id", L_ENTITY, "region"},
	{{"institution", N_("Trainees by institution"), N_("Institution"),
	  N_("Enrollments"), RF_ALL}, B_ENROL, "c.institution_id", L_ENTITY,
	 "institution"},
	{{"specialty", N_("Trainees by specialty"), N_("Specialty"),
	  N_("Enrollments"), RF_ALL}, B_ENROL, "c.specialty_id", L_ENTITY,
	 "specialty"},
	{{"gender", N_("Trainees by gender"), N_("Gender"), N_("Trainees"),
	  RF_ALL}, B_TRAINEE, "t.gender", L_CHOICE, "gender"},
	{{"status", N_("Trainees by status"), N_("Status"),
	  N_("Enrollments"), RF_ALL}, B_ENROL, "status", L_CHOICE,
	 "enrollment_status"},
	{{"target-group", N_("Trainees by target group"), N_("Target group"),
	  N_("Trainees"), RF_ALL}, B_TRAINEE, "t.target_group", L_CHOICE,
	 "target_group"},
	{{"programme", N_("Trainees by programme"), N_("Programme"),
	  N_("Enrollments"), RF_YEAR | RF_REGION}, B_ENROL, "c.programme_id",
	 L_ENTITY, "programme"},
	{{"agreement-kind", N_("Agreements by kind"), N_("Kind"),
	  N_("Agreements"), RF_ALL}, B_AGREEMENT, "a.kind", L_CHOICE,
	 "agreement_kind"},
	{{"agreement-status", N_("Agreements by status"), N_("Status"),
	  N_("Agreements"), RF_ALL}, B_AGREEMENT, "a.status", L_CHOICE,
	 "agreement_status"},
	{{"agreement-year", N_("Agreements by year"), N_("Year signed"),
	  N_("Agreements"), RF_REGION | RF_PROGRAMME}, B_AGREEMENT,
	 "substr(a.signed_on, 1, 4)", L_PLAIN, NULL},
};

#define NREPORTS ((int)(sizeof reports / sizeof reports[0]))

const struct report_info *report_get(int i)
{
	return i >= 0 && i < NREPORTS ? &reports[i].info : NULL;
}

const struct report_info *report_find(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < NREPORTS; i++)
		if (strcmp(reports[i].info.name, name) == 0)
			return &reports[i].info;
	return NULL;
}

/* The name of a record in the UI language: French names in French,
 * otherwise the Arabic name (the display field everywhere else). */
#define NAME_SQL(t) "CASE WHEN :lang = 1 THEN coalesce(nullif(" t ".name_fr, " \
	"''), " t ".name_ar) ELSE " t ".name_ar END"

/* The cohort conditions of the filters in use, " AND ..." (c: cohort). */
static void cohort_conds(strbuf *sql, unsigned use)
{
	if (use & RF_YEAR)
		sb_adds(sql, " AND c.school_year = :year");
	if (use & RF_PROGRAMME)
		sb_adds(sql, " AND c.programme_id = :programme");
}

/* Trainees: the covering index trainee_report_region (region, gender,
 * target group) read in its order, grouped on its columns up to the key
 * (in index order: no sort of a million rows), those few groups then
 * added up per key.  The region is the trainee's own; year and programme
 * keep the trainees enrolled in a matching cohort (the set is built once
 * from the cohorts' enrollments). */
static void sql_trainee(strbuf *sql, const char *key, unsigned use)
{
	static const char *const order[] = {"t.region_id", "t.gender",
	    "t.target_group"};
	int i;

	if ((use & RF_YEAR) && !(use & RF_PROGRAMME)) {
		/* the year's trainees are one range of trainee_year (schema
		 * 4), which holds the fields these reports group on */
		sb_addf(sql, "SELECT %s AS k, count(*) AS n FROM trainee_year t "
		    "WHERE t.school_year = :year%s GROUP BY k", key,
		    use & RF_REGION ? " AND t.region_id = :region" : "");
		return;
	}
	sb_addf(sql, "SELECT k, sum(n) AS n FROM (SELECT %s AS k, count(*) AS n "
	    "FROM trainee t WHERE 1", key);
	if (use & RF_REGION)
		sb_adds(sql, " AND t.region_id = :region");
	if (use & (RF_YEAR | RF_PROGRAMME)) {
		sb_adds(sql, " AND t.id IN (SELECT e.trainee_id FROM cohort c "
		    "CROSS JOIN enrollment e ON e.cohort_id = c.id WHERE 1");
		cohort_conds(sql, use);
		sb_adds(sql, ")");
	}
	sb_adds(sql, " GROUP BY ");
	for (i = 0; i < 3; i++) {
		sb_addf(sql, "%s%s", i ? ", " : "", order[i]);
		if (strcmp(order[i], key) == 0)
			break;
	}
	sb_adds(sql, ") GROUP BY k");
}

/* Enrollments, counted per cohort (and status) first, so that only
 * those partial counts are grouped on the key: without a region in the
 * order of the enrollment_report index, from the cohorts of the year or
 * programme; with a region (the trainee's), from the region's trainees to
 * their enrollments (CROSS JOIN keeps that order; the unary + keeps the
 * cohort set a test, not a second index loop per trainee). */
static void sql_enrol(strbuf *sql, const char *key, unsigned use)
{
	int by_status = strcmp(key, "status") == 0;
	int direct = by_status && (use & RF_REGION);

	if (direct)     /* no cohort column needed: one grouping is enough */
		sb_addf(sql, "SELECT %s AS k, count(*) AS n FROM ", key);
	else
		sb_addf(sql, "SELECT %s AS k, sum(pc.cnt) AS n FROM (SELECT "
		    "e.cohort_id AS cohort_id%s, count(*) AS cnt FROM ", key,
		    by_status ? ", e.status AS status" : "");
	if (use & RF_REGION)
		sb_adds(sql, "trainee t CROSS JOIN enrollment e ON e.trainee_id "
		    "= t.id WHERE t.region_id = :region");
	else
		sb_adds(sql, "enrollment e WHERE 1");
	if (use & (RF_YEAR | RF_PROGRAMME)) {
		sb_addf(sql, " AND %se.cohort_id IN (SELECT c.id FROM cohort c "
		    "WHERE 1", use & RF_REGION ? "+" : "");
		cohort_conds(sql, use);
		sb_adds(sql, ")");
	}
	if (!direct)
		sb_addf(sql, " GROUP BY e.cohort_id%s) pc%s", by_status ?
		    ", e.status" : "", by_status ? "" :
		    " JOIN cohort c ON c.id = pc.cohort_id");
	sb_adds(sql, " GROUP BY k");
}

/* Agreements: few rows; their own school year, region and programme. */
static void sql_agreement(strbuf *sql, const char *key, unsigned use)
{
	sb_addf(sql, "SELECT %s AS k, count(*) AS n FROM agreement a WHERE 1",
	    key);
	if (use & RF_YEAR)
		sb_adds(sql, " AND a.school_year = :year");
	if (use & RF_REGION)
		sb_adds(sql, " AND a.region_id = :region");
	if (use & RF_PROGRAMME)
		sb_adds(sql, " AND a.programme_id = :programme");
	sb_adds(sql, " GROUP BY k");
}

/* The counting query of each base, by enum base. */
static void (*const base_sql[])(strbuf *, const char *, unsigned) = {
	sql_trainee, sql_enrol, sql_agreement
};

/* The labelling query around the counts x(k, n) of each kind of label. */
static const char *const label_sql[] = {
	[L_PLAIN] = "SELECT x.k, x.k, x.n FROM (%s) x ORDER BY x.k IS NULL, x.k",
	[L_CHOICE] = "SELECT CASE :lang WHEN 0 THEN l.label_ar WHEN 1 THEN "
	    "l.label_fr ELSE l.label_en END, x.k, x.n FROM (%s) x LEFT JOIN "
	    "meta_choice l ON l.list = :target AND l.code = x.k ORDER BY "
	    "x.k IS NULL, l.ord, x.k",
	[L_ENTITY] = "SELECT " NAME_SQL("l") ", x.k, x.n FROM (%s) x LEFT JOIN "
	    "\"%s\" l ON l.id = x.k ORDER BY x.k IS NULL, x.n DESC, 1",
};

/* The statement text of report d under the filters in use (bits):
 * columns label, key, count. */
static char *report_sql(const struct report_def *d, unsigned use)
{
	strbuf counts = {0};
	char *full;

	base_sql[d->base](&counts, d->key, use);
	full = xasprintf(label_sql[d->how], counts.s, d->target);
	sb_free(&counts);
	return full;
}

/* Bind the named parameter p if the statement has it. */
static void bind_text(sqlite3_stmt *st, const char *p, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, p);

	if (i > 0)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_int(sqlite3_stmt *st, const char *p, long long v)
{
	int i = sqlite3_bind_parameter_index(st, p);

	if (i > 0)
		sqlite3_bind_int64(st, i, v);
}

/* The label of a group: its name, or the key when the name is missing,
 * or "(not set)" for the rows without a value. */
static char *group_label(sqlite3_stmt *st)
{
	char *label = store_col_text(st, 0);

	if (label != NULL)
		return label;
	if (sqlite3_column_type(st, 1) == SQLITE_NULL)
		return xstrdup(_("(not set)"));
	return xasprintf("#%s", (const char *)sqlite3_column_text(st, 1));
}

/* Prepare report r under filters f, the statement text after prefix
 * ("" or "EXPLAIN QUERY PLAN "), with its parameters bound; NULL on error
 * (e filled). */
static sqlite3_stmt *report_prepare(store *s, const struct report_info *r,
    const struct report_filters *f, const char *prefix, dferr *e)
{
	const struct report_def *d = NULL;
	sqlite3_stmt *st;
	unsigned use = 0;
	char *counts, *sql;
	int i;

	for (i = 0; i < NREPORTS; i++)
		if (&reports[i].info == r)
			d = &reports[i];
	if (d == NULL) {
		dferr_set(e, ST_INVALID, "%s", _("no such report"));
		return NULL;
	}
	if (f != NULL) {
		use |= f->year[0] ? RF_YEAR : 0;
		use |= f->region > 0 ? RF_REGION : 0;
		use |= f->programme > 0 ? RF_PROGRAMME : 0;
	}
	use &= r->filters;
	counts = report_sql(d, use);
	sql = xasprintf("%s%s", prefix, counts);
	st = store_prepare(s, sql, e);
	free(sql);
	free(counts);
	if (st == NULL)
		return NULL;
	bind_int(st, ":lang", (long long)model_lang());
	bind_text(st, ":target", d->target);
	if (use & RF_YEAR)
		bind_text(st, ":year", f->year);
	if (use & RF_REGION)
		bind_int(st, ":region", f->region);
	if (use & RF_PROGRAMME)
		bind_int(st, ":programme", f->programme);
	return st;
}

int store_report(store *s, const struct report_info *r,
    const struct report_filters *f, report_result *out, dferr *e)
{
	sqlite3_stmt *st;
	int rc = ST_OK, step;

	memset(out, 0, sizeof *out);
	if ((st = report_prepare(s, r, f, "", e)) == NULL)
		return e ? e->code : ST_ERROR;
	/* the reports read indexes of millions of entries: through a memory
	 * map that costs no read() per page; the map is only for this call */
	if (getenv("DAFTAR_NO_MMAP") == NULL)
		store_exec(s, "PRAGMA mmap_size = " REPORT_MMAP, NULL);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		report_row *row;
		out->rows = xreallocarray(out->rows, (size_t)out->n + 1,
		    sizeof *out->rows);
		row = &out->rows[out->n++];
		row->label = group_label(st);
		row->count = sqlite3_column_int64(st, 2);
		out->total += row->count;
		if (row->count > out->max)
			out->max = row->count;
	}
	if (step != SQLITE_DONE) {
		rc = store_fail(s, step, "computing a report", e);
		report_result_free(out);
	}
	sqlite3_reset(st);
	store_exec(s, "PRAGMA mmap_size = 0", NULL);
	return rc;
}

int store_report_explain(store *s, const struct report_info *r,
    const struct report_filters *f, char **plan, dferr *e)
{
	sqlite3_stmt *st;
	strbuf b = {0};
	int rc;

	*plan = NULL;
	if ((st = report_prepare(s, r, f, "EXPLAIN QUERY PLAN ", e)) == NULL)
		return e ? e->code : ST_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sb_addf(&b, "%s\n", (const char *)sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sb_free(&b);
		return store_fail(s, rc, "explaining a report", e);
	}
	*plan = sb_detach(&b);
	return ST_OK;
}

void report_result_free(report_result *res)
{
	int i;

	for (i = 0; i < res->n; i++)
		free(res->rows[i].label);
	free(res->rows);
	memset(res, 0, sizeof *res);
}

int store_report_years(store *s, char ***years, int *n, dferr *e)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT school_year FROM cohort "
	    "WHERE school_year IS NOT NULL UNION SELECT school_year FROM "
	    "agreement WHERE school_year IS NOT NULL ORDER BY 1", e);
	int rc;

	*years = NULL;
	*n = 0;
	if (st == NULL)
		return e ? e->code : ST_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*years = xreallocarray(*years, (size_t)*n + 1, sizeof **years);
		(*years)[(*n)++] = store_col_text(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : store_fail(s, rc,
	    "reading the school years", e);
}

int report_parse_year(const char *text, char out[10])
{
	long long y;
	char first[8];
	const char *sep;

	if (text == NULL)
		return -1;
	sep = strpbrk(text, "/-");
	if (sep == NULL) {
		if (text_parse_int(text, &y) != 0)
			return -1;
	} else {
		long long y2;
		if (sep - text >= (long)sizeof first)
			return -1;
		memcpy(first, text, (size_t)(sep - text));
		first[sep - text] = '\0';
		if (text_parse_int(first, &y) != 0 ||
		    text_parse_int(sep + 1, &y2) != 0 || y2 != y + 1)
			return -1;
	}
	if (y < 1900 || y > 2999)
		return -1;
	snprintf(out, 10, "%04lld/%04lld", y, y + 1);
	return 0;
}

/* The table, its plural label and how a number names a record, for a
 * filter that names one. */
static int filter_table(unsigned which, const char **table,
    const char **what, const char **bynum)
{
	if (which == RF_REGION) {
		*table = "region";
		*what = _("region");
		*bynum = "code";
		return 0;
	}
	if (which == RF_PROGRAMME) {
		*table = "programme";
		*what = _("programme");
		*bynum = "id";
		return 0;
	}
	return -1;
}

/* The "1 Name, 2 Name, ..." list of the values a filter can take. */
static void list_values(store *s, const char *table, const char *bynum,
    strbuf *out)
{
	char *sql = xasprintf("SELECT %s, " NAME_SQL("l") " FROM \"%s\" l "
	    "ORDER BY 1 LIMIT 20", bynum, table);
	sqlite3_stmt *st = store_prepare(s, sql, NULL);
	int n = 0;

	free(sql);
	if (st == NULL)
		return;
	bind_int(st, ":lang", (long long)model_lang());
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *name = text_sanitize((const char *)sqlite3_column_text(st, 1), 0);
		sb_addf(out, "%s%lld %s", n++ ? ", " : "",
		    sqlite3_column_int64(st, 0), name);
		free(name);
	}
	sqlite3_reset(st);
}

int store_report_resolve(store *s, unsigned which, const char *text,
    long long *id, char **label, dferr *e)
{
	const char *table, *what, *bynum;
	char *key = NULL, *sql = NULL, *a, *f;
	long long num, found[2];
	long long exact = -1;
	int nfound = 0, rc;
	sqlite3_stmt *st;
	strbuf vals = {0};

	*label = NULL;
	if (filter_table(which, &table, &what, &bynum) != 0)
		return dferr_set(e, ST_INVALID, "%s", _("not a filter"));
	key = text_fold(text);
	if (text_parse_int(text, &num) == 0)
		sql = xasprintf("SELECT id, name_ar, name_fr FROM \"%s\" WHERE "
		    "%s = :num", table, bynum);
	else
		sql = xasprintf("SELECT id, name_ar, name_fr FROM \"%s\" WHERE "
		    ":key <> '' AND instr(search_key, :key) > 0 ORDER BY id "
		    "LIMIT 50", table);
	if ((st = store_prepare(s, sql, e)) == NULL) {
		rc = e ? e->code : ST_ERROR;
		goto out;
	}
	bind_int(st, ":num", num);
	bind_text(st, ":key", key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a = text_fold((const char *)sqlite3_column_text(st, 1));
		f = text_fold((const char *)sqlite3_column_text(st, 2));
		if (exact < 0 && (strcmp(a, key) == 0 || strcmp(f, key) == 0))
			exact = sqlite3_column_int64(st, 0);
		free(a);
		free(f);
		if (nfound < 2)
			found[nfound] = sqlite3_column_int64(st, 0);
		nfound++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, rc, "finding a filter value", e);
		goto out;
	}
	if (exact > 0 || nfound == 1) {
		*id = exact > 0 ? exact : found[0];
		rc = store_report_label(s, which, *id, label, e);
		goto out;
	}
	list_values(s, table, bynum, &vals);
	a = text_sanitize(text, 0);
	if (nfound > 0)
		rc = dferr_set(e, ST_INVALID, _("\"%s\" matches more than one "
		    "%s; give its number or more of its name: %s"), a, what,
		    vals.s ? vals.s : "");
	else
		rc = dferr_set(e, ST_NOTFOUND, _("no %s matches \"%s\"; use "
		    "one of: %s"), what, a, vals.s ? vals.s : "");
	free(a);
out:
	sb_free(&vals);
	free(sql);
	free(key);
	return rc;
}

int store_report_label(store *s, unsigned which, long long id, char **label,
    dferr *e)
{
	const char *table, *what, *bynum;
	sqlite3_stmt *st;
	char *sql;
	int rc;

	*label = NULL;
	if (filter_table(which, &table, &what, &bynum) != 0)
		return dferr_set(e, ST_INVALID, "%s", _("not a filter"));
	sql = xasprintf("SELECT " NAME_SQL("l") " FROM \"%s\" l WHERE id = :id",
	    table);
	st = store_prepare(s, sql, e);
	free(sql);
	if (st == NULL)
		return e ? e->code : ST_ERROR;
	bind_int(st, ":lang", (long long)model_lang());
	bind_int(st, ":id", id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*label = store_col_text(st, 0);
		rc = ST_OK;
	} else if (rc == SQLITE_DONE)
		rc = dferr_set(e, ST_NOTFOUND, _("there is no %s #%lld"), what, id);
	else
		rc = store_fail(s, rc, "reading a filter value", e);
	sqlite3_reset(st);
	return rc;
}
