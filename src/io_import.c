/* io_import.c - CSV import: header row to fields, every value through the
 * form's own filter and model_check (in a reading thread, io_check.c),
 * lookups resolved by the store, all rows in one bulk transaction that is
 * committed only when no row had a problem (a dry run always rolls back,
 * so it checks exactly what a real import would, unique and table
 * constraints included).
 *
 * Audit: one audit row per import, naming the file, the row count and the
 * ids given, not one per record.  The file is the record of what came in;
 * each record still carries created_by/created_at; and a per-record audit
 * row would hold a second JSON copy of every value, doubling the writes
 * and the size of the database for a million-row import.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daftar/text.h"
#include "io_import.h"
#include "io_int.h"

#define LOOKUP_SLOTS 4096       /* lookup texts remembered per column */
#define TITLE_ROWS 10           /* title rows a sheet may have above its
                                 * header */

/* A record an --update import changed, and the row that did. */
struct seen_id {
	long long id;           /* record id, 0 = free slot */
	long long line;         /* the row */
};

/* An import in progress. */
struct import {
	store *s;               /* the database */
	const entity *ent;      /* what is imported */
	const char *file;       /* file name for messages */
	const io_report *rep;   /* where problems and progress go */
	io_result *res;         /* counts */
	dferr *e;               /* the failure that stops the import */
	const io_import_opts *o; /* how */
	struct source *src;     /* the rows */
	struct column *cols;    /* header columns */
	size_t ncols;           /* how many */
	struct xcol *xc;        /* the columns an export writes (io_columns) */
	int nxc;                /* how many */
	int key_fi;             /* --update key: a field, -2 = the id column */
	long key_col;           /* the key's column */
	struct seen_id *seen;   /* records updated so far (hash set) */
	size_t nseen, capseen;  /* used, slots */
	unsigned char *changed; /* per field: differs in the row at hand */
	long long *nchanged;    /* per field: records it changed in */
	long long max_id;       /* the table's highest id before the import */
	store_bulk *bulk;       /* the transaction */
	record *r;              /* the row being built, reused */
	unsigned *lines;        /* line of each record written, by id - first */
	size_t nlines, caplines; /* used, allocated */
	int has_unique;         /* ent has unique fields: keep lines[] */
	struct pipe pipe;       /* the reading thread */
	long long bytes;        /* input read so far */
};

