/* io_export.c - export: the list's own keyset pages (store_list_page, so
 * a search or filter means what it means on screen), each record fetched
 * whole from one read snapshot, written as CSV, JSON lines or XLSX
 * (io_xlsx.c).  One page in memory at a time.
 *
 * CSV and JSON hold the stored values (ISO dates, choice codes), so an
 * export imports back unchanged.  A lookup is written as the display text
 * of its target when that text is unique (a cohort's code, an agreement's
 * reference: stable across databases), else as the record number.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io_int.h"

#define EXPORT_PAGE 1000        /* rows fetched per list page */

/* Whether field i of r is written as its target's display text. */
static int use_ref(const struct exporter *x, char *const *refs, int i)
{
	long long n;

	/* a text that reads as a number would import as a record number */
	return x->as_ref[i] && refs[i] != NULL && text_parse_int(refs[i], &n) != 0;
}

const char *io_value(const struct exporter *x, const record *r,
    char *const *refs, int i)
{
	return use_ref(x, refs, i) ? refs[i] : r->v[i];
}

/* ---- CSV ---------------------------------------------------------------- */

static int csv_put_begin(struct exporter *x, dferr *e)
{
	int i;

	(void)e;
	x->csv = csv_writer_file(x->fp, x->o->excel ? CSV_BOM | CSV_CRLF : 0);
	for (i = 0; i < x->ent->nfields; i++)
		csv_write_str(x->csv, x->o->excel ? field_label(&x->ent->fields[i]) :
		    x->ent->fields[i].name);
	csv_write_str(x->csv, x->o->excel ? io_gid_label() : IO_GID_COLUMN);
	csv_end_row(x->csv);
	return ST_OK;
}

static int csv_put_row(struct exporter *x, const record *r, char *const *refs,
    dferr *e)
{
	int i;

	(void)e;
	for (i = 0; i < x->ent->nfields; i++)
		csv_write_str(x->csv, io_value(x, r, refs, i));
	csv_write_str(x->csv, r->gid);
	csv_end_row(x->csv);
	return ST_OK;
}

static int csv_put_end(struct exporter *x, dferr *e)
{
	int rc = csv_writer_free(x->csv);

	x->csv = NULL;
	return rc == 0 ? ST_OK : dferr_set(e, ST_ERROR, _("cannot write the "
	    "export: %s"), strerror(errno));
}

/* ---- JSON lines ------------------------------------------------------- */

/* Append s as a JSON string. */
static void json_str(strbuf *b, const char *s)
{
	const unsigned char *p;

	sb_addc(b, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			sb_addc(b, '\\');
			sb_addc(b, (char)*p);
		} else if (*p == '\n')
			sb_adds(b, "\\n");
		else if (*p < 0x20 || *p == 0x7f)
			sb_addf(b, "\\u%04x", *p);
		else
			sb_addc(b, (char)*p);
	}
	sb_addc(b, '"');
}

static int json_begin(struct exporter *x, dferr *e)
{
	(void)x;
	(void)e;
	return ST_OK;
}

static int json_row(struct exporter *x, const record *r, char *const *refs,
    dferr *e)
{
	strbuf *b = &x->line;
	int i;

	(void)e;
	sb_clear(b);
	sb_addf(b, "{\"id\":%lld", r->id);
	if (r->gid != NULL)
		sb_addf(b, ",\"%s\":\"%s\"", IO_GID_COLUMN, r->gid);
	for (i = 0; i < x->ent->nfields; i++) {
		const field *f = &x->ent->fields[i];
		const char *v = io_value(x, r, refs, i);
		sb_addf(b, ",\"%s\":", f->name);
		if (v == NULL)
			sb_adds(b, "null");
		else if ((f->type == FT_INT || f->type == FT_BOOL ||
		    f->type == FT_LOOKUP) && !use_ref(x, refs, i))
			sb_adds(b, v);
		else
			json_str(b, v);
	}
	sb_adds(b, "}\n");
	fwrite(b->s, 1, b->len, x->fp);
	return ST_OK;
}

static int json_end(struct exporter *x, dferr *e)
{
	return fflush(x->fp) == 0 && !ferror(x->fp) ? ST_OK : dferr_set(e,
	    ST_ERROR, _("cannot write the export: %s"), strerror(errno));
}

/* The formats, in enum io_format order. */
static const struct io_format_ops csv_ops = {csv_put_begin, csv_put_row, csv_put_end};
static const struct io_format_ops json_ops = {json_begin, json_row, json_end};
static const struct io_format_ops *const formats[] = {
	[IO_CSV] = &csv_ops, [IO_XLSX] = &io_xlsx_ops, [IO_JSON] = &json_ops,
};

/* ---- the export --------------------------------------------------------- */

/* Open the output.  A file is written under a temporary name beside it
 * and renamed over it only when complete, so a failed or stopped export
 * leaves an existing file of that name as it was.  XLSX to standard
 * output goes through a temporary file copied out at the end. */
static int open_output(struct exporter *x, const char *path, int *to_stdout,
    dferr *e)
{
	char tmpl[] = "/tmp/daftar-export-XXXXXX";
	mode_t mask;
	int fd, err;

	*to_stdout = path == NULL || strcmp(path, "-") == 0;
	x->name = *to_stdout ? _("standard output") : path;
	if (!*to_stdout) {
		x->tmp_path = xasprintf("%s.XXXXXX", path);
		if ((fd = mkstemp(x->tmp_path)) < 0) {
			err = errno;
			free(x->tmp_path);
			x->tmp_path = NULL;
			return dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
			    strerror(err));
		}
		mask = umask(0);        /* the mode a plain fopen would give */
		umask(mask);
		fchmod(fd, 0666 & ~mask);
		if (x->o->format == IO_XLSX) {  /* the library writes it */
			close(fd);
			x->xlsx_path = xstrdup(x->tmp_path);
			return ST_OK;
		}
		if ((x->fp = fdopen(fd, "wb")) == NULL) {
			close(fd);
			return dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
			    strerror(errno));
		}
		return ST_OK;
	}
	if (x->o->format == IO_XLSX) {
		if ((fd = mkstemp(tmpl)) < 0)
			return dferr_set(e, ST_ERROR, _("cannot make a temporary "
			    "file: %s"), strerror(errno));
		close(fd);
		x->xlsx_path = xstrdup(tmpl);
		return ST_OK;
	}
	x->fp = stdout;
	return ST_OK;
}

