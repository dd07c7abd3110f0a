/* io_xlsx_read.c - the XLSX reader of imports.  xl/workbook.xml names the
 * sheets and the date system (1900 or 1904), its relationships give each
 * sheet's part, xl/styles.xml says which number formats are dates, and
 * xl/sharedStrings.xml holds the texts cells point to (kept in one block:
 * the distinct texts, not the sheet).  The sheet itself is streamed: rows
 * (<row r="12">) of cells (<c r="C12" t="s" s="3"><v>..</v></c>) with
 * shared strings, inline strings, numbers, booleans, errors, ISO dates
 * and formulas (their saved result; without one, the cell says so). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_sheet.h"

#define MAX_SHEETS 256          /* sheets of a workbook we look at */
#define MAX_FORMULA 200         /* bytes of a formula kept for messages */

/* What the small parts say. */
struct book {
	char *names[MAX_SHEETS];  /* sheet names, in order */
	char *rids[MAX_SHEETS];   /* their relationship ids */
	int nsheets;            /* how many */
	int date1904;           /* the 1904 date system */
	char *target;           /* the chosen sheet's part, being resolved */
	const char *want_rid;   /* the relationship looked for */
	char *strings_part;     /* the shared strings' part */
	/* styles */
	unsigned char *xf_date; /* per cell format (s=): a date format */
	int nxf, capxf;         /* used, allocated */
	int *fmt_ids;           /* custom number formats that are dates */
	int nfmt;               /* how many */
	int in_xfs;             /* inside <cellXfs> */
};

/* The sheet being read. */
struct xlsx {
	struct sheet sh;        /* the shared part (first) */
	int date1904;           /* the date system */
	unsigned char *xf_date; /* per style index: a date */
	int nxf;                /* how many */
	strbuf sst;             /* shared strings, NUL-separated */
	size_t *sst_off;        /* offset of each */
	size_t nsst, capsst;    /* used, allocated */
	int in_si, in_rph, in_t; /* inside <si>, <rPh>, a <t> */
	/* the row and cell being parsed */
	long long line;         /* this row's number */
	long col;               /* this cell's column */
	char type[12];          /* its t= */
	int style;              /* its s= */
	int in_v, in_is, in_f;  /* inside <v>, <is>, <f> */
	int has_f;              /* it has a formula */
	strbuf v;               /* <v> or inline text */
	strbuf f;               /* the formula */
	int in_sheetdata;       /* inside <sheetData> */
};

/* ---- small parts ------------------------------------------------------- */

/* Is a number format code a date (d, m, y, h or s outside quotes and
 * brackets, and not only a number such as "0.00")? */
static int code_is_date(const char *c)
{
	int q = 0, b = 0;

	for (; *c; c++) {
		if (*c == '\\' && c[1]) {
			c++;
			continue;
		}
		if (*c == '"')
			q = !q;
		else if (!q && *c == '[')
			b = 1;
		else if (!q && *c == ']')
			b = 0;
		else if (!q && !b && strchr("dmyhsDMYHS", *c))
			return 1;
	}
	return 0;
}