/* Report one problem at where ("" = the whole file). */
static void report(struct import *im, const char *where, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(struct import *im, const char *where, const char *col,
    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	im->res->errors++;
	if (im->rep != NULL && im->rep->error != NULL)
		im->rep->error(im->rep->ctx, im->file, where, col, msg);
}

/* Report progress; nonzero when the caller asks to stop. */
static int progress(struct import *im)
{
	return im->rep != NULL && im->rep->progress != NULL &&
	    im->rep->progress(im->rep->ctx, im->res->rows, im->bytes,
	    im->src->total);
}

/* The commit's steps (indexes rebuilt, the write) as the saving phase. */
static void saving_step(void *ctx, int done, int steps)
{
	struct import *im = ctx;

	if (im->rep != NULL && im->rep->progress != NULL)     /* no stopping */
		(void)im->rep->progress(im->rep->ctx, im->res->rows, -1 - done,
		    steps);
}

/* "name_ar, name_latin, ..." */
static char *field_names(const entity *ent)
{
	strbuf b = {0};
	int i;

	for (i = 0; i < ent->nfields; i++)
		sb_addf(&b, "%s%s", i ? ", " : "", ent->fields[i].name);
	return sb_detach(&b);
}

/* Where line, column col is, as the source names it. */
static const char *where(struct import *im, long long line, long col,
    char *buf, size_t n)
{
	im->src->ops->where(im->src, line, col, buf, n);
	return buf;
}

/* A title above a sheet's header: one cell, naming no field. */
static int title_row(const struct import *im, const struct src_row *row)
{
	size_t i, k = 0, at = 0;

	for (i = 0; i < row->n; i++)
		if (row->len[i] > 0)
			k++, at = i;
	return im->src->sheet && k == 1 &&
	    model_field_by_label(im->ent, row->f[at]) < 0;
}

/* Map the header row to fields; every problem reported. */
static int read_header(struct import *im)
{
	const entity *ent = im->ent;
	long long before = im->res->errors;
	struct src_row row;
	char at[128];
	size_t i, j;
	int rc, k, titles = 0;
	char *names;

	while ((rc = im->src->ops->read(im->src, &row, im->e)) == 1 &&
	    title_row(im, &row) && titles++ < TITLE_ROWS)
		;
	if (rc < 0 && im->e->code == ST_INVALID) {
		report(im, "", "file", "%s", im->e->msg);
		return ST_INVALID;
	}
	if (rc < 0)
		return im->e->code ? im->e->code : ST_ERROR;
	if (rc == 0) {
		report(im, "", "file", _("the file is empty: it needs a header "
		    "row naming the fields"));
		return ST_INVALID;
	}
	if (row.err != CSV_OK) {
		report(im, where(im, row.err_line, -1, at, sizeof at), "header",
		    "%s (byte %lld)", csv_strerror(row.err), row.err_offset);
		return ST_INVALID;
	}
	im->ncols = row.n;
	im->cols = xcalloc(row.n + 1, sizeof *im->cols);
	im->xc = io_columns(ent, &im->nxc);
	for (i = 0; i < row.n; i++) {
		struct column *c = &im->cols[i];
		if (text_filter(row.f[i], row.len[i], 0, &c->name, NULL) != 0)
			c->name = xstrdup("?");
		k = c->name[0] ? io_column_find(im->xc, im->nxc, c->name) : -1;
		c->fi = -1;
		c->kind = XC_FIELD;
		if (k < 0 && c->name[0] && (c->fi = model_field_by_label(ent,
		    c->name)) >= 0)
			k = c->fi;      /* a field's label: as the field */
		else if (k >= 0) {
			c->kind = (int)im->xc[k].kind;
			c->fi = im->xc[k].fi;
			c->kfi = im->xc[k].tf ? (int)(im->xc[k].tf -
			    ent->fields[c->fi].target_ent->fields) : -1;
		}
		if (c->kind == XC_FIELD && c->fi >= 0 &&
		    ent->fields[c->fi].type == FT_LOOKUP)
			c->kind = XC_LINK_ID;
		if (c->name[0] && k < 0) {
			names = field_names(ent);
			report(im, where(im, row.line, (long)i, at, sizeof at),
			    c->name, _("no such field in %s; the fields are: %s"),
			    ent->name, names);
			free(names);
			continue;
		}
		for (j = 0; j < i && k >= 0; j++)
			if (im->cols[j].fi == c->fi && im->cols[j].kind == c->kind)
				report(im, where(im, row.line, (long)i, at, sizeof at),
				    c->name, _("names the same field as column %zu "
				    "(%s)"), j + 1, im->cols[j].name);
		if (c->kind == XC_LINK_ID || c->kind == XC_LINK_NAME ||
		    c->kind == XC_LINK_KEY)
			c->cache = xcalloc(LOOKUP_SLOTS, sizeof *c->cache);
	}
	for (k = 0; k < ent->nfields && !im->o->update; k++) {
		if (!ent->fields[k].required)
			continue;
		for (i = 0; i < im->ncols && im->cols[i].fi != k; i++)
			;
		if (i == im->ncols)
			report(im, where(im, row.line, -1, at, sizeof at),
			    ent->fields[k].name, _("%s is required but the file has "
			    "no column for it"), field_label(&ent->fields[k]));
	}
	return im->res->errors > before ? ST_INVALID : ST_OK;
}

static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The record a link column's text names: a key by the target's key
 * field, an id or a name through store_resolve.  0 and *id, -1 with msg
 * for a text naming no single record, -2 when the database failed. */
static int resolve(struct import *im, struct column *c, const char *text,
    long long *id, char *msg, size_t msgsz)
{
	const entity *t = im->ent->fields[c->fi].target_ent;
	size_t h = hash(text) & (LOOKUP_SLOTS - 1);
	dferr le = {0};
	int rc;

	while (c->cache[h].text != NULL) {
		if (strcmp(c->cache[h].text, text) == 0) {
			*id = c->cache[h].id;
			return 0;
		}
		h = (h + 1) & (LOOKUP_SLOTS - 1);
	}
	if (c->kind == XC_LINK_KEY) {
		rc = store_key_holder(im->s, t, c->kfi, text, id, &le);
		if (rc == ST_OK && *id == 0)
			rc = dferr_set(&le, ST_NOTFOUND, _("no %s with %s %s"),
			    entity_label(t), field_label(&t->fields[c->kfi]), text);
	} else
		rc = store_resolve(im->s, t, text, id, &le);
	if (rc == ST_NOTFOUND || rc == ST_INVALID) {
		snprintf(msg, msgsz, "%s", le.msg);
		return -1;
	}
	if (rc != ST_OK) {
		*im->e = le;
		return -2;
	}
	if (c->ncached < LOOKUP_SLOTS / 2) {     /* keep probing short */
		c->cache[h].text = xstrdup(text);
		c->cache[h].id = *id;
		c->ncached++;
	}
	return 0;
}

/* The column of kind holding field fi, -1 when none. */
static long link_column(const struct import *im, int fi, int kind)
{
	size_t i;

	for (i = 0; i < im->ncols; i++)
		if (im->cols[i].fi == fi && im->cols[i].kind == kind)
			return (long)i;
	return -1;
}

/* Whether the text of link column ci names record id: 0 with *yes, -2
 * when the database failed. */
static int agrees(struct import *im, long ci, const char *text, long long id,
    int *yes)
{
	struct column *c = &im->cols[ci];
	const entity *t = im->ent->fields[c->fi].target_ent;
	char msg[512];
	long long other;
	int rc;

	rc = resolve(im, c, text, &other, msg, sizeof msg);
	if (rc == -2)
		return -2;
	if ((*yes = rc == 0 && other == id) || c->kind == XC_LINK_KEY)
		return 0;
	/* a name several records share, one of them this one */
	return store_name_is(im->s, t, id, text, yes, im->e) == ST_OK ? 0 : -2;
}

/* Link field fi of row pr from its columns (id, key, name), into
 * im->r->v[fi] as the form's value.  cur: the record the row updates, or
 * NULL.  0 ok, -1 refused (reported), -2 database failure. */
static int resolve_link(struct import *im, const struct prow *pr, int fi,
    const record *cur)
{
	long ci[3] = {link_column(im, fi, XC_LINK_ID), link_column(im, fi,
	    XC_LINK_KEY), link_column(im, fi, XC_LINK_NAME)};
	const char *text[3] = {im->r->v[fi], pr->ext[2 * fi + 1],
	    pr->ext[2 * fi]};
	char msg[512], idbuf[24], at[128], *out;
	long long id = 0, alt;
	int p, k, rc, yes;

	for (p = 0; p < 3 && (text[p] == NULL || ci[p] < 0); p++)
		;
	if (p == 3)
		return 0;               /* no link */
	rc = resolve(im, &im->cols[ci[p]], text[p], &id, msg, sizeof msg);
	if (rc == -2)
		return -2;
	if (rc == -1) {
		report(im, where(im, pr->line, ci[p], at, sizeof at),
		    im->cols[ci[p]].name, "%s", msg);
		return -1;
	}
	for (k = p + 1; k < 3; k++) {   /* the others must agree */
		if (text[k] == NULL || ci[k] < 0)
			continue;
		if ((rc = agrees(im, ci[k], text[k], id, &yes)) == -2)
			return -2;
		if (yes)
			continue;
		/* an update whose id cell is as it was: the name or key cell
		 * was edited, and names the record to link to */
		if (cur != NULL && cur->v[fi] != NULL && p == 0 &&
		    atoll(cur->v[fi]) == id && resolve(im, &im->cols[ci[k]],
		    text[k], &alt, msg, sizeof msg) == 0) {
			id = alt;
			break;
		}
		report(im, where(im, pr->line, ci[k], at, sizeof at),
		    im->cols[ci[k]].name, _("\"%s\" does not name %s #%lld, which "
		    "column %s gives: correct one of the two, or empty the %s cell "
		    "to link by the other"), text[k],
		    entity_label(im->ent->fields[fi].target_ent), id,
		    im->cols[ci[p]].name, im->cols[ci[p]].name);
		return -1;
	}
	snprintf(idbuf, sizeof idbuf, "%lld", id);
	/* the form's check, on the record number found */
	if (model_check(&im->ent->fields[fi], idbuf, &out, msg, sizeof msg) !=
	    0) {
		report(im, where(im, pr->line, ci[p], at, sizeof at),
		    im->cols[ci[p]].name, "%s", io_unlabel(&im->ent->fields[fi],
		    msg));
		return -1;
	}
	free(im->r->v[fi]);
	im->r->v[fi] = out;
	return 0;
}

/* Resolve every link of row pr; each failure reported.  0 ok, -1
 * refused, -2 database failure. */
static int resolve_lookups(struct import *im, const struct prow *pr,
    const record *cur)
{
	int fi, ok = 0, rc;

	for (fi = 0; fi < im->ent->nfields; fi++) {
		if (im->ent->fields[fi].type != FT_LOOKUP || !pr->given[fi])
			continue;
		if ((rc = resolve_link(im, pr, fi, cur)) == -2)
			return -2;
		if (rc < 0)
			ok = -1;
	}
	return ok;
}

/* The index of the column holding field fi, -1 when none. */
static long column_of(const struct import *im, int fi)
{
	size_t i;

	for (i = 0; i < im->ncols; i++)
		if (im->cols[i].fi == fi)
			return (long)i;
	return -1;
}

/* A refused insert: name the duplicate (in the file or the database) or
 * pass the store's sentence on.  -2 when the database failed. */
static int refused(struct import *im, long long line, const dferr *le)
{
	const entity *ent = im->ent;
	long long other;
	char *label = NULL, at[128], at2[128];
	const char *col;
	long ci;
	int fi;

	if (store_unique_clash(im->s, ent, im->r, &fi, &other, im->e) != ST_OK)
		return -2;
	if (fi < 0) {
		report(im, where(im, line, -1, at, sizeof at), "row", "%s", le->msg);
		return -1;
	}
	ci = column_of(im, fi);
	col = ci >= 0 ? im->cols[ci].name : ent->fields[fi].name;
	where(im, line, ci, at, sizeof at);
	if (im->nlines > 0 && other >= im->res->first_id &&
	    other - im->res->first_id < (long long)im->nlines) {
		unsigned first = im->lines[other - im->res->first_id];
		if (im->src->sheet)
			report(im, at, col, _("%s %s appears twice in the file: also "
			    "at %s"), field_label(&ent->fields[fi]), im->r->v[fi],
			    where(im, first, ci, at2, sizeof at2));
		else
			report(im, at, col, _("%s %s appears twice in the file: also "
			    "on line %u"), field_label(&ent->fields[fi]),
			    im->r->v[fi], first);
		return -1;
	}
	store_label(im->s, ent, other, &label, NULL);
	report(im, at, col, _("%s %s is already used by %s #%lld (%s)"),
	    field_label(&ent->fields[fi]), im->r->v[fi], ent->name, other,
	    label ? label : "?");
	free(label);
	return -1;
}

/* Report the problems the reader found in pr, and count its notes. */
static void report_probs(struct import *im, const struct prow *pr)
{
	const char *p = pr->probs.s, *at, *col, *msg;
	int k;

	for (k = 0; k < pr->nprobs; k++) {
		at = p;
		col = at + strlen(at) + 1;
		msg = col + strlen(col) + 1;
		p = msg + strlen(msg) + 1;
		report(im, at, col, "%s", msg);
	}
	if (pr->ambiguous > 0 && im->res->ambiguous == 0)
		snprintf(im->res->ambiguous_example,
		    sizeof im->res->ambiguous_example, "%s",
		    pr->ambiguous_example);
	im->res->ambiguous += pr->ambiguous;
	im->res->phones_fixed += pr->phones_fixed;
}

/* ---- update by key ------------------------------------------------------ */

/* Choose the key of --update: --key FIELD, else the id column, else the
 * first unique field the file has.  ST_OK, or ST_INVALID (reported). */
static int choose_key(struct import *im)
{
	const entity *ent = im->ent;
	strbuf names = {0};
	size_t i;
	int fi;

	im->key_fi = -1;
	im->key_col = -1;
	if (im->o->key != NULL && (strcmp(im->o->key, "id") == 0 ||
	    strcmp(im->o->key, "#") == 0))
		im->key_fi = -2;
	else if (im->o->key != NULL &&
	    (im->key_fi = model_field_by_label(ent, im->o->key)) < 0) {
		char *all = field_names(ent);
		report(im, "", "file", _("--key %s: no such field in %s; the "
		    "fields are: id, %s"), im->o->key, ent->name, all);
		free(all);
		return ST_INVALID;
	}
	for (i = 0; i < im->ncols; i++) {
		const struct column *c = &im->cols[i];
		if (im->key_fi == -2 && c->kind == XC_ID)
			im->key_col = (long)i;
		else if (im->key_fi >= 0 && c->fi == im->key_fi &&
		    (c->kind == XC_FIELD || c->kind == XC_LINK_ID))
			im->key_col = (long)i;
		else if (im->o->key == NULL && c->kind == XC_ID)
			im->key_col = (long)i, im->key_fi = -2;
	}
	for (i = 0; im->o->key == NULL && im->key_col < 0 && i < im->ncols; i++)
		if ((fi = im->cols[i].fi) >= 0 && im->cols[i].kind == XC_FIELD &&
		    ent->fields[fi].unique)
			im->key_col = (long)i, im->key_fi = fi;
	if (im->key_col >= 0)
		return ST_OK;
	if (im->o->key != NULL)
		report(im, "", "file", _("--key %s: the file has no column for "
		    "it"), im->o->key);
	else {
		for (fi = 0; fi < ent->nfields; fi++)
			if (ent->fields[fi].unique)
				sb_addf(&names, ", %s", ent->fields[fi].name);
		report(im, "", "file", _("--update needs a key column naming the "
		    "records to change: the id column (#) an export writes%s"),
		    names.s ? names.s : "");
		sb_free(&names);
	}
	return ST_INVALID;
}

/* The first column of kind, -1 when none. */
static long column_kind(const struct import *im, int kind)
{
	size_t i;

	for (i = 0; i < im->ncols; i++)
		if (im->cols[i].kind == kind)
			return (long)i;
	return -1;
}

/* Whether id was already updated by an earlier row (and note it). */
static int seen_before(struct import *im, long long id, long long line,
    long long *first)
{
	size_t h, i;

	if (im->nseen * 2 >= im->capseen) {     /* grow and rehash */
		size_t cap = im->capseen ? im->capseen * 2 : 1024;
		struct seen_id *t = xcalloc(cap, sizeof *t);
		for (i = 0; i < im->capseen; i++)
			if (im->seen[i].id != 0) {
				for (h = (size_t)im->seen[i].id * 2654435761u % cap;
				    t[h].id != 0; h = (h + 1) % cap)
					;
				t[h] = im->seen[i];
			}
		free(im->seen);
		im->seen = t;
		im->capseen = cap;
	}
	for (h = (size_t)id * 2654435761u % im->capseen; im->seen[h].id != 0;
	    h = (h + 1) % im->capseen)
		if (im->seen[h].id == id) {
			*first = im->seen[h].line;
			return 1;
		}
	im->seen[h].id = id;
	im->seen[h].line = line;
	im->nseen++;
	return 0;
}

/* The record row pr's key names: *id (0: none, the row is new).  0, -1
 * refused (reported), -2 database failure. */
static int find_keyed(struct import *im, const struct prow *pr,
    long long *id)
{
	const entity *ent = im->ent;
	const char *v = im->key_fi == -2 ? pr->rid : im->r->v[im->key_fi];
	char at[128];
	long long n;
	int count;

	*id = 0;
	if (v == NULL)
		return 0;
	where(im, pr->line, im->key_col, at, sizeof at);
	if (im->key_fi == -2) {
		if (text_parse_int(v, &n) != 0 || n <= 0) {
			report(im, at, im->cols[im->key_col].name, _("\"%s\" is not a "
			    "record number"), v);
			return -1;
		}
		if (store_find_by(im->s, ent, -1, v, id, &count, im->e) != ST_OK)
			return -2;
		if (*id == 0) {
			report(im, at, im->cols[im->key_col].name, _("there is no %s "
			    "#%lld (deleted since the file was exported?): empty the "
			    "cell to add the row as a new record"), ent->name, n);
			return -1;
		}
		return 0;
	}
	if (store_find_by(im->s, ent, im->key_fi, v, id, &count, im->e) != ST_OK)
		return -2;
	if (count > 1) {
		report(im, at, im->cols[im->key_col].name, _("%s \"%s\" is held by "
		    "several %s: choose a key that names one record (--key id)"),
		    field_label(&ent->fields[im->key_fi]), v, entity_label(ent));
		return -1;
	}
	if (*id != 0 && pr->rid != NULL && atoll(pr->rid) != *id) {
		report(im, at, im->cols[im->key_col].name, _("%s %s is %s #%lld, "
		    "but the # column says #%s: correct one of them"),
		    field_label(&ent->fields[im->key_fi]), v, ent->name, *id,
		    pr->rid);
		return -1;
	}
	return 0;
}

/* Whether two stored values differ (NULL is empty). */
static int differs(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0);
}

