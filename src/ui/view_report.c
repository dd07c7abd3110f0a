/* view_report.c - the Reports screen (R in the main menu): the list of
 * reports on the left, the selected one's frequency table with bars on
 * the right, filters by school year (y cycles), region (r) and programme
 * (p) through the pickers, F clears them, a switches the bars to ASCII,
 * x writes the table with its filters and a bar chart to an XLSX file.
 * The figures come from the store (store_report.c); every string from the
 * database goes through ui_text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "daftar/report.h"
#include "ui.h"

#define LIST_COLS 24            /* the list of reports, at most */
#define BAR_MAX 40              /* longest bar, at most */
#define BAR_MIN 8               /* and at least (the labels give way) */

struct report_view {
	struct view v;                  /* base */
	int sel;                        /* selected report */
	int nreports;                   /* how many there are */
	struct report_filters f;        /* filters in force */
	char region[160];               /* region name, "" when none */
	char programme[160];            /* programme name, "" when none */
	char **years;                   /* school years to cycle through */
	int nyears;                     /* how many */
	int year;                       /* index into years, -1 = all */
	report_result res;              /* the table shown */
	int stale;                      /* compute again before drawing */
	int top;                        /* first table row shown */
	int ascii;                      /* '#' bars */
	char path[128];                 /* the file x writes */
};

/* The name of filter which (id) into buf, "" when none. */
static void filter_name(struct app *a, unsigned which, long long id,
    char *buf, size_t n)
{
	char *label = NULL;

	buf[0] = '\0';
	if (id > 0 && store_report_label(a->st, which, id, &label, NULL) == ST_OK)
		snprintf(buf, n, "%s", label);
	free(label);
}

/* Compute the selected report under the filters. */
static void report_compute(struct report_view *r, struct app *a)
{
	dferr e;

	filter_name(a, RF_REGION, r->f.region, r->region, sizeof r->region);
	filter_name(a, RF_PROGRAMME, r->f.programme, r->programme,
	    sizeof r->programme);
	report_result_free(&r->res);
	r->stale = 0;
	r->top = 0;
	if (store_report(a->st, report_get(r->sel), &r->f, &r->res, &e) != ST_OK)
		app_status(a, 1, "%s", e.msg);
}

/* The filter line: each filter's value, or that the report ignores it. */
static void filter_line(const struct report_view *r, char *buf, size_t n)
{
	const struct report_info *ri = report_get(r->sel);
	const char *off = _("not used here");

	snprintf(buf, n, "%s: %s | %s: %s | %s: %s", _("School year"),
	    !(ri->filters & RF_YEAR) ? off : r->f.year[0] ? r->f.year : _("all"),
	    _("Region"), !(ri->filters & RF_REGION) ? off :
	    r->region[0] ? r->region : _("all"), _("Programme"),
	    !(ri->filters & RF_PROGRAMME) ? off :
	    r->programme[0] ? r->programme : _("all"));
}

