/* view_deleted.c - the deleted records of an entity (D in its list),
 * newest delete first, a page at a time from the store (keyset on the
 * delete's audit row): number, name as it was, when and by whom.  Enter
 * opens the record's history; r restores it (same id, same global id). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct deleted {
	struct view v;          /* base */
	const entity *ent;      /* whose deleted records */
	int fi;                 /* only those whose field fi was value, or -1 */
	char value[32];         /* that value */
	deleted_row *rows;      /* the page shown */
	int n;                  /* rows on it */
	int sel;                /* the selected row */
	long long *starts;      /* anchor of each page before this one */
	int nstarts;            /* how many */
	long long start;        /* this page's anchor (0: the newest) */
	int page;               /* rows a page holds (the window's) */
	int stale;              /* refetch before drawing */
	struct view *notify;    /* a list to refresh after a restore */
};

/* Fetch the page at d->start; 0, or -1 with the reason in the status. */
static int del_fetch(struct deleted *d, struct app *a)
{
	dferr e;

	store_deleted_free(d->rows, d->n);
	d->rows = NULL;
	d->n = 0;
	if (store_deleted_page(a->st, d->ent, d->fi, d->fi >= 0 ? d->value :
	    NULL, d->start, d->page, &d->rows, &d->n, &e) != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		return -1;
	}
	if (d->sel >= d->n)
		d->sel = d->n > 0 ? d->n - 1 : 0;
	return 0;
}

/* Go to the next (dir 1) or previous (dir -1) page; 0 when there is none. */
static int del_turn(struct deleted *d, struct app *a, int dir)
{
	if (dir > 0) {
		if (d->n < d->page)
			return 0;
		d->starts = xreallocarray(d->starts, (size_t)d->nstarts + 1,
		    sizeof *d->starts);
		d->starts[d->nstarts++] = d->start;
		d->start = d->rows[d->n - 1].audit_id;
	} else {
		if (d->nstarts == 0)
			return 0;
		d->start = d->starts[--d->nstarts];
	}
	del_fetch(d, a);
	if (d->n == 0 && dir > 0) {     /* nothing after all: back */
		d->start = d->starts[--d->nstarts];
		del_fetch(d, a);
		return 0;
	}
	return 1;
}

static void del_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct deleted *d = (struct deleted *)v;
	int rows = getmaxy(w), cols = getmaxx(w), i, nw;
	char num[32], when[32];
	const char *by = _("deleted by"), *at = _("when (UTC)");

	if (d->page != rows - 2 || d->stale) {
		d->page = rows - 2 > 1 ? rows - 2 : 1;
		d->stale = 0;
		del_fetch(d, a);
	}
	nw = cols - 2 - 9 - 18 - 13;
	wattrset(w, A_BOLD);
	ui_text(a, w, 0, 2, 8, "#", DIR_LTR, TEXT_LEFT);
	ui_text(a, w, 0, 11, nw, field_label(&d->ent->fields[d->ent->display]),
	    DIR_LTR, TEXT_LEFT);
	ui_text(a, w, 0, 11 + nw + 2, 16, at, DIR_LTR, TEXT_LEFT);
	ui_text(a, w, 0, 11 + nw + 19, cols - (11 + nw + 19), by, DIR_LTR,
	    TEXT_LEFT);
	wattrset(w, A_NORMAL);
	for (i = 0; i < d->n; i++) {
		const deleted_row *r = &d->rows[i];
		if (i == d->sel) {
			wattrset(w, app_attr(a, PAIR_SELECT) | A_BOLD);
			mvwaddch(w, 1 + i, 0, '>');
			wattrset(w, A_BOLD);
		}
		snprintf(num, sizeof num, "%lld", r->id);
		snprintf(when, sizeof when, "%.16s", r->at ? r->at : "?");
		ui_text(a, w, 1 + i, 2, 8, num, DIR_LTR, TEXT_RIGHT);
		ui_text(a, w, 1 + i, 11, nw, r->label ? r->label : "?",
		    d->ent->fields[d->ent->display].dir, TEXT_LEFT);
		ui_text(a, w, 1 + i, 11 + nw + 2, 16, when, DIR_LTR, TEXT_LEFT);
		ui_text(a, w, 1 + i, 11 + nw + 19, cols - (11 + nw + 19), r->user,
		    DIR_AUTO, TEXT_LEFT);
		wattrset(w, A_NORMAL);
	}
	if (d->n == 0)
		ui_text(a, w, 1, 2, cols - 2, _("No deleted record to restore."),
		    DIR_LTR, TEXT_LEFT);
	wattrset(w, A_BOLD);
	ui_text(a, w, rows - 1, 0, cols, d->nstarts > 0 || d->n == d->page ?
	    _("PgUp/PgDn: more deleted records") : "", DIR_LTR, TEXT_LEFT);
	wattrset(w, A_NORMAL);
	wmove(w, 1 + d->sel, 0);
}

