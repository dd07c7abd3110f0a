/* io_sheet.c - the part the XLSX and ODS readers share: the zip (minizip)
 * and its XML parts parsed by expat one chunk at a time, the queue of
 * finished rows, the source functions of a sheet, Excel's serial dates. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_sheet.h"

/* ---- the queue of rows -------------------------------------------------- */

static void rowq_start(struct rowq *q)
{
	if (q->data.len == 0)
		sb_addc(&q->data, '\0');        /* offset 0: the empty text */
}

void rowq_cell(struct rowq *q, long col, enum cell_kind kind, const char *s,
    size_t len)
{
	size_t width;

	rowq_start(q);
	width = q->ncells - q->row_first;
	if (col < 0 || col >= SHEET_MAX_COLS || (size_t)col < width)
		return;         /* out of the sheet, or a column given twice */
	if (len > SHEET_MAX_CELL) {
		len = SHEET_MAX_CELL;
		q->row_cut = 1;
	}
	while (width <= (size_t)col) {
		if (q->ncells == q->capcells) {
			q->capcells = q->capcells ? q->capcells * 2 : 256;
			q->cells = xreallocarray(q->cells, q->capcells,
			    sizeof *q->cells);
		}
		q->cells[q->ncells].off = 0;
		q->cells[q->ncells].len = 0;
		q->cells[q->ncells].kind = CELL_TEXT;
		q->ncells++;
		width++;
	}
	if (len == 0 && kind == CELL_TEXT)
		return;
	q->cells[q->ncells - 1].off = q->data.len;
	q->cells[q->ncells - 1].len = len;
	q->cells[q->ncells - 1].kind = (unsigned char)kind;
	sb_add(&q->data, s, len);
	sb_addc(&q->data, '\0');
}

void rowq_end_row(struct rowq *q, long long line)
{
	size_t i;
	int any = 0;

	for (i = q->row_first; i < q->ncells && !any; i++)
		any = q->cells[i].len > 0 || q->cells[i].kind != CELL_TEXT;
	if (!any) {                     /* an empty row: no row at all */
		q->ncells = q->row_first;
		q->row_cut = 0;
		return;
	}
	if (q->nrows == q->caprows) {
		q->caprows = q->caprows ? q->caprows * 2 : 64;
		q->rows = xreallocarray(q->rows, q->caprows, sizeof *q->rows);
	}
	q->rows[q->nrows].line = line;
	q->rows[q->nrows].first = q->row_first;
	q->rows[q->nrows].n = q->ncells - q->row_first;
	q->rows[q->nrows].err = q->row_cut ? CSV_ETOOLONG : CSV_OK;
	q->nrows++;
	q->row_first = q->ncells;
	q->row_cut = 0;
}

int rowq_pop(struct rowq *q, struct src_row *row)
{
	struct qrow *r;
	size_t i;

	if (q->next == q->nrows)
		return 0;
	r = &q->rows[q->next++];
	if (r->n > q->cap) {
		q->cap = r->n;
		q->f = xreallocarray(q->f, q->cap, sizeof *q->f);
		q->len = xreallocarray(q->len, q->cap, sizeof *q->len);
		q->kind = xreallocarray(q->kind, q->cap, 1);
	}
	for (i = 0; i < r->n; i++) {
		const struct qcell *c = &q->cells[r->first + i];
		q->f[i] = q->data.s + c->off;
		q->len[i] = c->len;
		q->kind[i] = c->kind;
	}
	memset(row, 0, sizeof *row);
	row->n = r->n;
	row->f = q->f;
	row->len = q->len;
	row->kind = q->kind;
	row->line = r->line;
	row->err = r->err;
	row->err_line = r->line;
	return 1;
}

/* Every finished row was handed out: start the queue again, keeping the
 * cells of the row still being parsed. */
static void rowq_compact(struct rowq *q)
{
	strbuf old = q->data;
	size_t i, k = 0;

	memset(&q->data, 0, sizeof q->data);
	rowq_start(q);
	for (i = q->row_first; i < q->ncells; i++, k++) {
		struct qcell c = q->cells[i];
		if (c.len > 0 || c.off > 0) {
			size_t off = q->data.len;
			sb_add(&q->data, old.s + c.off, c.len);
			sb_addc(&q->data, '\0');
			c.off = off;
		}
		q->cells[k] = c;
	}
	sb_free(&old);
	q->ncells = k;
	q->row_first = 0;
	q->nrows = q->next = 0;
}

void rowq_free(struct rowq *q)
{
	sb_free(&q->data);
	free(q->cells);
	free(q->rows);
	free(q->f);
	free(q->len);
	free(q->kind);
	memset(q, 0, sizeof *q);
}

/* ---- XML helpers ------------------------------------------------------ */

XML_Parser sheet_parser(void *user)
{
	/* names are matched by their local part ("x:row" is a row): no
	 * namespace processing, which costs a lookup per name */
	XML_Parser p = XML_ParserCreate("UTF-8");

	if (p == NULL)
		util_fatal("out of memory");
	XML_SetUserData(p, user);
	return p;
}