/* Copy the temporary XLSX to standard output. */
static int copy_out(const char *tmp, dferr *e)
{
	FILE *in = fopen(tmp, "rb");
	char buf[65536];
	size_t n;
	int rc = ST_OK;

	if (in == NULL)
		return dferr_set(e, ST_ERROR, "%s: %s", tmp, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			rc = dferr_set(e, ST_ERROR, _("cannot write the export: %s"),
			    strerror(errno));
	fclose(in);
	if (rc == ST_OK && fflush(stdout) != 0)
		rc = dferr_set(e, ST_ERROR, _("cannot write the export: %s"),
		    strerror(errno));
	return rc;
}

/* Which lookups go out as their target's display text. */
static int *ref_fields(const entity *ent)
{
	int *as_ref = xcalloc((size_t)ent->nfields + 1, sizeof *as_ref), i;

	for (i = 0; i < ent->nfields; i++) {
		const entity *te = ent->fields[i].target_ent;
		const field *df = te ? &te->fields[te->display] : NULL;
		as_ref[i] = ent->fields[i].type == FT_LOOKUP && df != NULL &&
		    df->unique && df->type != FT_LOOKUP;
	}
	return as_ref;
}

/* Every page of the list, every record of each page, through ops. */
static int export_rows(store *s, struct exporter *x, const io_report *rep,
    long long *rows, dferr *e)
{
	const io_export_opts *o = x->o;
	const struct io_format_ops *ops = formats[o->format];
	list_query q = {.ent = x->ent, .search = o->search, .sort = -1,
	    .filter_field = o->filter_field, .filter_value = o->filter_value};
	list_row anchor = {0}, *page = NULL;
	record *r = record_new(x->ent);
	char **refs = xcalloc((size_t)x->ent->nfields + 1, sizeof *refs);
	store_export *sx = NULL;
	long long total = 0;
	int i, n = EXPORT_PAGE, rc;

	if ((rc = store_export_open(s, x->ent, &sx, e)) != ST_OK ||
	    (rc = store_list_count(s, &q, LLONG_MAX - 1, &total, e)) != ST_OK)
		goto out;
	if ((rc = ops->begin(x, e)) != ST_OK) {
		ops->end(x, NULL);      /* free what begin made */
		goto out;
	}
	while (rc == ST_OK && n == EXPORT_PAGE) {
		rc = store_list_page(s, &q, anchor.id ? &anchor : NULL, 1,
		    EXPORT_PAGE, &page, &n, e);
		for (i = 0; rc == ST_OK && i < n; i++) {
			rc = store_export_get(sx, page[i].id, r, refs, e);
			if (rc == ST_OK)
				rc = ops->row(x, r, refs, e);
			(*rows)++;
		}
		if (n > 0) {
			anchor.id = page[n - 1].id;
			free(anchor.sortval);
			anchor.sortval = xstrdup(page[n - 1].sortval);
		}
		store_rows_free(&q, page, n);
		if (x->csv != NULL && csv_writer_flush(x->csv) != 0)
			rc = dferr_set(e, ST_ERROR, _("cannot write the export: %s"),
			    strerror(errno));
		if (rc == ST_OK && rep != NULL && rep->progress != NULL &&
		    rep->progress(rep->ctx, *rows, *rows, total))
			rc = dferr_set(e, ST_STOPPED, _("stopped at row %lld: no "
			    "file written"), *rows);
	}
	if (rc == ST_OK)
		rc = ops->end(x, e);
	else
		ops->end(x, NULL);      /* free; the file is removed */
out:
	store_export_close(sx);
	free(anchor.sortval);
	for (i = 0; i < x->ent->nfields; i++)
		free(refs[i]);
	free(refs);
	record_free(r);
	return rc;
}

int io_export(store *s, const entity *ent, const char *path,
    const io_export_opts *o, const io_report *rep, long long *rows,
    dferr *e)
{
	struct exporter x = {0};
	int to_stdout, rc;

	*rows = 0;
	x.ent = ent;
	x.o = o;
	x.as_ref = ref_fields(ent);
	if ((rc = open_output(&x, path, &to_stdout, e)) == ST_OK)
		rc = export_rows(s, &x, rep, rows, e);
	if (x.csv != NULL)
		csv_writer_free(x.csv);
	if (x.fp != NULL && x.fp != stdout && fclose(x.fp) != 0 && rc == ST_OK)
		rc = dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
		    strerror(errno));
	if (rc == ST_OK && o->format == IO_XLSX && to_stdout)
		rc = copy_out(x.xlsx_path, e);
	if (x.tmp_path != NULL) {       /* complete: it takes the name */
		if (rc == ST_OK && rename(x.tmp_path, path) != 0)
			rc = dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
			    strerror(errno));
		if (rc != ST_OK)
			unlink(x.tmp_path);
	} else if (x.xlsx_path != NULL)
		unlink(x.xlsx_path);    /* copied to standard output */
	free(x.tmp_path);
	free(x.xlsx_path);
	free(x.as_ref);
	sb_free(&x.line);
	return rc;
}