/* Row pr updates record id: the columns the file has that differ are
 * written.  0, -1 refused, -2 database failure. */
static int update_row(struct import *im, struct prow *pr, long long id)
{
	const entity *ent = im->ent;
	record *cur = NULL;
	dferr le = {0};
	char at[128], *note;
	long long first;
	int i, n = 0, rc;

	if (seen_before(im, id, pr->line, &first)) {
		report(im, where(im, pr->line, im->key_col, at, sizeof at),
		    im->cols[im->key_col].name, _("%s #%lld is updated twice: by "
		    "this row and by the one at %lld"), ent->name, id, first);
		return -1;
	}
	if ((rc = store_get(im->s, ent, id, &cur, im->e)) != ST_OK)
		return -2;
	if ((rc = resolve_lookups(im, pr, cur)) != 0) {
		record_free(cur);
		return rc;
	}
	for (i = 0; i < ent->nfields; i++) {
		im->changed[i] = pr->given[i] && differs(cur->v[i], im->r->v[i]);
		n += im->changed[i];
		if (!pr->given[i]) {            /* columns the file lacks stay */
			free(im->r->v[i]);
			im->r->v[i] = xstrdup(cur->v[i]);
		}
	}
	record_free(cur);
	if (n == 0) {
		im->res->unchanged++;
		return 0;
	}
	im->r->id = id;
	note = xasprintf("import %s --update", im->file);
	rc = store_update_in_batch(im->s, ent, im->r, im->changed, note, &le);
	free(note);
	if (rc == ST_INVALID || rc == ST_NOTFOUND) {
		report(im, where(im, pr->line, -1, at, sizeof at), "row", "%s",
		    le.msg);
		return -1;
	}
	if (rc != ST_OK) {
		*im->e = le;
		return -2;
	}
	im->res->changed++;
	for (i = 0; i < ent->nfields; i++)
		im->nchanged[i] += im->changed[i];
	return 0;
}

