/* view_similar.c - before a record is saved: the existing records it may
 * duplicate, side by side with it, one column each (fields down the left,
 * values equal to the new record's in bold).  Enter opens the selected
 * existing record (the form stays underneath, nothing typed is lost);
 * Ctrl-S saves anyway, noted in the audit row; Esc goes back to the form.
 * A refusal (a CIN or code another record holds) shows the holder the
 * same way, without "save anyway". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

#define SIM_LABEL_W 18          /* the field-label column */
#define SIM_COL_MIN 16          /* narrowest value column */
#define SIM_COL_MAX 32          /* widest value column */
#define SIM_MAX 20              /* possible duplicates shown at most */

struct similar {
	struct view v;          /* base */
	struct view *form;      /* the form that is saving (below us) */
	const entity *ent;      /* what is saved */
	char **mine;            /* the new record's values as shown, per field */
	char ***theirs;         /* each candidate's values as shown */
	long long *ids;         /* the candidates */
	int n;                  /* how many */
	int sel;                /* selected candidate */
	int refuse;             /* a refusal: no "save anyway" */
	char why[256];          /* first line: what matched */
};

/* The values of record r as shown, one string (or NULL) per field. */
static char **similar_values(struct app *a, const entity *ent, const record *r)
{
	char **v = xcalloc((size_t)ent->nfields, sizeof *v);
	int i;

	for (i = 0; i < ent->nfields; i++)
		v[i] = record_value_text(a, &ent->fields[i], r->v[i]);
	return v;
}

static void values_free(char **v, int n)
{
	int i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Column width and how many candidates fit beside the new record. */
static int similar_layout(const struct similar *sm, int cols, int *shown)
{
	int avail = cols - SIM_LABEL_W, cw = avail / (sm->n + 1);

	if (cw > SIM_COL_MAX)
		cw = SIM_COL_MAX;
	if (cw < SIM_COL_MIN)
		cw = SIM_COL_MIN;
	*shown = avail / cw - 1;
	if (*shown > sm->n)
		*shown = sm->n;
	if (*shown < 1)
		*shown = 1;
	return cw;
}

/* One value cell: bold when it equals the new record's value. */
static void similar_cell(struct app *a, WINDOW *w, int y, int x, int cw,
    const field *f, const char *v, const char *mine)
{
	if (v != NULL && mine != NULL && strcmp(v, mine) == 0)
		wattrset(w, A_BOLD);
	ui_text(a, w, y, x, cw - 1, v ? v : "", f->dir, TEXT_LEFT);
	wattrset(w, A_NORMAL);
}

static void similar_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct similar *sm = (struct similar *)v;
	int cols = getmaxx(w), rows = getmaxy(w), shown, cw, first, i, j, y, x;
	char head[64];

	cw = similar_layout(sm, cols, &shown);
	first = sm->sel - shown + 1 > 0 ? sm->sel - shown + 1 : 0;
	wattrset(w, sm->refuse ? app_attr(a, PAIR_ERROR) : A_BOLD);
	ui_text(a, w, 0, 0, cols, sm->why, DIR_AUTO, TEXT_LEFT);
	wattrset(w, A_BOLD);
	ui_text(a, w, 2, SIM_LABEL_W, cw - 1, sm->refuse ? _("Not saved") :
	    _("Being saved"), DIR_LTR, TEXT_LEFT);
	for (j = 0; j < shown && first + j < sm->n; j++) {
		snprintf(head, sizeof head, "#%lld", sm->ids[first + j]);
		wattrset(w, first + j == sm->sel ? app_attr(a, PAIR_SELECT) :
		    A_BOLD);
		ui_text(a, w, 2, SIM_LABEL_W + (j + 1) * cw, cw - 1, head, DIR_LTR,
		    TEXT_LEFT);
	}
	wattrset(w, A_NORMAL);
	for (i = 0, y = 3; i < sm->ent->nfields && y < rows - 1; i++) {
		const field *f = &sm->ent->fields[i];
		if (f->type == FT_LONGTEXT)
			continue;
		ui_text(a, w, y, 0, SIM_LABEL_W - 1, field_label(f), DIR_AUTO,
		    TEXT_LEFT);
		similar_cell(a, w, y, SIM_LABEL_W, cw, f, sm->mine[i], NULL);
		for (j = 0, x = SIM_LABEL_W + cw; j < shown && first + j < sm->n;
		    j++, x += cw)
			similar_cell(a, w, y, x, cw, f, sm->theirs[first + j][i],
			    sm->mine[i]);
		y++;
	}
	if (sm->n > shown) {
		snprintf(head, sizeof head, _("%d-%d of %d (Left/Right)"), first + 1,
		    first + shown, sm->n);
		ui_text(a, w, rows - 1, 0, cols, head, DIR_LTR, TEXT_LEFT);
	}
}

