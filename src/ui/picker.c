/* picker.c - choose a value for a choice or lookup field: type-ahead over
 * the folded labels (choices) or the target's folded search key (records,
 * a page at a time from the store). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct picker {
	struct view v;          /* base */
	const field *f;         /* the field being filled */
	text_edit query;        /* typed text */
	int *match;             /* choice mode: matching choice indexes */
	int nmatch;             /* how many */
	list_query q;           /* lookup mode: the target's list */
	list_row *rows;         /* lookup mode: matching records */
	int n;                  /* how many */
	int sel;                /* selected line */
	int page;               /* lines that fit */
	void (*done)(void *, const char *, const char *); /* on Enter */
	void *data;             /* its argument */
	int multi;              /* Tab marks several records */
	struct pick_mark {
		long long id;   /* marked record */
		char *label;    /* its label */
	} *marks;               /* marked records, in marking order */
	int nmarks;             /* how many */
};

/* Index of id among the marks, or -1. */
static int picker_marked(const struct picker *p, long long id)
{
	int i;

	for (i = 0; i < p->nmarks; i++)
		if (p->marks[i].id == id)
			return i;
	return -1;
}

/* Recompute the matches for the query. */
static void picker_update(struct picker *p, struct app *a)
{
	char *key = text_fold(p->query.s), *k;
	int i, l;
	dferr e;

	p->sel = 0;
	if (p->f->type == FT_CHOICE) {
		p->nmatch = 0;
		for (i = 0; i < p->f->nchoices; i++) {
			int hit = key[0] == '\0';
			for (l = 0; !hit && l < LANG_N; l++) {
				k = text_fold(p->f->choices[i].label[l]);
				hit = strstr(k, key) != NULL;
				free(k);
			}
			if (!hit && strcmp(p->f->choices[i].code, p->query.s) == 0)
				hit = 1;
			if (hit)
				p->match[p->nmatch++] = i;
		}
	} else {
		store_rows_free(&p->q, p->rows, p->n);
		p->rows = NULL;
		p->n = 0;
		p->q.search = p->query.s;
		if (store_list_page(a->st, &p->q, NULL, 1, p->page > 0 ? p->page : 20,
		    &p->rows, &p->n, &e) != ST_OK)
			app_status(a, 1, "%s", e.msg);
	}
	free(key);
}

/* The label of lookup row r: its first two list cells. */
static void row_label(const struct picker *p, const list_row *r, char *buf,
    size_t n)
{
	const entity *t = p->f->target_ent;

	snprintf(buf, n, "%s%s%s", t->nlist > 0 && r->cells[0] ? r->cells[0] : "",
	    t->nlist > 1 && r->cells[1] ? " | " : "",
	    t->nlist > 1 && r->cells[1] ? r->cells[1] : "");
	if (t->nlist == 0)
		snprintf(buf, n, "#%lld", r->id);
}

static void picker_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct picker *p = (struct picker *)v;
	int rows = getmaxy(w), cols = getmaxx(w), i, count;
	char buf[512];

	if (p->page != rows - 2) {
		p->page = rows - 2;
		if (p->f->type == FT_LOOKUP)
			picker_update(p, a);
	}
	snprintf(buf, sizeof buf, "%s: ", _("Type to search"));
	wattrset(w, A_BOLD);
	ui_text(a, w, 0, 0, cols, buf, DIR_LTR, TEXT_LEFT);
	wattrset(w, A_NORMAL);
	ui_text(a, w, 0, text_width(buf), cols - text_width(buf), p->query.s,
	    DIR_AUTO, TEXT_LEFT);
	count = p->f->type == FT_CHOICE ? p->nmatch : p->n;
	for (i = 0; i < count && i < p->page; i++) {
		if (p->f->type == FT_CHOICE)
			snprintf(buf, sizeof buf, "%s", p->f->choices[p->match[i]].label[model_lang()]);
		else
			row_label(p, &p->rows[i], buf, sizeof buf);
		if (i == p->sel)
			wattrset(w, app_attr(a, PAIR_SELECT));
		if (p->multi)
			mvwaddstr(w, 2 + i, 0, picker_marked(p, p->rows[i].id) >= 0 ?
			    "* " : "  ");
		ui_text(a, w, 2 + i, 2, cols - 4, buf, DIR_AUTO, TEXT_LEFT);
		wattrset(w, A_NORMAL);
	}
	if (count == 0)
		ui_text(a, w, 2, 2, cols - 4, _("No match"), DIR_LTR, TEXT_LEFT);
	v->cursor_y = 0;
	v->cursor_x = text_width(_("Type to search")) + 2 +
	    text_edit_cursor_col(&p->query, DIR_AUTO, a->bidi);
	if (v->cursor_x >= cols)
		v->cursor_x = cols - 1;
}