/* A new row of an --update import must have what a new record needs. */
static int new_row_complete(struct import *im, const struct prow *pr)
{
	const entity *ent = im->ent;
	char at[128];
	int i, ok = 0;

	for (i = 0; i < ent->nfields; i++)
		if (ent->fields[i].required && !pr->given[i]) {
			report(im, where(im, pr->line, -1, at, sizeof at),
			    ent->fields[i].name, _("the row names no existing %s, so "
			    "it would be a new one, and %s is required but the file has "
			    "no column for it"), ent->name, field_label(&ent->fields[i]));
			ok = -1;
		}
	return ok;
}

/* "Phone 3, City 1": how many records each field changed in. */
static char *changed_summary(const struct import *im)
{
	strbuf b = {0};
	int i;

	for (i = 0; i < im->ent->nfields; i++)
		if (im->nchanged[i] > 0)
			sb_addf(&b, "%s%s %lld", b.len ? ", " : "",
			    field_label(&im->ent->fields[i]), im->nchanged[i]);
	return b.len ? sb_detach(&b) : NULL;
}

/* Without --update, a row whose id column names an existing record would
 * be a copy of it: refused.  An id no record has is not kept (ids are
 * never reused): the record gets a new one. */
static int existing_id(struct import *im, const struct prow *pr)
{
	char at[128];
	long long id;
	int n;

	if (pr->rid == NULL || atoll(pr->rid) > im->max_id)
		return 0;               /* beyond every id the table had */
	if (store_find_by(im->s, im->ent, -1, pr->rid, &id, &n, im->e) != ST_OK)
		return -2;
	if (id == 0)
		return 0;
	report(im, where(im, pr->line, column_kind(im, XC_ID), at, sizeof at),
	    im->cols[column_kind(im, XC_ID)].name, _("%s #%lld already exists: "
	    "import with --update to change it, or empty the cell to add the row "
	    "as a new record"), im->ent->name, id);
	return -1;
}

