/* io_ods_read.c - the ODS reader of imports: content.xml streamed, the
 * first table (or the one named) read row by row.  A cell's value comes
 * from its office:value-type (float, percentage, currency: office:value;
 * date: office:date-value; boolean; string: its text:p paragraphs, with
 * text:s spaces, tabs and line breaks); repeated cells and rows
 * (table:number-columns-repeated, -rows-repeated) are expanded when they
 * hold something and skipped when empty (LibreOffice repeats an empty row
 * to the end of the sheet); comments (office:annotation) are not text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_sheet.h"

#define MAX_REPEAT 16384        /* copies of one non-empty row or cell */

/* The sheet being read. */
struct ods {
	struct sheet sh;        /* the shared part (first) */
	char *want;             /* the table asked for (folded), or NULL */
	strbuf seen;            /* names of the tables passed, for messages */
	int state;              /* 0 before the table, 1 in it, 2 after */
	int depth;              /* elements open inside the table */
	long long line;         /* rows so far */
	long row_rep;           /* the row's number-rows-repeated */
	long col;               /* next column */
	/* the cell being parsed */
	int in_cell;            /* inside a table-cell */
	long cell_rep;          /* its number-columns-repeated */
	enum cell_kind kind;    /* its kind from office:value-type */
	strbuf value;           /* office:value / date-value / boolean */
	strbuf text;            /* its paragraphs */
	int paras;              /* paragraphs seen */
	int in_p;               /* inside a text:p (or text:h) */
	int in_note;            /* inside an office:annotation */
	int has_formula;        /* it has table:formula */
	/* the row's cells, kept to repeat the row */
	struct rowq row;        /* one row, its cells */
};

static long rep_attr(const char **atts, const char *name)
{
	const char *v = sheet_attr(atts, name);
	long n = v ? atol(v) : 1;

	return n < 1 ? 1 : n;
}

static void table_start(struct ods *o, const char **atts)
{
	const char *name = sheet_attr(atts, "name");
	char *k;
	int match = 1;

	if (o->state != 0)
		return;
	sb_addf(&o->seen, "%s%s", o->seen.len ? ", " : "", name ? name : "?");
	if (o->want != NULL) {
		k = text_fold(name ? name : "");
		match = strcmp(k, o->want) == 0;
		free(k);
	}
	if (match) {
		o->state = 1;
		o->depth = 0;
		o->sh.name = xstrdup(name ? name : "Sheet1");
		o->sh.base.name = o->sh.name;
	}
}

static void cell_begin(struct ods *o, const char **atts)
{
	const char *t = sheet_attr(atts, "value-type"), *v = NULL;

	o->in_cell = 1;
	o->cell_rep = rep_attr(atts, "number-columns-repeated");
	o->has_formula = sheet_attr(atts, "formula") != NULL;
	o->paras = 0;
	sb_clear(&o->value);
	sb_clear(&o->text);
	o->kind = CELL_TEXT;
	if (t == NULL)
		return;
	if (strcmp(t, "float") == 0 || strcmp(t, "percentage") == 0 ||
	    strcmp(t, "currency") == 0) {
		o->kind = CELL_NUMBER;
		v = sheet_attr(atts, "value");
	} else if (strcmp(t, "date") == 0) {
		o->kind = CELL_DATE;
		v = sheet_attr(atts, "date-value");
	} else if (strcmp(t, "boolean") == 0) {
		o->kind = CELL_BOOL;
		v = sheet_attr(atts, "boolean-value");
	} else if (strcmp(t, "string") == 0)
		v = sheet_attr(atts, "string-value");   /* rare; else text:p */
	if (v != NULL)
		sb_adds(&o->value, v);
}

/* The finished cell, cell_rep times, into the row. */
static void cell_finish(struct ods *o)
{
	const char *v = o->value.s ? o->value.s : "";
	enum cell_kind k = o->kind;
	char buf[64];
	const char *s;
	size_t n;
	long i;

	o->in_cell = 0;
	if (k == CELL_NUMBER && sheet_number_text(v, buf, sizeof buf) == 0)
		s = buf;
	else if (k == CELL_DATE) {      /* 2004-09-22 or 2004-09-22T10:30:00 */
		snprintf(buf, sizeof buf, "%.10s", v);
		if (strlen(v) > 11 && strspn(v + 11, "0:.Z") != strlen(v + 11))
			snprintf(buf + 10, sizeof buf - 10, " %.8s", v + 11);
		s = buf;
	} else if (k == CELL_BOOL)
		s = strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ? "1" : "0";
	else if (o->value.len > 0 && k == CELL_TEXT)
		s = v;
	else if (o->text.len > 0)
		s = o->text.s, k = CELL_TEXT;
	else if (o->has_formula)
		s = "=", k = CELL_FORMULA;
	else
		s = "";
	n = strlen(s);
	if (n == 0 && k == CELL_TEXT) { /* empty: the columns go by */
		o->col += o->cell_rep;
		return;
	}
	for (i = 0; i < o->cell_rep && i < MAX_REPEAT; i++)
		rowq_cell(&o->row, o->col + i, k, s, n);
	o->col += o->cell_rep;
}