const char *sheet_local(const char *name)
{
	const char *colon = strchr(name, ':');

	return colon ? colon + 1 : name;
}

const char *sheet_attr(const char **atts, const char *local)
{
	int i;

	for (i = 0; atts[i] != NULL; i += 2)
		if (strcmp(sheet_local(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

void sheet_damaged(struct sheet *sh, const char *what)
{
	if (sh->fail == NULL)
		sh->fail = xstrdup(what);
	XML_StopParser(sh->p, XML_FALSE);
}

/* ---- the zip ------------------------------------------------------------ */

int sheet_zip_has(unzFile z, const char *name)
{
	return unzLocateFile(z, name, 1) == UNZ_OK;
}

/* The damaged-workbook message. */
static int damaged(dferr *e, const char *what)
{
	return dferr_set(e, ST_INVALID, _("the workbook is damaged (%s): open "
	    "it in Excel or LibreOffice and save it again, or ask for a new "
	    "copy"), what);
}

int sheet_zip_kind(const char *path, const char *label, dferr *e)
{
	unzFile z = unzOpen64(path);
	char mime[80] = "";
	int kind = -1, n;

	(void)label;
	if (z == NULL) {
		damaged(e, _("its zip directory is missing: the file may have "
		    "been cut short while it was copied"));
		return -1;
	}
	if (sheet_zip_has(z, "xl/workbook.xml"))
		kind = SHEET_XLSX;
	else if (sheet_zip_has(z, "mimetype") && unzOpenCurrentFile(z) == UNZ_OK) {
		n = unzReadCurrentFile(z, mime, sizeof mime - 1);
		mime[n > 0 ? n : 0] = '\0';
		unzCloseCurrentFile(z);
		if (strcmp(mime, "application/vnd.oasis.opendocument.spreadsheet")
		    == 0 && sheet_zip_has(z, "content.xml"))
			kind = SHEET_ODS;
		else
			dferr_set(e, ST_INVALID, _("this is an OpenDocument file of "
			    "another kind (%s), not a spreadsheet: import an .ods "
			    "or .xlsx spreadsheet, or a CSV file"), mime);
	} else if (sheet_zip_has(z, "word/document.xml"))
		dferr_set(e, ST_INVALID, _("this is a Word document, not a "
		    "spreadsheet: import an .xlsx or .ods spreadsheet, or a CSV "
		    "file"));
	else
		dferr_set(e, ST_INVALID, _("this is a zip archive that holds no "
		    "workbook: import an .xlsx or .ods spreadsheet, or a CSV "
		    "file"));
	unzClose(z);
	return kind;
}

int sheet_zip_open(struct sheet *sh, const char *path, dferr *e)
{
	if ((sh->z = unzOpen64(path)) == NULL) {
		damaged(e, _("its zip directory cannot be read"));
		return -1;
	}
	return 0;
}

/* Parse what is open in z through p until its end. */
static int parse_open(unzFile z, XML_Parser p, const char *name, dferr *e)
{
	void *buf;
	int n;
	char what[200];

	for (;;) {
		if ((buf = XML_GetBuffer(p, SHEET_CHUNK)) == NULL)
			util_fatal("out of memory");
		if ((n = unzReadCurrentFile(z, buf, SHEET_CHUNK)) < 0) {
			snprintf(what, sizeof what, _("%s cannot be unpacked"), name);
			return damaged(e, what), -1;
		}
		if (XML_ParseBuffer(p, n, n == 0) != XML_STATUS_OK) {
			if (XML_GetErrorCode(p) == XML_ERROR_ABORTED)
				return -2;      /* a handler stopped it */
			snprintf(what, sizeof what, _("%s, line %lu: %s"), name,
			    (unsigned long)XML_GetCurrentLineNumber(p),
			    XML_ErrorString(XML_GetErrorCode(p)));
			return damaged(e, what), -1;
		}
		if (n == 0)
			return 0;
	}
}

int sheet_zip_parse(unzFile z, const char *name, XML_Parser p,
    const char *label, dferr *e)
{
	int rc;

	(void)label;
	if (!sheet_zip_has(z, name))
		return 0;
	if (unzOpenCurrentFile(z) != UNZ_OK) {
		char what[200];
		snprintf(what, sizeof what, _("%s cannot be opened"), name);
		return damaged(e, what), -1;
	}
	rc = parse_open(z, p, name, e);
	unzCloseCurrentFile(z);
	return rc == -1 ? -1 : 1;
}

int sheet_open_part(struct sheet *sh, const char *name, const char *label,
    dferr *e)
{
	unz_file_info64 info;
	char what[200];

	(void)label;
	if (!sheet_zip_has(sh->z, name) || unzOpenCurrentFile(sh->z) != UNZ_OK) {
		snprintf(what, sizeof what, _("the sheet's part %s is missing"),
		    name);
		return damaged(e, what), -1;
	}
	if (unzGetCurrentFileInfo64(sh->z, &info, NULL, 0, NULL, 0, NULL, 0) ==
	    UNZ_OK)
		sh->zsize = (long long)info.uncompressed_size;
	sh->opened = 1;
	return 0;
}

/* ---- a sheet as a source ------------------------------------------------ */

/* Parse the next chunk of the sheet's part: 0, or -1 with e filled. */
static int feed(struct sheet *sh, dferr *e)
{
	void *buf = XML_GetBuffer(sh->p, SHEET_CHUNK);
	char what[300];
	int n;

	if (buf == NULL)
		util_fatal("out of memory");
	if (sh->z != NULL)
		n = unzReadCurrentFile(sh->z, buf, SHEET_CHUNK);
	else {
		n = sh->nmem < SHEET_CHUNK ? (int)sh->nmem : SHEET_CHUNK;
		memcpy(buf, sh->mem, (size_t)n);
		sh->mem += n;
		sh->nmem -= (size_t)n;
	}
	if (n < 0)
		return damaged(e, _("the sheet cannot be unpacked")), -1;
	sh->fed += n;
	if (XML_ParseBuffer(sh->p, n, n == 0) != XML_STATUS_OK) {
		if (sh->done && sh->fail == NULL)
			return 0;       /* a handler ended it: all it needs is read */
		if (sh->fail != NULL)
			snprintf(what, sizeof what, "%s", sh->fail);
		else
			snprintf(what, sizeof what, _("the sheet's XML, line %lu: %s"),
			    (unsigned long)XML_GetCurrentLineNumber(sh->p),
			    XML_ErrorString(XML_GetErrorCode(sh->p)));
		return damaged(e, what), -1;
	}
	if (n == 0)
		sh->done = 1;
	return 0;
}

static int sheet_read(struct source *src, struct src_row *row, dferr *e)
{
	struct sheet *sh = (struct sheet *)src;

	for (;;) {
		if (rowq_pop(&sh->q, row))
			return 1;
		if (sh->done)
			return 0;
		rowq_compact(&sh->q);
		if (feed(sh, e) != 0)
			return -1;
	}
}

/* Progress: the unpacked part read so far, scaled to the file's size. */
static long long sheet_bytes(const struct source *src)
{
	const struct sheet *sh = (const struct sheet *)src;

	if (sh->zsize <= 0 || src->total <= 0)
		return 0;
	return (long long)((double)sh->fed / (double)sh->zsize *
	    (double)src->total);
}

static void sheet_where(const struct source *src, long long line, long col,
    char *buf, size_t n)
{
	const struct sheet *sh = (const struct sheet *)src;
	const char *name = sh->name ? sh->name : "";
	char letters[16];

	if (col < 0) {
		snprintf(buf, n, "%s%c%lld:%lld", name, sh->sep, line, line);
		return;
	}
	source_col_name(col, letters, sizeof letters);
	snprintf(buf, n, "%s%c%s%lld", name, sh->sep, letters, line);
}

static void sheet_free(struct source *src)
{
	struct sheet *sh = (struct sheet *)src;

	if (sh->free_kind != NULL)
		sh->free_kind(sh);
	if (sh->p != NULL)
		XML_ParserFree(sh->p);
	if (sh->opened)
		unzCloseCurrentFile(sh->z);
	if (sh->z != NULL)
		unzClose(sh->z);
	rowq_free(&sh->q);
	free(sh->name);
	free(sh->fail);
	free(sh);
}

const struct source_ops sheet_source_ops = {sheet_read, sheet_bytes,
    sheet_where, sheet_free};

/* ---- numbers and dates ------------------------------------------------ */

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int sheet_serial_date(double serial, int date1904, char *buf, size_t n)
{
	long long days, secs;
	int y, m, d;

	if (!(serial >= 0 && serial < 2958466))        /* up to 9999-12-31 */
		return -1;
	days = (long long)floor(serial);
	secs = llround((serial - (double)days) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs = 0;
	}
	if (date1904)
		days -= 24107;          /* 1904-01-01 is day 0 */
	else if (days == 60 || days == 0)
		return -1;              /* 1900-02-29 and 1900-01-00 */
	else if (days < 60)
		days -= 25568;          /* before Excel's false leap day */
	else
		days -= 25569;          /* 1899-12-30 is day 0 */
	civil(days, &y, &m, &d);
	if (secs == 0)
		snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
	else
		snprintf(buf, n, "%04d-%02d-%02d %02lld:%02lld:%02lld", y, m, d,
		    secs / 3600, secs / 60 % 60, secs % 60);
	return 0;
}

int sheet_number_text(const char *v, char *buf, size_t n)
{
	char *end;
	double x;

	while (*v == ' ')
		v++;
	errno = 0;
	x = strtod(v, &end);
	while (*end == ' ')
		end++;
	if (end == v || *end != '\0' || errno == ERANGE || !isfinite(x))
		return -1;
	if (x == 0)
		x = 0;                  /* no "-0" */
	if (x == floor(x) && fabs(x) < 1e15)
		snprintf(buf, n, "%.0f", x);
	else
		snprintf(buf, n, "%.15g", x);
	return 0;
}
