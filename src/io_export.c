/* io_export.c - export: the list's own keyset pages (store_list_page, so
 * a search or filter means what it means on screen), each record fetched
 * whole from one read snapshot, written as CSV or TSV, JSON or JSON
 * lines, XLSX (io_xlsx.c) or ODS (io_ods.c).  One page in memory at a
 * time.  The columns (io_columns.c): the record's id, its fields, and
 * each link as the id, the name and the key of the record it points to.
 *
 * For programs (CSV, TSV, JSON) the stored values: ISO dates, choice
 * codes, 0/1, so an export imports back unchanged; this CSV does not
 * defuse formulas (a value may start with '=': it is data).  For people
 * (XLSX, ODS, and CSV --excel): labels as headers, choices by label,
 * real dates, and what a spreadsheet would mangle kept as text.  CSV
 * --excel is UTF-16 with a byte-order mark, tab-separated (Excel's
 * "Unicode text", which Excel and LibreOffice open with Arabic intact);
 * a text starting with = + - @ TAB or CR gets an apostrophe before it
 * (OWASP's advice against formula injection) and a phone number or other
 * digits that must stay text are written ="0612345678".  Written to a
 * terminal, every value goes through the display sanitiser. */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistr.h>

#include "io_int.h"

#define EXPORT_PAGE 1000        /* rows fetched per list page */

const char *io_cell(const struct exporter *x, const struct xcol *c,
    const record *r, char *const *refs, char *buf, size_t n)
{
	(void)x;
	switch (c->kind) {
	case XC_ID:
		snprintf(buf, n, "%lld", r->id);
		return buf;
	case XC_LINK_NAME:
		return refs[2 * c->fi];
	case XC_LINK_KEY:
		return refs[2 * c->fi + 1];
	case XC_GID:
		return r->gid;
	default:
		return r->v[c->fi];
	}
}

char *io_people_text(const struct xcol *c, const entity *ent, const char *v)
{
	if (v == NULL)
		return xstrdup("");
	if (c->kind == XC_FIELD)
		switch (ent->fields[c->fi].type) {
		case FT_CHOICE:
		case FT_BOOL:
			return model_display(&ent->fields[c->fi], v, DATE_ISO);
		default:
			break;
		}
	return xstrdup(v);
}

int io_keep_text(const struct xcol *c, const entity *ent, const char *v)
{
	const field *f = c->kind == XC_FIELD ? &ent->fields[c->fi] : c->tf;

	if (v == NULL || f == NULL || c->kind == XC_ID || c->kind == XC_LINK_ID)
		return 0;
	if (f->type == FT_PHONE || f->type == FT_CIN)
		return 1;
	return (f->type == FT_TEXT || f->type == FT_LONGTEXT) && v[0] != '\0' &&
	    strspn(v, "0123456789") == strlen(v);
}

/* ---- UTF-16 output (CSV for spreadsheets) ------------------------------ */

/* Converting the CSV writer's UTF-8 to UTF-16LE on its way out. */
struct utf16_out {
	FILE *fp;               /* the file */
	iconv_t cd;             /* UTF-8 -> UTF-16LE */
	char pend[8];           /* a sequence cut at the end of a chunk */
	size_t npend;           /* its bytes */
};

static int utf16_write(void *ctx, const char *buf, size_t n)
{
	struct utf16_out *u = ctx;
	char out[8192], *in, *o, tmp[8200];
	size_t inleft, oleft;

	while (n > 0) {
		size_t k = n > sizeof tmp - u->npend ? sizeof tmp - u->npend : n;
		memcpy(tmp, u->pend, u->npend);
		memcpy(tmp + u->npend, buf, k);
		in = tmp;
		inleft = u->npend + k;
		buf += k;
		n -= k;
		while (inleft > 0) {
			o = out;
			oleft = sizeof out;
			if (iconv(u->cd, &in, &inleft, &o, &oleft) == (size_t)-1 &&
			    errno != E2BIG) {
				if (errno != EINVAL)
					return -1;
				break;          /* cut: kept for the next chunk */
			}
			if (fwrite(out, 1, sizeof out - oleft, u->fp) !=
			    sizeof out - oleft)
				return -1;
		}
		memcpy(u->pend, in, inleft);
		u->npend = inleft;
	}
	return 0;
}

/* ---- CSV and TSV -------------------------------------------------------- */

