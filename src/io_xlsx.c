/* io_xlsx.c - the XLSX writer of exports, through libxlsxwriter in its
 * constant-memory mode (rows streamed to temporary files): a bold header
 * of labels, column widths from the list metadata, dates as real Excel
 * dates, numbers as numbers, choices by label, lookups by name, the sheet
 * right to left when the labels are Arabic, and a new sheet when one
 * reaches Excel's row limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "io_int.h"

#define XLSX_MAX_WIDTH 60       /* widest column, in characters */

/* The workbook being written. */
struct xlsx {
	lxw_workbook *wb;       /* the file */
	lxw_worksheet *ws;      /* the current sheet */
	lxw_format *head;       /* header cells */
	lxw_format *date;       /* date cells */
	lxw_row_t row;          /* next row in the sheet */
	int sheets;             /* sheets made */
};

/* Column width when the list metadata gives none, by field type. */
static const int type_width[] = {
	[FT_TEXT] = 24, [FT_LONGTEXT] = 40, [FT_INT] = 10, [FT_DATE] = 12,
	[FT_CHOICE] = 16, [FT_LOOKUP] = 24, [FT_BOOL] = 8, [FT_PHONE] = 14,
	[FT_CIN] = 11,
};

static int fail(dferr *e, const char *path, lxw_error err)
{
	return dferr_set(e, ST_ERROR, _("%s: cannot write the workbook: %s"),
	    path, lxw_strerror(err));
}

/* A sheet name Excel accepts: the entity's label without []:*?/\, at
 * most 31 characters, numbered after the first sheet. */
static char *sheet_name(const entity *ent, int n)
{
	const char *l = entity_label(ent);
	strbuf b = {0};
	int chars = 0;
	char *name;

	/* at most 26 code points: room for " (N)" */
	for (; *l; l++) {
		if ((*l & 0xc0) != 0x80 && ++chars > 26)
			break;
		if (strchr("[]:*?/\\'", *l) == NULL)
			sb_addc(&b, *l);
	}
	name = sb_detach(&b);
	if (n > 1) {
		char *numbered = xasprintf("%s (%d)", name, n);
		free(name);
		name = numbered;
	}
	return name;
}

/* Start a sheet: header row, widths, direction, frozen header. */
static int new_sheet(struct exporter *x, struct xlsx *w, dferr *e)
{
	const entity *ent = x->ent;
	char *name = sheet_name(ent, ++w->sheets);
	lxw_error err;
	int i, width;

	if (workbook_validate_sheet_name(w->wb, name) != LXW_NO_ERROR) {
		free(name);
		name = xasprintf("%s %d", ent->name, w->sheets);
	}
	w->ws = workbook_add_worksheet(w->wb, name);
	free(name);
	if (w->ws == NULL)
		return dferr_set(e, ST_ERROR, _("%s: cannot add a sheet"),
		    x->name);
	if (model_lang() == LANG_AR)
		worksheet_right_to_left(w->ws);
	for (i = 0; i < ent->nfields; i++) {
		const field *f = &ent->fields[i];
		width = f->list_width > 0 ? f->list_width : type_width[f->type];
		if (text_width(field_label(f)) + 2 > width)
			width = text_width(field_label(f)) + 2;
		if (width > XLSX_MAX_WIDTH)
			width = XLSX_MAX_WIDTH;
		worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i, width, NULL);
		err = worksheet_write_string(w->ws, 0, (lxw_col_t)i, field_label(f),
		    w->head);
		if (err != LXW_NO_ERROR)
			return fail(e, x->name, err);
	}
	/* the global id, last */
	worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i, 38, NULL);
	if ((err = worksheet_write_string(w->ws, 0, (lxw_col_t)i, io_gid_label(),
	    w->head)) != LXW_NO_ERROR)
		return fail(e, x->name, err);
	worksheet_freeze_panes(w->ws, 1, 0);
	w->row = 1;
	return ST_OK;
}

static int xlsx_begin(struct exporter *x, dferr *e)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
	    .use_zip64 = LXW_TRUE};
	struct xlsx *w = xcalloc(1, sizeof *w);

	x->xlsx = w;
	w->wb = workbook_new_opt(x->xlsx_path, &opt);
	if (w->wb == NULL) {
		free(w);
		x->xlsx = NULL;
		return dferr_set(e, ST_ERROR, _("%s: cannot create the workbook"),
		    x->name);
	}
	w->head = workbook_add_format(w->wb);
	format_set_bold(w->head);
	w->date = workbook_add_format(w->wb);
	format_set_num_format(w->date, "dd/mm/yyyy");
	return new_sheet(x, w, e);
}

/* Write one stored value v of field f (ref: a lookup's display text). */
static lxw_error cell(struct xlsx *w, lxw_col_t col, const field *f,
    const char *v, const char *ref)
{
	lxw_datetime dt = {0, 0, 0, 0, 0, 0};
	lxw_error err;
	char *label;

	switch (f->type) {
	case FT_INT:
		return worksheet_write_number(w->ws, w->row, col, strtod(v, NULL),
		    NULL);
	case FT_DATE:
		if (sscanf(v, "%d-%d-%d", &dt.year, &dt.month, &dt.day) == 3)
			return worksheet_write_datetime(w->ws, w->row, col, &dt,
			    w->date);
		break;
	case FT_BOOL:
		return worksheet_write_boolean(w->ws, w->row, col, strcmp(v, "0") != 0,
		    NULL);
	case FT_CHOICE:
		label = model_display(f, v, DATE_DMY);
		err = worksheet_write_string(w->ws, w->row, col, label, NULL);
		free(label);
		return err;
	case FT_LOOKUP:
		if (ref == NULL)
			return worksheet_write_number(w->ws, w->row, col,
			    strtod(v, NULL), NULL);
		return worksheet_write_string(w->ws, w->row, col, ref, NULL);
	default:
		break;
	}
	return worksheet_write_string(w->ws, w->row, col, v, NULL);
}

static int xlsx_row(struct exporter *x, const record *r, char *const *refs,
    dferr *e)
{
	struct xlsx *w = x->xlsx;
	lxw_error err;
	int i, rc;

	if (w->row > LXW_ROW_MAX - 1 && (rc = new_sheet(x, w, e)) != ST_OK)
		return rc;
	for (i = 0; i < x->ent->nfields; i++) {
		if (r->v[i] == NULL)
			continue;
		err = cell(w, (lxw_col_t)i, &x->ent->fields[i], r->v[i], refs[i]);
		if (err != LXW_NO_ERROR)
			return fail(e, x->name, err);
	}
	if (r->gid != NULL && (err = worksheet_write_string(w->ws, w->row,
	    (lxw_col_t)x->ent->nfields, r->gid, NULL)) != LXW_NO_ERROR)
		return fail(e, x->name, err);
	w->row++;
	return ST_OK;
}

static int xlsx_end(struct exporter *x, dferr *e)
{
	struct xlsx *w = x->xlsx;
	lxw_error err;

	if (w == NULL)
		return ST_OK;
	err = workbook_close(w->wb);

	free(w);
	x->xlsx = NULL;
	return err == LXW_NO_ERROR ? ST_OK : fail(e, x->name, err);
}

const struct io_format_ops io_xlsx_ops = {xlsx_begin, xlsx_row, xlsx_end};