/* Ctrl-S: save the form's record anyway, saying why in the audit row. */
static void similar_save(struct similar *sm, struct app *a)
{
	struct view *form = sm->form;
	strbuf note = {0};
	int i;

	sb_adds(&note, "saved although it may duplicate");
	for (i = 0; i < sm->n; i++)
		sb_addf(&note, "%s #%lld", i ? "," : "", sm->ids[i]);
	app_pop(a);             /* frees sm: the form is on top again */
	form_save_noted(form, a, note.s);
	sb_free(&note);
}

static int similar_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct similar *sm = (struct similar *)v;
	struct view *rv;

	(void)ch;
	(void)is_key;
	switch (act) {
	case ACT_LEFT:
	case ACT_UP:
		sm->sel -= sm->sel > 0;
		return 1;
	case ACT_RIGHT:
	case ACT_DOWN:
		sm->sel += sm->sel + 1 < sm->n;
		return 1;
	case ACT_OPEN:
		if ((rv = record_open(a, sm->ent, sm->ids[sm->sel])) != NULL)
			app_push(a, rv);
		return 1;
	case ACT_SAVE:
		if (sm->refuse)
			app_status(a, 1, "%s", _("This value is taken: change it "
			    "in the form (Esc), or open the record that holds it "
			    "(Enter)."));
		else
			similar_save(sm, a);
		return 1;
	default:
		return 0;
	}
}

static void similar_close(struct view *v)
{
	struct similar *sm = (struct similar *)v;
	int i;

	values_free(sm->mine, sm->ent->nfields);
	for (i = 0; i < sm->n; i++)
		values_free(sm->theirs[i], sm->ent->nfields);
	free(sm->theirs);
	free(sm->ids);
	free(sm);
}

static const struct view_ops similar_ops = {"similar", similar_draw,
	similar_key, similar_close};

/* The screen: r beside the records ids (refuse: a unique value clash, no
 * "save anyway"); NULL when none of ids exists any more. */
static struct view *similar_open(struct app *a, struct view *form,
    const entity *ent, const record *r, const long long *ids, int n,
    int refuse, const char *why)
{
	struct similar *sm = xcalloc(1, sizeof *sm);
	int i, k;
	dferr e;

	sm->v.ops = &similar_ops;
	sm->v.ctx = refuse ? CTX_TAKEN : CTX_SIMILAR;
	sm->v.cursor_y = -1;
	sm->form = form;
	sm->ent = ent;
	sm->refuse = refuse;
	snprintf(sm->v.title, sizeof sm->v.title, "%s: %s", entity_label(ent),
	    refuse ? _("already exists") : _("possible duplicate"));
	snprintf(sm->why, sizeof sm->why, "%s", why);
	sm->mine = similar_values(a, ent, r);
	sm->ids = xcalloc((size_t)n + 1, sizeof *sm->ids);
	sm->theirs = xcalloc((size_t)n + 1, sizeof *sm->theirs);
	for (i = k = 0; i < n; i++) {
		record *other = NULL;
		if (store_get(a->st, ent, ids[i], &other, &e) != ST_OK)
			continue;       /* deleted meanwhile */
		sm->ids[k] = ids[i];
		sm->theirs[k++] = similar_values(a, ent, other);
		record_free(other);
	}
	sm->n = k;
	if (k == 0) {
		similar_close(&sm->v);
		return NULL;
	}
	return &sm->v;
}

int similar_check(struct app *a, struct view *form, const entity *ent,
    const record *r, int *focus)
{
	long long ids[SIM_MAX];
	char why[256];
	struct view *sv = NULL;
	int n = 0, fi;
	dferr e;

	if (store_unique_clash(a->st, ent, r, &fi, &ids[0], &e) == ST_OK &&
	    fi >= 0) {
		snprintf(why, sizeof why, _("Not saved: %s %s is already used by "
		    "#%lld. Change it (Esc) or open #%lld (Enter)."),
		    field_label(&ent->fields[fi]), r->v[fi], ids[0], ids[0]);
		*focus = fi;            /* Esc comes back to the field to change */
		sv = similar_open(a, form, ent, r, ids, 1, 1, why);
	} else if (r->id == 0 && store_similar(a->st, ent, r, ids,
	    SIM_MAX, &n, &e) == ST_OK && n > 0) {
		snprintf(why, sizeof why, n == 1 ? _("Already recorded? %d record "
		    "shares values with this one (in bold).") : _("Already "
		    "recorded? %d records share values with this one (in bold)."),
		    n);
		sv = similar_open(a, form, ent, r, ids, n, 0, why);
	}
	if (sv == NULL)
		return 0;
	app_push(a, sv);
	return 1;
}
