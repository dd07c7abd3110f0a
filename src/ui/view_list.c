/* view_list.c - the list of any entity, from its field metadata: a page of
 * rows from the store by keyset (memory does not grow with the table),
 * columns fitted with the text layer, search-as-you-type on the folded key,
 * sort, filter, open, new, delete.  The rows themselves (fetching,
 * stepping, counting, marks) are list_model.c's. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "list_int.h"

/* Column widths for the window: the metadata's, the widest column
 * narrowed first when they do not fit (so dates and codes keep theirs),
 * spare room to the last column.  Returns the count of columns. */
static int list_widths(const struct list *l, int cols, int *w)
{
	int i, total = 0, n = l->ent->nlist, widest;

	cols -= n - 1;          /* one separator between columns */
	for (i = 0; i < n; i++) {
		w[i] = l->ent->fields[l->ent->list_cols[i]].list_width;
		total += w[i];
	}
	while (total > cols) {
		for (widest = 0, i = 1; i < n; i++)
			if (w[i] > w[widest])
				widest = i;
		if (w[widest] <= 3)
			break;
		w[widest]--;
		total--;
	}
	if (total < cols)
		w[n - 1] += cols - total;
	return n;
}

static void list_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct list *l = (struct list *)v;
	int y0 = l->panel ? l->panel->height : 0, gut = l->panel ? GUTTER + 1 : GUTTER;
	int rows = getmaxy(w), cols = getmaxx(w), wid[64], nc, i, j, x;
	char info[400], count[64];

	if (l->page != rows - 2 - y0 || l->stale) {
		if (l->stale && l->panel && l->panel->changed)
			l->panel->changed(l->panel_data, a);
		l->page = rows - 2 - y0;
		l->stale = 0;
		list_refill(l, a);
	}
	if (l->panel)
		l->panel->draw(l->panel_data, a, w, cols);
	nc = list_widths(l, cols - gut, wid);
	wattrset(w, A_BOLD);
	for (j = 0, x = gut; j < nc; x += wid[j] + 1, j++) {
		const field *f = &l->ent->fields[l->ent->list_cols[j]];
		char head[160];
		snprintf(head, sizeof head, "%s%s", field_label(f),
		    l->q.sort == l->ent->list_cols[j] ? (l->q.desc ? " ▼" : " ▲") : "");
		ui_text(a, w, y0, x, wid[j], head, DIR_AUTO, TEXT_LEFT);
	}
	wattrset(w, A_NORMAL);
	for (i = 0; i < l->n; i++) {
		if (i == l->sel) {      /* the marker alone: cheap to move */
			wattrset(w, app_attr(a, PAIR_SELECT) | A_BOLD);
			mvwaddch(w, y0 + 1 + i, 0, '>');
			wattrset(w, A_NORMAL);
		}
		if (gut > GUTTER)       /* marked rows ('m') in record views */
			mvwaddch(w, y0 + 1 + i, GUTTER,
			    list_marked(l, l->rows[i].id) >= 0 ? '*' : ' ');
		for (j = 0, x = gut; j < nc; x += wid[j] + 1, j++) {
			const field *f = &l->ent->fields[l->ent->list_cols[j]];
			ui_text(a, w, y0 + 1 + i, x, wid[j], l->rows[i].cells[j], f->dir,
			    f->type == FT_INT ? TEXT_RIGHT : TEXT_LEFT);
			if (j + 1 < nc)
				mvwaddch(w, y0 + 1 + i, x + wid[j], ' ');
		}
	}
	if (l->n == 0)
		ui_text(a, w, y0 + 1, 0, cols, l->q.search && l->q.search[0] ?
		    _("No match. Esc clears the search.") :
		    _("Nothing here yet: press n to add the first record."),
		    DIR_LTR, TEXT_LEFT);
	if (l->count > COUNT_CAP)
		snprintf(count, sizeof count, "%s", _("1,000+ rows"));
	else if (l->count_partial)
		snprintf(count, sizeof count, _("%lld+ rows"), l->count);
	else if (l->count == 1)
		snprintf(count, sizeof count, "%s", _("1 row"));
	else
		snprintf(count, sizeof count, _("%lld rows"), l->count);
	snprintf(info, sizeof info, "%s%s%s%s", count,
	    l->filter_label[0] ? " | " : "", l->filter_label,
	    v->ctx == CTX_SEARCH || (l->search.s && l->search.s[0]) ? " | / " : "");
	wattrset(w, A_BOLD);
	ui_text(a, w, rows - 1, 0, cols, info, DIR_LTR, TEXT_LEFT);
	if (v->ctx == CTX_SEARCH || (l->search.s && l->search.s[0])) {
		int at = text_width(info);
		ui_text(a, w, rows - 1, at, cols - at, l->search.s, DIR_AUTO, TEXT_LEFT);
		if (v->ctx == CTX_SEARCH) {
			v->cursor_y = rows - 1;
			v->cursor_x = at + text_edit_cursor_col(&l->search, DIR_AUTO,
			    a->bidi);
			if (v->cursor_x < at)
				v->cursor_x = at;
		}
	}
	wattrset(w, A_NORMAL);
	if (v->cursor_y < 0)    /* the hidden cursor rests on the marker: */
		wmove(w, y0 + 1 + l->sel, 0);      /* no jump back after a move */
}

