/* view_io.c - the Import/Export screen: direction, entity, format (or dry
 * run), file path with a default name, then Run; a progress line drawn
 * while it works (at most 4 times a second) and, after an import, the
 * problems in a list scrolled with PgUp/PgDn.  Opened from the main menu
 * ('I') or from a list ('x': export that list, its search and filter
 * applied).  The work is io_import/io_export: the same as the commands. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "daftar/io.h"
#include "ui.h"

#define IO_KEEP 1000            /* problems kept for the list */
#define IO_LIST_ROW 8           /* first row of the problem list */

/* The lines of the form, in order. */
enum io_line { L_DIR, L_ENT, L_OPT, L_FILE, L_RUN, L_N };

/* Export formats offered, in the order Enter cycles them. */
static const struct {
	enum io_format format;  /* file format */
	int excel;              /* CSV for Excel */
	const char *label;      /* shown */
	const char *ext;        /* default file extension */
} formats[] = {
	{IO_CSV, 0, N_("CSV"), "csv"},
	{IO_CSV, 1, N_("CSV for spreadsheets (UTF-16, tabs, labels)"), "csv"},
	{IO_XLSX, 0, N_("Excel workbook (XLSX)"), "xlsx"},
	{IO_ODS, 0, N_("OpenDocument spreadsheet (ODS)"), "ods"},
	{IO_TSV, 0, N_("TSV (tab-separated)"), "tsv"},
	{IO_JSON, 0, N_("JSON"), "json"},
	{IO_JSONL, 0, N_("JSON lines"), "jsonl"},
};
#define NFORMATS (int)(sizeof formats / sizeof formats[0])

/* Import modes, in the order Enter cycles them. */
static const struct {
	int update;             /* --update: keyed rows change their record */
	int dry;                /* check only */
	const char *label;      /* shown */
} modes[] = {
	{0, 0, N_("add the rows as new records")},
	{0, 1, N_("check only, write nothing")},
	{1, 0, N_("update the records the key names, add the others")},
	{1, 1, N_("update: check only, write nothing")},
};
#define NMODES (int)(sizeof modes / sizeof modes[0])

struct io_view {
	struct view v;          /* base */
	struct app *a;          /* for drawing progress from callbacks */
	int import;             /* 1 import, 0 export */
	int ent;                /* index in the model's entities */
	int fmt;                /* index in formats[] */
	int mode;               /* import: index in modes[] */
	int sel;                /* selected line */
	text_edit path;         /* file name */
	int path_edited;        /* the user typed it: keep it */
	int replace_ok;         /* told the export file exists; Enter again
	                         * replaces it */
	char *search;           /* from a list: its search, or NULL */
	int filter_field;       /* from a list: its filter, or -1 */
	char *filter_value;     /* its value */
	char *filter_label;     /* how the list showed it */
	char result[300];       /* progress, then the outcome */
	char **probs;           /* problems kept, "LINE: FIELD: message" */
	int nprobs;             /* how many kept */
	long long total_probs;  /* how many found */
	int top;                /* first problem shown */
	double t0, drawn;       /* run start, last progress drawing */
};

static const entity *io_ent(const struct io_view *s)
{
	return &store_model(s->a->st)->ents[s->ent];
}

