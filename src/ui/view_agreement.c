/* view_agreement.c - what a convention says and what it has produced: a
 * header (reference, kind, title, signing, region, status with an expiry
 * flag, dates, joint committee) and the target against the actual
 * beneficiaries (trainees enrolled in its cohorts, by status, counted in
 * SQL), over the list of its parties, editable in place (Enter edits a
 * party, n adds one already tied to this agreement).  c lists its
 * cohorts, p opens the framework agreement above, l the specific
 * agreements under it and every other link, E edits the agreement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui.h"

#define AGR_LINES 5             /* header lines, then a rule */

struct agreement {
	struct app *a;          /* the program */
	const entity *ent;      /* agreement */
	long long id;           /* the agreement */
	record *r;              /* its values */
	char *line[AGR_LINES];  /* header lines, built on change */
};

/* Days from today to the stored date d (negative: past); *ok = 0 when d
 * is not a date. */
static long agreement_days_left(const char *d, int *ok)
{
	struct tm end = {0}, now;
	time_t t = time(NULL);

	localtime_r(&t, &now);
	*ok = d != NULL && text_parse_date(d, &end.tm_year, &end.tm_mon,
	    &end.tm_mday) == 0;
	if (!*ok)
		return 0;
	end.tm_year -= 1900;
	end.tm_mon -= 1;
	end.tm_hour = now.tm_hour = 12;  /* whole days, whatever DST does */
	now.tm_min = now.tm_sec = 0;
	now.tm_isdst = end.tm_isdst = -1;
	return (long)((mktime(&end) - mktime(&now)) / 86400);
}

/* Reload the agreement and rebuild the header lines. */
static void agreement_changed(void *d, struct app *a)
{
	struct agreement *g = d;
	const entity *enr = model_entity(store_model(a->st), "enrollment");
	strbuf b = {0}, by = {0};
	long long total;
	int i, ok, ti, ei;
	long left;
	dferr e;

	record_free(g->r);
	g->r = NULL;
	if (store_get(a->st, g->ent, g->id, &g->r, &e) != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		g->r = record_new(g->ent);
	}
	for (i = 0; i < AGR_LINES; i++) {
		free(g->line[i]);
		g->line[i] = NULL;
	}
	record_header_add(a, g->ent, g->r, &b, "reference");
	record_header_add(a, g->ent, g->r, &b, "kind");
	record_header_add(a, g->ent, g->r, &b, "status");
	ei = model_field_index(g->ent, "end_date");
	left = agreement_days_left(ei >= 0 ? g->r->v[ei] : NULL, &ok);
	if (ok && left < 0)
		sb_addf(&b, "  [%s]", _("EXPIRED"));
	else if (ok && left <= 90)
		sb_addf(&b, "  [%s]", _("ends within 90 days"));
	g->line[0] = sb_detach(&b);
	record_header_add(a, g->ent, g->r, &b, "title");
	g->line[1] = sb_detach(&b);
	record_header_add(a, g->ent, g->r, &b, "signed_on");
	record_header_add(a, g->ent, g->r, &b, "signed_at");
	record_header_add(a, g->ent, g->r, &b, "region_id");
	record_header_add(a, g->ent, g->r, &b, "joint_committee");
	g->line[2] = sb_detach(&b);
	record_header_add(a, g->ent, g->r, &b, "start_date");
	record_header_add(a, g->ent, g->r, &b, "end_date");
	record_header_add(a, g->ent, g->r, &b, "parent_id");
	g->line[3] = sb_detach(&b);
	total = enr ? record_counts_add(a, enr, "cohort_id.agreement_id", g->id,
	    "status", &by) : 0;
	ti = model_field_index(g->ent, "target_beneficiaries");
	if (ti >= 0 && g->r->v[ti])
		sb_addf(&b, _("Beneficiaries: %lld of %s targeted"), total,
		    g->r->v[ti]);
	else
		sb_addf(&b, _("Beneficiaries: %lld (no target set)"), total);
	if (by.len)
		sb_addf(&b, "  (%s)", by.s);
	sb_free(&by);
	g->line[4] = sb_detach(&b);
}

static void agreement_draw(void *d, struct app *a, WINDOW *w, int cols)
{
	struct agreement *g = d;
	int i;

	for (i = 0; i < AGR_LINES; i++) {
		wattrset(w, i == 0 ? A_BOLD : A_NORMAL);
		if (i == 0 && g->line[0] && strchr(g->line[0], '['))
			wattrset(w, A_BOLD | app_attr(a, PAIR_ERROR));
		ui_text(a, w, i, 0, cols, g->line[i] ? g->line[i] : "", DIR_AUTO,
		    TEXT_LEFT);
	}
	wattrset(w, A_NORMAL);
	mvwhline(w, AGR_LINES, 0, ACS_HLINE, cols);
}

static int agreement_key(void *d, struct app *a, struct view *list,
    wint_t ch, int is_key, enum action act)
{
	struct agreement *g = d;
	const entity *co = model_entity(store_model(a->st), "cohort");
	int pi = model_field_index(g->ent, "parent_id");
	char title[256];

	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_CHILDREN:
		snprintf(title, sizeof title, _("Cohorts of agreement #%lld"),
		    g->id);
		app_push(a, list_open_related(a, co, model_field_index(co,
		    "agreement_id"), g->id, title, NULL, NULL));
		return 1;
	case ACT_PARENT:
		if (pi >= 0 && g->r->v[pi])
			app_push(a, agreement_open(a, g->ent, atoll(g->r->v[pi])));
		else
			app_status(a, 0, "%s", _("This agreement has no framework "
			    "agreement above it"));
		return 1;
	case ACT_EDIT_RECORD:
		list_changed(list, 0);
		app_push(a, form_open(a, g->ent, g->id));
		return 1;
	case ACT_HISTORY_RECORD:
		app_push(a, history_open(a, g->ent, g->id, list));
		return 1;
	case ACT_LINKS:
		app_push(a, links_open(a, g->ent, g->id));
		return 1;
	default:
		return 0;
	}
}

static void agreement_free(void *d)
{
	struct agreement *g = d;
	int i;

	for (i = 0; i < AGR_LINES; i++)
		free(g->line[i]);
	record_free(g->r);
	free(g);
}

static const struct list_panel agreement_panel = {AGR_LINES + 1,
    agreement_draw, agreement_key, agreement_changed, agreement_free};

struct view *agreement_open(struct app *a, const entity *ent, long long id)
{
	const entity *party = model_entity(store_model(a->st), "agreement_party");
	struct agreement *g = xcalloc(1, sizeof *g);
	char title[128], *label = NULL;

	g->a = a;
	g->ent = ent;
	g->id = id;
	store_label(a->st, ent, id, &label, NULL);
	snprintf(title, sizeof title, _("Agreement %s"), label ? label : "?");
	free(label);
	return list_open_related(a, party, model_field_index(party,
	    "agreement_id"), id, title, &agreement_panel, g);
}