/* Built-in date formats: 14-22, 27-36, 45-47, 50-58. */
static int builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	    (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

static void XMLCALL book_start(void *u, const char *name, const char **atts)
{
	struct book *b = u;
	const char *l = sheet_local(name), *v, *id;

	if (strcmp(l, "sheet") == 0 && b->nsheets < MAX_SHEETS &&
	    (v = sheet_attr(atts, "name")) != NULL &&
	    (id = sheet_attr(atts, "id")) != NULL) {
		b->names[b->nsheets] = xstrdup(v);
		b->rids[b->nsheets++] = xstrdup(id);
	} else if (strcmp(l, "workbookPr") == 0 &&
	    (v = sheet_attr(atts, "date1904")) != NULL)
		b->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
}

/* xl/workbook.xml.rels: the part of the wanted sheet, the shared strings. */
static void XMLCALL rels_start(void *u, const char *name, const char **atts)
{
	struct book *b = u;
	const char *id = sheet_attr(atts, "Id"), *t = sheet_attr(atts, "Target"),
	    *type = sheet_attr(atts, "Type");
	char *part;

	if (strcmp(sheet_local(name), "Relationship") != 0 || t == NULL)
		return;
	/* a target is relative to xl/, or absolute from the root */
	part = t[0] == '/' ? xstrdup(t + 1) : xasprintf("xl/%s", t);
	if (id != NULL && b->want_rid && strcmp(id, b->want_rid) == 0 &&
	    b->target == NULL)
		b->target = part;
	else if (type != NULL && strlen(type) >= 13 &&
	    strcmp(type + strlen(type) - 13, "sharedStrings") == 0 &&
	    b->strings_part == NULL)
		b->strings_part = part;
	else
		free(part);
}

static void XMLCALL styles_start(void *u, const char *name, const char **atts)
{
	struct book *b = u;
	const char *l = sheet_local(name), *v;
	int id, i, date;

	if (strcmp(l, "numFmt") == 0 && (v = sheet_attr(atts, "numFmtId")) &&
	    sheet_attr(atts, "formatCode") &&
	    code_is_date(sheet_attr(atts, "formatCode"))) {
		b->fmt_ids = xreallocarray(b->fmt_ids, (size_t)b->nfmt + 1,
		    sizeof *b->fmt_ids);
		b->fmt_ids[b->nfmt++] = atoi(v);
	} else if (strcmp(l, "cellXfs") == 0)
		b->in_xfs = 1;
	else if (strcmp(l, "xf") == 0 && b->in_xfs) {
		id = (v = sheet_attr(atts, "numFmtId")) ? atoi(v) : 0;
		date = builtin_date(id);
		for (i = 0; i < b->nfmt && !date; i++)
			date = b->fmt_ids[i] == id;
		if (b->nxf == b->capxf) {
			b->capxf = b->capxf ? b->capxf * 2 : 64;
			b->xf_date = xrealloc(b->xf_date, (size_t)b->capxf);
		}
		b->xf_date[b->nxf++] = (unsigned char)date;
	}
}

static void XMLCALL styles_end(void *u, const char *name)
{
	struct book *b = u;

	if (strcmp(sheet_local(name), "cellXfs") == 0)
		b->in_xfs = 0;
}

/* ---- shared strings --------------------------------------------------- */

static void XMLCALL sst_start(void *u, const char *name, const char **atts)
{
	struct xlsx *x = u;
	const char *l = sheet_local(name);

	(void)atts;
	if (strcmp(l, "si") == 0) {
		x->in_si = 1;
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? x->capsst * 2 : 1024;
			x->sst_off = xreallocarray(x->sst_off, x->capsst,
			    sizeof *x->sst_off);
		}
		x->sst_off[x->nsst++] = x->sst.len;
	} else if (strcmp(l, "rPh") == 0)
		x->in_rph = 1;
	else if (strcmp(l, "t") == 0)
		x->in_t = 1;
}