/* The default file name: ENTITY-YYYY-MM-DD.EXT, unless the user typed one. */
static void io_default_path(struct io_view *s)
{
	char buf[PATH_MAX], day[16];
	time_t t = time(NULL);
	struct tm tm;

	if (s->path_edited)
		return;
	localtime_r(&t, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	snprintf(buf, sizeof buf, "%s-%s.%s", io_ent(s)->name, day,
	    s->import ? "csv" : formats[s->fmt].ext);
	text_edit_set(&s->path, buf);
}

/* The typed path with a leading ~/ made the home directory; "-" is a
 * file of that name (standard output is the screen). */
static char *io_path(const struct io_view *s)
{
	const char *home = getenv("HOME");

	if (strncmp(s->path.s, "~/", 2) == 0 && home != NULL)
		return xasprintf("%s/%s", home, s->path.s + 2);
	if (strcmp(s->path.s, "-") == 0)        /* a file, not the screen */
		return xstrdup("./-");
	return xstrdup(s->path.s);
}

/* One problem from row y, wrapped (a long message is read whole, not cut),
 * its later lines indented; the row after it. */
static int io_draw_problem(struct app *a, WINDOW *w, int y, int rows,
    int cols, const char *msg)
{
	char **lines;
	size_t n, k;

	n = text_wrap(msg, cols - 2, &lines);
	for (k = 0; k < n && y < rows; k++, y++)
		ui_text(a, w, y, k ? 4 : 2, k ? cols - 2 : cols, lines[k],
		    DIR_AUTO, TEXT_LEFT);
	text_lines_free(lines, n);
	return y;
}

static void io_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct io_view *s = (struct io_view *)v;
	int cols = getmaxx(w) - 4, rows = getmaxy(w), i, y;
	char line[L_N][400];

	snprintf(line[L_DIR], sizeof line[0], "%-16s %s", _("Do"), s->import ?
	    _("Import a file (CSV, XLSX or ODS)") : _("Export"));
	snprintf(line[L_ENT], sizeof line[0], "%-16s %s", _("Records"),
	    entity_label(io_ent(s)));
	if (s->import)
		snprintf(line[L_OPT], sizeof line[0], "%-16s %s", _("Mode"),
		    _(modes[s->mode].label));
	else
		snprintf(line[L_OPT], sizeof line[0], "%-16s %s", _("Format"),
		    _(formats[s->fmt].label));
	snprintf(line[L_FILE], sizeof line[0], "%-16s ", _("File"));
	snprintf(line[L_RUN], sizeof line[0], "%s", s->import ?
	    _("[ Import ]") : _("[ Export ]"));
	for (i = 0; i < L_N; i++) {
		if (i == s->sel)
			wattrset(w, app_attr(a, PAIR_SELECT));
		ui_text(a, w, 1 + i, 2, i == L_FILE ? 17 : cols, line[i], DIR_LTR,
		    TEXT_LEFT);
		if (i == L_FILE)
			ui_text(a, w, 1 + i, 19, cols - 17, s->path.s, DIR_LTR,
			    TEXT_LEFT);
		wattrset(w, A_NORMAL);
	}
	if (s->sel == L_FILE) {
		v->cursor_y = 1 + L_FILE;
		v->cursor_x = 19 + text_edit_cursor_col(&s->path, DIR_LTR, a->bidi);
	}
	if (!s->import && (s->search != NULL || s->filter_label != NULL)) {
		snprintf(line[0], sizeof line[0], "%-16s %s%s%s%s%s", _("Only"),
		    s->search ? "/ " : "", s->search ? s->search : "",
		    s->search && s->filter_label ? " | " : "",
		    s->filter_label ? s->filter_label : "", "");
		ui_text(a, w, 1 + L_N, 2, cols, line[0], DIR_AUTO, TEXT_LEFT);
	}
	wattrset(w, A_BOLD);
	ui_text(a, w, IO_LIST_ROW - 1, 2, cols, s->result, DIR_AUTO, TEXT_LEFT);
	wattrset(w, A_NORMAL);
	for (i = s->top, y = IO_LIST_ROW; i < s->nprobs && y < rows; i++)
		y = io_draw_problem(a, w, y, rows, cols, s->probs[i]);
}

/* Callbacks of io_import/io_export. */
static void io_problem(void *ctx, const char *file, const char *where,
    const char *col, const char *msg)
{
	struct io_view *s = ctx;

	(void)file;
	if (s->total_probs++ >= IO_KEEP)
		return;
	s->probs = xreallocarray(s->probs, (size_t)s->nprobs + 1,
	    sizeof *s->probs);
	s->probs[s->nprobs++] = where[0] ? xasprintf("%s: %s: %s", where, col,
	    msg) : xasprintf("%s: %s", col, msg);   /* "": the whole file */
}

/* Whether Esc was pressed (other keys typed while working are dropped:
 * they were meant for a screen that was not there yet; a resize is put
 * back for the main loop). */
static int io_esc_pressed(void)
{
	wint_t ch;
	int rc, esc = 0, resized = 0;

	timeout(0);
	while ((rc = get_wch(&ch)) != ERR) {
		esc |= rc == OK && ch == 27;
		resized |= rc == KEY_CODE_YES && ch == KEY_RESIZE;
	}
	timeout(-1);
	if (resized)
		ungetch(KEY_RESIZE);
	return esc;
}

/* Draw the progress line at most 4 times a second; stop on Esc (not in
 * the saving phase, which cannot be stopped). */
static int io_progress(void *ctx, long long rows, long long bytes,
    long long total)
{
	struct io_view *s = ctx;
	double now = io_clock();
	WINDOW *w = s->a->body;
	size_t len;

	if ((bytes >= 0 && now - s->drawn < 0.25) || w == NULL)
		return 0;
	s->drawn = now;
	io_progress_text(s->result, sizeof s->result, rows, bytes, total,
	    now - s->t0);
	len = strlen(s->result);
	if (bytes >= 0)
		snprintf(s->result + len, sizeof s->result - len, "  %s",
		    _("(Esc stops)"));
	ui_text(s->a, w, IO_LIST_ROW - 1, 2, getmaxx(w) - 4, s->result,
	    DIR_LTR, TEXT_LEFT);
	wrefresh(w);
	return bytes >= 0 && io_esc_pressed();
}