/* Write one checked row.  -1 refused, -2 when the import must stop. */
static int take_row(struct import *im, struct prow *pr)
{
	dferr le = {0};
	int i, rc;

	report_probs(im, pr);
	for (i = 0; i < im->r->n; i++) {        /* the values move to r */
		free(im->r->v[i]);
		im->r->v[i] = pr->v[i];
		pr->v[i] = NULL;
	}
	if (pr->nprobs > 0)
		return -1;
	if (im->o->update) {
		long long id;
		if ((rc = find_keyed(im, pr, &id)) != 0)
			return rc;
		if (id != 0)
			return update_row(im, pr, id);
		if (new_row_complete(im, pr) != 0)
			return -1;
	} else if ((rc = existing_id(im, pr)) != 0)
		return rc;
	if ((rc = resolve_lookups(im, pr, NULL)) == -2)
		return -2;
	if (rc < 0)
		return -1;
	im->r->id = 0;
	rc = store_bulk_add(im->bulk, im->r, &le);
	if (rc == ST_INVALID)
		return refused(im, pr->line, &le);
	if (rc != ST_OK) {
		*im->e = le;
		return -2;
	}
	if (im->res->first_id == 0)
		im->res->first_id = im->r->id;
	im->res->last_id = im->r->id;
	im->res->inserted++;
	if (im->has_unique) {
		if (im->nlines == im->caplines) {
			im->caplines = im->caplines ? im->caplines * 2 : 1024;
			im->lines = xreallocarray(im->lines, im->caplines,
			    sizeof *im->lines);
		}
		im->lines[im->nlines++] = (unsigned)pr->line;
	}
	return 0;
}

