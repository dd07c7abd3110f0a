/* view_cohort.c - a cohort as a supervisor reads it: a header (where,
 * what, when, capacity) and live counts by status and by gender over the
 * roster, which is the list of its enrollments (paged by keyset like any
 * list, so thousands of trainees scroll as fast as ten).  e enrolls
 * through a multi-select picker, t changes the status of the marked rows,
 * x exports the roster, E edits the cohort itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

struct cohort {
	const entity *ent;      /* cohort */
	const entity *enr;      /* enrollment */
	long long id;           /* the cohort */
	record *r;              /* its values */
	char *line[4];          /* header lines, built on change */
	struct app *a;          /* the program (for the picker's answers) */
	struct view *list;      /* the roster list (set after opening) */
	record **pending;       /* enrollments picked, not yet saved */
	int npending;           /* how many */
};

/* Reload the cohort and rebuild the header lines. */
static void cohort_changed(void *d, struct app *a)
{
	struct cohort *c = d;
	strbuf b = {0};
	long long total, cap;
	int i, ci;
	dferr e;

	record_free(c->r);
	c->r = NULL;
	if (store_get(a->st, c->ent, c->id, &c->r, &e) != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		c->r = record_new(c->ent);
	}
	for (i = 0; i < 4; i++) {
		free(c->line[i]);
		c->line[i] = NULL;
	}
	record_header_add(a, c->ent, c->r, &b, "code");
	record_header_add(a, c->ent, c->r, &b, "institution_id");
	record_header_add(a, c->ent, c->r, &b, "specialty_id");
	c->line[0] = sb_detach(&b);
	record_header_add(a, c->ent, c->r, &b, "school_year");
	record_header_add(a, c->ent, c->r, &b, "start_date");
	record_header_add(a, c->ent, c->r, &b, "end_date");
	record_header_add(a, c->ent, c->r, &b, "programme_id");
	record_header_add(a, c->ent, c->r, &b, "agreement_id");
	c->line[1] = sb_detach(&b);
	sb_addf(&b, "%s: ", _("Status"));
	total = record_counts_add(a, c->enr, "cohort_id", c->id, "status", &b);
	ci = model_field_index(c->ent, "capacity");
	cap = ci >= 0 && c->r->v[ci] ? atoll(c->r->v[ci]) : 0;
	if (cap > 0)
		sb_addf(&b, "  |  %s %lld/%lld (%lld%%)", _("capacity used"), total,
		    cap, total * 100 / cap);
	else
		sb_addf(&b, "  |  %s %lld", _("trainees"), total);
	c->line[2] = sb_detach(&b);
	sb_addf(&b, "%s: ", _("Gender"));
	record_counts_add(a, c->enr, "cohort_id", c->id, "trainee_id.gender",
	    &b);
	c->line[3] = sb_detach(&b);
}

static void cohort_draw(void *d, struct app *a, WINDOW *w, int cols)
{
	struct cohort *c = d;
	int i;

	for (i = 0; i < 4; i++) {
		wattrset(w, i == 0 ? A_BOLD : A_NORMAL);
		ui_text(a, w, i, 0, cols, c->line[i] ? c->line[i] : "", DIR_LTR,
		    TEXT_LEFT);
	}
	wattrset(w, A_NORMAL);
	mvwhline(w, 4, 0, ACS_HLINE, cols);
}

/* Save the picked enrollments one by one: a trainee already in the cohort
 * is reported, the others are enrolled. */
static int cohort_enroll_save(struct app *a, int yes)
{
	struct cohort *c = a->confirm_data;
	char first[sizeof ((dferr *)0)->msg] = "";
	int i, ok = 0, bad = 0;
	dferr e;

	for (i = 0; yes && i < c->npending; i++) {
		if (store_insert(a->st, c->enr, c->pending[i], NULL, &e) == ST_OK)
			ok++;
		else if (bad++ == 0)
			snprintf(first, sizeof first, "%s", e.msg);
	}
	for (i = 0; i < c->npending; i++)
		record_free(c->pending[i]);
	c->npending = 0;
	if (bad)
		app_status(a, 1, _("Enrolled %d; %d not enrolled: %s"), ok, bad,
		    first);
	else if (yes)
		app_status(a, 0, _("Enrolled %d trainees"), ok);
	list_changed(c->list, 0);
	return yes;
}