static void io_clear_probs(struct io_view *s)
{
	int i;

	for (i = 0; i < s->nprobs; i++)
		free(s->probs[i]);
	free(s->probs);
	s->probs = NULL;
	s->nprobs = 0;
	s->total_probs = 0;
	s->top = 0;
}

/* Run the import or export now. */
static void io_run(struct io_view *s, struct app *a)
{
	io_report rep = {io_problem, io_progress, s};
	io_export_opts o = {formats[s->fmt].format, formats[s->fmt].excel,
	    s->search, s->filter_field, s->filter_value};
	char *path = io_path(s);
	dferr e = {0, ""};
	io_import_opts io = {modes[s->mode].dry, modes[s->mode].update, NULL,
	    NULL, IO_DMY};
	io_result res = {0};
	struct stat st;
	long long rows = 0;
	int rc;

	if (!s->import && !io_format_fits(path, o.format, o.excel)) {
		snprintf(s->result, sizeof s->result, _("The name %s does not end "
		    "in .%s, the format chosen: change the name or the format"),
		    path, formats[s->fmt].ext);
		free(path);
		return;
	}
	if (!s->import && !s->replace_ok && stat(path, &st) == 0) {
		s->replace_ok = 1;
		snprintf(s->result, sizeof s->result, _("%s already exists: Enter "
		    "again replaces it, or change the name"), path);
		free(path);
		return;
	}
	s->replace_ok = 0;
	io_clear_probs(s);
	s->t0 = io_clock();
	s->drawn = s->t0 - 1;           /* the first line at once */
	snprintf(s->result, sizeof s->result, "%s", _("Working..."));
	(void)io_progress(s, 0, 0, 0);
	if (s->import) {
		rc = io_import(a->st, io_ent(s), path, &io, &rep, &res, &e);
		if (modes[s->mode].update && (rc == ST_OK || rc == ST_INVALID)) {
			char what[sizeof s->result];
			io_update_summary(&res, what, sizeof what);
			snprintf(s->result, sizeof s->result, rc != ST_OK ?
			    _("%s; nothing was imported (PgUp/PgDn scroll)") :
			    modes[s->mode].dry ? _("%s; nothing written (check only)") :
			    "%s", what);
		} else if (rc == ST_OK && modes[s->mode].dry)
			snprintf(s->result, sizeof s->result, ngettext("%lld row "
			    "checked, no problems; nothing written (dry run)", "%lld rows "
			    "checked, no problems; nothing written (dry run)", res.rows),
			    res.rows);
		else if (rc == ST_OK) {
			char count[96];
			io_count_text(io_ent(s), res.rows, count, sizeof count);
			if (res.sheet[0])
				snprintf(s->result, sizeof s->result, _("Imported %s from "
				    "%s (sheet %s)"), count, path, res.sheet);
			else
				snprintf(s->result, sizeof s->result, _("Imported %s from "
				    "%s"), count, path);
		} else if (rc == ST_INVALID) {
			char nrows[64];
			snprintf(nrows, sizeof nrows, ngettext("%lld row", "%lld rows",
			    res.rows), res.rows);
			snprintf(s->result, sizeof s->result, ngettext("%lld problem "
			    "in %s; nothing was imported (PgUp/PgDn scroll)", "%lld "
			    "problems in %s; nothing was imported (PgUp/PgDn scroll)",
			    res.errors), res.errors, nrows);
		}
		if (rc == ST_OK && res.ambiguous > 0) {
			size_t len = strlen(s->result);
			snprintf(s->result + len, sizeof s->result - len, ngettext(
			    "; %lld date such as %s read as day/month",
			    "; %lld dates such as %s read as day/month", res.ambiguous),
			    res.ambiguous, res.ambiguous_example);
		}
		io_result_free(&res);
	} else {
		rc = io_export(a->st, io_ent(s), path, &o, &rep, &rows, &e);
		if (rc == ST_OK) {
			char count[96];
			io_count_text(io_ent(s), rows, count, sizeof count);
			snprintf(s->result, sizeof s->result, _("Exported %s to %s"),
			    count, path);
		}
	}
	if (rc == ST_STOPPED)
		snprintf(s->result, sizeof s->result, "%s (Esc)", e.msg);
	else if (rc != ST_OK && rc != ST_INVALID)
		snprintf(s->result, sizeof s->result, "%s", e.msg);
	free(path);
}

