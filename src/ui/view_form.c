/* view_form.c - the form of any entity, from its field metadata, over a
 * form model of its own.  Enter/Tab next field, Shift-Tab/Up previous, a
 * field checked when the cursor leaves it and all on Ctrl-S; after saving
 * a new record a fresh one opens with the carry-forward fields filled. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_model.h"
#include "ui.h"

struct form {
	struct view v;          /* base */
	struct app *a;          /* for lookup labels */
	struct form_model m;    /* the values */
	int cur;                /* focused field */
	int top;                /* first field shown */
	int force;              /* next save overwrites a newer version */
	int saved;              /* records saved from this form */
	unsigned char *hide;    /* batch form: fields not shown, or NULL */
	long long *batch;       /* batch form: the records changed together */
	int nbatch;             /* how many */
	struct view *notify;    /* batch form: list to refresh after saving */
};

/* Rows field i takes on screen (0: hidden in a batch form). */
static int form_rows(const struct form *fm, int i)
{
	if (fm->hide && fm->hide[i])
		return 0;
	return fm->m.ent->fields[i].type == FT_LONGTEXT ? 3 : 1;
}

static char *form_label(void *ctx, const entity *ent, long long id)
{
	struct app *a = ctx;
	char *l = NULL;

	store_label(a->st, ent, id, &l, NULL);
	return l;
}

static void form_title(struct form *fm)
{
	if (fm->m.id)
		snprintf(fm->v.title, sizeof fm->v.title, "%s #%lld",
		    entity_label(fm->m.ent), fm->m.id);
	else
		snprintf(fm->v.title, sizeof fm->v.title, _("%s: new record"),
		    entity_label(fm->m.ent));
}

static void form_draw(struct view *v, struct app *a, WINDOW *w)
{
	struct form *fm = (struct form *)v;
	const entity *ent = fm->m.ent;
	int rows = getmaxy(w), cols = getmaxx(w), lw = 24, vx, vw, y, i, h;
	char lab[160];

	vx = lw + 2;
	vw = cols - vx - 1;
	/* scroll so the focused field is on screen */
	for (;;) {
		for (y = 0, i = fm->top; i < fm->cur; i++)
			y += form_rows(fm, i);
		if (fm->cur < fm->top)
			fm->top = fm->cur;
		else if (y + form_rows(fm, fm->cur) > rows)
			fm->top++;
		else
			break;
	}
	for (y = 0, i = fm->top; i < ent->nfields && y < rows; i++) {
		const field *f = &ent->fields[i];
		struct form_field *ff = &fm->m.f[i];
		if ((h = form_rows(fm, i)) == 0)
			continue;
		snprintf(lab, sizeof lab, "%s%s", f->required ? "* " : "  ",
		    field_label(f));
		wattrset(w, ff->bad ? app_attr(a, PAIR_ERROR) : i == fm->cur ?
		    A_BOLD : app_attr(a, PAIR_LABEL));
		ui_text(a, w, y, 0, lw, lab, DIR_LTR, TEXT_LEFT);
		wattrset(w, i == fm->cur ? A_UNDERLINE : A_NORMAL);
		if (h > 1 && i != fm->cur) {    /* long text, wrapped */
			char **lines;
			size_t n = text_wrap(ff->ed.s, vw, &lines), k;
			for (k = 0; k < (size_t)h && y + (int)k < rows; k++)
				ui_text(a, w, y + (int)k, vx, vw, k < n ? lines[k] : "",
				    f->dir, TEXT_LEFT);
			text_lines_free(lines, n);
		} else
			ui_text(a, w, y, vx, vw, ff->ed.s, f->dir, TEXT_LEFT);
		wattrset(w, A_NORMAL);
		if (i == fm->cur) {
			int tw = text_width(ff->ed.s), col;
			int rtl = text_direction(ff->ed.s, f->dir) == DIR_RTL;
			col = text_edit_cursor_col(&ff->ed, f->dir, a->bidi);
			if (a->bidi == BIDI_APP && rtl)     /* shown right-aligned */
				col += (tw < vw ? vw - tw : 0) - (tw == 0);
			if (col < 0)
				col = 0;
			if (col >= vw)
				col = vw - 1;
			v->cursor_y = y;
			v->cursor_x = vx + col;
		}
		y += h;
	}
}

