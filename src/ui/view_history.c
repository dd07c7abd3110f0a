/* view_history.c - a record's history (store_history), newest step
 * first: each step's time, user and what happened, then each field it
 * changed with its value before and after, in columns fitted by the text
 * layer (Arabic values reordered and shaped by ui_text like everywhere
 * else).  The selected line's values are shown whole, wrapped, below.
 * u puts the selected field back to its value before that step (an
 * ordinary save of that one field, refused when someone changed it
 * meanwhile); r brings a deleted record back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

#define LABEL_MAX 22            /* widest field label column */
#define DETAIL_ROWS 5           /* the pane under the steps: a rule, 4 rows */
#define EMPTY_MARK "—"          /* an empty value */

/* One line of the screen: a step's header (change -1) or one change. */
struct hline {
	int step;               /* index in h->steps */
	int change;             /* index in its changes, -1 = the header */
};

struct hist {
	struct view v;          /* base */
	const entity *ent;      /* the record's entity */
	long long id;           /* its id */
	history *h;             /* what the store gave, or NULL */
	struct hline *lines;    /* the lines drawn */
	int nlines;             /* how many */
	int sel;                /* the selected line */
	int top;                /* the first line shown */
	struct view *notify;    /* a list to refresh after a change, or NULL */
};

/* Make the lines of h: each step's header, then its changes. */
static void hist_lines(struct hist *hv)
{
	const history *h = hv->h;
	int i, k, n = 0;

	free(hv->lines);
	hv->lines = NULL;
	hv->nlines = 0;
	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++)
		n += 1 + h->steps[i].nchanges;
	hv->lines = xcalloc((size_t)n + 1, sizeof *hv->lines);
	for (i = 0; i < h->n; i++)
		for (k = -1; k < h->steps[i].nchanges; k++) {
			hv->lines[hv->nlines].step = i;
			hv->lines[hv->nlines++].change = k;
		}
	if (hv->sel >= hv->nlines)
		hv->sel = hv->nlines > 0 ? hv->nlines - 1 : 0;
}

/* (Re)read the history; 0, or -1 with the reason in the status line. */
static int hist_load(struct hist *hv, struct app *a)
{
	char *gid = hv->h && hv->h->gid ? xstrdup(hv->h->gid) : NULL;
	history *h = NULL;
	dferr e;
	int rc;

	rc = store_history(a->st, hv->ent, hv->id, gid, &h, &e);
	free(gid);
	if (rc != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		return -1;
	}
	history_free(hv->h);
	hv->h = h;
	hist_lines(hv);
	hv->v.ctx = h->now != NULL ? CTX_HISTORY : CTX_HISTORY_GONE;
	snprintf(hv->v.title, sizeof hv->v.title, _("History of %s #%lld"),
	    entity_label(hv->ent), hv->id);
	return 0;
}

static const char *change_label(const struct hist *hv,
    const history_change *c)
{
	return c->field >= 0 ? field_label(&hv->ent->fields[c->field]) : c->name;
}

static enum text_dir change_dir(const struct hist *hv,
    const history_change *c)
{
	return c->field >= 0 ? hv->ent->fields[c->field].dir : DIR_AUTO;
}

/* The width of the label column: the widest label, at most LABEL_MAX. */
static int label_cols(const struct hist *hv)
{
	int i, k, w, best = 8;

	for (i = 0; i < hv->h->n; i++)
		for (k = 0; k < hv->h->steps[i].nchanges; k++) {
			w = text_width(change_label(hv, &hv->h->steps[i].changes[k]));
			if (w > best)
				best = w;
		}
	return best > LABEL_MAX ? LABEL_MAX : best;
}

/* "2026-11-30 10:12  karim  changed (note)" into b. */
static void step_text(const history_step *p, strbuf *b)
{
	sb_addf(b, "%.16s  %s  %s", p->at ? p->at : "?", p->user ? p->user : "?",
	    store_action_label(p->action));
	if (p->note != NULL)
		sb_addf(b, " (%s)", p->note);
}

/* One value in its column: the text, or a dim mark when empty. */
static void value_cell(struct app *a, WINDOW *w, int y, int x, int cols,
    const char *v, enum text_dir dir)
{
	if (v == NULL) {
		wattron(w, A_DIM);
		ui_text(a, w, y, x, cols, EMPTY_MARK, DIR_LTR, TEXT_LEFT);
		wattroff(w, A_DIM);
	} else
		ui_text(a, w, y, x, cols, v, dir, TEXT_LEFT);
}