/* The filter picker's answer: value chosen for field l->q.filter_field. */
static void list_filter_done(void *data, const char *value, const char *label)
{
	struct list *l = data;
	const field *f = &l->ent->fields[l->pending_filter];

	snprintf(l->filter_value, sizeof l->filter_value, "%s", value);
	snprintf(l->filter_label, sizeof l->filter_label, "%s = %s",
	    field_label(f), label);
	l->q.filter_value = l->filter_value;
	l->q.filter_field = l->pending_filter;
	l->stale = 1;
	l->count = -1;
}

/* 'f': filter on the next choice or lookup field (cycling), then pick
 * its value. */
static void list_filter(struct list *l, struct app *a)
{
	int i, start = l->pending_filter, fi;

	for (i = 1; i <= l->ent->nfields; i++) {
		fi = (start + i + l->ent->nfields) % l->ent->nfields;
		if (l->ent->fields[fi].type == FT_CHOICE ||
		    l->ent->fields[fi].type == FT_LOOKUP) {
			l->pending_filter = fi;
			app_push(a, picker_open(a, &l->ent->fields[fi], "",
			    list_filter_done, l));
			return;
		}
	}
	app_status(a, 0, "%s", _("This list has no field to filter on"));
}

/* 's': sort by the next text, number or date column (then by id). */
static void list_sort(struct list *l)
{
	int i, j, cur = -1, fi;

	for (j = 0; j < l->ent->nlist; j++)
		if (l->ent->list_cols[j] == l->q.sort)
			cur = j;
	for (i = cur + 1; i < l->ent->nlist; i++) {
		fi = l->ent->list_cols[i];
		if (l->ent->fields[fi].type != FT_LOOKUP &&
		    l->ent->fields[fi].type != FT_CHOICE) {
			l->q.sort = fi;
			return;
		}
	}
	l->q.sort = -1;
}

/* The answer to "Delete ...?". */
static int list_delete_answer(struct app *a, int yes)
{
	struct list *l = a->confirm_data;
	dferr e;

	if (!yes || l->n == 0)
		return 0;
	if (store_delete(a->st, l->ent, l->rows[l->sel].id, &e) != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		return 0;
	}
	app_status(a, 0, _("Deleted #%lld"), l->rows[l->sel].id);
	l->stale = 1;
	return 1;
}

/* Keys while typing a search. */
static int list_search_key(struct list *l, struct app *a, wint_t ch,
    int is_key, enum action act)
{
	char buf[MB_LEN_MAX + 1];
	int changed = 0, n;

	switch (act) {
	case ACT_OPEN:
		l->v.ctx = l->base_ctx;
		return 1;
	case ACT_BACK:
		text_edit_set(&l->search, "");
		l->v.ctx = l->base_ctx;
		list_requery(l, a);
		return 1;
	case ACT_UP:
	case ACT_DOWN:
		list_step(l, a, act == ACT_UP ? -1 : 1);
		return 1;
	case ACT_DEL_BACK:
		changed = text_edit_delete_back(&l->search);
		break;
	case ACT_DEL_FWD:
		changed = text_edit_delete_fwd(&l->search);
		break;
	case ACT_KILL_START:
		changed = text_edit_kill_start(&l->search);
		break;
	case ACT_KILL_END:
		changed = text_edit_kill_end(&l->search);
		break;
	case ACT_LEFT:
	case ACT_RIGHT:
		return text_edit_arrow(&l->search, act == ACT_LEFT, DIR_AUTO), 1;
	case ACT_LINE_START:
		return text_edit_home(&l->search), 1;
	case ACT_LINE_END:
		return text_edit_end(&l->search), 1;
	default:
		if (is_key || ch < 32)
			return 0;
		if ((n = wctomb(buf, (wchar_t)ch)) <= 0)
			return 1;
		buf[n] = '\0';
		changed = text_edit_insert(&l->search, buf) == 0;
		break;
	}
	if (changed)
		list_requery(l, a);
	return 1;
}