/* Move focus to field i (checking the one left). */
static void form_focus(struct form *fm, struct app *a, int i, int check)
{
	char *v = NULL, msg[512];
	int dir;

	if (check) {
		if (form_model_check(&fm->m, fm->cur, &v, msg, sizeof msg) != 0)
			app_status(a, 1, "%s", msg);
		else
			a->status[0] = '\0';
		free(v);
	}
	dir = i < fm->cur ? -1 : 1;
	fm->cur = (i + fm->m.n) % fm->m.n;
	while (form_rows(fm, fm->cur) == 0) {   /* skip hidden fields */
		i += dir;
		fm->cur = (i + fm->m.n) % fm->m.n;
	}
	if (!a->status[0] || !a->status_err) {
		const field *f = &fm->m.ent->fields[fm->cur];
		if (f->help != NULL)
			app_status(a, 0, "%s: %s", field_label(f), _(f->help));
		else if (f->type == FT_LOOKUP || f->type == FT_CHOICE)
			app_status(a, 0, "%s", _("F2 or type to choose from a list"));
	}
}

/* The picker's answer for the focused field. */
static void form_pick_done(void *data, const char *value, const char *label)
{
	struct form *fm = data;

	form_model_set(&fm->m, fm->cur, label, value);
	fm->m.f[fm->cur].bad = 0;
}

/* Save a batch form: every shown field's value onto each record, in one
 * transaction (all or none). */
static void form_save_batch(struct form *fm, struct app *a)
{
	const entity *ent = fm->m.ent;
	record **rs = xcalloc((size_t)fm->nbatch, sizeof *rs);
	char *v, msg[512];
	int i, k, got = 0;
	dferr e;

	for (i = 0; i < fm->m.n; i++) {         /* check the shown fields */
		if (fm->hide[i])
			continue;
		if (form_model_check(&fm->m, i, &v, msg, sizeof msg) != 0) {
			fm->cur = i;
			app_status(a, 1, "%s", msg);
			goto out;
		}
		free(v);
	}
	for (k = 0; k < fm->nbatch; k++, got++) {
		if (store_get(a->st, ent, fm->batch[k], &rs[k], &e) != ST_OK) {
			app_status(a, 1, "%s", e.msg);
			goto out;
		}
		for (i = 0; i < fm->m.n; i++)
			if (!fm->hide[i]) {
				form_model_check(&fm->m, i, &v, msg, sizeof msg);
				record_set(rs[k], i, v);
				free(v);
			}
	}
	if (store_update_many(a->st, ent, rs, fm->nbatch, 0, &e) != ST_OK) {
		app_status(a, 1, "%s", e.msg);
		goto out;
	}
	app_status(a, 0, _("Changed %d records"), fm->nbatch);
	if (fm->notify)
		list_changed(fm->notify, 1);
	app_pop(a);
out:
	for (k = 0; k < got; k++)
		record_free(rs[k]);
	free(rs);
}

/* Save the form's record; note (or NULL) goes to the audit row of an
 * insert, and means the user has seen its possible duplicates. */