static void hist_draw_line(struct hist *hv, struct app *a, WINDOW *w, int y,
    int i, int lw)
{
	const struct hline *l = &hv->lines[i];
	const history_step *p = &hv->h->steps[l->step];
	int cols = getmaxx(w), vw, x;
	strbuf b = {0};

	if (i == hv->sel) {
		wattrset(w, app_attr(a, PAIR_SELECT) | A_BOLD);
		mvwaddch(w, y, 0, '>');
	}
	wattrset(w, i == hv->sel ? A_BOLD : A_NORMAL);
	if (l->change < 0) {
		step_text(p, &b);
		if (i != hv->sel)
			wattrset(w, app_attr(a, PAIR_LABEL) | A_BOLD);
		ui_text(a, w, y, 2, cols - 2, b.s, DIR_LTR, TEXT_LEFT);
		sb_free(&b);
	} else {
		const history_change *c = &p->changes[l->change];
		vw = (cols - 4 - lw - 1 - 3) / 2;
		ui_text(a, w, y, 4, lw, change_label(hv, c), DIR_LTR, TEXT_LEFT);
		x = 4 + lw + 1;
		value_cell(a, w, y, x, vw, c->before_text, change_dir(hv, c));
		ui_text(a, w, y, x + vw, 3, " → ", DIR_LTR, TEXT_LEFT);
		value_cell(a, w, y, x + vw + 3, cols - x - vw - 3, c->after_text,
		    change_dir(hv, c));
	}
	wattrset(w, A_NORMAL);
}

/* Rows of text wrapped into cols, at most max of them, from y. */
static int wrapped(struct app *a, WINDOW *w, int y, int x, int cols,
    int max, const char *s, enum text_dir dir)
{
	char **lines;
	size_t n = text_wrap(s, cols, &lines), k;

	for (k = 0; k < n && (int)k < max; k++)
		ui_text(a, w, y + (int)k, x, cols, lines[k], dir, TEXT_LEFT);
	text_lines_free(lines, n);
	return n == 0 ? 1 : (int)(n < (size_t)max ? n : (size_t)max);
}

/* The pane under the steps: the selected line in full. */
static void hist_detail(struct hist *hv, struct app *a, WINDOW *w, int y)
{
	const struct hline *l = &hv->lines[hv->sel];
	const history_step *p = &hv->h->steps[l->step];
	int cols = getmaxx(w), lw, used;
	strbuf b = {0};

	mvwhline(w, y++, 0, ACS_HLINE, cols);
	if (l->change < 0) {
		step_text(p, &b);
		wrapped(a, w, y, 0, cols, DETAIL_ROWS - 1, b.s, DIR_LTR);
		sb_free(&b);
		return;
	} else {
		const history_change *c = &p->changes[l->change];
		const char *before = _("Before:"), *after = _("After:");
		lw = text_width(before) > text_width(after) ? text_width(before) :
		    text_width(after);
		wattrset(w, app_attr(a, PAIR_LABEL));
		ui_text(a, w, y, 0, lw, before, DIR_LTR, TEXT_LEFT);
		wattrset(w, A_NORMAL);
		used = wrapped(a, w, y, lw + 1, cols - lw - 1, 2, c->before_text ?
		    c->before_text : EMPTY_MARK, change_dir(hv, c));
		wattrset(w, app_attr(a, PAIR_LABEL));
		ui_text(a, w, y + used, 0, lw, after, DIR_LTR, TEXT_LEFT);
		wattrset(w, A_NORMAL);
		wrapped(a, w, y + used, lw + 1, cols - lw - 1, DETAIL_ROWS - 1 - used,
		    c->after_text ? c->after_text : EMPTY_MARK, change_dir(hv, c));
	}
}

static void hist_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct hist *hv = (struct hist *)v;
	const history *h = hv->h;
	int rows = getmaxy(w), cols = getmaxx(w), list, i, lw;
	strbuf b = {0};

	if (h == NULL)
		return;
	sb_addf(&b, "%s #%lld", entity_label(hv->ent), hv->id);
	if (h->label != NULL)
		sb_addf(&b, "  %s", h->label);
	if (h->now == NULL)
		sb_addf(&b, "  · %s", _("DELETED: r restores it"));
	sb_addf(&b, _("  · global id %s"), h->gid ? h->gid : "-");
	wattrset(w, A_BOLD);
	ui_text(a, w, 0, 0, cols, b.s, DIR_LTR, TEXT_LEFT);
	wattrset(w, A_NORMAL);
	sb_free(&b);
	list = rows - 1 - DETAIL_ROWS - (h->unaudited_start || h->truncated);
	if (hv->sel < hv->top)
		hv->top = hv->sel;
	if (hv->sel >= hv->top + list)
		hv->top = hv->sel - list + 1;
	lw = label_cols(hv);
	for (i = 0; i < list && hv->top + i < hv->nlines; i++)
		hist_draw_line(hv, a, w, 1 + i, hv->top + i, lw);
	if (h->unaudited_start || h->truncated) {
		char *t = h->truncated ? xstrdup(_("(older steps left out)")) :
		    xasprintf(_("%.16s  %s  created (no values recorded: a batch "
		    "or older data)"), h->created_at ?
		    h->created_at : "?", h->created_by ? h->created_by : "?");
		if (hv->top + i >= hv->nlines) {
			wattron(w, A_DIM);
			ui_text(a, w, 1 + i, 2, cols - 2, t, DIR_LTR, TEXT_LEFT);
			wattroff(w, A_DIM);
		}
		free(t);
	}
	if (hv->nlines > 0)
		hist_detail(hv, a, w, rows - DETAIL_ROWS);
	else if (!h->unaudited_start)
		ui_text(a, w, 1, 2, cols - 2, _("No step recorded yet."), DIR_LTR,
		    TEXT_LEFT);
	wmove(w, 1 + hv->sel - hv->top, 0);     /* the hidden cursor rests */
}