static int list_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct list *l = (struct list *)v;
	char *label = NULL;

	if (v->ctx == CTX_SEARCH)
		return list_search_key(l, a, ch, is_key, act);
	if (l->panel && l->panel->key(l->panel_data, a, v, ch, is_key, act))
		return 1;
	switch (act) {
	case ACT_MARK:
		list_mark(l);
		list_step(l, a, 1);
		return 1;
	case ACT_UP:
	case ACT_DOWN:
		list_step(l, a, act == ACT_UP ? -1 : 1);
		return 1;
	case ACT_PGUP:
	case ACT_PGDN:
		list_page(l, a, act == ACT_PGUP ? -1 : 1);
		return 1;
	case ACT_HOME:
	case ACT_END:
		list_fetch(l, a, NULL, act == ACT_HOME ? 1 : -1);
		l->sel = act == ACT_HOME ? 0 : (l->n ? l->n - 1 : 0);
		return 1;
	case ACT_SEARCH:
		v->ctx = CTX_SEARCH;
		return 1;
	case ACT_BACK:
		if (l->search.len > 0) {        /* Esc first clears the search */
			text_edit_set(&l->search, "");
			list_requery(l, a);
			return 1;
		}
		return 0;
	case ACT_OPEN:
		if (l->n > 0) {
			l->stale = 1;
			app_push(a, l->panel ? form_open(a, l->ent,
			    l->rows[l->sel].id) : record_open(a, l->ent,
			    l->rows[l->sel].id));
		}
		return 1;
	case ACT_NEW:
		l->stale = 1;
		app_push(a, form_open(a, l->ent, 0));
		if (l->panel && l->q.filter_field >= 0)  /* tied to this record */
			form_preset(a->stack[a->depth - 1], l->q.filter_field,
			    l->filter_value);
		return 1;
	case ACT_LINKS:
		if (l->n > 0)
			app_push(a, links_open(a, l->ent, l->rows[l->sel].id));
		return 1;
	case ACT_HISTORY:
		if (l->n > 0) {
			l->stale = 1;   /* a put back or restore changes rows */
			app_push(a, history_open(a, l->ent, l->rows[l->sel].id, v));
		}
		return 1;
	case ACT_DELETED:       /* those this list would show, by its filter */
		app_push(a, deleted_open(a, l->ent, l->q.filter_field,
		    l->q.filter_value, v));
		return 1;
	case ACT_DELETE:
		if (l->n == 0)
			return 1;
		store_label(a->st, l->ent, l->rows[l->sel].id, &label, NULL);
		app_ask(a, list_delete_answer, l, _("Delete \"%s\" (#%lld)?"),
		    label ? label : "?", l->rows[l->sel].id);
		free(label);
		return 1;
	case ACT_SORT:
	case ACT_REVERSE:
		if (act == ACT_SORT)
			list_sort(l);
		else
			l->q.desc = !l->q.desc;
		list_requery(l, a);
		return 1;
	case ACT_FILTER:
		list_filter(l, a);
		return 1;
	case ACT_EXPORT:
		app_push(a, io_open(a, l->ent, &l->q, l->filter_label[0] ?
		    l->filter_label : NULL));
		return 1;
	case ACT_UNFILTER:
		l->q.filter_field = -1;
		l->q.filter_value = NULL;
		l->filter_label[0] = '\0';
		list_requery(l, a);
		return 1;
	default:
		return 0;
	}
}

static void list_close(struct view *v)
{
	struct list *l = (struct list *)v;

	list_free_rows(l);
	text_edit_free(&l->search);
	if (l->panel && l->panel->free)
		l->panel->free(l->panel_data);
	free(l->marks);
	free(l);
}

static const struct view_ops list_ops = {"list", list_draw, list_key, list_close};

struct view *list_open(struct app *a, const entity *ent)
{
	struct list *l = xcalloc(1, sizeof *l);

	(void)a;
	l->v.ops = &list_ops;
	l->v.ctx = l->base_ctx = CTX_LIST;
	l->ent = ent;
	l->q.ent = ent;
	l->q.sort = -1;
	l->q.filter_field = -1;
	l->pending_filter = -1;
	text_edit_init(&l->search, "", 0);
	l->search.maxchars = 60;
	l->stale = 1;
	l->count = -1;
	snprintf(l->v.title, sizeof l->v.title, "%s", entity_label(ent));
	return &l->v;
}

struct view *list_open_related(struct app *a, const entity *ent, int fi,
    long long id, const char *title, const struct list_panel *panel,
    void *data)
{
	struct list *l = (struct list *)list_open(a, ent);

	snprintf(l->filter_value, sizeof l->filter_value, "%lld", id);
	l->q.filter_field = fi;
	l->q.filter_value = l->filter_value;
	snprintf(l->v.title, sizeof l->v.title, "%s", title);
	l->panel = panel;
	l->panel_data = data;
	l->v.ctx = l->base_ctx = panel ? CTX_LIST | CTX_RECORD : CTX_LIST;
	return &l->v;
}

long long *list_chosen(struct view *v, int *n)
{
	struct list *l = (struct list *)v;
	long long *ids;

	if (l->nmarks > 0) {
		*n = l->nmarks;
		ids = xcalloc((size_t)l->nmarks, sizeof *ids);
		memcpy(ids, l->marks, (size_t)l->nmarks * sizeof *ids);
		return ids;
	}
	*n = l->n > 0;
	ids = xcalloc(1, sizeof *ids);
	ids[0] = l->n > 0 ? l->rows[l->sel].id : 0;
	return ids;
}

void list_changed(struct view *v, int clear_marks)
{
	struct list *l = (struct list *)v;

	l->stale = 1;
	if (clear_marks)
		l->nmarks = 0;
}
