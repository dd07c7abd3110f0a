/* io_import.c - CSV import: header row to fields, every value through the
 * form's own filter and model_check (in a reading thread, io_check.c),
 * lookups resolved by the store, all rows in one bulk transaction that is
 * committed only when no row had a problem (a dry run always rolls back,
 * so it checks exactly what a real import would, unique and table
 * constraints included).
 *
 * Audit: each record's own row (its values, so its history starts with
 * the import) and one row naming the file, the row count and the ids
 * given, written by the store at commit.
 *
 * A "gid" column (IO_GID_COLUMN) gives records their global ids, as
 * exports write them: a row whose global id a record already has is
 * refused (it is that record, not a new one).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "daftar/text.h"
#include "io_import.h"

#define LOOKUP_SLOTS 4096       /* lookup texts remembered per column */
#define ENC_SAMPLE 65536        /* bytes read to tell the file's encoding */

/* An import in progress. */
struct import {
	store *s;               /* the database */
	const entity *ent;      /* what is imported */
	const char *file;       /* file name for messages */
	const io_report *rep;   /* where problems and progress go */
	io_result *res;         /* counts */
	dferr *e;               /* the failure that stops the import */
	FILE *fp;               /* the file */
	csv_reader *csv;        /* its reader */
	long long total;        /* file size, 0 when unknown */
	struct column *cols;    /* header columns */
	size_t ncols;           /* how many */
	store_bulk *bulk;       /* the transaction */
	record *r;              /* the row being built, reused */
	unsigned *lines;        /* line of each record written, by id - first */
	size_t nlines, caplines; /* used, allocated */
	int has_unique;         /* ent has unique fields: keep lines[] */
	struct pipe pipe;       /* the reading thread */
	long long bytes;        /* input read so far */
};