/* Take every batch the reading thread checked; ST_OK, or the code that
 * stopped the import. */
static int read_rows(struct import *im)
{
	struct pbatch *b;
	int i, rc = ST_OK, last = 0;

	if (pipe_start(&im->pipe, im->src, im->ent, im->cols, im->ncols,
	    im->o->dates) != 0)
		rc = dferr_set(im->e, ST_ERROR, _("cannot start a thread"));
	while (rc == ST_OK && !last) {
		b = pipe_next(&im->pipe);
		for (i = 0; i < b->n && rc == ST_OK; i++) {
			im->res->rows++;
			if (take_row(im, &b->row[i]) == -2)
				rc = im->e->code ? im->e->code : ST_ERROR;
		}
		last = b->last;
		im->bytes = b->bytes;
		if (rc == ST_OK && b->failed && b->fail.code == ST_INVALID) {
			report(im, "", "file", "%s", b->fail.msg);
			rc = ST_INVALID;
		} else if (rc == ST_OK && b->failed)
			rc = dferr_set(im->e, ST_ERROR, "%s: %s", im->file,
			    b->fail.msg);
		pipe_done(&im->pipe);
		if (progress(im) && rc == ST_OK)
			rc = dferr_set(im->e, ST_STOPPED, _("stopped at row %lld: "
			    "nothing was imported"), im->res->rows);
	}
	pipe_stop(&im->pipe);
	return rc;
}

