/* record.c - opening a record: its record view when it has one (cohort,
 * agreement), else its form; the "linked records" chooser (every entity
 * whose lookup fields point to this one, from the metadata); and the
 * header helper the record views share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* Entities with a record view of their own. */
static const struct {
	const char *ent;        /* entity name */
	struct view *(*open)(struct app *, const entity *, long long);
} record_views[] = {
	{"cohort", cohort_open},
	{"agreement", agreement_open},
};

struct view *record_open(struct app *a, const entity *ent, long long id)
{
	size_t i;

	for (i = 0; i < sizeof record_views / sizeof record_views[0]; i++)
		if (strcmp(ent->name, record_views[i].ent) == 0)
			return record_views[i].open(a, ent, id);
	return form_open(a, ent, id);
}

char *record_value_text(struct app *a, const field *f, const char *v)
{
	char *shown = NULL;

	if (v == NULL)
		return NULL;
	if (f->type == FT_LOOKUP)
		store_label(a->st, f->target_ent, atoll(v), &shown, NULL);
	else
		shown = model_display(f, v, a->date_style);
	return shown ? shown : xstrdup("?");
}

void record_header_add(struct app *a, const entity *ent, const record *r,
    strbuf *b, const char *name)
{
	int i = model_field_index(ent, name);
	char *shown;

	if (i < 0 || r->v[i] == NULL)
		return;
	shown = record_value_text(a, &ent->fields[i], r->v[i]);
	sb_addf(b, "%s%s: %s", b->len ? "  " : "", field_label(&ent->fields[i]),
	    shown);
	free(shown);
}

long long record_counts_add(struct app *a, const entity *ent,
    const char *filter, long long id, const char *group, strbuf *b)
{
	count_row *rows;
	long long total = 0;
	char v[32];
	int n, i;
	dferr e;

	snprintf(v, sizeof v, "%lld", id);
	if (store_count_by(a->st, ent, filter, v, group, &rows, &n, &e) != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		return 0;
	}
	for (i = 0; i < n; i++) {
		sb_addf(b, "%s%s %lld", i ? " · " : "", rows[i].label, rows[i].n);
		total += rows[i].n;
	}
	store_counts_free(rows, n);
	return total;
}

/* The chooser of linked records. */
struct links {
	struct view v;          /* base */
	const entity *ent;      /* the record's entity */
	long long id;           /* the record */
	struct link {
		const entity *from;     /* entity pointing here */
		int field;              /* its lookup field */
	} *items;               /* every (entity, field) pointing to ent */
	int n;                  /* how many */
	int sel;                /* selected item */
};

static void links_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct links *l = (struct links *)v;
	char buf[300];
	int i;

	ui_text(a, w, 0, 2, getmaxx(w) - 4, _("Records linked to this one:"),
	    DIR_LTR, TEXT_LEFT);
	for (i = 0; i < l->n && i + 2 < getmaxy(w); i++) {
		snprintf(buf, sizeof buf, "%s (%s)", entity_label(l->items[i].from),
		    field_label(&l->items[i].from->fields[l->items[i].field]));
		if (i == l->sel)
			wattrset(w, app_attr(a, PAIR_SELECT));
		ui_text(a, w, 2 + i, 4, getmaxx(w) - 8, buf, DIR_LTR, TEXT_LEFT);
		wattrset(w, A_NORMAL);
	}
}

static int links_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct links *l = (struct links *)v;
	const struct link *k;
	char title[256], *label = NULL;

	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_UP:
		l->sel -= l->sel > 0;
		return 1;
	case ACT_DOWN:
		l->sel += l->sel + 1 < l->n;
		return 1;
	case ACT_OPEN:
		if (l->n == 0)
			return 1;
		k = &l->items[l->sel];
		store_label(a->st, l->ent, l->id, &label, NULL);
		snprintf(title, sizeof title, "%s: %s = %s",
		    entity_label(k->from), field_label(&k->from->fields[k->field]),
		    label ? label : "?");
		free(label);
		{
			const entity *from = k->from;
			int fi = k->field;
			long long id = l->id;
			app_pop(a);     /* the list replaces the chooser */
			app_push(a, list_open_related(a, from, fi, id, title, NULL,
			    NULL));
		}
		return 1;
	default:
		return 0;
	}
}

static void links_close(struct view *v)
{
	struct links *l = (struct links *)v;

	free(l->items);
	free(l);
}

static const struct view_ops links_ops = {"links", links_draw, links_key,
    links_close};

struct view *links_open(struct app *a, const entity *ent, long long id)
{
	const model *m = store_model(a->st);
	struct links *l = xcalloc(1, sizeof *l);
	int i, j;

	l->v.ops = &links_ops;
	l->v.ctx = CTX_MENU;
	l->ent = ent;
	l->id = id;
	l->items = xcalloc((size_t)m->nents * 4 + 1, sizeof *l->items);
	for (i = 0; i < m->nents; i++)
		for (j = 0; j < m->ents[i].nfields; j++)
			if (m->ents[i].fields[j].type == FT_LOOKUP &&
			    m->ents[i].fields[j].target_ent == ent &&
			    l->n < m->nents * 4) {
				l->items[l->n].from = &m->ents[i];
				l->items[l->n++].field = j;
			}
	snprintf(l->v.title, sizeof l->v.title, "%s #%lld: %s",
	    entity_label(ent), id, _("linked records"));
	return &l->v;
}