static int csv_put_begin(struct exporter *x, dferr *e)
{
	struct utf16_out *u;
	int i, flags = x->o->format == IO_TSV ? CSV_TAB : 0;

	if (x->o->excel) {
		u = xcalloc(1, sizeof *u);
		u->fp = x->fp;
		if ((u->cd = iconv_open("UTF-16LE", "UTF-8")) == (iconv_t)-1) {
			free(u);
			return dferr_set(e, ST_ERROR, _("cannot convert to UTF-16: "
			    "%s"), strerror(errno));
		}
		x->utf16 = u;
		fwrite("\xff\xfe", 1, 2, x->fp);        /* the byte-order mark */
		x->csv = csv_writer_new(utf16_write, u, CSV_TAB | CSV_CRLF);
	} else
		x->csv = csv_writer_file(x->fp, flags);
	for (i = 0; i < x->ncols; i++)
		csv_write_str(x->csv, x->o->excel ? io_column_label(&x->cols[i]) :
		    x->cols[i].name);
	csv_end_row(x->csv);
	return ST_OK;
}

/* One cell of CSV for spreadsheets: labels, formulas defused, digits and
 * phones kept as text. */
static void csv_people_cell(struct exporter *x, const struct xcol *c,
    const char *v)
{
	char *t = io_people_text(c, x->ent, v), *q;

	if (io_keep_text(c, x->ent, v) && strpbrk(t, "\"\t\r\n") == NULL) {
		q = xasprintf("=\"%s\"", t);
		csv_write_raw(x->csv, q);
		free(q);
	} else if (t[0] != '\0' && strchr("=+-@\t\r", t[0]) &&
	    !(c->kind == XC_FIELD && x->ent->fields[c->fi].type == FT_INT)) {
		q = xasprintf("'%s", t);
		csv_write_str(x->csv, q);
		free(q);
	} else
		csv_write_str(x->csv, t);
	free(t);
}

static int csv_put_row(struct exporter *x, const record *r, char *const *refs,
    dferr *e)
{
	char buf[32], *safe;
	const char *v;
	int i;

	(void)e;
	for (i = 0; i < x->ncols; i++) {
		v = io_cell(x, &x->cols[i], r, refs, buf, sizeof buf);
		if (x->o->excel)
			csv_people_cell(x, &x->cols[i], v);
		else if (x->sanitize && v != NULL) {
			safe = text_sanitize(v, 0);
			csv_write_str(x->csv, safe);
			free(safe);
		} else
			csv_write_str(x->csv, v);
	}
	csv_end_row(x->csv);
	return ST_OK;
}

static int csv_put_end(struct exporter *x, dferr *e)
{
	struct utf16_out *u = x->utf16;
	int rc = csv_writer_free(x->csv);

	x->csv = NULL;
	if (u != NULL) {
		iconv_close(u->cd);
		free(u);
		x->utf16 = NULL;
	}
	return rc == 0 ? ST_OK : dferr_set(e, ST_ERROR, _("cannot write the "
	    "export: %s"), strerror(errno));
}

/* ---- JSON --------------------------------------------------------------- */

/* Whether a code point is escaped in JSON: controls (C0, DEL, C1), bidi
 * controls and the line separators, which would reorder or break the
 * text where it is shown. */