static void form_save(struct form *fm, struct app *a, const char *note)
{
	record *r = NULL;
	int bad, rc;
	char msg[512];
	dferr e;

	if (form_model_record(&fm->m, &r, &bad, msg, sizeof msg) != 0) {
		fm->cur = bad;
		app_status(a, 1, "%s", msg);
		return;
	}
	if (note == NULL && similar_check(a, &fm->v, fm->m.ent, r, &fm->cur)) {
		record_free(r);
		return;
	}
	if (r->id == 0) {
		rc = store_insert(a->st, fm->m.ent, r, note, &e);
		if (rc == ST_OK) {      /* heads-down: next record, carried fields */
			fm->saved++;
			app_status(a, 0, _("Saved #%lld. Next record (carried-forward "
			    "fields kept); Esc to leave."), r->id);
			fm->cur = form_model_carry(&fm->m);
		}
	} else {
		rc = store_update(a->st, fm->m.ent, r, fm->force, &e);
		if (rc == ST_OK) {
			record *fresh = NULL;
			fm->saved++;
			fm->force = 0;
			if (store_get(a->st, fm->m.ent, r->id, &fresh, &e) == ST_OK)
				form_model_load(&fm->m, fresh);
			record_free(fresh);
			app_status(a, 0, _("Saved (version %lld)"), r->version);
		} else if (rc == ST_CONFLICT) {
			fm->force = 1;
			app_status(a, 1, _("%s [Ctrl-S overwrites, Ctrl-R reloads "
			    "keeping your edits]"), e.msg);
		}
	}
	if (rc != ST_OK && rc != ST_CONFLICT)
		app_status(a, 1, "%s", e.msg);
	record_free(r);
	form_title(fm);
}

void form_save_noted(struct view *form, struct app *a, const char *note)
{
	form_save((struct form *)form, a, note);
	form->dirty = 1;
}

static int form_discard(struct app *a, int yes)
{
	if (yes)
		app_pop(a);
	return yes;
}

/* Editing keys on the focused field; returns 1 when used. */
static int form_edit(struct form *fm, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	const field *f = &fm->m.ent->fields[fm->cur];
	struct form_field *ff = &fm->m.f[fm->cur];
	char buf[MB_LEN_MAX + 1];
	int k;

	switch (act) {
	case ACT_LEFT:
	case ACT_RIGHT:
		text_edit_arrow(&ff->ed, act == ACT_LEFT, f->dir);
		return 1;
	case ACT_LINE_START:
		text_edit_home(&ff->ed);
		return 1;
	case ACT_LINE_END:
		text_edit_end(&ff->ed);
		return 1;
	case ACT_WORD_LEFT:
		text_edit_word_left(&ff->ed);
		return 1;
	case ACT_DEL_BACK:
		text_edit_delete_back(&ff->ed);
		break;
	case ACT_DEL_FWD:
		text_edit_delete_fwd(&ff->ed);
		break;
	case ACT_KILL_END:
		text_edit_kill_end(&ff->ed);
		break;
	case ACT_KILL_START:
		text_edit_kill_start(&ff->ed);
		break;
	default:
		if (is_key || ch < 32 || (k = wctomb(buf, (wchar_t)ch)) <= 0)
			return 0;
		buf[k] = '\0';
		if (f->type == FT_LOOKUP) {     /* typing searches the target */
			app_push(a, picker_open(a, f, buf, form_pick_done, fm));
			return 1;
		}
		if (text_edit_insert(&ff->ed, buf) != 0)
			app_status(a, 1, _("%s: at most %d characters"),
			    field_label(f), f->maxlen);
		break;
	}
	free(ff->value);        /* edited by hand: no chosen value any more */
	ff->value = NULL;
	if (f->type == FT_LOOKUP)
		text_edit_set(&ff->ed, "");
	return 1;
}

static int form_key(struct view *v, struct app *a, wint_t ch, int is_key,
    enum action act)
{
	struct form *fm = (struct form *)v;
	const field *f = &fm->m.ent->fields[fm->cur];
	record *r = NULL;
	dferr e;