static void XMLCALL sst_end(void *u, const char *name)
{
	struct xlsx *x = u;
	const char *l = sheet_local(name);

	if (strcmp(l, "si") == 0) {
		x->in_si = 0;
		sb_addc(&x->sst, '\0');
	} else if (strcmp(l, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(l, "t") == 0)
		x->in_t = 0;
}

static void XMLCALL sst_text(void *u, const char *s, int len)
{
	struct xlsx *x = u;

	if (x->in_si && x->in_t && !x->in_rph)
		sb_add(&x->sst, s, (size_t)len);
}

/* ---- the sheet --------------------------------------------------------- */

/* Column (0-based) of a reference such as "C12"; -1 when it has none. */
static long ref_col(const char *r)
{
	long col = 0;
	int k = 0;

	for (; *r >= 'A' && *r <= 'Z' && k < 4; r++, k++)
		col = col * 26 + (*r - 'A' + 1);
	return k == 0 ? -1 : col - 1;
}

static void XMLCALL cell_start(void *u, const char *name, const char **atts)
{
	struct xlsx *x = u;
	const char *l = sheet_local(name), *v;
	long c;

	if (strcmp(l, "sheetData") == 0)
		x->in_sheetdata = 1;
	if (!x->in_sheetdata)
		return;
	if (strcmp(l, "row") == 0) {
		v = sheet_attr(atts, "r");
		x->line = v ? atoll(v) : x->line + 1;
		x->col = -1;
	} else if (strcmp(l, "c") == 0) {
		v = sheet_attr(atts, "r");
		c = v ? ref_col(v) : -1;
		x->col = c >= 0 ? c : x->col + 1;
		v = sheet_attr(atts, "t");
		snprintf(x->type, sizeof x->type, "%s", v ? v : "n");
		v = sheet_attr(atts, "s");
		x->style = v ? atoi(v) : 0;
		x->has_f = 0;
		sb_clear(&x->v);
		sb_clear(&x->f);
	} else if (strcmp(l, "v") == 0)
		x->in_v = 1;
	else if (strcmp(l, "is") == 0)
		x->in_is = 1;
	else if (strcmp(l, "rPh") == 0)
		x->in_rph = 1;
	else if (strcmp(l, "t") == 0)
		x->in_t = 1;
	else if (strcmp(l, "f") == 0)
		x->in_f = x->has_f = 1;
}

static void XMLCALL cell_text(void *u, const char *s, int len)
{
	struct xlsx *x = u;

	if (x->in_v || (x->in_is && x->in_t && !x->in_rph)) {
		if (x->v.len + (size_t)len <= SHEET_MAX_CELL + 1)
			sb_add(&x->v, s, (size_t)len);
	} else if (x->in_f && x->f.len + (size_t)len <= MAX_FORMULA)
		sb_add(&x->f, s, (size_t)len);
}

/* The finished cell into the row. */
static void cell_done(struct xlsx *x)
{
	struct rowq *q = &x->sh.q;
	const char *v = x->v.s ? x->v.s : "";
	char buf[64];
	long long i;

	if (strcmp(x->type, "s") == 0) {
		i = atoll(v);
		if (x->v.len == 0 || i < 0 || (size_t)i >= x->nsst)
			rowq_cell(q, x->col, CELL_ERROR, "#REF!", 5);
		else {
			const char *t = x->sst.s + x->sst_off[i];
			rowq_cell(q, x->col, CELL_TEXT, t, strlen(t));
		}
	} else if (strcmp(x->type, "inlineStr") == 0 ||
	    (strcmp(x->type, "str") == 0 && x->v.len > 0))
		rowq_cell(q, x->col, CELL_TEXT, v, x->v.len);
	else if (x->v.len == 0 && x->has_f) {
		char *f = xasprintf("=%s", x->f.s ? x->f.s : "");
		rowq_cell(q, x->col, CELL_FORMULA, f, strlen(f));
		free(f);
	} else if (x->v.len == 0)
		return;
	else if (strcmp(x->type, "b") == 0)
		rowq_cell(q, x->col, CELL_BOOL, strcmp(v, "0") ? "1" : "0", 1);
	else if (strcmp(x->type, "e") == 0)
		rowq_cell(q, x->col, CELL_ERROR, v, x->v.len);
	else if (strcmp(x->type, "d") == 0) {
		/* ISO 8601: the date, and the time unless it is midnight */
		snprintf(buf, sizeof buf, "%.10s", v);
		if (x->v.len > 11 && strspn(v + 11, "0:.Z") != strlen(v + 11))
			snprintf(buf + 10, sizeof buf - 10, " %.8s", v + 11);
		rowq_cell(q, x->col, CELL_DATE, buf, strlen(buf));
	} else if (x->style >= 0 && x->style < x->nxf && x->xf_date[x->style] &&
	    sheet_serial_date(strtod(v, NULL), x->date1904, buf, sizeof buf) == 0)
		rowq_cell(q, x->col, CELL_DATE, buf, strlen(buf));
	else if (sheet_number_text(v, buf, sizeof buf) == 0)
		rowq_cell(q, x->col, CELL_NUMBER, buf, strlen(buf));
	else
		rowq_cell(q, x->col, CELL_TEXT, v, x->v.len);
}

static void XMLCALL cell_end(void *u, const char *name)
{
	struct xlsx *x = u;
	const char *l = sheet_local(name);

	if (strcmp(l, "sheetData") == 0)
		x->in_sheetdata = 0;
	else if (!x->in_sheetdata)
		return;
	else if (strcmp(l, "c") == 0)
		cell_done(x);
	else if (strcmp(l, "row") == 0)
		rowq_end_row(&x->sh.q, x->line);
	else if (strcmp(l, "v") == 0)
		x->in_v = 0;
	else if (strcmp(l, "is") == 0)
		x->in_is = 0;
	else if (strcmp(l, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(l, "t") == 0)
		x->in_t = 0;
	else if (strcmp(l, "f") == 0)
		x->in_f = 0;
}

static void xlsx_free_kind(struct sheet *sh)
{
	struct xlsx *x = (struct xlsx *)sh;

	sb_free(&x->sst);
	free(x->sst_off);
	free(x->xf_date);
	sb_free(&x->v);
	sb_free(&x->f);
}

static struct xlsx *xlsx_new(void)
{
	struct xlsx *x = xcalloc(1, sizeof *x);

	x->sh.base.ops = &sheet_source_ops;
	x->sh.base.sheet = 1;
	x->sh.sep = '!';
	x->sh.free_kind = xlsx_free_kind;
	x->sh.p = sheet_parser(x);
	XML_SetElementHandler(x->sh.p, cell_start, cell_end);
	XML_SetCharacterDataHandler(x->sh.p, cell_text);
	return x;
}

struct source *xlsx_source_mem(const char *xml, size_t n)
{
	struct xlsx *x = xlsx_new();

	x->sh.mem = xml;
	x->sh.nmem = n;
	x->sh.name = xstrdup("Sheet1");
	x->sh.base.name = x->sh.name;
	return &x->sh.base;
}

/* Parse part name of the zip with start/end/text handlers into user. */
static int parse_part(unzFile z, const char *part, void *user,
    XML_StartElementHandler st, XML_EndElementHandler en,
    XML_CharacterDataHandler tx, const char *label, dferr *e)
{
	XML_Parser p = sheet_parser(user);
	int rc;

	XML_SetElementHandler(p, st, en);
	if (tx != NULL)
		XML_SetCharacterDataHandler(p, tx);
	rc = sheet_zip_parse(z, part, p, label, e);
	XML_ParserFree(p);
	return rc;
}

/* The index of the sheet named want (folded), else -1. */
static int find_sheet(const struct book *b, const char *want)
{
	char *k = text_fold(want), *n;
	int i, found = -1;

	for (i = 0; i < b->nsheets && found < 0; i++) {
		n = text_fold(b->names[i]);
		if (strcmp(n, k) == 0)
			found = i;
		free(n);
	}
	free(k);
	return found;
}

static void book_free(struct book *b)
{
	int i;

	for (i = 0; i < b->nsheets; i++) {
		free(b->names[i]);
		free(b->rids[i]);
	}
	free(b->target);
	free(b->strings_part);
	free(b->fmt_ids);
	free(b->xf_date);
}

/* "Trainees, Sheet2" */
static char *sheet_list(const struct book *b)
{
	strbuf s = {0};
	int i;

	for (i = 0; i < b->nsheets; i++)
		sb_addf(&s, "%s%s", i ? ", " : "", b->names[i]);
	return sb_detach(&s);
}

int xlsx_source_open(const char *path, const char *label, const char *sheet,
    struct source **out, dferr *e)
{
	struct xlsx *x = xlsx_new();
	struct book b = {0};
	char *list;
	int i, rc = ST_INVALID;

	*out = NULL;
	if (sheet_zip_open(&x->sh, path, e) != 0 ||
	    parse_part(x->sh.z, "xl/workbook.xml", &b, book_start, NULL, NULL,
	    label, e) < 0)
		goto out;
	if (b.nsheets == 0) {
		dferr_set(e, ST_INVALID, _("the workbook has no sheet"));
		goto out;
	}
	i = sheet ? find_sheet(&b, sheet) : 0;
	if (i < 0) {
		list = sheet_list(&b);
		dferr_set(e, ST_INVALID, _("the workbook has no sheet named \"%s\"; "
		    "its sheets are: %s"), sheet, list);
		free(list);
		goto out;
	}
	x->sh.name = xstrdup(b.names[i]);
	x->sh.base.name = x->sh.name;
	b.want_rid = b.rids[i];
	if (parse_part(x->sh.z, "xl/_rels/workbook.xml.rels", &b, rels_start,
	    NULL, NULL, label, e) < 0 ||
	    parse_part(x->sh.z, "xl/styles.xml", &b, styles_start, styles_end,
	    NULL, label, e) < 0 ||
	    parse_part(x->sh.z, b.strings_part ? b.strings_part :
	    "xl/sharedStrings.xml", x, sst_start, sst_end, sst_text, label, e) < 0)
		goto out;
	if (b.target == NULL)           /* no relationships: the usual name */
		b.target = xasprintf("xl/worksheets/sheet%d.xml", i + 1);
	x->date1904 = b.date1904;
	x->xf_date = b.xf_date;
	x->nxf = b.nxf;
	b.xf_date = NULL;
	if (sheet_open_part(&x->sh, b.target, label, e) != 0)
		goto out;
	rc = ST_OK;
	*out = &x->sh.base;
out:
	book_free(&b);
	if (rc != ST_OK)
		sheet_source_ops.free(&x->sh.base);
	return rc;
}