/* Enter on an option line: change it. */
static void io_change(struct io_view *s, struct app *a)
{
	int n = store_model(a->st)->nents;

	switch (s->sel) {
	case L_DIR:
		s->import = !s->import;
		break;
	case L_ENT:             /* a list's search and filter were its own */
		s->ent = (s->ent + 1) % n;
		free(s->search);
		free(s->filter_value);
		free(s->filter_label);
		s->search = s->filter_value = s->filter_label = NULL;
		s->filter_field = -1;
		break;
	case L_OPT:
		if (s->import)
			s->mode = (s->mode + 1) % NMODES;
		else
			s->fmt = (s->fmt + 1) % NFORMATS;
		break;
	case L_RUN:
		io_run(s, a);
		return;
	default:
		return;
	}
	io_default_path(s);
}

/* Keys on the file line: editing. */
static int io_file_key(struct io_view *s, wint_t ch, int is_key,
    enum action act)
{
	char buf[MB_LEN_MAX + 1];
	int n;

	switch (act) {
	case ACT_DEL_BACK:
		return text_edit_delete_back(&s->path), s->path_edited = 1;
	case ACT_DEL_FWD:
		return text_edit_delete_fwd(&s->path), s->path_edited = 1;
	case ACT_KILL_START:
		return text_edit_kill_start(&s->path), s->path_edited = 1;
	case ACT_KILL_END:
		return text_edit_kill_end(&s->path), s->path_edited = 1;
	case ACT_LEFT:
	case ACT_RIGHT:
		return text_edit_arrow(&s->path, act == ACT_LEFT, DIR_LTR), 1;
	case ACT_LINE_START:
		return text_edit_home(&s->path), 1;
	case ACT_LINE_END:
		return text_edit_end(&s->path), 1;
	case ACT_NONE:
		if (is_key || ch < 32 || (n = wctomb(buf, (wchar_t)ch)) <= 0)
			return 0;
		buf[n] = '\0';
		text_edit_insert(&s->path, buf);
		return s->path_edited = 1;
	default:
		return 0;
	}
}

static int io_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct io_view *s = (struct io_view *)v;
	int page = getmaxy(a->body) - IO_LIST_ROW;

	if (is_key && (ch == KEY_NPAGE || ch == KEY_PPAGE)) {
		s->top += ch == KEY_NPAGE ? page : -page;
		if (s->top > s->nprobs - page)
			s->top = s->nprobs - page;
		if (s->top < 0)
			s->top = 0;
		return 1;
	}
	if (s->sel != L_RUN || (act != ACT_OPEN && act != ACT_NEXT))
		s->replace_ok = 0;      /* asked again after any other key */
	if (s->sel == L_FILE && io_file_key(s, ch, is_key, act))
		return 1;
	switch (act) {
	case ACT_UP:
	case ACT_PREV:
		s->sel = (s->sel + L_N - 1) % L_N;
		break;
	case ACT_DOWN:
	case ACT_NEXT:
		if (act == ACT_NEXT && s->sel == L_RUN)
			io_change(s, a);
		else
			s->sel = (s->sel + 1) % L_N;
		break;
	case ACT_OPEN:
		io_change(s, a);
		break;
	default:
		return 0;
	}
	/* the file line takes typed text: editing keys there */
	v->ctx = s->sel == L_FILE ? CTX_PATH : CTX_SETTINGS;
	return 1;
}

static void io_close(struct view *v)
{
	struct io_view *s = (struct io_view *)v;

	io_clear_probs(s);
	text_edit_free(&s->path);
	free(s->search);
	free(s->filter_value);
	free(s->filter_label);
	free(s);
}

static const struct view_ops io_ops = {"io", io_draw, io_key, io_close};

struct view *io_open(struct app *a, const entity *ent, const list_query *q,
    const char *filter_label)
{
	struct io_view *s = xcalloc(1, sizeof *s);
	const model *m = store_model(a->st);

	s->v.ops = &io_ops;
	s->v.ctx = CTX_SETTINGS;
	s->a = a;
	s->filter_field = -1;
	s->ent = ent != NULL ? (int)(ent - m->ents) : 0;
	if (q != NULL) {
		if (q->search != NULL && q->search[0] != '\0')
			s->search = xstrdup(q->search);
		if (q->filter_field >= 0) {
			s->filter_field = q->filter_field;
			s->filter_value = xstrdup(q->filter_value);
			s->filter_label = xstrdup(filter_label);
		}
		s->sel = L_OPT;
	}
	text_edit_init(&s->path, "", 0);
	io_default_path(s);
	snprintf(s->v.title, sizeof s->v.title, "%s", _("Import/Export"));
	return &s->v;
}