/* The selected change, or NULL (a step's header). */
static const history_change *selected(const struct hist *hv)
{
	const struct hline *l;

	if (hv->nlines == 0)
		return NULL;
	l = &hv->lines[hv->sel];
	return l->change < 0 ? NULL : &hv->h->steps[l->step].changes[l->change];
}

/* The answer to "Put ... back?". */
static int hist_put_back_answer(struct app *a, int yes)
{
	struct hist *hv = a->confirm_data;
	const history_change *c = selected(hv);
	const struct hline *l = &hv->lines[hv->sel];
	char *note, *shown;
	dferr e;
	int rc;

	if (!yes || c == NULL || hv->h->now == NULL)
		return 0;
	note = xasprintf("put back from the history: its value before audit "
	    "#%lld", hv->h->steps[l->step].audit_id);
	rc = store_put_back(a->st, hv->ent, hv->h->now, c->field, c->before,
	    note, &e);
	free(note);
	shown = xstrdup(c->before_text ? c->before_text : EMPTY_MARK);
	if (rc == ST_OK) {
		app_status(a, 0, _("%s put back to \"%s\""),
		    field_label(&hv->ent->fields[c->field]), shown);
		if (hv->notify)
			list_changed(hv->notify, 0);
	} else
		app_status(a, 1, "%s", e.msg);
	free(shown);
	if (hist_load(hv, a) == 0 && rc == ST_OK)
		hv->sel = 0;            /* the new step, on top */
	return rc == ST_OK;
}

/* u: put the selected field back to its value before that step. */
static void hist_put_back(struct hist *hv, struct app *a)
{
	const history_change *c = selected(hv);

	if (hv->h->now == NULL) {
		app_status(a, 1, "%s", _("This record is deleted: restore it "
		    "first (r)"));
		return;
	}
	if (c == NULL) {
		app_status(a, 0, "%s", _("Choose one of the field lines under a "
		    "step to put that field back"));
		return;
	}
	if (c->field < 0) {
		app_status(a, 1, _("%s is no longer a field of this record"),
		    c->name);
		return;
	}
	app_ask(a, hist_put_back_answer, hv, _("Put %s back to \"%s\"?"),
	    field_label(&hv->ent->fields[c->field]), c->before_text ?
	    c->before_text : EMPTY_MARK);
}

static int hist_restore_answer(struct app *a, int yes)
{
	struct hist *hv = a->confirm_data;

	if (!yes || !deleted_restore(a, hv->ent, hv->id, hv->notify))
		return 0;
	if (hist_load(hv, a) == 0)
		hv->sel = 0;
	return 1;
}

static int hist_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct hist *hv = (struct hist *)v;
	int page = getmaxy(a->body) - 2 - DETAIL_ROWS;

	(void)ch;
	(void)is_key;
	if (page < 1)
		page = 1;
	switch (act) {
	case ACT_UP:
		hv->sel -= hv->sel > 0;
		return 1;
	case ACT_DOWN:
		hv->sel += hv->sel + 1 < hv->nlines;
		return 1;
	case ACT_PGUP:
		hv->sel = hv->sel > page ? hv->sel - page : 0;
		return 1;
	case ACT_PGDN:
		hv->sel = hv->sel + page < hv->nlines ? hv->sel + page :
		    (hv->nlines > 0 ? hv->nlines - 1 : 0);
		return 1;
	case ACT_HOME:
		hv->sel = 0;
		return 1;
	case ACT_END:
		hv->sel = hv->nlines > 0 ? hv->nlines - 1 : 0;
		return 1;
	case ACT_PUT_BACK:
		hist_put_back(hv, a);
		return 1;
	case ACT_RESTORE:
		app_ask(a, hist_restore_answer, hv, _("Restore %s #%lld \"%s\" as it "
		    "was when deleted?"), entity_label(hv->ent), hv->id,
		    hv->h->label ? hv->h->label : "?");
		return 1;
	default:
		return 0;
	}
}

static void hist_close(struct view *v)
{
	struct hist *hv = (struct hist *)v;

	history_free(hv->h);
	free(hv->lines);
	free(hv);
}

static const struct view_ops hist_ops = {"history", hist_draw, hist_key,
    hist_close};

struct view *history_open(struct app *a, const entity *ent, long long id,
    struct view *notify)
{
	struct hist *hv = xcalloc(1, sizeof *hv);

	hv->v.ops = &hist_ops;
	hv->v.ctx = CTX_HISTORY;
	hv->ent = ent;
	hv->id = id;
	hv->notify = notify;
	if (hist_load(hv, a) != 0) {
		hist_close(&hv->v);
		return NULL;
	}
	return &hv->v;
}