static void cohort_picked_all(struct cohort *c, struct app *a);

/* The picker's answers: one per trainee, then NULL when done. */
static void cohort_picked(void *d, const char *value, const char *label)
{
	struct cohort *c = d;
	record *r;
	char id[32], today[16];

	(void)label;
	if (value == NULL) {
		cohort_picked_all(c, c->a);
		return;
	}
	r = record_new(c->enr);
	snprintf(id, sizeof id, "%lld", c->id);
	util_today(today, sizeof today);
	record_set(r, model_field_index(c->enr, "trainee_id"), value);
	record_set(r, model_field_index(c->enr, "cohort_id"), id);
	record_set(r, model_field_index(c->enr, "status"), "enrolled");
	record_set(r, model_field_index(c->enr, "enrolled_on"), today);
	c->pending = xreallocarray(c->pending, (size_t)c->npending + 1,
	    sizeof *c->pending);
	c->pending[c->npending++] = r;
}

/* After the picker: enroll, asking first when it would pass capacity. */
static void cohort_picked_all(struct cohort *c, struct app *a)
{
	int ci = model_field_index(c->ent, "capacity");
	long long cap = ci >= 0 && c->r->v[ci] ? atoll(c->r->v[ci]) : 0, now = 0;
	char id[32];
	list_query q = {0};
	dferr e;

	if (c->npending == 0)
		return;
	snprintf(id, sizeof id, "%lld", c->id);
	q.ent = c->enr;
	q.sort = -1;
	q.filter_field = model_field_index(c->enr, "cohort_id");
	q.filter_value = id;
	if (store_list_count(a->st, &q, 1000000000LL, &now, &e) != ST_OK)
		now = 0;
	if (cap > 0 && now + c->npending > cap)
		app_ask(a, cohort_enroll_save, c, _("Capacity is %lld and %lld are "
		    "enrolled: enroll %d more anyway? (y/n)"), cap, now,
		    c->npending);
	else {
		a->confirm_data = c;
		cohort_enroll_save(a, 1);
	}
}

static int cohort_key(void *d, struct app *a, struct view *list, wint_t ch,
    int is_key, enum action act)
{
	static const char *const status_fields[] = {"status", "status_date",
	    "drop_reason", "outcome", NULL};
	struct cohort *c = d;
	long long *ids;
	int n;

	(void)ch;
	(void)is_key;
	c->list = list;
	switch (act) {
	case ACT_ENROLL:
		app_push(a, picker_open_multi(a, &c->enr->fields[model_field_index(
		    c->enr, "trainee_id")], cohort_picked, c));
		return 1;
	case ACT_STATUS:
		ids = list_chosen(list, &n);
		if (n > 0)
			app_push(a, form_open_batch(a, c->enr, ids, n, status_fields,
			    list));
		free(ids);
		return 1;
	case ACT_EDIT_RECORD:
		list_changed(list, 0);
		app_push(a, form_open(a, c->ent, c->id));
		return 1;
	case ACT_HISTORY_RECORD:
		app_push(a, history_open(a, c->ent, c->id, list));
		return 1;
	default:
		return 0;
	}
}

static void cohort_free(void *d)
{
	struct cohort *c = d;
	int i;

	for (i = 0; i < 4; i++)
		free(c->line[i]);
	for (i = 0; i < c->npending; i++)
		record_free(c->pending[i]);
	free(c->pending);
	record_free(c->r);
	free(c);
}

static const struct list_panel cohort_panel = {5, cohort_draw, cohort_key,
    cohort_changed, cohort_free};

struct view *cohort_open(struct app *a, const entity *ent, long long id)
{
	const model *m = store_model(a->st);
	struct cohort *c = xcalloc(1, sizeof *c);
	char title[128], *label = NULL;

	c->a = a;
	c->ent = ent;
	c->enr = model_entity(m, "enrollment");
	c->id = id;
	store_label(a->st, ent, id, &label, NULL);
	snprintf(title, sizeof title, _("Cohort %s"), label ? label : "?");
	free(label);
	c->list = list_open_related(a, c->enr, model_field_index(c->enr,
	    "cohort_id"), id, title, &cohort_panel, c);
	return c->list;
}