/* The table at column x, width cols, rows y0 .. y1 - 1. */
static void draw_table(struct report_view *r, struct app *a, WINDOW *w,
    int x, int cols, int y0, int y1)
{
	const struct report_info *ri = report_get(r->sel);
	int i, y, lw = text_width(_(ri->dim)), cw, bw, wid, avail;
	char num[32], pct[16], *bar;

	cw = snprintf(num, sizeof num, "%lld", r->res.total);
	if (text_width(_(ri->unit)) > cw)
		cw = text_width(_(ri->unit));
	for (i = 0; i < r->res.n; i++) {
		char *clean = text_sanitize(r->res.rows[i].label, 0);
		if ((wid = text_width(clean)) > lw)
			lw = wid;
		free(clean);
	}
	avail = cols - cw - 12;         /* label + bar: the rest is gaps, % */
	if (lw > avail - BAR_MIN)
		lw = avail - BAR_MIN;
	bw = avail - lw > BAR_MAX ? BAR_MAX : avail - lw;
	wattrset(w, A_BOLD);
	ui_text(a, w, y0, x, lw, _(ri->dim), DIR_AUTO, TEXT_LEFT);
	ui_text(a, w, y0, x + lw + 2, cw, _(ri->unit), DIR_LTR, TEXT_RIGHT);
	ui_text(a, w, y0, x + lw + cw + 4, 6, "%", DIR_LTR, TEXT_RIGHT);
	wattrset(w, A_NORMAL);
	if (r->res.n == 0)
		ui_text(a, w, y0 + 1, x, cols, _("Nothing matches these filters."),
		    DIR_LTR, TEXT_LEFT);
	for (i = r->top, y = y0 + 1; i < r->res.n && y < y1 - 1; i++, y++) {
		const report_row *row = &r->res.rows[i];
		snprintf(num, sizeof num, "%lld", row->count);
		snprintf(pct, sizeof pct, "%.1f%%", 100.0 * (double)row->count /
		    (double)r->res.total);
		ui_text(a, w, y, x, lw, row->label, DIR_AUTO, TEXT_LEFT);
		ui_text(a, w, y, x + lw + 2, cw, num, DIR_LTR, TEXT_RIGHT);
		ui_text(a, w, y, x + lw + cw + 4, 6, pct, DIR_LTR, TEXT_RIGHT);
		bar = text_bar(row->count, r->res.max, bw, r->ascii);
		wattrset(w, app_attr(a, PAIR_OK));
		ui_text(a, w, y, x + lw + cw + 12, text_width(bar), bar, DIR_LTR,
		    TEXT_LEFT);
		wattrset(w, A_NORMAL);
		free(bar);
	}
	if (r->res.n == 0)
		return;
	snprintf(num, sizeof num, "%lld", r->res.total);
	wattrset(w, A_BOLD);
	ui_text(a, w, y, x, lw, _("Total"), DIR_LTR, TEXT_LEFT);
	ui_text(a, w, y, x + lw + 2, cw, num, DIR_LTR, TEXT_RIGHT);
	if (r->top > 0 || i < r->res.n) {       /* scrolled: which rows */
		snprintf(pct, sizeof pct, "%d-%d/%d", r->top + 1, i, r->res.n);
		ui_text(a, w, y, x + lw + cw + 4, cols - lw - cw - 4, pct,
		    DIR_LTR, TEXT_LEFT);
	}
	wattrset(w, A_NORMAL);
}

static void report_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct report_view *r = (struct report_view *)v;
	int rows = getmaxy(w), cols = getmaxx(w), i, lc, x;
	char buf[512];

	if (r->stale)
		report_compute(r, a);
	filter_line(r, buf, sizeof buf);
	ui_text(a, w, 0, 1, cols - 2, buf, DIR_LTR, TEXT_LEFT);
	lc = cols / 3 < LIST_COLS ? cols / 3 : LIST_COLS;
	for (i = 0; i < r->nreports && 2 + i < rows; i++) {
		if (i == r->sel)
			wattrset(w, app_attr(a, PAIR_SELECT));
		ui_text(a, w, 2 + i, 0, lc, _(report_get(i)->title), DIR_LTR,
		    TEXT_LEFT);
		wattrset(w, A_NORMAL);
	}
	mvwvline(w, 2, lc, ACS_VLINE, rows - 2);
	x = lc + 2;
	draw_table(r, a, w, x, cols - x, 2, rows);
}

/* Write the table shown, its filters and a bar chart, to the XLSX file
 * r->path (asked before replacing one). */
static int report_write(struct app *a, int yes)
{
	struct report_view *r = a->confirm_data;
	char desc[512];
	dferr e = {0, ""};

	if (!yes)
		return 0;
	filter_line(r, desc, sizeof desc);
	if (io_report_write(report_get(r->sel), &r->res, desc, IO_XLSX, r->path,
	    &e) == ST_OK)
		app_status(a, 0, _("Written to %s (the table and its chart)"),
		    r->path);
	else
		app_status(a, 1, "%s", e.msg);
	return 1;
}

