/* store_list.c - list pages by keyset: (sort value, id) after or before an
 * anchor row, never OFFSET, never a whole table.  Search uses the folded
 * key: a prefix range on its index for short queries (and then the list is
 * in key order), a substring test in list order for longer ones. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "store_int.h"

/* A query's resolved parts. */
struct list_sql {
	strbuf where;           /* " AND ..." conditions with ?N params */
	char *key;              /* folded search text, or NULL */
	int prefix;             /* search by key prefix (short query) */
	const field *sortf;     /* sort field, or NULL for id / key order */
	char *sortexpr;         /* SQL of the sort value */
};

static int is_number(const field *f)
{
	return f->type == FT_INT || f->type == FT_LOOKUP || f->type == FT_BOOL;
}

/* Work out the sort expression, search and filter of q. */
static void list_prepare(const list_query *q, struct list_sql *ls)
{
	const entity *ent = q->ent;

	memset(ls, 0, sizeof *ls);
	sb_adds(&ls->where, "");
	if (q->search != NULL && q->search[0] != '\0' && ent->has_search) {
		ls->key = text_fold(q->search);
		if (ls->key[0] == '\0') {
			free(ls->key);
			ls->key = NULL;
		}
	}
	if (ls->key != NULL) {
		ls->prefix = u8_mbsnlen((const uint8_t *)ls->key,
		    strlen(ls->key)) < 3;
		if (ls->prefix)
			sb_adds(&ls->where, " AND t.search_key >= ?1 AND "
			    "t.search_key < ?2");
		else
			sb_adds(&ls->where, " AND instr(t.search_key, ?1) > 0");
	}
	if (q->filter_field >= 0 && q->filter_field < ent->nfields)
		sb_addf(&ls->where, " AND t.\"%s\" IS ?3",
		    ent->fields[q->filter_field].name);
	if (ls->prefix)
		ls->sortexpr = xstrdup("t.search_key");
	else if (q->sort >= 0 && q->sort < ent->nfields) {
		ls->sortf = &ent->fields[q->sort];
		ls->sortexpr = ls->sortf->required || is_number(ls->sortf) ?
		    xasprintf("t.\"%s\"", ls->sortf->name) :
		    xasprintf("IFNULL(t.\"%s\", '')", ls->sortf->name);
	}
}

static void list_sql_free(struct list_sql *ls)
{
	sb_free(&ls->where);
	free(ls->key);
	free(ls->sortexpr);
}

/* Bind ?1..?3: search key (and its prefix bound), filter value. */
static void bind_common(store *s, sqlite3_stmt *st, const list_query *q,
    const struct list_sql *ls)
{
	if (ls->key != NULL) {
		sqlite3_bind_text(st, 1, ls->key, -1, SQLITE_TRANSIENT);
		if (ls->prefix) {       /* every key starting with k is < k + U+10FFFF */
			char *hi = xasprintf("%s\xf4\x8f\xbf\xbf", ls->key);
			sqlite3_bind_text(st, 2, hi, -1, free);
		}
	}
	if (q->filter_field >= 0 && q->filter_field < q->ent->nfields)
		store_bind_value(s, st, 3, &q->ent->fields[q->filter_field],
		    q->filter_value, NULL);
}

/* SELECT id, sortval, cells... with LEFT JOINs for lookup columns. */
static void select_sql(const entity *ent, const struct list_sql *ls,
    strbuf *b, strbuf *joins)
{
	int i;

	sb_addf(b, "SELECT t.id, %s", ls->sortexpr ? ls->sortexpr : "NULL");
	for (i = 0; i < ent->nlist; i++) {
		const field *f = &ent->fields[ent->list_cols[i]];
		if (f->type == FT_LOOKUP) {
			const entity *te = f->target_ent;
			const field *df = &te->fields[te->display];
			sb_addf(b, ", j%d.\"%s\"", i, df->name);
			sb_addf(joins, " LEFT JOIN \"%s\" AS j%d ON j%d.id = t.\"%s\"",
			    te->name, i, i, f->name);
		} else
			sb_addf(b, ", t.\"%s\"", f->name);
	}
	sb_addf(b, " FROM \"%s\" AS t%s WHERE 1", ent->name, joins->s ? joins->s : "");
}

