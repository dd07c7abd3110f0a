/* io_xlsx.c - the XLSX writer of exports, through libxlsxwriter in its
 * constant-memory mode (rows streamed to temporary files): a bold header
 * of labels, column widths from the list metadata, dates as real Excel
 * dates, numbers as numbers, choices by label, links by name, phones,
 * CIN and other digits as text (inline strings, which Excel and
 * LibreOffice never run as formulas), the sheet named after the entity
 * in the interface language and right to left when the labels are
 * Arabic, an autofilter on the header, printed landscape on A4, fitted
 * to the page width, the header repeated on every page; a new sheet when
 * one reaches Excel's row limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "io_int.h"

#define XLSX_MAX_WIDTH 60       /* widest column, in characters */
#define PAPER_A4 9              /* Excel's paper code */

/* The workbook being written. */
struct xlsx {
	lxw_workbook *wb;       /* the file */
	lxw_worksheet *ws;      /* the current sheet */
	lxw_format *head;       /* header cells */
	lxw_format *date;       /* date cells */
	lxw_row_t row;          /* next row in the sheet */
	int sheets;             /* sheets made */
};

static int fail(dferr *e, const char *path, lxw_error err)
{
	return dferr_set(e, ST_ERROR, _("%s: cannot write the workbook: %s"),
	    path, lxw_strerror(err));
}

char *io_sheet_name(const char *label, int n);
/* A sheet name Excel accepts: label without []:*?/\', at most 31
 * characters, numbered after the first sheet. */
char *io_sheet_name(const char *label, int n)
{
	strbuf b = {0};
	int chars = 0;
	char *name;

	/* at most 26 code points: room for " (N)" */
	for (; *label; label++) {
		if ((*label & 0xc0) != 0x80 && ++chars > 26)
			break;
		if (strchr("[]:*?/\\'", *label) == NULL)
			sb_addc(&b, *label);
	}
	name = sb_detach(&b);
	if (name == NULL)
		name = xstrdup("Sheet");
	if (n > 1) {
		char *numbered = xasprintf("%s (%d)", name, n);
		free(name);
		name = numbered;
	}
	return name;
}

/* Put the autofilter on the header of the finished sheet. */
static void close_sheet(struct exporter *x, struct xlsx *w)
{
	if (w->ws != NULL)
		worksheet_autofilter(w->ws, 0, 0, w->row > 1 ? w->row - 1 : 1,
		    (lxw_col_t)(x->ncols - 1));
}

/* Start a sheet: header row, widths, direction, frozen header, print
 * setup. */
static int new_sheet(struct exporter *x, struct xlsx *w, dferr *e)
{
	char *name = io_sheet_name(entity_label(x->ent), ++w->sheets);
	lxw_error err;
	int i, width;

	close_sheet(x, w);
	if (workbook_validate_sheet_name(w->wb, name) != LXW_NO_ERROR) {
		free(name);
		name = xasprintf("%s %d", x->ent->name, w->sheets);
	}
	w->ws = workbook_add_worksheet(w->wb, name);
	free(name);
	if (w->ws == NULL)
		return dferr_set(e, ST_ERROR, _("%s: cannot add a sheet"),
		    x->name);
	if (model_lang() == LANG_AR)
		worksheet_right_to_left(w->ws);
	for (i = 0; i < x->ncols; i++) {
		const char *label = io_column_label(&x->cols[i]);
		width = x->cols[i].width;
		if (text_width(label) + 3 > width)      /* + the filter button */
			width = text_width(label) + 3;
		if (width > XLSX_MAX_WIDTH)
			width = XLSX_MAX_WIDTH;
		worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i, width, NULL);
		err = worksheet_write_string(w->ws, 0, (lxw_col_t)i, label, w->head);
		if (err != LXW_NO_ERROR)
			return fail(e, x->name, err);
	}
	worksheet_freeze_panes(w->ws, 1, 0);
	worksheet_set_landscape(w->ws);
	worksheet_set_paper(w->ws, PAPER_A4);
	worksheet_fit_to_pages(w->ws, 1, 0);    /* one page wide, any tall */
	worksheet_repeat_rows(w->ws, 0, 0);
	w->row = 1;
	return ST_OK;
}

static int xlsx_begin(struct exporter *x, dferr *e)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
	    .use_zip64 = LXW_TRUE};
	struct xlsx *w = xcalloc(1, sizeof *w);

	x->book = w;
	w->wb = workbook_new_opt(x->file_path, &opt);
	if (w->wb == NULL) {
		free(w);
		x->book = NULL;
		return dferr_set(e, ST_ERROR, _("%s: cannot create the workbook"),
		    x->name);
	}
	w->head = workbook_add_format(w->wb);
	format_set_bold(w->head);
	w->date = workbook_add_format(w->wb);
	format_set_num_format(w->date, "dd/mm/yyyy");
	return new_sheet(x, w, e);
}

/* Write the stored value v of column c. */
static lxw_error cell(struct exporter *x, struct xlsx *w, lxw_col_t col,
    const struct xcol *c, const char *v)
{
	lxw_datetime dt = {0, 0, 0, 0, 0, 0};
	const field *f = c->kind == XC_FIELD ? &x->ent->fields[c->fi] :
	    c->kind == XC_LINK_KEY ? c->tf : NULL;
	lxw_error err;
	char *label;

	if (c->kind == XC_ID || c->kind == XC_LINK_ID)
		return worksheet_write_number(w->ws, w->row, col, strtod(v, NULL),
		    NULL);
	if (f != NULL && f->type == FT_INT)
		return worksheet_write_number(w->ws, w->row, col, strtod(v, NULL),
		    NULL);
	if (f != NULL && f->type == FT_DATE &&
	    sscanf(v, "%d-%d-%d", &dt.year, &dt.month, &dt.day) == 3)
		return worksheet_write_datetime(w->ws, w->row, col, &dt, w->date);
	if (f != NULL && f->type == FT_BOOL)
		return worksheet_write_boolean(w->ws, w->row, col,
		    strcmp(v, "0") != 0, NULL);
	label = io_people_text(c, x->ent, v);
	err = worksheet_write_string(w->ws, w->row, col, label, NULL);
	free(label);
	return err;
}

static int xlsx_row(struct exporter *x, const record *r, char *const *refs,
    dferr *e)
{
	struct xlsx *w = x->book;
	lxw_error err;
	const char *v;
	char buf[32];
	int i, rc;

	if (w->row > LXW_ROW_MAX - 1 && (rc = new_sheet(x, w, e)) != ST_OK)
		return rc;
	for (i = 0; i < x->ncols; i++) {
		if ((v = io_cell(x, &x->cols[i], r, refs, buf, sizeof buf)) == NULL)
			continue;
		err = cell(x, w, (lxw_col_t)i, &x->cols[i], v);
		if (err != LXW_NO_ERROR)
			return fail(e, x->name, err);
	}
	w->row++;
	return ST_OK;
}

static int xlsx_end(struct exporter *x, dferr *e)
{
	struct xlsx *w = x->book;
	lxw_error err;

	if (w == NULL)
		return ST_OK;
	close_sheet(x, w);
	err = workbook_close(w->wb);
	free(w);
	x->book = NULL;
	return err == LXW_NO_ERROR ? ST_OK : fail(e, x->name, err);
}

const struct io_format_ops io_xlsx_ops = {xlsx_begin, xlsx_row, xlsx_end};