	switch (act) {
	case ACT_NEXT:
	case ACT_DOWN:
		form_focus(fm, a, fm->cur + 1, 1);
		return 1;
	case ACT_PREV:
		form_focus(fm, a, fm->cur - 1, 1);
		return 1;
	case ACT_LINKS:
		if (fm->m.id)
			app_push(a, links_open(a, fm->m.ent, fm->m.id));
		return 1;
	case ACT_HISTORY:
		if (fm->m.id)
			app_push(a, history_open(a, fm->m.ent, fm->m.id, NULL));
		else
			app_status(a, 0, "%s", _("A new record has no history yet"));
		return 1;
	case ACT_SAVE:
		if (fm->batch)
			form_save_batch(fm, a);
		else
			form_save(fm, a, NULL);
		return 1;
	case ACT_PICK:
		if (f->type == FT_LOOKUP || f->type == FT_CHOICE)
			app_push(a, picker_open(a, f, "", form_pick_done, fm));
		return 1;
	case ACT_RELOAD:
		if (fm->m.id && store_get(a->st, fm->m.ent, fm->m.id, &r, &e) == ST_OK) {
			form_model_merge(&fm->m, r);
			fm->force = 0;
			app_status(a, 0, "%s", _("Reloaded; your changed fields are "
			    "kept: Ctrl-S saves them"));
		}
		record_free(r);
		return 1;
	case ACT_BACK:
		if (form_model_dirty(&fm->m))
			app_ask(a, form_discard, NULL, "%s",
			    _("Leave and drop what you typed in this form?"));
		else
			app_pop(a);
		return 1;
	default:
		return form_edit(fm, a, ch, is_key, act);
	}
}

static void form_close(struct view *v)
{
	struct form *fm = (struct form *)v;

	form_model_free(&fm->m);
	free(fm->hide);
	free(fm->batch);
	free(fm);
}

static const struct view_ops form_ops = {"form", form_draw, form_key, form_close};

struct view *form_open(struct app *a, const entity *ent, long long id)
{
	struct form *fm = xcalloc(1, sizeof *fm);
	record *r = NULL;
	dferr e;

	fm->v.ops = &form_ops;
	fm->v.ctx = CTX_FORM;
	fm->a = a;
	form_model_init(&fm->m, ent, form_label, a);
	if (id != 0) {
		if (store_get(a->st, ent, id, &r, &e) != ST_OK) {
			app_status(a, 1, "%s", e.msg);
			form_close(&fm->v);
			return NULL;
		}
		form_model_load(&fm->m, r);
		record_free(r);
	}
	form_title(fm);
	return &fm->v;
}

struct view *form_open_batch(struct app *a, const entity *ent,
    const long long *ids, int n, const char *const *fields,
    struct view *notify)
{
	struct form *fm = (struct form *)form_open(a, ent, ids[0]);
	int i, k;

	if (fm == NULL)
		return NULL;
	fm->hide = xcalloc((size_t)ent->nfields, 1);
	for (i = 0; i < ent->nfields; i++)
		fm->hide[i] = 1;
	for (k = 0; fields[k] != NULL; k++)
		if ((i = model_field_index(ent, fields[k])) >= 0)
			fm->hide[i] = 0;
	fm->batch = xcalloc((size_t)n, sizeof *fm->batch);
	memcpy(fm->batch, ids, (size_t)n * sizeof *ids);
	fm->nbatch = n;
	fm->notify = notify;
	fm->cur = model_field_index(ent, fields[0]);
	snprintf(fm->v.title, sizeof fm->v.title, _("%s: change %d records"),
	    entity_label(ent), n);
	return &fm->v;
}

void form_preset(struct view *v, int fi, const char *value)
{
	struct form *fm = (struct form *)v;
	const field *f = &fm->m.ent->fields[fi];
	char *label = NULL;

	if (f->type == FT_LOOKUP)
		store_label(fm->a->st, f->target_ent, atoll(value), &label, NULL);
	form_model_set(&fm->m, fi, label ? label : value, value);
	free(fm->m.f[fi].orig);         /* preset, not typed: not "unsaved" */
	fm->m.f[fi].orig = xstrdup(fm->m.f[fi].ed.s);
	free(label);
	if (fm->cur == fi)
		form_focus(fm, fm->a, fi + 1, 0);
}