int store_list_page(store *s, const list_query *q, const list_row *anchor,
    int dir, int limit, list_row **rows, int *nrows, dferr *e)
{
	const entity *ent = q->ent;
	struct list_sql ls;
	strbuf b = {0}, joins = {0};
	sqlite3_stmt *st;
	int back = dir < 0, desc = q->desc, i, n = 0, rc = ST_OK, step;
	const char *cmp, *ord;
	list_row *out;

	*rows = NULL;
	*nrows = 0;
	list_prepare(q, &ls);
	if (ls.prefix)
		desc = 0;
	/* walking backwards flips both the comparison and the order */
	cmp = (desc != back) ? "<" : ">";
	ord = (desc != back) ? "DESC" : "ASC";
	select_sql(ent, &ls, &b, &joins);
	sb_adds(&b, ls.where.s);
	if (anchor != NULL) {
		if (ls.sortexpr != NULL)
			sb_addf(&b, " AND (%s, t.id) %s (?4, ?5)", ls.sortexpr, cmp);
		else
			sb_addf(&b, " AND t.id %s ?5", cmp);
	}
	if (ls.sortexpr != NULL)
		sb_addf(&b, " ORDER BY %s %s, t.id %s LIMIT ?6", ls.sortexpr, ord, ord);
	else
		sb_addf(&b, " ORDER BY t.id %s LIMIT ?6", ord);
	st = store_prepare(s, b.s, e);
	if (st == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	bind_common(s, st, q, &ls);
	if (anchor != NULL) {
		if (ls.sortexpr != NULL && ls.sortf != NULL && is_number(ls.sortf))
			sqlite3_bind_int64(st, 4, anchor->sortval ?
			    atoll(anchor->sortval) : 0);
		else if (ls.sortexpr != NULL)
			sqlite3_bind_text(st, 4, anchor->sortval ? anchor->sortval : "",
			    -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, anchor->id);
	}
	sqlite3_bind_int(st, 6, limit);
	out = xcalloc((size_t)limit + 1, sizeof *out);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && n < limit) {
		list_row *r = &out[n++];
		r->id = sqlite3_column_int64(st, 0);
		r->sortval = store_col_text(st, 1);
		r->cells = xcalloc((size_t)ent->nlist + 1, sizeof *r->cells);
		for (i = 0; i < ent->nlist; i++) {
			const field *f = &ent->fields[ent->list_cols[i]];
			const char *v = (const char *)sqlite3_column_text(st, 2 + i);
			if (v == NULL)
				continue;
			r->cells[i] = f->type == FT_LOOKUP ? xstrdup(v) :
			    model_display(f, v, s->date_style);
		}
	}
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		store_rows_free(q, out, n);
		rc = store_fail(s, step, "reading a list", e);
		goto out;
	}
	if (back) {             /* fetched backwards: put them in list order */
		for (i = 0; i < n / 2; i++) {
			list_row t = out[i];
			out[i] = out[n - 1 - i];
			out[n - 1 - i] = t;
		}
	}
	*rows = out;
	*nrows = n;
out:
	sb_free(&b);
	sb_free(&joins);
	list_sql_free(&ls);
	return rc;
}

void store_rows_free(const list_query *q, list_row *rows, int nrows)
{
	int i, j;

	for (i = 0; i < nrows; i++) {
		for (j = 0; j < q->ent->nlist; j++)
			free(rows[i].cells[j]);
		free(rows[i].cells);
		free(rows[i].sortval);
	}
	free(rows);
}

/* The deadline of a bounded count, for the progress handler. */
struct count_deadline {
	struct timespec end;    /* CLOCK_MONOTONIC time to stop at */
	int hit;                /* the handler stopped the query */
};

/* Progress handler: non-zero (interrupt) once the deadline has passed. */
static int count_progress(void *arg)
{
	struct count_deadline *d = arg;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > d->end.tv_sec || (now.tv_sec == d->end.tv_sec &&
	    now.tv_nsec >= d->end.tv_nsec))
		d->hit = 1;
	return d->hit;
}

int store_list_count(store *s, const list_query *q, long long cap,
    long long *count, dferr *e)
{
	return store_list_count_within(s, q, cap, 0, count, NULL, e);
}

int store_list_count_within(store *s, const list_query *q, long long cap,
    int max_ms, long long *count, int *partial, dferr *e)
{
	struct list_sql ls;
	struct count_deadline d = {{0, 0}, 0};
	strbuf b = {0};
	sqlite3_stmt *st;
	long long n = 0;
	int rc = ST_OK, step;

	if (partial != NULL)
		*partial = 0;
	list_prepare(q, &ls);
	/* a substring search tests every row: scan in id order, the order of
	 * the list, not in key order, where the matches of a name cluster at
	 * its letter and a count would read most of the index first */
	sb_addf(&b, "SELECT 1 FROM \"%s\" AS t%s WHERE 1%s LIMIT ?6",
	    q->ent->name, ls.key != NULL && !ls.prefix ? " NOT INDEXED" : "",
	    ls.where.s);
	st = store_prepare(s, b.s, e);
	sb_free(&b);
	if (st == NULL) {
		rc = ST_ERROR;
		goto out;
	}
	bind_common(s, st, q, &ls);
	sqlite3_bind_int64(st, 6, cap + 1);
	if (max_ms > 0) {
		clock_gettime(CLOCK_MONOTONIC, &d.end);
		d.end.tv_sec += max_ms / 1000;
		d.end.tv_nsec += (long)(max_ms % 1000) * 1000000L;
		if (d.end.tv_nsec >= 1000000000L) {
			d.end.tv_sec++;
			d.end.tv_nsec -= 1000000000L;
		}
		sqlite3_progress_handler(s->db, 1000, count_progress, &d);
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		n++;
	if (max_ms > 0)
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
	sqlite3_reset(st);
	if (step == SQLITE_INTERRUPT && d.hit) {        /* out of time */
		if (partial != NULL)
			*partial = 1;
	} else if (step != SQLITE_DONE)
		rc = store_fail(s, step, "counting", e);
	*count = n;
out:
	list_sql_free(&ls);
	return rc;
}