/* Report one problem. */
static void report(struct import *im, long long line, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(struct import *im, long long line, const char *col,
    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	im->res->errors++;
	if (im->rep != NULL && im->rep->error != NULL)
		im->rep->error(im->rep->ctx, im->file, line, col, msg);
}

/* Report progress; nonzero when the caller asks to stop. */
static int progress(struct import *im)
{
	return im->rep != NULL && im->rep->progress != NULL &&
	    im->rep->progress(im->rep->ctx, im->res->rows, im->bytes,
	    im->total);
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

/* Map the header row to fields; every problem reported. */
static int read_header(struct import *im)
{
	const entity *ent = im->ent;
	long long before = im->res->errors;
	csv_row row;
	size_t i, j;
	int rc, k;
	char *names;

	while ((rc = csv_read(im->csv, &row)) == 1 && row.n == 0)
		;
	if (rc < 0)
		return dferr_set(im->e, ST_ERROR, _("%s: cannot read: %s"),
		    im->file, strerror(errno));
	if (rc == 0) {
		report(im, 0, "file", _("the file is empty: it needs a header "
		    "row naming the fields"));
		return ST_INVALID;
	}
	if (row.err != CSV_OK) {
		report(im, row.err_line, "header", "%s (byte %lld)",
		    csv_strerror(row.err), row.err_offset);
		return ST_INVALID;
	}
	im->ncols = row.n;
	im->cols = xcalloc(row.n, sizeof *im->cols);
	for (i = 0; i < row.n; i++) {
		struct column *c = &im->cols[i];
		if (text_filter(row.f[i], row.len[i], 0, &c->name, NULL) != 0)
			c->name = xstrdup("?");
		c->fi = c->name[0] ? model_field_by_label(ent, c->name) : -1;
		if (c->fi < 0 && c->name[0] && io_is_gid_header(c->name)) {
			c->fi = COL_GID;
			im->has_unique = 1;     /* keep lines[] for clashes */
		}
		if (c->name[0] && c->fi == -1) {
			names = field_names(ent);
			report(im, row.line, c->name, _("no such field in %s; the "
			    "fields are: %s"), ent->name, names);
			free(names);
			continue;
		}
		for (j = 0; j < i && c->fi != -1; j++)
			if (im->cols[j].fi == c->fi)
				report(im, row.line, c->name, _("names the same field "
				    "as column %zu (%s)"), j + 1, im->cols[j].name);
		if (c->fi >= 0 && ent->fields[c->fi].type == FT_LOOKUP)
			c->cache = xcalloc(LOOKUP_SLOTS, sizeof *c->cache);
	}
	for (k = 0; k < ent->nfields; k++) {
		if (!ent->fields[k].required)
			continue;
		for (i = 0; i < im->ncols && im->cols[i].fi != k; i++)
			;
		if (i == im->ncols)
			report(im, row.line, ent->fields[k].name, _("%s is required "
			    "but the file has no column for it"),
			    field_label(&ent->fields[k]));
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

/* Resolve lookup text of column c to a record id: 0 and *id, -1 with
 * msg for a text naming no single record, -2 when the database failed. */
static int resolve(struct import *im, struct column *c, const char *text,
    long long *id, char *msg, size_t msgsz)
{
	const field *f = &im->ent->fields[c->fi];
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
	rc = store_resolve(im->s, f->target_ent, text, id, &le);
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

/* Resolve the lookup texts the reader left in im->r; each failure
 * reported.  0 ok, -1 refused, -2 database failure. */
static int resolve_lookups(struct import *im, long long line)
{
	const entity *ent = im->ent;
	char msg[512], idbuf[24], *out;
	long long id;
	size_t i;
	int ok = 0, rc;

	for (i = 0; i < im->ncols; i++) {
		struct column *c = &im->cols[i];
		char **v;
		if (c->cache == NULL || *(v = &im->r->v[c->fi]) == NULL)
			continue;
		rc = resolve(im, c, *v, &id, msg, sizeof msg);
		if (rc == -2)
			return -2;
		if (rc == -1) {
			report(im, line, c->name, "%s", msg);
			ok = -1;
			continue;
		}
		snprintf(idbuf, sizeof idbuf, "%lld", id);
		/* the form's check, on the record number found */
		if (model_check(&ent->fields[c->fi], idbuf, &out, msg,
		    sizeof msg) != 0) {
			report(im, line, c->name, "%s",
			    io_unlabel(&ent->fields[c->fi], msg));
			ok = -1;
			continue;
		}
		free(*v);
		*v = out;
	}
	return ok;
}

/* The column holding field fi. */
static const char *column_of(const struct import *im, int fi)
{
	size_t i;

	for (i = 0; i < im->ncols; i++)
		if (im->cols[i].fi == fi)
			return im->cols[i].name;
	return im->ent->fields[fi].name;
}

/* Whether record id came from an earlier row of this file. */
static int in_file(const struct import *im, long long id)
{
	return im->nlines > 0 && id >= im->res->first_id &&
	    id - im->res->first_id < (long long)im->nlines;
}

/* A refused insert: name the duplicate (in the file or the database) or
 * pass the store's sentence on.  -2 when the database failed. */
static int refused(struct import *im, long long line, const dferr *le)
{
	const entity *ent = im->ent;
	long long other;
	char *label = NULL;
	int fi;

	/* a global id held already: this row is that record */
	if (im->r->gid != NULL && store_bulk_gid_holder(im->bulk, im->r->gid,
	    &other, NULL) == ST_OK && other > 0) {
		if (in_file(im, other)) {
			report(im, line, IO_GID_COLUMN, _("global id %s appears twice "
			    "in the file: also on line %u"), im->r->gid,
			    im->lines[other - im->res->first_id]);
			return -1;
		}
		if (store_label(im->s, ent, other, &label, NULL) == ST_OK) {
			report(im, line, IO_GID_COLUMN, _("global id %s is already "
			    "that of %s #%lld (%s): this row is that record, not a "
			    "new one"), im->r->gid, ent->name, other, label);
			free(label);
			return -1;
		}
	}
	if (store_unique_clash(im->s, ent, im->r, &fi, &other, im->e) != ST_OK)
		return -2;
	if (fi < 0) {
		report(im, line, "row", "%s", le->msg);
		return -1;
	}
	if (in_file(im, other)) {
		report(im, line, column_of(im, fi), _("%s %s appears twice in the "
		    "file: also on line %u"), field_label(&ent->fields[fi]),
		    im->r->v[fi], im->lines[other - im->res->first_id]);
		return -1;
	}
	store_label(im->s, ent, other, &label, NULL);
	report(im, line, column_of(im, fi), _("%s %s is already used by %s "
	    "#%lld (%s)"), field_label(&ent->fields[fi]), im->r->v[fi],
	    ent->name, other, label ? label : "?");
	free(label);
	return -1;
}

/* Report the problems the reader found in pr. */
static void report_probs(struct import *im, const struct prow *pr)
{
	const char *p = pr->probs.s, *col, *msg;
	long long line;
	int k;

	for (k = 0; k < pr->nprobs; k++) {
		line = strtoll(p, NULL, 10);
		col = p + strlen(p) + 1;
		msg = col + strlen(col) + 1;
		p = msg + strlen(msg) + 1;
		report(im, line, col, "%s", msg);
	}
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
	free(im->r->gid);
	im->r->gid = pr->gid[0] != '\0' ? xstrdup(pr->gid) : NULL;
	if ((rc = resolve_lookups(im, pr->line)) == -2)
		return -2;
	if (rc < 0 || pr->nprobs > 0)
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

	if (pipe_start(&im->pipe, im->csv, im->ent, im->cols, im->ncols) != 0)
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
		if (rc == ST_OK && b->ioerr != 0)
			rc = dferr_set(im->e, ST_ERROR, _("%s: cannot read: %s"),
			    im->file, strerror(b->ioerr));
		pipe_done(&im->pipe);
		if (progress(im) && rc == ST_OK)
			rc = dferr_set(im->e, ST_STOPPED, _("stopped at row %lld: "
			    "nothing was imported"), im->res->rows);
	}
	pipe_stop(&im->pipe);
	return rc;
}

/* Refuse, with one message saying how to fix it, a file that is not
 * UTF-8 at all (rather than one message per field).  Reads the start of
 * a regular file and goes back. */
static int check_encoding(struct import *im)
{
	char buf[ENC_SAMPLE];
	size_t n, bad = 0;

	n = fread(buf, 1, sizeof buf, im->fp);
	if (fseek(im->fp, 0, SEEK_SET) != 0)
		return dferr_set(im->e, ST_ERROR, _("%s: cannot read: %s"),
		    im->file, strerror(errno));
	switch (text_encoding(buf, n, &bad)) {
	case TEXT_ENC_UTF16:
		report(im, 0, "file", _("the file is UTF-16 text (Excel's \"Unicode "
		    "text\"), not UTF-8: save it from Excel as \"CSV UTF-8 (comma "
		    "delimited)\", or convert it with: iconv -f UTF-16 -t UTF-8 "
		    "'%s' > converted.csv"), im->file);
		return ST_INVALID;
	case TEXT_ENC_LEGACY:
		report(im, 0, "file", _("the file is not UTF-8 text (from byte "
		    "%zu): it was probably saved in an 8-bit code page, "
		    "Windows-1256 for Arabic or Windows-1252 for French (Excel's "
		    "plain \"CSV\"); save it from Excel as \"CSV UTF-8 (comma "
		    "delimited)\", or convert it with: iconv -f WINDOWS-1256 -t "
		    "UTF-8 '%s' > converted.csv"), bad + 1, im->file);
		return ST_INVALID;
	default:
		return ST_OK;
	}
}

/* Open the file (or standard input) and its reader. */
static int open_file(struct import *im, const char *path)
{
	struct stat st;
	int rc;

	if (strcmp(path, "-") == 0)
		im->fp = stdin;
	else if ((im->fp = fopen(path, "rb")) == NULL)
		return dferr_set(im->e, ST_ERROR, _("%s: cannot open: %s"), path,
		    strerror(errno));
	if (fstat(fileno(im->fp), &st) == 0 && S_ISREG(st.st_mode)) {
		im->total = st.st_size;
		if ((rc = check_encoding(im)) != ST_OK)
			return rc;
	}
	im->csv = csv_reader_file(im->fp, 0);
	return ST_OK;
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
	csv_reader_free(im->csv);
	if (im->fp != NULL && im->fp != stdin)
		fclose(im->fp);
	record_free(im->r);
	free(im->lines);
}

int io_import(store *s, const entity *ent, const char *path, int dry_run,
    const io_report *rep, io_result *res, dferr *e)
{
	struct import im = {0};
	char *note = NULL;
	int i, rc;

	memset(res, 0, sizeof *res);
	im.s = s;
	im.ent = ent;
	im.file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	im.rep = rep;
	im.res = res;
	im.e = e;
	im.r = record_new(ent);
	for (i = 0; i < ent->nfields; i++)
		im.has_unique |= ent->fields[i].unique;
	if ((rc = open_file(&im, path)) != ST_OK ||
	    (rc = read_header(&im)) != ST_OK)
		goto out;
	if ((rc = store_bulk_begin(s, ent, &im.bulk, e)) != ST_OK)
		goto out;
	rc = read_rows(&im);
	if (rc != ST_OK || res->errors > 0 || dry_run || res->rows == 0) {
		store_bulk_abort(im.bulk);
		if (rc == ST_OK && res->errors > 0)
			rc = ST_INVALID;
		goto out;
	}
	note = xasprintf("import %s: %lld rows, ids %lld-%lld", im.file,
	    res->rows, res->first_id, res->last_id);
	store_bulk_on_step(im.bulk, saving_step, &im);
	rc = store_bulk_commit(im.bulk, note, e);
out:
	free(note);
	import_free(&im);
	return rc;
}
