/* io_import.c - CSV import: header row to fields, every value through the
 * form's own filter and model_check, lookups resolved by the store, all
 * rows in one bulk transaction that is committed only when no row had a
 * problem (a dry run always rolls back, so it checks exactly what a real
 * import would, unique and table constraints included).
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
#include <sys/stat.h>
#include <unistr.h>

#include "daftar/csv.h"
#include "daftar/io.h"
#include "daftar/text.h"

#define LOOKUP_SLOTS 4096       /* lookup texts remembered per column */
#define PROGRESS_ROWS 4096      /* rows between progress calls */

/* A lookup text and the id it resolved to. */
struct lk_entry {
	char *text;             /* filtered text, NULL = free slot */
	long long id;           /* record id */
};

/* One column of the file. */
struct column {
	char *name;             /* header text as the file has it */
	int fi;                 /* field index, -1 = column without a name */
	struct lk_entry *cache; /* FT_LOOKUP: LOOKUP_SLOTS slots, or NULL */
	int ncached;            /* slots used */
};

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

/* model_check's message without its leading "Label: " (the report
 * already names the column). */
static const char *unlabel(const field *f, const char *msg)
{
	const char *l = field_label(f);
	size_t n = strlen(l);

	return strncmp(msg, l, n) == 0 && strncmp(msg + n, ": ", 2) == 0 ?
	    msg + n + 2 : msg;
}

static void progress(struct import *im)
{
	if (im->rep != NULL && im->rep->progress != NULL)
		im->rep->progress(im->rep->ctx, im->res->rows,
		    csv_reader_bytes(im->csv), im->total);
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
		if (c->name[0] && c->fi < 0) {
			names = field_names(ent);
			report(im, row.line, c->name, _("no such field in %s; the "
			    "fields are: %s"), ent->name, names);
			free(names);
			continue;
		}
		for (j = 0; j < i && c->fi >= 0; j++)
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

/* Check one value of column c and put its storage form into im->r.
 * 0 ok, -1 refused (reported), -2 database failure. */
static int take_value(struct import *im, struct column *c, long long line,
    const char *v, size_t len)
{
	const field *f = &im->ent->fields[c->fi];
	static const char *const hidden_msg[] = {
		[TEXT_HIDDEN_ESCAPE] = N_("contains a terminal escape sequence "
		    "(U+%04X at character %zu): remove it"),
		[TEXT_HIDDEN_CONTROL] = N_("contains the control character "
		    "U+%04X at character %zu: remove it"),
		[TEXT_HIDDEN_BIDI] = N_("contains a bidi control (U+%04X at "
		    "character %zu) that would show the text in a misleading "
		    "order: remove it"),
	};
	char msg[512], idbuf[24], *out = NULL, *txt = NULL;
	enum text_hidden_kind k;
	long long id;
	uint32_t cp;
	size_t at;
	int rc;

	if ((k = text_hidden(v, len, &cp, &at)) != TEXT_HIDDEN_NONE) {
		report(im, line, c->name, _(hidden_msg[k]), (unsigned)cp, at + 1);
		return -1;
	}
	if (f->type == FT_LOOKUP && len > 0) {
		if (text_filter(v, len, 0, &txt, NULL) != 0)
			txt = xstrdup("");
		if (txt[0] != '\0') {
			rc = resolve(im, c, txt, &id, msg, sizeof msg);
			if (rc < 0) {
				if (rc == -1)
					report(im, line, c->name, "%s", msg);
				free(txt);
				return rc;
			}
			snprintf(idbuf, sizeof idbuf, "%lld", id);
			v = idbuf;
		}
	}
	rc = model_check(f, v, &out, msg, sizeof msg);
	free(txt);
	if (rc != 0) {
		report(im, line, c->name, "%s", unlabel(f, msg));
		return -1;
	}
	free(im->r->v[c->fi]);
	im->r->v[c->fi] = out;
	return 0;
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

/* A refused insert: name the duplicate (in the file or the database) or
 * pass the store's sentence on.  -2 when the database failed. */
static int refused(struct import *im, long long line, const dferr *le)
{
	const entity *ent = im->ent;
	long long other;
	char *label = NULL;
	int fi;

	if (store_unique_clash(im->s, ent, im->r, &fi, &other, im->e) != ST_OK)
		return -2;
	if (fi < 0) {
		report(im, line, "row", "%s", le->msg);
		return -1;
	}
	if (im->nlines > 0 && other >= im->res->first_id &&
	    other - im->res->first_id < (long long)im->nlines) {
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

/* Check and write one data row.  -2 when the import must stop. */
static int take_row(struct import *im, const csv_row *row)
{
	dferr le = {0};
	size_t i;
	int ok = 1, rc;

	if (row->err != CSV_OK) {
		for (i = 0; i < row->n && row->err == CSV_EUTF8; i++)
			if (u8_check((const uint8_t *)row->f[i], row->len[i]))
				break;  /* name the column holding the bad bytes */
		report(im, row->err_line, i < im->ncols && row->err == CSV_EUTF8 ?
		    im->cols[i].name : "row", "%s (byte %lld of the file)",
		    csv_strerror(row->err), row->err_offset);
		return -1;
	}
	if (row->n != im->ncols) {
		report(im, row->line, "row", _("%zu fields, but the header has "
		    "%zu"), row->n, im->ncols);
		return -1;
	}
	for (i = 0; i < (size_t)im->r->n; i++) {
		free(im->r->v[i]);
		im->r->v[i] = NULL;
	}
	for (i = 0; i < im->ncols; i++) {
		struct column *c = &im->cols[i];
		if (c->fi < 0) {
			if (row->len[i] > 0) {
				report(im, row->line, "row", _("a value in column %zu, "
				    "which has no name in the header"), i + 1);
				ok = 0;
			}
			continue;
		}
		rc = take_value(im, c, row->line, row->f[i], row->len[i]);
		if (rc == -2)
			return -2;
		ok &= rc == 0;
	}
	if (!ok)
		return -1;
	im->r->id = 0;
	rc = store_bulk_add(im->bulk, im->r, &le);
	if (rc == ST_INVALID)
		return refused(im, row->line, &le);
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
		im->lines[im->nlines++] = (unsigned)row->line;
	}
	return 0;
}

/* Read every data row; ST_OK, or the code that stopped the import. */
static int read_rows(struct import *im)
{
	csv_row row;
	int rc;

	while ((rc = csv_read(im->csv, &row)) == 1) {
		if (row.n == 0)
			continue;       /* a blank line */
		im->res->rows++;
		if (take_row(im, &row) == -2)
			return im->e->code ? im->e->code : ST_ERROR;
		if (im->res->rows % PROGRESS_ROWS == 0)
			progress(im);
	}
	if (rc < 0)
		return dferr_set(im->e, ST_ERROR, _("%s: cannot read: %s"),
		    im->file, strerror(errno));
	progress(im);
	return ST_OK;
}

/* Open the file (or standard input) and its reader. */
static int open_file(struct import *im, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		im->fp = stdin;
	else if ((im->fp = fopen(path, "rb")) == NULL)
		return dferr_set(im->e, ST_ERROR, _("%s: cannot open: %s"), path,
		    strerror(errno));
	if (fstat(fileno(im->fp), &st) == 0 && S_ISREG(st.st_mode))
		im->total = st.st_size;
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
	rc = store_bulk_commit(im.bulk, note, e);
out:
	free(note);
	import_free(&im);
	return rc;
}