/* The finished row, row_rep times, into the queue. */
static void row_finish(struct ods *o)
{
	struct src_row r;
	long i;
	size_t c;

	rowq_end_row(&o->row, o->line + 1);
	if (!rowq_pop(&o->row, &r)) {   /* empty: the lines go by */
		o->line += o->row_rep;
		goto out;
	}
	for (i = 0; i < o->row_rep && i < MAX_REPEAT; i++) {
		for (c = 0; c < r.n; c++)
			rowq_cell(&o->sh.q, (long)c, r.kind[c], r.f[c], r.len[c]);
		rowq_end_row(&o->sh.q, ++o->line);
	}
	if (o->row_rep > MAX_REPEAT)
		o->line += o->row_rep - MAX_REPEAT;
out:
	o->row.nrows = o->row.next = o->row.ncells = o->row.row_first = 0;
	o->row.data.len = 0;
}

static void XMLCALL ods_start(void *u, const char *name, const char **atts)
{
	struct ods *o = u;
	const char *l = sheet_local(name), *v;
	long n;

	if (strcmp(l, "table") == 0 && o->state == 0) {
		table_start(o, atts);
		return;
	}
	if (o->state != 1)
		return;
	o->depth++;
	if (o->in_note)
		return;
	if (strcmp(l, "table-row") == 0) {
		o->row_rep = rep_attr(atts, "number-rows-repeated");
		o->col = 0;
	} else if (strcmp(l, "table-cell") == 0 ||
	    strcmp(l, "covered-table-cell") == 0)
		cell_begin(o, atts);
	else if (strcmp(l, "annotation") == 0)
		o->in_note = o->depth;
	else if (!o->in_cell)
		return;
	else if (strcmp(l, "p") == 0 || strcmp(l, "h") == 0) {
		if (o->paras++ > 0)
			sb_addc(&o->text, '\n');
		o->in_p = 1;
	} else if (strcmp(l, "s") == 0 && o->in_p) {
		v = sheet_attr(atts, "c");
		for (n = v ? atol(v) : 1; n > 0 && o->text.len < SHEET_MAX_CELL; n--)
			sb_addc(&o->text, ' ');
	} else if (strcmp(l, "tab") == 0 && o->in_p)
		sb_addc(&o->text, '\t');
	else if (strcmp(l, "line-break") == 0 && o->in_p)
		sb_addc(&o->text, '\n');
}

static void XMLCALL ods_end(void *u, const char *name)
{
	struct ods *o = u;
	const char *l = sheet_local(name);

	if (o->state != 1)
		return;
	if (o->depth-- == 0) {          /* the table's own end */
		o->state = 2;
		o->sh.done = 1;
		XML_StopParser(o->sh.p, XML_FALSE);
		return;
	}
	if (o->in_note) {
		if (o->depth + 1 == o->in_note)
			o->in_note = 0;
		return;
	}
	if (strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0)
		cell_finish(o);
	else if (strcmp(l, "table-row") == 0)
		row_finish(o);
	else if (strcmp(l, "p") == 0 || strcmp(l, "h") == 0)
		o->in_p = 0;
}

static void XMLCALL ods_text(void *u, const char *s, int len)
{
	struct ods *o = u;

	if (o->state == 1 && o->in_cell && o->in_p && !o->in_note &&
	    o->text.len + (size_t)len <= SHEET_MAX_CELL + 1)
		sb_add(&o->text, s, (size_t)len);
}

static void ods_free_kind(struct sheet *sh)
{
	struct ods *o = (struct ods *)sh;

	free(o->want);
	sb_free(&o->seen);
	sb_free(&o->value);
	sb_free(&o->text);
	rowq_free(&o->row);
}

static struct ods *ods_new(void)
{
	struct ods *o = xcalloc(1, sizeof *o);

	o->sh.base.ops = &sheet_source_ops;
	o->sh.base.sheet = 1;
	o->sh.sep = '.';
	o->sh.free_kind = ods_free_kind;
	o->sh.p = sheet_parser(o);
	XML_SetElementHandler(o->sh.p, ods_start, ods_end);
	XML_SetCharacterDataHandler(o->sh.p, ods_text);
	return o;
}

struct source *ods_source_mem(const char *xml, size_t n)
{
	struct ods *o = ods_new();

	o->sh.mem = xml;
	o->sh.nmem = n;
	return &o->sh.base;
}

/* Parse until the table starts (its name is then known): 0, or -1. */
static int find_table(struct ods *o, const char *sheet, dferr *e)
{
	struct src_row r;
	int rc;

	/* reading parses chunks until a row or the end; rows read here are
	 * put back by reading from the queue again (nothing is popped) */
	while (o->state == 0 && !o->sh.done) {
		rc = sheet_source_ops.read(&o->sh.base, &r, e);
		if (rc < 0 && o->state == 0)
			return -1;
		if (rc != 0)
			o->sh.q.next = 0;       /* not handed out yet */
	}
	if (o->state == 0) {
		if (sheet != NULL)
			dferr_set(e, ST_INVALID, _("the workbook has no sheet named "
			    "\"%s\"; its sheets are: %s"), sheet,
			    o->seen.s ? o->seen.s : "");
		else
			dferr_set(e, ST_INVALID, _("the workbook has no sheet"));
		return -1;
	}
	return 0;
}

int ods_source_open(const char *path, const char *label, const char *sheet,
    struct source **out, dferr *e)
{
	struct ods *o = ods_new();

	*out = NULL;
	o->want = sheet ? text_fold(sheet) : NULL;
	if (sheet_zip_open(&o->sh, path, e) != 0 ||
	    sheet_open_part(&o->sh, "content.xml", label, e) != 0 ||
	    find_table(o, sheet, e) != 0) {
		sheet_source_ops.free(&o->sh.base);
		return e->code ? e->code : ST_INVALID;
	}
	*out = &o->sh.base;
	return ST_OK;
}