static void import_free(struct import *im)
{
	size_t i;
	int j;

	for (i = 0; i < im->ncols; i++) {
		free(im->cols[i].name);
		for (j = 0; im->cols[i].cache != NULL && j < LOOKUP_SLOTS; j++)
			free(im->cols[i].cache[j].text);
		free(im->cols[i].cache);
	}
	free(im->cols);
	io_columns_free(im->xc, im->nxc);
	if (im->src != NULL)
		im->src->ops->free(im->src);
	record_free(im->r);
	free(im->lines);
	free(im->seen);
	free(im->changed);
	free(im->nchanged);
}

void io_result_free(io_result *res)
{
	free(res->changed_fields);
	res->changed_fields = NULL;
}

/* Open the source; a file that is not what it should be is a problem of
 * the file (reported), one that cannot be read a failure. */
static int open_source(struct import *im, const char *path)
{
	int rc = source_open(path, im->file, im->o->sheet, &im->src, im->e);

	if (rc == ST_INVALID) {
		report(im, "", "file", "%s", im->e->msg);
		im->e->code = 0;
		im->e->msg[0] = '\0';
	} else if (rc != ST_OK) {
		char msg[sizeof im->e->msg];
		snprintf(msg, sizeof msg, "%s", im->e->msg);
		dferr_set(im->e, rc, "%s: %s", im->file, msg);
	}
	return rc;
}