static int json_escaped(ucs4_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c ||
	    c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

/* Append s as a JSON string. */
static void json_str(strbuf *b, const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	ucs4_t c;
	int n;

	sb_addc(b, '"');
	while (p < end) {
		n = u8_mbtouc(&c, p, (size_t)(end - p));
		if (*p == '"' || *p == '\\') {
			sb_addc(b, '\\');
			sb_addc(b, (char)*p);
		} else if (*p == '\n')
			sb_adds(b, "\\n");
		else if (json_escaped(c))
			sb_addf(b, "\\u%04x", (unsigned)c);
		else
			sb_add(b, (const char *)p, (size_t)n);
		p += n;
	}
	sb_addc(b, '"');
}

static int json_begin(struct exporter *x, dferr *e)
{
	(void)e;
	if (x->o->format == IO_JSON)
		fputs("[", x->fp);
	return ST_OK;
}

static int json_row(struct exporter *x, const record *r, char *const *refs,
    dferr *e)
{
	strbuf *b = &x->line;
	char buf[32];
	const char *v;
	int i;

	(void)e;
	sb_clear(b);
	if (x->o->format == IO_JSON)
		sb_adds(b, x->nrows > 0 ? ",\n" : "\n");
	sb_adds(b, "{");
	for (i = 0; i < x->ncols; i++) {
		const struct xcol *c = &x->cols[i];
		const field *f = c->kind == XC_FIELD ? &x->ent->fields[c->fi] : NULL;
		v = io_cell(x, c, r, refs, buf, sizeof buf);
		sb_addf(b, "%s\"%s\":", i ? "," : "", c->name);
		if (v == NULL)
			sb_adds(b, "null");
		else if (c->kind == XC_ID || c->kind == XC_LINK_ID || (f != NULL &&
		    (f->type == FT_INT || f->type == FT_BOOL)))
			sb_adds(b, v);
		else
			json_str(b, v);
	}
	sb_adds(b, x->o->format == IO_JSON ? "}" : "}\n");
	fwrite(b->s, 1, b->len, x->fp);
	return ST_OK;
}

static int json_end(struct exporter *x, dferr *e)
{
	if (x->o->format == IO_JSON)
		fputs(x->nrows > 0 ? "\n]\n" : "]\n", x->fp);
	return fflush(x->fp) == 0 && !ferror(x->fp) ? ST_OK : dferr_set(e,
	    ST_ERROR, _("cannot write the export: %s"), strerror(errno));
}

/* The formats, in enum io_format order. */
static const struct io_format_ops csv_ops = {csv_put_begin, csv_put_row,
    csv_put_end};
static const struct io_format_ops json_ops = {json_begin, json_row, json_end};
static const struct io_format_ops *const formats[IO_NFORMATS] = {
	[IO_CSV] = &csv_ops, [IO_XLSX] = &io_xlsx_ops, [IO_JSON] = &json_ops,
	[IO_TSV] = &csv_ops, [IO_ODS] = &io_ods_ops, [IO_JSONL] = &json_ops,
};

/* ---- the export --------------------------------------------------------- */

/* Whether the format is written by a library into a file of its own. */
static int file_format(enum io_format f)
{
	return f == IO_XLSX || f == IO_ODS;
}

/* Open the output.  A file is written under a temporary name beside it
 * and renamed over it only when complete, so a failed or stopped export
 * leaves an existing file of that name as it was.  A workbook to
 * standard output goes through a temporary file copied out at the end. */
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
		if (file_format(x->o->format)) {        /* a library writes it */
			close(fd);
			x->file_path = xstrdup(x->tmp_path);
			return ST_OK;
		}
		if ((x->fp = fdopen(fd, "wb")) == NULL) {
			close(fd);
			return dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
			    strerror(errno));
		}
		return ST_OK;
	}
	if (file_format(x->o->format)) {
		if ((fd = mkstemp(tmpl)) < 0)
			return dferr_set(e, ST_ERROR, _("cannot make a temporary "
			    "file: %s"), strerror(errno));
		close(fd);
		x->file_path = xstrdup(tmpl);
		return ST_OK;
	}
	x->fp = stdout;
	x->sanitize = isatty(STDOUT_FILENO);
	return ST_OK;
}

/* Copy the temporary workbook to standard output. */
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
	char **refs = xcalloc(2 * (size_t)x->ent->nfields + 1, sizeof *refs);
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
			x->nrows++;
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
	for (i = 0; i < 2 * x->ent->nfields; i++)
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
	x.people = o->excel || file_format(o->format);
	x.cols = io_columns(ent, &x.ncols);
	if ((rc = open_output(&x, path, &to_stdout, e)) == ST_OK)
		rc = export_rows(s, &x, rep, rows, e);
	if (x.csv != NULL)
		csv_writer_free(x.csv);
	if (x.fp != NULL && x.fp != stdout && fclose(x.fp) != 0 && rc == ST_OK)
		rc = dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
		    strerror(errno));
	if (rc == ST_OK && file_format(o->format) && to_stdout)
		rc = copy_out(x.file_path, e);
	if (x.tmp_path != NULL) {       /* complete: it takes the name */
		if (rc == ST_OK && rename(x.tmp_path, path) != 0)
			rc = dferr_set(e, ST_ERROR, _("%s: cannot write: %s"), path,
			    strerror(errno));
		if (rc != ST_OK)
			unlink(x.tmp_path);
	} else if (x.file_path != NULL)
		unlink(x.file_path);    /* copied to standard output */
	free(x.tmp_path);
	free(x.file_path);
	io_columns_free(x.cols, x.ncols);
	sb_free(&x.line);
	return rc;
}