/* x: the file is NAME-YYYY-MM-DD.xlsx in the current directory. */
static void report_export(struct report_view *r, struct app *a)
{
	char day[16];
	time_t t = time(NULL);
	struct tm tm;
	struct stat st;

	localtime_r(&t, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	snprintf(r->path, sizeof r->path, "%s-%s.xlsx", report_get(r->sel)->name,
	    day);
	if (stat(r->path, &st) == 0)
		app_ask(a, report_write, r, _("%s exists: replace it? (y/n)"),
		    r->path);
	else {
		a->confirm_data = r;
		report_write(a, 1);
	}
}

/* The picker's answer for the region or programme filter (the names
 * are looked up with the figures). */
static void set_filter(struct report_view *r, unsigned which,
    const char *value)
{
	long long id = strtoll(value, NULL, 10);

	if (which == RF_REGION)
		r->f.region = id;
	else
		r->f.programme = id;
	r->stale = 1;
}

static void region_done(void *data, const char *value, const char *label)
{
	(void)label;
	set_filter(data, RF_REGION, value);
}

static void programme_done(void *data, const char *value, const char *label)
{
	(void)label;
	set_filter(data, RF_PROGRAMME, value);
}

static int report_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct report_view *r = (struct report_view *)v;
	const model *m = store_model(a->st);
	const entity *ent;
	int page = getmaxy(a->body) - 5, fi;

	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
		r->sel = (r->sel + (act == ACT_UP ? r->nreports - 1 : 1)) %
		    r->nreports;
		r->stale = 1;
		return 1;
	case ACT_PGUP:
		r->top = r->top > page ? r->top - page : 0;
		return 1;
	case ACT_PGDN:
		if (r->top + page < r->res.n)
			r->top += page;
		return 1;
	case ACT_REPORT_YEAR:
		r->year = r->year + 1 < r->nyears ? r->year + 1 : -1;
		snprintf(r->f.year, sizeof r->f.year, "%s", r->year < 0 ? "" :
		    r->years[r->year]);
		r->stale = 1;
		return 1;
	case ACT_REPORT_REGION:
	case ACT_REPORT_PROGRAMME:
		ent = model_entity(m, act == ACT_REPORT_REGION ? "trainee" : "cohort");
		fi = ent ? model_field_index(ent, act == ACT_REPORT_REGION ?
		    "region_id" : "programme_id") : -1;
		if (fi < 0 || ent->fields[fi].type != FT_LOOKUP)
			return 1;
		app_push(a, picker_open(a, &ent->fields[fi], "",
		    act == ACT_REPORT_REGION ? region_done : programme_done, r));
		return 1;
	case ACT_UNFILTER:
		memset(&r->f, 0, sizeof r->f);
		r->year = -1;
		r->stale = 1;
		return 1;
	case ACT_REPORT_ASCII:
		r->ascii = !r->ascii;
		return 1;
	case ACT_EXPORT:
		if (r->stale)
			report_compute(r, a);
		report_export(r, a);
		return 1;
	default:
		return 0;
	}
}

static void report_close(struct view *v)
{
	struct report_view *r = (struct report_view *)v;
	int i;

	report_result_free(&r->res);
	for (i = 0; i < r->nyears; i++)
		free(r->years[i]);
	free(r->years);
	free(r);
}

static const struct view_ops report_ops = {"reports", report_draw, report_key,
    report_close};

struct view *report_open(struct app *a)
{
	struct report_view *r = xcalloc(1, sizeof *r);
	dferr e;

	r->v.ops = &report_ops;
	r->v.ctx = CTX_REPORT;
	snprintf(r->v.title, sizeof r->v.title, "%s", _("Reports"));
	while (report_get(r->nreports) != NULL)
		r->nreports++;
	r->year = -1;
	r->stale = 1;
	if (store_report_years(a->st, &r->years, &r->nyears, &e) != ST_OK)
		app_status(a, 1, "%s", e.msg);
	return &r->v;
}