int io_import(store *s, const entity *ent, const char *path,
    const io_import_opts *o, const io_report *rep, io_result *res, dferr *e)
{
	static const io_import_opts defaults = {0};
	struct import im = {0};
	char *note = NULL;
	int i, rc;

	memset(res, 0, sizeof *res);
	im.s = s;
	im.ent = ent;
	im.o = o ? o : &defaults;
	im.file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	im.rep = rep;
	im.res = res;
	im.e = e;
	im.r = record_new(ent);
	for (i = 0; i < ent->nfields; i++)
		im.has_unique |= ent->fields[i].unique;
	im.changed = xcalloc((size_t)ent->nfields + 1, 1);
	im.nchanged = xcalloc((size_t)ent->nfields + 1, sizeof *im.nchanged);
	if ((rc = open_source(&im, path)) != ST_OK ||
	    (rc = read_header(&im)) != ST_OK ||
	    (im.o->update && (rc = choose_key(&im)) != ST_OK))
		goto out;
	if (im.src->name != NULL)
		snprintf(res->sheet, sizeof res->sheet, "%s", im.src->name);
	if ((rc = store_bulk_begin(s, ent, &im.bulk, e)) != ST_OK ||
	    (rc = store_max_id(s, ent, &im.max_id, e)) != ST_OK)
		goto out;
	rc = read_rows(&im);
	res->changed_fields = changed_summary(&im);
	if (rc != ST_OK || res->errors > 0 || im.o->dry_run || res->rows == 0) {
		store_bulk_abort(im.bulk);
		if (rc == ST_OK && res->errors > 0)
			rc = ST_INVALID;
		goto out;
	}
	if (im.o->update)
		note = xasprintf("import %s --update: %lld rows, %lld new (ids "
		    "%lld-%lld), %lld changed, %lld unchanged", im.file, res->rows,
		    res->inserted, res->first_id, res->last_id, res->changed,
		    res->unchanged);
	else
		note = xasprintf("import %s: %lld rows, ids %lld-%lld", im.file,
		    res->rows, res->first_id, res->last_id);
	store_bulk_on_step(im.bulk, saving_step, &im);
	rc = store_bulk_commit(im.bulk, note, e);
out:
	free(note);
	import_free(&im);
	return rc;
}