/* Close after choosing; a multi-select picker then says it is done with
 * done(data, NULL, NULL). */
static void picker_finish(struct picker *p, struct app *a)
{
	void (*done)(void *, const char *, const char *) = p->done;
	void *data = p->data;
	int multi = p->multi;

	app_pop(a);             /* frees p */
	if (multi)
		done(data, NULL, NULL);
}

static int picker_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct picker *p = (struct picker *)v;
	int count = p->f->type == FT_CHOICE ? p->nmatch : p->n, k;
	char buf[MB_LEN_MAX + 1], label[512], value[32];

	switch (act) {
	case ACT_UP:
		p->sel -= p->sel > 0;
		return 1;
	case ACT_DOWN:
		p->sel += p->sel + 1 < count;
		return 1;
	case ACT_MARK:
		if (!p->multi || count == 0)
			return 1;
		if ((k = picker_marked(p, p->rows[p->sel].id)) >= 0) {
			free(p->marks[k].label);
			memmove(p->marks + k, p->marks + k + 1,
			    (size_t)(p->nmarks - k - 1) * sizeof *p->marks);
			p->nmarks--;
		} else {
			p->marks = xreallocarray(p->marks, (size_t)p->nmarks + 1,
			    sizeof *p->marks);
			row_label(p, &p->rows[p->sel], label, sizeof label);
			p->marks[p->nmarks].id = p->rows[p->sel].id;
			p->marks[p->nmarks++].label = xstrdup(label);
		}
		p->sel += p->sel + 1 < count;
		return 1;
	case ACT_OPEN:
		if (p->nmarks > 0) {    /* multi-select: every marked record */
			for (k = 0; k < p->nmarks; k++) {
				snprintf(value, sizeof value, "%lld", p->marks[k].id);
				p->done(p->data, value, p->marks[k].label);
			}
			picker_finish(p, a);
			return 1;
		}
		if (count == 0)
			return 1;
		if (p->f->type == FT_CHOICE) {
			const choice *c = &p->f->choices[p->match[p->sel]];
			p->done(p->data, c->code, c->label[model_lang()]);
		} else {
			snprintf(value, sizeof value, "%lld", p->rows[p->sel].id);
			row_label(p, &p->rows[p->sel], label, sizeof label);
			p->done(p->data, value, label);
		}
		picker_finish(p, a);
		return 1;
	case ACT_BACK:
		app_pop(a);
		return 1;
	case ACT_DEL_BACK:
		if (text_edit_delete_back(&p->query))
			picker_update(p, a);
		return 1;
	case ACT_KILL_START:
		if (text_edit_kill_start(&p->query))
			picker_update(p, a);
		return 1;
	case ACT_LEFT:
	case ACT_RIGHT:
		text_edit_arrow(&p->query, act == ACT_LEFT, DIR_AUTO);
		return 1;
	default:
		if (is_key || ch < 32 || (k = wctomb(buf, (wchar_t)ch)) <= 0)
			return 0;
		buf[k] = '\0';
		if (text_edit_insert(&p->query, buf) == 0)
			picker_update(p, a);
		return 1;
	}
}

static void picker_close(struct view *v)
{
	struct picker *p = (struct picker *)v;
	int i;

	store_rows_free(&p->q, p->rows, p->n);
	text_edit_free(&p->query);
	free(p->match);
	for (i = 0; i < p->nmarks; i++)
		free(p->marks[i].label);
	free(p->marks);
	free(p);
}

static const struct view_ops picker_ops = {"picker", picker_draw, picker_key,
    picker_close};

struct view *picker_open(struct app *a, const field *f, const char *query,
    void (*done)(void *data, const char *value, const char *label),
    void *data)
{
	struct picker *p = xcalloc(1, sizeof *p);

	p->v.ops = &picker_ops;
	p->v.ctx = CTX_PICKER;
	p->f = f;
	p->done = done;
	p->data = data;
	text_edit_init(&p->query, query, 0);
	p->query.maxchars = 60;
	p->match = xcalloc((size_t)f->nchoices + 1, sizeof *p->match);
	if (f->type == FT_LOOKUP) {
		p->q.ent = f->target_ent;
		p->q.sort = -1;
		p->q.filter_field = -1;
	}
	snprintf(p->v.title, sizeof p->v.title, _("Choose: %s"), field_label(f));
	picker_update(p, a);
	return &p->v;
}

struct view *picker_open_multi(struct app *a, const field *f,
    void (*done)(void *data, const char *value, const char *label),
    void *data)
{
	struct picker *p = (struct picker *)picker_open(a, f, "", done, data);

	p->multi = f->type == FT_LOOKUP;
	snprintf(p->v.title, sizeof p->v.title, _("Choose: %s (Tab marks "
	    "several)"), field_label(f));
	return &p->v;
}
