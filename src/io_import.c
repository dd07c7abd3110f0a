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

#define TITLE_ROWS 10           /* title rows a sheet may have above its
                                 * header */

void io_report_problem(struct import *im, const char *where, const char *col,
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

char *io_field_names(const entity *ent)
{
	strbuf b = {0};
	int i;

	for (i = 0; i < ent->nfields; i++)
		sb_addf(&b, "%s%s", i ? ", " : "", ent->fields[i].name);
	return sb_detach(&b);
}

const char *io_where(struct import *im, long long line, long col,
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
		io_report_problem(im, "", "file", "%s", im->e->msg);
		return ST_INVALID;
	}
	if (rc < 0)
		return im->e->code ? im->e->code : ST_ERROR;
	if (rc == 0) {
		io_report_problem(im, "", "file", _("the file is empty: it needs a header "
		    "row naming the fields"));
		return ST_INVALID;
	}
	if (row.err != CSV_OK) {
		io_report_problem(im, io_where(im, row.err_line, -1, at, sizeof at), "header",
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
			names = io_field_names(ent);
			io_report_problem(im, io_where(im, row.line, (long)i, at, sizeof at),
			    c->name, _("no such field in %s; the fields are: %s"),
			    ent->name, names);
			free(names);
			continue;
		}
		for (j = 0; j < i && k >= 0; j++)
			if (im->cols[j].fi == c->fi && im->cols[j].kind == c->kind)
				io_report_problem(im, io_where(im, row.line, (long)i, at, sizeof at),
				    c->name, _("names the same field as column %zu "
				    "(%s)"), j + 1, im->cols[j].name);
		if (c->kind == XC_LINK_ID || c->kind == XC_LINK_NAME ||
		    c->kind == XC_LINK_KEY)
			c->cache = xcalloc(LOOKUP_SLOTS, sizeof *c->cache);
		if (c->kind == XC_GID)  /* keep lines[]: a gid given twice */
			im->has_unique = 1;
	}
	for (k = 0; k < ent->nfields && !im->o->update; k++) {
		if (!ent->fields[k].required)
			continue;
		for (i = 0; i < im->ncols && im->cols[i].fi != k; i++)
			;
		if (i == im->ncols)
			io_report_problem(im, io_where(im, row.line, -1, at, sizeof at),
			    ent->fields[k].name, _("%s is required but the file has "
			    "no column for it"), field_label(&ent->fields[k]));
	}
	return im->res->errors > before ? ST_INVALID : ST_OK;
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

/* A refused insert giving a global id a record holds: that record is
 * this row (an earlier row of the file, or one in the database).  -1
 * reported, 0 when it is not that. */
static int gid_clash(struct import *im, long long line)
{
	long long other = 0;
	char *label = NULL, at[128], at2[128];
	long ci = -1;
	size_t i;

	if (im->r->gid == NULL || store_bulk_gid_holder(im->bulk, im->r->gid,
	    &other, NULL) != ST_OK || other <= 0)
		return 0;
	for (i = 0; i < im->ncols && ci < 0; i++)
		if (im->cols[i].kind == XC_GID)
			ci = (long)i;
	io_where(im, line, ci, at, sizeof at);
	if (im->nlines > 0 && other >= im->res->first_id &&
	    other - im->res->first_id < (long long)im->nlines) {
		unsigned first = im->lines[other - im->res->first_id];
		if (im->src->sheet)
			io_report_problem(im, at, IO_GID_COLUMN, _("global id %s "
			    "appears twice in the file: also at %s"), im->r->gid,
			    io_where(im, first, ci, at2, sizeof at2));
		else
			io_report_problem(im, at, IO_GID_COLUMN, _("global id %s "
			    "appears twice in the file: also on line %u"),
			    im->r->gid, first);
		return -1;
	}
	store_label(im->s, im->ent, other, &label, NULL);
	io_report_problem(im, at, IO_GID_COLUMN, _("global id %s is already "
	    "that of %s #%lld (%s): this row is that record, not a new one "
	    "(import with --update to change it)"), im->r->gid, im->ent->name,
	    other, label ? label : "?");
	free(label);
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

	if ((fi = gid_clash(im, line)) != 0)
		return fi;
	if (store_unique_clash(im->s, ent, im->r, &fi, &other, im->e) != ST_OK)
		return -2;
	if (fi < 0) {
		io_where(im, line, -1, at, sizeof at);
		io_report_problem(im, at, "row", "%s", le->msg);
		return -1;
	}
	ci = column_of(im, fi);
	col = ci >= 0 ? im->cols[ci].name : ent->fields[fi].name;
	io_where(im, line, ci, at, sizeof at);
	if (im->nlines > 0 && other >= im->res->first_id &&
	    other - im->res->first_id < (long long)im->nlines) {
		unsigned first = im->lines[other - im->res->first_id];
		if (im->src->sheet)
			io_report_problem(im, at, col, _("%s %s appears twice in the file: also "
			    "at %s"), field_label(&ent->fields[fi]), im->r->v[fi],
			    io_where(im, first, ci, at2, sizeof at2));
		else
			io_report_problem(im, at, col, _("%s %s appears twice in the file: also "
			    "on line %u"), field_label(&ent->fields[fi]),
			    im->r->v[fi], first);
		return -1;
	}
	store_label(im->s, ent, other, &label, NULL);
	io_report_problem(im, at, col, im->o->update ? _("%s %s is already "
	    "used by %s #%lld (%s)") : _("%s %s is already used by %s #%lld "
	    "(%s): to change that record from this file, import it with "
	    "--update"), field_label(&ent->fields[fi]), im->r->v[fi], ent->name,
	    other, label ? label : "?");
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
		io_report_problem(im, at, col, "%s", msg);
	}
	if (pr->ambiguous > 0 && im->res->ambiguous == 0)
		snprintf(im->res->ambiguous_example,
		    sizeof im->res->ambiguous_example, "%s",
		    pr->ambiguous_example);
	im->res->ambiguous += pr->ambiguous;
	im->res->phones_fixed += pr->phones_fixed;
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
	free(im->r->gid);               /* a new record keeps the gid given */
	im->r->gid = pr->gid;
	pr->gid = NULL;
	if (pr->nprobs > 0)
		return -1;
	if (im->o->update) {
		long long id;
		if ((rc = io_find_keyed(im, pr, &id)) != 0)
			return rc;
		if (id != 0)
			return io_update_row(im, pr, id);
		if (io_new_row_complete(im, pr) != 0)
			return -1;
	} else if ((rc = io_existing_id(im, pr)) != 0)
		return rc;
	if ((rc = io_resolve_links(im, pr, NULL)) == -2)
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
			io_report_problem(im, "", "file", "%s", b->fail.msg);
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

	if (rc == ST_OK && im->o->sheet != NULL && !im->src->sheet) {
		io_report_problem(im, "", "file", _("--sheet %s names a sheet of a "
		    "workbook, but this is a CSV file"), im->o->sheet);
		rc = ST_INVALID;
	} else if (rc == ST_INVALID) {
		io_report_problem(im, "", "file", "%s", im->e->msg);
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
	    (im.o->update && (rc = io_choose_key(&im)) != ST_OK))
		goto out;
	if (im.src->name != NULL)
		snprintf(res->sheet, sizeof res->sheet, "%s", im.src->name);
	if ((rc = store_bulk_begin(s, ent, &im.bulk, e)) != ST_OK ||
	    (rc = store_max_id(s, ent, &im.max_id, e)) != ST_OK)
		goto out;
	rc = read_rows(&im);
	res->changed_fields = io_changed_summary(&im);
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