int deleted_restore(struct app *a, const entity *ent, long long id,
    struct view *notify)
{
	char *dropped = NULL;
	dferr e;

	if (store_restore(a->st, ent, id, &dropped, &e) != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		return 0;
	}
	if (dropped != NULL)
		app_status(a, 0, _("Restored #%lld; its links to records deleted "
		    "since are left empty: %s"), id, dropped);
	else
		app_status(a, 0, _("Restored #%lld, as it was"), id);
	free(dropped);
	if (notify)
		list_changed(notify, 0);
	return 1;
}

static int del_restore_answer(struct app *a, int yes)
{
	struct deleted *d = a->confirm_data;

	if (!yes || d->n == 0)
		return 0;
	d->stale = 1;
	return deleted_restore(a, d->ent, d->rows[d->sel].id, d->notify);
}

static int del_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct deleted *d = (struct deleted *)v;

	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_UP:
		if (d->sel > 0)
			d->sel--;
		else if (del_turn(d, a, -1))
			d->sel = d->n > 0 ? d->n - 1 : 0;
		return 1;
	case ACT_DOWN:
		if (d->sel + 1 < d->n)
			d->sel++;
		else if (del_turn(d, a, 1))
			d->sel = 0;
		return 1;
	case ACT_PGUP:
	case ACT_PGDN:
		if (!del_turn(d, a, act == ACT_PGDN ? 1 : -1))
			d->sel = act == ACT_PGDN ? (d->n > 0 ? d->n - 1 : 0) : 0;
		return 1;
	case ACT_HOME:
		d->nstarts = 0;
		d->start = 0;
		d->sel = 0;
		del_fetch(d, a);
		return 1;
	case ACT_OPEN:
		if (d->n > 0) {
			d->stale = 1;
			app_push(a, history_open(a, d->ent, d->rows[d->sel].id,
			    d->notify));
		}
		return 1;
	case ACT_RESTORE:
		if (d->n > 0)
			app_ask(a, del_restore_answer, d, _("Restore %s #%lld \"%s\" "
			    "as it was when deleted?"), entity_label(d->ent),
			    d->rows[d->sel].id, d->rows[d->sel].label ?
			    d->rows[d->sel].label : "?");
		return 1;
	default:
		return 0;
	}
}

static void del_close(struct view *v)
{
	struct deleted *d = (struct deleted *)v;

	store_deleted_free(d->rows, d->n);
	free(d->starts);
	free(d);
}

static const struct view_ops del_ops = {"deleted", del_draw, del_key,
    del_close};

struct view *deleted_open(struct app *a, const entity *ent, int fi,
    const char *value, struct view *notify)
{
	struct deleted *d = xcalloc(1, sizeof *d);

	(void)a;
	d->v.ops = &del_ops;
	d->v.ctx = CTX_DELETED;
	d->ent = ent;
	d->fi = fi >= 0 && value != NULL ? fi : -1;
	if (d->fi >= 0)
		snprintf(d->value, sizeof d->value, "%s", value);
	d->stale = 1;
	d->notify = notify;
	snprintf(d->v.title, sizeof d->v.title, _("Deleted %s"),
	    entity_label(ent));
	return &d->v;
}
